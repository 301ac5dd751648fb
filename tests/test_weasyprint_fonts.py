"""pipeline/render/weasyprint_fonts.py: a whole font file is copied only when read, and a PDF
embeds exactly the font programs it embedded with weasyprint's own copying."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from pipeline.render.weasyprint_fonts import _FileContent, _Whole

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "tests" / "cases" / "speech-study-session" / "input.txt"


def test_the_own_face_is_copied_when_read_and_a_subset_at_once():
    copies: list[str] = []

    def copy(face, ot_color=None, glyph=None):
        copies.append(face)
        return f"file of {face}".encode()

    class Font:
        file_content = _FileContent(copy)

    font = Font()
    font.hb_face = "own face"
    font.file_content = _Whole("own face")
    assert copies == []  # nothing copied until read
    assert font.file_content == b"file of own face"
    assert font.file_content == b"file of own face"
    assert copies == ["own face"]  # once
    font.file_content = _Whole("subset face")  # another face, freed soon: copied now
    assert copies == ["own face", "subset face"]
    assert font.file_content == b"file of subset face"
    font.file_content = b"bytes"
    assert font.file_content == b"bytes"


# One document in both styles' PDFs, with the patch or (DISABLE set) without it.
RENDER = """
import sys
from pathlib import Path
if sys.argv[2] == "without":
    import pipeline.render.weasyprint_fonts as fonts
    fonts._installed = True  # never installed
from pipeline import render
from pipeline.clean import load_rules
from pipeline.flow import prepare
from pipeline.styles import load_style
doc = prepare(Path(sys.argv[1]), "speech", load_rules())
for name in ("gongwen", "reading"):
    render.get("pdf").render(doc, load_style(name), Path(sys.argv[3]) / f"{name}.pdf", {})
"""


def _font_programs(pdf: Path) -> list[bytes]:
    programs = []
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                for key in ("/FontFile", "/FontFile2", "/FontFile3"):
                    if key in descriptor:
                        programs.append(descriptor[key].get_object().get_data())
    return sorted(programs)


def test_pdfs_embed_the_same_font_programs(tmp_path):
    outputs = {}
    for mode in ("with", "without"):
        folder = tmp_path / mode
        folder.mkdir()
        subprocess.run(
            [sys.executable, "-c", RENDER, str(SPEECH), mode, str(folder)],
            cwd=ROOT,
            check=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        outputs[mode] = folder
    for name in ("gongwen", "reading"):
        with_patch = _font_programs(outputs["with"] / f"{name}.pdf")
        without = _font_programs(outputs["without"] / f"{name}.pdf")
        assert with_patch, name  # fonts embedded (subset programs)
        assert with_patch == without, name
