"""EPUB 3 with pandoc: metadata, navigation from headings, CSS from the style, and the fonts
it uses embedded as subsets of only the characters the document holds."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from ..document import Document
from ..fonts import subset, uncovered
from ..structure import split_front_matter
from ..styles import Style, screen_css
from .pandoc import convert

_HEADING_LINE = re.compile(r"^(#{1,6}) (.*?)(?: \{[^}]*\})?$", re.M)


def _role_texts(doc: Document, style: Style) -> dict[str, str]:
    """The characters each font role has to show."""
    _, body = split_front_matter(doc.markdown)
    texts = {"body": body + str(doc.meta.get("title", "")) + str(doc.meta.get("date", ""))}
    texts["title"] = str(doc.meta.get("title", ""))
    for hashes, text in _HEADING_LINE.findall(body):
        role = style.heading_levels[len(hashes) - 1]["font"]
        texts[role] = texts.get(role, "") + text
    if "〔编者注" in body:
        note_role = style.note["font"]
        texts[note_role] = texts.get(note_role, "") + "".join(
            line for line in body.splitlines() if line.startswith("〔编者注")
        )
    return texts


def render_epub(doc: Document, style: Style, out_path: Path) -> None:
    embedded: dict[str, str] = {}  # role -> @font-face family
    faces: list[str] = []
    with tempfile.TemporaryDirectory(dir=out_path.parent, prefix=".epub-") as work:
        work_dir = Path(work)
        args = ["--epub-title-page=true", "--split-level=1"]
        by_file: dict[tuple, str] = {}
        for role, chars in _role_texts(doc, style).items():
            font = style.font(role)
            key = (font.path, font.index)
            if key not in by_file:
                # One subset per font file, holding every character any role needs from it.
                name = f"publish-{role}"
                needed = "".join(
                    text for r, text in _role_texts(doc, style).items()
                    if (style.font(r).path, style.font(r).index) == key
                )  # fmt: skip
                font_file = work_dir / f"{name}.otf"
                font_file.write_bytes(subset(font, needed))
                args += ["--epub-embed-font", str(font_file)]
                faces.append(
                    f'@font-face {{ font-family: "{name}"; src: url("../fonts/{name}.otf"); }}'
                )
                by_file[key] = name
            embedded[role] = by_file[key]
        css = work_dir / "style.css"
        css.write_text("\n".join(faces) + screen_css(style, embedded), encoding="utf-8")
        args += ["--css", str(css)]
        convert(doc.markdown, "epub3", out_path, args, sandbox=False)


def missing_glyphs(doc: Document, style: Style) -> list[str]:
    return uncovered(doc.markdown, [f for f in style.fonts.values() if f])
