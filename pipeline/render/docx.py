"""DOCX with pandoc and a reference document derived from the style."""

from __future__ import annotations

import io
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Format
from .tools import PANDOC

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style


@cache
def _reference(style: Style) -> bytes:
    """Built once per style per process."""
    from .docx_reference import build_reference

    return build_reference(style)


def render_docx(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    from .pandoc import tree_meta, write_tree

    assert style is not None  # FORMAT.style: DOCX always has one
    # A short name of its own in the document's scratch folder: a long input name plus a
    # suffix would pass the file system's 255-byte limit.
    reference = out_path.with_name(".reference.docx")
    reference.write_bytes(_reference(style))
    try:
        # Written from the parsed intermediate. Only the title is printed on the page; the
        # rest of the metadata goes to the document properties below.
        write_tree(
            tree_meta(doc.parsed.ast, keep=("title", "subtitle", "lang")),
            "docx",
            out_path,
            ["--reference-doc", str(reference), "--syntax-highlighting=none"],
        )
    finally:
        reference.unlink(missing_ok=True)
    _finish(out_path, doc.meta, {h.identifier for h in doc.parsed.run_ins()})


def _finish(path: Path, meta: dict, run_ins: set[str]) -> None:
    """Join run-in headings (run_ins: their identifiers) to their paragraphs and fill in the
    document properties."""
    from docx import Document as open_docx
    from docx.oxml import OxmlElement

    from .docx_reference import put_ppr_child

    document = open_docx(str(path))
    for paragraph in _bookmarked(document.element.body, run_ins):
        # A hidden paragraph mark (Word's "style separator") prints the heading and the
        # next paragraph as one while the heading stays in the navigation pane.
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:vanish"))
        rpr.append(OxmlElement("w:specVanish"))
        put_ppr_child(paragraph.get_or_add_pPr(), rpr)
    props = document.core_properties
    props.title = str(meta.get("title", ""))
    props.author = str(meta.get("author", ""))
    props.subject = str(meta.get("source", ""))
    props.language = str(meta.get("lang", "zh-CN"))
    props.comments = str(meta.get("date", ""))
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(buffer.getvalue())


def _bookmarked(body, names: set[str]) -> list:
    """The paragraphs pandoc bookmarked with one of the names: a heading's identifier is the
    bookmark its section opens with, right before (or inside) the heading's paragraph."""
    from docx.oxml.ns import qn

    found, pending = [], False
    for child in body.iterchildren():
        if child.tag == qn("w:bookmarkStart"):
            pending = pending or child.get(qn("w:name")) in names
        elif child.tag == qn("w:p"):
            inside = {b.get(qn("w:name")) for b in child.iterchildren(qn("w:bookmarkStart"))}
            if pending or inside & names:
                found.append(child)
            pending = False
    return found


FORMAT = Format(
    name="docx",
    extension="docx",
    render=render_docx,
    description="Word (pandoc), the 公文 layout by default",
    style="gongwen",
    default=True,
    order=20,
    tools=(PANDOC,),
    packages=("python-docx", "pypandoc_binary"),
    side_by_side=True,
    parses=True,
)
