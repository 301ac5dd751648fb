"""A learned signal for plain heads: is a short line without numbering a head of the text?

The rules (plain_heads.py, context_heads.py, not_heads.py) decide each line by its look; this
scores the same lines by their shape alone (length against the page's paragraphs, the marks it
ends in and holds, the lines around it, whether lines of its shape recur between paragraphs,
whether the page numbers its heads, where it stands), with weights trained on the dev pages'
expectations by scripts/train_head_model.py (logistic regression; the weights are data,
head_model_weights.json; scoring is a dot product). No feature names a site or a page's words.

Where it acts (find_headings, after the rules' passes, before the levels): a short line the
rules left as text becomes a plain head when the model is very sure (score >= add), and a plain
head the rules made by its look goes back to text when the model is very sure it is prose
(score <= veto). Never a numbered line, a marked one, a line of a table or a code block, the
title's copy, a line a rule took back from being a head, the byline. `publish clean --explain`
names the model and its score for each head it adds and each it vetoes.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import markup
from .line_shapes import MAX_PLAIN_HEADING_CHARS, PROSE_AROUND_CHARS, SENTENCE_END, is_prose
from .numbering import Heading, find_heading, is_numbered, numbering_of

WEIGHTS_FILE = Path(__file__).with_name("head_model_weights.json")
SIGNAL = "head-model"
# Scores at which the model acts (chosen by scripts/train_head_model.py --cv: leave-site-out
# precision of 0.9 or more for what it adds and for what it vetoes).
# None: the model does not act that way (no threshold reached that precision).
ADD_AT: float | None = None
VETO_AT: float | None = None

CANDIDATE_MAX_CHARS = MAX_PLAIN_HEADING_CHARS
_END_SENTENCE = re.compile(r"[。！？!?…]$")
_END_COLON = re.compile(r"[：:]$")
_END_CLAUSE = re.compile(r"[，,、；;]$")
_INNER_MARK = re.compile(r"[，,、：:；;。！？!?]")
_QUOTE = re.compile(r"[“”\"'《》（）()【】\[\]「」『』]")
_LATIN_DIGIT = re.compile(r"[A-Za-z0-9]")
_DIGIT = re.compile(r"[0-9０-９]")
_HAN = re.compile(r"[\u3400-\u9fff]")
# A sentence's spoken or verbal end (…了, …吧, …一下, …如下): a lead-in or a remark, no name.
_VERB_END = re.compile(r"(?:一下|如下|看看|了|吧|呢|吗|嗎|啊|呀|哦|嘛|的|是|有|在|说|道)$")
# A line that goes on with the one above (a mark or a joining word first).
_GOES_ON = re.compile(r"^(?:[、，,。；;）)」』”]|的|和|与|及|并|但|而|或)")
_PARAGRAPH_END = re.compile(r"[。！？!?：:”」』）)]$")
_SHORT_MARKS = re.compile(r"[，,。！？!?；;：:、]")
# A list's bullet or a sign opening a line (- item, • item, * item, > quote).
_BULLET = re.compile(r"^[-+*•▪◦·>]")
_SIGN = re.compile(r"[^\w\s]")
# The closed class of Chinese function words a sentence is made with and a name rarely is
# (particles, pronouns, adverbs of degree and time, the copula): their share of the line.
_FUNCTION = re.compile(r"[的了着过是在就也都还又才把被让给对向从而且呢吗吧啊很更最太已将会能要]")
_PRONOUN = re.compile(r"我|你|他|她|它|咱|您|自己|大家|这个|那个|這個|那個")
_CODE = re.compile(r"\w=\S|\w\(|[;{}]\s*$")
_INNER_SPACE = re.compile(r"\S[ \u3000]+\S")

FEATURES = (
    "log_length",
    "length_to_median",
    "ends_sentence",
    "ends_colon",
    "ends_clause",
    "inner_mark",
    "quote_or_bracket",
    "latin_digit_share",
    "digit_share",
    "verb_end",
    "bold",
    "next_prose",
    "next_log_ratio",
    "next_ends_sentence",
    "next_goes_on",
    "next_short",
    "prev_prose",
    "prev_paragraph_end",
    "prev_short",
    "position",
    "at_edge",
    "siblings",
    "similar_siblings",
    "numbered_heads",
    "short_share",
    "overlap_after",
    "overlap_before",
    "rule_head",
    "head_next_to_it",
    "bullet",
    "next_bullet",
    "han_share",
    "sign_share",
    "inner_space",
    "next_short_sentence",
    "plain_heads",
    "prose_ends_share",
    "next_code",
    "gap_to_sibling",
    "function_share",
    "pronoun",
)


@dataclass(frozen=True)
class Page:
    """What a line's features need of its page."""

    median: float  # the median length of the page's paragraphs (lines of prose)
    numbered: int  # how many numbered heads the rules found
    short_share: float  # the share of the page's lines that are short
    shapes: tuple[int, ...]  # the lengths of the lines of a head's shape between paragraphs
    plain: int  # how many plain heads the rules found
    ends_share: float  # the share of the page's lines of prose that end a sentence or a colon


def _text(line: str) -> str:
    return markup.unwrap(line)[1] if markup.BOLD_LINE.match(line) else line


def _short(line: str | None) -> bool:
    return line is not None and len(line) <= CANDIDATE_MAX_CHARS and not _SHORT_MARKS.search(line)


def _head_shape(lines: list[str], index: int) -> bool:
    """A short line without marks, not numbered, with a paragraph under it."""
    line = _text(lines[index])
    after = lines[index + 1] if index + 1 < len(lines) else None
    return (
        _short(line)
        and numbering_of(line) is None
        and not markup.HEADING.match(line)
        and after is not None
        and len(after) > len(line)
    )


def page_of(lines: list[str], headings: list[Heading | None]) -> Page:
    prose = sorted(len(line) for line in lines if is_prose(line))
    median = float(prose[len(prose) // 2]) if prose else float(PROSE_AROUND_CHARS)
    numbered = sum(1 for h in headings if h and is_numbered(h.kind))
    short = sum(1 for line in lines if _short(line))
    shapes = tuple(len(lines[i]) if _head_shape(lines, i) else 0 for i in range(len(lines)))
    plain = sum(1 for h in headings if h and h.kind == "plain")
    ended = sum(1 for line in lines if is_prose(line) and _PARAGRAPH_END.search(line))
    ends_share = ended / max(len(prose), 1)
    return Page(median, numbered, short / max(len(lines), 1), shapes, plain, ends_share)


def _bigrams(text: str) -> set[str]:
    han = "".join(_HAN.findall(text))
    return {han[i : i + 2] for i in range(len(han) - 1)}


def _share(part: set[str], whole: str) -> float:
    if not part:
        return 0.0
    return len(part & _bigrams(whole)) / len(part)


def features(
    lines: list[str], index: int, headings: list[Heading | None], page: Page
) -> list[float]:
    raw = lines[index]
    line = _text(raw)
    before = lines[index - 1] if index else None
    after = lines[index + 1] if index + 1 < len(lines) else None
    length = len(line)
    heading = headings[index]
    siblings = [n for i, n in enumerate(page.shapes) if n and i != index]
    similar = [n for n in siblings if abs(n - length) <= max(2, 0.4 * length)]
    grams = _bigrams(line)
    following = " ".join(lines[index + 1 : index + 3])
    return [
        math.log1p(length),
        min(length / max(page.median, 1.0), 3.0),
        float(bool(_END_SENTENCE.search(line))),
        float(bool(_END_COLON.search(line))),
        float(bool(_END_CLAUSE.search(line))),
        float(bool(_INNER_MARK.search(line[:-1]))),
        float(bool(_QUOTE.search(line))),
        len(_LATIN_DIGIT.findall(line)) / max(length, 1),
        len(_DIGIT.findall(line)) / max(length, 1),
        float(bool(_VERB_END.search(line))),
        float(raw != line),
        float(is_prose(after)),
        math.log((1 + len(after or "")) / (1 + length)),
        float(bool(after and SENTENCE_END.search(after[-1:]))),
        float(bool(after and _GOES_ON.match(after))),
        float(_short(after)),
        float(is_prose(before)),
        float(bool(before and _PARAGRAPH_END.search(before))),
        float(_short(before)),
        index / max(len(lines) - 1, 1),
        float(index == 0 or index == len(lines) - 1),
        math.log1p(len(siblings)),
        math.log1p(len(similar)),
        math.log1p(page.numbered),
        page.short_share,
        _share(grams, following),
        _share(grams, before or ""),
        float(bool(heading and heading.kind == "plain" and not heading.rest)),
        float(
            any(0 <= j < len(headings) and headings[j] is not None for j in (index - 1, index + 1))
        ),
        float(bool(_BULLET.match(line))),
        float(bool(after and _BULLET.match(after))),
        len(_HAN.findall(line)) / max(length, 1),
        len(_SIGN.findall(line)) / max(length, 1),
        float(bool(_INNER_SPACE.search(line))),
        float(bool(after and len(after) < PROSE_AROUND_CHARS and _END_SENTENCE.search(after))),
        math.log1p(page.plain),
        page.ends_share,
        float(bool(after and not _HAN.search(after) and _CODE.search(after))),
        _gap(page.shapes, index, len(lines)),
        len(_FUNCTION.findall(line)) / max(len(_HAN.findall(line)), 1),
        float(bool(_PRONOUN.search(line))),
    ]


def _gap(shapes: tuple[int, ...], index: int, count: int) -> float:
    """How far the nearest other line of a head's shape stands, against the page's length
    (heads recur at a section's distance; a list's items stand next to each other)."""
    near = [abs(i - index) for i, n in enumerate(shapes) if n and i != index]
    return min(min(near, default=count), 40) / 40


def candidate(
    lines: list[str], index: int, headings: list[Heading | None], spared: set[int]
) -> bool:
    """A line the model may decide: short, not numbered, not marked, not a spared line (a
    table's or a code block's, the title's copy, the byline's, one a rule took back), and
    either no head or a plain head the rules made by its look (no run-in, no inline one)."""
    if index in spared:
        return False
    raw = lines[index]
    line = _text(raw)
    if not line.strip() or len(line) > CANDIDATE_MAX_CHARS or markup.HEADING.match(raw):
        return False
    if numbering_of(line) is not None or find_heading(line) is not None:
        return False
    heading = headings[index]
    if heading is None:
        return True
    return heading.kind == "plain" and not heading.rest and heading.text == raw


@cache
def weights() -> tuple[tuple[float, ...], tuple[float, ...], tuple[float, ...], float]:
    data = json.loads(WEIGHTS_FILE.read_text("utf-8"))
    found = data["features"]
    if [item["feature"] for item in found] != list(FEATURES):
        raise ValueError(f"{WEIGHTS_FILE.name} does not name the features in order")
    means = tuple(float(item["mean"]) for item in found)
    scales = tuple(float(item["scale"]) for item in found)
    ws = tuple(float(item["weight"]) for item in found)
    return means, scales, ws, float(data["intercept"])


def score(row: list[float]) -> float:
    means, scales, ws, intercept = weights()
    z = intercept + sum(w * (x - m) / s for x, m, s, w in zip(row, means, scales, ws, strict=True))
    return 1 / (1 + math.exp(-min(30.0, max(-30.0, z))))


ADDED_WHY = SIGNAL + ": a short line it scores a head ({score:.2f})"
VETOED = SIGNAL + ": a plain head it scores a line of text"


def apply(
    lines: list[str], headings: list[Heading | None], spared: set[int]
) -> list[tuple[int, float, str]]:
    """Add the plain heads the model is sure of, take back the plain heads it is sure are
    prose; in place. Returns (index, score, "added" | "vetoed") for --explain."""
    if ADD_AT is None and VETO_AT is None:
        return []
    page = page_of(lines, headings)
    decided: list[tuple[int, float, str]] = []
    rows = [
        (index, features(lines, index, headings, page))
        for index in range(len(lines))
        if candidate(lines, index, headings, spared)
    ]
    for index, row in rows:
        found = score(row)
        if headings[index] is None and ADD_AT is not None and found >= ADD_AT:
            why = ADDED_WHY.format(score=found)
            headings[index] = Heading("plain", _text(lines[index]), "", why)
            decided.append((index, found, "added"))
        elif headings[index] is not None and VETO_AT is not None and found <= VETO_AT:
            headings[index] = None
            decided.append((index, found, "vetoed"))
    return decided
