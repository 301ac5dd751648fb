"""Heads without numbering that the document's context shows: the other short lines where a
text's plain heads stand, a label above a head, the name of a part above numbering that
starts again, the head of a list of labelled entries or of bullets, the title of the document a
notice issues."""

from __future__ import annotations

import itertools
import re
from functools import cache

from .line_shapes import (
    CJK,
    CLAUSE_MARK,
    DATE_OR_TIME,
    HEAD_MIN_CJK,
    MAX_HEADING_CHARS,
    MAX_PLAIN_HEADING_CHARS,
    NOT_PLAIN_HEADING,
    SENTENCE_AFTER_RATIO,
    SENTENCE_END,
    bigrams,
    is_prose,
    is_short_plain,
    line_key,
    title_lexicon,
)
from .marks import WITHHELD_MARK_RE
from .numbering import Heading, find_heading, numbering_of, ordinal_of
from .numerals import number_in
from .plain_heads import labelled_name, plain_words, spaced_sentence
from .structure_data import structure_rules


def label_heads(lines: list[str], headings: list[Heading | None], start: int) -> None:
    """A head in two lines: a short label ending in a colon (人民日报社：) above a plain head,
    the label named again in the paragraph under them. The label heads, the line under it is
    its subhead. Under a label the paragraph does not name, the short line is the label's
    value (关 键 词： / 绩效 管理 细则), no head."""
    why = "a short label ending in a colon above a head, named again in the paragraph under it"
    for index in range(start + 1, len(lines) - 2):
        line, head = lines[index], headings[index + 1]
        if headings[index] or not head or head.kind != "plain" or head.rest:
            continue
        label = line[:-1]
        if not (
            line.endswith(("：", ":"))
            and _LABEL_MIN_CHARS <= len(label) <= _LABEL_MAX_CHARS
            and not NOT_PLAIN_HEADING.search(label)
        ):
            continue
        before = lines[index - 1]
        if not (
            (headings[index - 1] or SENTENCE_END.search(before[-1:]))
            and bigrams(label) & bigrams(lines[index + 2])
        ):
            headings[index + 1] = None  # the value of a field (关键词： / 绩效 管理 细则)
            continue
        headings[index] = Heading("plain", line, "", why)
        headings[index + 1] = Heading("plain-sub", head.text, "", f"{head.why}, under a label")


_LABEL_MIN_CHARS, _LABEL_MAX_CHARS = 2, 12
# A line of a list of labelled entries: "华埠镇：华东村、毛力坑村".
_ENTRY = re.compile(r"^[^\s：:，。]{1,10}[：:]\S")
_LIST_MIN_ENTRIES = 3
_LIST_HEAD_MAX_CHARS = 30


_BULLETED = re.compile(r"^[•·●▪◦‣]\s*\S")
_BULLETS_MIN = 2


# A short label of words ending in a colon (官网链接：, 地下部分：, 主要缺点：).
_LABEL_OVER_BULLETS = re.compile(r"[^\s，,。；;！？!?：:、“”\"*#]{2,8}[：:]")
# A bullet opening a list's line (• item, - item, * item).
_ANY_BULLET = re.compile(r"^[-*+•·●▪◦‣][ \u3000]*\S")
LABELS_OVER_BULLETS_WHY = (
    "one of short labels ending in a colon in one part of the text, each over its own bullets"
)
_LABELS_MIN = 2


def labels_over_bullets(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Short labels of words ending in a colon, two or more in one part of the text (between
    two heads), each right over its own bulleted list (官网链接： / • … / 主要优点： / • …;
    地下部分： / - … / 地面部分： / - …): the part's subheads, a level under its head. A lone
    label over bullets leads into its list (需要注意的是：, 功能特点：: six dev pages), no head."""
    part: list[int] = []

    def close() -> None:
        if len(part) >= _LABELS_MIN:
            for index in part:
                headings[index] = Heading("plain-sub", lines[index], "", LABELS_OVER_BULLETS_WHY)
        part.clear()

    for index, line in enumerate(lines[:-1]):
        if headings[index]:
            close()
            continue
        if index in skip or not _LABEL_OVER_BULLETS.fullmatch(line):
            continue
        label = line[:-1]
        if not plain_words(label) or _SPOKEN_LEAD.search(label):
            continue
        if _ANY_BULLET.match(lines[index + 1]):
            part.append(index)
    close()


# A label that leads into what follows as a sentence does (需要注意的是, 包括, 如下, 分为).
_SPOKEN_LEAD = re.compile(r"(?:是|有|为|為|如下|以下|包括|分为|分為|吧|了|的)$")


def heads_of_lists(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """A short line without punctuation right above a list of labelled entries (three or more
    lines "华埠镇：华东村、毛力坑村", half of them or more enumerating) heads the list
    ("拟公布的2018年度三星级农村文化礼堂名单"); a year in it is part of its name. Contact
    lines (联系人：张三 / 电话：…) under an office's name are not such a list."""
    why = "a short line above a list of labelled entries"
    for index in range(len(lines) - _LIST_MIN_ENTRIES):
        line = lines[index]
        if headings[index] or index in skip or len(line) > _LIST_HEAD_MAX_CHARS:
            continue
        if NOT_PLAIN_HEADING.search(re.sub(r"\d{4}", "", line)) or DATE_OR_TIME.search(line):
            continue
        if title_lexicon("metadata_block_heading").fullmatch(line):
            continue  # 文章信息 above 标题： 作者： lines: a scraper's block, not the text's list
        entries = list(
            itertools.takewhile(
                lambda entry: _ENTRY.match(entry) and not find_heading(entry),
                lines[index + 1 :],
            )
        )
        enumerations = sum("、" in entry for entry in entries)
        if len(entries) >= _LIST_MIN_ENTRIES and enumerations * 2 >= len(entries):
            headings[index] = Heading("plain", line, "", why)
            continue
        bullets = list(itertools.takewhile(_BULLETED.match, lines[index + 1 :]))
        before = lines[index - 1] if index else ""
        if (
            len(bullets) >= _BULLETS_MIN
            and not _BULLETED.match(line)  # (• 支付和转账功能 over its • items: a list's item)
            and len(CJK.findall(line)) >= HEAD_MIN_CJK
            and (not before or SENTENCE_END.search(before[-1:]) or headings[index - 1])
        ):
            headings[index] = Heading("plain", line, "", "a short line above a bulleted list")


def heads_of_parts(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """A short line right above a numbered line whose numbering starts again (一、 after 二、,
    heads or items alike) names the part those lines divide ("商品退货流程" / "一、流程" after
    商品订货流程's 一、 二、; "工作总结的作用" / "1、总结是……" after another list's 1、 2、): it
    heads them, a level above."""
    seen: set[str] = set()
    first: dict[str, int] = {}  # kind -> the line its first sequence starts on
    for index, line in enumerate(lines):
        numbered = numbering_of(line)
        if not numbered or numbered.kind in _CHOICES:
            continue
        match = numbered.pattern.match(line) if numbered.pattern else None
        again = numbered.kind in seen and match is not None and number_in(match.group(0)) == 1
        if numbered.kind not in seen and match is not None and number_in(match.group(0)) == 1:
            first[numbered.kind] = index
        seen.add(numbered.kind)
        if not again or not _names_a_part(lines, headings, skip, index):
            continue
        why = f"a short line above {numbered.kind} numbering that starts again"
        headings[index - 1] = Heading("part-name", lines[index - 1], "", why)
        start = first.pop(numbered.kind, None)  # the first part, named as the next one is
        if start is not None and _names_a_part(lines, headings, skip, start):
            why = f"a short line above {numbered.kind} numbering, as the next part's name is"
            headings[start - 1] = Heading("part-name", lines[start - 1], "", why)


def _names_a_part(
    lines: list[str], headings: list[Heading | None], skip: set[int], index: int
) -> bool:
    """The line above lines[index] is a short line without punctuation, a labelled name, a name
    and its subtitle split by a colon or a short question (需要准备哪些装备？), not a head
    already, under a line that ends a sentence or heads: the name of the part the numbering
    divides."""
    if index == 0 or headings[index - 1] or index - 1 in skip:
        return False
    before = lines[index - 2] if index > 1 else ""
    if before and not (SENTENCE_END.search(before[-1:]) or headings[index - 2]):
        return False  # under a line that runs on: a list or a form, not a part's name
    name = lines[index - 1]
    shaped = is_short_plain(name) or labelled_name(name) or name_and_subtitle(name)
    return bool(shaped or _QUESTION.match(name)) and len(CJK.findall(name)) >= HEAD_MIN_CJK


# A name, one colon and what it names, each part without punctuation (第一天：抵达与适应,
# 第二阶段：巩固提高): over numbering that starts again, the restart vouches for it as a part's
# head, however short its phrase; a line ending in its colon introduces a list instead.
_NAME_COLON = re.compile(r"[：:]")


def name_and_subtitle(line: str) -> bool:
    """A short line of a name and its subtitle split by one colon, neither part with other
    punctuation nor a date (第一天：抵达与适应), no longer than a plain head."""
    parts = [part.strip() for part in _NAME_COLON.split(line.strip())]
    if len(parts) != 2 or len(line) > MAX_PLAIN_HEADING_CHARS or DATE_OR_TIME.search(line):
        return False
    return all(part and is_short_plain(part) for part in parts)


# Lettered lines (A、 B、 C、 D、) start again under each question of a test as its choices: the
# question above them names no part.
_CHOICES = ("letter", "letter-lower")


# A line that introduces what follows it, or a list of names: the text under a head.
_CLAUSED_MIN_CHARS = 10


def sibling_plain_heads(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Once a text has a head without numbering (a short line above a paragraph), its other
    short lines without punctuation that stand where such heads stand are heads too: after a
    sentence's end (or at the top), above a line that speaks of them (shares a word), introduces
    a list (ends with a colon), runs in clauses, or is a sentence several times longer. Without
    such a head, two or more short lines each between a sentence's end and a sentence several
    times longer vouch for each other (主要工作 / 存在问题 / 明年打算 of a report)."""
    vouched = any(
        h and h.kind == "plain" and not h.rest and h.why.startswith(SHORT_LINE_WHYS)
        for h in headings
    )  # a head of the same look: not a list's head, an attachment's title, a label
    found: list[int] = []
    bulleted: list[int] = []  # right over a bulleted list of its own
    between: list[int] = []  # between two sentences, much shorter than the one under it
    for index, line in enumerate(lines[:-1]):
        if headings[index] or index in skip or len(line) > MAX_PLAIN_HEADING_CHARS:
            continue
        if not plain_words(line):
            continue
        if _BRACKETED_NOTE.match(line) or len(CJK.findall(line)) < HEAD_MIN_CJK:
            continue
        if spaced_sentence(line):
            continue  # （完）, （图）: a note in brackets; a head names something in words
        before = lines[index - 1] if index and index - 1 not in skip else None
        after = lines[index + 1]
        if _over_own_bullets(lines, index, skip) and not _SPOKEN_LEAD.search(line):
            bulleted.append(index)  # (称量工具 over • 电子秤… • 量勺…, after a list or a sentence)
            continue
        if before is not None and not (SENTENCE_END.search(before[-1:]) or headings[index - 1]):
            continue
        if headings[index + 1] or index + 1 in skip or WITHHELD_MARK_RE.match(after):
            continue
        shared = bigrams(line) & bigrams(after)
        if is_short_plain(after) and not (shared and len(after) > len(line)):
            continue  # one of a run of short lines, unless it goes on with the head's words
        sentence_under = SENTENCE_END.search(after[-1:]) and len(
            after
        ) >= SENTENCE_AFTER_RATIO * len(line)
        if sentence_under and before is not None and SENTENCE_END.search(before[-1:]):
            between.append(index)
        if (
            after.endswith(("：", ":"))
            or (CLAUSE_MARK.search(after) and len(after) >= _CLAUSED_MIN_CHARS)
            or shared
            or sentence_under
        ):
            found.append(index)
    if vouched:
        for index in bulleted:
            headings[index] = Heading("plain", lines[index], "", OVER_BULLETS_WHY)
        why = "a short line without punctuation where the text's other plain heads stand"
        chosen = found
    elif len(between) >= _BETWEEN_MIN:
        why = "one of short lines without punctuation, each between two sentences"
        chosen = between
    else:
        return
    for index in chosen:
        headings[index] = Heading("plain", lines[index], "", why)


_BETWEEN_MIN = 2
OVER_BULLETS_WHY = (
    "a short line without punctuation right over its own bulleted list, in a text whose other"
    " plain heads stand over paragraphs"
)


def _over_own_bullets(lines: list[str], index: int, skip: set[int]) -> bool:
    """The line stands right over a bulleted list of two items or more, after a sentence's
    end, a head or another list's last item (称量工具 / • 电子秤：… / • 量勺：…)."""
    if index + 2 >= len(lines) or index + 1 in skip or index + 2 in skip:
        return False
    if not (_ANY_BULLET.match(lines[index + 1]) and _ANY_BULLET.match(lines[index + 2])):
        return False
    if index == 0:
        return True
    before = lines[index - 1]
    return bool(SENTENCE_END.search(before[-1:]) or _ANY_BULLET.match(before))


@cache
def tagged_headline() -> re.Pattern:
    """A headline under its source's name in 【】 (structure_rules.toml [tagged_headlines])."""
    return re.compile(structure_rules()["tagged_headlines"]["pattern"])


TAGGED_WHY = "one of headlines under their source's name in 【】, each above its story"


def tagged_headlines(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Three or more lines that each give a headline under its source's name in 【】, not a
    sentence's end, right above a paragraph of prose (【证券时报网】A股三大股指集体回调：…… /
    A股三大股指9月26日集体回调，……): a digest of news, each line the head of its story. A line
    of that look alone is a field (【关键词】…) or a note. The look and the count are
    structure_rules.toml's [tagged_headlines]."""
    rules = structure_rules()["tagged_headlines"]
    headline = tagged_headline()
    found = [
        index
        for index, line in enumerate(lines[:-1])
        if not headings[index]
        and index not in skip
        and (match := headline.match(line))
        and len(match.group(2)) <= MAX_HEADING_CHARS
        and not headings[index + 1]
        and is_prose(lines[index + 1])
    ]
    if len(found) < rules["min_lines"]:
        return
    for index in found:
        headings[index] = Heading("tagged", lines[index], "", TAGGED_WHY)


# A question a section answers: a short line that asks one question and nothing else.
_QUESTION = re.compile(r"^[^。！!，,；;：:？?]{2,28}[？?]$")
_QUESTIONS_MIN = 2


def question_heads(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Short lines that each ask one question above a paragraph that answers it (什么是 Blog？ /
    建立网志最轻松的方法是什么？), two or more in a text, head the sections that answer them."""
    found = []
    for index, line in enumerate(lines[:-1]):
        if headings[index] or index in skip or not _QUESTION.match(line):
            continue
        if len(CJK.findall(line)) < HEAD_MIN_CJK:
            continue
        if headings[index + 1] or not is_prose(lines[index + 1]):
            continue
        found.append(index)
    if len(found) < _QUESTIONS_MIN:
        return
    for index in found:
        why = "one of short questions, each above the paragraph that answers it"
        headings[index] = Heading("plain", lines[index], "", why)


_BRACKETED_NOTE = re.compile(r"^[（(\[【〔].*[）)\]】〕]$")


SHORT_LINE_WHYS = ("a short line without punctuation", "one of short lines")


# A document a notice names in 《》 (关于印发《太湖县人民政府工作规则》的通知).
_NAMED = re.compile(r"《([^《》]{4,60})》")
# The document a notice's title issues without 《》 (关于印发广州市……总体方案的通知), and the one
# its text hands out (现将《……总体方案》印发给你们, 《……》已经区政府同意，现印发给你们): its name.
_ISSUED_IN_TITLE = re.compile(
    r"(?:印发|印發|转发|轉發|颁布|頒布)([^《》]{4,60}?)的(?:通知|通告|决定|決定)"
)
_ISSUED_IN_TEXT = re.compile(
    r"《([^《》]{4,60})》[^。；;]{0,16}?(?:印发|印發|转发|轉發|下发|下發)(?:给|給)?(?:你们|你們|各)"
)
ISSUED_WHY = "the title of the document a notice issues (关于印发《…》的通知), on a line of its own"


# A title named inside a title's 《》 takes 〈〉 (GB/T 15834), 《》 on a line of its own.
_INNER_MARKS = str.maketrans("〈〉", "《》")


def _title_marks(key: str) -> str:
    return key.translate(_INNER_MARKS)


def issued_names(title: str) -> set[str]:
    """The names (as line keys) of the documents a notice's title issues."""
    names = [*_NAMED.findall(title), *_ISSUED_IN_TITLE.findall(title)]
    return {_title_marks(line_key(name)) for name in names}


def issued_titles(
    lines: list[str], headings: list[Heading | None], title: str, skip: set[int]
) -> None:
    """The title of a document a notice issues, named in the notice's title (关于印发
    《太湖县人民政府工作规则》的通知, 关于印发广州市……总体方案的通知) or handed out by its text
    (现将《……》印发给你们), on a line of its own above that document's text (太湖县人民政府工作
    规则 / 第一章 总则): it heads the document, its first such line only."""
    named = issued_names(title)
    for index, line in enumerate(lines[:-1]):
        key = _title_marks(line_key(line))
        named |= {_title_marks(line_key(name)) for name in _ISSUED_IN_TEXT.findall(line)}
        if headings[index] or index in skip or key not in named:
            continue
        named.discard(key)
        headings[index] = Heading("plain", line, "", ISSUED_WHY)


NEXT_IN_SEQUENCE_WHY = "next in the sequence of its numbering's heads, above a paragraph"


def heads_next_in_sequence(
    lines: list[str], headings: list[Heading | None], skip: set[int]
) -> None:
    """A numbered line of its own that its numbering did not make a head (a sentence: 6、简述
    软件开发实现阶段的工作，以及应强调之点。) right after the heads numbered 1 to n-1 of its kind,
    each a line of its own, and over a paragraph of prose as they are: the next of them."""
    previous: dict[str, tuple[int, int]] = {}  # kind -> (its last head's number, how many)
    for index, line in enumerate(lines[:-1]):
        heading = headings[index]
        if heading:
            if not heading.rest and (number := ordinal_of(heading)) is not None:
                _, count = previous.get(heading.kind, (0, 0))
                previous[heading.kind] = (number, count + 1)
            continue
        kind = numbering_of(line)
        if kind is None or index in skip or len(line) > MAX_HEADING_CHARS:
            continue
        last, count = previous.get(kind.kind, (0, 0))
        match = kind.pattern.match(line) if kind.pattern else None
        number = number_in(match.group(0)) if match else None
        if number is None or number != last + 1 or count < _SEQUENCE_MIN or count != last:
            continue
        if not is_prose(lines[index + 1]) or lines[index + 1].startswith("#"):
            continue
        headings[index] = Heading(
            kind.kind, line, "", f"{kind.kind} numbering, {NEXT_IN_SEQUENCE_WHY}"
        )
        previous[kind.kind] = (number, count + 1)


_SEQUENCE_MIN = 2


SENTENCE_SEQUENCE_WHY = "one of a sequence of numbered sentences, each alone above its paragraphs"
# The numberings whose sentences head sections when each stands alone over its paragraphs.
_SENTENCE_HEAD_KINDS = ("cn-number", "cn-paren", "arabic", "arabic-paren")
_SENTENCE_HEAD_MAX_CHARS = 30


def numbered_sentence_heads(
    lines: list[str], headings: list[Heading | None], skip: set[int]
) -> None:
    """Short sentences numbered 一、 二、 … in order, each a line of its own over a paragraph of
    prose, with paragraphs between them (一、领导重视，认识到位，制度保证。 / ……。 / 二、坚持以人为本，
    创造良好的文化氛围。 / ……。): the sections' heads, though a numbered sentence of clauses
    alone is an item."""
    found: list[tuple[int, int]] = []  # (index, number)
    for index, line in enumerate(lines[:-1]):
        if index in skip or len(line) > _SENTENCE_HEAD_MAX_CHARS:
            continue
        kind = numbering_of(line)
        if kind is None or kind.kind not in _SENTENCE_HEAD_KINDS:
            continue
        head = headings[index]
        if head and (head.kind != kind.kind or head.rest or not is_prose(lines[index + 1])):
            continue
        if not head and (not line.endswith("。") or not is_prose(lines[index + 1])):
            continue
        if SENTENCE_END.search(line, 0, len(line) - 1):
            continue
        match = kind.pattern.match(line) if kind.pattern else None
        number = number_in(match.group(0)) if match else None
        if number is not None:
            found.append((index, number))
    run: list[tuple[int, int]] = []
    for entry in [*found, (-1, -1)]:
        if run and entry[1] == run[-1][1] + 1 and entry[0] > run[-1][0] + 1:
            run.append(entry)
            continue
        # two alone over a paragraph each open items as often: paragraphs between them, or a
        # third of them (one its numbering made a head already: 3、游戏中对于音频的交互性要求非常高)
        spaced = all(b[0] > a[0] + 2 for a, b in itertools.pairwise(run))
        if (len(run) > _SEQUENCE_MIN or spaced) and len(run) >= _SEQUENCE_MIN and run[0][1] == 1:
            for index, _ in run:
                if headings[index]:
                    continue  # (a head by its numbering keeps its reason)
                kind = numbering_of(lines[index])
                name = kind.kind if kind else "numbered"
                headings[index] = Heading(
                    name, lines[index], "", f"{name} numbering, {SENTENCE_SEQUENCE_WHY}"
                )
        run = [entry]


RUN_IN_SEQUENCE_WHY = (
    "one of a sequence of numbered paragraphs, each opening with a short sentence that heads it"
)
_RUN_IN_CLAUSE = re.compile(r"[；;：:]")
_RUN_IN_COMMA = re.compile(r"[，,]")


def _run_in_sentence(line: str, after: str | None = None) -> tuple[int, Heading] | None:
    """(number, head) of a numbered paragraph that opens with a short sentence of a clause or
    two and goes on with a paragraph of prose (一、积极行动，以主人翁姿态投身创建活动。创建文明
    城市是……), or of such a sentence alone on its line above a paragraph of prose that is not
    numbered (一、文明礼仪，从自我做起。 / 努力做到仪表端庄……): a whole-line head then."""
    kind = numbering_of(line)
    if kind is None or kind.kind not in _SENTENCE_HEAD_KINDS or not kind.pattern:
        return None
    match = kind.pattern.match(line)
    number = number_in(match.group(0)) if match else None
    end = SENTENCE_END.search(line, match.end()) if match else None
    if number is None or end is None or end.end() > _SENTENCE_HEAD_MAX_CHARS:
        return None
    head, rest = line[: end.end()], line[end.end() :].lstrip()
    alone = not rest and is_prose(after) and after is not None and not numbering_of(after)
    if not (is_prose(rest) or alone) or _RUN_IN_CLAUSE.search(head):
        return None
    commas = structure_rules()["run_in_sequence"]["max_commas"]
    if len(_RUN_IN_COMMA.findall(head)) > commas or end.group(0) != "。":
        return None
    if head.count("（") + head.count("(") != head.count("）") + head.count(")"):
        return None
    why = f"{kind.kind} numbering, {RUN_IN_SEQUENCE_WHY}"
    return number, Heading(kind.kind, head, rest, why)


def run_in_sentence_heads(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Paragraphs numbered 一、 二、 三、 … in order from one, each opening with a short sentence
    (a clause or two) and going on with prose (一、从我做起，积极参与。创建文明城市…… / 二、遵纪守
    法，躬行实践。每一位业主……), every one of the sequence so: the sentences head them, a
    sentence of two clauses as well as one (alone such a sentence opens an item)."""
    runs: dict[str, list[tuple[int, int, Heading]]] = {}  # kind -> its open sequence
    for index, line in enumerate(lines):
        kind = numbering_of(line)
        if kind is None or kind.kind not in _SENTENCE_HEAD_KINDS:
            continue
        after = lines[index + 1] if index + 1 < len(lines) else None
        found = None if index in skip else _run_in_sentence(line, after)
        current = headings[index]
        if found and current and not (current.kind == kind.kind and current.rest):
            found = None  # a head of another make: a whole line, a labelled paragraph
        run = runs.get(kind.kind, [])
        if found and run and found[0] == run[-1][1] + 1:
            run.append((index, *found))
            continue
        _head_run(run, headings)  # the sequence ends where a line of its kind breaks it
        runs[kind.kind] = [(index, *found)] if found and found[0] == 1 else []
    for run in runs.values():
        _head_run(run, headings)


def _head_run(run: list[tuple[int, int, Heading]], headings: list[Heading | None]) -> None:
    if len(run) >= structure_rules()["run_in_sequence"]["min_paragraphs"]:
        for index, _, heading in run:
            if headings[index] is None:
                headings[index] = heading
