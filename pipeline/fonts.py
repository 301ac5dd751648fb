"""Fonts: resolve a style's font roles to installed files, subset them, check glyph coverage.

fontconfig (fc-list) is the authority on what is installed; a role resolves to the first family
of its list that fontconfig knows, so a licensed face a user installs wins over the free fallback
without any change to the style.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_REGULAR_STYLES = ("regular", "book", "normal", "roman", "medium", "w3", "w4", "w5")


@dataclass(frozen=True)
class FontFile:
    family: str  # the name the style asked for, as fontconfig knows it
    path: Path
    index: int  # face index inside a .ttc collection
    bold: bool = False  # the bold face, standing in for a heavier design (FandolSong for 小标宋)


def _fc_list(*args: str) -> str | None:
    """fc-list's answer (None: it could not be run)."""
    try:
        return subprocess.run(
            ["fc-list", *args], capture_output=True, text=True, check=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None


@cache
def installed_faces() -> dict[str, list[tuple[str, Path, int]]]:
    """Every family name fontconfig knows (all localised names, casefolded) -> its faces."""
    listing = _fc_list("--format", "%{family}|%{style}|%{file}|%{index}\n")
    if listing is None:
        return {}
    faces: dict[str, list[tuple[str, Path, int]]] = {}
    for row in listing.splitlines():
        parts = row.split("|")
        if len(parts) != 4:
            continue
        families, styles, file, index = parts
        for family in families.split(","):
            faces.setdefault(family.strip().casefold(), []).append(
                (styles.casefold(), Path(file), int(index or 0))
            )
    return faces


def find_font(family: str, bold: bool = False) -> FontFile | None:
    """The regular (or bold) face of an installed family, or None."""
    faces = installed_faces().get(family.casefold())
    if not faces:
        return None
    for style, path, index in faces:
        if bold and "bold" in style:
            return FontFile(family, path, index, bold=True)
        if not bold and any(word in style for word in _REGULAR_STYLES) and "bold" not in style:
            return FontFile(family, path, index)
    if bold:
        return None  # no bold face: a synthesized one would look worse than the next family
    style, path, index = faces[0]
    return FontFile(family, path, index)


def resolve(families: Iterable[str]) -> FontFile | None:
    """The first installed family of a role's list ("Family:bold" asks for its bold face)."""
    for entry in families:
        family, _, weight = entry.partition(":")
        found = find_font(family.strip(), bold=weight.strip().lower() == "bold")
        if found:
            return found
    return None


@dataclass(frozen=True)
class CellWidths:
    """Characters' widths in cells of a measure (a cell: a Chinese character's advance plus the
    letter spacing), Latin letters and digits by the face's own advances: "Markdown" is 5.3 em
    in Noto Serif CJK, where counting each letter as 0.6 of a cell made it 4.8."""

    font: FontFile
    size_pt: float
    spacing_pt: float = 0.0

    def __call__(self, ch: str) -> float:
        return _cell_width(self, ch)


NARROW_CELLS = 0.6  # a character the face has no glyph for (another face draws it): a guess


@cache
def _cell_width(widths: CellWidths, ch: str) -> float:
    import unicodedata

    if unicodedata.east_asian_width(ch) in "WF":
        return 1.0
    advance = glyph_advance_em(widths.font, ch)
    if advance is None:
        return NARROW_CELLS
    cell = widths.size_pt + widths.spacing_pt
    return (advance * widths.size_pt + widths.spacing_pt) / cell


def glyph_advance_em(font: FontFile, ch: str) -> float | None:
    """The face's horizontal advance of ch in em; None when the face has no glyph for it."""
    hb_font = _hb_font(font.path, font.index)
    glyph = hb_font.get_nominal_glyph(ord(ch))
    if not glyph:
        return None
    return hb_font.get_glyph_h_advance(glyph) / hb_font.face.upem


@cache
def _hb_font(path: Path, index: int):
    import uharfbuzz as hb

    return hb.Font(_face(path, index))


@cache
def _face(path: Path, index: int):
    """A HarfBuzz face, loaded once per process (CJK font files are 10-20 MB)."""
    import uharfbuzz as hb

    return hb.Face(hb.Blob.from_file_path(str(path)), index)


@cache
def _cmap(path: Path, index: int) -> frozenset[int]:
    return frozenset(_face(path, index).unicodes)


# Tables an embedded EPUB font can do without: substitutions (CJK text needs no shaping
# rules), vertical metrics (the text is horizontal), and signatures. Half the bytes, twice as fast.
_DROP_TABLES = ("GSUB", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG")
# Positioning kept for these features only: the half-width forms a reading system uses to
# compress adjacent punctuation (CSS text-spacing-trim; render/compression.toml in print).
_KEEP_FEATURES = ("halt", "chws")


def uncovered(text: str, fonts: Iterable[FontFile]) -> list[str]:
    """Characters of text that none of the fonts has a glyph for (whitespace ignored)."""
    cmaps = [_cmap(font.path, font.index) for font in fonts]  # not united: a CJK cmap is large
    return sorted(
        ch for ch in set(text) if not ch.isspace() and not any(ord(ch) in cmap for cmap in cmaps)
    )


# Set in a PDF where no installed face has the character: the geta mark, which Chinese and
# Japanese printing has long used for a character the press lacks (缺字符号), instead of the
# .notdef box. weasyprint gives a face with a .notdef glyph in it a custom encoding that
# pdfminer-based readers cannot decode, so one missing emoji used to take the text layer of the
# whole body face with it.
MISSING_MARK = "〓"


def unshowable(text: str, fonts: Iterable[FontFile]) -> list[str]:
    """Characters of text that neither the fonts nor any other installed face has (fontconfig's
    fallback finds any installed face, so only these come out as .notdef)."""
    return [ch for ch in uncovered(text, fonts) if not _installed_face_has(ch)]


def missing_marked(text: str, fonts: Iterable[FontFile]) -> str:
    """text with each unshowable character replaced by MISSING_MARK."""
    lacking = unshowable(text, fonts)
    return text.translate({ord(ch): MISSING_MARK for ch in lacking}) if lacking else text


@cache
def _installed_face_has(ch: str) -> bool:
    listing = _fc_list(f":charset={ord(ch):x}", "file")
    return listing is None or bool(listing.strip())  # None: cannot tell, left to the renderer


def one_glyph_characters(text: str, fonts: Iterable[FontFile]) -> dict[str, str]:
    """{character: the lowest of its group} for the characters of text that one of the fonts
    draws with a glyph it also draws another of them with (Fandol's faces: · and •). A PDF's
    text layer maps a glyph to one text, so such characters come out as one of them."""
    import uharfbuzz as hb

    characters = sorted({ch for ch in text if not ch.isspace()})
    same: dict[str, str] = {}
    for font in fonts:
        hb_font = hb.Font(_face(font.path, font.index))
        by_glyph: dict[int, list[str]] = {}
        for ch in characters:
            glyph = hb_font.get_nominal_glyph(ord(ch))
            if glyph:
                by_glyph.setdefault(glyph, []).append(ch)
        for group in by_glyph.values():
            if len(group) > 1:
                lowest = min(same.get(ch, ch) for ch in group)
                same.update(dict.fromkeys(group, lowest))
    return same


def subset(font: FontFile, characters: str) -> bytes:
    """An OpenType subset of the font holding only the given characters (HarfBuzz, fast)."""
    import uharfbuzz as hb

    plan = hb.SubsetInput()
    plan.unicode_set.update(ord(ch) for ch in set(characters) | {" "})
    plan.drop_table_tag_set.update(int.from_bytes(tag.encode(), "big") for tag in _DROP_TABLES)
    plan.layout_feature_tag_set.clear()
    plan.layout_feature_tag_set.update(int.from_bytes(t.encode(), "big") for t in _KEEP_FEATURES)
    plan.flags = hb.SubsetFlags.NO_HINTING
    return hb.subset(_face(font.path, font.index), plan).blob.data


def advance_em(font: FontFile, text: str) -> float:
    """The text's width in ems of the font (glyph advances, no shaping: enough for digits,
    Latin letters and Chinese characters side by side); a character it lacks counts one em."""
    total = 0.0
    for ch in text:
        advance = glyph_advance_em(font, ch)
        total += 1.0 if advance is None else advance
    return total
