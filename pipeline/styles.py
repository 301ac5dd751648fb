"""Styles: load styles/<name>/style.toml and derive every format's styling from it.

A style is defined once; the print CSS (PDF), the screen CSS (EPUB) and the DOCX reference
document (render/docx_reference.py) are all computed from the same values, so the formats
cannot drift apart. A style folder may add `extra.css`, appended to both CSS outputs.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
import typing
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .errors import EnvironmentProblem, StyleError
from .fonts import CellWidths, FontFile, resolve

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
# Font roles every style names, whatever its headings use: the body text, the title (also the
# EPUB cover's face), the page numbers. Optional: `fallback` covers the characters a role's face
# lacks, `symbols` what that lacks too (emoji and signs saved from comment threads and blogs).
# `strong` sets the body's bold text when the body's face has no bold face of its own (weasyprint
# and reading systems draw no synthetic bold: a free 仿宋 has none, and its bold text was drawn
# as regular).
REQUIRED_ROLES = ("body", "title", "page_number")
FALLBACK_ROLES = ("fallback", "symbols")
STRONG_ROLE = "strong"
OPTIONAL_ROLES = (*FALLBACK_ROLES, STRONG_ROLE)


@dataclass(frozen=True)
class PageLook:
    width_mm: float
    height_mm: float
    margin_top_mm: float
    margin_bottom_mm: float
    margin_left_mm: float
    margin_right_mm: float
    page_number_format: str  # "{n}" stands for the number: "— {n} —"
    page_number_size_pt: float
    page_number_gap_mm: float  # from the bottom of the text area to the top of the number


@dataclass(frozen=True)
class TextLook:
    size_pt: float
    line_pitch_pt: float
    indent_chars: int
    chars_per_line: int | None = None  # letter spacing makes this many fill a line
    justify: bool = True


@dataclass(frozen=True)
class TitleLook:
    size_pt: float
    font: str  # a font role
    bold: bool = False
    space_after_lines: float = 1


@dataclass(frozen=True)
class HeadingLook:
    font: str  # a font role
    size_pt: float
    bold: bool = False


@dataclass(frozen=True)
class NoteLook:
    """The editorial note standing where a site withheld text."""

    font: str  # a font role
    size_pt: float


@dataclass(frozen=True)
class ScreenLook:
    """Reflowable screens (EPUB): relative sizes."""

    line_height: float = 1.8
    title_size_em: float = 1.6


@dataclass(frozen=True, eq=False)
class Style:
    """One style definition (styles/<name>/style.toml), validated; see `load_style`."""

    name: str
    folder: Path
    fingerprint: str  # changes whenever any file of the style folder changes
    description: str
    page: PageLook
    text: TextLook
    title: TitleLook
    heading_levels: tuple[HeadingLook, ...]  # Markdown heading level 1, 2, ...
    note: NoteLook
    screen: ScreenLook
    font_roles: dict[str, tuple[str, ...]]  # role -> families, the first installed one wins

    def __hash__(self) -> int:
        return hash((self.folder, self.fingerprint))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Style) and (self.folder, self.fingerprint) == (
            other.folder,
            other.fingerprint,
        )

    def families(self, role: str) -> list[str]:
        return list(self.font_roles[role])

    @cached_property
    def fonts(self) -> dict[str, FontFile | None]:
        """Each font role resolved to the installed face that will be used (None: none)."""
        return {role: resolve(list(families)) for role, families in self.font_roles.items()}

    def font(self, role: str) -> FontFile:
        found = self.fonts.get(role) or self.fonts.get("body")
        if found is None:
            raise EnvironmentProblem(
                f"style {self.name}: no font of role {role!r} is installed "
                f"(wanted one of: {', '.join(self.families(role))}); run `publish doctor`"
            )
        return found

    def require_fonts(self) -> None:
        """Raise EnvironmentProblem naming every role (but fallback) no installed face serves."""
        missing = [
            role for role, font in self.fonts.items() if font is None and role not in OPTIONAL_ROLES
        ]
        if missing:
            wanted = "; ".join(f"{role}: {', '.join(self.families(role))}" for role in missing)
            raise EnvironmentProblem(
                f"style {self.name}: no installed font for {', '.join(missing)} (wanted {wanted}); "
                "`publish doctor` says what to install"
            )

    def extra_css(self) -> str:
        extra = self.folder / "extra.css"
        return extra.read_text("utf-8") if extra.exists() else ""


def load_style(name: str) -> Style:
    """A style by name (a folder of styles/) or by path to a style folder, validated: a key
    missing, a key no part of publish reads, a value of the wrong type or a font role no
    [fonts] entry defines is a StyleError naming the file and the key."""
    folder = Path(name) if ("/" in name or Path(name).is_dir()) else STYLES_DIR / name
    definition = folder / "style.toml"
    if not definition.is_file():
        known = sorted(p.name for p in STYLES_DIR.iterdir() if (p / "style.toml").exists())
        raise StyleError(f"no style {name!r} (known styles: {', '.join(known)})")
    try:
        data = tomllib.loads(definition.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise StyleError(f"{definition}: {exc}") from exc
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return _parse(definition, data, folder, digest.hexdigest()[:16])


_SECTIONS = {"page", "text", "title", "headings", "note", "screen", "fonts"}
_TOP_LEVEL = {"name", "description"}


def _parse(definition: Path, data: dict, folder: Path, fingerprint: str) -> Style:
    def fail(key: str, problem: str) -> StyleError:
        return StyleError(f"{definition}: {key}: {problem}")

    unknown = sorted(set(data) - _SECTIONS - _TOP_LEVEL)
    if unknown:
        raise fail(
            unknown[0], f"unknown key (a style has {', '.join(sorted(_SECTIONS | _TOP_LEVEL))})"
        )
    for key in sorted(_SECTIONS - {"screen"}):
        if key not in data:
            raise fail(key, "missing section")
    for key in _TOP_LEVEL:
        if key in data and not isinstance(data[key], str):
            raise fail(key, "must be a string")

    headings = _table(data["headings"], "headings", fail)
    if set(headings) != {"levels"} or not isinstance(headings["levels"], list):
        raise fail("headings", "must hold exactly `levels`, a list of tables, one per level")
    if not 1 <= len(headings["levels"]) <= 6:
        raise fail("headings.levels", "one to six levels")
    fonts = _table(data["fonts"], "fonts", fail)
    for role, families in fonts.items():
        if (
            not isinstance(families, list)
            or not families
            or not all(isinstance(f, str) and f for f in families)
        ):
            raise fail(f"fonts.{role}", "must be a list of font family names")

    style = Style(
        name=data.get("name", folder.name),
        folder=folder,
        fingerprint=fingerprint,
        description=data.get("description", ""),
        page=_section(PageLook, data["page"], "page", fail),
        text=_section(TextLook, data["text"], "text", fail),
        title=_section(TitleLook, data["title"], "title", fail),
        heading_levels=tuple(
            _section(HeadingLook, level, f"headings.levels[{index}]", fail)
            for index, level in enumerate(headings["levels"])
        ),
        note=_section(NoteLook, data["note"], "note", fail),
        screen=_section(ScreenLook, data.get("screen", {}), "screen", fail),
        font_roles={role: tuple(families) for role, families in fonts.items()},
    )
    if "{n}" not in style.page.page_number_format:
        raise fail("page.page_number_format", 'must hold "{n}" where the number goes')
    used = {
        "title.font": style.title.font,
        "note.font": style.note.font,
        **{f"headings.levels[{i}].font": h.font for i, h in enumerate(style.heading_levels)},
    }
    for key, role in used.items():
        if role not in fonts:
            raise fail(
                key, f"unknown font role {role!r} (the [fonts] table has {', '.join(fonts)})"
            )
    for role in REQUIRED_ROLES:
        if role not in fonts:
            raise fail(f"fonts.{role}", "missing font role")
    for role in fonts:
        if role not in {*REQUIRED_ROLES, *OPTIONAL_ROLES, *used.values()}:
            raise fail(f"fonts.{role}", "no title, heading or note uses this font role")
    return style


def _table(value: object, key: str, fail) -> dict:
    if not isinstance(value, dict):
        raise fail(key, "must be a table")
    return value


def _section(cls: type, value: object, key: str, fail):
    """One table of the definition as its dataclass: every key known, every required one there,
    every value of its type (an integer serves where a number is asked)."""
    table = _table(value, key, fail)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    types = typing.get_type_hints(cls)
    for name in table:
        if name not in fields:
            raise fail(f"{key}.{name}", f"unknown key ({key} has {', '.join(fields)})")
    for name, f in fields.items():
        if name not in table:
            if f.default is dataclasses.MISSING:
                raise fail(f"{key}.{name}", "missing key")
            continue
        if not _is_a(table[name], types[name]):
            raise fail(f"{key}.{name}", f"must be {_TYPE_NAMES.get(types[name], 'a number')}")
    return cls(**table)


_TYPE_NAMES = {str: "a string", bool: "true or false", int: "a whole number"}


def _is_a(value: object, kind: object) -> bool:
    if isinstance(value, bool) or kind is bool:  # a bool is an int to Python, not to a style
        return kind is bool and isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float)
    if kind is int or kind == (int | None):
        return isinstance(value, int)
    return isinstance(value, kind)  # type: ignore[arg-type]


def text_width_pt(style: Style) -> float:
    """The width of the text area (the measure)."""
    page = style.page
    return (page.width_mm - page.margin_left_mm - page.margin_right_mm) / 25.4 * 72


def letter_spacing_pt(style: Style) -> float:
    """The spacing that makes chars_per_line characters fill the text width exactly."""
    text = style.text
    per_line = text.chars_per_line
    if not per_line:
        return 0.0
    width_pt = text_width_pt(style)
    # A hair under the exact value, so that rounding never pushes the last character over.
    return round(width_pt / per_line - text.size_pt - 0.002, 3)


def indent_pt(style: Style) -> float:
    """The first-line indent: indent_chars whole grid cells (a cell is a character plus the
    letter spacing), so an indented first line holds exactly chars_per_line - indent_chars."""
    text = style.text
    return round(text.indent_chars * (text.size_pt + letter_spacing_pt(style)), 3)


def title_chars_per_line(style: Style) -> int:
    """How many title characters a line of the text width holds (the title inherits the
    letter spacing)."""
    return int(text_width_pt(style) // (style.title.size_pt + letter_spacing_pt(style)))


def title_widths(style: Style) -> CellWidths:
    """The widths of the title's characters in cells of title_chars_per_line, from its face."""
    return CellWidths(style.font("title"), style.title.size_pt, letter_spacing_pt(style))


def load_styles(names: dict[str, str]) -> dict[str, Style]:
    """{format: Style} for {format: style name}, each style loaded once."""
    loaded = {name: load_style(name) for name in set(names.values())}
    return {fmt: loaded[name] for fmt, name in names.items()}


def bold_role(style: Style) -> str:
    """The role the body's bold text is set in: the body's own when its face is bold or has a
    bold face, else the style's `strong` role when one is installed, else the body's (drawn
    regular: no synthetic bold)."""
    from .fonts import find_font

    body = style.font("body")
    if body.bold or find_font(body.family, bold=True) is not None:
        return "body"
    return STRONG_ROLE if style.fonts.get(STRONG_ROLE) else "body"


def _strong_css(style: Style, embedded: dict[str, str] | None = None) -> str:
    """Bold text in the body's face, or in the `strong` role's when the body's has no bold
    (headings keep their own face)."""
    if bold_role(style) == "body":
        return "strong { font-weight: bold; }"
    headings = ", ".join(f"h{n} strong" for n in range(1, 7))
    return (
        f"strong {{ font-weight: bold; font-family: {_family_list(style, STRONG_ROLE, embedded)}; }}\n"
        f"{headings}, .title strong {{ font-family: inherit; }}"
    )


def face_chain(role: str) -> tuple[str, ...]:
    """The roles whose faces show a role's text, in the order a reader's font matching tries
    them (the CSS font-family lists): the role's own, the body's, then the fallbacks."""
    return tuple(dict.fromkeys((role, "body", *FALLBACK_ROLES)))


def chain_texts(style: Style, role: str, text: str) -> dict[str, str]:
    """The characters of a role's text (each once) that each role of its face chain shows: a
    character goes to the first installed face that has it (none: left out); white space to the
    role's own face."""
    from .fonts import uncovered

    shown: dict[str, str] = {}
    remaining = "".join(dict.fromkeys(text))
    for candidate in face_chain(role):
        font = style.fonts.get(candidate)
        if font is None or not remaining:
            continue
        lacking = set(uncovered(remaining, [font]))
        if covered := "".join(ch for ch in remaining if ch not in lacking):
            shown[candidate] = covered
        remaining = "".join(ch for ch in remaining if ch in lacking)
    return shown


def _family_list(style: Style, role: str, embedded: dict[str, str] | None = None) -> str:
    """CSS font-family value: the role's face (or its embedded copy), then the body face, then
    the fallback faces for characters those lack."""
    names: list[str] = []
    for candidate in face_chain(role):
        if embedded and candidate in embedded:
            names.append(embedded[candidate])
        elif font := style.fonts.get(candidate):
            names.append(font.family)
    unique = list(dict.fromkeys(names))
    return ", ".join(f'"{n}"' for n in unique) + ", serif"


def _heading_css(style: Style, unit: str, embedded: dict[str, str] | None) -> str:
    rules = []
    for level, look in enumerate(style.heading_levels, 1):
        size = f"{look.size_pt}pt" if unit == "pt" else f"{look.size_pt / style.text.size_pt:.3g}em"
        rules.append(
            f"h{level} {{ font-family: {_family_list(style, look.font, embedded)}; "
            f"font-size: {size}; "
            f"font-weight: {'bold' if look.bold or style.font(look.font).bold else 'normal'}; }}"
        )
    return "\n".join(rules)


def print_css(style: Style) -> str:
    """CSS for weasyprint, in absolute units from the style's page and type values."""
    from .render.breaks import HALF_WIDTH_CLASS

    page, text, title = style.page, style.text, style.title
    pitch = text.line_pitch_pt
    number = page.page_number_format.replace("{n}", '" counter(page) "')
    number_box = (
        f'content: "{number}"; font-family: {_family_list(style, "page_number")}; '
        f"font-size: {page.page_number_size_pt}pt; vertical-align: top; padding-top: {page.page_number_gap_mm}mm; "
        "white-space: nowrap; width: 8em; letter-spacing: 0; "
        f"line-height: {page.page_number_size_pt}pt;"
    )
    return f"""
@page {{
  size: {page.width_mm}mm {page.height_mm}mm;
  margin: {page.margin_top_mm}mm {page.margin_right_mm}mm {page.margin_bottom_mm}mm {page.margin_left_mm}mm;
}}
@page :right {{ @bottom-right {{ {number_box} text-align: right; padding-right: 1em; }} }}
@page :left {{ @bottom-left {{ {number_box} text-align: left; padding-left: 1em; }} }}
html {{
  font-family: {_family_list(style, "body")};
  font-size: {text.size_pt}pt;
  line-height: {pitch}pt;
  letter-spacing: {letter_spacing_pt(style)}pt;
  text-align: {"justify" if text.justify else "left"};
  /* A hash or a URL longer than the line breaks inside the measure, not past the margin. */
  overflow-wrap: anywhere;
}}
body {{ margin: 0; text-indent: {indent_pt(style)}pt; }}
p, div {{ margin: 0; orphans: 1; widows: 1; }}
/* A mark compressed against one across an inline tag (breaks.compress_across_tags). */
.{HALF_WIDTH_CLASS} {{ font-feature-settings: "halt" 1; }}
h1, h2, h3, h4, h5, h6 {{ margin: 0; line-height: {pitch}pt; page-break-after: avoid; }}
{_heading_css(style, "pt", None)}
h1.run-in, h2.run-in, h3.run-in, h4.run-in, h5.run-in, h6.run-in {{ display: inline; }}
.run-in + p {{ display: inline; }}
/* Inline pieces in two faces would stretch the line box past the pitch; the block's own
   line height holds the grid. */
div.run-in-block > * {{ line-height: 1; }}
div.run-in-block {{ line-height: {pitch}pt; }}
header.title-block {{ text-indent: 0; text-align: center; margin-bottom: {pitch * title.space_after_lines}pt; }}
header.title-block .title {{
  font-family: {_family_list(style, "title")}; font-size: {title.size_pt}pt;
  font-weight: {"bold" if title.bold or style.font(title.font).bold else "normal"}; line-height: {pitch}pt;
  bookmark-level: none; margin: 0;
}}
header.title-block .subtitle {{
  font-family: {_family_list(style, style.note.font)}; font-size: {text.size_pt}pt;
  line-height: {pitch}pt; margin: 0; bookmark-level: none;
}}
div.byline p {{ text-align: center; text-indent: 0; }}
div.withheld {{
  font-family: {_family_list(style, style.note.font)}; font-size: {style.note.size_pt}pt;
  text-indent: 0; text-align: center; color: #444; border: 0.6pt solid #888;
  /* exactly two grid lines tall, so the lines after it stay on the page's line grid */
  padding: {pitch / 2 - 0.6:.3f}pt 8pt; margin: 0; line-height: {pitch}pt;
}}
div.signature p {{ text-align: right; text-indent: 0; padding-right: {text.indent_chars}em; }}
/* A notice (GB/T 9704 §7.3): the addressee flush left; a blank line before the attachment
   notes and before the signature; where each of their lines starts is set per line
   (render/notice.py). */
div.addressee p {{ text-indent: 0; }}
div.attachments, div.signature {{ margin-top: {pitch}pt; }}
div.attachments p {{ text-indent: 0; }}
/* The signature and its date are never parted, nor left alone on the last page (GB/T 9704
   §7.3.5): the end of the text above goes over with them. */
div.signature {{ break-before: avoid; break-inside: avoid; }}
/* What a hand-edited intermediate may hold besides paragraphs and headings. */
ul, ol {{ margin: 0 0 0 {text.indent_chars}em; padding: 0; text-indent: 0; }}
li {{ text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; text-indent: 0; line-height: {pitch}pt; }}
tr {{ break-inside: avoid; }} /* a row is never split across pages */
th, td {{ border: 0.5pt solid #000; padding: 0 4pt; }}
th.short, td.short {{ white-space: nowrap; }} /* a column of labels, never broken (render/tables.py) */
blockquote {{ margin: 0 {text.indent_chars}em; }}
{_strong_css(style)}
{style.extra_css()}
"""


def screen_css(style: Style, embedded: dict[str, str]) -> str:
    """CSS for EPUB reading systems: relative sizes; fonts from the embedded subsets.

    embedded maps a font role to the family name its @font-face (added by the EPUB renderer)
    declares.
    """
    screen, text = style.screen, style.text
    return f"""
body {{ font-family: {_family_list(style, "body", embedded)}; line-height: {screen.line_height};
  text-align: justify; margin: 0 4%;
  /* Adjacent punctuation compressed by the reading system (the fonts' halt is kept in the
     subsets), as compression.toml does it in print. */
  text-spacing-trim: normal; font-feature-settings: "chws" 1; overflow-wrap: anywhere;
  /* An eighth of an em between Chinese and Latin letters or digits (配置类 org, 2025 年), as
     Word and LibreOffice set it by default; browsers leave it off unless asked. */
  text-autospace: normal; }}
/* No paragraph ends on a line of one character (孤字), where the reading system balances a
   paragraph's last lines (CSS Text 4; the print route joins the last two characters). */
p, li {{ text-wrap: pretty; }}
p {{ text-indent: {text.indent_chars}em; margin: 0; }}
h1, h2, h3, h4, h5, h6 {{ text-indent: {text.indent_chars}em; margin: 0.6em 0 0.2em; line-height: {screen.line_height}; }}
{_heading_css(style, "em", embedded)}
h1.run-in, h2.run-in, h3.run-in, h4.run-in, h5.run-in, h6.run-in {{ display: inline; margin: 0; }}
section.run-in {{ text-indent: {text.indent_chars}em; }}
h1.run-in + p, h2.run-in + p, h3.run-in + p, h4.run-in + p, h5.run-in + p, h6.run-in + p {{ display: inline; }}
h1.title, p.title {{ text-align: center; text-indent: 0; font-family: {_family_list(style, "title", embedded)};
  font-size: {screen.title_size_em}em; font-weight: normal;
  /* broken only where the title splitter allows it (its lines, and <wbr> inside them) */
  word-break: keep-all; }}
div.withheld {{ font-family: {_family_list(style, style.note.font, embedded)}; font-size: 0.9em;
  text-align: center; border: 1px solid; border-color: currentColor; opacity: 0.8; padding: 0.2em 0.6em; margin: 0.8em 0; }}
div.withheld p, div.signature p, div.byline p {{ text-indent: 0; }}
div.byline p, p.subtitle {{ text-align: center; }}
div.signature p {{ text-align: right; }}
div.addressee p, div.attachments p {{ text-indent: 0; }}
div.attachments, div.signature {{ margin-top: {screen.line_height}em; }}
ul, ol {{ margin: 0 0 0 2em; padding: 0; }}
li, table {{ text-indent: 0; }}
table {{ border-collapse: collapse; margin: 0.5em auto; }}
th, td {{ border: 1px solid; padding: 0 0.3em; }}
{_strong_css(style, embedded)}
{style.extra_css()}
"""
