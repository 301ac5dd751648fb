"""Script and style code a scraper saved with the page as text: lines to remove.

A saved page keeps what its <script> and <style> elements held: a theme's minified script
(`(function(){const e="StackColorScheme";…})()`), a comment widget's loader (`var
disqus_config = function () {…}`), the statements of analytics and ads (`window.dataLayer =
window.dataLayer || [];`, `(adsbygoogle = window.adsbygoogle || []).push({});`), a widget's CSS
rules. None of it is the author's, and left in the text it breaks the typesetting too (long
runs without a break).

Bounds: an author's code is never taken. Lines inside a Markdown code block (``` or ~~~
fences) are the author's; so is a line among other lines of code (a tech post's code copied
as text without fences): only a line of code that stands alone among the page's prose and
chrome goes, unless it is one of the widgets' own statements (the idioms, page_signals.toml).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from .page import code_block_lines

# A line of code in its own right: long enough to hold statements, and mostly not Chinese.
CODE_MIN_CHARS = 60
CODE_MIN_MARKS = 4  # statement ends and braces (; { }) in the line
CODE_MIN_OPERATORS = 4  # brackets and assignments ({ } ( ) =): a list split by ; has none
CODE_MAX_HAN_SHARE = 0.2  # a string's Chinese words in a widget's script
IDIOM_MAX_HAN_SHARE = 0.05  # a widget's statement alone, not a sentence that quotes it
NEIGHBOURS = 2  # lines either side looked at for a block of the author's code

_HAN = re.compile(r"[\u3400-\u9fff]")
_MARKS = re.compile(r"[;{}]")
_OPERATORS = re.compile(r"[{}()=]")
# A short line of code: a statement or a brace, as a tech post's code block has them.
_CODE_LINE = re.compile(r"[;{}]\s*$|^\s*[{}]|^\s*(?://|#include|import |def |class |public )")


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    data = tomllib.loads((Path(__file__).parent / "page_signals.toml").read_text("utf-8"))
    found = data["web_code"]
    return re.compile(found["idioms"]), re.compile(found["keywords"])


def _code_shaped(line: str) -> bool:
    """A line of several statements of script or style: long, marked (; { }), with code's
    words, and Chinese at most in a string."""
    if len(line) < CODE_MIN_CHARS or len(_MARKS.findall(line)) < CODE_MIN_MARKS:
        return False
    if len(_OPERATORS.findall(line)) < CODE_MIN_OPERATORS:
        return False
    if len(_HAN.findall(line)) > CODE_MAX_HAN_SHARE * len(line):
        return False
    return _patterns()[1].search(line) is not None


def _code_like(line: str) -> bool:
    """Any line of code, short ones included (for the block around a line)."""
    return bool(_CODE_LINE.search(line)) and len(_HAN.findall(line)) <= CODE_MAX_HAN_SHARE * len(
        line
    )


def web_code(lines: list[str]) -> set[int]:
    """Positions of the lines that are the page's script or style code."""
    idioms, _ = _patterns()
    fenced = set(code_block_lines(lines))  # code the page presents as code stays
    found: set[int] = set()
    for index, line in enumerate(lines):
        if index in fenced:
            continue
        if idioms.search(line) and len(_HAN.findall(line)) <= IDIOM_MAX_HAN_SHARE * len(line):
            found.add(index)
            continue
        if not _code_shaped(line):
            continue
        around = [
            lines[other]
            for other in range(max(0, index - NEIGHBOURS), min(len(lines), index + NEIGHBOURS + 1))
            if other != index
        ]
        if sum(_code_like(other) and not _code_shaped(other) for other in around) >= 2:
            continue  # among short lines of code: the author's code block
        found.add(index)
    return found
