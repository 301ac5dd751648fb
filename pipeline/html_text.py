"""HTML -> plain text, one line per block; <h1>-<h3> come out as "# ", "## ", "### " lines.

Whole pages (with navigation, sidebars, footers) go through trafilatura, which is made to find
the main text of a page. Fragments pasted out of a CMS (a run of <p> tags, often broken) have no
page chrome to strip, and trafilatura drops short blocks from them, so they are walked directly.
"""

from __future__ import annotations

import re

import lxml.html

_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
    "dd",
    "dt",
    "hr",
}
_HEADING_TAGS = {"h1", "h2", "h3"}
_DROP_TAGS = {"script", "style", "noscript", "iframe", "template", "svg", "head", "title"}
_WHOLE_PAGE = re.compile(r"<(?:html|body)\b", re.I)
_BOLD = re.compile(r"\*\*([^*\n]+?)\*\*")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def html_to_text(html: str) -> tuple[str, str]:
    """Return (text with one block per line, page title or "")."""
    if _WHOLE_PAGE.search(html):
        return _page_to_text(html)
    return _fragment_to_text(html), ""


def _page_to_text(html: str) -> tuple[str, str]:
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="markdown",  # keeps headings as "#" lines; formatting is off by default
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
    )
    # Bold survives trafilatura's Markdown even with formatting off; the text wants none of it.
    text = _BOLD.sub(r"\1", text or "")
    title = ""
    match = _TITLE_TAG.search(html)
    if match:
        title = lxml.html.fromstring(f"<p>{match.group(1)}</p>").text_content().strip()
    return text, title


def _fragment_to_text(html: str) -> str:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = "".join(current).strip()
        if line and line.strip("# "):
            lines.append(line)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _DROP_TAGS:
            if element.tail:
                current.append(element.tail)
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            flush()
        if tag.lower() in _HEADING_TAGS:
            current.append("#" * int(tag[1]) + " ")
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
        if block:
            flush()
        if element.tail:
            current.append(element.tail)

    walk(root)
    flush()
    return "\n\n".join(line.replace("\xa0", " ") for line in lines)
