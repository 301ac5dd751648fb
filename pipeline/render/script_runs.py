"""A right-to-left quotation set in one face, its word spaces included.

No face of a style has Arabic or Hebrew; fontconfig draws such letters from a face that has them
(DejaVu Sans), while the spaces between the words, which the style's own face has, stay in that
face. Pango then splits the run into one piece per word and per space, and the spacing that
justifies a line, put on the spaces, is lost at the edges of those pieces: each such line ends
short (3-6 pt). Set in one face, the run is one piece and its spaces take the spacing. The face
is the one fontconfig would have drawn the letters from (the first that has them all).
"""

from __future__ import annotations

import re
import subprocess
from functools import cache

from ..fonts import find_font, uncovered

# Right-to-left scripts (Hebrew, Arabic and its supplements, their presentation forms); the
# check compares such runs by their letters from the same ranges.
RTL_RANGES = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
# Letters of right-to-left scripts, with the spaces and signs between them (not around them).
_RUN = re.compile(f"[{RTL_RANGES}](?:[{RTL_RANGES}\\s.,:;!?'\"()\\-]*[{RTL_RANGES}])?")
_TAGS = re.compile(r"(<[^>]+>)")


def set_in_one_face(html: str) -> str:
    """html with each right-to-left run of its text (not its tags) in a span of the face that
    draws it."""
    if not re.search(f"[{RTL_RANGES}]", html):
        return html
    parts = _TAGS.split(html)
    for index in range(0, len(parts), 2):
        parts[index] = _RUN.sub(_wrap, parts[index])
    return "".join(parts)


def _wrap(match: re.Match) -> str:
    run = match.group()
    family = face_for("".join(sorted(set(run) - set(" \n\t"))))
    if family is None:
        return run
    return f"<span style=\"font-family: '{family}'\">{run}</span>"


@cache
def face_for(characters: str) -> str | None:
    """The family fontconfig picks for these characters, if it has every one of them."""
    charset = " ".join(f"{ord(ch):x}" for ch in characters)
    try:
        family = subprocess.run(
            ["fc-match", "--format", "%{family[0]}", f":charset={charset}"],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    font = find_font(family) if family and "'" not in family else None
    return family if font is not None and not uncovered(characters, [font]) else None
