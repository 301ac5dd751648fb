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

import lxml.html

_BLOCK_TAGS = set(
    "p div br li tr h1 h2 h3 h4 h5 h6 section article blockquote pre table ul ol dd dt hr".split()
)
_HEADING_TAGS = {"h1", "h2", "h3"}
_DROP_TAGS = {"script", "style", "noscript", "iframe", "template", "svg", "head", "title"}
# Page chrome by its HTML5 role: never the article's text.
_PAGE_CHROME = {"nav", "header", "footer", "aside", "form", "select", "button"}
_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.I)
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_SPACE = re.compile(r"\s+")
MIN_MATCH_CHARS = 6  # a walked line this long or longer can be recognised in trafilatura's text


def html_to_text(html: str) -> tuple[str, str, list[str]]:
    """Return (text with one block per line, page title or "", right-aligned lines)."""
    right: list[str] = []
    if _WHOLE_PAGE.search(html):
        text, title = _page_to_text(html, right)
        return text, title, right
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return "\n\n".join(_walk(root, right=right)), "", right


def _page_to_text(html: str, right: list[str]) -> tuple[str, str]:
    import trafilatura

    kept = trafilatura.extract(
        html, output_format="txt", favor_recall=True, include_comments=False, include_tables=True
    )
    document = lxml.html.document_fromstring(html)
    title = ""
    match = _TITLE_TAG.search(html)
    if match:
        title = lxml.html.fromstring(f"<p>{match.group(1)}</p>").text_content().strip()
    if not kept:
        return "", title
    kept_text = _SPACE.sub("", kept)
    walked = _walk(document.body if document.body is not None else document, _PAGE_CHROME, right)
    found = [
        index
        for index, line in enumerate(walked)
        if len(key := _SPACE.sub("", line.lstrip("# "))) >= MIN_MATCH_CHARS and key in kept_text
    ]
    if not found:
        return kept, title
    return "\n\n".join(walked[found[0] : found[-1] + 1]), title


def _walk(root, skip: set[str] = frozenset(), right: list[str] | None = None) -> list[str]:
    """The text of root as lines, one per block; headings marked with "#". Lines of blocks
    aligned right (signature and date lines of a notice) are also added to `right`."""
    lines: list[str] = []
    current: list[str] = []
    aligned_right = [False]

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current).replace("\xa0", " ")).strip()
        if line and line.strip("# "):
            lines.append(line)
            if aligned_right[-1] and right is not None:
                right.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if tag in _DROP_TAGS or tag in skip:
            if element.tail:
                current.append(element.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
            style = (element.get("style") or "").replace(" ", "").lower()
            aligned_right.append(
                "text-align:right" in style
                or (element.get("align") or "").lower() == "right"
                or aligned_right[-1]
            )
        if tag in _HEADING_TAGS:
            current.append("#" * int(tag[1]) + " ")
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
            aligned_right.pop()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return lines
