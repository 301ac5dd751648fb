"""The plain-text format (render/txt.py): the proof that a format is one module."""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import CASES, run_publish
from pipeline.settings import Settings, parse_formats


def test_txt_is_the_words_without_markup(tmp_path: Path):
    (tmp_path / "in").mkdir()
    shutil.copy(CASES / "speech-study-session" / "input.txt", tmp_path / "in" / "speech.txt")
    result = run_publish(
        "all", "-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--formats", "txt"
    )
    assert result.returncode == 0, result.stderr
    written = sorted(p.name for p in (tmp_path / "out").glob("speech.*"))
    assert written == ["speech.md", "speech.txt"]
    text = (tmp_path / "out" / "speech.txt").read_text("utf-8")
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "在主题教育专题读书班上的交流发言：以学促干勇担当，凝心聚力谋发展"
    assert "一、提高政治站位，深刻认识以学促干的重大意义" in paragraphs
    assert "〔编者注：此处原文约 2,480 字被来源网站隐藏，未能收录。〕" in paragraphs
    for markup in ("#", ":::", "{", "---", "\\"):
        assert markup not in text, markup
    assert "猜你喜欢" not in text


def test_txt_uses_no_style():
    assert parse_formats("epub,txt") == ("md", "epub", "txt")
    assert Settings(formats=("md", "txt", "epub")).style_names() == {"epub": "reading"}


def test_txt_is_not_a_default_format(tmp_path: Path):
    (tmp_path / "in").mkdir()
    shutil.copy(CASES / "hidden-variants" / "input.txt", tmp_path / "in" / "a.txt")
    result = run_publish("status", "--json", "-i", str(tmp_path / "in"), "--formats", "txt")
    assert result.returncode == 0, result.stderr
    help_text = run_publish("all", "--help").stdout
    assert "md,pdf,docx,epub,html,txt" in help_text  # offered...
    assert "[default: md,pdf,docx,epub,html]" in help_text  # ...but not written unless asked for
