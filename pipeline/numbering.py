"""Numbered heads: the numbering kinds of structure_rules.toml ([[heading]]), the heading a
line opens with by its numbering (find_heading), the kind and the number a line carries."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from .glued import clause_words
from .line_shapes import (
    MAX_HEADING_CHARS,
    MAX_PLAIN_HEADING_CHARS,
    MAX_SENTENCE_HEADING_CHARS,
    NOT_PLAIN_HEADING,
    SENTENCE_END,
    is_prose,
)
from .numerals import number_in, numeral_value
from .structure_data import numbering_pattern, structure_rules

_GAP = re.compile(r"[ \u3000]{2,}(?=\S)")
_CLAUSE_COMMA = re.compile(r"[，,]")
# A comma between clauses, not one between a date's numbers (教師法:84,8,9 制定公布。).
_CLAUSE_IN_RUN_IN = re.compile(r"，|,(?!\d)")
# A speaker's label: someone asks, answers or says, then a colon.
_SPEAKER = re.compile(r"(?:问|問|答|说|說|表示|指出|回答|提问|提問)[：:]$")
# A name set off by one space heads a text at least this many times as long as it.
_REST_PER_NAME_CHAR = 2
_NAME_MIN_CHARS = 2  # 第七章 文 件 管 理: a letter-spaced name, not a name and its text


def _short_run_in(kind: HeadingKind, line: str, start: int, why: str) -> Heading | None:
    """A run-in head of a kind that heads only as a short first sentence without clauses
    (一是加强培训。 opening its paragraph; 一是工作的主要情况，如…… is an enumeration in prose)."""
    end = SENTENCE_END.search(line, start)
    if not end:  # a line of its own: 第四，公文的特点主要表现在五个方面
        short = len(line) <= MAX_HEADING_CHARS and not _CLAUSE_IN_SENTENCE.search(line, start)
        return Heading(kind.kind, line, "", why) if short else None
    if end.end() - start > MAX_SENTENCE_HEADING_CHARS:
        return None
    if _CLAUSE_IN_SENTENCE.search(line, start, end.start()):
        return None
    return Heading(kind.kind, line[: end.end()], line[end.end() :].lstrip(), why)


_CLAUSE_IN_SENTENCE = re.compile(r"[，,、；;：:]")


# A short label and a colon opening a numbered paragraph: "1、过程的展示性：总结回顾……".
# (The label may open with a quotation mark: 3.“新上规”培育方面:……)
_LABEL_COLON = re.compile(r"[ \u3000]*[“「《]?[\u3400-\u9fff][^，。！？；：:,.!?;\s]{0,15}[：:]")
_LABELLED_TEXT_MIN = 20
LABELLED_WHY = "a label and a colon opening its text"


def opens_with_a_label(line: str) -> bool:
    """A numbered line whose numbering is followed by a short label and a colon, then more
    (2、正文：一般包括以下几个部分：)."""
    kind = numbering_of(line)
    match = kind.pattern.match(line) if kind and kind.pattern else None
    label = _LABEL_COLON.match(line, match.end()) if match else None
    return bool(label and label.end() < len(line))


def is_labelled(line: str) -> bool:
    """A numbered line whose numbering is followed by a short label and a colon, with or
    without more after it (（七）出席对象：, 2、正文：一般包括……)."""
    kind = numbering_of(line)
    match = kind.pattern.match(line) if kind and kind.pattern else None
    return bool(match and _LABEL_COLON.match(line, match.end()))


def is_a_field(line: str) -> bool:
    """A numbered line of a label, a colon and a short value (一、公示起止时间:2018年11月6日到
    11月8日止。): a field of a notice or a form."""
    kind = numbering_of(line)
    match = kind.pattern.match(line) if kind and kind.pattern else None
    label = _LABEL_COLON.match(line, match.end()) if match else None
    if not label or line.endswith(("：", ":")):
        return False
    end = SENTENCE_END.search(line, label.end())
    return (end.end() if end else len(line)) - label.end() < _LABELLED_TEXT_MIN


def _labelled_paragraph(line: str, start: int) -> tuple[str, str] | None:
    """(head, rest) of a numbered paragraph that opens with a short label and a colon, then a
    sentence of clauses (1、以人为本：必须以学生的健康成长为根本目的，关爱学生……。): its first
    sentence heads it. A label over a short value (2、地点：三楼会议室) is a form's field."""
    label = _LABEL_COLON.match(line, start)
    if not label:
        return None
    end = SENTENCE_END.search(line, label.end())
    stop = end.end() if end else len(line)
    text = line[label.end() : stop]
    if len(text) < _LABELLED_TEXT_MIN or not _CLAUSE_COMMA.search(text):
        return None
    return line[:stop], line[stop:].lstrip()


# A question mark ends a head's first part as often as a sentence (……怎么写?……的写法).
_ASKED = ("？", "?")
QUESTION_AND_PHRASE_WHY = "a question and a phrase on one line"


def _a_phrase(text: str) -> bool:
    """A short phrase without a sentence's end or a clause in it: what follows a question on a
    head's line without being its paragraph (心得体会的写法)."""
    text = text.strip()
    return (
        0 < len(text) <= MAX_PLAIN_HEADING_CHARS
        and not SENTENCE_END.search(text)
        and not _CLAUSE_IN_SENTENCE.search(text)
    )


# One space between a head's name and its paragraph's first word.
_ONE_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000](?=[\u3400-\u9fff“「《])")


@dataclass(frozen=True)
class HeadingKind:
    kind: str
    pattern: re.Pattern | None  # None: found by a signal of the page, not by a pattern
    heads: tuple[str, ...]
    not_heads: tuple[str, ...]
    whole_line: bool = False  # the pattern is a heading only as a line of its own
    alone: bool = False  # the numbering alone on a line is a heading too
    sentence: bool = False  # a whole sentence (ending in 。) so numbered can be a heading
    sequence: bool = False  # a head only beside another of its kind numbered next to it
    short: bool = False  # a head only as a short first sentence without clauses (一是加强培训。)
    why: str = ""
    under: tuple[str, ...] = ()  # the kinds whose heads this kind's heads sit under, when used


def _kinds(named: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """One kind named or a list of them, as a tuple."""
    return (named,) if isinstance(named, str) else tuple(named)


@cache
def heading_kinds() -> tuple[HeadingKind, ...]:
    data = structure_rules()
    return tuple(
        HeadingKind(
            h["kind"],
            re.compile(numbering_pattern(h["pattern"])) if "pattern" in h else None,
            tuple(h.get("examples", {}).get("heads", ())),
            tuple(h.get("examples", {}).get("not", ())),
            bool(h.get("whole_line", False)),
            bool(h.get("alone", False)),
            bool(h.get("sentence", False)),
            bool(h.get("sequence", False)),
            bool(h.get("short", False)),
            h.get("why", ""),
            _kinds(h.get("under", ())),
        )
        for h in data["heading"]
    )


@dataclass(frozen=True)
class Heading:
    kind: str
    text: str  # the heading as printed
    rest: str  # the paragraph text that follows a run-in heading ("" for a whole-line heading)
    why: str = ""  # the pattern or signal that made it a heading (for --explain)
    marked: int = 0  # its level as marked in the source (<h2>, "##"), 0 when not marked


# Marks set before a head's numbering (🌟一、2023年工作回顾, ▌1. 背景, ★（一）): pictographs,
# symbols and dingbats (not the dingbat numbers ❶ ➀ of a numbering), geometric shapes.
_LEADING_MARK = re.compile(
    r"^(?:[\U0001F300-\U0001FAFF\u2600-\u2775\u2794-\u27BF\u2B50\u2B55\u25A0-\u25FF"
    r"\u2580-\u259F※][\uFE0F\U0001F3FB-\U0001F3FF]*)+[ \u3000]*"
)


def find_heading(line: str) -> Heading | None:
    """The heading a line opens with, by its numbering, if any; a mark set before the
    numbering stays in the heading's text, as written."""
    mark = _LEADING_MARK.match(line)
    if mark and mark.end() < len(line):
        found = _numbered_heading(line[mark.end() :])
        return replace(found, text=line[: mark.end()] + found.text) if found else None
    if _DIGIT_STOP.match(line):  # 1。述职的自我性。……: 1． that a full stop replaced
        found = _numbered_heading(_DIGIT_STOP.sub(r"\1．", line, count=1))
        if found and found.kind == "arabic":
            cut = len(found.text)
            return replace(found, text=line[:cut], rest=line[cut:].lstrip() if found.rest else "")
        return found
    lost = _LOST_GLYPH.match(line)
    if lost and (kind := numbering_of(line)) and kind.pattern:
        number = kind.pattern.match(line)
        if number and number.end() == lost.end() - 1:
            # 1.? 利用VS……: a sign a converter lost after the numbering, no question's end
            found = _numbered_heading(line[: number.end()] + " " + line[lost.end() :])
            if not found:
                return None
            cut = len(found.text)
            return replace(found, text=line[:cut], rest=line[cut:].lstrip() if found.rest else "")
    return _numbered_heading(line)


# A question mark right after a numbering and before a space (1.? 利用…): a character the
# page's converter could not write (a no-break space, a lost glyph), no question.
_LOST_GLYPH = re.compile(r"^[^?？\s]{1,6}\?(?=[ \u3000])")


def _numbered_heading(line: str) -> Heading | None:
    line = _NUMERAL_STOP.sub(r"\1．", line, count=1)
    for kind in heading_kinds():
        if kind.pattern is None:
            continue
        match = kind.pattern.match(line)
        if not match:
            continue
        why = f"{kind.kind} numbering"
        if kind.short:
            return _short_run_in(kind, line, match.end(), why)
        if kind.whole_line:
            if match.end() == len(line):
                return Heading(kind.kind, line, "", why)
            continue
        if match.end() == len(line):
            if kind.alone:
                return Heading(kind.kind, line, "", why)
            continue
        gap = _GAP.search(line, match.end())
        if (
            gap
            and gap.start() <= MAX_HEADING_CHARS
            and not SENTENCE_END.search(line[: gap.start()])
            and is_prose(line[gap.end() :])
        ):
            # A head set off from its paragraph by spaces only ("第一部分——……的产生  引用了……").
            return Heading(kind.kind, line[: gap.start()], line[gap.end() :], f"{why}, spaced off")
        space = _ONE_SPACE.search(line, match.end(), match.end() + MAX_PLAIN_HEADING_CHARS + 1)
        if (
            space
            and space.start() - match.end() >= _NAME_MIN_CHARS
            and not NOT_PLAIN_HEADING.search(line[match.end() : space.start()])
            and not clause_words().search(line, match.end(), space.start())
            and len(line) - space.end() >= _REST_PER_NAME_CHAR * (space.start() - match.end())
        ):
            # A short name set off from its paragraph by one space ("一、总体要求 坚持……").
            head, rest = line[: space.start()], line[space.end() :]
            return Heading(kind.kind, head, rest, f"{why}, its name set off by a space")
        if labelled := _labelled_paragraph(line, match.end()):
            head, rest = labelled
            return Heading(kind.kind, head, rest, f"{why}, {LABELLED_WHY}")
        if len(line) <= MAX_HEADING_CHARS and not SENTENCE_END.search(
            line, match.end(), len(line) - 1
        ):
            if line.endswith(("；", ";", "，", ",")):
                return None  # a numbered clause is a list item
            if _FORMULA.search(line, match.end()):
                return None  # a numbered step of a calculation ("1. 剩下:(N-1)/5 * 4")
            if _SERIAL.match(line, match.end()):
                return None  # an entry of a register: "1.第28號-消防處福利基金"
            if line.endswith("。") and (
                "，" in line or (not kind.sentence and len(line) > MAX_SENTENCE_HEADING_CHARS)
            ):
                return None  # a numbered sentence (with clauses, or long) is an item
            if line.count("，") >= 2 or "；" in line:
                return None  # a numbered line of several clauses is an item
            if line.endswith(("：", ":")) and _CLAUSE_COMMA.search(line, match.end()):
                return None  # a clause, then what it introduces: "2、在……这里，设置如下："
            if _SPEAKER.search(line, match.end()):
                return None  # 1. 何俊賢議員問：: who speaks, over what is said
            if _CODE_NAME.search(line, match.end()) and not _HAN.search(line, match.end()):
                return None  # 16. Run("Notepad"), 4. AU3:, 1.?: code or debris, no name
            return Heading(kind.kind, line, "", why)
        end = SENTENCE_END.search(line, match.end())
        if end and end.end() <= MAX_HEADING_CHARS and end.end() < len(line):
            if _open_bracket(line[: end.end()]):
                return None  # 1.单项选择题（每小题……。）: the sentence ends inside a bracket
            if _CLAUSE_IN_RUN_IN.search(line, match.end(), end.start()):
                return (
                    None  # 2、怕就怕认真二字，共产党就最讲认真。……: a sentence of clauses opens it
                )
            if end.group(0) in _ASKED and _a_phrase(line[end.end() :]):
                # 2、心得体会怎么写?心得体会的写法: a question and a phrase, no paragraph
                return Heading(kind.kind, line, "", f"{why}, {QUESTION_AND_PHRASE_WHY}")
            return Heading(kind.kind, line[: end.end()], line[end.end() :].lstrip(), why)
        return None
    return None


def _open_bracket(text: str) -> bool:
    """The text leaves a bracket open (（每小题各有四项备选答案。): it stops inside it."""
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


# 1。 at a line's start is 1． that a full stop replaced (nothing else opens a line so).
_DIGIT_STOP = re.compile(r"^(\d{1,2})。(?=[^\d\s。])")
# 一。 at a head's start is 一． that a full stop replaced (the numbering's own mark is ．).
_NUMERAL_STOP = re.compile(r"^([一二三四五六七八九十]{1,3})。(?=[^。]+$)")


# Marks of code or debris in a numbered line without Chinese: a call, a label's colon, a
# question mark a converter left for a lost character.
_CODE_NAME = re.compile(r"[()（）\"“”=:：;?？{}<>\[\]]")
_HAN = re.compile(r"[\u3400-\u9fff]")


# A serial number opening a numbered line's text: the entry of a register, not a head's name.
_SERIAL = re.compile(r"\s*第\s*\d+\s*[號号]")
# Arithmetic: a number or a bracket, an operator, a number or a bracket ("(N-1)/5 * 4", "x = 2").
_FORMULA = re.compile(r"[A-Za-z0-9)）]\s*[*/=×÷]\s*[A-Za-z0-9(（]")


def ordinal_of(heading: Heading) -> int | None:
    """The number a numbered heading carries (一、 -> 1, （3） -> 3, 第十二章 -> 12, Ⅱ -> 2, b、 ->
    2)."""
    kind = numbering_of(heading.text)
    match = kind.pattern.match(heading.text) if kind and kind.pattern else None
    if match and (number := number_in(match.group(0))) is not None:
        return number
    found = NUMERAL.search(heading.text)
    return numeral_value(found.group(0)) if found else None


NUMERAL = re.compile(r"[一二三四五六七八九十\d]+")


@lru_cache(maxsize=4096)
def numbering_of(line: str) -> HeadingKind | None:
    """The numbering kind a line opens with (whether or not the line is a heading)."""
    return next((k for k in heading_kinds() if k.pattern and k.pattern.match(line)), None)


def is_numbered(kind: str) -> bool:
    return kind in _numbered_kinds()


@cache
def _numbered_kinds() -> frozenset[str]:
    return frozenset(k.kind for k in heading_kinds() if k.pattern is not None)
