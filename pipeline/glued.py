"""Heads glued to their text: split them onto lines of their own before headings are found.

Text pulled out of PDFs and slide decks often loses the line breaks around heads:
  "第1章总则1.1培训目的与意义本标准旨在规范……。1.2法律法规与行业标准本标准依据……"
  "第一章 总则第一条 为了规范……"        "第六讲 组织，第一节 组织概述 ……"
  "……竞赛承 諾 書我們仔細閱讀了……"     "商品订货流程 一、流程 各商品部…… 二、流程说明：1、……"
  "绩效管理细则（通用10篇）绩效管理细则1一、总则为了……"
A head is split off only on evidence: at the start of a line, a numbering of sections whose
name ends where the next numbering, a word that opens a sentence (structure_rules.toml
[glued] openers, after a name with no verb of a clause), the name's own first word, or a comma
begins; inside a line, a numbering that continues the document's sequence right after a
sentence ends (1.2 after 1.1, 第一节 after 第四章, 第2章 after 第1章), a chapter followed at once
by its first section (第1章…1.1), a head split off before that comes again between commas (a
slide deck's outline, then the section's slide); numbered heads set off by spaces that run in
sequence (and the name of a part before their numbering starts again); a collection's title
and its first piece's name; a letter-spaced run of single characters (承 諾 書).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache

from .numerals import number_in, numeral_value
from .run_on import run_on_cuts, tail_head_cut
from .structure_data import numbering_pattern, structure_rules
from .thresholds import limit

MAX_HEADING_CHARS = limit("structure", "max_heading_chars")
# The name of a glued head: at least this many and at most this many characters.
_NAME_MIN, _NAME_MAX = 2, 30
# The text a head is split from: at least this long.
_REST_MIN = 20


@cache
def _numbering(name: str) -> str:
    """A numbering of structure_rules.toml [numbering] ({name} expanded)."""
    return numbering_pattern(f"{{{name}}}")


@cache
def _head() -> re.Pattern:
    """Numberings that open a glued head (the kinds a document's sections are numbered with)."""
    return re.compile(
        rf"(?P<chapter>{_numbering('chapter')})\s*"
        rf"|(?P<section>{_numbering('section')})\s*"
        rf"|(?P<part>{_numbering('part')})(?:[：:、\s]+|[—－]{{1,2}}\s*)"
        rf"|(?P<decimal>{_numbering('decimal')})(?!\.)\s*"
        rf"|(?P<cn>{_numbering('cn')}|{_numbering('cn_spaced')})"
        rf"|(?P<bare>{_numbering('bare_number')})[ \u3000]*"
    )


@cache
def _next() -> re.Pattern:
    """Numberings a glued head's name stops at (the next head, an article, a list item)."""
    named = ("chapter", "section", "article", "decimal", "cn", "cn_paren", "arabic", "arabic_dash")
    return re.compile("|".join(_numbering(name) for name in named))


# What a head's name holds: no clause or sentence punctuation.
_NAME_STOP = re.compile(r"[，,。！？!?；;：:、]")
# A slide number or page number glued after a head, then a comma: "文书的处理156，".
_TRAILING_NUMBER = re.compile(r"\d{1,4}(?=[，,])")
_SENTENCE_END = re.compile(r"[。！？!?][,，]?")
# A letter-spaced head inside a line: single characters with spaces between (承 諾 書).
# Glued on both sides ("……競賽承 諾 書我們……"): a run at a line's start is a letter-spaced
# name ("郑 亮 暨南大学教授"), a run at its end the last word's character and a spaced label
# (……新华每日电讯 要 闻), and a whole line of it is found as a line (plain_heads.py).
_SPACED_RUN = re.compile(
    r"(?<=[\u3400-\u9fff])[\u3400-\u9fff](?:[ \u3000][\u3400-\u9fff]){2,}(?=[\u3400-\u9fff])"
)
_SPACED_RUN_CUT = re.compile(_SPACED_RUN.pattern.removeprefix("(?<=[\\u3400-\\u9fff])"))
_SPACED_RUN_MAX = 8
# Single characters with spaces between, wherever they stand (共 产 党).
_SPACED_WORD = re.compile(r"[\u3400-\u9fff](?:[ \u3000][\u3400-\u9fff]){2,}")
_DATE_CHARS = set("年月日时分秒")


@cache
def _glued_data() -> dict:
    return structure_rules()["glued"]


@cache
def openers() -> re.Pattern:
    return re.compile("|".join(_glued_data()["openers"]))


@cache
def closers() -> re.Pattern:
    """A word that ends a head's name, then no word that goes on with it."""
    return re.compile(f"(?:{_glued_data()['closers']})(?![的和与及之等])(?=[\u3400-\u9fff])")


def spaced_words(run: str) -> bool:
    """Single characters with spaces between that hold a word only a sentence holds (载 和 预,
    序 或 其): a sentence's words spaced out by a broken layout, not a letter-spaced head."""
    return bool(set(run) & set(_glued_data()["sentence_chars"]))


@cache
def _second_closer() -> re.Pattern:
    """A second word that ends heads' names, right after the first (保障措施), then anything."""
    return re.compile(f"(?:{_glued_data()['closers']})(?![的和与及之等])")


@cache
def clause_words() -> re.Pattern:
    return re.compile(_glued_data()["clause_words"])


def name_end(line: str, start: int, *, comma: bool = False, run_on: bool = False) -> int | None:
    """Where the name of a head whose numbering ends at start stops, or None when nothing
    shows it (the line is then left as it is). comma: a comma ends the name too (the heads of
    chapters and sections, whose names never hold one; slides joined by commas). run_on: the
    line is a section of a paragraph that lost its line breaks, where a word that ends heads'
    names (总体要求, 工作措施) ends the name too."""
    name = line[start:]
    stops = []
    if next_numbering := _next().search(name, _NAME_MIN):
        stops.append(next_numbering.start())
    worded = []  # stops shown by words: only after a name that holds no verb of a clause
    if opener := openers().search(name, _NAME_MIN):
        worded.append(opener.start())
    if run_on and (
        closer := next((c for c in closers().finditer(name) if c.end() >= _NAME_MIN), None)
    ):
        following = _second_closer().match(name, closer.end())  # 保障措施: two such words, one name
        worded.append(following.end() if following else closer.end())
    first_word = name[:2]
    if re.fullmatch(r"[\u3400-\u9fff]{2}", first_word):
        again = name.find(first_word, 4)
        if again > 0 and name[again - 1] != "的":  # not 评论的基础…: a phrase going on
            worded.append(again)
    punctuation = _NAME_STOP.search(name)
    stops += [
        at
        for at in worded
        if not clause_words().search(name, 0, at)
        and not (punctuation and at == punctuation.start())  # 三、保障措施。要……: its stop shows it
    ]
    if punctuation:
        if comma and name[punctuation.start()] in "，," and punctuation.start() >= _NAME_MIN:
            number = _TRAILING_NUMBER.search(name, 0, punctuation.start() + 1)
            stops.append(number.start() if number else punctuation.start())
        limit_at = punctuation.start()
    else:
        limit_at = len(name)
    stops = [s for s in stops if _NAME_MIN <= s <= min(limit_at, _NAME_MAX)]
    if not stops:
        return None
    return start + min(stops)


def _split_at_start(
    line: str, *, inside: bool = False, run_on: bool = False
) -> tuple[str, str] | None:
    """(head, rest) of a line that opens with a glued head, or None. Chapter, section and
    part heads are split off any line; other numberings only off a line that holds a sentence
    or is too long to be a heading of its own. inside: the head stands inside a line, after a
    sentence (chapters named in a row there are a sentence's, not heads)."""
    match = _head().match(line)
    if not match:
        return None
    strong = bool(match.group("chapter") or match.group("section") or match.group("part"))
    short = len(line) <= MAX_HEADING_CHARS and not _SENTENCE_END.search(line)
    if not strong and short and not run_on:  # a run-on section's head may hold a short text
        return None
    end = name_end(line, match.end(), comma=strong, run_on=run_on)
    if end is None:
        return None
    rest = line[end:].lstrip(" \u3000，,")
    if len(rest) < _REST_MIN:
        return None
    after = _head().match(rest)
    in_a_row = (
        after is not None
        and after.lastgroup == match.lastgroup
        and _value(after) == (_value(match) or 0) + 1
    )
    if in_a_row and (inside or match.group("cn")):
        return None  # "……。第1章介绍背景，第2章介绍需求", "一、调研 二、设计": items in a row
    return line[:end].rstrip(), rest


def _value(match: re.Match) -> int | None:
    """The number of a head's numbering (第2章 -> 2, 1.3 -> 3, 四、 -> 4)."""
    for group in ("chapter", "section", "cn", "bare"):
        if match.group(group):
            return number_in(match.group(group))
    if match.group("decimal"):
        return _decimal(match)[1]
    return None


def _decimal(match: re.Match) -> tuple[int, int]:
    """(1, 3) of a decimal numbering 1.3."""
    major, minor = match.group("decimal").split(".")
    return int(major), int(minor)


class _Sequence:
    """The numbering of the heads met so far, and what may come next."""

    def __init__(self) -> None:
        self.chapter: int | None = None
        self.section: int | None = None
        self.decimal: tuple[int, int] | None = None
        self.heads: list[str] = []  # the heads split off so far (a table of contents' entries)
        self.chapters: set[int] = set()  # the chapters the whole text names (第一章, 第二章, …)
        # words the text spaces out more than once (中国共 产 党 … 共 产 党): a site's way past a
        # word filter, no head glued inside a line
        self.spaced_again: set[str] = set()

    def see(self, match: re.Match) -> None:
        if match.group("chapter"):
            self.chapter = number_in(match.group("chapter"))
            self.section = self.decimal = None
        elif match.group("section"):
            self.section = number_in(match.group("section"))
        elif match.group("decimal"):
            self.decimal = _decimal(match)

    def continues(self, match: re.Match) -> bool:
        if match.group("chapter"):
            value = number_in(match.group("chapter"))
            return value == (self.chapter or 0) + 1
        if match.group("section"):
            number = number_in(match.group("section"))
            return self.chapter is not None and number == (self.section or 0) + 1
        if match.group("decimal"):
            major, minor = _decimal(match)
            if self.decimal is not None and (major, minor) == (
                self.decimal[0],
                self.decimal[1] + 1,
            ):
                return True
            return minor == 1 and major == self.chapter and self.decimal is None
        return False


def _chapter_then_section(line: str, at: int, match: re.Match) -> bool:
    """第1章培训评估概述1.1…, 第一章总则第一条…: a chapter whose first section or article
    follows its name at once."""
    if not match.group("chapter"):
        return False
    chapter = number_in(match.group("chapter"))
    after = re.compile(rf"{chapter}\.1(?!\d)|{_numbering('article')}")
    found = after.search(line, match.end(), match.end() + _NAME_MAX + 4)
    return found is not None and not _NAME_STOP.search(line, match.end(), found.start())


def split_glued_heads(lines: list[str]) -> list[str]:
    """Lines with the heads glued to their text moved onto lines of their own."""
    return split_glued(lines)[0]


def split_glued(lines: list[str]) -> tuple[list[str], set[str]]:
    """(lines with the heads glued to their text moved onto lines of their own, the pieces cut
    out of longer lines) - --explain tells a head found on such a piece."""
    sequence = _Sequence()
    chapter = re.compile(_numbering("chapter"))
    sequence.chapters = {
        number
        for line in lines
        for match in chapter.finditer(line)
        if (number := number_in(match.group(0))) is not None
    }
    spaced = Counter(m.group(0) for line in lines for m in _SPACED_WORD.finditer(line))
    sequence.spaced_again = {word for word, count in spaced.items() if count > 1}
    out: list[str] = []
    cut: set[str] = set()
    for line in lines:
        pieces = _pieces(line, sequence)
        out.extend(pieces)
        if len(pieces) > 1:
            cut.update(pieces)
    return out, cut


_CLAUSE_BEFORE = re.compile(r"[，,、；;：:（(《“「]$")


def _glued_chapter(text: str, at: int, match: re.Match, sequence: _Sequence) -> bool:
    """第二章 glued to the last word of the text before it (not named inside a clause), in a
    text that names the chapter next to it too (a slide's lone 第一章 is no such evidence)."""
    if match.group("section"):
        return not _CLAUSE_BEFORE.search(text, 0, at)
    if not match.group("chapter") or _CLAUSE_BEFORE.search(text, 0, at):
        return False
    number = number_in(match.group("chapter"))
    return number is not None and bool({number - 1, number + 1} & sequence.chapters)


def _next_cut(text: str, sequence: _Sequence) -> int | None:
    """Where the next glued head inside text (after its first character) begins."""
    cuts = []
    for match in _head().finditer(text, 1):
        at = match.start()
        before = _SENTENCE_END.search(text, max(0, at - 2), at)
        after_sentence = before is not None and before.end() == at
        glues = _glued_chapter(text, at, match, sequence)
        if (
            ((after_sentence or glues) and sequence.continues(match))
            or _chapter_then_section(text, at, match)
        ) and _split_at_start(text[at:], inside=True):
            cuts.append(at)  # only a head whose name shows where it ends
            break
    if (run := _spaced_run(text, 1)) and run.group(0) not in sequence.spaced_again:
        cuts.append(run.start())
    if (again := _head_again(text, sequence, 1)) is not None:
        cuts.append(again[0])
    return min(cuts) if cuts else None


def _head_again(text: str, sequence: _Sequence, start: int) -> tuple[int, str] | None:
    """(position, head) of a head split off before that comes again between commas: a slide
    deck's outline lists its sections, then the slide of the first one opens with its name
    ("7.1 文件和文件系统7.2……7.5文件保护习题，7.1 文件和文件系统，文件系统的……")."""
    found = []
    for head in sequence.heads:
        if len(head) < _HEAD_AGAIN_MIN_CHARS:
            continue
        for comma in "，,":
            at = text.find(head + comma, start)
            if at == 0 or (at > 0 and text[at - 1] in "，,"):
                found.append((at, head))
    return min(found) if found else None


_HEAD_AGAIN_MIN_CHARS = 4
# A collection of pieces on a 范文 page: "绩效管理细则（通用10篇）", its pieces "绩效管理细则1", ….
COLLECTION = re.compile(r"[（(](?:通用|精选|优秀|热门|推荐|最新|实用)?\s*\d{1,3}\s*篇[）)]")
_LEADING_NUMBER = re.compile(r"^\d{1,3}[、.．]\s*")


def collection_stem(line: str) -> str | None:
    """The name a collection's pieces are numbered after ("绩效管理细则" of "1、绩效管理细则（通用
    10篇）"), when line opens with the collection's title."""
    marker = COLLECTION.search(line)
    if not marker:
        return None
    stem = _LEADING_NUMBER.sub("", line[: marker.start()]).strip()
    return stem if len(stem) >= _HEAD_AGAIN_MIN_CHARS else None


# How many pieces a collection's title says it holds, at its end (15篇, （通用10篇）).
_COUNT_AT_END = re.compile(
    r"(?:[（(](?:通用|精选|优秀|热门|推荐|最新|实用|整理|汇总|合集)?\s*\d{1,3}\s*篇[）)]|(?:精选|通用)?\d{1,3}篇)$"
)


# A word naming the collection's kind after its subject (…的一封信范文, …演讲稿大全): its pieces
# are named after the subject alone as well (中秋放假致家长的一封信1).
_KIND_AT_END = re.compile(r"(?:范文|範文|范本|範本|范例|範例|模板|大全)$")


def piece_prefix(stem: str) -> str:
    """The pattern of a piece's name before its number: the collection's stem, its kind word
    at the end (范文, 大全) there or not."""
    base = _KIND_AT_END.sub("", stem)
    if base == stem or len(base) < _HEAD_AGAIN_MIN_CHARS:
        return re.escape(stem)
    return re.escape(base) + f"(?:{_KIND_AT_END.pattern[:-1]})?"


def title_stem(title: str) -> str | None:
    """The name a document's pieces are numbered after when its title names a collection or a
    piece of one (优秀小学生演讲稿15篇, 优秀毕业生演讲稿): the title less its count."""
    stem = _COUNT_AT_END.sub("", title.strip()).strip()
    return stem if len(stem) >= _HEAD_AGAIN_MIN_CHARS else None


def split_title_pieces(lines: list[str], title: str) -> tuple[list[str], set[str]]:
    """(lines with each piece's name cut from the text it is glued to, the names cut): a 范文
    page's pieces are named after its title and numbered from 1 (优秀毕业生演讲稿1各位同学，
    今日……), the page lost the line break after the name. Each piece's number follows the
    last one's."""
    stem = title_stem(title)
    if not stem:
        return lines, set()
    piece = re.compile(piece_prefix(stem) + r"[ \u3000]*(\d{1,2})(?!\d)")
    out: list[str] = []
    cut: set[str] = set()
    expected = 1
    for line in lines:
        match = piece.match(line)
        if not match or int(match.group(1)) != expected:
            out.append(line)
            continue
        expected += 1
        rest = line[match.end() :].lstrip()
        if rest and not _CLAUSE_START.match(rest):
            out += [match.group(0), rest]
            cut.update((match.group(0), rest))
        else:
            out.append(line)
    return out, cut


# What goes on with a name and its number inside one sentence (优秀毕业生演讲稿1篇, …1，…)
_CLAUSE_START = re.compile(r"[篇个份则条，,、。；;：:）)]")


def _piece_cuts(text: str) -> list[int]:
    """A collection's title glued to its first piece's name and text ("绩效管理细则（通用10篇）
    绩效管理细则1一、总则……"): cut after the title and after the piece's name."""
    stem = collection_stem(text)
    marker = COLLECTION.search(text)
    if not stem or not marker:
        return []
    piece = re.compile(re.escape(stem) + r"\s*\d{1,2}(?!\d)").match(text, marker.end())
    return [marker.end(), piece.end()] if piece and piece.end() < len(text) else []


# Numbered heads set off by spaces in a line that lost its line breaks, with the name of the
# next part before its numbering starts again ("商品订货流程 一、流程 各商品部…… 二、流程说明：
# 1、……。商品退货流程 一、流程 ……").
_SPACED_NUMBERED = re.compile(
    r"(?:^|(?<=[ \u3000]))(?P<n>"
    + numbering_pattern("{cn_numeral}")
    + r")、[^\s，。；：:、,.;]{1,10}(?:[：:]|(?=[ \u3000]))"
)
_SPACED_CONTENT_MIN = 6
_PART_BEFORE = re.compile(
    r"(?<=[。！？!?])[\u3400-\u9fff][^\s，。！？；：、,.!?;:]{1,14}[ \u3000]+$"
)


def _spaced_numbered_cuts(line: str) -> list[int]:
    """Where a line whose numbered heads are set off by spaces is cut: before and after each
    head, and before the name of a part whose numbering starts again. Only a line with two or
    more such heads in sequence (一、 二、 …, or 一、 again after a part's name) is cut."""
    heads = list(_SPACED_NUMBERED.finditer(line))
    numbers = [numeral_value(m.group("n")) or 0 for m in heads]  # 0: no numeral, no sequence
    if len(heads) < 2 or numbers[0] != 1:
        return []
    gaps = [b.start() - a.end() for a, b in itertools.pairwise(heads)]
    if any(gap < _SPACED_CONTENT_MIN for gap in gaps) or len(line) - heads[-1].end() < (
        _SPACED_CONTENT_MIN
    ):
        return []  # "一、调研 二、设计 三、实现": items named in a row, each head has its text
    cuts: list[int] = []
    for index, match in enumerate(heads):
        number = numbers[index]
        if index and number != numbers[index - 1] + 1:
            part = _PART_BEFORE.search(line, 0, match.start())
            if number != 1 or not part:
                return []
            cuts.append(part.start())
        cuts += [match.start(), match.end()]
    return [cut for cut in cuts if 0 < cut < len(line)]


def _spaced_run(text: str, start: int = 0) -> re.Match | None:
    if " " not in text and "\u3000" not in text:
        return None
    for match in _SPACED_RUN.finditer(text, start):
        chars = set(match.group(0)) - {" ", "\u3000"}
        if (
            len(match.group(0)) <= 2 * _SPACED_RUN_MAX
            and not chars <= _DATE_CHARS
            and not spaced_words(match.group(0))
        ):
            return match  # not a spaced-out paragraph, nor 年 月 日 (the blanks of a form's date)
    return None


# A paper's title glued to the label of its abstract: "汉代的计时器及相关问题内容提要：……".
_TITLE_OVER_ABSTRACT = re.compile(
    r"[\u3400-\u9fff][^，,。！？!?；;：:、\s]{3,29}?(?=(?:内容提要|内容摘要|摘要|提要)[：:])"
)
# Every glued head holds one of these (a numbering's digits, 第, 、, a space, 篇).
_MAY_HOLD_A_HEAD = re.compile(r"[\d第、 \u3000篇（(要]")


def _pieces(line: str, sequence: _Sequence, *, within: bool = False) -> list[str]:
    """One line cut before each glued head inside it and after each head's name. within: the
    line is a section of a run-on paragraph (its own parts may run on, however short it is)."""
    if not _MAY_HOLD_A_HEAD.search(line):
        return [line]
    run_on_cut = run_on_cuts(line, within=within)
    cuts = _spaced_numbered_cuts(line) or _piece_cuts(line) or run_on_cut
    if not cuts and (paper := _TITLE_OVER_ABSTRACT.match(line)) and paper.end() < len(line):
        cuts = [paper.end()]  # a paper's title glued to its abstract's label
    if not cuts and (tail := tail_head_cut(line)) is not None:
        cuts = [tail]  # a head glued to the end of the paragraph before it
    run_on = bool(run_on_cut) and cuts is run_on_cut
    out: list[str] = []
    for start, end in zip([0, *cuts], [*cuts, len(line)], strict=True):
        segment = line[start:end].strip(" \u3000")
        if not segment:
            continue
        for piece in _glued_pieces(segment, sequence, run_on=run_on):
            if len(piece) < len(line) and run_on_cuts(piece, within=run_on or within):
                out += _pieces(piece, sequence, within=run_on or within)  # its own parts
            else:
                out.append(piece)
    return out


def _glued_pieces(line: str, sequence: _Sequence, *, run_on: bool = False) -> list[str]:
    out: list[str] = []
    rest = line
    while rest:
        if (
            out
            and (run := _SPACED_RUN_CUT.match(rest))
            and not spaced_words(run.group(0))
            and run.group(0) not in sequence.spaced_again
        ):
            out.append(run.group(0))
            rest = rest[run.end() :].lstrip(" \u3000")
            continue
        if (again := _head_again(rest, sequence, 0)) and again[0] == 0:
            out.append(again[1])
            rest = rest[len(again[1]) + 1 :]
            continue
        head = _head().match(rest)
        if head and out and not sequence.continues(head):
            head = None  # inside a line, only the next head of the sequence is split off
        if head:
            sequence.see(head)
        if head and (split := _split_at_start(rest, run_on=run_on and not out)):
            out.append(split[0])
            sequence.heads.append(split[0])
            rest = split[1]
            continue
        cut = _next_cut(rest, sequence)
        if cut is None:
            out.append(rest)
            break
        out.append(rest[:cut].rstrip(" \u3000"))
        rest = rest[cut:]
    return out
