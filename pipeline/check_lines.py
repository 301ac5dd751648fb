"""The typesetting measures of `publish check`, taken from the set lines of a PDF.

- short lines: body lines that are not the last of their paragraph but stop short of the right
  margin (justified text must reach it);
- punctuation holes: two adjacent marks that compression.toml says to compress, still a full
  cell apart;
- forbidden line starts and ends (避头尾): a closing mark or stop opening a line, an opening
  mark closing one;
- lone last lines (孤字): a paragraph of two lines or more whose last line holds one Chinese
  character (with the marks that close it), a line a reader's eye takes for a stray;
- the text layer: what a PDF reader extracts (pdfplumber and pdftotext) against the text of the
  Markdown intermediate: the same characters in the same order, and no space where the source
  has none.

Lines are the check module's `_Line`s (characters grouped by baseline).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from .render.breaks import SOFT_HYPHEN, SYLLABLE_HYPHEN
from .render.compression import marks, pair_compressed
from .render.script_runs import RTL_RANGES
from .render.weasyprint_cjk import SPACE_GAP_EM, left_ragged

SHORT_TOLERANCE_PT = 0.5
# A gap between two characters wider than this is a word space (justification gaps between
# characters stay under 0.1 em; a space is 0.2 em or more).
WORD_SPACE_EM = 0.15
# A mark set half width takes half a cell up to the next character's x0 (a fraction of the size;
# three quarters for a centred mark, which traditional script's faces draw a quarter cell left
# of its half cell), a full one takes a cell: two adjacent marks that each take more than this
# leave a hole (compressed, one of the two is half width, whichever the pair's rule chose).
HALF_CELL_MAX_EM = 0.875
# A line is a candidate for justification when it starts at the left margin or at the
# paragraph indent (centred and right-aligned lines start further in).
INDENT_SLACK_CHARS = 0.6


@dataclass(frozen=True)
class LineFindings:
    lines: int  # lines that must reach the margin
    short: list[str]  # "p2: 深刻把握…" for each line that does not
    holes: list[str]
    forbidden: list[str]
    lone: list[str]  # "p3: 了。" for each paragraph ending on a line of one character
    first_lines: list[int]  # characters on each continued first line of Chinese text
    indents: list[float]  # where each indented line starts, from the left margin


def _classes() -> dict[str, str]:
    return marks()


def word_spaces(chars, size: float) -> int:
    """The word spaces of a line: gaps between neighbouring characters (sorted by x0) wider
    than WORD_SPACE_EM."""
    return sum(b["x0"] - a["x1"] > WORD_SPACE_EM * size for a, b in pairwise(chars))


def line_findings(
    lines,
    body,
    left: float,
    right: float,
    size: float,
    indent_cells: float,
    tolerance: float = SHORT_TOLERANCE_PT,
    ours: bool = True,
):
    """Measure the body lines (those of `lines`, every line of the text areas in reading order,
    that are in `body`) against the margins."""
    classes = _classes()
    full_cell = HALF_CELL_MAX_EM * size
    cell = size  # an approximation of the grid cell, enough to tell indents from centring
    candidates = 0
    short, holes, forbidden, lone, first_lines, indents = [], [], [], [], [], []
    body_ids = {id(line) for line in body}
    for index, line in enumerate(lines):
        if id(line) not in body_ids:
            continue
        chars = sorted(line.chars, key=lambda c: c["x0"])
        text = "".join(c["text"] for c in chars)
        where = f"p{line.page}: {text[:12]}…"
        indented = 0.5 * cell < line.x0 - left < (indent_cells + 0.5) * cell
        # A paragraph's first line starts where its text does (a mark there is the source's).
        if classes.get(text[0]) in ("closing", "stop") and not indented:
            forbidden.append(f"{where} starts with {text[0]}")
        follower = lines[index + 1] if index + 1 < len(lines) else None
        continued = follower is not None and abs(follower.x0 - left) < 1
        # And a paragraph's last line ends where its text does (a page saved with its lines
        # hard-wrapped may leave a paragraph ending in 「).
        if classes.get(text[-1]) == "opening" and continued:
            forbidden.append(f"{where} ends with {text[-1]}")
        # A paragraph's last line: a continued line (it starts at the margin after a line of
        # its paragraph) that nothing continues.
        if abs(line.x0 - left) < 1 and not continued and index and id(lines[index - 1]) in body_ids:
            if lone_character(text):
                lone.append(f"{where[: where.index(':')]}: {text}")
        # Each character's cell: up to the next one's x0; the last one's up to the margin when
        # the paragraph goes on (the line reaches it, or the short-line measure says), none at
        # a paragraph's end (a blank half there is no hole between characters).
        last_cell = right - chars[-1]["x0"] if continued else 0.0
        advances = [b["x0"] - a["x0"] for a, b in pairwise(chars)] + [last_cell]
        for index, (a, b) in enumerate(pairwise(chars)):
            if pair_compressed(a["text"], b["text"]) is not None:
                if advances[index] > full_cell and advances[index + 1] > full_cell:
                    holes.append(f"{where} {a['text']}{b['text']}")
        starts_in = line.x0 <= left + (indent_cells + INDENT_SLACK_CHARS) * cell
        if starts_in and continued:
            candidates += 1
            spaces = word_spaces(chars, size)
            slack = right - line.x1
            # The renderer decides from its line box, which ends up to the tolerance past the
            # last glyph (its letter spacing): a line at that bound may go either way.
            if (
                slack > tolerance
                and not left_ragged(text, spaces, slack + tolerance, size)
                and not spaced_to_the_limit(chars, spaces, size)
                and (ours or _stretchable(text, spaces))
            ):
                short.append(f"{where} ends {slack:.1f} pt short")
            if indented:
                indents.append(line.x0 - left)
            # Full first lines of Chinese text: no Latin, no compressed pair, and no space (a
            # word space of the source, `第一条 为了`, takes a part of a cell); nor a line
            # ending in a stop or closing mark, which a line may squeeze in rather than send
            # it alone to the start of the next (避头尾).
            cjk = all(ch > "\u2e80" for ch in text)
            squeezed = marks().get(text[-1]) in ("closing", "stop")
            if indented and cjk and not spaces and not squeezed and not has_compressed_pair(text):
                first_lines.append(len(text))
    return LineFindings(candidates, short, holes, forbidden, lone, first_lines, indents)


def lone_character(text: str) -> bool:
    """A line of one Chinese character and the marks around it (`了。”`)."""
    letters = [ch for ch in text.strip() if not _classes().get(ch)]
    return len(letters) == 1 and unicodedata.east_asian_width(letters[0]) == "W"


def _stretchable(text: str, spaces: int) -> bool:
    """Whether a word processor can justify the line: it widens word spaces and the gaps of
    Chinese text, never the letters of a run like `==========` (ours spaces those out too)."""
    return spaces > 0 or any(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def spaced_to_the_limit(chars, spaces: int, size: float) -> bool:
    """A line without word spaces whose gaps the renderer opened as wide as a reader's
    extraction takes for no space (weasyprint_cjk.SPACE_GAP_EM): left short by rule, as a line
    of words whose spaces would open wider than half an em is. A URL broken anywhere (its
    letters' gaps, most of them at the limit), or a line of Chinese before a group too long to
    follow it (a 10-digit document number: every gap at the limit, nothing left to spread)."""
    if spaces or len(chars) < 2:
        return False
    gaps = sorted(b["x0"] - a["x1"] for a, b in pairwise(chars))
    # Chinese: every gap (a line spread only in part has room left); Latin: the median (kerned
    # pairs keep a little less).
    chinese = any(c["text"] > "\u2e80" for c in chars)
    return gaps[0 if chinese else len(gaps) // 2] >= 0.9 * SPACE_GAP_EM * size


def has_compressed_pair(text: str) -> bool:
    return any(pair_compressed(a, b) is not None for a, b in pairwise(text))


# ---------------------------------------------------------------- the text layer


def reference_text(markdown: str) -> str:
    """The text a reader sees, from the Markdown intermediate: the title block, then the body as
    pandoc's plain writer gives it (markup, escapes and attributes gone)."""
    from . import frontmatter
    from .render.pandoc import convert

    meta, body = frontmatter.read(markdown), frontmatter.split(markdown)[1]
    head = "\n".join(str(meta[k]) for k in ("title", "subtitle") if meta.get(k))
    plain = convert(_dashes_marked(body), "plain", args=["--wrap=none"])
    text = head + "\n" + "\n".join(line for line in plain.split("\n") if not _RULE.match(line))
    text = text.replace(_TEXT_MARK, "")
    return text.replace(SOFT_HYPHEN, "")  # not set in the PDF (render/breaks.py)


# A run of dashes that is text, not a rule: escaped in a paragraph (`\---`) or a line of a
# fenced code block. The plain writer gives it as a rule's line; marked, the filter below
# leaves it to the text the PDF sets.
_TEXT_MARK = "\u2063"
_ESCAPED_DASHES = re.compile(r"^([ \t]*)\\(-{2,}[ \t]*)$")


def _dashes_marked(body: str) -> str:
    from .page import code_block_lines

    lines = body.split("\n")
    code = set(code_block_lines(lines))
    for index, line in enumerate(lines):
        if index in code:
            if _DASH_LINE.match(line):
                lines[index] = _TEXT_MARK + line
        else:
            lines[index] = _ESCAPED_DASHES.sub(lambda m: m.group(1) + _TEXT_MARK + m.group(2), line)
    return "\n".join(lines)


# The plain writer's rules: a table's (`  ---- ----`, a grid's `+----+----+`) and a horizontal
# rule's. The PDF draws them as lines, not text; a dash in a line of text stays.
_RULE = re.compile(r"^[ \t]*(?:-{2,}(?:[ \t]+-{2,})*|\+[-=:+]+\+)[ \t]*$")
_DASH_LINE = re.compile(r"^[ \t]*-{2,}(?:[ \t]+-{2,})*[ \t]*$")


def _letters_and_spaces(text: str) -> tuple[str, set[int]]:
    """The characters without white space, and the positions a space inside a line precedes
    (a line end is not a space: lines break anywhere)."""
    letters: list[str] = []
    spaces: set[int] = set()
    for line in text.splitlines():
        pending = False
        for ch in line.strip():
            if ch.isspace():
                pending = True
                continue
            if pending:
                spaces.add(len(letters))
                pending = False
            letters.append(ch)
    return "".join(letters), spaces


_DASHES = re.compile(r"[ \t]*-+")
_LINE_END_HYPHEN = re.compile(r"-[ \t]*\n\s*")
# Variation selectors (⚠️ is ⚠ and VS16) choose a glyph's form; they are no character of the
# text. The face draws the form it has, and the PDF's text layer holds the character alone.
_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


# Right-to-left text (Arabic, Hebrew) in a Chinese page: extraction tools give it in their own
# order, not the source's. pdfplumber reads glyphs left to right (visual order, each run
# reversed), pdftotext reorders by the bidi algorithm, wraps a run in embedding controls and
# moves a quote next to it; a lam-alef ligature's letters come out swapped, presentation forms
# instead of letters. So such a run (with the quotes and spaces around and inside it) is
# compared by its letters, not their order.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_PRESENTATION_FORMS = re.compile("[\ufb1d-\ufdff\ufe70-\ufeff]")
_AROUND_RTL = "\\s“”‘’\"'«»()（）"
_RTL_RUN = re.compile(f"[{_AROUND_RTL}]*[{RTL_RANGES}][{RTL_RANGES}{_AROUND_RTL}]*")


def _rtl_runs_unordered(text: str) -> str:
    """text with each right-to-left run replaced by its characters in code-point order."""
    if not re.search(f"[{RTL_RANGES}]", text):
        return text
    text = _BIDI_CONTROLS.sub("", text)
    text = _PRESENTATION_FORMS.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    return _RTL_RUN.sub(lambda m: "".join(sorted(re.sub(r"\s", "", m.group()))), text)


# The hyphen the PDF sets where a line ends inside a Latin word (never the source's
# hyphen-minus): the typesetter's, no character of the text.
_SYLLABLE_HYPHEN = re.compile(f"(?<=[A-Za-z]){SYLLABLE_HYPHEN}[ \\t]*\\n\\s*(?=[A-Za-z])")


def compare_text(extracted: str, reference: str, dehyphenated: bool = False) -> str | None:
    """None when the extracted text is the reference (line breaks aside); else what differs.

    dehyphenated: the extraction drops a hyphen that ends a line and joins the next line to it
    (pdftotext takes it for a word broken by hyphenation: `913' ---` ending a paragraph comes
    out as `913' --Docker`, the next paragraph's first word), so hyphens are compared
    nowhere, nor a space the extraction puts before them."""
    extracted, reference = _SELECTORS.sub("", extracted), _SELECTORS.sub("", reference)
    extracted, reference = _rtl_runs_unordered(extracted), _rtl_runs_unordered(reference)
    extracted = _SYLLABLE_HYPHEN.sub("", extracted)
    if dehyphenated:
        # As pdftotext joins a line ending in a hyphen to the next (the next paragraph too),
        # keeping the space before it: `- 12 -` above `附件一` comes out as `- 12 附件一`.
        reference = _LINE_END_HYPHEN.sub("", reference)
        extracted, reference = _DASHES.sub("", extracted), reference.replace("-", "")
    got, got_spaces = _letters_and_spaces(extracted)
    want, want_spaces = _letters_and_spaces(reference)
    if got != want:
        at = next(
            (i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        return f"differs at {at}: PDF {got[max(0, at - 8) : at + 8]!r}, source {want[max(0, at - 8) : at + 8]!r}"
    inserted = sorted(got_spaces - want_spaces)
    if inserted:
        at = inserted[0]
        return f"{len(inserted)} inserted space(s), first: {got[max(0, at - 6) : at]!r} {got[at : at + 6]!r}"
    return None


def missing_characters(extracted: str, reference: str) -> list[str]:
    """Characters of the reference the extracted text lacks (as a multiset; white space aside)."""
    from collections import Counter

    want = Counter(re.sub(r"\s", "", _SELECTORS.sub("", reference)))
    got = Counter(re.sub(r"\s", "", extracted))
    return sorted((want - got).elements())


def less_line_end_hyphens(lost: list[str], lines_text: str) -> list[str]:
    """lost less the hyphens that end lines of lines_text (a text that keeps them, pdfplumber's):
    pdftotext joins such a line to the next and drops its hyphen."""
    dropped = sum(1 for line in lines_text.splitlines() if line.rstrip().endswith("-"))
    kept = []
    for ch in lost:
        if ch == "-" and dropped:
            dropped -= 1
        else:
            kept.append(ch)
    return kept


# pdfplumber places a character's top from its face's descent, so a glyph of another face on
# the same baseline (an emoji from the symbols face) sits up to ~4 pt off its neighbours: lines
# are told apart at 6 pt (a line pitch is 20 pt or more).
PDFPLUMBER_Y_TOLERANCE_PT = 6


# A page of the text area as bands from top to bottom: text read line by line, and tables read
# cell by cell. A table whose cells wrap cannot be read line by line in the source's order (a
# line of the PDF crosses every cell of its row), so its text is taken per cell, in rows, as the
# plain writer gives the source's table.
@dataclass(frozen=True)
class Band:
    page: int  # from 0 (-1: every page)
    top: float
    bottom: float
    table: str | None  # a table's text, cell by cell; None: a band of running text


def text_bands(pdf, text_bottom: float) -> list[Band]:
    bands: list[Band] = []
    header: list | None = None  # the first row of a table that ran to the end of its page
    for number, page in enumerate(pdf.pages):
        bottom = min(text_bottom, float(page.height))
        area = page.crop((0, 0, page.width, bottom))
        top = 0.0
        tables = sorted(area.find_tables(), key=lambda t: t.bbox[1])
        for index, table in enumerate(tables):
            _, table_top, _, table_bottom = table.bbox
            bands.append(Band(number, top, table_top, None))
            rows = table.extract()
            if index == 0 and header is not None and rows and rows[0] == header:
                # A table broken across pages repeats its header row at the top of the next.
                rows = rows[1:] if not area.crop((0, 0, page.width, table_top)).chars else rows
            # A cell of dashes alone: the reference (pandoc's plain writer) cannot tell it from a
            # table's rule, and drops it; so is it here.
            cells = [cell or "" for row in rows for cell in row if not _DASH_LINE.match(cell or "")]
            bands.append(Band(number, table_top, table_bottom, "\n".join(cells)))
            top = table_bottom
        last = tables[-1] if tables else None
        runs_on = last is not None and not area.crop((0, last.bbox[3], page.width, bottom)).chars
        header = (last.extract() or [None])[0] if runs_on and last is not None else None
        bands.append(Band(number, top, bottom, None))
    return bands


def pdfplumber_text(pdf, bands: list[Band]) -> str:
    """Text of every page's text area, as pdfplumber extracts it."""
    parts = []
    for band in bands:
        if band.table is not None:
            parts.append(band.table)
        elif band.bottom > band.top:
            page = pdf.pages[band.page]
            crop = page.crop((0, band.top, page.width, band.bottom))
            parts.append(crop.extract_text(y_tolerance=PDFPLUMBER_Y_TOLERANCE_PT) or "")
    return "\n".join(parts)


def pdftotext_text(path: Path, bands: list[Band] | None = None) -> str | None:
    """Text of the text areas as poppler's pdftotext extracts it (None without poppler); its
    tables as pdfplumber reads them, cell by cell. No bands: every page whole."""
    tool = shutil.which("pdftotext")
    if not tool:
        return None
    if bands is None:
        whole = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, timeout=120)
        return whole.stdout.replace("\f", "\n") if whole.returncode == 0 else None
    if all(band.table is None for band in bands):  # no table: one run over every page
        bottom = max((band.bottom for band in bands), default=0.0)
        bands = [Band(-1, 0.0, bottom, None)]
    parts = []
    for band in bands:
        if band.table is not None:
            parts.append(band.table)
            continue
        if band.bottom <= band.top:
            continue
        pages = ["-f", str(band.page + 1), "-l", str(band.page + 1)] if band.page >= 0 else []
        top = int(band.top)
        height = str(int(band.bottom + 0.999) - top)
        result = subprocess.run(
            [tool, *pages, "-x", "0", "-y", str(top), "-W", "10000", "-H", height,
             str(path), "-"],
            capture_output=True,
            text=True,
            timeout=120,
        )  # fmt: skip
        if result.returncode != 0:
            return None
        parts.append(result.stdout.replace("\f", "\n"))
    return "\n".join(parts)
