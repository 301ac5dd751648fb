"""Punctuation normalisation for Chinese prose.

autocorrect-py (a maintained Rust library) turns half-width , . : ! ? next to CJK text into
full-width; its spacing rules are switched off because official Chinese documents put no space
between Chinese and Latin text. What it leaves (brackets, semicolons, quotes, ellipses) is
covered by the replacements in punctuation.toml.
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from pathlib import Path

import autocorrect_py

from .needles import Screen, screen

# What surrounds a line's text and is not text: spaces, ideographic spaces (U+3000 indents), BOMs.
INDENT = " \t\u3000\xa0\u2002\u2003\ufeff"

_AUTOCORRECT_RULES = {
    "fullwidth": 1,
    "no-space-fullwidth": 1,
    **dict.fromkeys(
        [
            "space-word",
            "space-punctuation",
            "space-bracket",
            "space-dash",
            "space-dollar",
            "space-backticks",
            "halfwidth-word",
            "halfwidth-punctuation",
            "spellcheck",
        ],
        0,
    ),
}


@cache
def replacements() -> tuple[tuple[str, re.Pattern, str, tuple], ...]:
    data = tomllib.loads((Path(__file__).parent / "punctuation.toml").read_text("utf-8"))
    return tuple(
        (r["id"], re.compile(r["pattern"]), r["replacement"], tuple(map(tuple, r["examples"])))
        for r in data["replace"]
    )


@cache
def _filtered() -> tuple[tuple[Screen, re.Pattern, str], ...]:
    """The replacements, each with a search for what a line must hold for it to change."""
    return tuple((screen(pattern), pattern, new) for _, pattern, new, _ in replacements())


@cache
def _configure_autocorrect() -> None:
    autocorrect_py.load_config(json.dumps({"rules": _AUTOCORRECT_RULES}))  # type: ignore[attr-defined]


# A mark made full-width can make its neighbour full-width in turn (？! -> ？！, 许慎.说文解字.
# 四部丛刊本): the line is normalised again until nothing changes, at most this many times, so
# that cleaning a cleaned text changes nothing.
MAX_PASSES = 4


# A URL with Chinese text glued to its end (网址: http://www.gov.hk）。“…”是…网页,把…): autocorrect
# reads the URL on to the next space and leaves the marks of the text after it half-width; the
# URL (ASCII, up to the first other character) and the text after it are formatted apart.
_GLUED_URL = re.compile(r"(?:https?|ftp)://[!-~]+(?=[^\x00-\x7f])")


def _autocorrect(line: str) -> str:
    glued = _GLUED_URL.search(line)
    if glued is None:
        return autocorrect_py.format(line)
    head, rest = line[: glued.end()], line[glued.end() :]
    return autocorrect_py.format(head) + _autocorrect(rest)


def _once(line: str) -> str:
    for needed, pattern, replacement in _filtered():
        if needed is None or needed(line) is not None:
            line = pattern.sub(replacement, line)
    return _autocorrect(line)


# A line of markup (<svg …>, <div …>) pasted into the text: its quotes and marks are the
# markup's, not prose punctuation (pairing its quotes as Chinese ones never settles).
_MARKUP_LINE = re.compile(r"^\s*<[A-Za-z][\w:-]*(?:\s[^<>]*)?>")


def normalize_line(line: str) -> str:
    if _MARKUP_LINE.match(line):
        return line
    _configure_autocorrect()
    for _ in range(MAX_PASSES):
        normalized = _once(line)
        if normalized == line:
            break
        line = normalized
    return line
