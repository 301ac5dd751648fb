"""The line classifier's features: general shapes of a line and of its place in the text.

Nothing here names a site: length and the share of Han, Latin, digit and punctuation
characters, sentence and clause punctuation, separators, date, time, count and address shapes,
a small lexicon of generic site words (line_model.toml, matched on the simplified line), the
page signals page.py computes, the line's position in the text, its neighbours, the run of
short lines it sits in, whether the page repeats it, and how much of it the text's prose says
(its pairs of Han characters among the prose's, among its frequent ones). FEATURES is the
order of the weights in line_model_weights.json.
"""

from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

from . import markup
from .page import is_chrome, is_prose
from .script import simplified

_HAN = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = re.compile(r"[。！？!?…；;][”’」』）)\]】]*$")
_COLON_END = re.compile(r"[：:]$")
_CLAUSE = re.compile(r"[，,、；;。]")
_SEPARATOR = re.compile(r"\s[|｜/>›»·•▪◆■□●○►→\-–—_]+\s|[|｜›»·•▪◆►→]")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?<!\d)\d{2}\s*年\s*\d{1,2}\s*月|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前|(?:刚刚|昨天|前天)"
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}\b")
_COUNT = re.compile(
    r"\d[\d,.]*\s*(?:万|千)?\s*(?:次|人|条|篇|赞|阅读|浏览|评论|回复|收藏|粉丝|关注|页|个|K|k|w)"
    r"|(?:阅读|浏览|点击|评论|回复|收藏|点赞|赞|踩|顶|分享|转发|人气|热度)\s*(?:量|数|次数)?\s*[：:(（]?\s*\d"
    r"|(?i:\b\d[\d,.]*\s*k?\s*(?:views?|likes?|comments?|replies|reads|stars?|forks?)\b)"
)
_URL = re.compile(
    r"https?://|www\.|\.(?:com|cn|net|org|gov|edu)\b|@\w+\.\w|\S+@\S+"
    # a path alone, ending in a number or a slash (posts/9333/; never 108/06/19, nor a
    # project's owner/name)
    r"|^/?[A-Za-z][\w.-]*(?:/[\w.-]+)*(?:/\d+/?|/)$"
)
_COPYRIGHT = re.compile(r"©|\(c\)|版权|ICP|备案|All rights|Copyright|许可证", re.I)
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:\.\d+)*[、.．)]\s*\S"
    r"|第[一二三四五六七八九十百\d]+[章节条篇部分款]|[①-⑳])"
)
_BRACKETED = re.compile(r"^[【\[〔［][^】\]〕］]*[】\]〕］]$")
_BULLET = re.compile(r"^[-*+•·●○■□▪◆►]\s*")
FREQUENT_MIN = 3  # a pair of Han characters the prose says this often is one of its words

FEATURES = (
    "length",
    "short",
    "han",
    "latin",
    "digit",
    "punct",
    "tokens",
    "sentence_end",
    "colon_end",
    "clause",
    "clause_rate",
    "separators",
    "date",
    "time",
    "count",
    "url",
    "lexicon",
    "lexicon_share",
    "copyright",
    "numbered",
    "bracketed",
    "heading_mark",
    "bullet",
    "chrome",
    "prose",
    "repeated",
    "at_share",
    "head",
    "tail",
    "from_edge",
    "chars_before",
    "chars_after",
    "prev_short",
    "next_short",
    "prev_sentence",
    "next_sentence",
    "prev_lexicon",
    "next_lexicon",
    "short_run",
    "run_lexicon",
    "head_short",
    "tail_short",
    "edge_lexicon",
    "overlap",
    "prose_share",
    "frequent_overlap",
    "symbols",
)


@cache
def model_data() -> dict:
    """line_model.toml: the model's settings and lexicon, read once."""
    return tomllib.loads((Path(__file__).parent / "line_model.toml").read_text("utf-8"))


@cache
def lexicon() -> re.Pattern:
    """The lexicon's words (its Latin words whole, in any case)."""
    data = model_data()["lexicon"]
    words = sorted(data["words"], key=len, reverse=True)
    latin = sorted(data.get("latin", []), key=len, reverse=True)
    pattern = "|".join(re.escape(word) for word in words)
    if latin:
        pattern += r"|(?i:\b(?:" + "|".join(re.escape(word) for word in latin) + r")\b)"
    return re.compile(pattern)


_SHORT_MAX = model_data()["settings"]["short_max_chars"]


class _Line:
    """One line's own measures (text as shown, less a Markdown heading or bold mark)."""

    __slots__ = ("chars", "heading", "lexicon", "sentence", "short", "text")

    def __init__(self, line: str) -> None:
        opening, text, _ = markup.unwrap(line)
        self.text = text.strip()
        self.heading = opening.startswith("#")
        self.chars = len(self.text)
        self.sentence = bool(_SENTENCE_END.search(self.text))
        self.short = self.chars <= _SHORT_MAX and not self.sentence
        self.lexicon = lexicon().findall(simplified(self.text))


@lru_cache(maxsize=4096)
def _measured(line: str) -> _Line:
    return _Line(line)


@lru_cache(maxsize=4096)
def _own(line: _Line, repeated: bool) -> tuple[float, ...]:
    text, chars = line.text, max(line.chars, 1)
    punct = sum(1 for char in text if unicodedata.category(char)[0] in "PS")
    hits = line.lexicon
    return (
        math.log1p(line.chars),
        float(line.short),
        len(_HAN.findall(text)) / chars,
        len(_LATIN.findall(text)) / chars,
        len(_DIGIT.findall(text)) / chars,
        punct / chars,
        math.log1p(len(text.split())),
        float(line.sentence),
        float(bool(_COLON_END.search(text))),
        float(bool(_CLAUSE.search(text))),
        min(1.0, len(_CLAUSE.findall(text)) * 20 / chars),
        math.log1p(len(_SEPARATOR.findall(text))),
        float(bool(_DATE.search(text))),
        float(bool(_TIME.search(text))),
        float(bool(_COUNT.search(simplified(text)))),
        float(bool(_URL.search(text))),
        math.log1p(len(hits)),
        min(1.0, sum(map(len, hits)) / chars),
        float(bool(_COPYRIGHT.search(simplified(text)))),
        float(bool(_NUMBERED.match(text))),
        float(bool(_BRACKETED.match(text))),
        float(line.heading),
        float(bool(_BULLET.match(text))),
        float(is_chrome(text)),
        float(is_prose(text)),
        float(repeated),
    )


def anchors(lines: list[str]) -> list[bool]:
    """Lines of the author's prose: a prose line by the page signals, or a sentence-ended line
    longer than a short line."""
    return [_is_anchor(_measured(line)) for line in lines]


@lru_cache(maxsize=4096)
def _is_anchor(line: _Line) -> bool:
    return is_prose(line.text) or (line.sentence and line.chars > _SHORT_MAX)


def features(lines: list[str], only: list[int] | None = None) -> list[list[float]]:
    """Each line's features, in the order of FEATURES (only: of these lines alone)."""
    measured = [_measured(line) for line in lines]
    count = len(measured)
    seen: dict[str, int] = {}
    for line in measured:
        seen[line.text] = seen.get(line.text, 0) + 1
    prose = [_is_anchor(line) for line in measured]
    first = next((i for i, p in enumerate(prose) if p), count)
    last = next((i for i in range(count - 1, -1, -1) if prose[i]), -1)
    total = sum(line.chars for line in measured) or 1
    prose_chars = sum(line.chars for line, p in zip(measured, prose, strict=True) if p)
    runs = _short_runs(measured)
    counted: dict[str, int] = {}  # the prose's pairs of Han characters, how often each comes
    for line, p in zip(measured, prose, strict=True):
        if p:
            for pair in _pair_list(line.text):
                counted[pair] = counted.get(pair, 0) + 1
    prose_pairs = set(counted)
    frequent = {pair for pair, times in counted.items() if times >= FREQUENT_MIN}
    rows: list[list[float]] = []
    starts = [0]
    for line in measured:
        starts.append(starts[-1] + line.chars)
    for index in range(count) if only is None else only:
        line, before = measured[index], starts[index]
        prev = measured[index - 1] if index else None
        nxt = measured[index + 1] if index + 1 < count else None
        head, tail = float(index < first), float(index > last)
        start, end = runs[index]
        run = measured[start:end]
        run_length = end - start if line.short else 0
        row = [*_own(line, seen[line.text] > 1)]
        row += [
            index / (count - 1) if count > 1 else 0.0,
            head,
            tail,
            math.log1p(min(index, count - 1 - index)),
            before / total,
            (total - before - line.chars) / total,
            float(prev is not None and prev.short),
            float(nxt is not None and nxt.short),
            float(prev is not None and prev.sentence),
            float(nxt is not None and nxt.sentence),
            float(prev is not None and bool(prev.lexicon)),
            float(nxt is not None and bool(nxt.lexicon)),
            math.log1p(run_length),
            sum(1 for item in run if item.lexicon) / len(run) if line.short else 0.0,
            head * line.short,
            tail * line.short,
            max(head, tail) * math.log1p(len(line.lexicon)),
            _overlap(line, prose_pairs, prose[index]),
            prose_chars / total,
            _share(_pairs(line.text), frequent),
            _symbols(line.text),
        ]
        rows.append(row)
    return rows


@lru_cache(maxsize=4096)
def _pairs(text: str) -> frozenset[str]:
    """The line's pairs of Han characters in a row."""
    return frozenset(_pair_list(text))


def _overlap(line: _Line, prose_pairs: set[str], own: bool) -> float:
    """The share of the line's Han pairs that the text's prose (other lines than this one,
    when it is prose) also holds: an author's heading or title speaks of the text's subject,
    a site's menu rarely does."""
    pairs = _pairs(line.text)
    if not pairs or own:
        return 0.0
    return len(pairs & prose_pairs) / len(pairs)


def _short_runs(measured: list[_Line]) -> list[tuple[int, int]]:
    """(start, end) of the run of short lines each line sits in (itself alone when not short)."""
    spans: list[tuple[int, int]] = []
    index = 0
    while index < len(measured):
        end = index + 1
        if measured[index].short:
            while end < len(measured) and measured[end].short:
                end += 1
        spans.extend([(index, end)] * (end - index))
        index = end
    return spans


@lru_cache(maxsize=4096)
def _pair_list(text: str) -> tuple[str, ...]:
    """The line's pairs of Han characters in a row, each as often as it comes."""
    han = "".join(_HAN.findall(simplified(text)))
    return tuple(han[i : i + 2] for i in range(len(han) - 1))


def _share(own: frozenset[str], other: set[str]) -> float:
    """The share of own that other holds (0 for nothing of its own)."""
    return len(own & other) / len(own) if own else 0.0


@lru_cache(maxsize=4096)
def _symbols(text: str) -> float:
    """The share of symbols in the line (emoji, arrows, signs, marks: a button's, a promo's)."""
    return sum(1 for char in text if unicodedata.category(char)[0] == "S") / max(len(text), 1)
