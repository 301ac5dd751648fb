"""The one object that flows through the pipeline, stage by stage.

Each stage takes a Document and returns a new one (``dataclasses.replace``); nothing mutates
a document in place, so a stage can be run, tested and re-run on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import DocumentError, PublishError  # noqa: F401  (older import path)

if TYPE_CHECKING:
    from .intermediate import Intermediate

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
    score: float | None = None  # a learned signal's confidence (the line model's), else None

    def as_dict(self) -> dict:
        found = {"rule": self.rule, "line": self.line, "text": self.text}
        return found if self.score is None else {**found, "score": self.score}


@dataclass(frozen=True)
class Evidence:
    """What a stage found out about the page that a later stage weighs, and that is not front
    matter (so it never reaches the intermediate): typed fields, never hidden keys in meta.
    A stage that learns something new for a later one adds a field here."""

    aligned_right: tuple[str, ...] = ()  # read (HTML): lines set right-aligned -> signature
    link_lines: tuple[str, ...] = ()  # read (HTML): lines mostly link text -> clean's link boxes
    captions: tuple[str, ...] = ()  # read (HTML): short lines right under a picture -> headings
    title_from: str = ""  # read, clean: where meta["title"] came from -> titles
    # clean: title-like lines of the page head, each with whether a dated line stands under it
    # and how it is marked (a file name line, a forum's board tag; "" for none)
    title_candidates: tuple[tuple[str, bool, str], ...] = ()
    dates: tuple[str, ...] = ()  # clean: full dates of the page head, nearest first -> structure
    byline_after: tuple[str, ...] = ()  # clean: lines a dated byline stood under -> titles
    title_forms: Mapping[str, str] = field(default_factory=dict)  # clean: line -> title form
    site_names: tuple[str, ...] = ()  # clean: what links to the site's home show -> titles
    spared: tuple[str, ...] = ()  # clean: lines the prose guard kept from a remover -> --explain


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
    evidence: Evidence = Evidence()

    @cached_property
    def parsed(self) -> Intermediate:
        """The intermediate (self.markdown) read once into its typed form, for the renderers."""
        from .intermediate import parse

        return parse(self.markdown)

    def with_(self, **changes) -> Document:
        return replace(self, **changes)

    def warn(self, message: str) -> Document:
        return replace(self, warnings=(*self.warnings, message))
