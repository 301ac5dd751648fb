"""Dates (pipeline/dates.py, clean.full_date): the forms pages write a date in, as ISO dates."""

from __future__ import annotations

import pytest

from pipeline.clean import full_date
from pipeline.dates import iso_date, minguo_short_date


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


def test_a_date_glued_to_a_figure_before_it_counts_with_a_clock_time_after_it():
    assert full_date("admin102025-03-14 18:05:53") == "2025-03-14"
    assert full_date("12021.10.26 13:01:18字数 3,610阅读 3,426") == "2021-10-26"
    assert full_date("编号102025-03-14") == ""


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("Dec 31, 2024", "2024-12-31"),
        ("Written on December 31, 2024", "2024-12-31"),
        ("January 2, 2025 本文有 335 个字", "2025-01-02"),
        ("**Updated:** September 3rd, 2023", "2023-09-03"),
        ("发布于 1 Mar. 2022", "2022-03-01"),
        ("Sat Jun 01 2024 16:00:00 GMT+0000", "2024-06-01"),
    ],
)
def test_an_english_theme_date(written: str, iso: str):
    assert full_date(written) == iso
    assert iso_date(written) == iso


@pytest.mark.parametrize(
    "text", ["May 2024", "in March, 2024 we", "Maybe 12 2024", "Dec 32, 2024", "Mar 3, 1824"]
)
def test_no_english_date_without_a_day_and_a_year(text: str):
    assert full_date(text) == ""


@pytest.mark.parametrize(
    ("value", "traditional", "iso"),
    [
        ("99-02-08", True, "2010-02-08"),
        ("113/05/20", False, "2024-05-20"),
        ("99-02-08", False, ""),
        ("2010-02-08", True, ""),
        ("99-13-08", True, ""),
        ("113年5月9日", False, "2024-05-09"),
        ("99年2月8日", True, "2010-02-08"),
        ("24年5月9日", False, ""),
    ],
)
def test_a_short_year_date_is_the_republics_on_a_traditional_page(
    value: str, traditional: bool, iso: str
):
    assert minguo_short_date(value, traditional) == iso


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("06/21/2007", "2007-06-21"),
        ("发表时间:06/21/2007", "2007-06-21"),
        ("21/06/2007", "2007-06-21"),
        ("02.25.2021", "2021-02-25"),
        ("发布时间:02.25.2021 发布者:海欣集团", "2021-02-25"),
    ],
)
def test_a_date_with_its_year_last_is_made_iso(written: str, iso: str):
    assert iso_date(written) == iso


def test_a_slashed_date_that_can_be_no_date_is_left():
    assert iso_date("13/13/2007") is None
    assert iso_date("10.1/2007") is None
