"""PDF with weasyprint: fonts subset and embedded, bookmarks from headings, page numbers."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DocumentError
from . import Format, FormatOption
from .tools import HARFBUZZ_SUBSET, PANDOC, WEASYPRINT
from .weasyprint_load import load as load_weasyprint

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style

PDF_VARIANTS = ("pdf/a-1b", "pdf/a-2b", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")


@cache
def _refuse_fetch():
    """Untrusted pages never make the renderer reach the network or the file system: the
    print page needs no resource (fonts come from fontconfig), so every fetch is refused and
    weasyprint leaves the resource out (weasyprint >= 68: a URLFetcher, not a function)."""
    load_weasyprint()
    from weasyprint.urls import URLFetcher

    class RefuseFetch(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"publish does not fetch resources ({url[:80]})")

    return RefuseFetch()


@cache
def _stylesheet(style: Style):
    """Parsed once per style per process: CSS parsing and font loading are not free."""
    load_weasyprint()
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    from ..styles import print_css
    from . import pdf_streams, weasyprint_cjk, weasyprint_fonts

    weasyprint_cjk.install()  # Chinese justification and punctuation compression
    weasyprint_fonts.install()  # no copy of each whole font file per document
    pdf_streams.install()  # deflated at zlib's default level

    font_config = FontConfiguration()
    return CSS(string=print_css(style), font_config=font_config), font_config


def _warm(style: Style | None) -> None:
    """weasyprint imported (about a second) and the style's CSS and fonts loaded."""
    load_weasyprint()
    if style is not None:
        _stylesheet(style)
    _refuse_fetch()


def render_pdf(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    load_weasyprint()
    from weasyprint import HTML

    from ..fonts import missing_marked
    from .html import build_html

    assert style is not None  # FORMAT.style: the PDF always has one
    from .coverage import covering_style

    style, _ = covering_style(doc, style)  # a face per role that covers this document's text
    variant, tagged = options.get("variant"), bool(options.get("tagged"))
    css, font_config = _stylesheet(style)
    faces = [face for face in style.fonts.values() if face]
    html = HTML(
        string=missing_marked(build_html(doc, style), faces),
        base_url=str(style.folder),
        url_fetcher=_refuse_fetch(),
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


def _html_body(doc: Document) -> None:
    """The body's conversion started ahead (pandoc.convert keeps it for build_html)."""
    from .html import html_body

    html_body(doc)


FORMAT = Format(
    name="pdf",
    extension="pdf",
    render=render_pdf,
    description="print (weasyprint), the 公文 layout by default",
    style="gongwen",
    default=True,
    order=10,
    options=(
        FormatOption(
            "variant",
            "--pdf-variant",
            f"Archival PDF: one of {', '.join(PDF_VARIANTS)}.",
            choices=PDF_VARIANTS,
            metavar="VARIANT",
        ),
        FormatOption("tagged", "--tagged-pdf", "Tagged (accessible) PDF.", default=False),
    ),
    tools=(WEASYPRINT, HARFBUZZ_SUBSET, PANDOC),
    packages=("weasyprint", "pypandoc_binary"),
    warm=_warm,
    prefetch=_html_body,
)
