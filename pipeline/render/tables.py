"""Table columns of short cells kept whole in print.

A table's column widths come from weasyprint's automatic table layout, which may narrow a column
down to the width of its widest unbreakable piece: in Chinese text, one character. A column of
short labels (存储方式, 功能, 费用) beside a column of long cells is then squeezed until its
labels break (存储方 | 式). A typesetter never breaks a short label: here the cells of a column
whose cells are all short are marked `short` (set unbroken by the print CSS), as many such
columns as leave the others room to wrap.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

# A cell of at most this many full-width characters (a Latin letter or digit counts half) is a
# label, not running text: it is never broken inside.
SHORT_CELL_CHARS = 8
# What every other column keeps at the least when the short ones are set whole (characters).
OTHER_COLUMN_CHARS = 4
# A cell's padding, both sides together, in characters (print CSS: 4 pt a side at 16 pt or 11 pt).
CELL_PADDING_CHARS = 0.75

_TABLE = re.compile(r"<table\b.*?</table>", re.S)
_ROW = re.compile(r"<tr\b[^>]*>(.*?)</tr>", re.S)
_CELL = re.compile(r"<(t[hd])\b([^>]*)>(.*?)</t[hd]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def text_width(text: str) -> float:
    """A text's width in full-width characters."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


def keep_short_columns(html: str, line_chars: float) -> str:
    """html with the cells of short columns marked `short` (see the module doc); line_chars: how
    many full-width characters the text width holds."""
    return _TABLE.sub(lambda m: _mark_table(m.group(), line_chars), html)


def _mark_table(table: str, line_chars: float) -> str:
    rows = [_CELL.findall(row) for row in _ROW.findall(table)]
    if not rows or any("span=" in attrs for row in rows for _, attrs, _ in row):
        return table  # merged cells: columns are not plain to tell apart
    columns = max(len(row) for row in rows)
    widths = [0.0] * columns
    for row in rows:
        for index, (_, _, inner) in enumerate(row):
            widths[index] = max(widths[index], text_width(unescape(_TAG.sub("", inner)).strip()))
    short = sorted((w, i) for i, w in enumerate(widths) if w <= SHORT_CELL_CHARS)
    kept: set[int] = set()
    room = line_chars - columns * CELL_PADDING_CHARS
    room -= (columns - len(short)) * OTHER_COLUMN_CHARS
    for width, index in short:  # the narrowest first
        if width > room:
            break
        kept.add(index)
        room -= width
    if not kept or len(kept) == columns:
        return table  # nothing squeezed, or every column short: the automatic layout suffices

    def mark_row(row: re.Match) -> str:
        index = -1

        def mark_cell(cell: re.Match) -> str:
            nonlocal index
            index += 1
            tag, attrs, inner = cell.groups()
            if index not in kept:
                return cell.group()
            if 'class="' in attrs:
                attrs = attrs.replace('class="', 'class="short ', 1)
            else:
                attrs += ' class="short"'
            return f"<{tag}{attrs}>{inner}</{tag}>"

        return _CELL.sub(mark_cell, row.group())

    return re.sub(r"<tr\b[^>]*>.*?</tr>", mark_row, table, flags=re.S)
