"""Dates (pipeline/dates.py, clean.full_date): the forms pages write a date in, as ISO dates."""

from __future__ import annotations

import pytest

from pipeline.clean import full_date
from pipeline.dates import iso_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024年12月13日", "2024-12-13"),
        ("2019-09-26 03:08:39", "2019-09-26"),
        ("民國 102 年 08 月 13 日", "2013-08-13"),
        ("二〇二四年五月六日", "2024-05-06"),
        ("二○一九年十二月三十一日", "2019-12-31"),
        ("二〇二〇年十月十日", "2020-10-10"),
    ],
)
def test_a_full_date_in_any_of_its_forms(written: str, iso: str):
    assert full_date(written) == iso
    assert iso_date(written) == iso


@pytest.mark.parametrize("text", ["二〇二四年", "十三月", "民國 102 年", "第二十一次会议"])
def test_no_full_date_in_a_year_or_a_count(text: str):
    assert full_date(text) == ""
