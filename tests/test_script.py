"""A text's script names its language: traditional script is tagged zh-Hant."""

from __future__ import annotations

import tomllib

import pytest

from conftest import ROOT
from pipeline.script import TRADITIONAL_TAG, is_traditional_tag, language_tag, traditional_share

REALPAGES = ROOT / "tests" / "realpages"


def test_language_tags_by_script():
    assert language_tag("我们说这个问题，学校会来处理。") == "zh-CN"
    assert language_tag("我們說這個問題，學校會來處理。") == TRADITIONAL_TAG
    # a simplified text quoting a traditional name or two stays simplified
    assert language_tag("他在《臺灣通史》里写道，这里的人们世代耕作于此，生活安定。") == "zh-CN"
    assert language_tag("Hello, world") == "zh-CN"
    assert traditional_share("") == 0.0


@pytest.mark.parametrize(
    ("tag", "traditional"),
    [("zh-Hant", True), ("zh-TW", True), ("zh_HK", True), ("zh-Hant-TW", True),
     ("zh-CN", False), ("zh-Hans", False), ("zh", False), ("en", False), ("", False)],
)  # fmt: skip
def test_traditional_tags(tag: str, traditional: bool):
    assert is_traditional_tag(tag) is traditional


def test_every_corpus_page_is_tagged_by_its_annotated_script():
    """Each real page whose expectations name its script gets the matching tag."""
    wrong, seen = [], 0
    for expectations in sorted(REALPAGES.glob("*/*/expectations.toml")):
        for name, page in tomllib.loads(expectations.read_text("utf-8")).items():
            if not isinstance(page, dict) or "script" not in page:
                continue
            text = (expectations.parent / name).read_text("utf-8", errors="replace")
            seen += 1
            expected = TRADITIONAL_TAG if page["script"] == "traditional" else "zh-CN"
            if language_tag(text) != expected:
                wrong.append(expectations.parent.name)  # a folder's name, not the page's text
    assert seen > 500
    assert not wrong, wrong
