"""Dates as the formats' metadata wants them (ISO 8601), from the forms Chinese pages use."""

from __future__ import annotations

import re

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?"
)


def iso_date(text: str) -> str | None:
    """ "2019-09-26 03:08:39", "2024年12月13日", "2025.8" -> "2019-09-26", "2024-12-13",
    "2025-08" (EPUB and PDF metadata want ISO dates); None when there is no date in it."""
    match = _DATE.search(text)
    if not match or not 1 <= int(match["m"]) <= 12:
        return None
    if match["d"] and 1 <= int(match["d"]) <= 31:
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    return f"{match['y']}-{int(match['m']):02d}"
