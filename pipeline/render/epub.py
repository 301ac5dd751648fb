"""EPUB 3 with pandoc: metadata, navigation from headings, CSS from the style, and the fonts
it uses embedded as subsets of only the characters the document holds."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Format
from .tools import PANDOC

if TYPE_CHECKING:
    from ..document import Document
    from ..fonts import FontFile
    from ..styles import Style


def _role_texts(doc: Document, style: Style) -> dict[str, str]:
    """The characters each font role has to show; what a role's face lacks goes to fallback."""
    from .. import marks
    from ..fonts import uncovered

    parsed = doc.parsed
    title, date = str(doc.meta.get("title", "")), str(doc.meta.get("date", ""))
    shown = "".join(str(value) for value in doc.meta.values())  # the title page
    texts = {"body": parsed.text + shown, "title": title + date}  # the cover shows both
    for heading in parsed.headings:
        role = style.heading_levels[min(heading.level, len(style.heading_levels)) - 1].font
        texts[role] = texts.get(role, "") + heading.text
    notes = "".join("".join(note.paragraphs) for note in parsed.of_kind(marks.WITHHELD))
    if notes:
        texts[style.note.font] = texts.get(style.note.font, "") + notes
    missing = "".join(
        "".join(uncovered(chars, [style.font(role)])) for role, chars in texts.items()
    )
    if missing and style.fonts.get("fallback"):
        texts["fallback"] = texts.get("fallback", "") + missing
    return texts


def _with_iso_date(doc: Document) -> dict:
    """The parsed intermediate with a date EPUB accepts (dc:date must be ISO 8601), or none."""
    from ..dates import iso_date
    from .pandoc import tree_meta

    tree = doc.parsed.ast
    given = str(doc.meta.get("date", ""))
    if not given or iso_date(given) == given:
        return tree
    return tree_meta(tree, keep=tuple(tree.get("meta", {})), strings={"date": iso_date(given)})


def render_epub(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    from ..fonts import subset
    from ..styles import screen_css
    from .cover import cover_svg
    from .pandoc import write_tree

    assert style is not None  # FORMAT.style: EPUB always has one
    # Group roles by the font file they resolve to: one subset per file, holding every
    # character any of its roles shows.
    needed: dict[FontFile, str] = {}
    roles_of: dict[FontFile, list[str]] = {}
    for role, chars in _role_texts(doc, style).items():
        font = style.font(role)
        needed[font] = needed.get(font, "") + chars
        roles_of.setdefault(font, []).append(role)

    with tempfile.TemporaryDirectory(dir=out_path.parent, prefix=".epub-") as work:
        args = ["--epub-title-page=true", "--split-level=1"]
        embedded: dict[str, str] = {}  # role -> @font-face family
        faces: list[str] = []
        subsets: dict[FontFile, bytes] = {}
        for font, chars in needed.items():
            name = f"publish-{roles_of[font][0]}"
            subsets[font] = subset(font, chars)
            font_file = Path(work) / f"{name}.otf"
            font_file.write_bytes(subsets[font])
            args += ["--epub-embed-font", str(font_file)]
            # One face serves every weight: without the range a bold heading may be matched to
            # another family's face instead of this one.
            faces.append(
                f'@font-face {{ font-family: "{name}"; src: url("../fonts/{name}.otf"); '
                "font-weight: 100 900; }"
            )
            embedded.update(dict.fromkeys(roles_of[font], name))
        css = Path(work) / "style.css"
        css.write_text("\n".join(faces) + screen_css(style, embedded), encoding="utf-8")
        cover = Path(work) / "cover.svg"
        title_font = style.font("title")
        cover.write_text(
            cover_svg(
                str(doc.meta.get("title", "")), str(doc.meta.get("date", "")), subsets[title_font]
            ),
            encoding="utf-8",
        )
        args += ["--css", str(css), "--epub-cover-image", str(cover)]
        write_tree(_with_iso_date(doc), "epub3", out_path, args)


FORMAT = Format(
    name="epub",
    extension="epub",
    render=render_epub,
    description="e-books (pandoc), the reading style by default, fonts embedded as subsets",
    style="reading",
    default=True,
    order=30,
    tools=(PANDOC,),
    packages=("pypandoc_binary", "uharfbuzz", "fonttools"),
    side_by_side=True,
    parses=True,
)
