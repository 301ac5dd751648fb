"""An EPUB cover image built from the title and date.

The text is drawn as glyph outlines (SVG paths from the embedded font subset), so the cover
looks the same on every reading system, with or without Chinese fonts of its own.
"""

from __future__ import annotations

import io
from html import escape

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTFont

from ..title_lines import split_title

WIDTH, HEIGHT = 600, 800
TITLE_SIZE, DATE_SIZE = 44, 24
TITLE_CHARS_PER_LINE = 11


def _line_paths(font: TTFont, text: str, size: float, baseline: float) -> tuple[list[str], float]:
    """SVG path data for one centred line of text, and its width."""
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    scale = size / font["head"].unitsPerEm
    advances = font["hmtx"].metrics
    names = [cmap.get(ord(ch)) for ch in text]
    width = sum(advances[n][0] if n else size / scale / 2 for n in names) * scale
    x = (WIDTH - width) / 2
    paths = []
    for name in names:
        if name is None:  # not in the font: leave a gap rather than a tofu box
            x += size / 2
            continue
        pen = SVGPathPen(glyphs)
        glyphs[name].draw(pen)
        if pen.getCommands():
            paths.append(
                f'<path transform="translate({x:.1f} {baseline:.1f}) scale({scale:.5f} {-scale:.5f})" '
                f'd="{pen.getCommands()}"/>'
            )
        x += advances[name][0] * scale
    return paths, width


def cover_svg(title: str, date: str, font_bytes: bytes) -> str:
    """A 600 x 800 SVG cover: the title in lines of up to 11 characters, broken by meaning
    (title_lines), a rule, the date."""
    font = TTFont(io.BytesIO(font_bytes))
    lines = list(split_title(title, TITLE_CHARS_PER_LINE)) or [title]
    # Up to 6 lines at full size; more are set smaller, so that every line is on the cover.
    size = min(TITLE_SIZE, TITLE_SIZE * 6 / len(lines))
    line_gap = size * 1.5
    top = HEIGHT * 0.38 - (len(lines) - 1) * line_gap / 2
    paths: list[str] = []
    for index, line in enumerate(lines):
        drawn, _ = _line_paths(font, line, size, top + index * line_gap)
        paths += drawn
    rule_y = top + (len(lines) - 1) * line_gap + size
    if date:
        drawn, _ = _line_paths(font, date, DATE_SIZE, rule_y + DATE_SIZE * 2.2)
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
