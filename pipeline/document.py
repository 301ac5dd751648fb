"""The one object that flows through the pipeline, stage by stage.

Each stage takes a Document and returns a new one (``dataclasses.replace``); nothing mutates
a document in place, so a stage can be run, tested and re-run on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import DocumentError, PublishError  # noqa: F401  (older import path)

# The front matter of the Markdown intermediate, in the order it is written.
# withheld: the site hid part of the text (true), withheld_chars: how much, when it said.
FRONT_MATTER_KEYS = (
    "title",
    "subtitle",
    "author",
    "date",
    "source",
    "withheld",
    "withheld_chars",
    "lang",
)


@dataclass(frozen=True)
class Removal:
    """One span the cleaner took out, and the rule that did it."""

    rule: str
    line: int  # 1-based line number in the text the cleaner was given
    text: str

    def as_dict(self) -> dict:
        return {"rule": self.rule, "line": self.line, "text": self.text}


@dataclass(frozen=True)
class Document:
    source: Path  # the input file
    name: str  # output path stem relative to the output root, e.g. "reports/speech"
    kind: str = "text"  # "text", "html" or "markdown" (already structured)
    text: str = ""  # decoded text; after cleaning, the cleaned text
    meta: dict = field(default_factory=dict)  # title, date, source, author, lang, withheld_chars
    markdown: str = ""  # the Markdown intermediate, front matter included
    removed: tuple[Removal, ...] = ()
    explained: tuple[str, ...] = ()  # why the title and each heading were chosen (--explain)
    warnings: tuple[str, ...] = ()

    def with_(self, **changes) -> Document:
        return replace(self, **changes)

    def warn(self, message: str) -> Document:
        return replace(self, warnings=(*self.warnings, message))
