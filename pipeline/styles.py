"""Styles: load styles/<name>/style.toml and derive every format's styling from it.

A style is defined once; the print CSS (PDF), the screen CSS (EPUB) and the DOCX reference
document (render/docx_reference.py) are all computed from the same values, so the formats
cannot drift apart. A style folder may add `extra.css`, appended to both CSS outputs.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .fonts import FontFile, resolve

STYLES_DIR = Path(__file__).resolve().parent.parent / "styles"
FONT_ROLES = ("title", "body", "heading1", "heading2", "page_number")


class StyleError(Exception):
    pass


@dataclass(frozen=True, eq=False)
class Style:
    name: str
    folder: Path
    data: dict
    fingerprint: str  # changes whenever any file of the style folder changes

    def __hash__(self) -> int:
        return hash((self.folder, self.fingerprint))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Style) and (self.folder, self.fingerprint) == (
            other.folder,
            other.fingerprint,
        )

    @property
    def page(self) -> dict:
        return self.data["page"]

    @property
    def text(self) -> dict:
        return self.data["text"]

    @property
    def title(self) -> dict:
        return self.data["title"]

    @property
    def heading_levels(self) -> list[dict]:
        return self.data["headings"]["levels"]

    @property
    def note(self) -> dict:
        return self.data["note"]

    @property
    def screen(self) -> dict:
        return self.data.get("screen", {})

    def families(self, role: str) -> list[str]:
        return list(self.data["fonts"][role])

    @cached_property
    def fonts(self) -> dict[str, FontFile | None]:
        """Each font role resolved to the installed face that will be used (None: none)."""
        return {role: resolve(self.families(role)) for role in self.data["fonts"]}

    def font(self, role: str) -> FontFile:
        found = self.fonts.get(role) or self.fonts.get("body")
        if found is None:
            raise StyleError(
                f"style {self.name}: no font of role {role!r} is installed "
                f"(wanted one of: {', '.join(self.families(role))}); run `publish doctor`"
            )
        return found

    def require_fonts(self) -> None:
        """Raise StyleError naming every role (but fallback) that no installed face serves."""
        missing = [role for role, font in self.fonts.items() if font is None and role != "fallback"]
        if missing:
            wanted = "; ".join(f"{role}: {', '.join(self.families(role))}" for role in missing)
            raise StyleError(
                f"style {self.name}: no installed font for {', '.join(missing)} (wanted {wanted}); "
                "`publish doctor` says what to install"
            )

    def extra_css(self) -> str:
        extra = self.folder / "extra.css"
        return extra.read_text("utf-8") if extra.exists() else ""


def load_style(name: str) -> Style:
    """A style by name (a folder of styles/) or by path to a style folder."""
    folder = Path(name) if ("/" in name or Path(name).is_dir()) else STYLES_DIR / name
    definition = folder / "style.toml"
    if not definition.is_file():
        known = sorted(p.name for p in STYLES_DIR.iterdir() if (p / "style.toml").exists())
        raise StyleError(f"no style {name!r} (known styles: {', '.join(known)})")
    try:
        data = tomllib.loads(definition.read_text("utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise StyleError(f"{definition}: {exc}") from exc
    missing = {"page", "text", "title", "headings", "note", "fonts"} - set(data)
    if missing:
        raise StyleError(f"{definition}: missing sections {', '.join(sorted(missing))}")
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return Style(data.get("name", folder.name), folder, data, digest.hexdigest()[:16])


def letter_spacing_pt(style: Style) -> float:
    """The spacing that makes chars_per_line characters fill the text width exactly."""
    text, page = style.text, style.page
    per_line = text.get("chars_per_line")
    if not per_line:
        return 0.0
    width_pt = (page["width_mm"] - page["margin_left_mm"] - page["margin_right_mm"]) / 25.4 * 72
    # A hair under the exact value, so that rounding never pushes the last character over.
    return round(width_pt / per_line - text["size_pt"] - 0.002, 3)


def load_styles(names: dict[str, str]) -> dict[str, Style]:
    """{format: Style} for {format: style name}, each style loaded once."""
    loaded = {name: load_style(name) for name in set(names.values())}
    return {fmt: loaded[name] for fmt, name in names.items()}


def _family_list(style: Style, role: str, embedded: dict[str, str] | None = None) -> str:
    """CSS font-family value: the role's face (or its embedded copy), then the body face, then
    the fallback face for characters those lack."""
    names: list[str] = []
    for candidate in (role, "body", "fallback"):
        if embedded and candidate in embedded:
            names.append(embedded[candidate])
        elif style.fonts.get(candidate):
            names.append(style.fonts[candidate].family)
    unique = list(dict.fromkeys(names))
    return ", ".join(f'"{n}"' for n in unique) + ", serif"


def _heading_css(style: Style, unit: str, embedded: dict[str, str] | None) -> str:
    rules = []
    for level, look in enumerate(style.heading_levels, 1):
        size = (
            f"{look['size_pt']}pt"
            if unit == "pt"
            else f"{look['size_pt'] / style.text['size_pt']:.3g}em"
        )
        rules.append(
            f"h{level} {{ font-family: {_family_list(style, look['font'], embedded)}; "
            f"font-size: {size}; "
            f"font-weight: {'bold' if look['bold'] or style.font(look['font']).bold else 'normal'}; }}"
        )
    return "\n".join(rules)


def print_css(style: Style) -> str:
    """CSS for weasyprint, in absolute units from the style's page and type values."""
    page, text, title = style.page, style.text, style.title
    pitch = text["line_pitch_pt"]
    number = page["page_number_format"].replace("{n}", '" counter(page) "')
    number_box = (
        f'content: "{number}"; font-family: {_family_list(style, "page_number")}; '
        f"font-size: {page['page_number_size_pt']}pt; vertical-align: top; padding-top: {page['page_number_gap_mm']}mm; "
        "white-space: nowrap; width: 8em; letter-spacing: 0; "
        f"line-height: {page['page_number_size_pt']}pt;"
    )
    return f"""
@page {{
  size: {page["width_mm"]}mm {page["height_mm"]}mm;
  margin: {page["margin_top_mm"]}mm {page["margin_right_mm"]}mm {page["margin_bottom_mm"]}mm {page["margin_left_mm"]}mm;
}}
@page :right {{ @bottom-right {{ {number_box} text-align: right; padding-right: 1em; }} }}
@page :left {{ @bottom-left {{ {number_box} text-align: left; padding-left: 1em; }} }}
html {{
  font-family: {_family_list(style, "body")};
  font-size: {text["size_pt"]}pt;
  line-height: {pitch}pt;
  letter-spacing: {letter_spacing_pt(style)}pt;
  text-align: {"justify" if text.get("justify", True) else "left"};
}}
body {{ margin: 0; text-indent: {text["indent_chars"]}em; }}
p, div {{ margin: 0; orphans: 1; widows: 1; }}
h1, h2, h3, h4, h5, h6 {{ margin: 0; line-height: {pitch}pt; page-break-after: avoid; }}
{_heading_css(style, "pt", None)}
h1.run-in, h2.run-in, h3.run-in, h4.run-in, h5.run-in, h6.run-in {{ display: inline; }}
.run-in + p {{ display: inline; }}
/* Inline pieces in two faces would stretch the line box past the pitch; the block's own
   line height holds the grid. */
div.run-in-block > * {{ line-height: 1; }}
div.run-in-block {{ line-height: {pitch}pt; }}
header.title-block {{ text-indent: 0; text-align: center; margin-bottom: {pitch * title.get("space_after_lines", 1)}pt; }}
header.title-block .title {{
  font-family: {_family_list(style, "title")}; font-size: {title["size_pt"]}pt;
  font-weight: {"bold" if title.get("bold") or style.font(title["font"]).bold else "normal"}; line-height: {pitch}pt;
  bookmark-level: none; margin: 0;
}}
header.title-block .subtitle {{
  font-family: {_family_list(style, style.note["font"])}; font-size: {text["size_pt"]}pt;
  line-height: {pitch}pt; margin: 0; bookmark-level: none;
}}
div.byline p {{ text-align: center; text-indent: 0; }}
div.withheld {{
  font-family: {_family_list(style, style.note["font"])}; font-size: {style.note["size_pt"]}pt;
  text-indent: 0; text-align: center; color: #444; border: 0.6pt solid #888;
  /* exactly two grid lines tall, so the lines after it stay on the page's line grid */
  padding: {pitch / 2 - 0.6:.3f}pt 8pt; margin: 0; line-height: {pitch}pt;
}}
div.signature p {{ text-align: right; text-indent: 0; padding-right: {text["indent_chars"]}em; }}
/* What a hand-edited intermediate may hold besides paragraphs and headings. */
ul, ol {{ margin: 0 0 0 {text["indent_chars"]}em; padding: 0; text-indent: 0; }}
li {{ text-indent: 0; }}
table {{ border-collapse: collapse; width: 100%; text-indent: 0; line-height: {pitch}pt; }}
th, td {{ border: 0.5pt solid #000; padding: 0 4pt; }}
blockquote {{ margin: 0 {text["indent_chars"]}em; }}
strong {{ font-weight: bold; }}
{style.extra_css()}
"""


def screen_css(style: Style, embedded: dict[str, str]) -> str:
    """CSS for EPUB reading systems: relative sizes; fonts from the embedded subsets.

    embedded maps a font role to the family name its @font-face (added by the EPUB renderer)
    declares.
    """
    screen, text = style.screen, style.text
    return f"""
body {{ font-family: {_family_list(style, "body", embedded)}; line-height: {screen.get("line_height", 1.8)};
  text-align: justify; margin: 0 4%; }}
p {{ text-indent: {text["indent_chars"]}em; margin: 0; }}
h1, h2, h3, h4, h5, h6 {{ text-indent: {text["indent_chars"]}em; margin: 0.6em 0 0.2em; line-height: {screen.get("line_height", 1.8)}; }}
{_heading_css(style, "em", embedded)}
h1.run-in, h2.run-in, h3.run-in, h4.run-in, h5.run-in, h6.run-in {{ display: inline; margin: 0; }}
section.run-in {{ text-indent: {text["indent_chars"]}em; }}
h1.run-in + p, h2.run-in + p, h3.run-in + p, h4.run-in + p, h5.run-in + p, h6.run-in + p {{ display: inline; }}
h1.title, p.title {{ text-align: center; text-indent: 0; font-family: {_family_list(style, "title", embedded)};
  font-size: {screen.get("title_size_em", 1.6)}em; font-weight: normal; }}
div.withheld {{ font-family: {_family_list(style, style.note["font"], embedded)}; font-size: 0.9em;
  text-align: center; border: 1px solid; border-color: currentColor; opacity: 0.8; padding: 0.2em 0.6em; margin: 0.8em 0; }}
div.withheld p, div.signature p, div.byline p {{ text-indent: 0; }}
div.byline p, p.subtitle {{ text-align: center; }}
div.signature p {{ text-align: right; }}
ul, ol {{ margin: 0 0 0 2em; padding: 0; }}
li, table {{ text-indent: 0; }}
table {{ border-collapse: collapse; margin: 0.5em auto; }}
th, td {{ border: 1px solid; padding: 0 0.3em; }}
{style.extra_css()}
"""
