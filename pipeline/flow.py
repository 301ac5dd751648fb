"""One document through the whole pipeline: read -> clean -> structure -> render.

`prepare` makes the Markdown intermediate; `render_all` writes every requested format into a
scratch folder. The batch runner decides what to run and moves finished files into place.
"""

from __future__ import annotations

from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .clean import RuleSet, clean
from .document import Document
from .errors import DocumentError
from .fonts import uncovered
from .read import read
from .structure import structure
from .styles import Style


def prepare(source: Path, name: str, rules: RuleSet) -> Document:
    """Read, clean and structure one input file."""
    doc = read(Document(source=source, name=name))
    if doc.kind != "markdown":
        doc = clean(doc, rules)
    return structure(doc)


def check_glyphs(doc: Document, styles: Iterable[Style], strict: bool) -> Document:
    """Warn (or fail, when strict) about characters no font of a style can show."""
    missing: set[str] = set()
    for style in set(styles):
        missing |= set(uncovered(doc.markdown, [font for font in style.fonts.values() if font]))
    if not missing:
        return doc
    ordered = sorted(missing)
    listed = "".join(ordered[:40]) + ("…" if len(ordered) > 40 else "")
    message = f"{len(ordered)} character(s) no font of the style covers: {listed}"
    if strict:
        raise DocumentError(message)
    return doc.warn(message)


def render_all(
    doc: Document,
    styles: dict[str, Style],
    formats: tuple[str, ...],
    scratch: Path,
    pdf_variant: str | None = None,
    tagged_pdf: bool = False,
    overlap: bool = True,
) -> dict[str, Path]:
    """Write each format to scratch/<stem>.<ext>; return {format: path}.

    overlap: DOCX and EPUB are mostly pandoc's work in a child process, so they can run in
    threads while weasyprint lays out the PDF here, keeping a spare core busy. The batch turns
    this off when every core already has a document of its own.
    """
    from .render.docx import render_docx
    from .render.epub import render_epub
    from .render.pdf import render_pdf

    stem = Path(doc.name).name
    paths = {fmt: scratch / f"{stem}.{fmt}" for fmt in formats}
    if "md" in paths:
        paths["md"].write_text(doc.markdown, encoding="utf-8")
    background = {"docx": render_docx, "epub": render_epub}
    with ThreadPoolExecutor(max_workers=2 if overlap else 1) as pool:
        pending = [
            pool.submit(render, doc, styles[fmt], paths[fmt])
            for fmt, render in background.items()
            if fmt in paths
        ]
        if "pdf" in paths:
            if not overlap:  # one thing at a time: let the others finish first
                for future in pending:
                    future.result()
            render_pdf(doc, styles["pdf"], paths["pdf"], variant=pdf_variant, tagged=tagged_pdf)
        for future in pending:
            future.result()  # re-raises a renderer's error here
    return paths
