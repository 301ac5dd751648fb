"""The cleaner's named thresholds, kept as data in thresholds.toml."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path


@cache
def _all() -> dict[str, dict[str, float]]:
    return tomllib.loads((Path(__file__).parent / "thresholds.toml").read_text("utf-8"))


def limit(section: str, name: str):
    """One threshold; a missing name is a KeyError at import time, not a silent default."""
    return _all()[section][name]
