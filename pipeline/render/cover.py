"""An EPUB cover image built from the title and date.

The text is drawn as glyph outlines (SVG paths from the embedded font subset), so the cover
looks the same on every reading system, with or without Chinese fonts of its own. HarfBuzz
draws them (its CFF and glyf readers are C; fontTools' pure-Python charstring reading was
about 50 ms of a first cover), into fontTools' SVG path pen, which writes the path data.

Drawing outlines is most of a cover's cost, so what is drawn is kept, by content: a glyph's
outline and advance per font file (`source`: the file the subset was cut from, with its size
and time; a glyph is the same in every subset of it), and whole covers per title, date and
font. A cover drawn from kept glyphs is the one drawn afresh (tests/test_speed.py).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from html import escape

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen

from ..title_lines import split_title

WIDTH, HEIGHT = 600, 800
TITLE_SIZE, DATE_SIZE = 44, 24
TITLE_CHARS_PER_LINE = 11


GLYPHS_KEPT = 8000  # glyph outlines kept per process (a few MB)
COVERS_KEPT = 64  # whole covers kept per process

# (source, character) -> (SVG path data, advance in font units, units per em); advance None:
# the font lacks the character. (source, title, date) -> the cover.
_glyphs: OrderedDict[tuple, tuple[str, float | None, int]] = OrderedDict()
_covers: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


def _keep(store: OrderedDict, key, value, most: int) -> None:
    with _lock:
        store[key] = value
        store.move_to_end(key)
        while len(store) > most:
            store.popitem(last=False)


def _font_glyphs(font_bytes: bytes) -> Callable[[str], tuple[str, float | None, int]]:
    """character -> (SVG path data, advance or None, units per em), drawn from the font."""
    font = hb.Font(hb.Face(font_bytes))  # scaled at units per em: outlines in font units
    units = font.face.upem

    def draw(ch: str) -> tuple[str, float | None, int]:
        glyph = font.get_nominal_glyph(ord(ch))
        if glyph is None:
            return "", None, units
        pen = SVGPathPen(None, ntos=_number)
        font.draw_glyph_with_pen(glyph, _ImplicitClose(pen))
        return pen.getCommands(), font.get_glyph_h_advance(glyph), units

    return draw


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


class _ImplicitClose:
    """A pen between HarfBuzz and the SVG pen: HarfBuzz ends a contour with a line back to its
    start, which the path's Z draws anyway (and fontTools leaves out: the same path data)."""

    def __init__(self, pen: SVGPathPen) -> None:
        self.pen = pen
        self.start: tuple[float, float] | None = None
        self.line_to: tuple[float, float] | None = None  # held until the next segment

    def _flush(self) -> None:
        if self.line_to is not None:
            self.pen.lineTo(self.line_to)
            self.line_to = None

    def moveTo(self, point: tuple[float, float]) -> None:  # the pen protocol's names
        self._flush()
        self.start = point
        self.pen.moveTo(point)

    def lineTo(self, point: tuple[float, float]) -> None:
        self._flush()
        self.line_to = point

    def curveTo(self, *points: tuple[float, float]) -> None:
        self._flush()
        self.pen.curveTo(*points)

    def qCurveTo(self, *points: tuple[float, float]) -> None:
        self._flush()
        self.pen.qCurveTo(*points)

    def closePath(self) -> None:
        if self.line_to is not None and self.line_to != self.start:
            self.pen.lineTo(self.line_to)
        self.line_to = None
        self.pen.closePath()


def _line_paths(glyph, text: str, size: float, baseline: float) -> tuple[list[str], float]:
    """SVG path data for one centred line of text, and its width."""
    drawn = [glyph(ch) for ch in text]
    scale = size / (drawn[0][2] if drawn else 1000)
    width = sum(advance if advance is not None else size / scale / 2 for _, advance, _ in drawn)
    width *= scale
    x = (WIDTH - width) / 2
    paths = []
    for commands, advance, _ in drawn:
        if advance is None:  # not in the font: leave a gap rather than a tofu box
            x += size / 2
            continue
        if commands:
            paths.append(
                f'<path transform="translate({x:.1f} {baseline:.1f}) scale({scale:.5f} {-scale:.5f})" '
                f'd="{commands}"/>'
            )
        x += advance * scale
    return paths, width


def source_key(path: os.PathLike | str, index: int = 0) -> tuple:
    """What identifies a font file's content for the kept glyphs: path, face, size, time."""
    stat = os.stat(path)
    return (os.fspath(path), index, stat.st_size, stat.st_mtime_ns)


def cover_svg(title: str, date: str, font_bytes: bytes, source: tuple | None = None) -> str:
    """A 600 x 800 SVG cover: the title in lines of up to 11 characters, broken by meaning
    (title_lines), a rule, the date. font_bytes: a subset of the font holding the title's and
    the date's characters; source: the font file it was cut from (source_key), under which
    drawn glyphs and covers are kept (None: nothing kept)."""
    if source is not None:
        with _lock:
            kept = _covers.get((source, title, date))
        if kept is not None:
            return kept
    fresh = None

    def glyph(ch: str) -> tuple[str, float | None, int]:
        nonlocal fresh
        if source is not None:
            with _lock:
                kept = _glyphs.get((source, ch))
            if kept is not None:
                return kept
        if fresh is None:
            fresh = _font_glyphs(font_bytes)
        drawn = fresh(ch)
        if source is not None:
            _keep(_glyphs, (source, ch), drawn, GLYPHS_KEPT)
        return drawn

    svg = _draw(title, date, glyph)
    if source is not None:
        _keep(_covers, (source, title, date), svg, COVERS_KEPT)
    return svg


def _draw(title: str, date: str, glyph) -> str:
    lines = list(split_title(title, TITLE_CHARS_PER_LINE)) or [title]
    # Up to 6 lines at full size; more are set smaller, so that every line is on the cover.
    size = min(TITLE_SIZE, TITLE_SIZE * 6 / len(lines))
    line_gap = size * 1.5
    top = HEIGHT * 0.38 - (len(lines) - 1) * line_gap / 2
    paths: list[str] = []
    for index, line in enumerate(lines):
        drawn, _ = _line_paths(glyph, line, size, top + index * line_gap)
        paths += drawn
    rule_y = top + (len(lines) - 1) * line_gap + size
    if date:
        drawn, _ = _line_paths(glyph, date, DATE_SIZE, rule_y + DATE_SIZE * 2.2)
        paths += drawn
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}">\n<title>{escape(title)}</title>\n'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#fbf8f1"/>\n'
        f'<rect x="24" y="24" width="{WIDTH - 48}" height="{HEIGHT - 48}" fill="none" '
        f'stroke="#8a1c1c" stroke-width="3"/>\n'
        f'<line x1="200" y1="{rule_y:.1f}" x2="400" y2="{rule_y:.1f}" stroke="#8a1c1c" stroke-width="2"/>\n'
        f'<g fill="#1a1a1a">\n' + "\n".join(paths) + "\n</g>\n</svg>\n"
    )
