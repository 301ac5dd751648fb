"""The DOCX reference document pandoc styles its output with, built from a style by python-docx.

Starts from pandoc's own reference.docx (so every style pandoc uses exists) and sets, from the
style definition: page size and margins, fonts per role with the East Asian font really set
(w:eastAsia; theme fonts removed, or Word would ignore it), exact line pitch, first-line indent
in characters, heading outline levels, the note and signature styles, and a `— N —` page
number footer that alternates sides on odd and even pages.
"""

from __future__ import annotations

import io
import math
import subprocess
from functools import cache

from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..marks import ADDRESSEE, ATTACHMENTS, BYLINE, DOCX_STYLES, SIGNATURE, WITHHELD
from ..styles import Style, indent_pt, text_width_pt
from .pandoc import pandoc_path

FOOTER_LINE_FACTOR = 1.075
BODY_STYLES = ("Normal", "Body Text", "First Paragraph", "Compact", "Block Text")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# w:pPr children must appear in this order (ECMA-376 CT_PPrBase), or Word calls the file corrupt.
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
    "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
    "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
    "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
    "rPr sectPr pPrChange"
).split()


def put_ppr_child(ppr, element) -> None:
    """Insert (or replace) a w:pPr child at its schema position."""
    tag = element.tag.split("}")[1]
    for old in ppr.findall(qn(f"w:{tag}")):
        ppr.remove(old)
    successors = [qn(f"w:{name}") for name in PPR_ORDER[PPR_ORDER.index(tag) + 1 :]]
    for index, child in enumerate(ppr):
        if child.tag in successors:
            ppr.insert(index, element)
            return
    ppr.append(element)


@cache
def pandoc_reference() -> bytes:
    return subprocess.run(
        [pandoc_path(), "--print-default-data-file", "reference.docx"],
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout


def set_font(style_or_run, family: str) -> None:
    """Set one family for Latin and East Asian text; drop theme fonts that would override it."""
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in _THEME_ATTRS:
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)


def _paragraph_look(
    style,
    *,
    size_pt: float,
    pitch_pt: float,
    indent_chars: int,
    align=None,
    cell_pt: float | None = None,
):
    """cell_pt: the width of a character cell of the style's grid; the first-line indent is
    then that many cells exactly (else indent_chars characters of the style's size)."""
    style.font.size = Pt(size_pt)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pitch_pt)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    # No widow/orphan control, as in the PDF (orphans: 1; widows: 1): every page that the text
    # runs on from holds its full grid of lines. LibreOffice applies it unless told not to.
    fmt.widow_control = False
    fmt.first_line_indent = Pt((cell_pt or size_pt) * indent_chars)
    ind = style.element.get_or_add_pPr().find(qn("w:ind"))
    if ind is not None and cell_pt is None:
        # Word measures the indent in characters when firstLineChars is set
        ind.set(qn("w:firstLineChars"), str(indent_chars * 100))
    if align is not None:
        fmt.alignment = align


def _outline_level(style, level: int) -> None:
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level - 1))
    put_ppr_child(style.element.get_or_add_pPr(), outline)


def _page_number_footer(footer, text: str, family: str, size_pt: float, align) -> None:
    """A footer paragraph holding `— PAGE —` (the {n} of the style's format is the field)."""
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.first_line_indent = Pt(0)
    # One line of the number's own size, so footer_distance places it exactly.
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = Pt(size_pt)
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    before, _, after = text.partition("{n}")

    def run(content: str | None = None):
        r = paragraph.add_run(content)
        r.font.size = Pt(size_pt)
        set_font(r, family)
        return r

    run(before)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    inner.append(_run_font(family, size_pt))  # the number itself, not only the dashes
    t = OxmlElement("w:t")
    t.text = "1"
    inner.append(t)
    field.append(inner)
    paragraph._p.append(field)
    run(after)


def build_reference(style: Style) -> bytes:
    """The reference document for a style, as bytes."""
    document = open_docx(io.BytesIO(pandoc_reference()))
    page, text = style.page, style.text
    body_font = style.font("body").family
    pitch = text.line_pitch_pt

    section = document.sections[0]
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = (
        Mm(page.margin_top_mm),
        Mm(page.margin_bottom_mm),
    )
    section.left_margin, section.right_margin = (
        Mm(page.margin_left_mm),
        Mm(page.margin_right_mm),
    )
    number_size = page.page_number_size_pt
    # The footer's distance is measured to the bottom of its line; the number's top must sit
    # page_number_gap_mm below the text area: the top of its characters' em box is about 1.075
    # times the number's size above the line's bottom (its exact line height is the size;
    # measured on LibreOffice's PDF by `publish check` in the tests).
    section.footer_distance = Mm(page.margin_bottom_mm - page.page_number_gap_mm) - Pt(
        number_size * FOOTER_LINE_FACTOR
    )
    document.settings.odd_and_even_pages_header_footer = True
    _compress_punctuation(document.settings)
    number_font = style.font("page_number").family
    right_indent = Pt(number_size)  # one character in from the outside edge
    _page_number_footer(
        section.footer,
        page.page_number_format,
        number_font,
        number_size,
        WD_ALIGN_PARAGRAPH.RIGHT,
    )
    section.footer.paragraphs[0].paragraph_format.right_indent = right_indent
    _page_number_footer(
        section.even_page_footer,
        page.page_number_format,
        number_font,
        number_size,
        WD_ALIGN_PARAGRAPH.LEFT,
    )
    section.even_page_footer.paragraphs[0].paragraph_format.left_indent = right_indent

    styles = document.styles
    _default_fonts(styles, body_font)
    # A grid of lines and characters (w:docGrid), as 公文 templates have it: chars_per_line
    # cells a line. A character wider than its cell takes two, so characters are drawn a hair
    # narrower than the cell (w:w; negative tracking instead makes LibreOffice hang line-end
    # commas past the margin and not draw them), and punctuation may not hang.
    _document_grid(section, style)
    scale = character_scale(style)
    # With a grid, indents are whole cells of it (two cells: 26 characters on a first line).
    cell = indent_pt(style) / text.indent_chars if scale else None
    align = WD_ALIGN_PARAGRAPH.JUSTIFY if text.justify else WD_ALIGN_PARAGRAPH.LEFT
    for name in BODY_STYLES:
        if name in [s.name for s in styles]:
            target = styles[name]
            set_font(target, body_font)
            if scale:
                _character_scale(target, scale)
            _no_hanging_punctuation(target)
            _paragraph_look(
                target,
                size_pt=text.size_pt,
                pitch_pt=pitch,
                indent_chars=text.indent_chars,
                align=align,
                cell_pt=cell,
            )

    title = styles["Title"]
    set_font(title, style.font(style.title.font).family)
    _paragraph_look(
        title,
        size_pt=style.title.size_pt,
        pitch_pt=pitch,
        indent_chars=0,
        align=WD_ALIGN_PARAGRAPH.CENTER,
    )
    title.font.bold = bool(style.title.bold or style.font(style.title.font).bold)
    title.font.color.rgb = RGBColor(0, 0, 0)
    title.paragraph_format.space_after = Pt(pitch * style.title.space_after_lines)
    _off_grid(title)

    for level, look in enumerate(style.heading_levels, 1):
        heading = styles[f"Heading {level}"]
        set_font(heading, style.font(look.font).family)
        _paragraph_look(
            heading,
            size_pt=look.size_pt,
            pitch_pt=pitch,
            indent_chars=text.indent_chars,
            align=align,
            cell_pt=cell,
        )
        heading.font.bold = bool(look.bold or style.font(look.font).bold)
        if scale:
            _character_scale(heading, scale)
        _no_hanging_punctuation(heading)
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.keep_with_next = True
        _outline_level(heading, level)

    subtitle = _aligned_style(
        styles,
        "Subtitle",
        style.font(style.note.font).family,
        text.size_pt,
        pitch,
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    subtitle.font.color.rgb = RGBColor(0, 0, 0)
    subtitle.font.italic = subtitle.font.bold = False
    _off_grid(subtitle)
    _aligned_style(
        styles, DOCX_STYLES[BYLINE], body_font, text.size_pt, pitch, WD_ALIGN_PARAGRAPH.CENTER
    )
    # A notice's addressee line and attachment notes: no first-line indent (render/docx.py sets
    # each attachment line's own indents, as GB/T 9704 §7.3.4 places them).
    _aligned_style(styles, DOCX_STYLES[ADDRESSEE], body_font, text.size_pt, pitch, align)
    _aligned_style(styles, DOCX_STYLES[ATTACHMENTS], body_font, text.size_pt, pitch, align)

    note = _aligned_style(
        styles,
        DOCX_STYLES[WITHHELD],
        style.font(style.note.font).family,
        style.note.size_pt,
        pitch,
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    note.font.color.rgb = RGBColor(0x44, 0x44, 0x44)
    _off_grid(note)
    # Shaded rather than boxed: a border adds height and would push later lines off the grid.
    _shade(note)

    signature = _aligned_style(
        styles, DOCX_STYLES[SIGNATURE], body_font, text.size_pt, pitch, WD_ALIGN_PARAGRAPH.RIGHT
    )
    signature.paragraph_format.right_indent = Pt(text.size_pt * text.indent_chars)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _run_font(family: str, size_pt: float):
    """w:rPr for a run: one family for every script, and a size."""
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(round(size_pt * 2)))
        rpr.append(size)
    return rpr


def grid_char_space(style: Style) -> int | None:
    """w:docGrid's charSpace: the character pitch's difference from the body size, in 1/4096
    pt, rounded down so that chars_per_line cells fit the text width (Word and LibreOffice
    both count the cells that fit)."""
    text = style.text
    per_line = text.chars_per_line
    if not per_line:
        return None
    return math.floor((text_width_pt(style) / per_line - text.size_pt) * 4096)


def _document_grid(section, style: Style) -> None:
    """The section's line grid (none when the style has no chars_per_line)."""
    char_space = grid_char_space(style)
    if char_space is None:
        return
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:  # its place is near the end of w:sectPr, before printer settings
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.attrib.clear()
    # Lines only: with a grid of characters too (linesAndChars, charSpace as computed) Word
    # and LibreOffice 7.4 both set 28 a line, but LibreOffice then rounds every run of Latin
    # letters or digits up to whole cells ("7 月1 日"); the character scale already makes 28
    # Chinese characters fill the line in both.
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(style.text.line_pitch_pt * 20)))


def _compress_punctuation(settings) -> None:
    """Word's (and LibreOffice's) punctuation compression for the document: adjacent marks
    such as ”。 share a cell, as compression.toml has it for the PDF."""
    for control in settings.element.findall(qn("w:characterSpacingControl")):
        control.set(qn("w:val"), "compressPunctuation")


def _no_hanging_punctuation(style_obj) -> None:
    """Line-end punctuation stays inside the measure. Measured on LibreOffice 7.4: it hangs
    punctuation with w:overflowPunct absent or 0 and keeps it in with 1 (Word's own default,
    under which a full line has no room left to hang into anyway)."""
    overflow = OxmlElement("w:overflowPunct")
    overflow.set(qn("w:val"), "1")
    put_ppr_child(style_obj.element.get_or_add_pPr(), overflow)


def _off_grid(style_obj) -> None:
    """A paragraph style that does not snap to the character grid (a title in larger type
    would take two cells a character)."""
    snap = OxmlElement("w:snapToGrid")
    snap.set(qn("w:val"), "0")
    put_ppr_child(style_obj.element.get_or_add_pPr(), snap)


def _default_fonts(styles, family: str) -> None:
    """docDefaults name theme fonts (Calibri, 等线); name the body face instead, so text in a
    style that sets no font of its own is still in the style's face."""
    for fonts in styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:rFonts"):
        for attr in _THEME_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), family)


# w:rPr children after w:w, in schema order (ECMA-376 CT_RPr).
_AFTER_W = (
    "kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang "
    "eastAsianLayout specVanish oMath"
).split()


def _character_scale(style_obj, percent: int) -> None:
    """w:w in a style's run properties: characters drawn this much narrower (or wider)."""
    rpr = style_obj.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:w")):
        rpr.remove(old)
    scale = OxmlElement("w:w")
    scale.set(qn("w:val"), str(percent))
    successors = {qn(f"w:{tag}") for tag in _AFTER_W}
    for index, child in enumerate(rpr):
        if child.tag in successors:
            rpr.insert(index, scale)
            return
    rpr.append(scale)


def character_scale(style: Style) -> int | None:
    """The character width, in percent, that lets a character fit its grid cell (None: no
    grid). Word and LibreOffice give a character wider than its cell two cells."""
    char_space = grid_char_space(style)
    if char_space is None:
        return None
    size = style.text.size_pt
    return min(100, math.floor(100 * (size + char_space / 4096) / size))


def _aligned_style(styles, name: str, family: str, size_pt: float, pitch_pt: float, align):
    """A paragraph style (created if the reference lacks it) in one face, on the line pitch,
    without first-line indent, aligned as asked."""
    target = _paragraph_style(styles, name)
    set_font(target, family)
    _paragraph_look(target, size_pt=size_pt, pitch_pt=pitch_pt, indent_chars=0, align=align)
    return target


def _paragraph_style(styles, name: str):
    if name in [s.name for s in styles]:
        return styles[name]
    created = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    created.base_style = styles["Normal"]
    return created


def _shade(style) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", "EDEDED")):
        shading.set(qn(f"w:{key}"), value)
    put_ppr_child(style.element.get_or_add_pPr(), shading)
