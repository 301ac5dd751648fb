"""Markdown intermediate -> a complete HTML document for print (weasyprint)."""

from __future__ import annotations

import re
from html import escape

from ..document import Document
from ..styles import Style
from .pandoc import convert

# A run-in heading and its paragraph print as one block: both inline, wrapped in a div so that
# the next run-in heading starts a new line (and without the whitespace between them, which
# would print as a wide gap).
_RUN_IN = re.compile(r'(<h[1-6][^>]*class="run-in"[^>]*>.*?</h[1-6]>)\s*(<p>.*?</p>)', re.S)


def build_html(doc: Document, style: Style) -> str:
    """The whole page: head metadata (weasyprint turns it into PDF metadata) and the body."""
    meta = doc.meta
    body = _RUN_IN.sub(r'<div class="run-in-block">\1\2</div>', convert(doc.markdown, "html5"))
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
