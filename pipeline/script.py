"""Traditional script is matched through simplified, so one set of rules serves both.

Lines are converted with OpenCC's traditional-to-simplified table for matching only: a rule's
pattern runs on the simplified line, and what it removes or keeps is cut from the line as it
was written. The output text is never converted.
"""

from __future__ import annotations

from functools import cache, lru_cache


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
