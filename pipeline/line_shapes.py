"""The look of one line, shared by the heading finders: sentence ends, prose, short lines
without punctuation, a notice's dated and numbered lines, the title lexicon's document genres;
the bounds (structure thresholds) they measure lines against."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from . import markup
from .structure_data import structure_rules
from .thresholds import limit

MAX_HEADING_CHARS = limit("structure", "max_heading_chars")
MAX_PLAIN_HEADING_CHARS = limit("structure", "max_plain_heading_chars")
MAX_SENTENCE_HEADING_CHARS = limit("structure", "max_sentence_heading_chars")
PROSE_AROUND_CHARS = limit("structure", "prose_around_chars")
BYLINE_MAX_CHARS = limit("structure", "byline_max_chars")

SENTENCE_END = re.compile(r"[。！？!?]")
CLAUSE_MARK = re.compile(r"[，,、：:；;]")
DATE_LINE = re.compile(
    r"^(?:\d{4}|[一二三四五六七八九〇○零OXx＊*]{4}|20[X＊*x]{2})\s*年"
    r"\s*[\d一二三四五六七八九十X＊*]{1,3}\s*月(?:\s*[\d一二三四五六七八九十X＊*]{1,3}\s*日)?$"
)
# A speech's subtitle under its title: "——在2024年度总结表彰大会上的讲话".
SUBTITLE = re.compile(r"^[—－-]{1,2}\s*\S.{1,60}$")
# A line that opens with a dash but is no subtitle: a list's bullet (- 心理表征……), an arrow
# (--> brightness).
NOT_A_SUBTITLE = re.compile(r"^(?:-(?!-)|-+>)")
# A document number under a notice's title: "X政办发〔2024〕12号".
DOCUMENT_NUMBER = re.compile(r"^\S{1,16}[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d{1,4}号$")
NOT_PLAIN_HEADING = re.compile(
    r"[，,。！？!?；;：:、…“”\"'《》|｜]|\d{4}|\d{1,4}\s*号[）)〕\]］]?$|^[\W\d_]+$|^[^\u3400-\u9fff]*$|\[[^\]]*\]|^[（(【〔].*[）)】〕]$|^(?:图片|图像|配图|插图|动图|视频|音频)$"
    r"|^(?:图|表|附图|附表|(?i:fig(?:ure)?\.?|table))\s*\d{1,3}(?:[-.．]\d{1,3})*(?!\d)"
    r"|(?:记者|記者|通讯员|通訊員)\s*[\u3400-\u9fff]{2,3}$"
)  # [a tag] in ASCII brackets marks a promotion or a category label; （完） is a note; 图片 is
# the placeholder of a picture the copy dropped; a line ending in a document's number
# (中华人民共和国主席令（九届第37号）) names the document, it heads nothing; 图1 …, 表 2-3 … is
# a figure's or a table's caption


def is_prose(line: str | None) -> bool:
    return line is not None and len(line) >= PROSE_AROUND_CHARS and not markup.HEADING.match(line)


def is_short_plain(line: str) -> bool:
    """A short line without punctuation: one of a run of them is a verse, a list or a
    signature, not a heading."""
    return len(line) <= MAX_PLAIN_HEADING_CHARS and not NOT_PLAIN_HEADING.search(line)


@cache
def title_lexicon(name: str) -> re.Pattern:
    """A pattern of structure_rules.toml's [title] lexicon."""
    data = structure_rules()
    return re.compile(data["title"][name])


def genre_ending() -> re.Pattern:
    """Document titles end with the kind of document they are (…的通知, …工作规则)."""
    return title_lexicon("genre_ending")


_BROKEN_TITLE_MAX_CHARS = 30


def titleish(line: str) -> bool:
    """A short line without punctuation but 《》 (a document's title may quote another)."""
    return (
        0 < len(line) <= _BROKEN_TITLE_MAX_CHARS
        and not NOT_PLAIN_HEADING.search(line.replace("《", "").replace("》", ""))
        and not markup.HEADING.match(line)
    )


# A date or a time: a line with one is a byline or a signature, never a list's head.
DATE_OR_TIME = re.compile(r"\d{1,2}\s*[月日时:：]|\d{4}\s*[-/.]\s*\d")


def in_order(part: str, whole: str) -> bool:
    """Every character of `part` is in `whole`, in the same order (a cut copy, a keyword made
    of a title's words)."""
    rest = iter(whole)
    return all(char in rest for char in part)


def bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if _CJK_PAIR.fullmatch(text[i : i + 2])}


_CJK_PAIR = re.compile(r"[\u3400-\u9fff]{2}")
SENTENCE_AFTER_RATIO = 3
CJK = re.compile(r"[\u3400-\u9fff]")
HEAD_MIN_CJK = 2


TITLE_MAX_CHARS = 30


@lru_cache(maxsize=4096)
def line_key(text: str) -> str:
    """Comparable form of a line: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# Attachment notes (附件说明, GB/T 9704 §7.3.4): "附件：1. 名称", then "2. 名称" lines.
ATTACHMENT_FIRST = re.compile(r"^附\s*件\s*[：:]\s*\S")
ATTACHMENT_NEXT = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
