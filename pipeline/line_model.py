"""The learned line classifier: site cruft the rules did not catch, told by general shapes.

A logistic model over features that name no site (line_model_features.py) scores each line of
the text the rules kept; a line goes only where cruft lives and the rules are weak: the runs of
lines above the text's first sentence and below its last, and blocks of short lines (menus,
lists of related articles). Never a line that ends a sentence and is long, a numbered item, a
heading's line, a table row, a withheld mark, or the title the page's metadata gave. Weights
are data (line_model_weights.json, trained on the dev pages by scripts/train_line_model.py);
settings and the lexicon are in line_model.toml. Scoring is pure Python.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from . import markup
from .document import Removal
from .line_model_features import FEATURES, anchors, features, model_data
from .marks import WITHHELD_MARK_RE
from .page import article_start, code_block_lines, paired_fences

HERE = Path(__file__).parent
WEIGHTS_FILE = HERE / "line_model_weights.json"
SIGNAL_LINE_MODEL = "line-model"  # a removal's rule: the model (its score in Removal.score)
_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』）)\]】]*$")
_COLON_END = re.compile(r"[：:]$")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:\.\d+)*[、.．)]"
    r"|第[一二三四五六七八九十百\d]+[章节条篇部分款]|[①-⑳])"
)


# Set while the hook asks a second cleaning what it makes of lines: the model is off there.
_ASKED: ContextVar[bool] = ContextVar("line_model_asked", default=False)


@contextmanager
def asked() -> Iterator[None]:
    """The model off in what runs inside (a second cleaning the hook asks about its lines)."""
    token = _ASKED.set(True)
    try:
        yield
    finally:
        _ASKED.reset(token)


def settings() -> dict[str, Any]:
    """line_model.toml's settings; a region's threshold "cv" read as the weights file's (the
    one leave-site-out CV chose when they were trained), or the default without one."""
    config = model_data()["settings"]
    thresholds = config["thresholds"]
    if "cv" in thresholds.values():
        chosen = json.loads(WEIGHTS_FILE.read_text("utf-8")).get("thresholds", {})
        for region, value in thresholds.items():
            if value == "cv":
                thresholds[region] = float(chosen.get(region, config["cv"]["default"]))
    return config


@cache
def weights() -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float]:
    """(means, scales, weights, intercept), in the order of FEATURES; the file's feature list
    must be FEATURES (a model trained on other features is an error, never a silent misread)."""
    data = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    names = [item["feature"] for item in data["features"]]
    if tuple(names) != FEATURES:
        raise ValueError(f"{WEIGHTS_FILE.name}: its features are not line_model_features'")
    return (
        tuple(item["mean"] for item in data["features"]),
        tuple(item["scale"] for item in data["features"]),
        tuple(item["weight"] for item in data["features"]),
        data["intercept"],
    )


def score_rows(rows: list[list[float]]) -> list[float]:
    """Each row's probability of being the site's."""
    means, scales, coefs, intercept = weights()
    scores = []
    for row in rows:
        z = intercept + sum(
            w * (x - m) / s for x, m, s, w in zip(row, means, scales, coefs, strict=True)
        )
        scores.append(1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0)
    return scores


def scores(lines: list[str]) -> list[float]:
    """Each line's probability of being the site's (in its place among lines)."""
    return score_rows(features(lines))


def candidates(lines: list[str], title: str = "") -> list[bool]:
    """The lines the model may remove: those above the first line of prose (less the few right
    above it: the title's and the byline's place), below the last, or in a block of short lines,
    as far as the settings' thresholds allow; never a line ending a sentence or announcing what
    follows (a colon), a numbered item, a heading, a table row, a withheld mark or the title."""
    allowed = settings()["thresholds"]
    return [region in allowed for region in regions(lines, title)]


def regions(lines: list[str], title: str = "") -> list[str]:
    """Each line's region where the model may remove it ("head", "tail", "block"), or "" (a
    line of prose or one never removed: a table's row, a code block's or a formula's line),
    whatever the settings' regions. A text without a line of prose has no head, tail or block
    to tell from it: nothing."""
    config = settings()
    prose = anchors(lines)
    count = len(lines)
    if not any(prose):
        return [""] * count
    first = prose.index(True)
    last = count - 1 - prose[::-1].index(True)
    spared = first - config["spare_above_text"]
    shown = [markup.unwrap(line) for line in lines]
    short = [
        len(text) <= config["short_max_chars"] and not _SENTENCE_END.search(text)
        for _, text, _ in shown
    ]
    in_block = [False] * count
    index = 0
    while index < count:
        end = index
        while end < count and short[end]:
            end += 1
        if end - index >= config["block_min_lines"]:
            in_block[index:end] = [True] * (end - index)
        index = max(end, index + 1)
    table = set(markup.table_rows(lines)) | set(code_block_lines(lines)) | _math_lines(lines)
    found = []
    for index, (line, (opening, text, _)) in enumerate(zip(lines, shown, strict=True)):
        text = text.strip()
        region = (
            "head"
            if index < min(first, spared)
            else "tail"
            if index > last
            else "block"
            if in_block[index] and first <= index
            else ""
        )
        if (
            not text
            or opening.startswith("#")
            or index in table
            or WITHHELD_MARK_RE.match(line)
            or _NUMBERED.match(text)
            or _COLON_END.search(text)
            or (_SENTENCE_END.search(text) and len(text) > config["sentence_max_chars"])
            or (title and text == title)
        ):
            region = ""
        found.append(region)
    return found


_MATH_FENCE = re.compile(r"^\s*\$\$\s*$")
_MATH_LINE = re.compile(r"^\s*\$\$.*\S.*\$\$\s*$")


def _math_lines(lines: list[str]) -> set[int]:
    """Positions of a display formula's lines ($$ … $$, its fences included): the author's."""
    found = {index for index, line in enumerate(lines) if _MATH_LINE.match(line)}
    return found | set(paired_fences(lines, _MATH_FENCE.match))


def prune(
    kept: list[str],
    written: list[str],
    numbers: dict[str, int],
    title: str = "",
    neutral: Callable[[str], bool] = lambda line: False,
    read: Callable[[str], bool] = lambda line: False,
    reading: Callable[[list[str], bool], tuple[str, ...]] | None = None,
) -> tuple[list[str], list[Removal]]:
    """kept less the lines the model takes for the site's, and their removals. written: the
    same lines as the page wrote them (for the record), numbers: a written line's number,
    title: the title the page's metadata gave (never removed), neutral: the lines the cleaner
    never takes for chrome (page.article_start's). The text never goes whole.

    Above the text (the head) the later stages read lines: read says which the rules read
    (a byline's fields, a date line), never removed there; reading gives what the structure
    stage makes of lines (the title and why, the headings; with True, after a second cleaning,
    which the head's lines may change), and no line of the head goes that changes it, no line
    of a block that changes the title or brings a heading (without reading the head and the
    blocks are never pruned).

    Scored again without the lines removed until none goes, and nothing goes that moves where
    the page signals see the article start (a site's line below a short text tips their
    balance of prose and chrome): what a second cleaning finds is what the first found."""
    if not settings()["enabled"] or _ASKED.get():
        return kept, []
    pairs = list(zip(kept, written, strict=True))
    removals: list[Removal] = []
    read_of: dict[tuple[bool, tuple[str, ...]], tuple[str, ...]] = {}  # what reading made
    while len(pairs) > 1:
        lines = [line for line, _ in pairs]
        gone, found_regions = _cruft(lines, title, read if reading else None)
        for region in ("head", "block") if reading is not None else ():
            asked = {i for i in gone if found_regions[i] == region}
            if not asked:
                continue
            again = region == "head"  # the rules read the head: a second cleaning is asked
            before = _read(read_of, lines, again, reading)
            without = [line for i, line in enumerate(lines) if i not in asked]
            after = _read(read_of, without, again, reading)
            if not _unchanged(region, before, after):
                gone = {i: score for i, score in gone.items() if i not in asked}
        if not gone or len(gone) == len(pairs) or _start_moves(lines, set(gone), neutral):
            break
        removals += [
            Removal(SIGNAL_LINE_MODEL, numbers.get(pairs[i][1], 0), pairs[i][1], round(score, 2))
            for i, score in gone.items()
        ]
        pairs = [pair for i, pair in enumerate(pairs) if i not in gone]
    return [line for line, _ in pairs], removals


def _unchanged(region: str, before: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether what the later stages make of the text stays as it was with the region's lines
    gone: the same in the head; inside the text (a block), the same title and nothing new (a
    heading may go: one the structure made of a menu's entry, or one left with nothing under
    it; but none may come or change its level)."""
    if region == "head":
        return after == before
    return bool(after) and after[:1] == before[:1] and set(after) <= set(before)


def _read(
    read_of: dict[tuple[bool, tuple[str, ...]], tuple[str, ...]],
    lines: list[str],
    again: bool,
    reading: Callable[[list[str], bool], tuple[str, ...]] | None,
) -> tuple[str, ...]:
    """What reading makes of the lines (again: after a second cleaning), asked once."""
    key = (again, tuple(lines))
    if key not in read_of:
        read_of[key] = reading(lines, again) if reading is not None else ()
    return read_of[key]


def _start_moves(lines: list[str], gone: set[int], neutral: Callable[[str], bool]) -> bool:
    """Whether the article's start by the page signals moves (other than by the lines above it
    that go) when the lines gone are gone."""
    before = article_start(lines, neutral)
    after = article_start([line for i, line in enumerate(lines) if i not in gone], neutral)
    return after != before - sum(1 for i in gone if i < before)


def _cruft(
    lines: list[str], title: str, read: Callable[[str], bool] | None = None
) -> tuple[dict[int, float], list[str]]:
    """The lines (by index) the model takes for the site's where it may remove them, with their
    scores, and each line's region where it may. read: the lines the later stages read, never
    removed from the head (None: the head and the blocks are never pruned)."""
    thresholds = settings()["thresholds"]
    found_regions = [
        ""
        if (region == "head" and (read is None or read(markup.unwrap(line)[1].strip())))
        or (region == "block" and read is None)
        else region
        for line, region in zip(lines, regions(lines, title), strict=True)
    ]
    if not any(region in thresholds for region in found_regions):
        return {}, found_regions
    chosen = [index for index, region in enumerate(found_regions) if region in thresholds]
    found = score_rows(features(lines, chosen))
    return {
        index: score
        for index, score in zip(chosen, found, strict=True)
        if score >= thresholds[found_regions[index]]
    }, found_regions
