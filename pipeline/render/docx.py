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
    """Built once per style and code on this machine (python-docx's import, pandoc's default
    reference, then the styles: about 60 ms of a worker's start), kept in the cache folder."""
    from ..cache import kept_bytes
    from ..served import server_key

    def build() -> bytes:
        from .docx_reference import build_reference

        return build_reference(style)

    faces = sorted((role, repr(face)) for role, face in style.fonts.items())
    return kept_bytes(
        "docx-reference",
        # server_key: this Python, the pipeline's files, the installed packages (pandoc and
        # python-docx among them), the font folders and the environment.
        [server_key(), str(style.folder), style.fingerprint, repr(faces)],
        build,
    )


def _warm(style: Style | None) -> None:
    if style is not None:
        _reference(style)
    # python-docx, which finishing every DOCX needs: imported here, beside the first document
    # (the kept reference no longer imports it), not in the first DOCX's own time.
    from . import docx_reference  # noqa: F401


def render_docx(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    from .pandoc import tree_meta, write_tree

    assert style is not None  # FORMAT.style: DOCX always has one
    from .coverage import covering_style

    style, _ = covering_style(doc, style)  # a face per role that covers this document's text
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
    from docx.shared import Pt

    from ..styles import indent_pt, title_chars_per_line, title_widths
    from ..title_lines import split_title
    from .docx_reference import character_scale
    from .notice import cell_widths

    title_lines = split_title(
        str(doc.meta.get("title", "")), title_chars_per_line(style), title_widths(style)
    )
    cell = indent_pt(style) / style.text.indent_chars
    scale = (character_scale(style) or 100) / 100
    widths = cell_widths(style.font("body"), style.text.size_pt * scale, 0.0, cell)
    grid = (Pt(cell), Pt(style.text.line_pitch_pt), widths)
    run_ins = {h.identifier for h in doc.parsed.run_ins()}
    _finish(out_path, doc.meta, run_ins, title_lines, grid)


def _break_title(document, lines: tuple[str, ...]) -> None:
    """The Title paragraph in the splitter's lines, joined by explicit line breaks."""
    title = next(iter(_styled(document, "Title")), None)
    if (
        title is None
        or len(lines) < 2
        or title.text.replace(" ", "") != "".join(lines).replace(" ", "")
    ):
        return
    for run in title.runs[1:]:
        run._r.getparent().remove(run._r)
    first = title.runs[0]
    first.text = lines[0]
    for line in lines[1:]:
        first.add_break()
        first.add_text(line)


def _styled(document, name: str) -> list:
    """The body's paragraphs in the named style, found by the style's id (python-docx resolves
    `paragraph.style` through the styles part, slowly, for every paragraph it is asked of)."""
    try:
        style_id = document.styles[name].style_id
    except KeyError:
        return []
    return [p for p in document.paragraphs if p._p.style == style_id]


def _place_notice_lines(document, cell, pitch, widths) -> None:
    """A notice's attachment notes and signature lines where GB/T 9704 puts them
    (render/notice.py), each block after a blank line."""
    from ..marks import ATTACHMENTS, DOCX_STYLES, SIGNATURE
    from .notice import attachment_indents, signature_indents

    for name in (DOCX_STYLES[ATTACHMENTS], DOCX_STYLES[SIGNATURE]):
        block = _styled(document, name)
        if not block:
            continue
        block[0].paragraph_format.space_before = pitch
        texts = [p.text for p in block]
        if name == DOCX_STYLES[SIGNATURE]:
            for paragraph, right in zip(block, signature_indents(texts, widths), strict=True):
                paragraph.paragraph_format.right_indent = int(cell * right)
            _keep_with_the_text_above(block)
        else:
            for paragraph, (left, first) in zip(
                block, attachment_indents(texts, widths), strict=True
            ):
                paragraph.paragraph_format.left_indent = int(cell * left)
                paragraph.paragraph_format.first_line_indent = int(cell * first)


def _keep_with_the_text_above(block: list) -> None:
    """The signature's lines never parted, nor left alone on the last page (GB/T 9704 §7.3.5):
    each is kept with the next, and the paragraph above with the first, as the PDF keeps them."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    for paragraph in block[:-1]:
        paragraph.paragraph_format.keep_with_next = True
    above = block[0]._p.getprevious()
    if above is not None and above.tag == qn("w:p"):
        Paragraph(above, block[0]._parent).paragraph_format.keep_with_next = True


def _finish(
    path: Path, meta: dict, run_ins: set[str], title_lines: tuple[str, ...], grid: tuple
) -> None:
    """Break the title, place a notice's closing lines, join run-in headings (run_ins: their
    identifiers) to their paragraphs and fill in the document properties."""
    from docx import Document as open_docx
    from docx.oxml import OxmlElement

    from .docx_reference import put_ppr_child

    document = open_docx(str(path))
    _break_title(document, title_lines)
    _place_notice_lines(document, *grid)
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
    warm=_warm,
    side_by_side=True,
    parses=True,
)
