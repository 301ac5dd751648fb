"""Dates as the formats' metadata wants them (ISO 8601), from the forms Chinese pages use."""

from __future__ import annotations

import re

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?"
)


# The Republic of China's calendar (民國 102 年 08 月 13 日): its year 1 is 1912.
_MINGUO = re.compile(r"民[国國]\s*(?P<y>\d{1,3})\s*年")
MINGUO_YEARS = 1911


def iso_date(text: str) -> str | None:
    """ "2019-09-26 03:08:39", "2024年12月13日", "2025.8", "民國 102 年 08 月 13 日" ->
    "2019-09-26", "2024-12-13", "2025-08", "2013-08-13" (EPUB and PDF metadata want ISO
    dates); None when there is no date in it."""
    if "年" in text and not _DATE.search(text) and (written := chinese_numeral_date(text)):
        return written
    minguo = _MINGUO.search(text) if "民" in text else None
    if minguo and not _DATE.search(text):
        year = int(minguo["y"]) + MINGUO_YEARS
        text = text[: minguo.start()] + str(year) + "年" + text[minguo.end() :]
    match = _DATE.search(text)
    if not match or not 1 <= int(match["m"]) <= 12:
        return None
    if match["d"] and 1 <= int(match["d"]) <= 31:
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    return f"{match['y']}-{int(match['m']):02d}"


# A date written in Chinese numerals (二〇二四年五月六日, 二○一九年十二月三十一日), as a notice's
# signature dates it.
_CN_DATE = re.compile(
    r"(?P<y>[〇○零一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,2})\s*月"
    r"\s*(?P<d>[一二三四五六七八九十]{1,3})\s*日"
)
_CN_DIGITS = {
    ch: n
    for n, chars in enumerate(("〇○零", "一", "二", "三", "四", "五", "六", "七", "八", "九"))
    for ch in chars
}


def _cn_number(text: str) -> int:
    """一 .. 三十一 as a number (十 alone is 10, 十二 is 12, 二十 is 20, 三十一 is 31)."""
    if "十" not in text:
        return _CN_DIGITS[text]
    tens, _, ones = text.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def chinese_numeral_date(text: str) -> str:
    """The first full date written in Chinese numerals as YYYY-MM-DD, or ""."""
    for match in _CN_DATE.finditer(text):
        year = int("".join(str(_CN_DIGITS[ch]) for ch in match["y"]))
        month, day = _cn_number(match["m"]), _cn_number(match["d"])
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
    return ""
