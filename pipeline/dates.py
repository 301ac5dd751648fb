"""Dates as the formats' metadata wants them (ISO 8601), from the forms Chinese pages use."""

from __future__ import annotations

import re

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?"
)

# A date with the year last (06/21/2007, 02.25.2021, an English site's month first; 21/06/2007
# read by the day when the first number can be no month), one sign between its parts.
_SLASHED = re.compile(
    r"(?<![\d.])(?P<a>\d{1,2})(?P<sign>[/.])(?P<b>\d{1,2})(?P=sign)(?P<y>(?:19|20)\d{2})(?![\d.])"
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
    if not _DATE.search(text) and (written := english_date(text)):
        return written
    minguo = _MINGUO.search(text) if "民" in text else None
    if minguo and not _DATE.search(text):
        year = int(minguo["y"]) + MINGUO_YEARS
        text = text[: minguo.start()] + str(year) + "年" + text[minguo.end() :]
    match = _DATE.search(text)
    if not match and (slashed := _SLASHED.search(text)):  # 06/21/2007: month (or day) first
        first, second = int(slashed["a"]), int(slashed["b"])
        month, day = (second, first) if first > 12 else (first, second)
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{slashed['y']}-{month:02d}-{day:02d}"
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


# A date an English-language theme writes (Dec 31, 2024; December 31st, 2024; 31 Dec 2024;
# Sat Jun 01 2024): a month's name and a day, then a four-digit year.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORDINAL = r"(?:st|nd|rd|th)?"
_EN_DATE = re.compile(
    rf"(?<![A-Za-z])(?:(?P<m>{_MONTH})\.?\s+(?P<d>\d{{1,2}}){_ORDINAL},?"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<m2>{_MONTH})\.?,?)\s+(?P<y>(?:19|20)\d{{2}})(?!\d)",
    re.IGNORECASE,
)


# The English date's pattern, for another pattern to hold (bylines.py), its case ignored there.
EN_DATE_PATTERN = _EN_DATE.pattern


def english_date(text: str) -> str:
    """The first full date written with an English month's name as YYYY-MM-DD, or ""."""
    for match in _EN_DATE.finditer(text):
        month = _MONTHS[(match["m"] or match["m2"]).lower()]
        day = int(match["d"] or match["d2"])
        if 1 <= day <= 31:
            return f"{match['y']}-{month:02d}-{day:02d}"
    return ""


# A date with a two- or three-digit year (99-02-08, 113/05/20): the Republic of China's calendar
# as Taiwan's sites write it in a byline's 日期 field.
_SHORT_YEAR_DATE = re.compile(
    r"(?P<y>\d{2,3})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})\s*日?"
)  # 113-05-09, 108/06/19, 113.05.09, 113年5月9日


def minguo_short_date(value: str, traditional: bool) -> str:
    """A metadata date written with the Republic's year alone (113-05-09, 113年5月9日) as
    YYYY-MM-DD, or "": a
    three-digit year (100 and on) is always the Republic's; a two-digit one only on a page in
    traditional script (on others it may be a western year cut short)."""
    match = _SHORT_YEAR_DATE.fullmatch(value.strip())
    if not match or (len(match["y"]) == 2 and not traditional):
        return ""
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= year < 200 and 1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year + MINGUO_YEARS}-{month:02d}-{day:02d}"
