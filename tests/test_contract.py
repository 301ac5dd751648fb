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
