"""The `html` format: a reading page per document, for browsers.

The body is the one the PDF is laid out from (render/html.py: title block, headings, run-in
headings, the withheld-text note, bylines, signatures); the CSS is the style's screen CSS (the
EPUB's) plus a reading column. The page needs no script, and every link is relative, so
`output/` can be copied anywhere, served by any static server, or read from disk.

Two parts of a page depend on the library around it, which a renderer (in a worker, maybe on
another machine) does not see: its fonts, WOFF2 subsets shared by every page of the library
(webfonts.py), and the links to the formats written beside it. The renderer leaves both empty
(`<style id="publish-fonts">` and `<nav class="formats">` hold only the catalogue link); the
batch runner fills them in with `finish_page` when the page is in place, before it records the
document as published. Until then the page reads in the reader's own fonts.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from . import Format
from .tools import PANDOC

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from ..document import Document
    from ..fonts import FontFile
    from ..styles import Style
    from ..webfonts import FontLibrary, WebFont

CATALOGUE = "index.html"
CATALOGUE_LABEL = "目录"
CATALOGUE_LABEL_HANT = "目錄"  # on the page of a text in traditional script
# The link bar: the other formats written beside a page, in this order.
FORMAT_LABELS = {"pdf": "PDF", "docx": "DOCX", "epub": "EPUB", "txt": "TXT", "md": "Markdown"}
FONTS_ID = "publish-fonts"
_FONTS_BLOCK = re.compile(rf'<style id="{FONTS_ID}">.*?</style>', re.S)
_NAV_BLOCK = re.compile(r'(<nav class="formats">.*?)(</nav>)', re.S)

WEB_CSS = """
:root { color-scheme: light dark; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; font-size: 1.125rem; }
main { max-width: 36em; margin: 0 auto; padding: 1em 1.25em 4em; }
nav.formats { max-width: 36em; margin: 0 auto; padding: 0.75em 1.25em 0; font-size: 0.85em;
  display: flex; flex-wrap: wrap; gap: 0.4em 1.2em; }
nav.formats a { text-decoration: none; }
nav.formats a:hover { text-decoration: underline; }
header.title-block { text-align: center; margin: 1.5em 0 2em; }
header.title-block h1.title { margin: 0 0 0.4em; line-height: 1.4; }
header.title-block p { text-indent: 0; margin: 0.2em 0; }
header.title-block p.meta { font-size: 0.85em; opacity: 0.75; }
div.run-in-block { text-indent: 2em; margin: 0 0 0.35em; }
div.run-in-block > p { text-indent: 0; }
p { margin: 0 0 0.35em; }
"""
_VIEWPORT = "width=device-width, initial-scale=1"


def meta_line(meta: Mapping[str, Any]) -> str:
    parts = [str(meta["date"])] if meta.get("date") else []
    if meta.get("source"):
        parts.append(f"来源：{meta['source']}")
    if meta.get("author"):
        parts.append(f"作者：{meta['author']}")
    return " · ".join(parts)


def build_page(doc: Document, style: Style) -> HtmlElement:
    """The page as the renderer makes it: the print body, the catalogue link, the metadata
    line, the screen CSS; fonts and format links left for `finish_page`."""
    import lxml.html
    from lxml import etree

    from ..script import is_traditional_tag
    from ..styles import screen_css
    from ..webfonts import family_name
    from .coverage import script_style
    from .html import build_html

    style = script_style(style, str(doc.meta.get("lang", "")))  # traditional script's faces

    tree = lxml.html.document_fromstring(build_html(doc, style, for_print=False))
    body, head = tree.body, tree.head
    main = etree.Element("main")
    for child in list(body):
        main.append(child)
    nav = etree.SubElement(body, "nav", {"class": "formats"})
    link = etree.SubElement(nav, "a", {"href": "../" * doc.name.count("/") + CATALOGUE})
    traditional = is_traditional_tag(str(doc.meta.get("lang", "")))
    link.text = CATALOGUE_LABEL_HANT if traditional else CATALOGUE_LABEL
    body.append(main)
    header = main.find(".//header")
    line = meta_line(doc.meta)
    if header is not None and line:
        etree.SubElement(header, "p", {"class": "meta"}).text = line
    head.insert(1, etree.Element("meta", {"name": "viewport", "content": _VIEWPORT}))
    # One CSS family per face (its @font-face rules come later), shared by the roles using it.
    families = {role: family_name(font) for role, font in style.fonts.items() if font}
    etree.SubElement(head, "style", {"id": FONTS_ID})
    etree.SubElement(head, "style").text = screen_css(style, families) + WEB_CSS
    return tree


def render_webpage(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    import lxml.html

    assert style is not None  # the format declares a style
    html = lxml.html.tostring(build_page(doc, style), encoding="unicode", doctype="<!DOCTYPE html>")
    out_path.write_text(html + "\n", encoding="utf-8")


# ---------------------------------------------------------------- what the page shows, by face


def role_texts(tree: HtmlElement, style: Style) -> dict[str, str]:
    """The text each font role shows on the page (as the CSS assigns roles to elements)."""
    texts: dict[str, list[str]] = {}
    from ..styles import bold_role

    headings = {f"h{n}": look.font for n, look in enumerate(style.heading_levels, 1)}
    strong = bold_role(style)
    for element in tree.body.iter():
        if not isinstance(element.tag, str):
            continue
        classes = set((element.get("class") or "").split())
        above = list(element.iterancestors())
        in_title_block = any(a.tag == "header" for a in above)
        in_note = any("withheld" in (a.get("class") or "").split() for a in above)
        if "title" in classes and in_title_block:
            role = style.title.font
        elif "subtitle" in classes or "withheld" in classes or in_note:
            role = style.note.font
        elif element.tag in headings and not in_title_block:
            role = headings[element.tag]
        elif element.tag == "strong" and not any(a.tag in headings for a in above):
            role = strong
        else:
            role = "body"
        texts.setdefault(role, []).append(element.text or "")
        for child in element:  # text after a child element belongs to this element's role
            texts.setdefault(role, []).append(child.tail or "")
    return {role: "".join(parts) for role, parts in texts.items()}


def face_texts(style: Style, texts: Mapping[str, str]) -> dict[FontFile, str]:
    """Characters per installed face, each role's text down its face chain (styles.chain_texts:
    the order of the CSS font-family lists)."""
    from ..styles import chain_texts

    by_face: dict[FontFile, str] = {}
    for role, text in texts.items():
        for candidate, chars in chain_texts(style, role, text).items():
            if font := style.fonts.get(candidate):
                by_face[font] = by_face.get(font, "") + chars
    return by_face


# ---------------------------------------------------------------- finishing a page in place


def finish_page(
    output_dir: Path, page: str, outputs: list[str], style: Style, library: FontLibrary
) -> list[WebFont]:
    """Fill in a published page's fonts (shared subsets, made when missing) and its links to
    the formats written beside it; return the font files it uses.

    page and outputs are paths relative to output_dir; the page is rewritten atomically.
    """
    import lxml.html

    from ..webfonts import FONTS_FOLDER, family_name, font_faces
    from .coverage import script_style

    path = output_dir / page
    by_format = {PurePosixPath(o).suffix.lstrip("."): PurePosixPath(o).name for o in outputs}
    links = "".join(
        f'<a href="{_quote(by_format[fmt])}">{label}</a>'
        for fmt, label in FORMAT_LABELS.items()
        if fmt in by_format
    )
    html = _NAV_BLOCK.sub(lambda m: m[1] + links + m[2], path.read_text("utf-8"), count=1)
    tree = lxml.html.document_fromstring(html)
    style = script_style(style, tree.get("lang") or "")  # the faces build_page chose
    by_face = {
        font: library.fonts_for(font, chars)
        for font, chars in face_texts(style, role_texts(tree, style)).items()
    }
    up = "../" * page.count("/")
    css = font_faces(
        {family_name(f): files for f, files in by_face.items()},
        up + FONTS_FOLDER + "/",
        frozenset(family_name(f) for f in by_face if f.bold),
    )
    html = _FONTS_BLOCK.sub(lambda _: f'<style id="{FONTS_ID}">\n{css}\n</style>', html, count=1)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    scratch.write_text(html, encoding="utf-8")
    os.replace(scratch, path)
    return sorted({file for files in by_face.values() for file in files}, key=lambda f: f.name)


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


FORMAT = Format(
    name="html",
    extension="html",
    render=render_webpage,
    description="a reading page for browsers (the reading style by default), fonts shared "
    "across the library, listed in output/index.html",
    style="reading",
    default=True,
    order=35,
    tools=(PANDOC,),
    packages=("pypandoc_binary", "uharfbuzz", "fonttools", "brotli", "lxml"),
    side_by_side=True,
)
