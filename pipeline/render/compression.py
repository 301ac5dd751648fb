"""Punctuation compression after CLREQ/JLREQ: which marks of adjacent pairs are set half width.

The classes and the pairs are data (compression.toml); this module only reads them and finds,
in a run of text, the marks to compress. The renderers then ask the font for its half-width
forms (OpenType `halt`) on exactly those marks.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("compression.toml")


@cache
def _data() -> dict:
    return tomllib.loads(TABLE.read_text("utf-8"))


@cache
def _table() -> tuple[dict[str, str], dict[tuple[str, str], int]]:
    data = _data()
    classes = {ch: name for name, chars in data["classes"].items() for ch in chars}
    pairs = {
        (pair["first"], pair["second"]): 0 if pair["compress"] == "first" else 1
        for pair in data["pair"]
    }
    return classes, pairs


def marks() -> dict[str, str]:
    """Every mark the table knows -> its class."""
    return dict(_table()[0])


@cache
def mark_class() -> str:
    """A regular-expression character class of every mark the table knows."""
    return "[" + re.escape("".join(_table()[0])) + "]"


def pair_compressed(first: str, second: str) -> int | None:
    """For two adjacent characters: 0 or 1, the one set half width, or None."""
    classes, pairs = _table()
    a, b = classes.get(first), classes.get(second)
    if a is None or b is None:
        return None
    return pairs.get((a, b))


def half_width_positions(text: str, centred: bool = False) -> list[int]:
    """Indexes of the marks of text to set half width (each at most once). With centred (the
    faces of traditional script, which centre the stops in their cell), a pair whose mark to
    compress is one that keeps its full cell there (？！: those faces have no half-width form
    of them) compresses the other mark."""
    classes, _ = _table()
    full = _adjustable()[1]
    found: list[int] = []
    for index in range(len(text) - 1):
        if text[index] not in classes or text[index + 1] not in classes:
            continue
        which = pair_compressed(text[index], text[index + 1])
        if which is not None and centred and text[index + which] in full:
            which = 1 - which
            if text[index + which] in full:
                continue
        if which is not None and (not found or found[-1] != index + which):
            found.append(index + which)
    return found


@cache
def _adjustable() -> tuple[tuple[str, ...], str]:
    data = _data()["line_adjustment"]
    return tuple(data["classes"]), data["keep_full"]


def line_adjustment_order(text: str, already: list[int], ignore: str = "") -> list[int]:
    """Indexes of the marks of a line (text) that line adjustment may set half width, in the
    order the table gives (a mark ending the line first; those already half width left out).
    Only a mark between Chinese characters or marks (characters of `ignore` looked past): beside
    a space or a Latin letter it belongs to Latin text (`achieve ‘express`)."""
    classes, keep_full = _adjustable()
    table = _table()[0]
    last = len(text.rstrip(ignore)) - 1

    def full_width(step: int, index: int) -> bool:
        index += step
        while 0 <= index < len(text) and text[index] in ignore:
            index += step
        if not 0 <= index < len(text):
            return True
        return text[index] in table or unicodedata.east_asian_width(text[index]) in "WF"

    found = [
        i
        for i, ch in enumerate(text)
        if table.get(ch) in classes
        and ch not in keep_full
        and i not in already
        and full_width(-1, i)
        and full_width(1, i)
    ]
    return sorted(found, key=lambda i: (i != last, classes.index(table[text[i]]), -i))
