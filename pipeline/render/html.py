"""Markdown intermediate -> a complete HTML document for print (weasyprint)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ..document import Document
from ..styles import Style
from .pandoc import convert

# A run-in heading and its paragraph as one block (div.run-in-block), found in pandoc's AST by
# the heading's class.
RUN_IN_FILTER = Path(__file__).with_name("run_in.lua")


def build_html(doc: Document, style: Style) -> str:
    """The whole page: head metadata (weasyprint turns it into PDF metadata) and the body."""
    meta = doc.meta
    body = convert(doc.markdown, "html5", args=["--lua-filter", str(RUN_IN_FILTER)])
    head = [f"<title>{escape(str(meta.get('title', '')))}</title>"]
    for name, key in (("author", "author"), ("dcterms.created", "date"), ("keywords", "source")):
        if meta.get(key):
            head.append(f'<meta name="{name}" content="{escape(str(meta[key]))}">')
    head.append('<meta name="generator" content="publish">')
    lang = escape(str(meta.get("lang", "zh-CN")))
    title = escape(str(meta.get("title", "")))
    subtitle = escape(str(meta.get("subtitle", "")))
    subtitle_html = f'<p class="subtitle">{subtitle}</p>' if subtitle else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        + "\n".join(head)
        + f'\n</head>\n<body>\n<header class="title-block"><h1 class="title">{title}</h1>{subtitle_html}</header>\n'
        + body
        + "\n</body>\n</html>\n"
    )
