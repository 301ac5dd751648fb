"""Markdown levels of the headings found: numbered kinds in the order the document first uses
them, heads without numbering placed by what they head."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from functools import cache

from .context_heads import LABELS_OVER_BULLETS_WHY, SHORT_LINE_WHYS
from .line_shapes import (
    CJK,
    HEAD_MIN_CJK,
    SENTENCE_AFTER_RATIO,
    SENTENCE_END,
    bigrams,
    genre_ending,
    is_short_plain,
    title_lexicon,
)
from .numbering import NUMERAL, Heading, heading_kinds, is_numbered, numbering_of, ordinal_of
from .numerals import number_in
from .plain_heads import is_closing_name, is_contents_name, is_section_name, plain_words
from .script import simplified
from .structure_data import structure_rules

_FIRST_OF_SERIES = re.compile(
    r"(?<![\d一二三四五六七八九十])(?:1|第一)(?![\d一二三四五六七八九十])"
)


def first_of_a_series(headings: list[Heading | None]) -> None:
    """A plain head numbered as the first of a series (经典问题1, 第一次作业) right after a plain
    head without a number sits under it (逻辑推理与倒推法 / 经典问题1:猴子分桃), and so do the
    plain heads right after it that differ from it only in the number (第二次作业, 第三次作业);
    with text between the two heads, a 第一 (第一次搭帳篷: the first time, a word) only when
    such a second of the series follows; a 1 (经典问题1) numbers a series on its own."""
    at = [i for i, h in enumerate(headings) if h]
    for before, index in itertools.pairwise(at):
        parent, heading = headings[before], headings[index]
        if parent is None or heading is None:
            continue
        if (
            parent.kind == "plain"
            and heading.kind == "plain"
            and not NUMERAL.search(parent.text)
            and _FIRST_OF_SERIES.search(heading.text)
            and index - before <= _SERIES_GAP_LINES
            and (
                index - before == 1
                or "1" in _FIRST_OF_SERIES.findall(heading.text)
                or _series_goes_on(headings, at, index)
            )
        ):
            headings[index] = replace(
                heading, kind="plain-sub", why=f"{heading.why}, first of a series"
            )
            shape = NUMERAL.sub("#", heading.text)
            for later in at[at.index(index) + 1 :]:  # 第二次作业, 第三次作业: the series goes on
                member = headings[later]
                if member is None or member.kind != "plain" or member.rest:
                    break
                if NUMERAL.sub("#", member.text) != shape:
                    break
                headings[later] = replace(
                    member, kind="plain-sub", why=f"{member.why}, in a series"
                )


_SERIES_GAP_LINES = 2


def _series_goes_on(headings: list[Heading | None], at: list[int], index: int) -> bool:
    """A later plain head differs from the head only in its number (第一次作业 … 第二次作业): a
    series. A head with 第一次 in it and text between it and the head above, alone of its
    shape (第一次搭帳篷 after 出發前的準備 and its paragraph), is the next head beside it."""
    first = headings[index]
    shape = NUMERAL.sub("#", first.text) if first else ""
    return any(
        (member := headings[later]) is not None
        and member.kind == "plain"
        and NUMERAL.sub("#", member.text) == shape
        for later in at[at.index(index) + 1 :]
    )


STACKED_WHY = "the name of a part right over its first subhead, as the text's plain heads stand"
STACKED_SUB_WHY = "the first subhead of the part named right above it"
UNDER_A_HEAD_WHY = (
    "a short line right under a numbered head, its first subhead, as the text's plain heads stand"
)
_STACK_NAME_CHARS = 8  # a part's name may be longer than its subheads, up to this
_STACK_SIBLINGS_MIN = 2  # the text's plain heads of the short-line look, one of them after it


def stacked_heads(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Two short lines without punctuation (no longer than its plain heads), one right over the
    other, after a sentence's end and over a paragraph, in a text whose plain heads are short lines over paragraphs (two or more,
    one after the pair), or right under a numbered head: the name of a part and its first subhead, as a generated guide or a
    report flattens its two levels of heads (调查结果分析 / 经济发展现状 over a paragraph, then
    社会生活变化, 文化传承与发展 beside 经济发展现状). The name heads, the line under it is its
    subhead (plain_levels then keeps the plain heads after it at the subhead's level). So is a
    short line right under a numbered head and over a paragraph in a text whose plain heads
    are found (1. 准备材料 / 面粉 over a paragraph, then 酵母): the numbered part's first
    subhead, which stood over a short line and under a head, where no plain head is found."""
    plain = [
        i
        for i, h in enumerate(headings)
        if h and h.kind == "plain" and not h.rest and h.why.startswith(SHORT_LINE_WHYS)
    ]
    if len(plain) < _STACK_SIBLINGS_MIN:
        return
    longest = max(len(lines[i]) for i in plain)  # no longer than the text's plain heads
    for index in range(1, len(lines) - 2):
        name, sub, under = lines[index], lines[index + 1], lines[index + 2]
        if headings[index] or headings[index + 1] or headings[index + 2]:
            continue
        if index in skip or index + 1 in skip or not plain or plain[-1] < index:
            continue
        if not (_stack_line(name, longest) and _stack_line(sub, longest)):
            continue
        before, above = lines[index - 1], headings[index - 1]
        if above and not is_numbered(above.kind):
            continue  # (under a plain head: a run of three lines, no stack of two)
        if not above and not SENTENCE_END.search(before[-1:]):
            continue  # (under a line running on: a list or a form)
        if _stack_lead_in().search(name):
            continue
        if bigrams(name) & bigrams(sub):
            continue  # (大会主会场 / 大会分会场: two of a kind, captions or a list's items)
        if len(under) < SENTENCE_AFTER_RATIO * len(sub) or not SENTENCE_END.search(under[-1:]):
            continue  # over a paragraph, as the text's plain heads stand
        headings[index] = Heading("plain", name, "", STACKED_WHY)
        headings[index + 1] = Heading("plain-sub", sub, "", STACKED_SUB_WHY)
    for index in range(len(lines) - 2):  # 一、装备准备 / 鞋子 over a paragraph, then 背包
        head, sub, under = headings[index], lines[index + 1], lines[index + 2]
        if not head or head.rest or not is_numbered(head.kind) or plain[-1] < index:
            continue
        if headings[index + 1] or headings[index + 2] or index + 1 in skip:
            continue
        if not _stack_line(sub, longest) or _stack_lead_in().search(sub):
            continue
        if len(under) >= SENTENCE_AFTER_RATIO * len(sub) and SENTENCE_END.search(under[-1:]):
            headings[index + 1] = Heading("plain", sub, "", UNDER_A_HEAD_WHY)


@cache
def _stack_lead_in() -> re.Pattern:
    return re.compile(structure_rules()["levels"]["stack_lead_in"])


def _stack_line(line: str, longest: int) -> bool:
    """A short line of plain words, none of the lines no head (话不多说, 详见下文: a lead-in)."""
    short = len(line) <= max(longest, _STACK_NAME_CHARS)
    return (
        short
        and is_short_plain(line)
        and len(CJK.findall(line)) >= HEAD_MIN_CJK
        and plain_words(line)
    )


# A number opening a head's text, then a space or a mark (2 Evernote-backup 介绍, 三、…).
_LEADING_NUMBER = re.compile(r"^([1-9]\d?|[一二三四五六七八九十]{1,3})(?:[ \u3000]+|[、.．])(?=\S)")
IN_SEQUENCE_WHY = "numbered between its siblings"


def numbered_between_siblings(headings: list[Heading | None]) -> None:
    """A head of another kind (a bold line, a marked one) whose text opens with the number a
    numbered kind's heads leave a gap for (2 Evernote-backup 介绍 between 1 缘由 and 3 下载与安装,
    a Latin name its pattern does not read): one of those siblings, of their kind and level.
    The head before it in that kind is numbered one less, the next one (if any) one more, and
    both write their number as it does (the same mark or space after it)."""
    at = [i for i, h in enumerate(headings) if h]
    for position, index in enumerate(at):
        heading = headings[index]
        if heading is None or heading.rest or is_numbered(heading.kind):
            continue
        match = _LEADING_NUMBER.match(heading.text)
        if not match or (number := number_in(match.group(1))) is None:
            continue
        shape = _number_shape(match.group(0))
        before = next(
            (headings[i] for i in reversed(at[:position]) if _numbered(headings[i])), None
        )
        if before is None or ordinal_of(before) != number - 1:
            continue
        after = next(
            (headings[i] for i in at[position + 1 :] if _of_kind(headings[i], before.kind)), None
        )
        if after is not None and ordinal_of(after) != number + 1:
            continue
        if any(_shape_of(h) != shape for h in (before, after) if h is not None):
            continue
        why = f"{heading.why}, {IN_SEQUENCE_WHY} ({before.kind} numbering)"
        headings[index] = replace(heading, kind=before.kind, why=why)


def _numbered(heading: Heading | None) -> bool:
    return heading is not None and is_numbered(heading.kind)


def _of_kind(heading: Heading | None, kind: str) -> bool:
    return heading is not None and heading.kind == kind


def _number_shape(numbering: str) -> str:
    """How a numbering writes its number: digits or Chinese numerals, then its mark or a space
    (1 and 2 alike, 一、 and 三、 alike; 1、 and 1 not)."""
    shape = _SPACES.sub(" ", numbering)
    return _CN_DIGITS.sub("一", _DIGITS.sub("9", shape))


_SPACES = re.compile(r"[ \u3000]+")
_DIGITS = re.compile(r"\d+")
_CN_DIGITS = re.compile(r"[一二三四五六七八九十]+")


def _shape_of(heading: Heading) -> str | None:
    match = _LEADING_NUMBER.match(heading.text)
    return _number_shape(match.group(0)) if match else None


_PIECE_NUMBER = re.compile(r"\s*[一二三四五六七八九十\d]{1,2}$")
FIRST_PIECE_WHY = "the first piece of a collection, its number left off"


def first_piece_unnumbered(headings: list[Heading | None]) -> None:
    """A collection's first piece often goes without its number (学校安全工作总结范文 over its
    一、 二、, then 学校安全工作总结范文二, …范文三): a plain head that is a later numbered
    piece's title less its number is the first piece, of its kind and level."""
    stems = {
        _PIECE_NUMBER.sub("", heading.text): heading
        for heading in headings
        if heading and heading.kind == "piece-end" and ordinal_of(heading) == 2
    }
    for index, heading in enumerate(headings):
        if heading and heading.kind == "plain" and not heading.rest and heading.text in stems:
            piece = stems[heading.text]
            why = f"{heading.why}, {FIRST_PIECE_WHY}"
            headings[index] = replace(heading, kind=piece.kind, why=why)
            return


_OVER_NUMBERING_MIN = 2
_OVER_NUMBERING_WHY = "right above a numbered head, as the text's other heads of its look"


def heads_over_numbering(headings: list[Heading | None]) -> None:
    """Heads without numbering that stand right above a numbered head (no text between), two or
    more of them in a text whose numbered heads are two or more (核心架构与基本概念 over 问题 1：…,
    模型训练与微调 over 问题 13：…): the names of the parts those numbered heads divide, a level
    above them."""
    numbered: dict[str, int] = {}
    for heading in headings:
        if heading and is_numbered(heading.kind):
            numbered[heading.kind] = numbered.get(heading.kind, 0) + 1
    over = [
        index
        for index, (heading, below) in enumerate(itertools.pairwise(headings))
        if heading
        and below
        and not heading.rest
        and heading.kind in _OVER_NUMBERING_KINDS
        and numbered.get(below.kind, 0) >= _OVER_NUMBERING_MIN
    ]
    if len(over) < _OVER_NUMBERING_MIN:
        over = _lead_of_numbering(headings, numbered)
    for index in over:
        heading = headings[index]
        if heading:
            why = f"{heading.why}, {_OVER_NUMBERING_WHY}"
            headings[index] = replace(heading, kind=_PART_NAME, why=why)


_OVER_NUMBERING_KINDS = ("plain", "bold")
# A document's own name ends in its kind (…实施方案, …工作规范) and may carry a note in brackets
# after it ((试行), (2023—2025年)).
_BRACKETED_NOTE = re.compile(r"[（(][^（()）]{1,14}[）)]$")


def _lead_of_numbering(headings: list[Heading | None], numbered: dict[str, int]) -> list[int]:
    """The head without numbering right before the text's first numbered head (text between
    them or not), when that numbering opens at one and runs to two heads or more (WXS语法 over
    1 WXS介绍 … 2 基础语法, 工作制度 over 一、岗位责任制度 …): it names what they divide, a level
    above them, as on the dev pages where one head stands so (7 pages, none the other way
    once the names below are left out). Not a part every text may have (前言, 引言: beside
    them, 4 pages), nor a document's own name (…实施方案（试行） over 一、总体目标: its parts
    stand at its level, 11 pages)."""
    found = [(i, h) for i, h in enumerate(headings) if h]
    first = next((p for p, (_, h) in enumerate(found) if is_numbered(h.kind)), None)
    if not first:
        return []
    (at, lead), (_, head) = found[first - 1], found[first]
    if lead.rest or lead.kind != "plain":  # (a bold line alone over them: beside them)
        return []
    if numbered.get(head.kind, 0) < _OVER_NUMBERING_MIN or ordinal_of(head) != 1:
        return []
    for (_, above), (_, below) in itertools.pairwise(found[first:]):
        if above.kind == lead.kind and below.kind == head.kind and ordinal_of(below) == 1:
            return []  # 工作措施 over 1、 again: assign_levels makes its kind the numbering's head
    if is_section_name(lead.text) or is_closing_name(lead.text) or is_contents_name(lead.text):
        return []
    text = simplified(lead.text.strip())
    if _BRACKETED_NOTE.search(text) or title_lexicon("issuer").fullmatch(text):
        return []  # …工作规范（试行）, …方案（2023—2025年）: a document's name and its note
    if len(text) >= _DOCUMENT_NAME_MIN and genre_ending().search(text):
        return []  # 广州市全面深化财政体制改革总体方案 (工作制度 over 一、岗位责任制度 names a part)
    return [at]


_DOCUMENT_NAME_MIN = 6


NESTED_WHY = "a part of the numbered head above it, marked at its rank"
_NESTED_MIN = 2  # heads nested between numbers before those after the last number nest too


def nested_between_numbers(headings: list[Heading | None]) -> None:
    """Heads the source marks at one rank (## or <h2>), some numbered in sequence (1、 2、 3、)
    and some not: an unnumbered head between two numbered ones that follow each other (共享存储空间
    between 1、MediaStore 基本知识 and 2、通过Uri读取和写入文件) divides the numbered part above
    it, a level under it, and so does one after the last numbered head when two or more nested
    between them; never the name of a text's part (前言, 总结, 参考资料), which also ends those
    after the last number."""
    marked = [(i, h) for i, h in enumerate(headings) if h and h.marked and not h.rest]
    for mark in {h.marked for _, h in marked}:
        group = [(i, h) for i, h in marked if h.marked == mark]
        counts: dict[str, int] = {}
        for _, heading in group:
            if is_numbered(heading.kind):
                counts[heading.kind] = counts.get(heading.kind, 0) + 1
        if not counts or max(counts.values()) < _NESTED_MIN:
            continue
        kind = max(counts, key=lambda k: counts[k])
        numbered = [(i, ordinal_of(h)) for i, h in group if h.kind == kind]
        plain = [(i, h) for i, h in group if not is_numbered(h.kind)]
        nested: list[int] = []
        for (start, number), (end, following) in itertools.pairwise(numbered):
            if number is None or following != number + 1:
                continue
            for index, heading in plain:
                if start < index < end and not is_section_name(heading.text):
                    nested.append(index)
        if len(nested) >= _NESTED_MIN:
            for index, heading in plain:
                if index < numbered[-1][0]:
                    continue
                if is_section_name(heading.text):
                    break
                nested.append(index)
        for index in nested:
            if nested_head := headings[index]:
                headings[index] = replace(nested_head, why=f"{nested_head.why}, {NESTED_WHY}")


def _nest_levels(found: list[Heading], levels: list[int]) -> list[int]:
    """A nested head (nested_between_numbers) one level down, and with it the heads under it:
    those marked at a lower rank or not marked, until a head marked at its rank or above."""
    out: list[int] = []
    rank = 0  # the mark of the nested head the heads below follow, 0 when none
    for heading, level in zip(found, levels, strict=True):
        if heading.why.endswith(NESTED_WHY):
            rank = heading.marked
        elif heading.marked and (not rank or heading.marked <= rank):
            rank = 0
        out.append(min(level + 1, 6) if rank else level)
    return out


def plain_levels(headings: list[Heading | None]) -> None:
    """Plain heads after a head and its subhead stand at the subhead's level (数据保管, 运算
    under 程序实现与架构 beside 主类), until the next numbered head; but a plain head right above
    a series of plain heads that differ only in a number (第一次作业, 第二次作业) is the series'
    head, and the series its subheads."""
    at = [i for i, h in enumerate(headings) if h]
    nested = False
    for position, index in enumerate(at):
        heading = headings[index]
        if heading is None:
            continue
        if is_numbered(heading.kind) or heading.why == STACKED_WHY:
            nested = False  # (a part named over its first subhead: beside the part above)
        elif heading.kind == "plain-sub" and heading.why != LABELS_OVER_BULLETS_WHY:
            nested = True  # (labels over their bullets subhead their part alone)
        elif heading.kind == "plain" and not heading.rest and nested:
            following = [headings[i] for i in at[position + 1 : position + 3]]
            shapes = [
                NUMERAL.sub("#", h.text)
                for h in following
                if h and h.kind == "plain" and NUMERAL.search(h.text)
            ]
            if len(shapes) == 2 and len(set(shapes)) == 1:
                for i in at[position + 1 :]:
                    member = headings[i]
                    if (
                        member is None
                        or member.kind != "plain"
                        or NUMERAL.sub("#", member.text) not in shapes
                    ):
                        break
                    headings[i] = Heading(
                        "plain-sub", member.text, "", f"{member.why}, in a series"
                    )
                continue
            headings[index] = Heading(
                "plain-sub", heading.text, "", f"{heading.why}, beside a subhead"
            )


def assign_levels(found: list[Heading], continued: dict[str, str] | None = None) -> list[int]:
    """Markdown level of each heading. Numbered kinds take levels in the order the document
    first uses them (GB/T 9704 counts 结构层次 from the first layer used), a kind that sits
    under another (0x010 under 0x01) coming after it. A kind without numbering whose head is
    followed by numbering that starts again (工作措施 / 1、 after 工作目标 / 1、 2、) heads that
    numbering, a level above it; other heads without numbering above the first numbered one
    (前言, 目录, the title of an attached text) stand at level 1 beside it. When the source marks
    every heading (<h2>, "##"), its marks give the levels, unless it marks them all at one rank
    and numbers them (## 4 操作方法, ## 4.1 初始化数据库): the numbering tells them then."""
    marks = {h.marked for h in found if h.marked}
    one_rank = len(marks) == 1 and any(is_numbered(h.kind) for h in found)
    if found and all(h.marked for h in found) and not one_rank:
        marked = sorted(marks)  # the source's own outline
        return _nest_levels(found, [min(marked.index(h.marked) + 1, 6) for h in found])
    unmarked = sum(1 for h in found if not h.marked)
    if not one_rank and marks and unmarked < len(found) - unmarked:
        return _nest_levels(found, _under_the_marks(found, sorted(marks)))
    parents: dict[str, str] = {}  # kind without numbering -> the numbered kind it heads
    seen: set[str] = set()
    for heading, following in itertools.pairwise(found):
        seen.add(heading.kind)
        if (
            not is_numbered(heading.kind)
            and is_numbered(following.kind)
            and (following.kind in seen or heading.kind == _PART_NAME)
            and ordinal_of(following) == 1
        ):
            parents.setdefault(heading.kind, following.kind)
    first_numbered = next((i for i, h in enumerate(found) if is_numbered(h.kind)), None)
    front = {
        index
        for index in range(first_numbered or 0)
        if found[index].kind not in parents
        and not found[index].marked
        and not found[index].why.startswith(_HEADS_ITS_TEXT)
        and found[index].kind != "plain-sub"
    }
    under_front = {  # a subhead of a front head: one level under it
        index
        for index in range(first_numbered or 0)
        if found[index].kind == "plain-sub" and index - 1 in front
    }
    continued = {
        kind: other for kind, other in (continued or {}).items() if other in {h.kind for h in found}
    }
    order: list[str] = []
    for index, heading in enumerate(found):
        kind = continued.get(heading.kind, heading.kind)
        if index not in front | under_front and kind not in order:
            order.append(kind)
    for parent, headed in parents.items():
        if parent in order and headed in order and order.index(parent) > order.index(headed):
            order.remove(parent)
            order.insert(order.index(headed), parent)  # it heads the parts they divide
    under = {k.kind: k.under for k in heading_kinds() if k.under}
    moved = True
    while moved:
        moved = False
        for kind in list(order):
            for above in under.get(kind, ()):
                if above in order and order.index(above) > order.index(kind):
                    order.remove(above)
                    order.insert(order.index(kind), above)
                    moved = True
    rank = {kind: min(level, 6) for level, kind in enumerate(order, 1)}
    for parent, headed in parents.items():  # two kinds of heads over the same numbering: peers
        peers = [p for p, h in parents.items() if h == headed and p in rank]
        if parent in rank and len(peers) > 1:
            rank[parent] = min(rank[p] for p in peers)
    levels = sorted(set(rank.values()))  # no level left empty between them
    rank = {kind: levels.index(level) + 1 for kind, level in rank.items()}
    rank |= {kind: rank[other] for kind, other in continued.items() if other in rank}
    rank |= _closing_parts(found, rank)
    back = _closing_heads(found)
    levels = [
        1 if index in front | back else 2 if index in under_front else rank[h.kind]
        for index, h in enumerate(found)
    ]
    return _under_their_numbers(found, levels)


# A decimal number (2.1, 3.2.1) and the number it divides (2, 3.2) with what follows it.
_DECIMAL = re.compile(r"\s*(\d{1,2}(?:[.．]\d{1,2})+)(?![\d.．])")
_WHOLE = re.compile(r"\s*(\d{1,2}(?:[.．]\d{1,2})*)(?:[、.．\s]|(?=[^\d.．]))")
_DECIMAL_KINDS = ("decimal", "decimal-3")


def _under_their_numbers(found: list[Heading], levels: list[int]) -> list[int]:
    """A decimal head (2.1 说明, 3.2.1) one level under the head whose number it divides (2、官方
    文档, 3.2), where that head was found above it: a head between them of another kind (a
    table's header row taken for a plain head) takes no level from it. The heads under a
    decimal head that moves move with it. The dev annotations put every such head so (33
    decimal heads with their number's head on 12 pages, all one level under it)."""
    out = list(levels)
    for index, heading in enumerate(found):
        if heading.kind not in _DECIMAL_KINDS or heading.marked:
            continue
        match = _DECIMAL.match(heading.text)
        if not match:
            continue
        parts = re.split(r"[.．]", match.group(1))
        whole = ".".join(parts[:-1])
        parent = next((i for i in range(index - 1, -1, -1) if _number_of(found[i]) == whole), None)
        if parent is None or out[index] == out[parent] + 1:
            continue
        delta = out[parent] + 1 - out[index]
        old = out[index]
        out[index] = min(out[index] + delta, 6)
        for after in range(index + 1, len(found)):
            if out[after] <= old or found[after].kind in _DECIMAL_KINDS:
                break
            out[after] = max(1, min(out[after] + delta, 6))
    return out


def _number_of(heading: Heading) -> str | None:
    """The number a head opens with (2、 -> '2', 3.2 -> '3.2'), or the number of a numbered
    head written in words (二、 -> '2', 第一章 -> '1', 第一部分 -> '1')."""
    if heading.rest and not heading.text:
        return None
    match = _WHOLE.match(heading.text)
    if match:
        return re.sub(r"[．]", ".", match.group(1))
    if is_numbered(heading.kind) and heading.kind not in _WORDED_NOT_PARENTS:
        number = ordinal_of(heading)
        return str(number) if number is not None else None
    return None


# Numberings whose number no decimal part divides: (一) and (1) are parts of parts, letters
# and circled numbers mark items.
_WORDED_NOT_PARENTS = ("cn-paren", "arabic-paren", "letter", "letter-lower", "dingbat")


def _under_the_marks(found: list[Heading], marks: list[int]) -> list[int]:
    """Levels of a text whose source marks most of its heads: the marks give theirs, and a
    head the source did not mark (a bold line, a numbered line) sits one level under the
    marked head above it (at the top level above the first)."""
    levels: list[int] = []
    above = 0
    for heading in found:
        if heading.marked:
            above = min(marks.index(heading.marked) + 1, 6)
            levels.append(above)
        else:
            levels.append(min(above + 1, 6))
    return levels


# Kinds of heads without numbering that may close a text after its numbered heads.
_CLOSING_KINDS = ("plain", "bold")


def _closing_parts(found: list[Heading], rank: dict[str, int]) -> dict[str, int]:
    """In a text divided into named parts (核心架构与基本概念 over 问题 1：…), a head without
    numbering whose every one stands after numbered heads of one kind in its part (关键论文
    after 问题 12：…, in each part) closes its part beside them: their level."""
    if not any(h.kind == _PART_NAME for h in found):
        return {}
    closing: dict[str, int] = {}
    for kind in {h.kind for h in found} & set(_CLOSING_KINDS):
        above: set[str] = set()
        for index, heading in enumerate(found):
            if heading.kind != kind:
                continue
            last = next(
                (h for h in reversed(found[:index]) if h.kind == _PART_NAME or is_numbered(h.kind)),
                None,
            )
            above.add(last.kind if last else "")
        if len(above) == 1 and (numbered := above.pop()) and is_numbered(numbered):
            if numbered in rank:
                closing[kind] = rank[numbered]
    return closing


def _closing_heads(found: list[Heading]) -> set[int]:
    """Heads without numbering of a kind that stands only after the text's last numbered head
    (心理表征 after 1、 … 6、; a closing 总结): they close the text beside its numbered heads,
    not under the last of them."""
    last = max((i for i, h in enumerate(found) if is_numbered(h.kind)), default=None)
    if last is None or found[last].kind in _DIVISIONS:
        return set()  # (heads after a chapter, 第一章：…, are its sections, under it)
    closing: set[int] = {  # 总结, 参考资料: a name that closes a text, whatever its kind's heads
        index
        for index in range(last + 1, len(found))
        if found[index].kind in _CLOSING_KINDS and is_closing_name(found[index].text)
    }
    for kind in {h.kind for h in found[last + 1 :]} & set(_CLOSING_KINDS):
        at = [i for i, h in enumerate(found) if h.kind == kind]
        if at[0] > last:
            closing |= set(at)
    return closing


def continued_numberings(lines: list[str]) -> dict[str, str]:
    """Kinds of numbering that go on with the number another kind left off at (一、 then 第二，
    第三，第四， then 5. then 六、: one sequence of sibling heads in mixed schemes), each with
    the kind whose level it takes."""
    continued: dict[str, str] = {}
    last: dict[str, tuple[int, int]] = {}  # kind -> (its last number, the line it stood on)
    for index, line in enumerate(lines):
        kind = numbering_of(line)
        match = kind.pattern.match(line) if kind and kind.pattern else None
        if not kind or not match or (number := number_in(match.group(0))) is None:
            continue
        if kind.kind in _DIVISIONS:
            continue  # 第1篇 over 二、 三、: a division, whose parts number on their own
        if _SUBNUMBER.search(match.group(0)):
            continue  # 3.1 after 2 主题: a part of the missing 3, not a sibling of 2
        if kind.kind not in last and number > 1:
            before = [(at, other) for other, (n, at) in last.items() if n == number - 1]
            if before:
                other = max(before)[1]  # the nearest kind that left off one number short
                continued[kind.kind] = continued.get(other, other)
        last[kind.kind] = (number, index)
    return continued


# A number of a part of a part (3.1, 3.2.1, 1．2): it divides the number before its dot.
_SUBNUMBER = re.compile(r"\d[.．]\d")
# Numberings of a text's divisions (a piece, a part, a chapter): no sibling heads go on with them.
_DIVISIONS = ("piece", "piece-end", "chapter", "part", "section")
# The name of a part found above numbering that starts again: it heads that numbering.
_PART_NAME = "part-name"
# A title with its subtitle under it heads the text that follows it, numbered heads included.
_HEADS_ITS_TEXT = "a title with its subtitle"
