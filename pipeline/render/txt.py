"""Plain text: the title, then the text, one paragraph a line; for tools that want only the words
(search indexes, screen readers, diffs between versions)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Format
from .tools import PANDOC

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style


def render_txt(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    from .pandoc import convert

    heading = [str(doc.meta[key]) for key in ("title", "subtitle") if doc.meta.get(key)]
    body = convert(doc.markdown, "plain", args=["--wrap=none"])
    out_path.write_text("\n\n".join([*heading, body.strip()]) + "\n", encoding="utf-8")


FORMAT = Format(
    name="txt",
    extension="txt",
    render=render_txt,
    description="plain text: the title and the paragraphs, no markup",
    order=40,
    tools=(PANDOC,),
    packages=("pypandoc_binary",),
)
