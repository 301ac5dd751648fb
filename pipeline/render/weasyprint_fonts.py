"""weasyprint's fonts without a copy of every whole font file per document.

weasyprint (pdf/fonts.py, `Font.__init__`) copies the whole file of each face a PDF uses out of
HarfBuzz into a Python bytes object: 26 MB for Noto Serif CJK's collection, 19 MB for Noto Sans
CJK's, four or five faces a document. With HarfBuzz's subsetter, which reads the face itself,
the copy is never read: the subset replaces it before the PDF is written. Here the copy is
made only if something reads it (weasyprint's fontTools fallback, a font it does not subset),
from the same face, so a PDF holds exactly the bytes it held before; the subset's own bytes
are taken at once, as weasyprint does, while their face is alive.

Like weasyprint_cjk.py, tested on the weasyprint versions in weasyprint_cjk.SUPPORTED;
`install` leaves weasyprint as it is when the internals it relies on are not there.
"""

from __future__ import annotations

from typing import Any

_installed = False


class _Whole:
    """What get_hb_object_data returns, in weasyprint.pdf.fonts, for a face's whole file: the
    face, to be copied only when the file is read."""

    __slots__ = ("face",)

    def __init__(self, face: Any) -> None:
        self.face = face


class _FileContent:
    """Font.file_content: the whole file of the font's own face is kept as a _Whole and copied
    when first read; another face's (the subset's) is copied at once, while it is alive;
    bytes are kept as they are."""

    def __init__(self, copy: Any) -> None:
        self.copy = copy  # weasyprint's get_hb_object_data

    def __get__(self, font: Any, owner: type | None = None) -> Any:
        if font is None:
            return self
        value = font.__dict__.get("file_content")
        if isinstance(value, _Whole):
            value = font.__dict__["file_content"] = self.copy(value.face)
        return value

    def __set__(self, font: Any, value: Any) -> None:
        if isinstance(value, _Whole) and value.face != getattr(font, "hb_face", None):
            value = self.copy(value.face)
        font.__dict__["file_content"] = value


def install() -> None:
    """Patch weasyprint.pdf.fonts (once per process)."""
    global _installed
    if _installed:
        return
    from weasyprint.pdf import fonts

    copy = getattr(fonts, "get_hb_object_data", None)
    font_class = getattr(fonts, "Font", None)
    if copy is None or font_class is None or "file_content" in vars(font_class):
        return  # not the internals this was written for: weasyprint as it is

    def get_hb_object_data(hb_object: Any, ot_color: Any = None, glyph: Any = None) -> Any:
        # In weasyprint.pdf.fonts, a face's whole file is only ever asked for to be stored in
        # Font.file_content (by __init__ for its own face, by the subsetter for the subset's).
        if ot_color is None and glyph is None:
            return _Whole(hb_object)
        return copy(hb_object, ot_color, glyph)

    font_class.file_content = _FileContent(copy)
    fonts.get_hb_object_data = get_hb_object_data
    _installed = True
