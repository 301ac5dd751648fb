"""Running pandoc (the binary shipped in pypandoc-binary) on the Markdown intermediate.

Inputs come from the web, so pandoc reads them with raw HTML/TeX switched off, images are
replaced by their alt text (inert.lua), and, where the writer allows it, pandoc runs in
--sandbox: no network, no file reads beyond what the command line names.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

import pypandoc

from ..errors import DocumentError

MARKDOWN = (
    "markdown-raw_html-raw_tex-raw_attribute-smart-citations-implicit_figures"
    "-tex_math_dollars-tex_math_single_backslash"
)
# pandoc warns on stderr about things a user cannot act on (no zh translations for "Abstract").
logging.getLogger("pypandoc").setLevel(logging.ERROR)

INERT_FILTER = Path(__file__).with_name("inert.lua")


def convert(
    markdown: str,
    to: str,
    out: Path | None = None,
    args: Sequence[str] = (),
    *,
    sandbox: bool = True,
) -> str:
    """Convert Markdown with pandoc; return the text, or write `out` for binary formats."""
    try:
        return pypandoc.convert_text(
            markdown,
            to,
            format=MARKDOWN,
            outputfile=str(out) if out else None,
            extra_args=["--lua-filter", str(INERT_FILTER), *args],
            sandbox=sandbox,
            verify_format=False,  # the formats are ours and fixed; checking costs a pandoc run
        )
    except RuntimeError as exc:
        message = str(exc).strip().splitlines()
        raise DocumentError(f"pandoc failed ({to}): {message[-1] if message else exc}") from exc


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()
