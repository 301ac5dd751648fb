"""Every rule kept as data carries examples; here they run."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.clean import acts_on, load_rules, meta_of, parse_meta_line
from pipeline.errors import RulesError
from pipeline.normalize import normalize_line, replacements
from pipeline.numbering import find_heading, heading_kinds

RULES = load_rules()
RULE_CASES = [(r.id, line, True) for r in RULES.rules for line in r.match_examples] + [
    (r.id, line, False) for r in RULES.rules for line in r.keep_examples
]


def test_every_rule_has_examples_both_ways():
    for rule in RULES.rules:
        assert rule.match_examples and rule.keep_examples, rule.id
        assert rule.why, rule.id


@pytest.mark.parametrize(("rule_id", "line", "acts"), RULE_CASES)
def test_cleaning_rule_examples(rule_id, line, acts):
    rule = next(r for r in RULES.rules if r.id == rule_id)
    assert acts_on(rule, line, RULES.labels) is acts


def test_meta_line_parses_fields():
    assert meta_of(
        parse_meta_line("更新时间:2025-08 来源:网友投稿", RULES.labels), RULES.labels
    ) == {
        "date": "2025-08",
        "source": "网友投稿",
    }
    line = "发布时间：2024-03-05 作者：张三 来源：XX日报"
    assert meta_of(parse_meta_line(line, RULES.labels), RULES.labels) == {
        "date": "2024-03-05",
        "author": "张三",
        "source": "XX日报",
    }


def test_skip_rule_and_unknown_rule(tmp_path: Path):
    assert "withheld-notice" not in load_rules(skip=["withheld-notice"]).ids
    with pytest.raises(RulesError, match="no rule with id"):
        load_rules(skip=["no-such-rule"])


def test_extra_rules_file(tmp_path: Path):
    extra = tmp_path / "mine.toml"
    extra.write_text(
        '[[rule]]\nid = "my-ad"\naction = "drop-line"\nwhere = "anywhere"\n'
        "pattern = '''扫码关注.*'''\nwhy = \"ads\"\n"
        'examples.match = ["扫码关注公众号"]\nexamples.keep = ["关注民生"]\n',
        encoding="utf-8",
    )
    assert "my-ad" in load_rules([extra]).ids
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nid = "x"\naction = "explode"\n', encoding="utf-8")
    with pytest.raises(RulesError, match="action must be one of"):
        load_rules([bad])


HEADING_CASES = [(k.kind, line, True) for k in heading_kinds() for line in k.heads] + [
    (k.kind, line, False) for k in heading_kinds() for line in k.not_heads
]


@pytest.mark.parametrize(("kind", "line", "is_heading"), HEADING_CASES)
def test_heading_examples(kind, line, is_heading):
    found = find_heading(line)
    if is_heading:
        assert found is not None and found.kind == kind, line
    else:
        assert found is None, line


def test_run_in_heading_splits_at_first_sentence():
    line = "（一）党的坚强领导：事业发展的根本政治保证。总书记强调，要坚持党的全面领导。"
    heading = find_heading(line)
    assert heading.text == "（一）党的坚强领导：事业发展的根本政治保证。"
    assert heading.rest == "总书记强调，要坚持党的全面领导。"


def test_long_numbered_sentence_is_a_paragraph():
    line = "1." + "我们要坚持不懈地抓好各项工作落实并且不断总结经验教训持续改进工作方法" * 2 + "。"
    assert find_heading(line) is None


PUNCTUATION_CASES = [
    (rid, before, after) for rid, _, _, ex in replacements() for before, after in ex
]


@pytest.mark.parametrize(("rule_id", "before", "after"), PUNCTUATION_CASES)
def test_punctuation_examples(rule_id, before, after):
    _, pattern, replacement, _ = next(r for r in replacements() if r[0] == rule_id)
    assert pattern.sub(replacement, before) == after


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("发言:筑牢根基担使命,聚力笃行启新程", "发言：筑牢根基担使命，聚力笃行启新程"),
        ("心想事成!以下是", "心想事成！以下是"),
        ("早上08:00至晚上20:00", "早上08:00至晚上20:00"),
        ("增长1.5亿元", "增长1.5亿元"),
        ("访问 https://example.com/a?b=1,2 查看", "访问 https://example.com/a?b=1,2 查看"),
        # Chinese text glued to a URL's end: its marks are made full-width, the URL's kept
        (
            "（网址: http://www.gov.hk?a=1,2）。是互联网上的网页,把超过150个部门连结起来,方便市民",
            "（网址：http://www.gov.hk?a=1,2）。是互联网上的网页，把超过150个部门连结起来，方便市民",
        ),
    ],
)
def test_normalize_line(before, after):
    assert normalize_line(before) == after


def test_rule_ids_are_unique():
    ids = RULES.ids
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)


def test_every_removal_names_its_rule_or_signal():
    """--explain names the rule or the page signal behind every removal, on every page the
    quality split holds (dev and old)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import quality
    from pipeline.clean import SIGNALS, clean
    from pipeline.document import Document
    from pipeline.errors import DocumentError
    from pipeline.read import read

    rules = load_rules()
    known = set(rules.ids) | set(SIGNALS)
    named = set()
    for split in ("dev", "old"):
        for case in quality.cases(split):
            try:
                doc = clean(read(Document(source=case.source, name=case.source.stem)), rules)
            except DocumentError:
                continue
            named |= {removal.rule for removal in doc.removed}
    assert named and named <= known, named - known
