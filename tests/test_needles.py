"""The needles of a pattern (the literal text every match holds) never turn a match away."""

from __future__ import annotations

import re

import pytest

from pipeline.clean import load_rules
from pipeline.needles import may_match, needles, screen
from pipeline.normalize import replacements
from pipeline.script import simplified

RULES = load_rules()
PATTERNS = [(r.id, r.pattern) for r in RULES.rules if r.pattern is not None] + [
    (rule_id, pattern) for rule_id, pattern, _, _ in replacements()
]
EXAMPLES = sorted(
    {simplified(line) for r in RULES.rules for line in (*r.match_examples, *r.keep_examples)}
    | {before for _, _, _, examples in replacements() for before, _ in examples}
)


@pytest.mark.parametrize(("rule_id", "pattern"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_every_match_of_a_rule_holds_a_needle(rule_id, pattern):
    found, search = needles(pattern), screen(pattern)
    for text in EXAMPLES:
        for match in pattern.finditer(text):  # held by the match itself, not just its line
            assert may_match(found, match.group(0)), (rule_id, text, found)
            assert search is None or search(match.group(0)), (rule_id, text, found)


def test_most_rules_have_needles():
    """The filter is what keeps cleaning fast: a rule that loses its needles shows here."""
    with_needles = [rule_id for rule_id, pattern in PATTERNS if needles(pattern)]
    assert len(with_needles) >= 0.6 * len(PATTERNS)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"还剩\d+页未读", ("页未读",)),  # the longer literal of two is chosen
        (r"(?:隐藏|折叠)内容", ("内容",)),
        (r"(?:隐藏|折叠)\d", ("折叠", "隐藏")),  # every alternative gives one
        (r"(?:免费)?下载", ("下载",)),  # what is optional is no needle
        (r"[【\[]?文档", ("文档",)),
        (r"[○ＯO]年", ("年",)),
        (r"[○ＯO]\d", ("O", "○", "Ｏ")),
        (r"(?<=本文)\d+", None),  # a lookaround consumes nothing: no needle
        (r"(?i)page", None),  # ignoring case: the literal is no needle
        (r"(?:a|\d)", None),  # one alternative without a literal: no needle
        (r"[^。]+", None),
    ],
)
def test_needles_of_a_pattern(pattern, expected):
    assert needles(re.compile(pattern)) == expected


def test_without_needles_every_text_may_match():
    assert may_match(None, "")
    assert not may_match(("隐藏",), "全文共3页")
    assert may_match(("隐藏", "折叠"), "以下内容已折叠")
