"""The document's title, chosen among candidates by evidence.

Candidates: a title the page's metadata gave (its <title> less the site's suffix, a scraper's
标题： line, a YAML block's title: meta["title"], with meta["_title_from"] saying which), an
in-page heading (<h1>, a Markdown "#") or a bold line at the top, a 【…】-bracketed title,
the first short line; the file name only when nothing else exists. Never a site name, never
the heading of a metadata block, never a sentence, never with a Markdown mark. A title that
the text repeats at its top is taken out of the text once.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from . import markup
from .clean import WITHHELD_MARK_RE
from .script import simplified
from .thresholds import limit

MAX_TITLE_CHARS = limit("structure", "max_title_chars")
TITLE_SEARCH_LINES = limit("structure", "title_search_lines")
TITLE_PART = limit("structure", "title_part")
SPLIT_TITLE_HEAD_CHARS = limit("structure", "split_title_head_chars")
OVERLAP_TEXT_CHARS = limit("structure", "title_overlap_text_chars")
MIN_OVERLAP = limit("structure", "title_min_overlap")
_NOT_TITLE_ENDINGS = ("。", "；", "，", "！", "？", "：", ":", "…", ";", ",")
_SENTENCE_INSIDE = re.compile(r"[。！？!?]")
_BRACKETED = re.compile(r"^【([^【】]{2,60})】$")


@cache
def _lexicon() -> dict:
    data = tomllib.loads((Path(__file__).parent / "structure_rules.toml").read_text("utf-8"))
    title = data["title"]
    return {
        "site": re.compile(title["site_name"]),
        "block": re.compile(title["metadata_block_heading"]),
    }


def is_site_name(text: str) -> bool:
    return bool(_lexicon()["site"].fullmatch(simplified(text)))


def is_title_like(line: str) -> bool:
    """A line that can be a title: short, not a sentence, not a salutation, not a site's name
    or a metadata block's heading, not a numbered heading, not an editorial mark."""
    from .structure import find_heading

    key = simplified(line)
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and not line.endswith(_NOT_TITLE_ENDINGS)
        and not _SENTENCE_INSIDE.search(line[:-1])
        and not is_site_name(line)
        and not _lexicon()["block"].fullmatch(key)
        and find_heading(line) is None
        and not WITHHELD_MARK_RE.match(line)
        and not markup.table_rows([line, "|---|"])
    )


def _plain(line: str) -> tuple[str, str]:
    """(text without marks, what marked it: "heading", "bold", "bracketed" or "")."""
    opening, text, _ = markup.unwrap(line)
    if opening.startswith("#"):
        return text.strip(), "heading"
    if opening == "**":
        return text.strip(), "bold"
    match = _BRACKETED.match(line)
    if match:
        return match.group(1).strip(), "bracketed"
    return line, ""


def _same(a: str, b: str) -> bool:
    """The same title, or one a part of the other (a title split over two lines, a title
    with or without its subtitle): the shorter holds at least TITLE_PART of the longer."""
    a, b = re.sub(r"[\s*#【】]+", "", a), re.sub(r"[\s*#【】]+", "", b)
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and shorter in longer and len(shorter) >= TITLE_PART * len(longer)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\W_]+", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def overlap(candidate: str, text: str) -> float:
    """Share of the candidate's character pairs found in the text: a page's title speaks of
    what its article says, a menu or a site's slogan does not."""
    pairs = _bigrams(candidate)
    return len(pairs & _bigrams(text)) / len(pairs) if pairs else 0.0


def _joined_title(lines: list[str]) -> tuple[str, int]:
    """A title broken over two lines ("采购经验:" / "教你一招……"): (title, lines it took)."""
    if (
        len(lines) > 1
        and lines[0].endswith(("：", ":"))
        and len(lines[0]) <= SPLIT_TITLE_HEAD_CHARS
        and is_title_like(lines[0][:-1])
        and is_title_like(lines[1])
    ):
        return lines[0] + lines[1], 2
    return lines[0] if lines else "", 1


def choose_title(lines: list[str], meta: dict, file_name: str) -> tuple[list[str], str, str]:
    """(lines less the title line, the title, why it was chosen)."""
    given = str(meta.get("title") or "").strip()
    given_from = meta.pop("_title_from", "the page's metadata")
    candidates = [c for c in meta.pop("_title_candidates", []) if is_title_like(c)]
    if given and (is_site_name(given) or not is_title_like(markup.unwrap(given)[1])):
        given = ""  # the page's <title> is only the site's name

    # The first line of the text that could be the title: site names and empty metadata
    # headings above it are passed over (and dropped with it when it is taken).
    index, text, mark = 0, "", ""
    for number, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        plain, marked = _plain(line)
        if not (is_site_name(plain) or _lexicon()["block"].fullmatch(simplified(plain))):
            index, text, mark = number, plain, marked
            break
    taken = 1
    if not mark:
        text, taken = _joined_title([text, *lines[index + 1 : index + 2]])
    rest = lines[index + taken :]
    if given and text and is_title_like(text) and _same(text, given):
        # The text repeats the title (once, or split over two lines): the fuller form wins.
        if given.startswith(text) and rest and rest[0] in given[len(text) :]:
            while rest and rest[0] in given[len(text) :]:
                rest = rest[1:]  # the title split over lines in the text
            return rest, given, f"{given_from}, repeated at the top of the text"
        # The text's own line: the page's metadata may carry the site's name beside it.
        return rest, text, f"the line at the top of the text, confirmed by {given_from}"
    if text and is_title_like(text):
        if mark == "heading":
            return rest, text, "the page's own heading at the top"
        if not given:
            return rest, text, f"a {mark} line at the top" if mark else "the first short line"
    if given:
        return lines, given, given_from
    body = "\n".join(lines)[:OVERLAP_TEXT_CHARS]
    scored = sorted(((overlap(c, body), -i, c) for i, c in enumerate(candidates)), reverse=True)
    if scored and scored[0][0] >= MIN_OVERLAP:
        return (
            lines,
            scored[0][2],
            (f"a line of the page's head above the article ({scored[0][0]:.0%} of it in the text)"),
        )
    return lines, file_name, "the file name (no title in the page)"
