"""Chinese justification and punctuation compression inside weasyprint's inline layout.

One of the two modules of publish that reach into weasyprint internals (the other,
weasyprint_fonts.py, only spares a copy of each font file). weasyprint justifies a line
by widening U+0020/U+00A0 only, so Chinese text, which has no spaces, keeps the gap of every
line that ends early (a closing mark may not start a line, a Latin word did not fit). Here:

- ``justify_line`` (called by weasyprint's ``text_align`` for every justified line that is not
  the last of its paragraph) spreads the slack over the line's justification opportunities as
  extra letter spacing: every gap next to a Chinese character or a space, never between the
  letters of a Latin word. The text itself is untouched, so the PDF's text layer holds exactly
  the characters of the source (no inserted spaces).
- ``split_first_line`` (weasyprint's line breaker, as the inline layout calls it): a line that
  would have to be spread wide (a group that may not be split, 则》”）, went to the next line)
  takes that group too when taking up the gaps of the line by at most SHRINK_GAP_EM each makes
  it fit; the line is then set that much tighter, exactly to the measure. A line that would
  still end short (its gaps would open wider than SPACE_GAP_EM: 比达到 | 2.08%”；) sets marks
  half width as well, as few as make the group fit, the one ending the line first
  (compression.toml's line adjustment, after CLREQ and JLREQ 3.8).
- a line of Latin letters spaced out (a URL broken anywhere) is fitted to the width its glyphs
  are drawn at, which weasyprint's PDF drawing rounds per glyph (``_drawn_width``).
- ``Layout.set_text`` gains four things: that extra letter spacing (Pango letter-spacing
  attributes, kept on the layout so that drawing sees the same widths as layout), the font's
  ``halt`` feature on the punctuation marks that compression.py (or line adjustment) says to set
  half width, no letter spacing on the invisible characters of breaks.py (break controls,
  not characters), and the gap between Chinese and Latin text on breaks.py's AUTOSPACE: as wide
  as a reader's extraction still reads as no space (AUTOSPACE_EM; CSS's eighth of an em would
  put a space in every copied `使用 Python`), none at a line's ends (weasyprint sets each line's
  own text in its layout last), kept at that width when a line is spread (its weight in the gap
  count takes back its neighbours' halves) and giving like any gap when one is tightened.

Tested on the weasyprint versions in SUPPORTED (and pinned in pyproject.toml); ``install``
refuses any other, and tests/test_render.py fails when the internals it relies on change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

from ..script import is_traditional_tag
from .breaks import AUTOSPACE, INVISIBLE, SYLLABLE, SYLLABLE_HYPHEN, ZWSP
from .compression import half_width_positions, line_adjustment_order, mark_class, marks

SUPPORTED = ("70.",)  # weasyprint major versions this module was tested on
# Two adjacent marks of the compression table (a break's zero-width space between them does not
# part them): the only texts that need its attributes.
_MARK = mark_class()
_MARK_RUN = re.compile(f"{_MARK}[{INVISIBLE}]?{_MARK}")
_COMPRESSIBLE = frozenset(ch for ch, kind in marks().items() if kind in ("closing", "stop"))
_UNSPACED = INVISIBLE + AUTOSPACE  # no character: no letter spacing of its own from justification
_installed = False
_justify_spaces = None  # weasyprint's own justification: widens spaces


class UnsupportedWeasyprint(RuntimeError):
    pass


@cache
def _expandable(ch: str) -> bool:
    """A character next to which justification may add space: Chinese characters and marks
    (full-width forms, CJK punctuation), and spaces. Not Latin letters or digits, and not the
    dash and ellipsis, whose two halves must stay joined."""
    if ch in " \u00a0\u3000":
        return True
    if ch in "—…―⋯":
        return False
    code = ord(ch)
    if code < 0x2E80:
        return ch in "“”‘’·"
    return unicodedata.category(ch)[0] in "LPS" or unicodedata.east_asian_width(ch) in "WF"


def _weights(text: str, every: bool = False, shrink: bool = False) -> list[float]:
    """Each character's share of a line's spacing. The gap between Chinese and Latin text
    (AUTOSPACE) takes back its neighbours' halves when a line is spread: it is already as wide
    as extraction allows. When a line is tightened it gives like any gap (one unit in all)."""
    if every:
        weights: list[float] = [0 if ch in _UNSPACED else 1 for ch in text]
    else:
        weights = [1 if _expandable(ch) else 0 for ch in text]
    if AUTOSPACE in text:
        for index in _autospaces(text):
            halves = (weights[index - 1] + weights[index + 1]) / 2
            weights[index] = 1 - halves if shrink else -halves
    return weights


def _autospaces(text: str) -> list[int]:
    """The AUTOSPACE gaps inside a line's text (one at either end is a line's end: no gap)."""
    return [index for index, ch in enumerate(text) if ch == AUTOSPACE and 0 < index < len(text) - 1]


# Above this spacing (a fraction of the font size) a line spreads its slack over every gap,
# Latin letters included.
MAX_GAP_EM = 0.08
# The most a word space is widened by to justify a line (a fraction of the font size): wider,
# pdftotext and PDF viewers' copy read the gap as one between columns, so the line is left
# ragged. `publish check` holds lines to the same value.
SPACE_WIDEN_MAX_EM = 0.5
_WORD_SPACE = re.compile("[ \u00a0]+")
# A visible gap between two characters from which a PDF reader's text extraction reads a word
# space (pdftotext: 0.1 em). No gap is made wider: a line that would need more (a cluster of
# marks that may not start a line moved whole to the next, 则》”）) stays that much short,
# and `publish check` reports it, rather than a search for its words failing.
SPACE_GAP_EM = 0.095
# The gap between Chinese and Latin text (breaks.AUTOSPACE), a fraction of the font size: as
# wide as extraction still reads as no space, less what the drawing's rounding of each glyph's
# place may add (measured: up to 0.004 em).
AUTOSPACE_EM = SPACE_GAP_EM - 0.005
# The most a gap between two Chinese characters is taken up to fit a line's last group (a
# fraction of the font size; pdftotext reads an overlap of 0.2 em as a word break).
SHRINK_GAP_EM = 0.05
# The groups a tightened line's first try may have taken past the next one, given back.
_PEELS = 3
# A line whose gaps would widen by less than this is spread, not tightened (no second try).
STRETCH_COMFORT_EM = 0.03


def _gap_units(weights: list[float]) -> float:
    """Justification opportunities inside one run of text: a gap counts 1 between two
    expandable characters, 1/2 between an expandable one and another (Pango puts half of a
    character's letter spacing on each side of it)."""
    return sum((a + b) / 2 for a, b in pairwise(weights))


def left_ragged(text: str, spaces: int, slack: float, size: float) -> bool:
    """Whether justification leaves a line ragged: a line of text (its characters, spaces
    aside) holding `spaces` word spaces, `slack` short of the measure, whose Chinese gaps
    cannot take the slack and whose word spaces would open wider than SPACE_WIDEN_MAX_EM."""
    units = _gap_units(_weights(text))
    cjk_take = units > 0 and slack / units <= MAX_GAP_EM * size
    return spaces > 0 and not cjk_take and slack > SPACE_WIDEN_MAX_EM * size * spaces


def install() -> None:
    """Patch weasyprint (once per process); raise UnsupportedWeasyprint on an untested version."""
    global _installed
    if _installed:
        return
    from .weasyprint_load import load

    weasyprint = load()
    from weasyprint.layout import inline
    from weasyprint.text import fonts, line_break

    if not weasyprint.__version__.startswith(SUPPORTED):
        raise UnsupportedWeasyprint(
            f"weasyprint {weasyprint.__version__}: publish's Chinese justification was tested "
            f"on {', '.join(v + 'x' for v in SUPPORTED)} only (pipeline/render/weasyprint_cjk.py)"
        )
    for module, name in (
        (inline, "justify_line"),
        (inline, "text_align"),
        (inline, "create_layout"),
        (inline, "split_first_line"),
        (line_break, "Layout"),
        (line_break, "line_size"),
        (line_break, "font_features"),
        (fonts, "get_pango_font_key"),
    ):
        if not hasattr(module, name):
            raise UnsupportedWeasyprint(f"weasyprint has no {module.__name__}.{name}")
    from weasyprint.text.ffi import ffi, pango

    original_set_text = line_break.Layout.set_text
    original_split = inline.split_first_line

    def set_text(self, text, justify=False):
        if not _has_font_features(self.style, line_break):
            # weasyprint adds to the attributes the layout already has: those of its previous
            # text (a whole paragraph's half-width marks on its first line) would stay.
            pango.pango_layout_set_attributes(self.layout, ffi.NULL)
        original_set_text(self, text, justify)
        _add_attributes(self, line_break)

    def split(text, style, *args, **kw):
        result = _end_half(original_split(text, style, *args, **kw), text, style, line_break)
        return _face_metrics(result, style, args[0], original_split)

    def split_first_line(text, style, context, max_width, justification_spacing, *args, **kw):
        def broken(width):
            result = split(text, style, context, width, justification_spacing, *args, **kw)
            return _tightened(result, split, line_break, text, style, context, width,
                              justification_spacing, *args, **kw)  # fmt: skip

        if kw.get("minimum") or max_width is None or max_width == float("inf"):
            return broken(max_width)
        return _hyphenated(broken, max_width, text, style, line_break)

    global _justify_spaces
    _justify_spaces = inline.justify_line
    line_break.Layout.set_text = set_text
    inline.justify_line = _justify_line
    inline.split_first_line = split_first_line
    _installed = True


def _add_attributes(layout, line_break) -> None:
    """Half-width marks (the font's halt) and justification spacing, as Pango attributes.
    Runs on every layout weasyprint makes, line breaking included: cheap when a text has no
    adjacent marks and no spacing."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    text = layout.text
    extra, every = getattr(layout, "cjk_extra", (0.0, False))
    centred = _centred(layout.style)
    halves = _half_widths(text, centred) if text and _MARK_RUN.search(text) else []
    breaks = any(ch in text for ch in _UNSPACED)

    def offset(index: int) -> int:
        return len(text[:index].encode())

    attr_list = pango.pango_layout_get_attributes(layout.layout)
    if attr_list == ffi.NULL:
        attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    if getattr(layout, "cjk_end_half", False):  # see _end_half
        last = len(text.rstrip(INVISIBLE)) - 1
        if last >= 0 and last not in halves:
            halves.append(last)
    halves += [i for i in getattr(layout, "cjk_halves", ()) if i not in halves]  # _tightened
    if not halves and not extra and not breaks:
        return
    for index in halves:
        attr = pango.pango_attr_font_features_new(b"halt 1")
        attr.start_index, attr.end_index = offset(index), offset(index + 1)
        pango.pango_attr_list_insert(attr_list, attr)
    base = layout.style["letter_spacing"]
    base = 0 if base == "normal" else base
    weights = _weights(text, every, extra < 0) if extra else []
    if extra:
        wide = _spacing_units(base + extra, TO_UNITS)
        start = 0
        for ch, weight in zip(text, weights, strict=True):
            end = start + len(ch.encode())
            if weight > 0:
                attr = pango.pango_attr_letter_spacing_new(wide)
                attr.start_index, attr.end_index = start, end
                pango.pango_attr_list_change(attr_list, attr)
            start = end
    if breaks:  # a break opportunity, not a character: no letter spacing
        for index, ch in enumerate(text):
            if ch in _UNSPACED:
                attr = pango.pango_attr_letter_spacing_new(0)
                attr.start_index, attr.end_index = offset(index), offset(index + 1)
                pango.pango_attr_list_change(attr_list, attr)
        # The gap between Chinese and Latin text, less what its neighbours' spacing puts in it.
        gap = AUTOSPACE_EM * layout.style["font_size"] - base
        spaced = {
            index: gap + (weights[index] * extra if extra else 0.0) for index in _autospaces(text)
        }
        if text[0] == AUTOSPACE and len(text) > 1:
            # A line's first: Pango takes off the first glyph's half of its spacing only, so
            # this one's other half makes up for the half the letter after it puts before it.
            spaced[0] = -(base + (weights[1] * extra if extra else 0.0))
        for index, spacing in spaced.items():
            attr = pango.pango_attr_letter_spacing_new(_spacing_units(spacing, TO_UNITS))
            attr.start_index, attr.end_index = offset(index), offset(index + 1)
            pango.pango_attr_list_change(attr_list, attr)
    pango.pango_layout_set_attributes(layout.layout, attr_list)


def _spacing_units(spacing: float, to_units: int) -> int:
    """Letter spacing in Pango units, never a whole pixel: Pango rounds the half it puts
    before a glyph of a whole pixel's spacing to a whole pixel (hinting), which moved a glyph
    next to the gap between Chinese and Latin text half a pixel and opened that gap past what
    extraction reads as no space."""
    units = int(spacing * to_units)
    return units + 1 if units and units % to_units == 0 else units


def _has_font_features(style, line_break) -> bool:
    """Whether weasyprint's Layout.setup put font features in the layout's attributes."""
    return bool(
        line_break.font_features(
            style["font_kerning"], style["font_variant_ligatures"],
            style["font_variant_position"], style["font_variant_caps"],
            style["font_variant_numeric"], style["font_variant_alternates"],
            style["font_variant_east_asian"], style["font_feature_settings"],
        )
    )  # fmt: skip


def _end_half(result, text, style, line_break):
    """A line ending in a mark that is half width against the next line's first (`）》` before
    `（`): the line was broken with it half width, so it stays half width (a line-end mark set
    half width, CLREQ), and the line is measured so."""
    layout, length, resume_index, width, height, baseline = result
    line = layout.text.rstrip(INVISIBLE) if resume_index is not None else ""
    if not line or line[-1] not in _COMPRESSIBLE or not _MARK_RUN.search(text):
        return result
    if len(line) - 1 not in _half_widths(text[: len(layout.text) + 2], _centred(style)):
        return result
    layout.reactivate(style)
    layout.cjk_end_half = True
    layout.set_text(layout.text)
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, style)
    layout.deactivate()
    return (layout, length, resume_index, width, height, baseline)


_METRICS: dict[tuple, tuple[float, float]] = {}


def _face_metrics(result, style, context, split):
    """A line holding a glyph from a fallback face (a subscript ₅ in DejaVu) keeps the height
    and baseline of the style's own face: Pango measures the line by the tallest face in it,
    and weasyprint centres the line height on that, so the line box grew and every line after
    it left the grid. The glyph is drawn on the same baseline, only its face's extra height
    no longer counts."""
    layout, length, resume_index, width, height, _ = result
    key = (
        tuple(style["font_family"]), style["font_size"], style["font_weight"],
        style["font_style"], style["font_stretch"],
    )  # fmt: skip
    if key not in _METRICS:
        reference = split("国", style, context, float("inf"), 0)
        _METRICS[key] = (reference[4], reference[5])
    own_height, own_baseline = _METRICS[key]
    if height <= own_height + 0.01:
        return result
    return (layout, length, resume_index, width, own_height, own_baseline)


def _centred(style) -> bool:
    """Whether the text is in traditional script, whose faces centre the stops (coverage.py)."""
    return is_traditional_tag(style["lang"] or "")


def _half_widths(text: str, centred: bool = False) -> list[int]:
    """compression.py's half-width marks, found as if the zero-width spaces were not there."""
    kept = [index for index, ch in enumerate(text) if ch not in INVISIBLE]
    if len(kept) == len(text):
        return half_width_positions(text, centred)
    return [kept[i] for i in half_width_positions("".join(text[i] for i in kept), centred)]


def _tightened(result, split, line_break, text, style, context, max_width, *args, **kw):
    """The first line of `result`, or a longer one set tighter to the measure (module doc)."""
    layout, length, resume_index, width, _, _ = result
    if (
        resume_index is None
        or kw.get("minimum")
        or max_width is None
        or max_width == float("inf")
        or style["text_align_all"] != "justify"
        or style["white_space"] not in ("normal", "pre-line")
        or style["direction"] == "rtl"
    ):
        return result
    size = style["font_size"]
    units = _gap_units(_weights(layout.text))
    shrinkable = _gap_units(_weights(layout.text, shrink=True))
    slack = max_width - width
    if shrinkable <= 0 or slack <= STRETCH_COMFORT_EM * size * max(units, 0.0):
        return result
    stretch = slack / units if units > 0 else float("inf")
    allowance = SHRINK_GAP_EM * size * (shrinkable + 6)
    wider = split(text, style, context, max_width + allowance, *args, **kw)
    for _ in range(_PEELS):  # the allowance may take more than the next group: one group more
        shorter = split(text, style, context, wider[3] - 0.01, *args, **kw)
        if shorter[1] <= length or shorter[1] >= wider[1]:
            break
        wider = shorter
    wider_units = _gap_units(_weights(wider[0].text, shrink=True))
    wider_width = wider[3] - _trailing(wider[0], style, line_break)
    if wider[1] > length and wider_width > max_width and wider_units > 0:
        per_unit = (wider_width - max_width) / wider_units + 0.001
        comfortable = per_unit >= stretch and stretch <= SPACE_GAP_EM * size
        if per_unit <= SHRINK_GAP_EM * size and not comfortable:
            return _set_tight(wider, per_unit, [], style, max_width, line_break) or result
    if not _ends_short(layout.text, slack, style):
        return result
    # Spread, the line would end short: marks set half width make room (line adjustment) for
    # the next group, the narrowest room that takes it.
    half = size / 2
    centred = _centred(style)
    marks = len(line_adjustment_order(layout.text, _half_widths(layout.text, centred), INVISIBLE))
    room = 0
    while wider[1] <= length and room <= marks:
        room += 1
        wider = split(text, style, context, max_width + allowance + half * room, *args, **kw)
    wider_units = _gap_units(_weights(wider[0].text, shrink=True))
    if wider[1] <= length or wider[3] <= max_width or wider_units <= 0:
        return result
    overflow, taken = wider[3] - max_width, []
    for index in line_adjustment_order(
        wider[0].text, _half_widths(wider[0].text, centred), INVISIBLE
    ):
        if overflow <= SHRINK_GAP_EM * size * wider_units:
            break
        taken.append(index)
        overflow -= half
    if overflow > SHRINK_GAP_EM * size * wider_units:
        return result
    per_unit = overflow / wider_units + 0.001
    return _set_tight(wider, per_unit, taken, style, max_width, line_break) or result


def _at_syllable(result, text: str) -> bool:
    """Whether the line of `result` ends at a syllable break breaks.py marked (a code's or a
    URL's break takes no hyphen)."""
    _, length, resume_index, *_ = result
    return resume_index is not None and text.encode()[:length].decode().endswith(SYLLABLE)


def _with_hyphen(result, style, line_break):
    """The line of `result` with a hyphen drawn at its end, measured so."""
    layout, length, resume_index, _, height, baseline = result
    layout.reactivate(style)
    layout.set_text(layout.text + SYLLABLE_HYPHEN)  # breaks.py's syllable break
    first_line, _ = layout.get_first_line()
    width, _ = line_break.line_size(first_line, style)
    layout.deactivate()
    return (layout, length, resume_index, width, height, baseline)


def _hyphenated(broken, max_width, text, style, line_break):
    """The first line broken to max_width; where it ends inside a word at a syllable, with a
    hyphen, broken again short of the hyphen's width when the hyphen would not fit."""
    result = broken(max_width)
    if not _at_syllable(result, text):
        return result
    width = result[3]
    hyphenated = _with_hyphen(result, style, line_break)
    if hyphenated[3] <= max_width + 0.01:
        return hyphenated
    narrower = broken(max_width - (hyphenated[3] - width))
    return _with_hyphen(narrower, style, line_break) if _at_syllable(narrower, text) else narrower


def _trailing(layout, style, line_break) -> float:
    if not layout.text.endswith(" "):
        return 0.0
    layout.reactivate(style)
    try:
        return _trailing_spaces(layout, style, line_break)
    finally:
        layout.deactivate()


def _ends_short(text: str, slack: float, style) -> bool:
    """Whether justification (_justify_line) leaves a line of one text box `slack` short:
    neither its Chinese gaps, nor its word spaces, nor all its gaps can take the slack."""
    size = style["font_size"]
    units = _gap_units(_weights(text))
    if units > 0 and slack / units <= MAX_GAP_EM * size:
        return False
    spaces = len(_WORD_SPACE.findall(text.rstrip()))
    if spaces:
        return slack > SPACE_WIDEN_MAX_EM * size * spaces
    base = style["letter_spacing"]
    every = _gap_units(_weights(text, True))
    return every <= 0 or slack / every > SPACE_GAP_EM * size - (0 if base == "normal" else base)


def _set_tight(wider, per_unit, halves, style, max_width, line_break):
    """The line `wider` set with its gaps taken up by per_unit (none when per_unit is not
    above 0: justification then spreads what is left) and the marks at `halves` half width;
    None if that does not fit the measure."""
    layout = wider[0]
    layout.reactivate(style)
    layout.cjk_extra = (-max(per_unit, 0.0), False)
    layout.cjk_halves = halves
    layout.set_text(layout.text)
    first_line, _ = layout.get_first_line()
    tight, _ = line_break.line_size(first_line, style)
    tight -= _trailing_spaces(layout, style, line_break)
    layout.deactivate()
    if tight > max_width:  # never seen: the tightening did not take
        return None
    return (layout, wider[1], wider[2], tight, wider[4], wider[5])


def _trailing_spaces(layout, style, line_break) -> float:
    """The width of the word spaces a line's text ends with, when the line breaks after them
    and before the next box (`确认； **加入`: the space before the bold run stays on the line).
    Drawn as nothing, they are no part of the line's measure: a line set to the margin with
    them would be drawn a space short."""
    text = layout.text
    stripped = text.rstrip(" ")
    if stripped == text or not stripped.strip():
        return 0.0
    first_line, _ = layout.get_first_line()
    full, _ = line_break.line_size(first_line, style)
    layout.set_text(stripped)
    first_line, _ = layout.get_first_line()
    bare, _ = line_break.line_size(first_line, style)
    layout.set_text(text)
    return max(0.0, full - bare)


def _text_boxes(box, boxes) -> list:
    if isinstance(box, boxes.TextBox):
        return [box]
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        found = []
        for child in box.children:
            if child.is_in_normal_flow():
                found += _text_boxes(child, boxes)
        return found
    return []


def _justify_line(context, line, extra_width):
    """Spread extra_width over the line's justification opportunities (see module doc). Gaps
    between two text boxes (a run-in heading and its paragraph, a change of face) get nothing:
    a reader's text extraction would take any gap there for a space."""
    from weasyprint.formatting_structure import boxes

    texts = _text_boxes(line, boxes)
    if not texts or line.style["direction"] == "rtl":
        return
    every = False
    size = line.style["font_size"]
    base = line.style["letter_spacing"]
    base = 0 if base == "normal" else base
    tightened = any(_extra(box)[0] < 0 for box in texts)
    units = sum(_gap_units(_weights(box.text)) for box in texts)
    if not tightened and (units <= 0 or extra_width / units > MAX_GAP_EM * size):
        if any(" " in box.text or "\u00a0" in box.text for box in texts):
            # Latin text, or too few Chinese gaps: its word spaces take the slack, as in any
            # justified Latin text (weasyprint's own justification); unless each would open
            # wider than SPACE_WIDEN_MAX_EM, which a reader's extraction takes for a column
            # gap (a line of code, a few long words in a narrow measure): left ragged.
            # Only the line's own end drops its space; one closing a box inside the line (before
            # a change of face) is a word space like any other.
            spaces = len(_WORD_SPACE.findall("".join(box.text for box in texts).rstrip()))
            if extra_width <= SPACE_WIDEN_MAX_EM * size * spaces:
                _justify_spaces(context, line, extra_width)
            return
        every = True
        units = sum(_gap_units(_weights(box.text, every)) for box in texts)
    if units <= 0:
        return
    units, extra_width = _units_at_end(texts, every, extra_width, base)
    if units <= 0:
        return
    per_unit = min(extra_width / units, SPACE_GAP_EM * size - base)
    _spread(context, line, {id(box): per_unit for box in texts}, every, 0.0, boxes)


def _units_at_end(texts, every: bool, extra_width: float, base: float) -> tuple[float, float]:
    """The line's gap units and the width to spread over them. A line broken at a zero-width
    space (breaks.py): Pango takes the end-of-line letter spacing off the zero-width space, so
    the last character keeps the half after it and its glyph ends that much before the box
    does. Spread so that the glyph reaches the margin: the box then ends past it by that
    invisible half."""
    units = sum(_gap_units(_weights(box.text, every)) for box in texts)
    last = texts[-1].text
    if len(last) > 1 and last[-1] in (ZWSP, AUTOSPACE) and _weights(last[-2], every)[0]:
        return units - 0.5, extra_width + base / 2
    return units, extra_width


def _extra(box) -> tuple[float, bool]:
    return getattr(box.pango_layout, "cjk_extra", (0.0, False))


def _measure(layout, extra: float, every: bool) -> float:
    """The width the line is drawn at in the PDF with this spacing (see _drawn_width)."""
    layout.cjk_extra = (extra, every)
    layout.set_text(layout.text)
    return _drawn_width(layout)


# Fitting a Latin line's spacing to its growth: the tries at most, and how near is near enough
# (CSS px).
_FIT_TRIES = 8
_FIT_NEAR = 0.02


def _fit(layout, before: float, every: bool, width: float, target: float, start: float,
         widest: float) -> float:  # fmt: skip
    """Set the layout's spacing (from `start` up to `widest`) whose drawn growth over `width`
    comes nearest `target`; return that growth. The drawn width grows in steps (_drawn_width:
    each glyph's truncated thousandth), so the growth is searched for, not scaled to."""

    def grown(spacing: float) -> float:
        return _measure(layout, before + spacing, every) - width

    tried = {start: grown(start)}
    low, high = (start, widest) if tried[start] < target else (0.0, start)
    if tried[start] < target and high > low:
        tried[high] = grown(high)
        if tried[high] < target:
            low = high
    for _ in range(_FIT_TRIES):
        if min(abs(g - target) for g in tried.values()) <= _FIT_NEAR or high - low < 1e-4:
            break
        middle = (low + high) / 2
        tried[middle] = grown(middle)
        low, high = (middle, high) if tried[middle] < target else (low, middle)
    best = min(tried, key=lambda spacing: abs(tried[spacing] - target))
    last = next(reversed(tried))  # the layout holds the spacing tried last
    return tried[best] if best == last else grown(best)


_GLYPH_WIDTHS: dict[tuple[int, int, float], int] = {}  # as the drawing's font.widths


def _drawn_width(layout) -> float:
    """The width of a layout's first line as weasyprint's PDF drawing places its glyphs
    (draw/text.py, draw_first_line): each glyph at its font's width rounded to a thousandth of
    the size, then moved by the difference to Pango's advance (letter spacing, kerning)
    truncated to a whole thousandth. A letter-spaced glyph so loses up to a thousandth of an
    em: a line of 55 spaced Latin letters was drawn 0.5 pt shorter than laid out. Pango's own
    width is the layout's, not what the reader sees."""
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango
    from weasyprint.text.fonts import get_pango_font_key

    first_line, _ = layout.get_first_line()
    ink, logical = ffi.new("PangoRectangle *"), ffi.new("PangoRectangle *")
    total = 0.0
    run = first_line.runs
    while run != ffi.NULL:
        item = ffi.cast("PangoGlyphItem *", run.data)
        run = run.next
        font = item.item.analysis.font
        face, _, size = get_pango_font_key(font)  # as the drawing keys its fonts
        glyphs = item.glyphs
        for glyph in glyphs.glyphs[0 : glyphs.num_glyphs]:
            width = glyph.geometry.width
            unknown = glyph.glyph & pango.PANGO_GLYPH_UNKNOWN_FLAG  # drawn at Pango's width
            if glyph.glyph == pango.PANGO_GLYPH_EMPTY or unknown or not size:
                total += width * FROM_UNITS
                continue
            key = (face, glyph.glyph, size)
            if key not in _GLYPH_WIDTHS:
                pango.pango_font_get_glyph_extents(font, glyph.glyph, ink, logical)
                _GLYPH_WIDTHS[key] = round(logical.width * 1000 * FROM_UNITS / size)
            font_width = _GLYPH_WIDTHS[key]
            offset = glyph.geometry.x_offset / size
            kerning = font_width + offset - width * 1000 * FROM_UNITS / size
            total += (offset + font_width - int(kerning)) * size / 1000
    return total


def _spread(context, box, widen, every, x_advance, boxes):
    """Give each text box its extra spacing and move everything after it along.

    Pango puts half of a character's letter spacing on each side of it, and none at the ends
    of a line, so a box of Chinese text grows by its gap units times the spacing: its layout
    is not made again (drawing re-applies the attributes, `_add_attributes`). Other boxes are
    laid out again and measured."""
    from weasyprint.layout.inline import create_layout

    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        per_unit = widen.get(id(box), 0.0)
        units = _gap_units(_weights(box.text, every)) if per_unit else 0
        grown = 0.0
        before = min(_extra(box)[0], 0.0)  # a tightened line keeps its tightening, plus this
        same_text = getattr(box.pango_layout, "text", None) == box.text
        if units and same_text and not every and " " not in box.text:
            total = before + per_unit
            box.pango_layout.cjk_extra = (total, every)
            # (the gap between Chinese and Latin text counts as a gap in a tightened line only)
            grown = _gap_units(_weights(box.text, shrink=total < 0)) * total
            grown -= _gap_units(_weights(box.text, shrink=before < 0)) * before
        elif units:
            # Latin text and spaces: Pango's spacing there is not the gap count times the
            # spacing, so the box is measured as drawn, and the spacing fitted to the growth.
            layout = create_layout(box.text, box.style, context, None, 0)
            layout.cjk_end_half = getattr(box.pango_layout, "cjk_end_half", False)
            layout.cjk_halves = getattr(box.pango_layout, "cjk_halves", [])
            base = box.style["letter_spacing"]
            widest = SPACE_GAP_EM * box.style["font_size"] - (0 if base == "normal" else base)
            grown = _fit(layout, before, every, box.width, per_unit * units, per_unit, widest)
            layout.deactivate()
            box.pango_layout = layout
        box.width += grown
        return x_advance + grown
    if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
        box.position_x += x_advance
        before = x_advance
        for child in box.children:
            if child.is_in_normal_flow():
                x_advance = _spread(context, child, widen, every, x_advance, boxes)
        box.width += x_advance - before
        return x_advance
    box.translate(x_advance, 0)  # an atomic inline box: moved, not stretched
    return x_advance
