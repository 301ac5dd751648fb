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


# Roman numerals as letters (II., IV、) or as Unicode's numeral characters (Ⅱ, Ⅳ), and letters
# that number (a、 b、, A. B.): a letter's place in the alphabet.
_ROMAN = re.compile(r"^\s*(?:(X|IX|IV|V?I{0,3})(?=[.．、])|([Ⅰ-Ⅻ]))")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_LETTER = re.compile(r"^\s*[（(]?([a-hA-H])(?![A-Za-z])")


def _roman_value(text: str) -> int:
    values = [_ROMAN_VALUES[char] for char in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def number_in(numbering: str) -> int | None:
    """The value of the numeral a numbering holds (第十二章 -> 12, 四、 -> 4, （3） -> 3, Ⅱ -> 2,
    IV、 -> 4, b、 -> 2, ⒊ -> 3, ❷ -> 2, 乙、 -> 2, 貳、 -> 2)."""
    found = _NUMERAL_IN.search(numbering)
    if found:
        return numeral_value(found.group(0))
    roman = _ROMAN.match(numbering)
    if roman and roman.group(1):
        return _roman_value(roman.group(1))
    if roman and roman.group(2):
        return ord(roman.group(2)) - ord("Ⅰ") + 1
    first = numbering.lstrip(" \u3000『【〔（(")[:1]
    for low, high in _ONE_CHAR_RUNS:
        if first and low <= first <= high:
            return ord(first) - ord(low) + 1
    if first and first in _STEMS:
        return _STEMS.index(first) + 1
    capital = _CAPITAL.match(numbering.lstrip(" \u3000『【〔"))
    if capital:
        return numeral_value("".join(_CAPITALS[char] for char in capital.group(0)))
    letter = _LETTER.match(numbering)
    return ord(letter.group(1).lower()) - ord("a") + 1 if letter else None


# Numerals written as one character each (⒈ ❶ ➀ ➊: 1 at the first of each run), the heavenly
# stems (甲 1, 乙 2), and the capital numerals of accounts (壹 1, 拾 10).
_ONE_CHAR_RUNS = (("⒈", "⒛"), ("⑴", "⒇"), ("❶", "❿"), ("➀", "➉"), ("➊", "➓"))
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CAPITALS = dict(zip("壹贰貳叁參肆伍陆陸柒捌玖拾", "一二二三三四五六六七八九十", strict=True))
_CAPITAL = re.compile(r"[壹贰貳叁參肆伍陆陸柒捌玖拾]+")
