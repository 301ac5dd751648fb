"""EPUB 3 with pandoc: metadata, navigation from headings, CSS from the style, and the fonts
it uses embedded as subsets of only the characters the document holds."""

from __future__ import annotations

import tempfile
import zipfile
from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import Format
from .tools import PANDOC

if TYPE_CHECKING:
    from ..document import Document
    from ..fonts import FontFile
    from ..styles import Style


def _role_texts(doc: Document, style: Style) -> dict[tuple[str, bool], str]:
    """The characters each font role has to show, in its regular or bold face ((role, bold)
    -> characters); what a role's face lacks goes down its face chain (styles.chain_texts: the
    body's face, then the fallbacks, as the CSS lists them), in the regular face."""
    from .. import marks
    from ..styles import bold_role, chain_texts

    parsed = doc.parsed
    title, date = str(doc.meta.get("title", "")), str(doc.meta.get("date", ""))
    shown = "".join(str(value) for value in doc.meta.values())  # the title page
    asked: dict[tuple[str, bool], str] = {("body", False): parsed.text + shown}

    def add(role: str, bold: bool, chars: str) -> None:
        asked[(role, bold)] = asked.get((role, bold), "") + chars

    add(style.title.font, False, title + date)  # cover and title page: the regular face
    for heading in parsed.headings:
        look = style.heading_levels[min(heading.level, len(style.heading_levels)) - 1]
        add(look.font, _bold(style, look.font, look.bold), heading.text)
    if parsed.strong:  # the body's bold text: in a bold face, never drawn regular
        add(bold_role(style), True, parsed.strong)
    notes = "".join("".join(note.paragraphs) for note in parsed.of_kind(marks.WITHHELD))
    if notes:
        add(style.note.font, False, notes)
    texts: dict[tuple[str, bool], str] = {}
    for (role, bold), chars in asked.items():
        own = role if style.fonts.get(role) else "body"  # as style.font(role): body's face
        for candidate, covered in chain_texts(style, own, chars).items():
            key = (role, bold) if candidate == own else (candidate, False)
            texts[key] = texts.get(key, "") + covered
    return texts


def _bold(style: Style, role: str, asked: bool) -> bool:
    """Whether text of the role is set bold: asked for, or the role's face is a bold one."""
    return bool(asked or style.font(role).bold)


def _face_for(style: Style, role: str, bold: bool) -> tuple[FontFile, bool]:
    """The file to subset for the role's regular or bold text, and whether it is a bold face
    (a role whose family has no bold face shows its regular one: never a synthetic bold)."""
    from ..fonts import find_font

    font = style.font(role)
    if bold and not font.bold:
        heavy = find_font(font.family, bold=True)
        if heavy is not None:
            return heavy, True
    return font, font.bold


def _with_iso_date(doc: Document) -> dict:
    """The parsed intermediate with a date EPUB accepts (dc:date must be ISO 8601), or none."""
    from ..dates import iso_date
    from .pandoc import tree_meta

    tree = doc.parsed.ast
    given = str(doc.meta.get("date", ""))
    if not given or iso_date(given) == given:
        return tree
    return tree_meta(tree, keep=tuple(tree.get("meta", {})), strings={"date": iso_date(given)})


def _opening_chapter(tree: dict) -> dict:
    """The tree with the heading pandoc gives the text before the first level-1 heading (the
    title, unnumbered) put in here, with an identifier no heading has. pandoc's own takes the
    title's automatic identifier, which may be a later heading's: `2024年终总结` and a
    heading `年终总结` both become #年终总结, and the table of contents goes out of order."""
    blocks = tree.get("blocks", [])
    title = tree.get("meta", {}).get("title")
    if not blocks or title is None or _is_chapter_heading(blocks[0]):
        return tree
    inlines = title["c"] if title["t"] == "MetaInlines" else [{"t": "Str", "c": str(title["c"])}]
    taken = {block["c"][1][0] for block in blocks if block.get("t") == "Header"}
    identifier = next(f"opening-{n}" if n else "opening" for n in range(len(taken) + 1)
                      if (f"opening-{n}" if n else "opening") not in taken)  # fmt: skip
    heading = {"t": "Header", "c": [1, [identifier, ["unnumbered"], []], inlines]}
    return tree | {"blocks": [heading, *blocks]}


def _is_chapter_heading(block: dict) -> bool:
    if block.get("t") == "Div" and block["c"][1]:
        block = block["c"][1][0]
    return block.get("t") == "Header" and block["c"][0] == 1


def _warm(style: Style | None) -> None:
    """The libraries a first EPUB would otherwise import: HarfBuzz and the cover."""
    import uharfbuzz  # noqa: F401

    from . import cover  # noqa: F401


def render_epub(
    doc: Document, style: Style | None, out_path: Path, options: Mapping[str, Any]
) -> None:
    from ..fonts import subset
    from ..styles import screen_css
    from .cover import cover_svg, source_key
    from .pandoc import write_tree

    assert style is not None  # FORMAT.style: EPUB always has one
    from .coverage import covering_style

    style, _ = covering_style(doc, style)  # a face per role that covers this document's text
    # Group (role, weight) by the font file it resolves to: one subset per file, holding every
    # character any of them shows.
    needed: dict[FontFile, str] = {}
    uses: dict[tuple[str, bool], tuple[FontFile, bool]] = {}
    for (role, bold), chars in _role_texts(doc, style).items():
        font, heavy = _face_for(style, role, bold)
        needed[font] = needed.get(font, "") + chars
        uses[(role, heavy)] = (font, heavy)
    title_font = style.font(style.title.font)
    needed.setdefault(title_font, "")

    with tempfile.TemporaryDirectory(dir=out_path.parent, prefix=".epub-") as work:
        args = ["--epub-title-page=true", "--split-level=1"]
        embedded = {role: f"publish-{role}" for role, _ in uses}  # role -> @font-face family
        files: dict[FontFile, str] = {}
        subsets: dict[FontFile, bytes] = {}
        for index, (font, chars) in enumerate(needed.items()):
            files[font] = f"publish-{index}{'-bold' if font.bold else ''}.otf"
            subsets[font] = subset(font, chars)
            (Path(work) / files[font]).write_bytes(subsets[font])
            args += ["--epub-embed-font", str(Path(work) / files[font])]
        faces = []
        for (role, heavy), (font, _) in uses.items():
            # A role with a bold face: each face for its weight. Without one, the regular face
            # serves every weight, so a reading system draws no synthetic bold (and does not
            # take another family's face for a bold heading).
            has_bold = (role, True) in uses
            weight = "700" if heavy else ("400" if has_bold else "100 900")
            faces.append(
                f'@font-face {{ font-family: "{embedded[role]}"; '
                f'src: url("../fonts/{files[font]}"); font-weight: {weight}; }}'
            )
        css = Path(work) / "style.css"
        css.write_text("\n".join(faces) + screen_css(style, embedded), encoding="utf-8")
        cover = Path(work) / "cover.svg"
        title_font = style.font("title")
        title, date = str(doc.meta.get("title", "")), str(doc.meta.get("date", ""))
        source = source_key(title_font.path, title_font.index)  # what drawn glyphs are kept by
        cover.write_text(cover_svg(title, date, subsets[title_font], source), encoding="utf-8")
        args += ["--css", str(css), "--epub-cover-image", str(cover)]
        write_tree(_opening_chapter(_with_iso_date(doc)), "epub3", out_path, args)
    _finish(out_path, str(doc.meta.get("title", "")))


def _title_page_lines(title: str, lines: tuple[str, ...]) -> str:
    """The splitter's lines, each with a <wbr /> where the splitter allows a break: a screen
    too narrow for a line breaks it there only (the CSS keeps the rest of the title whole)."""
    from ..title_lines import allowed_break

    out, start = [], 0
    compact = title.replace(" ", "") == title
    for line in lines:
        parts, cut = [], 0
        for offset in range(1, len(line)):
            if compact and allowed_break(title, start + offset):
                parts.append(line[cut:offset])
                cut = offset
        parts.append(line[cut:])
        out.append("<wbr />".join(escape(part, quote=False) for part in parts))
        start += len(line)
    return "<br />".join(out)


def _finish(path: Path, title: str) -> None:
    """What pandoc's EPUB writer cannot be told: the title page's title in the splitter's
    lines; the title once (pandoc also heads the text before the first heading with it); a
    run-in heading followed by its paragraph without the white space between them (a reading
    system prints it as a gap)."""
    from ..title_lines import split_title
    from .cover import TITLE_CHARS_PER_LINE

    lines = split_title(title, TITLE_CHARS_PER_LINE)
    heading = f'<h1 class="unnumbered">{escape(title, quote=False)}</h1>'
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    changed = False
    for index, (info, data) in enumerate(items):
        name = info.filename
        if not (name.startswith("EPUB/text/") and name.endswith(".xhtml")):
            continue
        text = data.decode("utf-8")
        new = _join_run_ins(text)
        if name.endswith("title_page.xhtml") and len(lines) > 1:
            new = new.replace(
                f'<h1 class="title">{escape(title, quote=False)}</h1>',
                '<h1 class="title">' + _title_page_lines(title, lines) + "</h1>",
            )
        elif name.endswith("ch001.xhtml"):
            new = new.replace(heading + "\n", "").replace(heading, "")
        if new != text:
            items[index] = (info, new.encode("utf-8"))
            changed = True
    if not changed:
        return
    temporary = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(temporary, "w") as target:
        for info, data in items:  # mimetype first and stored, as EPUB requires: kept as found
            target.writestr(info, data)
    temporary.replace(path)


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
    warm=_warm,
    side_by_side=True,
    parses=True,
)


def _join_run_ins(xhtml: str) -> str:
    """The page with nothing between a run-in heading (found by its class, marks.RUN_IN) and
    the paragraph after it: the line break pandoc writes there would print as a gap."""
    from lxml import etree

    from .. import marks

    if marks.RUN_IN not in xhtml:
        return xhtml
    root = etree.fromstring(xhtml.encode("utf-8"))
    joined = False
    for element in root.iter("{*}h1", "{*}h2", "{*}h3", "{*}h4", "{*}h5", "{*}h6"):
        after = element.getnext()
        if (
            marks.RUN_IN in (element.get("class") or "").split()
            and after is not None
            and etree.QName(after).localname == "p"
            and element.tail
            and not element.tail.strip()
        ):
            element.tail = None
            joined = True
    if not joined:
        return xhtml
    head, _, _ = xhtml.partition("<html")  # the XML declaration and doctype, as pandoc wrote
    return head + etree.tostring(root, encoding="unicode")
