"""structure_rules.toml, read once per process: the numberings, the heading kinds, the title
lexicon and the glued-head words that the heading finders, titles.py and glued.py derive their
patterns from."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

# {name} in a pattern: the numbering of [numbering] so named (a quantifier {1,3} never matches).
_NAMED = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


@cache
def structure_rules() -> dict:
    return tomllib.loads((Path(__file__).parent / "structure_rules.toml").read_text("utf-8"))


def numbering_pattern(pattern: str) -> str:
    """pattern with each {name} replaced by the numbering of [numbering] so named (names may
    stand inside the numberings too); a name [numbering] does not define is an error."""
    numberings = structure_rules()["numbering"]

    def expand(match: re.Match) -> str:
        name = match.group(1)
        if name not in numberings:
            raise KeyError(f"structure_rules.toml: no numbering named {name!r} in [numbering]")
        return numbering_pattern(numberings[name])

    return _NAMED.sub(expand, pattern)
