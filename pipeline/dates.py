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
