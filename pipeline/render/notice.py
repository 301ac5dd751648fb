"""Where a notice's closing parts go on the line (GB/T 9704-2012 §7.3.4, §7.3.5), in character
cells, for every renderer: the attachment notes and the signature block with its date.

§7.3.4: "附件" two cells in, then the colon and the names; with several, "附件：1. …" and the
following "2. …" start under "1."; a name that runs over a line goes on under its own first
character. §7.3.5 (a document without seal): the signature two cells from the right margin, the
date on the next line starting two cells right of the signature's first character; a date
longer than that keeps two cells from the margin and moves the signature left instead.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from .breaks import script_changes

_NUMBER = re.compile(r"^\d{1,2}\s*[.．、]\s*")
_LABEL = re.compile(r"^附\s*件\s*[：:]\s*")
_DATE = re.compile(r"^[\d〇○零一二三四五六七八九十X＊*]{2,4}\s*年.{1,6}月.{0,6}$")
EDGE = 2  # cells between the signature or the date and the right margin, at least


def cells(text: str) -> float:
    """Width in character cells: Chinese characters and full-width forms one, the rest half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)


Width = Callable[[str], float]  # a text's width in cells, in the face it is set in


def signature_indents(lines: list[str], cells: Width = cells) -> list[float]:
    """Right indent, in cells, of each line of a signature block."""
    if not lines:
        return []
    if len(lines) < 2 or not _DATE.match(lines[-1]):
        return [float(EDGE)] * len(lines)
    names, date = lines[:-1], lines[-1]
    width, date_width = max(cells(n) for n in names), cells(date)
    date_indent = max(EDGE, width - date_width)
    name_indent = date_indent + date_width + EDGE - width
    return [name_indent] * len(names) + [date_indent]


def attachment_indents(
    lines: list[str], cells: Width = cells, indent: int = 2
) -> list[tuple[float, float]]:
    """(left indent, first-line indent) in cells of each attachment line: the name's first
    character is where wrapped lines continue."""
    result = []
    label = 0.0
    for line in lines:
        match = _LABEL.match(line)
        if match:
            label = cells(match.group(0))
            rest = line[match.end() :]
            number = _NUMBER.match(rest)
            hang = label + (cells(number.group(0)) if number else 0.0)
            result.append((indent + hang, -hang))
        else:
            number = _NUMBER.match(line)
            hang = cells(number.group(0)) if number else 0.0
            result.append((indent + label + hang, -hang))
    return result


def cell_widths(
    font, size_pt: float, spacing_pt: float, cell_pt: float, autospace_pt: float = 0.0
) -> Width:
    """Width in cells of text set in font at size_pt with spacing_pt letter spacing, and
    autospace_pt more at each change between Chinese and Latin text (breaks.add_autospace)."""
    from ..fonts import advance_em

    def width(text: str) -> float:
        gaps = script_changes(text) if autospace_pt else 0
        points = advance_em(font, text) * size_pt + spacing_pt * len(text) + autospace_pt * gaps
        return points / cell_pt

    return width
