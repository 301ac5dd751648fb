"""Titles broken by meaning (pipeline/title_lines.py): the samples' titles and the rules."""

from __future__ import annotations

import unicodedata

import pytest

from pipeline.title_lines import allowed_break, break_points, split_title, words

SPEECH = (
    "在专题学习总书记在二十届中央政治局第二十一次集体学习时重要讲话精神研讨交流会上的发言："
    "筑牢根基担使命，聚力笃行启新程"
)


@pytest.mark.parametrize(
    ("title", "per_line", "lines"),
    [
        # the samples, at the 公文 title's 20 characters a line
        (
            SPEECH,
            20,
            (
                "在专题学习总书记在二十届",
                "中央政治局第二十一次集体学习时",
                "重要讲话精神研讨交流会上的发言：",
                "筑牢根基担使命，聚力笃行启新程",
            ),
        ),
        (
            "在主题教育专题读书班上的交流发言：以学促干勇担当，凝心聚力谋发展",
            20,
            ("在主题教育专题读书班上的交流发言：", "以学促干勇担当，凝心聚力谋发展"),
        ),
        ("2025年上半年办公室工作总结", 20, ("2025年上半年办公室工作总结",)),
        ("停水通知", 20, ("停水通知",)),
        # a dash opens the second line; the cover's 11 characters
        (
            "在全市深化作风建设推进会上的讲话——以学促干勇担当",
            20,
            ("在全市深化作风建设推进会上的讲话", "——以学促干勇担当"),
        ),
        ("2025年上半年办公室工作总结", 11, ("2025年上半年", "办公室工作总结")),
    ],
)
def test_titles_break_by_meaning(title: str, per_line: int, lines: tuple[str, ...]):
    assert split_title(title, per_line) == lines


@pytest.mark.parametrize("per_line", [8, 11, 14, 18, 20, 24])
def test_rules_hold_at_every_measure(per_line: int):
    for title in (
        SPEECH,
        "XX市人民政府办公室关于印发2024年全市安全生产工作要点的通知",
        "关于进一步加强和改进新时代基层党组织建设工作的实施意见",
    ):
        lines = split_title(title, per_line)
        assert "".join(lines) == title
        assert all(3 <= len(line) <= per_line for line in lines), lines
        for point in break_points(lines):
            assert allowed_break(title, point), lines
        # never inside a number, never a closing mark opening a line
        for number in ("第二十一次", "2024年"):
            assert number not in title or number in "|".join(lines), lines
        assert not any(line[0] in "，。、：；）”" for line in lines)


def test_words_come_from_the_dictionary():
    assert words("中央政治局第二十一次集体学习") == ["中央政治局", "第二十一次", "集体", "学习"]
    assert not allowed_break(SPEECH, SPEECH.index("一次"))  # 第二十|一次


def test_traditional_script_is_cut_where_its_simplified_form_is():
    """jieba's dictionary is simplified: a traditional title is segmented through its
    simplified form (same offsets), so 碩士 stays one word as 硕士 does."""
    written, simplified = "臺灣博碩士論文知識加值系統", "台湾博硕士论文知识加值系统"
    cut = words(written)
    assert "".join(cut) == written
    assert [len(w) for w in cut] == [len(w) for w in words(simplified)]
    assert "碩" not in [w[-1:] for w in cut]  # never 碩|士


def test_latin_letters_are_measured_by_the_title_face():
    """A title with a Latin word: by the face's own advances ("Markdown" is 5.3 em in Noto
    Serif CJK, not 8 x 0.6) it does not fit one line of the reading style, and is broken by
    meaning instead of leaving its last character alone (a PDF did: 编程语 | 言)."""
    from pipeline.fonts import CellWidths, FontFile, glyph_advance_em
    from pipeline.styles import load_style, title_chars_per_line, title_widths

    title = "当前Markdown已经成为最好的编程语言"
    style = load_style("reading")
    per_line = title_chars_per_line(style)
    measure = title_widths(style)
    flat = sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in title)
    assert flat <= per_line  # the flat guess: it fits
    lines = split_title(title, per_line, measure)
    assert len(lines) == 2 and "".join(lines) == title
    assert all(len(line) >= 3 for line in lines)
    assert sum(measure(ch) for ch in lines[1]) <= per_line
    face = style.font("title")
    advance = glyph_advance_em(face, "M")
    assert advance is not None and 0.8 < advance < 1.1
    assert measure("中") == 1.0
    lacking = CellWidths(FontFile(face.family, face.path, face.index), 18.0)
    assert lacking("\u16a0") == 0.6  # a rune the face lacks: the flat guess
