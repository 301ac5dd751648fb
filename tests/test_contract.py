"""The seams between stages: what each stage hands the next is typed, never a hidden channel."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean import clean, load_rules
from pipeline.document import FRONT_MATTER_KEYS, Document
from pipeline.read import read
from pipeline.structure import structure

RULES = load_rules()


def test_stages_pass_evidence_typed_not_in_the_front_matter(tmp_path: Path):
    page = tmp_path / "notice.html"
    page.write_text(
        "<html><head><title>关于暂停供暖的通知_XX物业网</title></head><body>"
        "<p>关于暂停供暖的通知</p><p>　　各位住户：因管道抢修，今晚暂停供暖，敬请谅解。</p>"
        '<p style="text-align: right;">XX物业服务中心</p><p align="right">值班室</p>'
        "</body></html>",
        encoding="utf-8",
    )
    read_doc = read(Document(page, "notice"))
    assert read_doc.evidence.aligned_right == ("XX物业服务中心", "值班室")
    assert read_doc.evidence.title_from == "the page's <title>"
    cleaned = clean(read_doc, RULES)
    structured = structure(cleaned)
    for doc in (read_doc, cleaned, structured):
        assert set(doc.meta) <= set(FRONT_MATTER_KEYS), sorted(doc.meta)
    # structure read the evidence: the right-aligned lines close the notice as its signature
    assert '::: {.signature custom-style="Signature"}\nXX物业服务中心\n' in structured.markdown


HAND_EDITED = """---
title: 手工编辑的稿件
lang: zh-CN
---

# 一、总体要求 {.unnumbered}

## （一）加强领导。 {.run-in #lead}

各单位要高度重视，**切实**加强组织领导。

## （一）加强领导。

这一段前面是一个与上面同文的整行标题。

::: {custom-style="Withheld Note" .withheld}
〔编者注：这里的说明换了措辞。〕
:::

::: {.signature custom-style="Signature"}
XX市人民政府办公室

2025年6月16日
:::
"""


def test_the_intermediate_is_read_by_type_and_attribute_not_by_text():
    from pipeline import marks
    from pipeline.intermediate import parse

    parsed = parse(HAND_EDITED)
    assert [(h.level, h.text, h.run_in) for h in parsed.headings] == [
        (1, "一、总体要求", False),
        (2, "（一）加强领导。", True),
        (2, "（一）加强领导。", False),
    ]
    assert [h.identifier for h in parsed.run_ins()] == ["lead"]
    (note,) = parsed.of_kind(marks.WITHHELD)
    assert note.paragraphs == ("〔编者注：这里的说明换了措辞。〕",)
    (signature,) = parsed.of_kind(marks.SIGNATURE)
    assert signature.paragraphs == ("XX市人民政府办公室", "2025年6月16日")
    assert "各单位要高度重视，切实加强组织领导。" in parsed.text


def test_structure_writes_the_marks_the_intermediate_reads(tmp_path: Path):
    from pipeline import marks
    from pipeline.flow import prepare

    source = tmp_path / "notice.txt"
    source.write_text(
        "关于做好安全工作的通知\nX政办发〔2025〕3号\n\n各乡镇人民政府：\n\n"
        "一、总体要求。各单位要高度重视安全工作，切实加强组织领导，确保各项措施落到实处。\n\n"
        "此处隐藏3000字，下载后查看\n\n"
        "XX县人民政府办公室\n\n2025年1月6日\n",
        encoding="utf-8",
    )
    parsed = prepare(source, "notice", RULES).parsed
    assert [h.text for h in parsed.run_ins()] == ["一、总体要求。"]
    assert [m.kind for m in parsed.marked] == [
        marks.BYLINE,
        marks.ADDRESSEE,
        marks.WITHHELD,
        marks.SIGNATURE,
    ]


def test_docx_joins_the_run_in_heading_not_an_equal_heading(tmp_path: Path):
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    from conftest import run_publish

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "edited.md").write_text(HAND_EDITED, encoding="utf-8")
    args = ("all", "-i", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "--formats", "docx")
    result = run_publish(*args)
    assert result.returncode == 0, result.stderr
    paragraphs = open_docx(str(tmp_path / "out" / "edited.docx")).paragraphs
    joined = [
        (p.text, paragraphs[i + 1].text)
        for i, p in enumerate(paragraphs)
        if p._p.pPr is not None and p._p.pPr.find(f"{qn('w:rPr')}/{qn('w:specVanish')}") is not None
    ]
    assert joined == [("（一）加强领导。", "各单位要高度重视，切实加强组织领导。")]


def test_renderers_do_not_read_structure_back_from_text():
    """The renderers take headings, run-ins and notes from the parsed intermediate: no pattern
    over Markdown or HTML text stands for them, and epub.py needs nothing of the structure stage."""
    from conftest import ROOT

    render = ROOT / "pipeline" / "render"
    for name in ("docx.py", "epub.py", "html.py"):
        source = (render / name).read_text("utf-8")
        for pattern in ("〔编者注", r"\.run-in", 'class="run-in"', "#{1,6}", "from ..structure"):
            assert pattern not in source, (name, pattern)
