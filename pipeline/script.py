"""Traditional script is matched through simplified, so one set of rules serves both; and a
text's script names its language.

Lines are converted with OpenCC's traditional-to-simplified table for matching only: a rule's
pattern runs on the simplified line, and what it removes or keeps is cut from the line as it
was written. The output text is never converted.

A text in traditional script is tagged `zh-Hant` (`zh-CN` otherwise): the tag goes to the HTML,
EPUB and DOCX, and picks faces with traditional glyph forms and centred punctuation
(render/coverage.py). On the corpus's 809 pages the share of Han characters that simplified
script writes otherwise is at least 0.21 on every traditional page and at most 0.03 on every
simplified one (a quoted name or two in traditional script).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

SIMPLIFIED_TAG = "zh-CN"
TRADITIONAL_TAG = "zh-Hant"
# A text whose Han characters are this share or more written otherwise in simplified script is
# in traditional script (see the module's doc for the corpus's figures).
TRADITIONAL_TEXT_SHARE = 0.1
_HAN = re.compile(r"[\u3400-\u9fff]")


@cache
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _char(char: str) -> str:
    converted = _converter().convert(char)
    return converted if len(converted) == 1 else char


@lru_cache(maxsize=8192)
def simplified(line: str) -> str:
    """The line in simplified script, character for character (same length, same offsets)."""
    if line.isascii():
        return line
    converted = _converter().convert(line)
    if len(converted) == len(line):
        return converted
    return "".join(_char(char) for char in line)  # a phrase table changed the length


def traditional_share(text: str) -> float:
    """The share of the text's Han characters that simplified script writes otherwise."""
    han = changed = 0
    for written, plain in zip(text, simplified(text), strict=True):
        if _HAN.match(written):
            han += 1
            changed += written != plain
    return changed / han if han else 0.0


def language_tag(text: str) -> str:
    """The text's language tag by its script: zh-Hant for traditional script, else zh-CN."""
    return TRADITIONAL_TAG if traditional_share(text) >= TRADITIONAL_TEXT_SHARE else SIMPLIFIED_TAG


def is_traditional_tag(tag: str) -> bool:
    """Whether a language tag names traditional script (zh-Hant, zh-TW, zh-HK, zh-MO)."""
    parts = tag.replace("_", "-").lower().split("-")
    return parts[0] == "zh" and any(p in ("hant", "tw", "hk", "mo") for p in parts[1:])
