"""One document through the whole pipeline: read -> clean -> structure -> render.

`prepare` makes the Markdown intermediate; `render_all` writes every requested format into a
scratch folder. The batch runner decides what to run and moves finished files into place.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import render, warm
from .document import Document
from .errors import DocumentError
from .fonts import uncovered
from .render import Format
from .styles import Style

if TYPE_CHECKING:
    from .clean import RuleSet


def prepare(source: Path, name: str, rules: RuleSet) -> Document:
    """Read, clean and structure one input file."""
    # Imported here: a worker that only renders documents prepared elsewhere never loads them.
    from .clean import clean
    from .read import read
    from .structure import structure

    doc = read(Document(source=source, name=name))
    if doc.kind != "markdown":
        doc = clean(doc, rules)
    return structure(doc)


def check_glyphs(doc: Document, styles: Iterable[Style], strict: bool) -> Document:
    """Warn (or fail, when strict) about characters no font of a style can show."""
    from .render.coverage import covering_style

    missing: set[str] = set()
    for style in set(styles):
        chosen, notes = covering_style(doc, style)  # a role's face that covers the text
        for note in notes:
            doc = doc.warn(note)
        missing |= set(uncovered(doc.markdown, [font for font in chosen.fonts.values() if font]))
    if not missing:
        return doc
    ordered = sorted(missing)
    listed = "".join(ordered[:40]) + ("…" if len(ordered) > 40 else "")
    message = f"{len(ordered)} character(s) no font of the style covers: {listed}"
    if strict:
        raise DocumentError(message)
    return doc.warn(message)


def prefetch(doc: Document, formats: Iterable[str]) -> None:
    """Start each format's prefetch (Format.prefetch: pandoc's part of its work) in a thread,
    the moment the document is ready. A failure there is not reported: the format's render
    meets it again."""
    for fmt in (render.get(name) for name in formats):
        if fmt.prefetch is not None:
            threading.Thread(target=_quietly, args=(fmt.prefetch, doc), daemon=True).start()


def _quietly(work: Callable[[Document], None], doc: Document) -> None:
    try:
        work(doc)
    except Exception:
        pass


def render_all(
    doc: Document,
    formats: tuple[str, ...],
    styles: Mapping[str, Style],
    options: Mapping[str, Mapping[str, Any]],
    scratch: Path,
    side_threads: int = 0,
) -> dict[str, Path]:
    """Write each format to scratch/<stem>.<extension>; return {format: path}.

    styles: {format: Style} for the formats that use one; options: {format: its options}.
    side_threads: how many formats that are mostly a child process's work (Format.side_by_side:
    pandoc's DOCX and EPUB) may run in threads beside the others, on cores the caller has to
    spare; 0 renders one format after another. A format whose warm-up (warm.py) still runs
    in the background comes after the others, and waits for it.
    """
    stem = Path(doc.name).name
    chosen = [render.get(fmt) for fmt in formats]
    paths = {fmt.name: scratch / f"{stem}.{fmt.extension}" for fmt in chosen}

    def one(fmt: Format) -> None:
        warm.wait(fmt.name, styles.get(fmt.name))
        fmt.render(doc, styles.get(fmt.name), paths[fmt.name], options.get(fmt.name, {}))

    if any(fmt.parses for fmt in chosen):
        doc.parsed  # noqa: B018  (parsed here once, not in each format's thread)
    beside = [fmt for fmt in chosen if fmt.side_by_side] if side_threads else []
    with ThreadPoolExecutor(max_workers=max(1, side_threads)) as pool:
        pending = [pool.submit(one, fmt) for fmt in beside]
        here = [fmt for fmt in chosen if fmt not in beside]
        warming = [f for f in here if not warm.ready(f.name, styles.get(f.name))]
        for fmt in [f for f in here if f not in warming]:
            one(fmt)
        while warming:  # each as soon as its warm-up is done
            ready = next((f for f in warming if warm.ready(f.name, styles.get(f.name))), None)
            if ready is None:
                time.sleep(0.01)
                continue
            warming.remove(ready)
            one(ready)
        for future in pending:
            future.result()  # re-raises a renderer's error here
    return paths
