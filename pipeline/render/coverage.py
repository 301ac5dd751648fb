"""Faces chosen by what a document holds: a role whose face lacks characters of the text it
sets takes, from the style's list for that role, a face that covers them; and a document in
traditional script takes each family's traditional twin where one is installed.

Without this, a page in traditional script set in FandolFang (GB 2312 only) draws every
character FandolFang lacks from the fallback face: a patchwork of two designs inside one
paragraph, whose other metrics push lines off the grid. With it, the whole role changes face
for that document, and the run says so.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from ..fonts import FontFile, resolve, uncovered
from ..marks import NOTE_OPENINGS
from ..script import is_traditional_tag
from ..styles import FALLBACK_ROLES

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style

_HEADING_LINE = re.compile(r"^(#{1,6}) (.*?)(?: \{[^}]*\})?$", re.M)
# A body face that lacks this many of a text's characters or fewer stays the body's face, those
# few drawn from the fallback face (the next in the CSS font-family list): a rare 屛 in a 公文
# once set its whole text in Noto Serif (宋) instead of FandolFang (仿宋). More than this (a text
# in traditional script lacks dozens), and the body changes face whole.
BODY_FEW_LACKING = 3
# Roles that set characters the document does not choose (page numbers) keep their face.
_FIXED_ROLES = ("page_number", *FALLBACK_ROLES)


# A family's twin for traditional script: the same design with the glyph forms of Taiwan and
# its centred punctuation (，。 in the middle of the square, not in its corner). Noto CJK's SC
# face draws 說 and 這 in mainland forms, with mainland punctuation.
TRADITIONAL_TWINS = ((" SC", " TC"), (" CN", " TW"))


def script_style(style: Style, lang: str) -> Style:
    """The style with, for a document in traditional script (its language tag), the traditional
    twins (TRADITIONAL_TWINS) of each role's families first where installed: the faces before
    them hold mainland forms and corner punctuation (FandolFang covers some traditional
    characters, in mainland design); else the style itself."""
    if not is_traditional_tag(lang):
        return style
    roles: dict[str, tuple[str, ...]] = {}
    for role, families in style.font_roles.items():
        twins: list[str] = []
        for entry in families:
            family, colon, weight = entry.partition(":")
            for simplified, traditional in TRADITIONAL_TWINS:
                twin = family.removesuffix(simplified) + traditional + colon + weight
                if family.endswith(simplified) and resolve([twin]):
                    twins.append(twin)
        roles[role] = tuple(dict.fromkeys([*twins, *families]))
    if roles == style.font_roles:
        return style
    return dataclasses.replace(style, font_roles=roles, fingerprint=style.fingerprint + "+hant")


def role_texts(doc: Document, style: Style) -> dict[str, str]:
    """The characters each font role sets in this document."""
    from .. import frontmatter

    _, body = frontmatter.split(doc.markdown)
    title = str(doc.meta.get("title", ""))
    texts: dict[str, str] = {"body": body + str(doc.meta.get("subtitle", ""))}

    def add(role: str, chars: str) -> None:
        texts[role] = texts.get(role, "") + chars

    add(style.title.font, title)
    for hashes, text in _HEADING_LINE.findall(body):
        add(style.heading_levels[len(hashes) - 1].font, text)
    notes = "".join(line for line in body.splitlines() if line.startswith(NOTE_OPENINGS))
    if notes:
        add(style.note.font, notes)
    return texts


def _best_face(style: Style, role: str, text: str) -> tuple[FontFile, list[str]] | None:
    """The face of the role's list that lacks the fewest of text's characters (the first such),
    when the role's own face lacks some; else None."""
    current = style.fonts.get(role)
    if current is None:
        return None
    lacking = uncovered(text, [current])
    if not lacking:
        return None
    best: tuple[FontFile, list[str]] | None = None
    for entry in style.families(role):
        face = resolve([entry])
        if face is None or face == current:
            continue
        missing = uncovered(text, [face])
        if best is None or len(missing) < len(best[1]):
            best = (face, missing)
        if not missing:
            break
    if best is None or len(best[1]) >= len(lacking):
        return None
    return best


def covering_style(doc: Document, style: Style) -> tuple[Style, list[str]]:
    """The style with the faces of the document's script (script_style) and, for each role whose
    face lacks characters of this document, the first face of the role's list that covers them
    (or most of them), but a body face that lacks BODY_FEW_LACKING or fewer; and a warning for
    each."""
    style = script_style(style, str(doc.meta.get("lang", "")))
    changed: dict[str, tuple[str, ...]] = {}
    warnings: list[str] = []
    for role, text in role_texts(doc, style).items():
        if role in _FIXED_ROLES or role not in style.font_roles:
            continue
        current = style.fonts.get(role)
        if role == "body" and current is not None and style.fonts.get("fallback"):
            lacking = uncovered(text, [current])
            if 0 < len(lacking) <= BODY_FEW_LACKING:
                fallback = style.font("fallback").family
                warnings.append(
                    f"style {style.name}: body kept in {current.family}; the "
                    f"{len(lacking)} of its characters it lacks come from {fallback} "
                    f"({''.join(lacking)})"
                )
                continue
        found = _best_face(style, role, text)
        if found is None:
            continue
        face, _ = found
        current = style.fonts[role]
        assert current is not None  # _best_face found none otherwise
        lacking = uncovered(text, [current])
        entry = face.family + (":bold" if face.bold else "")
        changed[role] = (entry, *style.font_roles[role])
        sample = "".join(lacking[:8]) + ("…" if len(lacking) > 8 else "")
        warnings.append(
            f"style {style.name}: {role} set in {face.family}, not {current.family}, which "
            f"lacks {len(lacking)} of its characters ({sample})"
        )
    if not changed:
        return style, warnings
    roles = {**style.font_roles, **changed}
    suffix = "+" + ",".join(f"{role}={families[0]}" for role, families in sorted(changed.items()))
    return dataclasses.replace(
        style, font_roles=roles, fingerprint=style.fingerprint + suffix
    ), warnings
