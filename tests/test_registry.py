"""The renderer registry: what every format declares, and what is derived from it."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from pipeline import render
from pipeline.settings import Settings, parse_formats
from pipeline.styles import load_style


def test_every_format_declares_a_usable_renderer():
    formats = render.registry()
    assert list(formats)[:4] == ["md", "pdf", "docx", "epub"]
    extensions = [f.extension for f in formats.values()]
    assert len(extensions) == len(set(extensions))
    for fmt in formats.values():
        assert callable(fmt.render) and fmt.description, fmt.name
        if fmt.style:
            load_style(fmt.style)
        for tool in fmt.tools:
            assert tool.fix, (fmt.name, tool.name)


def test_defaults_and_styles_come_from_the_declarations():
    assert render.default_names() == ("md", "pdf", "docx", "epub", "html")
    assert render.default_styles() == {
        "pdf": "gongwen",
        "docx": "gongwen",
        "epub": "reading",
        "html": "reading",
    }
    assert parse_formats("epub, PDF") == ("md", "pdf", "epub")  # md always, in their order
    assert Settings(formats=("md", "epub")).style_names() == {"epub": "reading"}  # md: none
    assert Settings(formats=("md", "pdf"), style="reading").style_names() == {"pdf": "reading"}


def test_format_options_are_part_of_the_output_options():
    plain = Settings(formats=("md", "pdf"))
    archival = Settings(formats=("md", "pdf"), format_options={"pdf": {"variant": "pdf/a-3b"}})
    assert plain.options_for("pdf") == {"variant": None, "tagged": False}
    assert plain.options_key() != archival.options_key()
    assert archival.output_options()["format_options"]["pdf"]["variant"] == "pdf/a-3b"


def test_reading_the_registry_imports_no_renderer_library():
    """The command line reads the registry on every start; a run with nothing to do must not
    pay for weasyprint, pandoc or python-docx."""
    code = (
        "import sys, json; from pipeline import render, cli; render.registry(); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    )
    heavy = {"weasyprint", "pypandoc", "docx", "fontTools", "uharfbuzz", "trafilatura", "lxml"}
    assert not heavy & {name.split(".")[0] for name in loaded}
