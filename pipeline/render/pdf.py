"""PDF with weasyprint: fonts subset and embedded, bookmarks from headings, page numbers."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from ..document import Document
from ..errors import DocumentError
from ..styles import Style, print_css
from .html import build_html


def _refuse_fetch(url: str, timeout: int = 10, ssl_context=None):
    # Untrusted pages must never make the renderer reach the network or the file system.
    raise ValueError(f"publish does not fetch resources ({url[:80]})")


@cache
def _stylesheet(style: Style):
    """Parsed once per style per process: CSS parsing and font loading are not free."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return CSS(string=print_css(style), font_config=font_config), font_config


def render_pdf(
    doc: Document, style: Style, out_path: Path, *, variant: str | None = None, tagged: bool = False
) -> None:
    from weasyprint import HTML

    css, font_config = _stylesheet(style)
    html = HTML(
        string=build_html(doc, style), base_url=str(style.folder), url_fetcher=_refuse_fetch
    )
    try:
        html.write_pdf(
            out_path,
            stylesheets=[css],
            font_config=font_config,
            pdf_variant=variant,
            pdf_tags=tagged or (variant is not None and "ua" in variant),
        )
    except Exception as exc:  # weasyprint raises many kinds; the batch needs one reason
        raise DocumentError(f"weasyprint failed: {exc}") from exc
