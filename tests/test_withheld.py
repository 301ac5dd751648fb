"""Withheld-text notices (rules/20-paywall.toml) in a page: each wording, with and without a
count, in simplified and traditional script, with a converter's pinyin glosses inside, in the
text and in a document site's head above it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import clean, load_rules
from pipeline.document import Document
from pipeline.marks import WITHHELD_MARK_RE

RULES = load_rules()

TEXT = [
    "关于加强安全生产工作的意见",
    "各单位要把安全生产摆在更加突出的位置，层层压实责任，确保各项措施落到实处。",
    "要深入开展隐患排查治理，对发现的问题建立台账，明确整改时限和责任人员。",
    "要加强应急演练，提高队伍的实战能力，做到召之即来、来之能战、战之必胜。",
]
HEAD = [
    "文档分类 | 行业资料",
    "登录 注册 上传文档 搜索",
    "关于加强安全生产工作的意见.docx",
    "开通VIP，免费下载",
]


def _cleaned(lines: list[str]) -> Document:
    return clean(Document(source=Path("page.txt"), name="page", text="\n".join(lines)), RULES)


# (notice, withheld count or 0 when the notice gives none)
NOTICES = [
    ("---此处隐藏5967字,下载后查看---", 5967),
    ("---此處隱藏5967字,下載後查看---", 5967),
    ("此处隐藏1,523字，请下载全文查看", 1523),
    ("全文共3,204字，当前展示1,100字", 2104),
    ("全文共3,204字，當前展示1,100字", 2104),
    ("以下省略1,200字", 1200),
    ("剩余 2,345 字，付费后可阅读", 2345),
    ("以下内容已隐藏，需付费查看", 0),
    ("……以下內容已隱藏，請下載後閱讀……", 0),
    ("篇幅所限，全文请下载后阅读", 0),
    ("剩余80%内容付费后可查看", 0),
    ("还剩3页未读，继续阅读", 0),
    ("已閱讀5頁,還剩13頁未讀, 繼續免費閱讀", 0),
    ("已閱讀3頁(yè),還剩6頁(yè)未讀", 0),
]


@pytest.mark.parametrize(("notice", "count"), NOTICES)
def test_a_notice_in_the_text_is_marked_where_it_stands(notice, count):
    doc = _cleaned([*TEXT[:2], notice, *TEXT[2:]])
    lines = doc.text.split("\n")
    marks = [index for index, line in enumerate(lines) if WITHHELD_MARK_RE.match(line)]
    assert len(marks) == 1 and lines[marks[0] - 1] == TEXT[1], doc.text
    assert doc.meta.get("withheld_chars", 0) == count
    assert all(line in doc.text for line in TEXT)


@pytest.mark.parametrize(("notice", "count"), NOTICES)
def test_a_notice_in_a_document_sites_head_marks_the_end_of_the_preview(notice, count):
    doc = _cleaned([*HEAD[:2], notice, *HEAD[2:], *TEXT])
    lines = doc.text.split("\n")
    assert WITHHELD_MARK_RE.match(lines[-1]), doc.text
    assert sum(bool(WITHHELD_MARK_RE.match(line)) for line in lines) == 1
    assert doc.meta.get("withheld_chars", 0) == count
    assert doc.meta.get("withheld") is True
    assert all(line in doc.text for line in TEXT[1:])
    assert "登录" not in doc.text


@pytest.mark.parametrize(
    "line",
    [
        "他把心事隐藏了十几年，直到退休那天才说出来。",
        "我还剩3页作业没写完。",
        "全文共3,204字，分为三个部分。",
        "篇幅所限，本文只谈三点体会。",
    ],
)
def test_prose_that_speaks_of_hiding_or_pages_is_no_notice(line):
    doc = _cleaned([*TEXT[:2], line, *TEXT[2:]])
    assert line in doc.text
    assert "withheld_chars" not in doc.meta and "withheld" not in doc.meta


def test_notices_in_a_row_tell_of_one_gap_one_mark_with_the_larger_count():
    doc = clean(
        Document(
            source=Path("page.txt"),
            name="page",
            text="\n".join(
                [
                    *TEXT[:3],
                    "……(新文秘网https://www.wm114.cn省略854字,正式会员可完整阅读)",
                    "……(未完,全文共6831字,当前仅显示2399字,请阅读下面提示信息。",
                ]
            ),
        ),
        RULES,
    )
    marks = [line for line in doc.text.split("\n") if WITHHELD_MARK_RE.match(line)]
    assert len(marks) == 1 and "4,432" in marks[0]
    assert doc.meta["withheld_chars"] == 4432
    loading = "\n".join(
        [*TEXT[:3], "更多内容加载中...请稍候...", "本章未完，请点击下一章继续阅读！"]
    )
    doc = clean(Document(source=Path("page.txt"), name="page", text=loading), RULES)
    assert sum(bool(WITHHELD_MARK_RE.match(line)) for line in doc.text.split("\n")) == 1


def test_a_traditional_texts_note_is_written_in_traditional_script():
    """The editorial note reads in the document's script; a second pass still reads it as the
    mark (the Markdown intermediate published again)."""
    from pipeline.structure import structure

    lines = [
        "關於加強安全生產工作的意見",
        "各單位要把安全生產擺在更加突出的位置，層層壓實責任，確保各項措施落到實處。",
        "---此處隱藏5967字,下載後查看---",
        "要加強應急演練，提高隊伍的實戰能力，做到召之即來、來之能戰、戰之必勝。",
    ]
    published = structure(_cleaned(lines))
    assert published.meta["lang"] == "zh-Hant" and published.meta["withheld_chars"] == 5967
    assert "〔編者注：此處原文約 5,967 字被來源網站隱藏，未能收錄。〕" in published.markdown
    again = structure(Document(Path("page.md"), "page", text=published.markdown, kind="markdown"))
    assert again.markdown == published.markdown
