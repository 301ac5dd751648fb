"""Golden Markdown: each case's input must give exactly its expected.md.

After an intended change, rewrite the expected files with `scripts/regen_golden.py` and review
the diff (git diff tests/) before committing it; these tests only compare.
"""

from __future__ import annotations

import codecs
import os
import shutil
from pathlib import Path

import golden
import pytest

from conftest import CASES, SAMPLES
from pipeline.clean import load_rules
from pipeline.errors import DocumentError
from pipeline.flow import prepare
from pipeline.read import decode

RULES = load_rules()


def _check(source: Path, expected: Path) -> None:
    assert expected.exists(), f"no golden file {expected}; make it with scripts/regen_golden.py"
    assert prepare(source, "x", RULES).markdown == expected.read_text(encoding="utf-8")


CASES_ = golden.case_pairs()
SAMPLES_ = golden.sample_pairs()


@pytest.mark.parametrize(("source", "expected"), CASES_, ids=[e.parent.name for _, e in CASES_])
def test_case_golden(source: Path, expected: Path):
    _check(source, expected)


@pytest.mark.shared_samples
@pytest.mark.parametrize(("source", "expected"), SAMPLES_, ids=[e.stem for _, e in SAMPLES_])
def test_shared_sample_golden(source: Path, expected: Path):
    _check(source, expected)


def _encoded_twins(text: str) -> dict[str, bytes]:
    indented = "\n".join("\u3000\u3000" + line if line else line for line in text.split("\n"))
    return {
        "utf8.txt": text.encode("utf-8"),
        "utf8-bom.txt": codecs.BOM_UTF8 + text.encode("utf-8"),
        "utf16.txt": text.encode("utf-16"),  # with BOM
        "gb18030.txt": text.encode("gb18030"),
        "crlf.txt": text.replace("\n", "\r\n").encode("utf-8"),
        "u3000-indent.txt": indented.encode("utf-8"),
        "gbk-crlf.bin.txt": text.replace("\n", "\r\n").encode("gbk"),
    }


def test_encodings_give_the_same_markdown(tmp_path: Path):
    source = CASES / "speech-study-session" / "input.txt"
    text = source.read_text(encoding="utf-8")
    expected = prepare(source, "x", RULES).markdown
    for name, data in _encoded_twins(text).items():
        path = tmp_path / name
        path.write_bytes(data)
        assert prepare(path, "x", RULES).markdown == expected, name


def test_markdown_input_is_taken_as_structured(tmp_path: Path):
    case = CASES / "meta-and-tails"
    edited = tmp_path / "edited.md"
    shutil.copy(case / "expected.md", edited)
    doc = prepare(edited, "edited", RULES)
    assert doc.kind == "markdown"
    assert doc.markdown == (case / "expected.md").read_text(encoding="utf-8")
    assert doc.meta["title"] == "关于开展2025年度安全生产大检查的实施方案"


@pytest.mark.shared_samples
def test_listing_page_sample_is_refused():
    source = SAMPLES / "04_faxx-zuowen-essay-listing-cc.txt"
    if not source.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    with pytest.raises(DocumentError, match="listing page"):
        prepare(source, "x", RULES)


def test_markdown_with_foreign_front_matter_is_cleaned(tmp_path: Path):
    page = tmp_path / "post.md"
    page.write_text(
        "---\ntitle: '学习心得'\npermlink: study\ntags:\n- cn\n---\n\n"
        "![a.jpg](https://cdn.example.com/a.jpg)\n\n一、认真学习\n\n我们要认真学习，深刻领会。\n",
        encoding="utf-8",
    )
    doc = prepare(page, "post", RULES)
    assert doc.kind == "text"
    assert doc.meta["title"] == "学习心得"
    assert "permlink" not in doc.markdown and "cdn.example.com" not in doc.markdown
    assert "\n# 一、认真学习\n" in doc.markdown


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("这是简体中文的通知，请各单位遵照执行。", "gbk"),
        ("这是简体中文的通知，请各单位遵照执行。", "gb18030"),
        ("這是一份繁體中文的通知，請各單位遵照辦理。", "big5"),
    ],
)
def test_chinese_encodings_are_detected(text: str, encoding: str):
    assert decode(text.encode(encoding))[0] == text


def test_gbk_html_page_is_detected(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_bytes(
        '<html><head><meta charset="gb2312"><title>通知_XX网</title></head><body>'
        "<div><p>各单位：为做好安全工作，现将有关事项通知如下，请认真贯彻落实。</p>"
        "<p>一、检查时间为五月一日至五月十日，各单位要做好准备。</p></div></body></html>".encode(
            "gbk"
        )
    )
    doc = prepare(page, "page", RULES)
    assert "各单位：为做好安全工作" in doc.markdown
    assert doc.meta["title"] == "通知"


def test_binary_and_empty_files_are_refused(tmp_path: Path):
    for name, data, reason in (
        ("empty.txt", b"  \n", "empty file"),
        ("nul.txt", b"abc\x00def" * 10, "NUL bytes"),
        ("bad-bom.txt", codecs.BOM_UTF8 + b"\xff\xfe\xfa", "byte-order mark"),
    ):
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(DocumentError, match=reason):
            prepare(path, "x", RULES)


def test_salutation_is_not_a_title(tmp_path: Path):
    letter = tmp_path / "致辞.txt"
    letter.write_text("各位领导、同事们：\n\n大家好！今天我们在这里隆重集会。\n", encoding="utf-8")
    doc = prepare(letter, "致辞", RULES)
    assert doc.meta["title"] == "致辞"
    assert "各位领导、同事们：" in doc.markdown.split("---\n", 2)[2]


def test_document_number_is_a_byline(tmp_path: Path):
    notice = tmp_path / "notice.txt"
    notice.write_text(
        "关于做好2025年春节期间安全工作的通知\nX政办发〔2025〕3号\n\n各乡镇人民政府：\n\n"
        "春节将至，为确保节日期间安全稳定，现就有关事项通知如下。\n",
        encoding="utf-8",
    )
    body = prepare(notice, "notice", RULES).markdown.split("---\n", 2)[2]
    assert body.startswith('\n::: {.byline custom-style="Byline"}\nX政办发〔2025〕3号\n:::\n')


def test_right_aligned_html_lines_are_a_signature(tmp_path: Path):
    page = tmp_path / "notice.html"
    page.write_text(
        "<p>关于暂停供暖的通知</p><p>　　各位住户：因管道抢修，今晚暂停供暖，敬请谅解。</p>"
        '<p style="text-align: right;">XX物业服务中心</p><p align="right">值班室</p>',
        encoding="utf-8",
    )
    body = prepare(page, "notice", RULES).markdown.split("---\n", 2)[2]
    assert '::: {.signature custom-style="Signature"}\nXX物业服务中心\n\n值班室\n:::' in body


def test_file_changing_while_read_is_retried(tmp_path: Path, monkeypatch):

    path = tmp_path / "growing.txt"
    path.write_text("标题\n\n正文。\n", encoding="utf-8")
    import pipeline.read as reader

    real_open = reader.open_regular

    def open_and_grow(source):
        handle = real_open(source)
        real_read = handle.read

        def read_and_grow(*args):
            data = real_read(*args)
            os.utime(source, ns=(1, 1))  # another process is still writing it
            return data

        handle.read = read_and_grow
        return handle

    monkeypatch.setattr(reader, "open_regular", open_and_grow)
    with pytest.raises(DocumentError, match="changed while being read"):
        prepare(path, "x", RULES)


def test_hard_wrapped_paragraphs_are_joined():
    """A paragraph broken at a fixed width comes out as one paragraph (the quality gate
    compares without whitespace, so it cannot see this)."""
    markdown = prepare(Path(__file__).parent / "corpus" / "hard-wrapped.txt", "x", RULES).markdown
    assert "提高工作效能，优化发展环境，根据上级有关要求，结合我单位实际" in markdown
