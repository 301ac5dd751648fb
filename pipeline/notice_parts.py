"""The parts of a notice around its text: the byline under the title, the addressee, the
attachment notes, the closing signature, and the date a short line carries."""

from __future__ import annotations

import re

from . import markup
from .clean import full_date
from .line_shapes import (
    ATTACHMENT_FIRST,
    ATTACHMENT_NEXT,
    BYLINE_MAX_CHARS,
    DATE_LINE,
    DOCUMENT_NUMBER,
    SENTENCE_END,
)
from .normalize import INDENT, normalize_line
from .numbering import find_heading
from .thresholds import limit

_SIGNATURE_MAX_CHARS = limit("structure", "signature_max_chars")
DATE_SEARCH_LINES = limit("structure", "date_search_lines")
DATED_LINE_MAX_CHARS = limit("clean", "dated_line_max_chars")
# A bracketed date under a speech's title: "（2025年1月10日）".
_BRACKETED_DATE = re.compile(r"^[（(]\s*\S{0,10}?\d{4}\s*年.{1,12}[）)]$")


# A notice's addressee (主送机关), the line before its first paragraph: "各位业主、住户：".
_ADDRESSEE_MAX_CHARS = 40


def addressee_at(lines: list[str], headings: list, start: int, end: int) -> int | None:
    """Index of the addressee line: the first line of the text, ending in a colon, short, not a
    heading, with a paragraph after it."""
    if start + 1 >= min(end, len(lines)):
        return None
    line = lines[start]
    if (
        line.endswith(("：", ":"))
        and len(line) <= _ADDRESSEE_MAX_CHARS
        and not headings[start]
        and not SENTENCE_END.search(line)
    ):
        return start
    return None


def attachments_span(
    lines: list[str], headings: list, start: int, end: int
) -> tuple[int, int] | None:
    """(first, past last) of the attachment notes between the text and the signature."""
    for first in range(end - 1, start, -1):
        if ATTACHMENT_FIRST.match(lines[first]) and not headings[first]:
            last = first + 1
            while last < end and ATTACHMENT_NEXT.match(lines[last]):
                last += 1
            return first, last
    return None


def byline_end(lines: list[str]) -> int:
    """How many lines under the title are a byline, printed centred: a speech's speaker and
    bracketed date ("张三" / "（2025年1月10日）"), or a notice's document number."""
    if lines and DOCUMENT_NUMBER.match(lines[0]):
        return 1
    for end in range(min(2, len(lines)), 0, -1):
        block = lines[:end]
        if (
            _BRACKETED_DATE.match(block[-1])
            and all(len(line) <= BYLINE_MAX_CHARS for line in block)
            and not any(SENTENCE_END.search(line) or find_heading(line) for line in block)
        ):
            return end
    return 0


def signature_start(lines: list[str], headings: list, aligned_right: list[str]) -> int:
    """Index where a closing signature block (organisation lines and a date) starts: the last
    lines when the page set them right-aligned, else short closing lines that include a date."""
    right = {normalize_line(line.strip(INDENT)) for line in aligned_right}
    start = len(lines)
    while start > 1 and lines[start - 1] in right and len(lines) - start < 6:
        start -= 1
    if start < len(lines):
        return start
    while start > 0 and len(lines) - start < 4:
        line = lines[start - 1]
        if headings[start - 1] or len(line) > _SIGNATURE_MAX_CHARS or SENTENCE_END.search(line):
            break
        if re.search(r"[，,：:；;|]", line):
            break
        start -= 1
    block = lines[start:]
    if block and any(DATE_LINE.match(line) for line in block) and start > 0:
        return start
    return len(lines)


def short_line_date(line: str) -> str:
    """The full date of a short line (a byline, a signature's date), or ""."""
    if len(line) > DATED_LINE_MAX_CHARS or re.search(r"[。，；！？]", line):
        return ""  # a sentence's date is what it speaks of, not the document's
    if markup.table_rows([line, "|---|"]):
        return ""  # a table's row: its date is the table's data
    return full_date(line)
