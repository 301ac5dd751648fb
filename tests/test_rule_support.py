"""tests/rule_support.py: where each rule and signal acted, and whether rightly."""

from __future__ import annotations

from pathlib import Path

import pytest
from rule_support import signal_name, support, support_of

from quality import Case

PAGE = """关于做好节能工作的通知
更新时间：2025-08-01 来源：网友投稿
各部门：
一、总体要求
全面落实节能目标，推进各项工作。
二、主要任务
加强管理，完善制度。
"""


def test_support_judges_each_action_by_the_pages_expectations(tmp_path: Path):
    page = tmp_path / "notice.txt"
    page.write_text(PAGE, "utf-8")
    expected = {
        "title": "关于做好节能工作的通知",
        "keep": ["全面落实节能目标", "加强管理，完善制度。"],
        "drop": ["网友投稿"],
        "headings": [[1, "一、总体要求"]],  # the second head left out: its making is wrong
    }
    found = support_of([Case(page, expected, "example-site")])

    removals = [s for name, s in found.items() if name.startswith("removal: ")]
    assert sum(s.right for s in removals) >= 1 and sum(s.wrong for s in removals) == 0
    heads = [s for name, s in found.items() if name.startswith("heading: ")]
    assert sum(s.right for s in heads) == 1
    assert [w.split(": ", 1)[1] for s in heads for w in s.wrong_on] == ["二、主要任务"]
    titles = [s for name, s in found.items() if name.startswith("title: ")]
    assert [(s.right, s.wrong, s.sites) for s in titles] == [(1, 0, {"example-site"})]


def test_support_is_never_measured_on_validation():
    with pytest.raises(ValueError):
        support(["dev", "validation"])


def test_signal_names_drop_the_numbers_of_one_page():
    assert signal_name("title", "line 2 of the text, score 2.4") == (
        "title: line N of the text, score N"
    )
