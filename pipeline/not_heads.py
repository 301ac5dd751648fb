"""What the document's context shows to be no head: a run of heads (a table of contents), the
items a colon introduces, a numbered sequence whose lines are mostly articles or that carry the
same name again (a test's 1.单选题 … 3.单选题), a list beside a numbered clause, guessed heads
on a page that marks its own, the items of a bulleted list whose bullet was lost, the subtitle
and byline under a title."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from functools import cache

from . import markup
from .context_heads import SHORT_LINE_WHYS
from .line_shapes import (
    BYLINE_MAX_CHARS,
    CLAUSE_MARK,
    DATE_OR_TIME,
    MAX_PLAIN_HEADING_CHARS,
    MAX_SENTENCE_HEADING_CHARS,
    NOT_A_SUBTITLE,
    SENTENCE_END,
    SUBTITLE,
    is_prose,
    line_key,
)
from .numbering import (
    LABELLED_WHY,
    Heading,
    find_heading,
    heading_kinds,
    is_a_field,
    is_labelled,
    is_numbered,
    numbering_of,
    opens_with_a_label,
    ordinal_of,
)
from .numerals import number_in
from .plain_heads import (
    BOLD_WHY,
    FIELD_LABEL,
    LABELLED_PHRASE_WHY,
    SECTION_NAME_WHY,
    is_contents_name,
)
from .structure_data import numbering_pattern, structure_rules
from .thresholds import limit

HEADING_RUN_MAX = limit("structure", "heading_run_max")


def under_a_title(lines: list[str]) -> set[int]:
    """A subtitle line (——谈谈……) and the short byline under it (the speaker's name): they go
    with the title above them, no heads. A bulleted item (- …) is no subtitle."""
    under: set[int] = set()
    for index, line in enumerate(lines):
        if (
            SUBTITLE.match(line)
            and not NOT_A_SUBTITLE.match(line)
            and not numbering_of(line)
            and not SENTENCE_END.search(line)
        ):
            # (—、 is a mistyped 一、; "——这就是……逻辑。" a sentence after a dash)
            under.add(index)
            if index + 1 < len(lines) and len(lines[index + 1]) <= BYLINE_MAX_CHARS:
                if not SENTENCE_END.search(lines[index + 1]):
                    under.add(index + 1)
    return under


_LIST_PAIR = 2


def _numbered_alike(line: str, kind: str) -> bool:
    numbered = numbering_of(line)
    return numbered is not None and numbered.kind == kind


def _whole_line_run_end(headings: list[Heading | None], start: int) -> int:
    """Where the run of whole-line headings of headings[start]'s kind that starts there ends."""
    first = headings[start]
    end = start
    while (
        end < len(headings)
        and first
        and (other := headings[end])
        and other.kind == first.kind
        and not other.rest
    ):
        end += 1
    return end


def unmark_runs(headings: list[Heading | None], lines: list[str]) -> None:
    """More than HEADING_RUN_MAX whole-line headings of one kind in a row, with no paragraph
    between them, are a table of contents or a list, not headings. A table of contents ends
    where its first entry comes again: that line is the first head of the text. Two numbered
    ones in a row are a list too, unless their kind heads sections elsewhere in the text (a head
    of it over a paragraph: a section left empty)."""
    sectioned = {
        heading.kind
        for index, heading in enumerate(headings[:-1])
        if heading
        and (
            heading.rest
            or not (
                headings[index + 1]
                or _numbered_alike(lines[index + 1], heading.kind)
                or (index and _numbered_alike(lines[index - 1], heading.kind))
            )
        )
    }  # a kind whose heads stand over paragraphs (not beside a line numbered alike: the last
    # of a list stands over a paragraph too)
    start = 0
    while start < len(headings):
        first = headings[start]
        end = start + 1
        if first and not first.rest:
            end = _whole_line_run_end(headings, start)
            again = next(
                (i for i in range(start + 1, end) if _head_key(headings[i]) == _head_key(first)),
                end,
            )
            pair = again - start == _LIST_PAIR and not (
                is_numbered(first.kind) and first.kind in sectioned
            )
            if _goes_on(headings, start):
                pass  # ## 2. 几何体渲染 … ## 10. 后处理效果 after ## 1. …: sections left empty
            elif again - start > HEADING_RUN_MAX or pair:
                for index in range(start, again):
                    headings[index] = None
            if again < end:
                end = again  # the text's first head: a run of its own from there
        start = end


def _goes_on(headings: list[Heading | None], start: int) -> bool:
    """A run of heads the source marks (## 2. … ## 3. …) whose first goes on from a head of
    its kind above it (## 1. 场景准备与遮蔽, over its text): the text's next sections, left
    empty (an outline's), not a table of contents, which comes before the sections it lists."""
    first = headings[start]
    if first is None or not first.marked or not is_numbered(first.kind):
        return False
    number = ordinal_of(first)
    before = next(
        (
            h
            for h in reversed(headings[:start])
            if h and h.kind == first.kind and h.marked == first.marked
        ),
        None,
    )
    return number is not None and before is not None and ordinal_of(before) == number - 1


def _head_key(heading: Heading | None) -> str:
    return line_key(heading.text) if heading else ""


_BULLET = re.compile(r"^[-*+•·]\s+(\S.*)$")
_BULLET_PREFIX_CHARS = 6


def bullet_siblings(lines: list[str]) -> set[int]:
    """Short lines that open as the text's bulleted items do ("心理表征有助于找出规律" beside
    "- 心理表征有助于组织信息"): items of that list whose bullet was lost, not heads."""
    prefixes = {
        match.group(1)[:_BULLET_PREFIX_CHARS]
        for line in lines
        if (match := _BULLET.match(line)) and len(match.group(1)) >= _BULLET_PREFIX_CHARS
    }
    if not prefixes:
        return set()
    return {
        index
        for index, line in enumerate(lines)
        if len(line) <= MAX_PLAIN_HEADING_CHARS and line[:_BULLET_PREFIX_CHARS] in prefixes
    }


_MARKED_HEADS_MIN = 2
_GUESSED = ("plain", "plain-sub")


def unmark_unmarked(headings: list[Heading | None]) -> None:
    """A page that marks its heads (bold lines alone, <h2>) marks them all: a short line it
    leaves plain is a caption or a note (会议现场 under a photo), not a head. A page that marks
    them as headings (<h2>, "##") had the mark at hand for every head: a line it leaves
    unmarked, numbered or not (第二步：设置容器 under ## 开发步骤), is a step or an item of its
    text; a bold line stays, as the page's own lesser mark."""
    marked = [h for h in headings if h and (h.kind == "bold" or h.marked)]
    if len(marked) < _MARKED_HEADS_MIN:
        return
    by_markup = len([h for h in marked if h.marked]) >= _MARKED_HEADS_MIN
    for index, heading in enumerate(headings):
        if not heading or heading.marked or heading.kind == "bold":
            continue
        if heading.why.endswith(BOLD_WHY):
            continue
        if by_markup or (heading.kind in _GUESSED and heading.why.startswith(SHORT_LINE_WHYS)):
            headings[index] = None


def unmark_introduced_lists(lines: list[str], headings: list[Heading | None]) -> None:
    """Numbered lines one under another right after a sentence that ends in a colon (具体做法
    如下： / 1、加强组织领导 / 2、明确工作责任) are the items it introduces, not heads."""
    for index in range(1, len(lines) - 1):
        first = headings[index]
        if not first or first.rest or not is_numbered(first.kind) or headings[index - 1]:
            continue
        if not lines[index - 1].endswith(("：", ":")):
            continue
        end = _whole_line_run_end(headings, index)
        if end - index >= 2:
            for item in range(index, end):
                headings[item] = None


def unmark_items(lines: list[str], headings: list[Heading | None]) -> None:
    """The lines of one numbered sequence (a kind's lines from its 1 until it starts again) are
    heads or items alike: when most of a sequence's lines are long sentences (the articles of
    rules: 一、县政府实行县长负责制。县长主持……), the few whose first sentence looked like a
    run-in head are articles too; beside any line of its sequence that is no head, a run-in
    head holds a short sentence without clauses (1.開頭。寫……), or it is an item too. Another
    sequence of the kind (1、告知函：…； in a list further on) says nothing of this one."""
    for kind, items in _sequences(lines):
        heads = [i for i in items if (h := headings[i]) and h.kind == kind]
        most = len(items) >= _SEQUENCE_TELLS and len(heads) * 2 < len(items)
        if len(heads) == len(items):
            continue
        if not most and all(i in heads or _last_head(lines, i) for i in items):
            continue  # only the text's last line is no head: it heads nothing, cut or not
        for index in heads:
            heading = headings[index]
            if not heading or not (heading.rest or heading.text.endswith("。")):
                continue
            if most or not (heading.rest and _short_head(heading.text)):
                headings[index] = None


_SEQUENCE_TELLS = 3


def _last_head(lines: list[str], index: int) -> bool:
    """The text's last line, numbered as a head is (cut right after it, or a closing head
    over nothing): no head, as it heads nothing, but no item either."""
    return index == len(lines) - 1 and find_heading(lines[index]) is not None


def _paragraph(line: str) -> bool:
    """A line of prose, or a sentence (……写清楚订货品种。)."""
    return is_prose(line) or bool(SENTENCE_END.search(line[-1:]))


def unmark_lists_in_a_row(lines: list[str], headings: list[Heading | None]) -> None:
    """The lines of a numbered sequence that stand one under another, numbered one after
    another, some of them no heads (1、加强组织领导 / 2、各单位要……，……。 / 3、严格考核): a list
    whose short items are items too, not heads; but the last, over items numbered its own way
    (第四，公文的特点 / (1)…), heads them."""
    for kind, items in _sequences(lines):
        heads = [i for i in items if (h := headings[i]) and h.kind == kind]
        if len(items) < _LIST_PAIR or not heads or len(heads) == len(items):
            continue
        if all(i in heads or _last_head(lines, i) for i in items):
            continue  # only the text's last line is no head: it heads nothing, cut or not
        if any(below != above + 1 for above, below in itertools.pairwise(items)):
            continue
        numbers = [_number(lines[i]) for i in items]
        if any(n is None for n in numbers) or any(
            b != a + 1 for a, b in itertools.pairwise(n or 0 for n in numbers)
        ):
            continue
        for index in heads:
            under = lines[index + 1] if index + 1 < len(lines) else ""
            if index + 1 not in items and (other := numbering_of(under)) and other.kind != kind:
                continue  # 第四，公文的特点 over its own (1) (2): it heads them
            headings[index] = None


def _number(line: str) -> int | None:
    kind = numbering_of(line)
    match = kind.pattern.match(line) if kind and kind.pattern else None
    return number_in(match.group(0)) if match else None


def unmark_lists_over_nothing(lines: list[str], headings: list[Heading | None]) -> None:
    """A head heads a paragraph: a numbered sequence of two or more lines under none of which,
    down to the text's end, stands a paragraph (a line of prose or a sentence; the items
    themselves aside),
    none of its heads running into one, is a list or a table of contents closing the text
    (第一章 汽车营销基础 / 第一节 … / 第二章 …), not heads."""
    for kind, items in _sequences(lines):
        heads = [i for i in items if (h := headings[i]) and h.kind == kind]
        if len(items) < _LIST_PAIR or not heads:
            continue
        if any((h := headings[i]) and h.rest for i in heads):
            continue
        item_lines = set(items)
        under = range(items[0] + 1, len(lines))
        if not any(_paragraph(lines[i]) for i in under if i not in item_lines):
            for index in heads:
                headings[index] = None


def unmark_repeated_names(lines: list[str], headings: list[Heading | None]) -> None:
    """Lines of one numbered sequence that carry the same name (1.单选题 … 3.单选题, a test's
    questions numbered under their type) are labels of items, not heads: a text's sections
    are named apart; a collection's pieces are not such items."""
    for kind, items in _sequences(lines):
        if kind in _PIECES:
            continue  # 范文一：学校安全工作总结 / 范文二：学校安全工作总结: a collection's pieces
        names: dict[str, list[int]] = {}
        for index in items:
            heading = headings[index]
            if heading and heading.kind == kind and not heading.rest:
                names.setdefault(_name_of(heading.text), []).append(index)
        for name, same in names.items():
            if name and len(same) > 1:  # (a numbering alone, 01 / 02, has no name to repeat)
                for index in same:
                    headings[index] = None


# A collection's pieces (范文一：…, 篇二：…, …范文3) carry its subject's name, one after another.
_PIECES = ("piece", "piece-end")


def _name_of(text: str) -> str:
    """A numbered head's name: its text after the numbering (a whole-line kind's pattern takes
    the name too: after the number)."""
    kind = numbering_of(text)
    match = kind.pattern.match(text) if kind and kind.pattern else None
    if match and match.end() < len(text):
        return line_key(text[match.end() :])
    return line_key(_LEADING_NUMBER.sub("", text))


_LEADING_NUMBER = re.compile(r"^[\s\d.．、]+")


def _short_head(text: str) -> bool:
    """A short sentence without clauses after its numbering (1.開頭。)."""
    kind = numbering_of(text)
    match = kind.pattern.match(text) if kind and kind.pattern else None
    name = text[match.end() :] if match else text
    return len(name) <= MAX_SENTENCE_HEADING_CHARS and not CLAUSE_MARK.search(name)


_FIRST_NUMBERS = (0, 1)


def _sequences(lines: list[str]) -> list[tuple[str, list[int]]]:
    """The numbered sequences of a text, each the lines of one kind from where its numbering
    starts (at 1 or 0) to where it starts again; a line numbered 2 whose 1 is glued into
    another line goes on with the sequence before it."""
    open_: dict[str, list[int]] = {}
    done: list[tuple[str, list[int]]] = []
    for index, line in enumerate(lines):
        kind = numbering_of(line)
        if not kind:
            continue
        match = kind.pattern.match(line) if kind.pattern else None
        number = number_in(match.group(0)) if match else None
        if kind.kind in open_ and number not in _FIRST_NUMBERS:
            open_[kind.kind].append(index)
        else:
            if kind.kind in open_:
                done.append((kind.kind, open_[kind.kind]))
            open_[kind.kind] = [index]
    return done + list(open_.items())


def unmark_field_sequences(lines: list[str], headings: list[Heading | None]) -> None:
    """A numbered sequence whose every line opens with a label and a colon, one of them or
    more a label over a short value ((一)股东大会届次:2024 年第二次临时股东大会, (六)股权登记日:
    2024 年9月12日), and not all of them heads, is a notice's list of fields: those of them
    found heads because items stand under them ((七)出席对象： / 1、在股权登记日……) are fields
    too, as heads or items alike a sequence's lines are. So are the few of a longer sequence
    with a field in it that were found heads, labelled or not, when most of it is items."""
    for kind, items in _sequences(lines):
        heads = [i for i in items if (h := headings[i]) and h.kind == kind and not h.marked]
        if not heads or len(heads) == len(items):
            continue
        if not any(is_a_field(lines[i]) for i in items):
            continue
        if not all(is_labelled(lines[i]) for i in items) and not _mostly_items(heads, items):
            continue
        for index in heads:
            headings[index] = None


_SEQUENCE_MIN = 3


def _mostly_items(heads: list[int], items: list[int]) -> bool:
    """Fewer than half a sequence's lines (three or more) were found heads: with a field among
    them, they are the notice's items as the rest are (（一）股东大会类型和届次 over its value,
    beside （二）股东大会召集人：董事会 and three more items)."""
    return len(items) >= _SEQUENCE_MIN and len(heads) * 2 < len(items)


def unmark_fields(lines: list[str], headings: list[Heading | None]) -> None:
    """Numbered lines that open with a label and a colon are heads when each holds a paragraph
    (1、以人为本：必须……，……。); when one of them holds a short value (一、公示起止时间:2018年
    11月6日到11月8日止。) they are the fields of a notice, and none is a head."""
    fields: set[str] = set()
    for index, line in enumerate(lines):
        heading = headings[index]
        labelled = heading is not None and heading.why.endswith(LABELLED_WHY)
        if not labelled and is_a_field(line):
            kind = numbering_of(line)
            if kind:
                fields.add(kind.kind)
    for index, heading in enumerate(headings):
        if heading and heading.kind in fields and heading.why.endswith(LABELLED_WHY):
            headings[index] = None


def unmark_field_values(lines: list[str], headings: list[Heading | None]) -> None:
    """A numbered line of a label and a short value, whose label names a field (（五）联系人：
    李老师, 一、活动时间：5月20日) or whose value is a date, a time, a telephone number or a
    word or two (2、性别：女): an item of a notice or a form, no head, alone as well as in a
    run of such fields."""
    for index, heading in enumerate(headings):
        if not heading or heading.rest or heading.marked or not is_numbered(heading.kind):
            continue
        line = lines[index]
        if heading.text != line or line.endswith(("：", ":")):
            continue
        kind = numbering_of(line)
        match = kind.pattern.match(line) if kind and kind.pattern else None
        parts = _FIELD_COLON.split(line[match.end() :] if match else line, 1)
        if len(parts) != 2:
            continue
        label, value = parts[0].strip(), parts[1].strip().rstrip("。")
        if not _FIELD_NAME.fullmatch(label) or len(value) > _FIELD_VALUE_MAX:
            continue
        if _CLAUSE_IN_VALUE.search(value):
            continue  # 以人为本：必须……，……: a paragraph under its label
        if (
            FIELD_LABEL.search(label)
            or DATE_OR_TIME.search(value)
            or _PHONE.search(value)
            or len(value) <= _SHORT_VALUE
        ):
            headings[index] = None


_FIELD_COLON = re.compile(r"[：:]")
_FIELD_NAME = re.compile(r"[\u3400-\u9fff][^，。！？；：:,.!?;\s]{0,7}")
_FIELD_VALUE_MAX = 30
_CLAUSE_IN_VALUE = re.compile(r"[，；;]|,(?!\d)")
_PHONE = re.compile(r"\d{3,4}-?\d{7,8}|1\d{10}")
_SHORT_VALUE = 4


_CONTENTS_MIN = 5


def _text_of_a_section(line: str) -> bool:
    """A line a section's text holds, not a table of contents' entry: a sentence or a clause,
    or a line longer than an entry."""
    return bool(SENTENCE_END.search(line) or CLAUSE_MARK.search(line)) or (
        len(line) > MAX_PLAIN_HEADING_CHARS and not numbering_of(line)
    )  # 第五节 人世对我国汽车市场营销环境的影响复习思考: a long entry, numbered


def unmark_contents(lines: list[str], headings: list[Heading | None]) -> None:
    """Four or more whole-line heads of any kinds one after another with no text between
    them (第一章 汽车营销基础 / 第一节 … / 第二节 … / 复习思考题 / 第二章 …) are a table of
    contents, not the text's heads."""
    at = [i for i, h in enumerate(headings) if h]
    group: list[int] = []
    for index in [*at, len(lines)]:
        heading = headings[index] if index < len(lines) else None
        between = lines[group[-1] + 1 : index] if group else []
        entry = heading is not None and not heading.rest and not SENTENCE_END.search(heading.text)
        if group and entry and not any(_text_of_a_section(line) for line in between):
            group.append(index)
            continue
        if len(group) >= _CONTENTS_MIN and not _goes_on(headings, group[0]):
            first, again = _contents_again(lines, group)
            for member in group:
                if first <= member < again:
                    headings[member] = None
        group = [index] if entry else []


def _unnumbered_key(line: str) -> str:
    """A line's key without its numbering (1 总则 and 总则 alike)."""
    return line_key(_LEADING_NUMBER.sub("", line)) or line_key(line)


# A head's number at a line's start (1, 1.1, 一、, （二）, 第三章).
_LEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十百零〇\d]{1,4}[章节部分篇条]|[（(]?[一二三四五六七八九十\d]{1,3}"
    r"(?:[.．]\d{1,2})*(?:[）)、.．]|(?=[ \u3000])))[ \u3000]*"
)


def _contents_again(lines: list[str], group: list[int]) -> tuple[int, int]:
    """(first, past last) of the table of contents among a group of heads with no text between:
    it ends where one of its entries comes again, numbered or not (总则 … 8 附则 / 1 总则), the
    text's first head; the heads above its first entry (the name of the document it lists)
    head the document. The whole group when no entry comes again."""
    seen: dict[str, int] = {}
    for index in range(group[0], group[-1] + 1):
        key = _unnumbered_key(lines[index])
        if key in seen and index in group:
            start = seen[key]
            return (start if start > group[0] else group[0]), index
        seen.setdefault(key, index)
    return group[0], group[-1] + 1


def unmark_contents_name(headings: list[Heading | None]) -> None:
    """A head the page marks (<h2>, "##") named as a table of contents (## 目录 over the list of
    the page's own heads an editor made): the rendered document makes its own, the list's name
    heads no part of the text. A document's own 目 录 on a line of its own, over the contents
    its author wrote, stays as the document has it."""
    for index, heading in enumerate(headings):
        if heading and heading.marked and not heading.rest and is_contents_name(heading.text):
            headings[index] = None


def unmark_lone_label(headings: list[Heading | None], start: int) -> None:
    """The only head a text would have, a short guessed one on its first line (新闻, 電子報):
    a site's label over the article, not a head of it."""
    found_at = [index for index, heading in enumerate(headings) if heading]
    if len(found_at) != 1 or found_at[0] > start:
        return
    lone = headings[found_at[0]]
    limit = structure_rules()["plain"]["lone_label_max_chars"]
    if lone and lone.why == SECTION_NAME_WHY:
        return  # 前言 heads a text that names its parts so, site labels aside
    if lone and lone.kind in _LOOKS and not lone.marked and len(lone.text) <= limit:
        headings[found_at[0]] = None


_LOOKS = ("plain", "bold", "spaced")


def unmark_lone_numbers(lines: list[str], headings: list[Heading | None]) -> None:
    """A head whose numbering says little alone (1 引言, 01, 一是) needs another line of its
    kind, head or not, numbered next to it (2 相关工作, 02, 二是); without one it is a line of
    text. A section numbered under it (1 悬架 over 1.1 独立悬架) vouches for it too."""
    kinds = {kind.kind for kind in heading_kinds() if kind.sequence}
    numbers: dict[str, set[int]] = {}
    subsections: set[int] = set()
    for line in lines:
        if subsection := _SUBSECTION.match(line):
            subsections.add(int(subsection.group(1)))
        kind = numbering_of(line)
        match = kind.pattern.match(line) if kind and kind.kind in kinds and kind.pattern else None
        if kind and match and (number := number_in(match.group(0))) is not None:
            numbers.setdefault(kind.kind, set()).add(number)
    for index, heading in enumerate(headings):
        if not heading or heading.kind not in kinds or heading.marked:
            continue  # (a head the source marks needs no sibling to vouch for it)
        number = ordinal_of(heading)
        if number is None:
            headings[index] = None
        elif not {number - 1, number + 1} & numbers.get(heading.kind, set()):
            if not (heading.kind in _DECIMAL_PARENTS and number in subsections):
                headings[index] = None


# A decimal section's number (1.1 …): its first part numbers the section it sits under.
_SUBSECTION = re.compile(r"^(\d{1,2})\.1(?!\d)")
_DECIMAL_PARENTS = ("arabic-spaced", "arabic-glued")


def in_a_list(heading: Heading, before: str | None, after: str | None) -> bool:
    """A numbered whole sentence (1. 总则：阐明……。) next to another line numbered the same
    way is an item of a list, not a heading: headings are followed by paragraphs. So is a
    numbered line next to a clause so numbered (（二）股东及实际控制人；)."""
    text = heading.text
    if heading.rest:
        return False
    if heading.why.endswith(LABELLED_WHY):
        # a labelled paragraph is a head beside its siblings, unless a colon introduces it
        return bool(
            before
            and before.endswith(("：", ":"))
            and (not numbering_of(before) or opens_with_a_label(before))
        )  # 一、工作总结的特点： heads its labelled paragraphs; 2、正文：包括以下几个部分： lists them
    neighbours = [
        line
        for line in (before, after)
        if line and (k := numbering_of(line)) and k.kind == heading.kind
    ]
    if any(line.endswith(("；", ";")) for line in neighbours):
        return True
    if not text.endswith(("。", "；", ";")):
        return False
    if len(text) <= MAX_SENTENCE_HEADING_CHARS and not CLAUSE_MARK.search(text[2:]):
        return False
    return any(
        (other := find_heading(line)) is not None and other.kind == heading.kind
        for line in (before, after)
        if line
    )


# What a card of links holds under its marked name: a date, a bare count (* 13), a name.
_CARD_LINE_MAX = 16
_CARD_DATE = re.compile(r"^\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?$|^[*+\-•\\ ]*\d{1,6}$")


def unmark_cards(lines: list[str], headings: list[Heading | None]) -> None:
    """A head marked in the source over nothing but short lines, one of them a date or a bare
    count (## 网军“捡漏”：…  / APT / 黑鸟 / 2025-12-13; ### 浏览量 / * 13): a card of a list of
    links or a forum's counters, no head of the text."""
    at = [i for i, h in enumerate(headings) if h]
    for position, index in enumerate(at):
        heading = headings[index]
        if not heading or not heading.marked or is_numbered(heading.kind):
            continue
        end = at[position + 1] if position + 1 < len(at) else len(lines)
        under = [line.strip() for line in lines[index + 1 : end] if line.strip()]
        if (
            under
            and all(len(line) <= _CARD_LINE_MAX and not SENTENCE_END.search(line) for line in under)
            and any(_CARD_DATE.match(line) for line in under)
        ):
            headings[index] = None
    _unmark_card_fields(lines, headings)


_CARD_FIELDS_MIN = 3


def _unmark_card_fields(lines: list[str], headings: list[Heading | None]) -> None:
    """Labels the source marks as heads, each over one short value, three or more in a row, one
    value a date or a count (###### 作者 / 啊不都 / ###### 发布于 / 2024-12-31 / ###### 许可协议 /
    CC BY 4.0): the fields of a post's card, no heads of the text."""
    run: list[int] = []
    dated = False
    index = 0
    while index < len(lines):
        value = lines[index + 1].strip() if index + 1 < len(lines) else ""
        if (
            markup.HEADING.match(lines[index])
            and value
            and not markup.HEADING.match(value)
            and len(value) <= _CARD_LINE_MAX
            and not SENTENCE_END.search(value)
        ):
            run.append(index)
            dated = dated or bool(_CARD_DATE.match(value))
            index += 2
            continue
        if len(run) >= _CARD_FIELDS_MIN and dated:
            for member in run:
                headings[member] = None
        run, dated = [], False
        index += 1
    if len(run) >= _CARD_FIELDS_MIN and dated:
        for member in run:
            headings[member] = None


_LABEL = re.compile(r"^([^\s：:，。]{1,8})[：:]")


def unmark_entry_labels(lines: list[str], headings: list[Heading | None]) -> None:
    """A short label and a phrase taken for a head (网址：以太坊官方区块链浏览器) whose label opens
    other lines of the text too (网址：…, 简介：… under each item of a list): a field of the
    list's entries, no head."""
    labels = Counter(match.group(1) for line in lines if (match := _LABEL.match(line)))
    for index, heading in enumerate(headings):
        if not heading or heading.why != LABELLED_PHRASE_WHY:
            continue
        match = _LABEL.match(lines[index])
        if match and labels[match.group(1)] > 1:
            headings[index] = None


def unmark_sentence_points(headings: list[Heading | None]) -> None:
    """A head numbered as a text's points are (（1）, GB/T 9704's fourth layer under 一、 （一）
    1.), whose heads are names, that is a sentence, a line of its own or the first of its
    paragraph ((1)撰写目的不同。个人总结的目的在于……): a point the text makes, not the head of a
    section. The kinds and their points' numbering: structure_rules.toml, points."""
    for index, heading in enumerate(headings):
        if not heading or heading.marked or not heading.text.endswith("。"):
            continue
        if (points := _points().get(heading.kind)) and points.match(heading.text):
            headings[index] = None


@cache
def _points() -> dict[str, re.Pattern]:
    return {
        kind["kind"]: re.compile(numbering_pattern(kind["points"]))
        for kind in structure_rules()["heading"]
        if "points" in kind
    }


def unmark_marks_over_no_text(lines: list[str], headings: list[Heading | None]) -> None:
    """A head the source marks (<h2>, "##") with no text under it down to the text's end (no
    line of prose, no sentence, no table; only short lines: names, links, counts) heads a
    site's box after the text (###### 作者 over a name, #### 链接 over links, the titles of
    other posts), not a part of the text; the marks of the text's own heads give their levels
    without it."""
    text_below = False
    for index in range(len(lines) - 1, -1, -1):
        heading = headings[index]
        if heading and heading.marked and not heading.rest and not text_below:
            headings[index] = None
        line = lines[index]
        text_below = text_below or bool(
            is_prose(line)
            or SENTENCE_END.search(line)
            or line.startswith("|")
            or (line.endswith(("：", ":")) and CLAUSE_MARK.search(line[:-1]))
        )  # (如果你需要升级主题，请执行以下命令：, a lead-in of clauses, is text too)
