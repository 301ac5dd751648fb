"""Chinese justification and punctuation compression inside weasyprint's inline layout.

The one module of publish that reaches into weasyprint internals. weasyprint justifies a line
by widening U+0020/U+00A0 only, so Chinese text, which has no spaces, keeps the gap of every
line that ends early (a closing mark may not start a line, a Latin word did not fit). Here:

- ``justify_line`` (called by weasyprint's ``text_align`` for every justified line that is not
  the last of its paragraph) spreads the slack over the line's justification opportunities as
  extra letter spacing: every gap next to a Chinese character or a space, never between the
  letters of a Latin word. The text itself is untouched, so the PDF's text layer holds exactly
  the characters of the source (no inserted spaces).
- ``Layout.set_text`` gains two things: that extra letter spacing (Pango letter-spacing
  attributes, kept on the layout so that drawing sees the same widths as layout), and the
  font's ``halt`` feature on the punctuation marks that compression.py says to set half width.

Tested on the weasyprint versions in SUPPORTED (and pinned in pyproject.toml); ``install``
refuses any other, and tests/test_render.py fails when the internals it relies on change.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from itertools import pairwise

from .compression import half_width_positions, marks

SUPPORTED = ("70.",)
# Two or more adjacent marks of the compression table: the only texts that need its attributes.
_MARK_RUN = re.compile(
    "[" + re.escape("".join(marks())) + "]{2,}"
)  # weasyprint major versions this module was tested on
_installed = False


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


def _weights(text: str, every: bool = False) -> list[int]:
    return [1] * len(text) if every else [1 if _expandable(ch) else 0 for ch in text]


# Above this spacing (a fraction of the font size) a line spreads its slack over every gap,
# Latin letters included.
MAX_GAP_EM = 0.08
# A visible gap between two characters from which a PDF reader's text extraction reads a word
# space (pdftotext: 0.1 em). No gap is made wider: a line that would need more (a cluster of
# marks that may not start a line moved whole to the next, 则》”）) stays that much short,
# and `publish check` reports it, rather than a search for its words failing.
SPACE_GAP_EM = 0.095


def _gap_units(weights: list[int]) -> float:
    """Justification opportunities inside one run of text: a gap counts 1 between two
    expandable characters, 1/2 between an expandable one and another (Pango puts half of a
    character's letter spacing on each side of it)."""
    return sum((a + b) / 2 for a, b in pairwise(weights))


def install() -> None:
    """Patch weasyprint (once per process); raise UnsupportedWeasyprint on an untested version."""
    global _installed
    if _installed:
        return
    import weasyprint
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    if not weasyprint.__version__.startswith(SUPPORTED):
        raise UnsupportedWeasyprint(
            f"weasyprint {weasyprint.__version__}: publish's Chinese justification was tested "
            f"on {', '.join(v + 'x' for v in SUPPORTED)} only (pipeline/render/weasyprint_cjk.py)"
        )
    for module, name in (
        (inline, "justify_line"),
        (inline, "text_align"),
        (inline, "create_layout"),
        (line_break, "Layout"),
        (line_break, "line_size"),
    ):
        if not hasattr(module, name):
            raise UnsupportedWeasyprint(f"weasyprint has no {module.__name__}.{name}")
    original_set_text = line_break.Layout.set_text

    def set_text(self, text, justify=False):
        original_set_text(self, text, justify)
        _add_attributes(self, line_break)

    line_break.Layout.set_text = set_text
    inline.justify_line = _justify_line
    _installed = True


def _add_attributes(layout, line_break) -> None:
    """Half-width marks (the font's halt) and justification spacing, as Pango attributes.
    Runs on every layout weasyprint makes, line breaking included: cheap when a text has no
    adjacent marks and no spacing."""
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    text = layout.text
    extra, every = getattr(layout, "cjk_extra", (0.0, False))
    halves = half_width_positions(text) if text and _MARK_RUN.search(text) else []
    if not halves and not extra:
        return

    def offset(index: int) -> int:
        return len(text[:index].encode())

    attr_list = pango.pango_layout_get_attributes(layout.layout)
    if attr_list == ffi.NULL:
        attr_list = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
    for index in halves:
        attr = pango.pango_attr_font_features_new(b"halt 1")
        attr.start_index, attr.end_index = offset(index), offset(index + 1)
        pango.pango_attr_list_insert(attr_list, attr)
    if extra:
        base = layout.style["letter_spacing"]
        base = 0 if base == "normal" else base
        wide = int((base + extra) * TO_UNITS)
        start = 0
        for ch, weight in zip(text, _weights(text, every), strict=True):
            end = start + len(ch.encode())
            if weight:
                attr = pango.pango_attr_letter_spacing_new(wide)
                attr.start_index, attr.end_index = start, end
                pango.pango_attr_list_change(attr_list, attr)
            start = end
    pango.pango_layout_set_attributes(layout.layout, attr_list)


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
    units = sum(_gap_units(_weights(box.text)) for box in texts)
    if units <= 0 or extra_width / units > MAX_GAP_EM * line.style["font_size"]:
        every = True
        units = sum(_gap_units(_weights(box.text, every)) for box in texts)
    if units <= 0:
        return
    base = line.style["letter_spacing"]
    base = 0 if base == "normal" else base
    per_unit = min(extra_width / units, SPACE_GAP_EM * line.style["font_size"] - base)
    _spread(context, line, {id(box): per_unit for box in texts}, every, 0.0, boxes)


def _spread(context, box, widen, every, x_advance, boxes):
    """Give each text box its extra spacing and move everything after it along.

    Pango puts half of a character's letter spacing on each side of it, and none at the ends
    of a line, so a box grows by its gap units times the spacing: its layout is not made
    again (drawing re-applies the attributes, `_add_attributes`). A box whose layout holds
    other text than the box (never seen) is laid out again and measured."""
    from weasyprint.layout.inline import create_layout
    from weasyprint.text.line_break import line_size

    if isinstance(box, boxes.TextBox):
        box.position_x += x_advance
        per_unit = widen.get(id(box), 0.0)
        units = _gap_units(_weights(box.text, every)) if per_unit else 0
        grown = 0.0
        if units and getattr(box.pango_layout, "text", None) == box.text:
            box.pango_layout.cjk_extra = (per_unit, every)
            grown = per_unit * units
        elif units:
            layout = create_layout(box.text, box.style, context, None, 0)
            layout.cjk_extra = (per_unit, every)
            layout.set_text(layout.text)
            first_line, _ = layout.get_first_line()
            width, _ = line_size(first_line, box.style)
            layout.deactivate()
            box.pango_layout = layout
            grown = width - box.width
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
