"""The little Markdown that text lines may carry through clean and structure.

Blog mirrors save Markdown as .txt, and the HTML reader writes its headings, bold lines and
tables the same way, so both arrive in one shape:
  "## text"      a heading marked in the source (an HTML <h2>, a Markdown ###)
  "**text**"     a line that is bold as a whole (a <strong>/<b> alone in its paragraph)
  "| a | b |"    the rows of a pipe table, the second row its separator
The cleaner cleans what is inside the marks; structure turns them into Markdown that stays
Markdown (never escaped into \\#\\# text).
"""

from __future__ import annotations

import re

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
BOLD_LINE = re.compile(r"^\*\*(?=\S)([^*]+?)(?<=\S)\*\*$")
BOLD_SPAN = re.compile(r"\*\*(?=\S)[^*\n]+?(?<=\S)\*\*")
# A Markdown source's escape of a sign it would read as markup (1\. 小結, Zar\_SY): `\1` is
# the sign itself.
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
# An address written out (a bare link): the scheme or www. and what follows up to a space.
BARE_LINK = re.compile(r"(?:https?://|www\.)\S+")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_SEPARATOR = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+$")  # |-|, |:--:|: as pandoc reads it


def unwrap(line: str) -> tuple[str, str, str]:
    """(opening mark, text, closing mark) of a marked line: "## x" -> ("## ", "x", "")."""
    match = HEADING.match(line)
    if match:
        return match.group(1) + " ", match.group(2), ""
    match = BOLD_LINE.match(line)
    if match:
        return "**", match.group(1), "**"
    return "", line, ""


def table_spans(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each pipe table: a header row, a separator row right under it, and the
    rows that follow, up to a row with a separator under it (the next table's header)."""

    def header(index: int) -> bool:
        return (
            index + 1 < len(lines)
            and bool(_TABLE_ROW.match(lines[index]))
            and bool(_TABLE_SEPARATOR.match(lines[index + 1]))
        )

    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(lines) - 1:
        if header(index):
            end = index + 2
            while end < len(lines) and _TABLE_ROW.match(lines[end]) and not header(end):
                end += 1
            spans.append((index, end))
            index = end
        else:
            index += 1
    return spans


_BARE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?$")
_BAR = re.compile(r"(?<!\\)\|")


def framed_tables(lines: list[str]) -> list[str]:
    """The lines with each pipe table written without its outer pipes ("a | b" over
    "--- | ---", as pandoc reads it too) framed by them ("| a | b |"): one shape for every
    step. A header is framed only with a separator right under it of as many cells."""
    out = list(lines)
    index = 0
    while index < len(out) - 1:
        head, rule = out[index].strip(), out[index + 1].strip()
        if not (
            _BAR.search(head)
            and not (_TABLE_ROW.match(head) and _TABLE_SEPARATOR.match(rule))
            and _BARE_SEPARATOR.match(rule)
            and len(_cells(head)) == len(_cells(rule))
        ):
            index += 1
            continue
        end = index + 2
        while end < len(out) and _BAR.search(out[end]):
            end += 1
        for row in range(index, end):
            out[row] = "| " + " | ".join(_cells(out[row].strip())) + " |"
        index = end
    return out


def _cells(row: str) -> list[str]:
    inner = row[1:] if row.startswith("|") else row
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in _BAR.split(inner)]


def table_rows(lines: list[str]) -> set[int]:
    """Indexes of the lines that are rows of a pipe table (table_spans)."""
    return {index for start, end in table_spans(lines) for index in range(start, end)}


def table_line(cells: list[str]) -> str:
    """One pipe-table row of cell texts."""
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def separator_line(columns: int) -> str:
    return "|" + "---|" * columns
