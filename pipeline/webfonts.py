"""Web fonts for the HTML pages and the catalogue: WOFF2 subsets shared across the library.

The files live in `output/_library/fonts/`. Each is a subset of one installed face holding a
set of characters, named by the face and its content: `<face>-<characters hash>.woff2`, with
`<same name>.txt` beside it listing the characters. A file never changes once written (it is
written under a temporary name and renamed), so a browser may cache it for good and a page
never needs rewriting. Only the batch runner's coordinating process makes them (as it puts
each page in place), one page at a time: workers, wherever they run, never need the library.

A page asks for the characters it shows in each face and gets the files of that face that
already hold some of them (the largest first), plus one new file holding only the characters
no file had yet. The first pages of a library make the large files; later pages mostly reuse
them and add small files for characters not seen before. When a face has several files on a
page, each @font-face rule carries its file's `unicode-range`, so a browser downloads only
files with characters on the page.
"""

from __future__ import annotations

import hashlib
import io
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from .fonts import FontFile, subset

FONTS_FOLDER = "_library/fonts"  # relative to the output folder
# Brotli's quality for WOFF2 (fontTools' fixed choice is 11). Measured on subsets of the reading
# face (100 / 400 / 1,000 characters): quality 10 took 17 / 142 / 242 ms for 15.2 / 76.1 / 140.8
# KB, quality 5 took 1 / 3 / 5 ms for 16.5 / 83.5 / 154.2 KB. The coordinating process makes the
# files while the workers render, and the catalogue's at the end of every run, on the path to
# the run's end: a tenth more bytes, once per file a browser caches for good, for time that
# was a catalogue's whole wait.
BROTLI_QUALITY = 5
# Tables given WOFF2's glyph transform. None: a TrueType face's outlines (glyf, loca) are
# stored as they are, brotli-compressed. fontTools' transform is pure Python: 140-160 ms for
# the 495 characters of a page in LXGW WenKai, against 5 ms without, for 13% more bytes
# (112 against 127 kB). CFF faces (Noto CJK, Fandol) have nothing to transform either way.
TRANSFORMED_TABLES: tuple[str, ...] = ()


@dataclass(frozen=True)
class WebFont:
    """One subset file: its name in the fonts folder and the characters it holds."""

    name: str
    chars: frozenset[str]

    def unicode_range(self) -> str:
        """CSS unicode-range of the characters, consecutive code points merged."""
        points = sorted(ord(ch) for ch in self.chars)
        spans: list[list[int]] = []
        for point in points:
            if spans and point == spans[-1][1] + 1:
                spans[-1][1] = point
            else:
                spans.append([point, point])
        return ", ".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in spans)


def face_id(font: FontFile) -> str:
    """A short name for an installed face that changes when its file does."""
    stat = font.path.stat()
    key = f"{font.path}:{font.index}:{stat.st_size}:{stat.st_mtime_ns}"
    return hashlib.sha256(key.encode()).hexdigest()[:10]


def family_name(font: FontFile) -> str:
    """The CSS family of a face's subsets on a page: from the family's name (and weight), not
    its file, so that a page rendered on another machine names the same family."""
    key = f"{font.family}:{'bold' if font.bold else 'regular'}"
    return f"publish-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


class FontLibrary:
    """The shared subset files of one output folder."""

    def __init__(self, output_dir: Path) -> None:
        self.folder = output_dir / FONTS_FOLDER
        self._known: dict[str, frozenset[str]] = {}  # files never change: read each listing once

    def _existing(self, face: str) -> list[WebFont]:
        found = []
        try:
            entries = list(os.scandir(self.folder))
        except FileNotFoundError:
            return []
        for entry in entries:
            if not (entry.name.startswith(face + "-") and entry.name.endswith(".woff2")):
                continue
            if entry.name not in self._known:
                listing = self.folder / (entry.name[: -len(".woff2")] + ".txt")
                try:
                    self._known[entry.name] = frozenset(listing.read_text("utf-8"))
                except FileNotFoundError:
                    continue  # being written by another worker: not usable yet
            found.append(WebFont(entry.name, self._known[entry.name]))
        return sorted(found, key=lambda f: (-len(f.chars), f.name))

    def fonts_for(self, font: FontFile, text: str) -> list[WebFont]:
        """The subset files that together hold every character of text the face has."""
        face = face_id(font)
        # Spaces too (the browser would take them from another font), but no line breaks.
        wanted = {ch for ch in text if ch == " " or not ch.isspace()} & _cmap_chars(font, text)
        if not wanted:
            return []
        chosen: list[WebFont] = []
        for candidate in self._existing(face):
            if candidate.chars & wanted:
                chosen.append(candidate)
                wanted -= candidate.chars
            if not wanted:
                break
        if wanted:
            chosen.append(self._make(font, face, frozenset(wanted)))
        return chosen

    def _make(self, font: FontFile, face: str, chars: frozenset[str]) -> WebFont:
        ordered = "".join(sorted(chars))
        name = f"{face}-{hashlib.sha256(ordered.encode()).hexdigest()[:12]}"
        self.folder.mkdir(parents=True, exist_ok=True)
        data = woff2(subset(font, ordered))
        # The font first, then its listing: a listed file is always complete.
        _write_atomic(self.folder / f"{name}.woff2", data)
        _write_atomic(self.folder / f"{name}.txt", ordered.encode("utf-8"))
        self._known[f"{name}.woff2"] = chars
        return WebFont(f"{name}.woff2", chars)


def _cmap_chars(font: FontFile, text: str) -> set[str]:
    from .fonts import uncovered

    missing = set(uncovered(text, [font]))
    return {ch for ch in text if ch not in missing}


def _write_atomic(path: Path, data: bytes) -> None:
    scratch = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    scratch.write_bytes(data)
    os.replace(scratch, path)


class _Brotli:
    """brotli as fontTools calls it, at our quality."""

    def __init__(self, module) -> None:
        self.module = module
        self.MODE_FONT = module.MODE_FONT
        self.decompress = module.decompress

    def compress(self, data, mode=None, **_):
        return self.module.compress(data, mode=self.module.MODE_FONT, quality=BROTLI_QUALITY)


_woff2_lock = threading.Lock()


def woff2(font_bytes: bytes) -> bytes:
    """An OpenType font as WOFF2."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib import woff2 as woff2_module
    from fontTools.ttLib.woff2 import WOFF2FlavorData

    font = TTFont(io.BytesIO(font_bytes))
    font.flavor = "woff2"
    font.flavorData = WOFF2FlavorData(transformedTables=TRANSFORMED_TABLES)
    out = io.BytesIO()
    with _woff2_lock:
        original = woff2_module.brotli
        woff2_module.brotli = _Brotli(original)
        try:
            font.save(out)
        finally:
            woff2_module.brotli = original
    return out.getvalue()


def font_faces(
    families: dict[str, list[WebFont]], href: str, bold: frozenset[str] = frozenset()
) -> str:
    """@font-face rules for {CSS family: its files}; href is the page's path to the fonts
    folder (relative, ending in '/'); the families in `bold` are bold faces, declared so (a
    browser asked for bold text in a face declared regular draws a synthetic bold over it)."""
    rules = []
    for family, files in families.items():
        weight = " font-weight: bold;" if family in bold else ""
        for file in files:
            # With several files, each says which characters it has, so that a browser fetches
            # only those it needs; a family of one file is needed whole.
            ranges = f" unicode-range: {file.unicode_range()};" if len(files) > 1 else ""
            rules.append(
                f'@font-face {{ font-family: "{family}"; '
                f'src: url("{href}{file.name}") format("woff2"); font-display: swap;{weight}{ranges} }}'
            )
    return "\n".join(rules)
