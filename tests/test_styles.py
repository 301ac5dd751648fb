"""Styles are validated when they are loaded: a style that cannot work stops the run (exit 2)
with the file and the key, before any document is tried."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import CASES, ROOT, run_publish
from pipeline.errors import StyleError
from pipeline.styles import load_style

GONGWEN = ROOT / "styles" / "gongwen" / "style.toml"


def _style(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the gongwen style with one edit."""
    folder = tmp_path / "edited"
    shutil.copytree(GONGWEN.parent, folder)
    definition = folder / "style.toml"
    text = definition.read_text("utf-8")
    assert re.search(old, text, re.M), old
    definition.write_text(re.sub(old, new, text, count=1, flags=re.M), "utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (r"^page_number_gap_mm = 7\n", "", "page.page_number_gap_mm: missing key"),
        (
            r'font = "heading1"',
            'font = "heding1"',
            "headings.levels[0].font: unknown font role 'heding1'",
        ),
        (
            r"^indent_chars = 2",
            "indent_chars = 2\nindent_char = 2",
            "text.indent_char: unknown key",
        ),
        (r"^size_pt = 16 ", 'size_pt = "16" ', "text.size_pt: must be a number"),
        (r"^justify = true", "justify = 1", "text.justify: must be true or false"),
        (r"^\[note\]", "[notes]", "notes: unknown key"),
        (r"^heading3 = ", "headingthree = ", "unknown font role 'heading3'"),
        (
            r"^fallback = ",
            "fallbak = ",
            "fonts.fallbak: no title, heading or note uses this font role",
        ),
        (r"^page_number = \[.*\n", "", "fonts.page_number: missing font role"),
        (r'"— \{n\} —"', '"— N —"', 'page.page_number_format: must hold "{n}"'),
    ],
)
def test_invalid_style_names_file_and_key(tmp_path: Path, old: str, new: str, message: str):
    folder = _style(tmp_path, old, new)
    with pytest.raises(StyleError) as caught:
        load_style(str(folder))
    assert str(caught.value).startswith(f"{folder / 'style.toml'}: ")
    assert message in str(caught.value)


def test_shipped_styles_load():
    for folder in sorted((ROOT / "styles").iterdir()):
        style = load_style(folder.name)
        assert style.description and style.heading_levels


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        (r"^page_number_gap_mm = 7\n", "", "page.page_number_gap_mm"),
        (r'font = "heading1"', 'font = "heding1"', "headings.levels[0].font"),
    ],
)
def test_a_broken_style_stops_the_run_with_exit_2(tmp_path: Path, old: str, new: str, key: str):
    folder = _style(tmp_path, old, new)
    result = run_publish(
        "file",
        str(CASES / "hidden-variants" / "input.txt"),
        "-o",
        str(tmp_path / "out"),
        "--style",
        str(folder),
        "--formats",
        "md,pdf",
    )
    assert result.returncode == 2, result.stderr
    assert f"{folder / 'style.toml'}: {key}:" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out" / "input.pdf").exists()


def test_face_chain_gives_each_character_to_the_first_face_that_has_it():
    """One face chain for the EPUB's subsets and the web page's fonts, in the order of the CSS
    font-family lists: the role's face, the body's, the fallbacks; a character once."""
    from pipeline.fonts import uncovered
    from pipeline.styles import chain_texts, face_chain

    style = load_style("reading")
    assert face_chain("heading1") == ("heading1", "body", "fallback", "symbols")
    assert face_chain("body") == ("body", "fallback", "symbols")
    shown = chain_texts(style, "heading1", "总则总则👍")
    assert shown["heading1"] == "总则"
    if style.fonts.get("symbols") and not uncovered("👍", [style.fonts["symbols"]]):
        assert shown["symbols"] == "👍"
    assert "👍" not in "".join(v for k, v in shown.items() if k != "symbols")
    assert chain_texts(style, "body", "\U00031350") == {}  # no face has it: left out
