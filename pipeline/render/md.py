"""The Markdown intermediate: written for every document, because it is what a user edits (and
puts back into input/) to fix a document by hand."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Format

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style


def render_md(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    out_path.write_text(doc.markdown, encoding="utf-8")


FORMAT = Format(
    name="md",
    extension="md",
    render=render_md,
    description="the Markdown intermediate, always written",
    always=True,
    order=0,
)
