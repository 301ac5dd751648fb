"""Typed settings for a run. Only the CLI builds them from arguments; nothing else reads argv."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("md", "pdf", "docx", "epub")
INPUT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
# The style each format uses unless --style names one for all: the 公文 layout for print and
# for handing over, comfortable screen type for reading.
DEFAULT_STYLES = {"pdf": "gongwen", "docx": "gongwen", "epub": "reading"}
PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    input_dir: Path = Path("input")
    output_dir: Path = Path("output")
    formats: tuple[str, ...] = FORMATS
    style: str | None = None  # None: DEFAULT_STYLES per format
    force: bool = False
    jobs: int = 1
    rules_files: tuple[Path, ...] = ()
    skip_rules: tuple[str, ...] = ()
    strict: bool = False  # missing glyphs fail the document instead of warning
    pdf_variant: str | None = None
    tagged_pdf: bool = False
    prune: bool = False
    settle_seconds: float = 0.0
    timeout_seconds: float = 300.0
    report: Path | None = None
    wait: bool = False  # wait for another run's lock instead of exiting 75

    @property
    def state_dir(self) -> Path:
        """Everything the tool keeps for itself: lock, state database, temporary files."""
        return self.output_dir / ".publish"

    def style_for(self, fmt: str) -> str:
        return self.style or DEFAULT_STYLES[fmt]

    def style_names(self) -> dict[str, str]:
        """{format: style name} for the rendered formats of this run."""
        return {fmt: self.style_for(fmt) for fmt in self.formats if fmt != "md"}

    def options_key(self) -> str:
        """The options that change what a document's outputs look like."""
        return "|".join(
            map(
                str,
                (
                    ",".join(self.formats),
                    self.style_names(),
                    self.strict,
                    self.pdf_variant,
                    self.tagged_pdf,
                ),
            )
        )


def parse_formats(value: str) -> tuple[str, ...]:
    wanted = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [fmt for fmt in wanted if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format {', '.join(unknown)} (choose from {', '.join(FORMATS)})")
    # md is the intermediate: always written, and first.
    return tuple(fmt for fmt in FORMATS if fmt == "md" or fmt in wanted)
