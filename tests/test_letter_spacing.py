"""No paragraph of the published Markdown is letter-spaced (政 府 新 闻 处 担 任 …).

Some saved pages set a space between every character (PDF-to-text converters, old CMS
templates, a yearbook's typesetting). Chinese puts no space between two Chinese characters, so
such a line prints with gaps all along it; the quality scorer compares text with whitespace
removed and never sees it. This test does, over every page the tests hold.

The measure (independent of the pipeline's own, pipeline/letter_spacing.py): a line of the
body (a heading's text, a list item's, a table row's cells or a paragraph) holding at least
MIN_HAN Chinese characters, where at least SPACED_SHARE of the Chinese characters that have
something after them on the line are followed by one space (ideographic, no-break, en, em) and
then another Chinese character or a mark of prose. A normal line with a space between two words
(张三 主任) has one such gap in many; a letter-spaced one has one after nearly every character.

Validation pages are counted only in aggregate: their text is never printed.
"""

from __future__ import annotations

import re

import golden
import pytest

import quality
from conftest import SAMPLES
from pipeline.clean import load_rules
from pipeline.errors import DocumentError
from pipeline.flow import prepare

MIN_HAN = 8
SPACED_SHARE = 0.5
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN_CHAR = re.compile(f"[{_HAN}]")
# A Chinese character followed by one space and another Chinese character or a mark of prose
# (not the line's end, not a run of spaces that aligns columns, not a table's cell bar).
_SPACED_AFTER = re.compile(
    f"[{_HAN}](?=[ \u3000\xa0\u2002\u2003][{_HAN}，。、；：！？,.;:!?“”‘’《》〈〉（）()「」『』])"
)
_MARKUP = re.compile(r"^(?:#{1,6} |[-*+] |\d+\. |> )+")


def letter_spaced(line: str) -> bool:
    text = _MARKUP.sub("", line).strip()
    han = [m.start() for m in _HAN_CHAR.finditer(text)]
    if len(han) < MIN_HAN:
        return False
    followed = sum(1 for at in han if at + 1 < len(text))
    spaced = len(_SPACED_AFTER.findall(text))
    return followed > 0 and spaced / followed >= SPACED_SHARE


@pytest.mark.parametrize(
    "line, spaced",
    [
        ("政 府 新 闻 处 担 任 政 府 的 公 共 关 系 顾 问 , 负 责", True),
        ("政\u3000府\u3000新\u3000聞\u3000處\u3000擔\u3000任\u3000政\u3000府", True),
        ("# 第 一 章 政 府 新 闻 处 的 工 作", True),
        ("张三 主任在会上讲话，要求各部门认真落实工作部署。", False),
        ("导 言", False),  # a letter-spaced head: short, the heading stage's signal
        ("| 姓名 | 职务 | 单位 | 电话 |", False),
        ("The quick brown fox 中文 jumps over the lazy dog", False),
        ("政府新闻处担任政府的公共关系顾问，负责政府的出版、宣传及新闻工作。", False),
    ],
)
def test_measure(line: str, spaced: bool):
    assert letter_spaced(line) is spaced


# The pipeline's closing up (pipeline/letter_spacing.py): a whole line's decision.
@pytest.mark.parametrize(
    "line, closed",
    [
        # simplified, half-width marks spaced too (made full-width later by normalize_line)
        (
            "政 府 新 闻 处 担 任 政 府 的 公 共 关 系 顾 问 , 负 责",
            "政府新闻处担任政府的公共关系顾问,负责",
        ),
        # traditional, ideographic spaces as the separator
        (
            "政\u3000府\u3000新\u3000聞\u3000處\u3000擔\u3000任\u3000政\u3000府。",
            "政府新聞處擔任政府。",
        ),
        # a number among the characters, brackets and Chinese marks
        (
            "该 处 有 员 工 536 人 , 大 部 分 人 员 (192 人) 派 驻 各 局 。",
            "该处有员工536人,大部分人员(192人)派驻各局。",
        ),
        # a line spaced but in its opening words: most gaps decide
        (
            "5. 教育作為:(1)教 育 機 會 平 等 、 (2)教 育 經 費 保 障 、",
            "5. 教育作為:(1)教育機會平等、(2)教育經費保障、",
        ),
        # a chapter's numbering keeps the space before the chapter's name
        ("第 一 章 政 府 新 闻 处 的 工 作 。", "第一章 政府新闻处的工作。"),
        # Latin words and their spaces stay, and a wider gap between words
        ("的 DNA 分 析 结 果 表 明 , 这 是 真 的", "的 DNA 分析结果表明,这是真的"),
        ("凝 心 聚 力   砥 砺 前 行 , 奋 力 开 创", "凝心聚力   砥砺前行,奋力开创"),
        # not letter-spaced: one space between two words of a normal line
        (
            "张三 主任在会上讲话，要求各部门认真落实工作部署。",
            "张三 主任在会上讲话，要求各部门认真落实工作部署。",
        ),
        (
            "凝心聚力 砥砺前行 奋力开创高质量发展新局面",
            "凝心聚力 砥砺前行 奋力开创高质量发展新局面",
        ),
        # a table's row, a short head (left for the heading stage)
        ("| 日 期 | 地 点 | 内 容 | 备 注 |", "| 日 期 | 地 点 | 内 容 | 备 注 |"),
        ("导 言", "导 言"),
    ],
)
def test_closed_up(line: str, closed: str):
    from pipeline.letter_spacing import closed_up

    assert closed_up(line) == closed
    assert closed_up(closed) == closed  # closing up a closed line changes nothing


def test_short_lines_close_up_when_asked():
    """A title or a head is closed up however short (structure.py asks with min_han=2)."""
    from pipeline.letter_spacing import closed_up

    assert closed_up("导 言", 2) == "导言"
    assert closed_up("目\u3000錄", 2) == "目錄"
    assert closed_up("政\xa0府\xa0新\xa0聞\xa0處", 2) == "政府新聞處"  # no-break spaces
    assert closed_up("张三 主任", 2) == "张三 主任"  # one gap in three
    assert closed_up("一 用法", 2) == "一 用法"  # a numeral and a name: one gap in two


def test_menu_is_not_prose():
    """A site's menu set out letter by letter holds no mark of a sentence: read as written
    (the cleaner's rules read it by its spacing), closed up only if it stays."""
    from pipeline.letter_spacing import closed_up

    menu = "首     页 政 务 公 开 网 上 办 事 互 动 交 流 走 进 鹤 城"
    assert closed_up(menu, prose=True) == menu
    assert closed_up(menu) == "首     页政务公开网上办事互动交流走进鹤城"


def test_a_letter_spaced_page(tmp_path):
    """Title, heads and paragraphs of a page set out letter by letter come out closed up; a
    normal line's single space between words stays; --explain says what was closed up."""
    page = tmp_path / "spaced.txt"
    page.write_text(
        "政 府 新 聞 處\n\n"
        "導 言\n\n"
        "政 府 新 聞 處 擔 任 政 府 的 公 共 關 係 顧 問 , 負 責 政 府 的 出 版 、 宣 傳 及 新 聞 工 作 。\n\n"
        "結 語\n\n"
        "張三 主任在會上講話，要求各部門認真落實工作部署，確保各項工作按時保質完成。\n",
        "utf-8",
    )
    doc = prepare(page, page.stem, load_rules())
    meta, body, heads = quality.parse_markdown(doc.markdown)
    assert meta["title"] == "政府新聞處"
    assert [text for _, text in heads] == ["導言", "結語"]
    assert "政府新聞處擔任政府的公共關係顧問，負責政府的出版、宣傳及新聞工作。" in body
    assert "張三 主任在會上講話" in body
    assert not any(letter_spaced(line) for line in _body_lines(doc.markdown))
    assert any("letter spacing closed up" in line for line in doc.explained)


def _body_lines(markdown: str) -> list[str]:
    _, _, body = markdown.split("---\n", 2)
    return [line for line in body.split("\n") if line.strip()]


def _sources() -> list[tuple[str, object]]:
    """(label, source) of every page the tests hold but the validation split."""
    found: list[tuple[str, object]] = [
        (f"cases/{source.parent.name}", source) for source, _ in golden.case_pairs()
    ]
    found += [
        (f"corpus/{c.source.name}", c.source)
        for c in quality._site_cases(quality.CORPUS)
        if "error" not in c.expected
    ]
    if SAMPLES.is_dir():
        found += [
            (f"shared/{c.source.name}", c.source)
            for c in quality.shared_cases()
            if "error" not in c.expected and c.source.is_file()
        ]
    if (quality.REALPAGES / "dev").is_dir():
        found += [
            (f"dev/{c.site}/{c.source.name}", c.source)
            for c in quality.cases("dev")
            if "error" not in c.expected
        ]
    return found


def _spaced_lines(source, rules) -> list[tuple[int, str]]:
    try:
        markdown = prepare(source, source.stem, rules).markdown
    except DocumentError:
        return []
    return [(n, line) for n, line in enumerate(_body_lines(markdown), 1) if letter_spaced(line)]


def test_no_letter_spaced_paragraphs():
    """Over the golden cases, the old corpus, the shared samples and every dev page."""
    rules = load_rules()
    misses = []
    for label, source in _sources():
        for n, line in _spaced_lines(source, rules):
            misses.append(f"{label}: body line {n}: {line[:40]}")
    assert not misses, f"{len(misses)} letter-spaced line(s):\n" + "\n".join(misses)


def test_no_letter_spaced_paragraphs_validation():
    """The validation pages, in aggregate: how many lines on how many pages, never their text
    (detail withheld: a validation page)."""
    if not (quality.REALPAGES / "validation").is_dir():
        pytest.skip("no validation split")
    rules = load_rules()
    pages = lines = 0
    for case in quality.cases("validation"):
        if "error" in case.expected:
            continue
        found = len(_spaced_lines(case.source, rules))
        pages += bool(found)
        lines += found
    assert not lines, (
        f"{lines} letter-spaced line(s) on {pages} validation page(s) "
        "(detail withheld: a validation page)"
    )
