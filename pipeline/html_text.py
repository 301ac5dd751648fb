"""HTML -> plain text, one line per block; <h1>-<h3> come out as "# ", "## ", "### " lines.

Whole pages (navigation, sidebars, footers) go through trafilatura, which is made to find the
main text of a page. It is trusted for *where* the text is, not for every block in it: it can
drop headings and short lines inside the article. So the page is also walked block by block,
and everything from the first to the last block trafilatura kept is taken, in page order;
what the site put in between is left to the cleaning rules. Fragments pasted out of a CMS (a
run of <p> tags, often broken) have no page chrome to strip and are walked directly.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field

import lxml.html

from . import markup
from .thresholds import limit

_BLOCK_TAGS = set(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article blockquote pre table ul ol dd dt hr".split()
)
_HEADING_TAGS = {"h1", "h2", "h3"}
_BOLD_TAGS = {"strong", "b"}
_DROP_TAGS = {"script", "style", "noscript", "iframe", "template", "svg", "head", "title"}
# Page chrome by its HTML5 role: never the article's text.
_PAGE_CHROME = {"nav", "header", "footer", "aside", "form", "select", "button"}
_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.I)
# The first <title> and the first </title> after it, found separately: one regex with a lazy
# .*? between them scans to the end of the page once per <title> (quadratic on a page of
# unclosed <title> tags).
_TITLE_OPEN = re.compile(r"<title[^<>]*>", re.I)
_TITLE_CLOSE = re.compile(r"</title>", re.I)
_SPACE = re.compile(r"\s+")
# A fragment's line break that Markdown keeps: a blank line, or a break before a line that
# opens a block of its own (a heading's #, a list's -, *, + or 1., a quote's >, a table's |).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*|\n[ \t]*(?=#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\|)")
_NOT_KEY = re.compile(r"[\s|*#-]+")
MIN_MATCH_CHARS = limit("read", "min_match_chars")
LINK_DENSITY = limit("read", "link_density")
LINK_MIN_CHARS = limit("read", "link_min_chars")
TABLE_CELL_MAX_CHARS = limit("read", "table_cell_max_chars")


CAPTION_MAX_CHARS = 24  # a caption under a picture is a short line (as a plain head is)


@dataclass
class Hints:
    """What the page's markup says about lines, for the later stages (keyed by line text)."""

    right: list[str] = field(default_factory=list)  # aligned right: a notice's signature block
    links: list[str] = field(default_factory=list)  # mostly link text: navigation, related boxes
    # a short line right after a picture (nothing between them): the picture's caption
    captions: list[str] = field(default_factory=list)


def html_to_text(html: str) -> tuple[str, str, Hints]:
    """Return (text with one block per line, page title or "", hints)."""
    hints = Hints()
    if _WHOLE_PAGE.search(html):
        text, title = _page_to_text(html, hints)
        return text, title, hints
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return "\n\n".join(_walk(root, hints=hints, blank_breaks=True)), "", hints


# A closing </html> or </body> before the page's end (a template that closes the page after its
# header and goes on): the parsers stop reading there, and the article under it would be lost.
_EARLY_CLOSE = re.compile(r"</(?:html|body)\s*>", re.I)


def _page_to_text(html: str, hints: Hints) -> tuple[str, str]:
    import trafilatura

    html = _EARLY_CLOSE.sub("", html)  # the parsers close the page where it ends

    kept = trafilatura.extract(
        html, output_format="txt", favor_recall=True, include_comments=False, include_tables=True
    )
    document = lxml.html.document_fromstring(html)
    title = ""
    opening = _TITLE_OPEN.search(html)
    closing = _TITLE_CLOSE.search(html, opening.end()) if opening else None
    if opening and closing:
        inner = html[opening.end() : closing.start()]
        title = lxml.html.fromstring(f"<p>{inner}</p>").text_content().strip()
    if not kept:
        return "", title
    kept_text = _NOT_KEY.sub("", kept)
    main = _main_lines(kept)
    walked = _walk(
        document.body if document.body is not None else document, _PAGE_CHROME, hints, main
    )
    found = [
        index
        for index, line in enumerate(walked)
        if len(key := _NOT_KEY.sub("", line)) >= MIN_MATCH_CHARS and key in kept_text
    ]
    if not found:
        return kept, title
    start = found[0]
    if start and _headline_key(walked[start - 1]) in _heading_keys(document):
        start -= 1  # the page's headline right above the text the extractor kept (<h5>…</h5>)
    return "\n\n".join(walked[start : found[-1] + 1]), title


_HEADLINE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _headline_key(line: str) -> str:
    return _NOT_KEY.sub("", line)  # its heading's marks too


def _heading_keys(document) -> set[str]:
    """The page's headings of any level (<h1> to <h6>) as keys, but for a breadcrumb's."""
    keys = set()
    for element in document.iter(*_HEADLINE_TAGS):
        text = element.text_content().strip()
        if text and not re.search(r"首页|>|›|»", text):
            keys.add(_NOT_KEY.sub("", text))
    return keys - {""}


def _main_lines(kept: str) -> tuple[str, ...]:
    """The extractor's lines that read as the author's prose, as keys (no spaces or marks)."""
    from .page import is_prose

    return tuple(_NOT_KEY.sub("", line) for line in kept.split("\n") if is_prose(line.strip()))


def _holds_main(element, main: tuple[str, ...]) -> bool:
    """Whether a block of the page's chrome by its tag (a <form> around a whole page, an
    <aside> or a <header> a site put the article in) holds the main text the extractor found:
    then it is walked, its own chrome blocks inside it still left out."""
    if not main:
        return False
    key = _NOT_KEY.sub("", element.text_content())
    if not any(line in key for line in main):
        return False
    linked = sum(len(_NOT_KEY.sub("", link.text_content())) for link in element.iter("a"))
    return linked < LINK_DENSITY * len(key)  # a menu bar is mostly links, a text is not


def _walk(
    root,
    skip: AbstractSet[str] = frozenset(),
    hints: Hints | None = None,
    main: tuple[str, ...] = (),
    blank_breaks: bool = False,
) -> list[str]:
    """The text of root as lines, one per block; headings marked with "#", a block that is
    bold as a whole with "**", data tables as pipe tables. Lines of blocks aligned right and
    lines made mostly of link text are noted in `hints`. A block whose tag is in `skip` is
    left out unless it holds one of the `main` lines (the extractor's prose). blank_breaks: a
    blank line in the text ends a line too (a fragment that is text or Markdown with a few
    tags in it: its paragraphs are set apart by blank lines, not by tags)."""
    hints = hints if hints is not None else Hints()
    lines: list[str] = []
    current: list[tuple[str, bool, bool]] = []  # (text, inside a link, inside bold)
    aligned_right = [False]
    after_picture = [False]  # a picture stands right before the line being gathered

    def flush() -> None:
        text = "".join(piece for piece, _, _ in current)
        line = _SPACE.sub(" ", text.replace("\xa0", " ")).strip()
        if line and line.strip("# "):
            chars = len(_SPACE.sub("", text.replace("\xa0", "")))
            linked = sum(len(_SPACE.sub("", p)) for p, link, _ in current if link)
            bold = sum(len(_SPACE.sub("", p)) for p, _, b in current if b)
            if not line.startswith("#") and chars and bold == chars and "*" not in line:
                line = f"**{line}**"
            lines.append(line)
            if after_picture[0] and chars <= CAPTION_MAX_CHARS:
                hints.captions.append(line)
            after_picture[0] = False
            if aligned_right[-1]:
                hints.right.append(line)
            if linked >= LINK_MIN_CHARS and linked >= LINK_DENSITY * chars:
                hints.links.append(line)
        current.clear()

    def add(text: str, link: bool, bold: bool) -> None:
        parts = _BLANK_LINE.split(text) if blank_breaks else [text]
        for index, part in enumerate(parts):
            if index:
                flush()
            current.append((part, link, bold))

    def walk(element, link: bool, bold: bool) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if (
            tag in _DROP_TAGS
            or (tag in skip and not _holds_main(element, main))
            or not isinstance(element.tag, str)
        ):
            # (a comment or a processing instruction: its text is markup's, not the page's)
            if element.tail:
                add(element.tail, link, bold)
            return
        if tag == "table" and _is_data_table(element):
            flush()
            lines.extend(_table_lines(element))
            if element.tail:
                add(element.tail, link, bold)
            return
        if tag == "img" and not "".join(piece for piece, _, _ in current).strip():
            after_picture[0] = True  # (a picture after text in its line captions nothing)
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            style = (element.get("style") or "").replace(" ", "").lower()
            aligned_right.append(
                "text-align:right" in style
                or (element.get("align") or "").lower() == "right"
                or aligned_right[-1]
            )
        inner_link, inner_bold = link or tag == "a", bold or tag in _BOLD_TAGS
        if tag in _HEADING_TAGS:
            current.append(("#" * int(tag[1]) + " ", False, False))
        if element.text:
            add(element.text, inner_link, inner_bold)
        for child in element:
            walk(child, inner_link, inner_bold)
        if block:
            flush()
            aligned_right.pop()
        if element.tail:
            add(element.tail, link, bold)

    walk(root, False, False)
    flush()
    return lines


def _cell_text(cell) -> str:
    return _SPACE.sub(" ", cell.text_content().replace("\xa0", " ")).strip()


def _rows(table) -> list[list]:
    return [row.xpath("./th|./td") for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]


def _is_data_table(table) -> bool:
    """A table of data (rows and columns of short cells), not a page laid out in a table."""
    if table.xpath(".//table"):
        return False
    rows = [row for row in _rows(table) if row]
    if len(rows) < 2 or max(len(row) for row in rows) < 2:
        return False
    return all(len(_cell_text(cell)) <= TABLE_CELL_MAX_CHARS for row in rows for cell in row)


def _table_lines(table) -> list[str]:
    rows = [[_cell_text(cell) for cell in row] for row in _rows(table)]
    rows = [row for row in rows if any(row)]
    columns = max(len(row) for row in rows)
    rows = [row + [""] * (columns - len(row)) for row in rows]
    body = [markup.table_line(row) for row in rows]
    # One line with the rows, so that the reader's blank lines do not come between them.
    return ["\n".join([body[0], markup.separator_line(columns), *body[1:]])]
