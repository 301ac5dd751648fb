"""`publish check`: measure a PDF or DOCX against its style.

PDF: what is on the pages, read back with pdfplumber (page size, margins, type sizes, characters
per line, lines per page, line pitch, page-number form and position). DOCX: what its styles and
section say, read with python-docx. Every measure has a tolerance; any miss fails the check.
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from . import check_lines
from .check_lines import word_spaces
from .fonts import missing_marked, one_glyph_characters
from .render.compression import marks
from .render.coverage import TRADITIONAL_TWINS
from .styles import Style, indent_pt, letter_spacing_pt

PT_PER_MM = 72 / 25.4
MM_TOLERANCE = 1.0
SIZE_TOLERANCE_PT = 0.5
MIN_LINES_TO_COUNT = 3  # full lines of Chinese needed to count the characters of a full line


@dataclass(frozen=True)
class Measure:
    name: str
    expected: str
    measured: str
    ok: bool


def _mm(points: float) -> str:
    return f"{points / PT_PER_MM:.1f} mm"


def _near_mm(measured_pt: float, expected_mm: float) -> bool:
    return abs(measured_pt / PT_PER_MM - expected_mm) <= MM_TOLERANCE


# Marks drawn in the left half of their cell (compression.toml's closing marks and stops).
_LEFT_HALF_MARKS = frozenset(ch for ch, kind in marks().items() if kind in ("closing", "stop"))
# ... except the stops of traditional script's faces (the twins of render/coverage.py), which
# centre them: set half width, such a stop is drawn a quarter cell left of its half cell.
_CENTRED_STOPS = frozenset(ch for ch, kind in marks().items() if kind == "stop")
_TRADITIONAL_FACE = re.compile(
    "|".join(f"{re.escape(twin.strip())}(?:-|$)" for _, twin in TRADITIONAL_TWINS)
)


def _half_cell_end(char) -> float:
    """Where a mark set half width ends its cell: its box's middle, or three quarters of it for
    a centred stop."""
    face = str(char.get("fontname", "")).split("+")[-1]
    centred = char["text"] in _CENTRED_STOPS and _TRADITIONAL_FACE.search(face) is not None
    return char["x0"] + char["size"] * (0.75 if centred else 0.5)


@dataclass
class _Line:
    page: int
    top: float
    chars: list

    @property
    def x0(self) -> float:
        return min(c["x0"] for c in self.chars)

    @property
    def x1(self) -> float:
        """Where the line's last cell ends. A closing mark or stop that ends a line half width
        (compressed against an opening mark that went to the next line) keeps its full-width
        advance in the PDF's font widths; its cell ends at its middle."""
        last = max(self.chars, key=lambda c: c["x1"])
        if self.half_width_end and last["text"] in _LEFT_HALF_MARKS:
            return _half_cell_end(last)
        return last["x1"]

    half_width_end: bool = False

    @property
    def size(self) -> float:
        return statistics.mode(round(c["size"], 1) for c in self.chars)

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in sorted(self.chars, key=lambda c: c["x0"]))


def _lines(page, number: int) -> list[_Line]:
    """The page's characters grouped into lines by baseline (a run-in heading in another face
    sits a fraction of a point off its paragraph's baseline, so nearby baselines join). The
    baseline, not the bottom of the character's box: a fallback face (an emoji's) declares
    another descent, and its box ends points lower on the same baseline."""
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: _baseline(page, c))
    rows: list[list] = []
    for char in chars:
        if rows and _baseline(page, char) - _baseline(page, rows[-1][0]) < 4:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [_Line(number, min(_em_top(page, c) for c in row), row) for row in rows]


# The top of a Chinese character's em box above its baseline (the ideographic em box runs from
# -0.12 to 0.88 em): where a line's characters start, whatever ascent the face declares.
EM_BOX_TOP = 0.88


def _baseline(page, char) -> float:
    matrix = char.get("matrix")
    return float(page.height) - matrix[5] if matrix else char["bottom"]


def _em_top(page, char) -> float:
    matrix = char.get("matrix")
    if not matrix:
        return char["top"]
    return float(page.height) - matrix[5] - EM_BOX_TOP * char["size"]


def _opens_half_width(line: _Line, size: float) -> bool:
    """Whether a line starts with an opening mark set half width (the next character starts
    less than a cell after it)."""
    first, *rest = sorted(line.chars, key=lambda c: c["x0"])
    if marks().get(first["text"]) != "opening" or not rest:
        return False
    return rest[0]["x0"] - first["x0"] < 0.75 * size


def check_pdf(path: Path, style: Style) -> list[Measure]:
    import pdfplumber

    page_def, text = style.page, style.text
    size, pitch = text.size_pt, text.line_pitch_pt
    measures: list[Measure] = []

    def add(name: str, expected: str, measured: str, ok: bool) -> None:
        measures.append(Measure(name, expected, measured, ok))

    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        width, height = float(pages[0].width), float(pages[0].height)
        add(
            "page size",
            f"{page_def.width_mm} x {page_def.height_mm} mm",
            f"{width / PT_PER_MM:.1f} x {height / PT_PER_MM:.1f} mm",
            _near_mm(width, page_def.width_mm) and _near_mm(height, page_def.height_mm),
        )
        text_bottom = height - page_def.margin_bottom_mm * PT_PER_MM
        left = page_def.margin_left_mm * PT_PER_MM
        right = width - page_def.margin_right_mm * PT_PER_MM
        all_lines = [line for n, page in enumerate(pages, 1) for line in _lines(page, n)]
        for line in all_lines:  # a line ending in a half-width mark overruns by half a cell
            line.half_width_end = line.x1 > right + 0.2 * size  # (a quarter: a centred stop)
        # Tables: their cells' lines are set inside the cells' padding and borders, off the
        # text block's edges and the line grid, which are measured on the running text alone.
        bands = check_lines.text_bands(pdf, text_bottom)
        tables = [(b.page + 1, b.top - 1, b.bottom + 1) for b in bands if b.table is not None]
        with_tables = {n for n, _, _ in tables}

        def in_table(line: _Line) -> bool:
            return any(line.page == n and top <= line.top <= bottom for n, top, bottom in tables)

        body = [
            ln
            for ln in all_lines
            if ln.top < text_bottom
            and abs(ln.size - size) <= SIZE_TOLERANCE_PT
            and not in_table(ln)
        ]
        footers = [ln for ln in all_lines if ln.top >= text_bottom]
        if not body:
            add("body text", f"{size} pt", "none found", False)
            return measures

        sizes = [round(c["size"], 1) for ln in body for c in ln.chars]
        body_size = statistics.mode(sizes)
        add(
            "body size", f"{size} pt", f"{body_size} pt", abs(body_size - size) <= SIZE_TOLERANCE_PT
        )

        first_page = [ln for ln in all_lines if ln.page == 1 and ln.top < text_bottom]
        # The title: the leading lines in the title's size (headings may be large too).
        title_lines = list(
            itertools.takewhile(
                lambda ln: abs(ln.size - style.title.size_pt) <= SIZE_TOLERANCE_PT, first_page[:8]
            )
        )
        if not title_lines:  # a title in another size is still found, and its size reported
            title_lines = [ln for ln in first_page[:1] if ln.size > size + SIZE_TOLERANCE_PT]
        title_size = style.title.size_pt
        if title_lines:
            measured = title_lines[0].size
            centred = all(
                abs((ln.x0 - left) - (right - ln.x1)) <= 2 * PT_PER_MM for ln in title_lines
            )
            add(
                "title size",
                f"{title_size} pt",
                f"{measured} pt",
                abs(measured - title_size) <= SIZE_TOLERANCE_PT,
            )
            add("title centred", "yes", "yes" if centred else "no", centred)
            _title_breaks(add, [ln.text for ln in title_lines], _source_title(path))
        else:
            add("title size", f"{title_size} pt", "no title found", False)

        # Margins: where the text block's edges are. A text of one-line paragraphs (a poem, a
        # list) has every line at the first-line indent: its edge is an indent further left.
        # A line that starts with an opening mark set half width (`（“`: the pair compressed)
        # has that mark's box start half a cell before the margin, its ink at the margin.
        edge_lines = [ln for ln in body if not _opens_half_width(ln, size)] or body
        measured_left = min(ln.x0 for ln in edge_lines)
        if abs(measured_left - indent_pt(style) - left) <= MM_TOLERANCE * PT_PER_MM:
            measured_left -= indent_pt(style)
        add(
            "left margin",
            f"{page_def.margin_left_mm} mm",
            _mm(measured_left),
            _near_mm(measured_left, page_def.margin_left_mm),
        )
        # Full lines: from the left edge to the right margin (within 2 pt; a line holding Latin
        # letters or digits ends short, since CJK text is not stretched to justify).
        full = [ln for ln in body if ln.x1 >= right - 2 and abs(ln.x0 - measured_left) < 1]
        if full:
            measured_right = width - max(ln.x1 for ln in full)
            add(
                "right margin",
                f"{page_def.margin_right_mm} mm",
                _mm(measured_right),
                _near_mm(measured_right, page_def.margin_right_mm),
            )
        half_leading = (pitch - size) / 2
        # Where each page's line grid starts: every line's top moved back by whole pitches to
        # the first slot; the median ignores a heading whose face sits a little lower.
        origins = []
        for n in range(2, len(pages) + 1):
            if n in with_tables:  # a table's rows are off the grid: the lines after them too
                continue
            tops = [ln.top for ln in body if ln.page == n]
            if tops:
                first = min(tops)
                origin = statistics.median(t - round((t - first) / pitch) * pitch for t in tops)
                # A heading above the page's first body line holds the slots above it; a box
                # (the withheld-text note) holds whole slots from its top edge, its line inside
                # it set off the grid by its padding.
                above = [ln.top for ln in all_lines if ln.page == n and ln.top < first - pitch / 2]
                boxes = [
                    r["top"]
                    for r in pages[n - 1].rects
                    if r["top"] < first - pitch / 2 and r["bottom"] - r["top"] > pitch / 2
                ]
                if boxes and min(boxes) < min(above, default=first):
                    origin -= round((origin - half_leading - min(boxes)) / pitch) * pitch
                elif above:
                    origin -= round((origin - min(above)) / pitch) * pitch
                origins.append(origin)
        if origins:  # pages after the first start at the top of the text area
            measured_top = statistics.median(origins) - half_leading
            add(
                "top margin",
                f"{page_def.margin_top_mm} mm",
                _mm(measured_top),
                _near_mm(measured_top, page_def.margin_top_mm),
            )

        # The grid: line pitch, lines per full page, characters per full line.
        gaps = [  # from a line to the next (two pitches apart is a line between them)
            b.top - a.top
            for a, b in pairwise(body)
            if a.page == b.page and 0 < b.top - a.top < 1.5 * pitch
        ]
        if gaps:
            measured_pitch = statistics.median(gaps)
            add(
                "line pitch",
                f"{pitch} pt",
                f"{measured_pitch:.2f} pt",
                abs(measured_pitch - pitch) <= 0.2,
            )
        expected_lines = int(
            (height - (page_def.margin_top_mm + page_def.margin_bottom_mm) * PT_PER_MM + 0.5)
            // pitch
        )
        per_page = []  # grid lines used: from the first line's slot to the last line's
        for n in range(1, len(pages) + 1):
            tops = [
                ln.top
                for ln in all_lines
                if ln.page == n and ln.top < text_bottom and not in_table(ln)
            ]
            per_page.append(round((max(tops) - min(tops)) / pitch) + 1 if tops else 0)
        # A page holding a table is no full page of text (a row is never split: it may end
        # early, and the table's rows are off the grid): such pages are not counted.
        if len(per_page) > 1 and any(n not in with_tables for n in range(1, len(pages))):
            # only a page the text runs on from is full
            # A page before one that starts with a heading may end a line or two early: the
            # heading is kept with the first lines of its text (page-break-after: avoid).
            # The page before the last may end up to four lines early when the signature (a
            # blank line, the signature, its date) goes over with the text's last line.
            body_font = statistics.mode(c["fontname"] for ln in body for c in ln.chars)
            before_signature = len(pages) > 1 and _leads_to_signature(
                all_lines, len(pages), left, right, size
            )
            before_heading = [
                _starts_with_heading(all_lines, n + 1, text_bottom, body_font, size)
                or (n + 1 == len(pages) and before_signature)
                for n in range(1, len(pages))
            ]
            runs_on = [
                count
                for n, (count, held) in enumerate(
                    zip(per_page[:-1], before_heading, strict=True), 1
                )
                if not held and n not in with_tables
            ]
            candidates = [c for n, c in enumerate(per_page[:-1], 1) if n not in with_tables]
            fullest = max(runs_on or candidates)
            # (a table page's span from its first line to its last holds rows off the grid)
            text_pages = [c for n, c in enumerate(per_page, 1) if n not in with_tables]
            least = expected_lines if runs_on else expected_lines - (4 if before_signature else 2)
            add(
                "lines on a full page",
                str(expected_lines),
                str(fullest),
                least <= fullest <= expected_lines and max(text_pages) <= expected_lines,
            )
        elif len(per_page) == 1 and 1 not in with_tables:
            add(
                "lines on a page",
                f"at most {expected_lines}",
                str(per_page[0]),
                per_page[0] <= expected_lines,
            )
        wanted = text.chars_per_line
        # Counted on full lines of Chinese characters only: Latin letters and digits are narrower.
        # A line that ends early before a Latin word is spread over the measure with fewer
        # characters, so a count needs a few lines to take the usual one from.
        # A line with a space in it (a page that letter-spaced its text) is not counted either.
        cjk_full = [
            len(ln.chars)
            for ln in full
            if all(c["text"] > "\u2e80" for c in ln.chars)
            and not word_spaces(sorted(ln.chars, key=lambda c: c["x0"]), size)
        ]
        if wanted and len(cjk_full) >= MIN_LINES_TO_COUNT:
            measured = statistics.mode(cjk_full)
            add(
                "characters on a full line", str(wanted), str(measured), abs(measured - wanted) <= 1
            )

        _typesetting_measures(
            add, path, pdf, all_lines, body, left, right, text_bottom, style, bands
        )

        # Page numbers: form, size, outside edge, distance below the text area.
        form = page_def.page_number_format.replace(" ", "")
        numbers_ok, position_ok, sizes_ok, gap_ok = True, True, True, True
        gaps_seen: list[float] = []
        gap_mm = page_def.page_number_gap_mm
        number_size = page_def.page_number_size_pt
        seen = []
        for n in range(1, len(pages) + 1):
            mine = [ln for ln in footers if ln.page == n]
            label = "".join(ln.text for ln in mine).replace(" ", "")
            seen.append(label)
            numbers_ok &= label == form.replace("{n}", str(n))
            if not mine:
                continue
            line = mine[0]
            sizes_ok &= abs(line.size - number_size) <= SIZE_TOLERANCE_PT
            gaps_seen.append((line.top - text_bottom) / PT_PER_MM)
            gap_ok &= abs(gaps_seen[-1] - gap_mm) <= MM_TOLERANCE
            inset = number_size  # one character in from the outside edge
            if n % 2:
                position_ok &= abs(line.x1 - (right - inset)) <= MM_TOLERANCE * PT_PER_MM
            else:
                position_ok &= abs(line.x0 - (left + inset)) <= MM_TOLERANCE * PT_PER_MM
        add(
            "page numbers",
            page_def.page_number_format.replace("{n}", "N"),
            ", ".join(seen[:4]) + ("…" if len(seen) > 4 else ""),
            numbers_ok,
        )
        add("page number size", f"{number_size} pt", "ok" if sizes_ok else "differs", sizes_ok)
        add(
            "page number side",
            "odd right, even left, one character in",
            "ok" if position_ok else "differs",
            position_ok,
        )
        spread = f"{min(gaps_seen):.1f}–{max(gaps_seen):.1f} mm" if gaps_seen else "none"
        add("page number below text", f"{gap_mm} mm", spread, gap_ok)
    return measures


def _starts_with_heading(lines, page: int, text_bottom: float, body_font: str, size: float) -> bool:
    """Whether the page's first line is a heading: another face or size than the body's."""
    first = next((ln for ln in lines if ln.page == page and ln.top < text_bottom), None)
    if first is None:
        return False
    font = statistics.mode(c["fontname"] for c in first.chars)
    return font != body_font or abs(first.size - size) > SIZE_TOLERANCE_PT


def _leads_to_signature(lines, page: int, left: float, right: float, size: float) -> bool:
    """Whether one of the page's first three lines is set apart from both margins, starting
    four cells in or more and ending a cell or more short of the right margin (a signature or
    its date, kept with the line before it)."""
    first = [ln for ln in lines if ln.page == page and ln.chars][:3]
    return any(
        min(c["x0"] for c in ln.chars) >= left + 4 * size
        and max(c["x1"] for c in ln.chars) <= right - size
        for ln in first
    )


def _source_title(pdf: Path) -> str:
    """The title in the front matter of the Markdown intermediate beside the PDF ("" if none)."""
    from . import frontmatter

    markdown = pdf.with_suffix(".md")
    if not markdown.is_file():
        return ""
    return str(frontmatter.read(markdown.read_text("utf-8")).get("title", ""))


def _title_breaks(add, lines: list[str], source: str = "") -> None:
    """A title on several lines is broken only where title_lines allows it (a space of the
    title, which the PDF's lines do not show, is a break of its own)."""
    from .title_lines import MIN_LINE, allowed_break, break_points

    if len(lines) < 2:
        return
    title = "".join(lines)
    spaced = set()  # positions in title where the source title has a space
    if source.replace(" ", "") == title:
        position = 0
        for ch in source:
            if ch == " ":
                spaced.add(position)
            else:
                position += 1
    bad = [
        f"{title[max(0, p - 3) : p]}|{title[p : p + 3]}"
        for p in break_points(lines)
        if p not in spaced and not allowed_break(title, p)
    ]
    bad += [f"{line!r} alone" for line in lines if len(line) < MIN_LINE]
    add(
        "title break points",
        "by meaning",
        " / ".join(bad) or " | ".join(lines),
        not bad,
    )


def _typesetting_measures(
    add, path, pdf, all_lines, body, left, right, text_bottom, style, bands
) -> None:
    """Justified lines, compressed punctuation, line-breaking rules, full first lines, and
    (when the Markdown intermediate is beside the PDF) the text layer."""
    text = style.text
    size = text.size_pt
    # Ours (weasyprint) is held to the full measure; another maker's PDF of our DOCX (a word
    # processor's) to what a word processor does: lines end within a tenth of a character,
    # and every character is there (word processors space Latin text off Chinese).
    ours = "weasyprint" in str((pdf.metadata or {}).get("Producer", "")).lower()
    tolerance = check_lines.SHORT_TOLERANCE_PT if ours else 0.1 * size
    in_text = [ln for ln in all_lines if ln.top < text_bottom]
    found = check_lines.line_findings(
        in_text, body, left, right, size, text.indent_chars, tolerance, ours
    )

    def listed(items: list[str]) -> str:
        return f"{len(items)}" + (f" ({items[0]})" if items else "")

    if text.justify:
        add("short lines", f"0 of {found.lines}", listed(found.short), not found.short)
    if ours:  # word processors compress only the marks they take for Chinese (not “”)
        add("punctuation holes", "0", listed(found.holes), not found.holes)
    add("forbidden line starts/ends", "0", listed(found.forbidden), not found.forbidden)
    if ours:  # a word processor's own line breaking is not ours to hold to it
        add("paragraphs ending on one character", "0", listed(found.lone), not found.lone)
    wanted = text.chars_per_line
    indent = text.indent_chars
    if found.indents:
        cells = statistics.median(found.indents) / (size + letter_spacing_pt(style))
        add(
            "first-line indent", f"{indent} cells", f"{cells:.2f} cells", abs(cells - indent) < 0.02
        )
    if wanted and len(found.first_lines) >= 5:  # a line may hold one less: 避头尾 moves a pair
        measured = statistics.mode(found.first_lines)
        add(
            "characters on a full first line",
            str(wanted - indent),
            str(measured),
            measured == wanted - indent,
        )
    markdown = path.with_suffix(".md")
    if markdown.is_file():
        reference = check_lines.reference_text(markdown.read_text("utf-8"))
        extracted = {"pdfplumber": check_lines.pdfplumber_text(pdf, bands)}
        poppler = check_lines.pdftotext_text(path, bands)
        if poppler is not None:
            extracted["pdftotext"] = poppler
        faces = [f for f in style.fonts.values() if f]
        reference = missing_marked(reference, faces)  # as the PDF sets them: 〓
        # Characters a face draws with one glyph can only come out as one of them.
        one_glyph = str.maketrans(one_glyph_characters(reference, faces))
        for tool, got in extracted.items():
            if ours:
                problem = check_lines.compare_text(
                    got.translate(one_glyph), reference.translate(one_glyph), tool == "pdftotext"
                )
                add(
                    f"text layer ({tool})",
                    "the Markdown's text",
                    problem or "identical",
                    not problem,
                )
            else:
                lost = check_lines.missing_characters(got, reference)
                if tool == "pdftotext":  # it joins a line ending in a hyphen, dropping it
                    lost = check_lines.less_line_end_hyphens(lost, extracted["pdfplumber"])
                add(f"characters lost ({tool})", "0", f"{len(lost)} {''.join(lost[:20])}", not lost)


def _docx_language(document) -> str:
    """The document's East Asian language (styles.xml's defaults), or ""."""
    from docx.oxml.ns import qn

    found = document.styles.element.find(f"{qn('w:docDefaults')}//{qn('w:lang')}")
    return (found.get(qn("w:eastAsia")) or "") if found is not None else ""


def check_docx(path: Path, style: Style) -> list[Measure]:
    from docx import Document as open_docx
    from docx.oxml.ns import qn

    from .render.coverage import script_style

    document = open_docx(str(path))
    style = script_style(style, _docx_language(document))  # a traditional text's faces
    page_def, text = style.page, style.text
    measures: list[Measure] = []

    def add(name: str, expected, measured, ok: bool) -> None:
        measures.append(Measure(name, str(expected), str(measured), ok))

    section = document.sections[0]
    for name, attr, key in (
        ("page width", "page_width", "width_mm"),
        ("page height", "page_height", "height_mm"),
        ("top margin", "top_margin", "margin_top_mm"),
        ("bottom margin", "bottom_margin", "margin_bottom_mm"),
        ("left margin", "left_margin", "margin_left_mm"),
        ("right margin", "right_margin", "margin_right_mm"),
    ):
        value = getattr(section, attr).mm
        add(
            name,
            f"{getattr(page_def, key)} mm",
            f"{value:.1f} mm",
            abs(value - getattr(page_def, key)) <= MM_TOLERANCE,
        )

    def east_asian(style_obj) -> str | None:
        fonts = (
            style_obj.element.rPr.find(qn("w:rFonts"))
            if style_obj.element.rPr is not None
            else None
        )
        return fonts.get(qn("w:eastAsia")) if fonts is not None else None

    def role_face(role: str, measured: str | None) -> tuple[str, bool]:
        """The role's face, or another face of its list (a document whose text the role's
        face does not cover takes one that covers it: render/coverage.py)."""
        expected = style.font(role).family
        families = {entry.split(":")[0] for entry in style.families(role)}  # less ":bold"
        return expected, measured == expected or measured in families

    body = document.styles["Body Text"]
    add(
        "body size",
        f"{text.size_pt} pt",
        f"{body.font.size.pt} pt",
        body.font.size.pt == text.size_pt,
    )
    expected_font, ok = role_face("body", east_asian(body))
    add("body East Asian font", expected_font, east_asian(body), ok)
    spacing = body.paragraph_format.line_spacing
    exact = spacing is not None and abs(spacing.pt - text.line_pitch_pt) <= 0.05
    add(
        "line pitch (exact)",
        f"{text.line_pitch_pt} pt",
        f"{spacing.pt if spacing else None} pt",
        exact,
    )
    ind = body.element.pPr.find(qn("w:ind"))
    chars = ind.get(qn("w:firstLineChars")) if ind is not None else None
    twips = ind.get(qn("w:firstLine")) if ind is not None else None
    cell = indent_pt(style) / text.indent_chars
    if chars:  # in characters of the body size
        measured, ok = f"{int(chars) / 100:g} characters", chars == str(text.indent_chars * 100)
    elif twips:  # in cells of the grid
        cells = int(twips) / 20 / cell
        measured, ok = f"{cells:.2f} cells", abs(cells - text.indent_chars) < 0.01
    else:
        measured, ok = "none", False
    add("first-line indent", f"{text.indent_chars} characters", measured, ok)
    title = document.styles["Title"]
    add(
        "title size",
        f"{style.title.size_pt} pt",
        f"{title.font.size.pt} pt",
        title.font.size.pt == style.title.size_pt,
    )
    for level, look in enumerate(style.heading_levels[:4], 1):
        heading = document.styles[f"Heading {level}"]
        font, face_ok = role_face(look.font, east_asian(heading))
        ok = heading.font.size.pt == look.size_pt and face_ok
        add(
            f"heading {level}",
            f"{look.size_pt} pt {font}",
            f"{heading.font.size.pt} pt {east_asian(heading)}",
            ok,
        )
    odd_even = document.settings.odd_and_even_pages_header_footer
    footers = [section.footer, section.even_page_footer]
    fields = all(f._element.xpath(".//w:fldSimple[contains(@w:instr, 'PAGE')]") for f in footers)
    form = page_def.page_number_format.replace("{n}", "")
    texts = ["".join(t.text or "" for t in f._element.iter(qn("w:t"))) for f in footers]
    form_ok = all(t.replace("1", "") == form for t in texts)
    add(
        "page numbers",
        page_def.page_number_format.replace("{n}", "PAGE"),
        f"odd/even {'on' if odd_even else 'off'}, PAGE field {'yes' if fields else 'no'}",
        bool(odd_even and fields and form_ok),
    )
    return measures


def check_docx_layout(path: Path, style: Style) -> list[Measure]:
    """The DOCX as a word processor lays it out: LibreOffice's PDF of it, measured like a PDF
    (characters lost against the Markdown beside the DOCX, characters a line, short lines,
    line-breaking rules, page numbers). Raises office.OfficeError when LibreOffice cannot."""
    import shutil
    import tempfile

    from .office import office_pdf

    with tempfile.TemporaryDirectory(prefix="publish-check-") as tmp:
        outdir = Path(tmp)
        pdf = office_pdf(path, outdir)
        markdown = path.with_suffix(".md")
        if markdown.is_file():  # the text reference, found beside the PDF
            shutil.copyfile(markdown, pdf.with_suffix(".md"))
        measures = check_pdf(pdf, style)
    return [
        Measure(f"LibreOffice: {m.name}", m.expected, m.measured, m.ok)
        for m in measures
        if m.name != "page size"  # the DOCX's own page size is measured above
    ]
