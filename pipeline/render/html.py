"""Markdown intermediate -> a complete HTML document for print (weasyprint)."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path

from ..document import Document
from ..styles import (
    Style,
    indent_pt,
    letter_spacing_pt,
    text_width_pt,
    title_chars_per_line,
    title_widths,
)
from ..title_lines import split_title
from .breaks import (
    AUTOSPACE,
    AUTOSPACE_WIDEST_EM,
    INVISIBLE,
    add_autospace,
    add_break_opportunities,
    autospaced,
    compress_across_tags,
    keep_heading_ends,
    keep_paragraph_ends,
)
from .notice import attachment_indents, cell_widths, cells, signature_indents
from .pandoc import convert
from .script_runs import set_in_one_face
from .tables import keep_short_columns
from .weasyprint_cjk import AUTOSPACE_EM

# A run-in heading and its paragraph as one block (div.run-in-block), found in pandoc's AST by
# the heading's class.
RUN_IN_FILTER = Path(__file__).with_name("run_in.lua")
# An ordered list's markers as the source wrote them, in the text ((1), not the list's 1.).
LIST_MARKERS_FILTER = Path(__file__).with_name("list_markers.lua")


_NOTICE_BLOCK = re.compile(r'(<div class="(signature|attachments)"[^>]*>)(.*?)(</div>)', re.S)
_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
_TAG = re.compile(r"<[^>]+>")


_NO_INVISIBLE = str.maketrans("", "", INVISIBLE + AUTOSPACE)


def place_notice_lines(html: str, cell: str, widths=None) -> str:
    """Each line of a notice's attachment notes and signature block where GB/T 9704 puts it
    (render/notice.py), as inline padding in units of `cell` (a CSS length: one character)."""

    def place(match: re.Match) -> str:
        opening, kind, inner, closing = match.groups()
        # Measured as set: the invisible break controls take no cell.
        texts = [
            unescape(_TAG.sub("", p)).translate(_NO_INVISIBLE) for p in _PARAGRAPH.findall(inner)
        ]
        if kind == "signature":
            styles = [
                f"padding-right: calc({r} * {cell})"
                for r in signature_indents(texts, widths or cells)
            ]
        else:
            styles = [
                f"padding-left: calc({left} * {cell}); text-indent: calc({first} * {cell})"
                for left, first in attachment_indents(texts, widths or cells)
            ]
        placed = iter(styles)
        inner = _PARAGRAPH.sub(lambda p: f'<p style="{next(placed)}">{p.group(1)}</p>', inner)
        return opening + inner + closing

    return _NOTICE_BLOCK.sub(place, html)


def html_body(doc: Document) -> str:
    """The intermediate's body as HTML (pandoc; the same conversion for print and the web)."""
    filters = ["--lua-filter", str(LIST_MARKERS_FILTER), "--lua-filter", str(RUN_IN_FILTER)]
    return convert(doc.markdown, "html5", args=filters)


def build_html(doc: Document, style: Style, for_print: bool = True) -> str:
    """The whole page: head metadata (weasyprint turns it into PDF metadata) and the body;
    for_print: with the line-breaking controls of breaks.py, for weasyprint."""
    meta = doc.meta
    body = html_body(doc)
    cell = indent_pt(style) / style.text.indent_chars
    size, spacing = style.text.size_pt, letter_spacing_pt(style)
    # The gap between Chinese and Latin text: weasyprint_cjk's in print, CSS's on the web.
    autospace = AUTOSPACE_EM * size - spacing if for_print else AUTOSPACE_WIDEST_EM * size
    widths = cell_widths(style.font("body"), size, spacing, cell, autospace)
    if for_print:  # invisible line-breaking controls for weasyprint (not in a web page's text)
        body = keep_paragraph_ends(keep_heading_ends(add_break_opportunities(body)))
        body = compress_across_tags(body)
        body = set_in_one_face(body)
    body = place_notice_lines(body, f"{cell:.3f}pt", widths)
    body = keep_short_columns(body, text_width_pt(style) / cell)
    if for_print:  # the gap between Chinese and Latin text (a web page's CSS sets its own)
        body = add_autospace(body)
    head = [f"<title>{escape(str(meta.get('title', '')))}</title>"]
    for name, key in (("author", "author"), ("dcterms.created", "date"), ("keywords", "source")):
        if meta.get(key):
            head.append(f'<meta name="{name}" content="{escape(str(meta[key]))}">')
    head.append('<meta name="generator" content="publish">')
    lang = escape(str(meta.get("lang", "zh-CN")))
    # Broken by meaning, not wherever the line fills.
    lines = split_title(
        str(meta.get("title", "")), title_chars_per_line(style), title_widths(style)
    )
    spaced = autospaced if for_print else str
    title = "<br>".join(spaced(escape(line)) for line in lines)
    subtitle = escape(str(meta.get("subtitle", "")))
    subtitle_html = f'<p class="subtitle">{subtitle}</p>' if subtitle else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        + "\n".join(head)
        + f'\n</head>\n<body>\n<header class="title-block"><h1 class="title">{title}</h1>{subtitle_html}</header>\n'
        + body
        + "\n</body>\n</html>\n"
    )
