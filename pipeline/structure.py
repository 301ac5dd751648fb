"""Structure stage: cleaned text -> Markdown intermediate with YAML front matter.

The first line is the title; lines opening with Chinese numbering become headings
(structure_rules.toml); a heading sentence that opens a long paragraph becomes a run-in heading
(in the outline, but printed at the start of its paragraph); trailing signature and date lines
of a notice are marked for right alignment; editorial marks for withheld text become notes.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import frontmatter
from .clean import WITHHELD_MARK_RE
from .document import Document
from .errors import DocumentError
from .normalize import INDENT, normalize_line

MAX_HEADING_CHARS = 50  # a longer "heading" is a numbered paragraph
MAX_TITLE_CHARS = 80

_SENTENCE_END = re.compile(r"[。！？!?]")
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[一二三四五六七八九〇○零OXx＊*]{4}|20[X＊*x]{2})\s*年"
    r"\s*[\d一二三四五六七八九十X＊*]{1,3}\s*月(?:\s*[\d一二三四五六七八九十X＊*]{1,3}\s*日)?$"
)
_SIGNATURE_MAX_CHARS = 30
# A speech's subtitle under its title: "——在2024年度总结表彰大会上的讲话".
_SUBTITLE = re.compile(r"^[—－-]{1,2}\s*\S.{1,60}$")
# A bracketed date under a speech's title: "（2025年1月10日）".
_BRACKETED_DATE = re.compile(r"^[（(]\s*\S{0,10}?\d{4}\s*年.{1,12}[）)]$")
# A document number under a notice's title: "X政办发〔2024〕12号".
_DOCUMENT_NUMBER = re.compile(r"^\S{1,16}[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d{1,4}号$")
_BYLINE_MAX_CHARS = 24
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|$^@{}])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=:>])|(\d+)([.)]))")


@dataclass(frozen=True)
class HeadingKind:
    kind: str
    pattern: re.Pattern | None  # None: marked up in the source (HTML headings)
    heads: tuple[str, ...]
    not_heads: tuple[str, ...]


@cache
def heading_kinds() -> tuple[HeadingKind, ...]:
    data = tomllib.loads((Path(__file__).parent / "structure_rules.toml").read_text("utf-8"))
    return tuple(
        HeadingKind(
            h["kind"],
            re.compile(h["pattern"]) if "pattern" in h else None,
            tuple(h.get("examples", {}).get("heads", ())),
            tuple(h.get("examples", {}).get("not", ())),
        )
        for h in data["heading"]
    )


@dataclass(frozen=True)
class Heading:
    kind: str
    text: str  # the heading as printed
    rest: str  # the paragraph text that follows a run-in heading ("" for a whole-line heading)


def find_heading(line: str) -> Heading | None:
    """The heading a line opens with, if any."""
    for kind in heading_kinds():
        if kind.pattern is None:
            continue
        match = kind.pattern.match(line)
        if not match or match.end() == len(line):
            if match and kind.kind == "piece":
                return Heading(kind.kind, line, "")
            continue
        if len(line) <= MAX_HEADING_CHARS and not _SENTENCE_END.search(line[:-1]):
            if (line.endswith("。") and "，" in line) or line.endswith(("；", ";", "，", ",")):
                return None  # a numbered clause or sentence with clauses is a list item
            return Heading(kind.kind, line, "")
        end = _SENTENCE_END.search(line, match.end())
        if end and end.end() <= MAX_HEADING_CHARS and end.end() < len(line):
            return Heading(kind.kind, line[: end.end()], line[end.end() :].lstrip())
        return None
    return None


def escape_markdown(text: str, *, block_start: bool = True) -> str:
    """Make a line of prose read literally in pandoc Markdown.

    block_start: the text opens a block, where "1." or "-" would start a list.
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if not block_start:
        return text

    def literal(m: re.Match) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return _MD_LINE_START.sub(literal, text, count=1)


_NOT_TITLE_ENDINGS = ("。", "；", "，", "！", "？", "：", ":", "…")  # sentences and salutations


def is_title_line(line: str) -> bool:
    return (
        len(line) <= MAX_TITLE_CHARS
        and not line.endswith(_NOT_TITLE_ENDINGS)
        and find_heading(line) is None
        and not WITHHELD_MARK_RE.match(line)
    )


_MARKED_HEADING = re.compile(r"^(#{1,3}) (.+)$")


def _marked_headings(lines: list[str], meta: dict) -> tuple[list[str], list[Heading | None]]:
    """HTML headings ("#" lines): the first <h1> is the title; the others keep their level
    unless their text carries Chinese numbering, which then decides."""
    kept, marked = [], []
    for line in lines:
        match = _MARKED_HEADING.match(line)
        if not match:
            kept.append(line)
            marked.append(None)
            continue
        level, text = len(match.group(1)), match.group(2).strip()
        if level == 1 and (not meta.get("title") or text in meta["title"] or meta["title"] in text):
            if not kept:  # the page's own title: it replaces the <title>, which carries site names
                meta["title"] = text
                continue
        kept.append(text)
        numbered = find_heading(text)
        marked.append(
            numbered if numbered and not numbered.rest else Heading(f"html-h{level}", text, "")
        )
    return kept, marked


def structure(doc: Document) -> Document:
    """Build doc.markdown from doc.text and doc.meta."""
    if doc.kind == "markdown":
        return doc.with_(markdown=doc.text, meta={**doc.meta, **frontmatter.read(doc.text)})
    meta = dict(doc.meta)
    lines = doc.text.split("\n")
    # HTML headings arrive marked up; every other line is judged by its numbering.
    lines, marked = (
        _marked_headings(lines, meta) if doc.kind == "html" else (lines, [None] * len(lines))
    )
    if not meta.get("title"):
        first_is_title = lines and marked[0] is None and is_title_line(lines[0])
        meta["title"] = lines[0] if first_is_title else Path(doc.name).name
    while lines and marked[0] is None and lines[0] in meta["title"]:  # the title as text
        lines, marked = lines[1:], marked[1:]
    if lines and marked[0] is None and _SUBTITLE.match(lines[0]) and "subtitle" not in meta:
        meta["subtitle"] = lines[0]
        lines, marked = lines[1:], marked[1:]
    if not any(lines):
        raise DocumentError("no text left after the title")
    meta["lang"] = meta.get("lang", "zh-CN")
    if meta.get("date"):
        meta["date"] = iso_date(str(meta["date"])) or meta["date"]
    byline_to = _byline_end(lines)

    headings = [mark or find_heading(line) for line, mark in zip(lines, marked, strict=True)]
    levels = _levels([h.kind for h in headings if h])
    signature_from = _signature_start(lines, headings, meta.pop("_aligned_right", []))
    blocks: list[str] = []
    run_ins = 0
    if byline_to:
        body = "\n\n".join(escape_markdown(line) for line in lines[:byline_to])
        blocks.append(f'::: {{.byline custom-style="Byline"}}\n{body}\n:::')
    for index, (line, heading) in enumerate(zip(lines, headings, strict=True)):
        if index < byline_to:
            continue
        if WITHHELD_MARK_RE.match(line):
            blocks.append(f'::: {{.withheld custom-style="Withheld Note"}}\n{line}\n:::')
        elif index >= signature_from:
            if index == signature_from:
                signature = lines[signature_from:]
                body = "\n\n".join(escape_markdown(s) for s in signature)
                blocks.append(f'::: {{.signature custom-style="Signature"}}\n{body}\n:::')
        elif heading and not heading.rest:
            blocks.append(
                f"{'#' * levels[heading.kind]} {escape_markdown(heading.text, block_start=False)}"
            )
        elif heading:
            hashes, run_ins = "#" * levels[heading.kind], run_ins + 1
            # A stable id for the outline; the class is what every renderer looks for.
            text = escape_markdown(heading.text, block_start=False)
            blocks.append(f"{hashes} {text} {{#run-in-{run_ins} .run-in}}")
            blocks.append(escape_markdown(heading.rest))
        else:
            blocks.append(escape_markdown(line))
    markdown = frontmatter.write(meta) + "\n" + "\n\n".join(blocks) + "\n"
    return doc.with_(meta=meta, markdown=markdown)


def _levels(kinds: list[str]) -> dict[str, int]:
    """Markdown level per heading kind: the kinds used, in their outermost-first order."""
    order = [k.kind for k in heading_kinds() if k.kind in set(kinds)]
    return {kind: min(level, 6) for level, kind in enumerate(order, 1)}


def _byline_end(lines: list[str]) -> int:
    """How many lines under the title are a byline, printed centred: a speech's speaker and
    bracketed date ("张三" / "（2025年1月10日）"), or a notice's document number."""
    if lines and _DOCUMENT_NUMBER.match(lines[0]):
        return 1
    for end in range(min(2, len(lines)), 0, -1):
        block = lines[:end]
        if (
            _BRACKETED_DATE.match(block[-1])
            and all(len(line) <= _BYLINE_MAX_CHARS for line in block)
            and not any(_SENTENCE_END.search(line) or find_heading(line) for line in block)
        ):
            return end
    return 0


def _signature_start(lines: list[str], headings: list, aligned_right: list[str]) -> int:
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
        if headings[start - 1] or len(line) > _SIGNATURE_MAX_CHARS or _SENTENCE_END.search(line):
            break
        if re.search(r"[，,：:；;]", line):
            break
        start -= 1
    block = lines[start:]
    if block and any(_DATE_LINE.match(line) for line in block) and start > 0:
        return start
    return len(lines)


_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})(?:\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?)?"
)


def iso_date(text: str) -> str | None:
    """ "2019-09-26 03:08:39", "2024年12月13日", "2025.8" -> "2019-09-26", "2024-12-13",
    "2025-08" (EPUB and PDF metadata want ISO dates); None when there is no date in it."""
    match = _DATE.search(text)
    if not match or not 1 <= int(match["m"]) <= 12:
        return None
    if match["d"] and 1 <= int(match["d"]) <= 31:
        return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"
    return f"{match['y']}-{int(match['m']):02d}"
