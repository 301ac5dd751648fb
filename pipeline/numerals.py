"""Numerals of numbered heads: Arabic or Chinese, and the number a numbering holds."""

from __future__ import annotations

import re

_NUMERAL_IN = re.compile(r"[零〇一二三四五六七八九十百\d]+")


def numeral_value(text: str) -> int | None:
    """The value of an Arabic or Chinese numeral up to 9999 ("12", "十二", "二十一")."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def number_in(numbering: str) -> int | None:
    """The value of the numeral a numbering holds (第十二章 -> 12, 四、 -> 4, （3） -> 3)."""
    found = _NUMERAL_IN.search(numbering)
    return numeral_value(found.group(0)) if found else None
