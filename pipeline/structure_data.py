"""structure_rules.toml, read once per process: the heading kinds, the title lexicon and the
glued-head words that structure.py, titles.py and glued.py derive their patterns from."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def structure_rules() -> dict:
    return tomllib.loads((Path(__file__).parent / "structure_rules.toml").read_text("utf-8"))
