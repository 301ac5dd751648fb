"""Structure stage: cleaned text -> Markdown intermediate with YAML front matter.

The title is chosen among candidates by evidence (titles.py); heads glued to their text are
split off first (glued.py); lines opening with Chinese numbering become headings
(structure_rules.toml), and so do lines that stand as headings without numbering (marked in
the source, bold alone, letter-spaced, short lines between paragraphs, a label above a head,
the title of an attached text above its first chapter, a list's head, a part's name above
numbering that starts again); the document's evidence then unmarks what its context shows to
be no head (a table of contents, the items a colon introduces, a list beside a numbered
clause, the articles of rules, the title's copy, a picture's caption); levels follow the order
in which numbering kinds first appear. A heading sentence that opens a long paragraph becomes a
run-in heading (in the outline, but printed at the start of its paragraph); trailing signature
and date lines of a notice are marked for right alignment; editorial marks for withheld text
become notes; pipe tables stay tables. Every heading and the title are explained
(doc.explained) for --explain.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from . import frontmatter, marks, markup
from .clean import full_date
from .dates import iso_date
from .document import Document
from .errors import DocumentError
from .glued import clause_words, collection_stem, numeral_value, split_glued
from .marks import WITHHELD_MARK_RE
from .normalize import INDENT, normalize_line
from .structure_data import structure_rules
from .thresholds import limit
from .titles import choose_title, is_title_like

MAX_HEADING_CHARS = limit("structure", "max_heading_chars")
MAX_PLAIN_HEADING_CHARS = limit("structure", "max_plain_heading_chars")
MAX_SENTENCE_HEADING_CHARS = limit("structure", "max_sentence_heading_chars")
HEADING_RUN_MAX = limit("structure", "heading_run_max")
PROSE_AROUND_CHARS = limit("structure", "prose_around_chars")
_SIGNATURE_MAX_CHARS = limit("structure", "signature_max_chars")
DATE_SEARCH_LINES = limit("structure", "date_search_lines")
DATED_LINE_MAX_CHARS = limit("clean", "dated_line_max_chars")
_BYLINE_MAX_CHARS = limit("structure", "byline_max_chars")

_SENTENCE_END = re.compile(r"[。！？!?]")
_GAP = re.compile(r"[ \u3000]{2,}(?=\S)")
_CLAUSE_MARK = re.compile(r"[，,、：:；;]")
# A line of text whose section heads stand inside it, set off by spaces only
# ("……目标转化为具象的行为改进方案。 内容构成的多维视角 从内容维度分析，……"); a head right
# after a sentence's end with no space before it counts only when the line holds several.
_INLINE_HEAD = re.compile(
    r"(?<=[。！？!?”])([ \u3000]*)([\u3400-\u9fff][^\s，。！？；：、,.!?;:]{1,16}[\u3400-\u9fff])"
    r"(?:([ \u3000]+)(?=[\u3400-\u9fff“「《])|[ \u3000]*$)"
)
_INLINE_HEADS_UNSPACED_MIN = 2
# An article's number set off by a space ("……。第二条 信息披露是指……") opens an article.
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条款项]$")


# A head decorated with rules of signs: "======概念部分======".
_DECORATED = re.compile(
    r"^[=＝*＊#~～—\-]{2,}\s*([^=＝*＊#~～—\-\s].{0,30}?)\s*[=＝*＊#~～—\-]{2,}$"
)
_DATE_LINE = re.compile(
    r"^(?:\d{4}|[一二三四五六七八九〇○零OXx＊*]{4}|20[X＊*x]{2})\s*年"
    r"\s*[\d一二三四五六七八九十X＊*]{1,3}\s*月(?:\s*[\d一二三四五六七八九十X＊*]{1,3}\s*日)?$"
)
# A speech's subtitle under its title: "——在2024年度总结表彰大会上的讲话".
_SUBTITLE = re.compile(r"^[—－-]{1,2}\s*\S.{1,60}$")
# A bracketed date under a speech's title: "（2025年1月10日）".
_BRACKETED_DATE = re.compile(r"^[（(]\s*\S{0,10}?\d{4}\s*年.{1,12}[）)]$")
# A document number under a notice's title: "X政办发〔2024〕12号".
_DOCUMENT_NUMBER = re.compile(r"^\S{1,16}[〔\[［(（]\d{4}[〕\]］)）]\s*第?\d{1,4}号$")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|$^@{}])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=:>])|(\d+)([.)]))")
# Heading-like lines without numbering.
_LETTER_SPACED = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff]){1,7}$")
_NOT_PLAIN_HEADING = re.compile(
    r"[，,。！？!?；;：:、…“”\"'《》|｜]|\d{4}|^[\W\d_]+$|^[^\u3400-\u9fff]*$|\[[^\]]*\]|^[（(【〔].*[）)】〕]$|^(?:图片|图像|配图|插图|动图|视频|音频)$"
)  # [a tag] in ASCII brackets marks a promotion or a category label; （完） is a note; 图片 is
# the placeholder of a picture the copy dropped


@dataclass(frozen=True)
class HeadingKind:
    kind: str
    pattern: re.Pattern | None  # None: found by a signal of the page, not by a pattern
    heads: tuple[str, ...]
    not_heads: tuple[str, ...]
    whole_line: bool = False  # the pattern is a heading only as a line of its own
    alone: bool = False  # the numbering alone on a line is a heading too
    sentence: bool = False  # a whole sentence (ending in 。) so numbered can be a heading
    why: str = ""
    under: str = ""  # the kind whose heads this kind's heads sit under, when both are used


@cache
def heading_kinds() -> tuple[HeadingKind, ...]:
    data = structure_rules()
    return tuple(
        HeadingKind(
            h["kind"],
            re.compile(h["pattern"]) if "pattern" in h else None,
            tuple(h.get("examples", {}).get("heads", ())),
            tuple(h.get("examples", {}).get("not", ())),
            bool(h.get("whole_line", False)),
            bool(h.get("alone", False)),
            bool(h.get("sentence", False)),
            h.get("why", ""),
            h.get("under", ""),
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


def find_heading(line: str) -> Heading | None:
    """The heading a line opens with, by its numbering, if any."""
    line = _NUMERAL_STOP.sub(r"\1．", line, count=1)
    for kind in heading_kinds():
        if kind.pattern is None:
            continue
        match = kind.pattern.match(line)
        if not match:
            continue
        why = f"{kind.kind} numbering"
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
            and not _SENTENCE_END.search(line[: gap.start()])
            and _is_prose(line[gap.end() :])
        ):
            # A head set off from its paragraph by spaces only ("第一部分——……的产生  引用了……").
            return Heading(kind.kind, line[: gap.start()], line[gap.end() :], f"{why}, spaced off")
        if len(line) <= MAX_HEADING_CHARS and not _SENTENCE_END.search(
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
            return Heading(kind.kind, line, "", why)
        end = _SENTENCE_END.search(line, match.end())
        if end and end.end() <= MAX_HEADING_CHARS and end.end() < len(line):
            return Heading(kind.kind, line[: end.end()], line[end.end() :].lstrip(), why)
        return None
    return None


# 一。 at a head's start is 一． that a full stop replaced (the numbering's own mark is ．).
_NUMERAL_STOP = re.compile(r"^([一二三四五六七八九十]{1,3})。(?=[^。]+$)")


# A serial number opening a numbered line's text: the entry of a register, not a head's name.
_SERIAL = re.compile(r"\s*第\s*\d+\s*[號号]")
# Arithmetic: a number or a bracket, an operator, a number or a bracket ("(N-1)/5 * 4", "x = 2").
_FORMULA = re.compile(r"[A-Za-z0-9)）]\s*[*/=×÷]\s*[A-Za-z0-9(（]")


def _is_prose(line: str | None) -> bool:
    return line is not None and len(line) >= PROSE_AROUND_CHARS and not markup.HEADING.match(line)


def standalone_heading(
    line: str, before: str | None, after: str | None, after_next: str | None = None
) -> Heading | None:
    """A heading without numbering: a line marked bold as a whole, letter-spaced (导 言), or
    short and without punctuation between two paragraphs of prose."""
    opening, text, _ = markup.unwrap(line)
    if opening == "**":
        numbered = find_heading(text)
        if numbered and not numbered.rest:
            return Heading(numbered.kind, text, "", f"{numbered.why}, bold")
        if (
            len(text) <= MAX_HEADING_CHARS
            and not _SENTENCE_END.search(text)
            and not text.endswith(("：", ":", "，", "；"))
        ):
            return Heading("bold", text, "", "a bold line alone")
        return None
    if _LETTER_SPACED.match(line):
        return Heading("spaced", line, "", "a letter-spaced short line")
    decorated = _DECORATED.match(line)
    if decorated:
        return Heading("plain", decorated.group(1), "", "a short line set between rules of signs")
    if (
        len(line) <= MAX_PLAIN_HEADING_CHARS
        and _plain_words(line)
        and (_is_prose(after) or _introduces(after, line))
        and (before is None or not _is_short_plain(before))
        and not _caption(line, before, after, after_next)
        and not _spaced_sentence(line)
    ):
        return Heading("plain", line, "", "a short line without punctuation above a paragraph")
    return None


_CAPTION_ECHO_CHARS = 4
_INNER_SPACE = re.compile(r"[\u3400-\u9fff][ \u3000]+[\u3400-\u9fff]")


def _spaced_sentence(line: str) -> bool:
    """A sentence whose clauses are set off by spaces instead of commas ("很多人并不是没时间
    而是没有大块时间"): a verb of a clause and a space between words, no head."""
    return bool(_INNER_SPACE.search(line)) and bool(clause_words().search(line))


def _caption(
    line: str, before: str | None, after: str | None, after_next: str | None = None
) -> bool:
    """A picture's caption between paragraphs ("居民们到井里打水" under "……到离家百米开外的井里
    打水。"): it repeats words of the paragraph above (four characters running) and none of the
    two paragraphs under it, where a head names what follows."""
    if not before or not after:
        return False
    echoed = any(
        line[i : i + _CAPTION_ECHO_CHARS] in before
        for i in range(len(line) - _CAPTION_ECHO_CHARS + 1)
    )
    return echoed and not (_bigrams(line) & _bigrams(after + (after_next or "")))


_COLON = re.compile(r"[：:]")
_COLON_SIDE_MIN = 4
_LABEL_MAX = 4  # a form's field label (会议地点, 活动主题) is four characters or fewer


def _plain_words(line: str) -> bool:
    """Words without punctuation, or two runs of them joined by one colon, the first longer
    than a field's label, the second of four characters or more (视频会议的鼻祖：视频电话,
    经典问题1:猴子分桃); a label and its value (联系人：张三, 会议地点：三楼会议室) are not;
    nor is a numbered line its numbering did not make a head."""
    if _numbering(line):
        return False
    if not _NOT_PLAIN_HEADING.search(line):
        return True
    parts = _COLON.split(line)
    return (
        len(parts) == 2
        and len(parts[0].strip()) > _LABEL_MAX
        and len(parts[1].strip()) >= _COLON_SIDE_MIN
        and not any(_NOT_PLAIN_HEADING.search(part.strip()) for part in parts)
    )


_INTRODUCED_MIN_CHARS = 4


def _introduces(after: str | None, line: str) -> bool:
    """The line under a short line names it and ends in a colon: it introduces what the short
    line heads ("心理表征" / "这里转载一个心理表征的文章：")."""
    return (
        after is not None
        and after.endswith(("：", ":"))
        and len(line) >= _INTRODUCED_MIN_CHARS
        and line in after
    )


def _is_short_plain(line: str) -> bool:
    """A short line without punctuation: one of a run of them is a verse, a list or a
    signature, not a heading."""
    return len(line) <= MAX_PLAIN_HEADING_CHARS and not _NOT_PLAIN_HEADING.search(line)


_PLACEHOLDER = re.compile(r"^(?:图片|图像|配图|插图|image|img|photo|picture)$", re.IGNORECASE)


def _nested_heads(lines: list[str], headings: list[Heading | None], table: set[int]) -> None:
    """A head and its first subhead on two short lines above a paragraph ("程序实现与架构" /
    "主类" / prose): two short lines without punctuation, between a heading or a sentence's
    end and a paragraph (or a sentence several times longer than they are; a picture's
    placeholder may stand between). Three or more such lines are a list or a verse."""
    for index in range(len(lines) - 2):
        first, second = lines[index], lines[index + 1]
        if headings[index] or headings[index + 1] or index in table or index + 1 in table:
            continue
        if not (_is_short_plain(first) and _is_short_plain(second)):
            continue
        if index and not (headings[index - 1] or _SENTENCE_END.search(lines[index - 1][-1:])):
            continue  # after a line that is neither a heading nor a sentence: a list, a form
        under = index + 2
        while under < len(lines) - 1 and _PLACEHOLDER.match(lines[under]):
            under += 1  # a dropped picture's placeholder (image, 图片) between them and the text
        text = lines[under]
        longest = max(len(first), len(second))
        if not (
            _is_prose(text)
            or (_SENTENCE_END.search(text[-1:]) and len(text) >= _SENTENCE_AFTER_RATIO * longest)
        ):
            continue
        why = "two short lines without punctuation above a paragraph"
        headings[index] = Heading("plain", first, "", why)
        headings[index + 1] = Heading("plain-sub", second, "", why)


@cache
def _title_lexicon(name: str) -> re.Pattern:
    """A pattern of structure_rules.toml's [title] lexicon."""
    data = structure_rules()
    return re.compile(data["title"][name])


def _genre() -> re.Pattern:
    """Document titles end with the kind of document they are (…的通知, …工作规则)."""
    return _title_lexicon("genre_ending")


_BROKEN_TITLE_MAX_CHARS = 30


def _under_a_title(lines: list[str]) -> set[int]:
    """A subtitle line (——谈谈……) and the short byline under it (the speaker's name): they go
    with the title above them, no heads."""
    under: set[int] = set()
    for index, line in enumerate(lines):
        if _SUBTITLE.match(line) and not _numbering(line) and not _SENTENCE_END.search(line):
            # (—、 is a mistyped 一、; "——这就是……逻辑。" a sentence after a dash)
            under.add(index)
            if index + 1 < len(lines) and len(lines[index + 1]) <= _BYLINE_MAX_CHARS:
                if not _SENTENCE_END.search(lines[index + 1]):
                    under.add(index + 1)
    return under


_BROKEN_TITLE_MIN_CHARS = 6


def _titleish(line: str) -> bool:
    """A short line without punctuation but 《》 (a document's title may quote another)."""
    return (
        0 < len(line) <= _BROKEN_TITLE_MAX_CHARS
        and not _NOT_PLAIN_HEADING.search(line.replace("《", "").replace("》", ""))
        and not markup.HEADING.match(line)
    )


def join_broken_titles(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """A document's title broken over two lines inside the text ("湖南省人民政府办公厅关于加强
    普通高等学校" / "毕业生就业工作的通知"), above its addressee or its first paragraph, and a
    numbered head ending in a colon with its thesis on the next line, joined into one line:
    (lines, the joined titles by index with why; a joined numbered head is left to its
    numbering)."""
    out: list[str] = []
    heads: dict[int, str] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        count = _broken_title_at(lines, index)
        if count:
            heads[len(out)] = f"a title broken over {count} lines"
            out.append("".join(lines[index : index + count]))
            index += count
            continue
        if index + 2 < len(lines):
            second, under = lines[index + 1], lines[index + 2]
            if _colon_head_over_two_lines(line, second, under):
                out.append(line + second)
                index += 2
                continue
        out.append(line)
        index += 1
    return out, heads


_SECOND_LINE_MAX_CHARS = 24
_TITLE_LINE_MAX_CHARS = 20
_TITLE_LINES_MAX = 4
_TITLE_LINE_STOP = re.compile(r"[。！？!?；;：:]")


def _title_line(line: str) -> bool:
    """A short line a title broken over lines is made of (《》、（） allowed)."""
    return (
        0 < len(line) <= _TITLE_LINE_MAX_CHARS
        and not _TITLE_LINE_STOP.search(line)
        and not markup.HEADING.match(line)
        and not markup.BOLD_LINE.match(line)  # a marked line is whole: never a title's part
        and not _numbering(line)
        and not _DATE_LINE.match(line)
        and not _DOCUMENT_NUMBER.match(line)
        and not line.endswith("如下")  # 全文如下, 详情如下: a lead-in, never part of a title
    )


def _broken_title_at(lines: list[str], index: int) -> int:
    """How many lines from index make one title broken over two to four short lines (the last
    ending as document titles end: …的通知, …实施细则（试行）), with an addressee, a paragraph or
    a chapter head under it; 0 when none do."""
    for count in range(2, _TITLE_LINES_MAX + 1):
        group = lines[index : index + count]
        if len(group) < count or index + count >= len(lines):
            return 0
        if not _title_line(group[-1]):
            return 0
        if not all(_title_line(line) for line in group[:-1]):
            return 0
        if any(_genre().search(line) for line in group[:-1]):
            return 0  # a line that ends as a title is a title of its own
        if not _genre().search(group[-1]):
            continue
        joined = "".join(group)
        under = lines[index + count]
        if len(joined) < _BROKEN_TITLE_MIN_CHARS * 2 or len(joined) > 2 * _TITLE_MAX_CHARS:
            return 0
        if under.endswith(("：", ":")) or _is_prose(under) or _numbering(under):
            return count
        return 0
    return 0


def _colon_head_over_two_lines(line: str, second: str, under: str) -> bool:
    """A numbered head ending in a colon, its thesis on the short line under it, then a
    paragraph ("A 关于题材：" / "做自己应做、能做、擅做的事"): one head broken over two lines."""
    head = find_heading(line)
    return (
        head is not None
        and not head.rest
        and line.endswith(("：", ":"))
        and len(second) <= _SECOND_LINE_MAX_CHARS
        and not _SENTENCE_END.search(second)
        and not find_heading(second)
        and _is_prose(under)
    )


def _label_heads(lines: list[str], headings: list[Heading | None], start: int) -> None:
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
            and not _NOT_PLAIN_HEADING.search(label)
        ):
            continue
        before = lines[index - 1]
        if not (
            (headings[index - 1] or _SENTENCE_END.search(before[-1:]))
            and _bigrams(label) & _bigrams(lines[index + 2])
        ):
            headings[index + 1] = None  # the value of a field (关键词： / 绩效 管理 细则)
            continue
        headings[index] = Heading("plain", line, "", why)
        headings[index + 1] = Heading("plain-sub", head.text, "", f"{head.why}, under a label")


_LABEL_MIN_CHARS, _LABEL_MAX_CHARS = 2, 12
_TOP_NUMBERED = ("chapter", "part")


def _head_above_chapters(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """The title of a text that chapters divide, on the line above its first chapter head
    (太湖县人民政府工作规则 / 第一章 总则): a short line ending as document titles end."""
    first = next((i for i, h in enumerate(headings) if h and _numbered(h.kind)), None)
    chapter = headings[first] if first else None
    if not first or chapter is None or chapter.kind not in _TOP_NUMBERED or headings[first - 1]:
        return
    if first - 1 in skip:
        return
    line = lines[first - 1]
    if _titleish(line) and _genre().search(line):
        why = "the title of the text its chapters divide, above the first chapter"
        headings[first - 1] = Heading("plain", line, "", why)


# A line of a list of labelled entries: "华埠镇：华东村、毛力坑村".
_ENTRY = re.compile(r"^[^\s：:，。]{1,10}[：:]\S")
_LIST_MIN_ENTRIES = 3
_LIST_HEAD_MAX_CHARS = 30
# A date or a time: a line with one is a byline or a signature, never a list's head.
_DATE_OR_TIME = re.compile(r"\d{1,2}\s*[月日时:：]|\d{4}\s*[-/.]\s*\d")


_BULLETED = re.compile(r"^[•·●▪◦‣]\s*\S")
_BULLETS_MIN = 2


def _heads_of_lists(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """A short line without punctuation right above a list of labelled entries (three or more
    lines "华埠镇：华东村、毛力坑村", half of them or more enumerating) heads the list
    ("拟公布的2018年度三星级农村文化礼堂名单"); a year in it is part of its name. Contact
    lines (联系人：张三 / 电话：…) under an office's name are not such a list."""
    why = "a short line above a list of labelled entries"
    for index in range(len(lines) - _LIST_MIN_ENTRIES):
        line = lines[index]
        if headings[index] or index in skip or len(line) > _LIST_HEAD_MAX_CHARS:
            continue
        if _NOT_PLAIN_HEADING.search(re.sub(r"\d{4}", "", line)) or _DATE_OR_TIME.search(line):
            continue
        if _title_lexicon("metadata_block_heading").fullmatch(line):
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
            and len(_CJK.findall(line)) >= _HEAD_MIN_CJK
            and (not before or _SENTENCE_END.search(before[-1:]) or headings[index - 1])
        ):
            headings[index] = Heading("plain", line, "", "a short line above a bulleted list")


def _ordinal(heading: Heading) -> int | None:
    """The number a numbered heading carries (一、 -> 1, （3） -> 3, 第十二章 -> 12)."""
    found = _NUMERAL.search(heading.text)
    return numeral_value(found.group(0)) if found else None


def _heads_of_parts(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """A short line right above a numbered head whose numbering starts again (一、 after 二、)
    names the part those heads divide ("商品退货流程" / "一、流程" after 商品订货流程's 一、 二、):
    it heads them, a level above."""
    seen: set[str] = set()
    for index, heading in enumerate(headings):
        if not heading or not _numbered(heading.kind):
            continue
        again = heading.kind in seen and _ordinal(heading) == 1
        seen.add(heading.kind)
        if not again or index == 0 or headings[index - 1] or index - 1 in skip:
            continue
        if _is_short_plain(lines[index - 1]):
            why = f"a short line above {heading.kind} numbering that starts again"
            headings[index - 1] = Heading("part-name", lines[index - 1], "", why)


_NUMERAL = re.compile(r"[一二三四五六七八九十\d]+")


_FIRST_OF_SERIES = re.compile(r"(?<![\d一二三四五六七八九十])(?:1|一)(?![\d一二三四五六七八九十])")


def _first_of_a_series(headings: list[Heading | None]) -> None:
    """A plain head numbered as the first of a series (经典问题1, 第一次作业) right after a plain
    head without a number sits under it (逻辑推理与倒推法 / 经典问题1:猴子分桃)."""
    at = [i for i, h in enumerate(headings) if h]
    for before, index in itertools.pairwise(at):
        parent, heading = headings[before], headings[index]
        if parent is None or heading is None:
            continue
        if (
            parent.kind == "plain"
            and heading.kind == "plain"
            and not _NUMERAL.search(parent.text)
            and _FIRST_OF_SERIES.search(heading.text)
            and index - before <= _SERIES_GAP_LINES
        ):
            headings[index] = replace(
                heading, kind="plain-sub", why=f"{heading.why}, first of a series"
            )


_SERIES_GAP_LINES = 2


def _plain_levels(headings: list[Heading | None]) -> None:
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
        if _numbered(heading.kind):
            nested = False
        elif heading.kind == "plain-sub":
            nested = True
        elif heading.kind == "plain" and not heading.rest and nested:
            following = [headings[i] for i in at[position + 1 : position + 3]]
            shapes = [
                _NUMERAL.sub("#", h.text)
                for h in following
                if h and h.kind == "plain" and _NUMERAL.search(h.text)
            ]
            if len(shapes) == 2 and len(set(shapes)) == 1:
                for i in at[position + 1 :]:
                    member = headings[i]
                    if (
                        member is None
                        or member.kind != "plain"
                        or _NUMERAL.sub("#", member.text) not in shapes
                    ):
                        break
                    headings[i] = Heading(
                        "plain-sub", member.text, "", f"{member.why}, in a series"
                    )
                continue
            headings[index] = Heading(
                "plain-sub", heading.text, "", f"{heading.why}, beside a subhead"
            )


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1) if _CJK_PAIR.fullmatch(text[i : i + 2])}


_CJK_PAIR = re.compile(r"[\u3400-\u9fff]{2}")
# A line that introduces what follows it, or a list of names: the text under a head.
_CLAUSED_MIN_CHARS = 10
_SENTENCE_AFTER_RATIO = 3


def _sibling_plain_heads(lines: list[str], headings: list[Heading | None], skip: set[int]) -> None:
    """Once a text has a head without numbering (a short line above a paragraph), its other
    short lines without punctuation that stand where such heads stand are heads too: after a
    sentence's end (or at the top), above a line that speaks of them (shares a word), introduces
    a list (ends with a colon), runs in clauses, or is a sentence several times longer. Without
    such a head, two or more short lines each between a sentence's end and a sentence several
    times longer vouch for each other (主要工作 / 存在问题 / 明年打算 of a report)."""
    vouched = any(
        h and h.kind == "plain" and not h.rest and h.why.startswith(_SHORT_LINE_WHYS)
        for h in headings
    )  # a head of the same look: not a list's head, an attachment's title, a label
    found: list[int] = []
    between: list[int] = []  # between two sentences, much shorter than the one under it
    for index, line in enumerate(lines[:-1]):
        if headings[index] or index in skip or len(line) > MAX_PLAIN_HEADING_CHARS:
            continue
        if not _plain_words(line):
            continue
        if _BRACKETED_NOTE.match(line) or len(_CJK.findall(line)) < _HEAD_MIN_CJK:
            continue
        if _spaced_sentence(line):
            continue  # （完）, （图）: a note in brackets; a head names something in words
        before = lines[index - 1] if index and index - 1 not in skip else None
        if before is not None and not (_SENTENCE_END.search(before[-1:]) or headings[index - 1]):
            continue
        after = lines[index + 1]
        if headings[index + 1] or index + 1 in skip or WITHHELD_MARK_RE.match(after):
            continue
        shared = _bigrams(line) & _bigrams(after)
        if _is_short_plain(after) and not (shared and len(after) > len(line)):
            continue  # one of a run of short lines, unless it goes on with the head's words
        sentence_under = _SENTENCE_END.search(after[-1:]) and len(
            after
        ) >= _SENTENCE_AFTER_RATIO * len(line)
        if sentence_under and before is not None and _SENTENCE_END.search(before[-1:]):
            between.append(index)
        if (
            after.endswith(("：", ":"))
            or (_CLAUSE_MARK.search(after) and len(after) >= _CLAUSED_MIN_CHARS)
            or shared
            or sentence_under
        ):
            found.append(index)
    if vouched:
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
_BRACKETED_NOTE = re.compile(r"^[（(\[【〔].*[）)\]】〕]$")
_CJK = re.compile(r"[\u3400-\u9fff]")
_HEAD_MIN_CJK = 2


def _unmark_runs(headings: list[Heading | None], lines: list[str]) -> None:
    """More than HEADING_RUN_MAX whole-line headings of one kind in a row, with no paragraph
    between them, are a table of contents or a list, not headings. A table of contents ends
    where its first entry comes again: that line is the first head of the text."""
    start = 0
    while start < len(headings):
        first = headings[start]
        end = start + 1
        if first and not first.rest:
            while (
                end < len(headings)
                and (other := headings[end])
                and other.kind == first.kind
                and not other.rest
            ):
                end += 1
            again = next(
                (i for i in range(start + 1, end) if _key(lines[i]) == _key(lines[start])), end
            )
            if again - start > HEADING_RUN_MAX:
                for index in range(start, again):
                    headings[index] = None
            if again < end:
                end = again  # the text's first head: a run of its own from there
        start = end


_BULLET = re.compile(r"^[-*+•·]\s+(\S.*)$")
_BULLET_PREFIX_CHARS = 6


def _bullet_siblings(lines: list[str]) -> set[int]:
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


def _unmark_unmarked(headings: list[Heading | None]) -> None:
    """A page that marks its heads (bold lines alone, <h2>) marks them all: a short line it
    leaves plain is a caption or a note (会议现场 under a photo), not a head."""
    marked = [h for h in headings if h and (h.kind == "bold" or h.marked)]
    if len(marked) < _MARKED_HEADS_MIN:
        return
    for index, heading in enumerate(headings):
        if heading and heading.kind in _GUESSED and heading.why.startswith(_SHORT_LINE_WHYS):
            headings[index] = None


_SHORT_LINE_WHYS = ("a short line without punctuation", "one of short lines", "two short lines")


def _unmark_introduced_lists(lines: list[str], headings: list[Heading | None]) -> None:
    """Numbered lines one under another right after a sentence that ends in a colon (具体做法
    如下： / 1、加强组织领导 / 2、明确工作责任) are the items it introduces, not heads."""
    for index in range(1, len(lines) - 1):
        first = headings[index]
        if not first or first.rest or not _numbered(first.kind) or headings[index - 1]:
            continue
        if not lines[index - 1].endswith(("：", ":")):
            continue
        end = index
        while (
            end < len(lines)
            and (other := headings[end])
            and other.kind == first.kind
            and not other.rest
        ):
            end += 1
        if end - index >= 2:
            for item in range(index, end):
                headings[item] = None


@lru_cache(maxsize=4096)
def _numbering(line: str) -> HeadingKind | None:
    """The numbering kind a line opens with (whether or not the line is a heading)."""
    return next((k for k in heading_kinds() if k.pattern and k.pattern.match(line)), None)


def _unmark_items(lines: list[str], headings: list[Heading | None]) -> None:
    """A kind's numbered lines are heads or items alike: when most lines so numbered are
    long sentences (the articles of rules: 一、县政府实行县长负责制。县长主持……), the few
    whose first sentence looked like a run-in head are articles too."""
    by_kind: dict[str, list[int]] = {}
    for index, line in enumerate(lines):
        numbered = _numbering(line)
        if numbered:
            by_kind.setdefault(numbered.kind, []).append(index)
    for kind, items in by_kind.items():
        heads = [i for i in items if (h := headings[i]) and h.kind == kind]
        if len(items) < 3 or len(heads) * 2 >= len(items):
            continue
        for index in heads:
            heading = headings[index]
            if heading and (heading.rest or heading.text.endswith("。")):
                headings[index] = None


# A lone attachment label above an attachment's title: "附件1", "附件：2".
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[：:]?\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?$")


def _attachment_title(line: str, before: str | None) -> Heading | None:
    """The title of an attachment, on the line under its label (GB/T 9704 附件)."""
    if (
        before is not None
        and _ATTACHMENT_LABEL.match(before)
        and len(line) <= MAX_HEADING_CHARS
        and not _SENTENCE_END.search(line)
        and not _CLAUSE_MARK.search(line)
    ):
        return Heading("plain", line, "", "the title of an attachment, under its label")
    return None


_TITLE_MAX_CHARS = 30


def _title_over_subtitle(line: str, after: str | None) -> Heading | None:
    """The title of a speech or article the text carries, with its subtitle under it
    ("发挥“近”的优势，做足“特”的文章" / "——谈谈新闻摄影的创新创优")."""
    if (
        after is not None
        and _SUBTITLE.match(after)
        and len(line) <= _TITLE_MAX_CHARS
        and not _SENTENCE_END.search(line)
        and not line.endswith(("：", ":", "，", ","))
        and not _SUBTITLE.match(line)
    ):
        return Heading("plain", line, "", "a title with its subtitle (——…) under it")
    return None


def _attachment_notes(lines: list[str]) -> set[int]:
    """The numbered lines that continue the attachment notes (附件：1. 名称 / 2. 名称)."""
    notes: set[int] = set()
    for index, line in enumerate(lines):
        if _ATTACHMENT_FIRST.match(line) or index - 1 in notes:
            if index + 1 < len(lines) and _ATTACHMENT_NEXT.match(lines[index + 1]):
                notes.add(index + 1)
    return notes


def _in_a_list(heading: Heading, before: str | None, after: str | None) -> bool:
    """A numbered whole sentence (1. 总则：阐明……。) next to another line numbered the same
    way is an item of a list, not a heading: headings are followed by paragraphs. So is a
    numbered line next to a clause so numbered (（二）股东及实际控制人；)."""
    text = heading.text
    if heading.rest:
        return False
    neighbours = [
        line
        for line in (before, after)
        if line and (k := _numbering(line)) and k.kind == heading.kind
    ]
    if any(line.endswith(("；", ";")) for line in neighbours):
        return True
    if not text.endswith(("。", "；", ";")):
        return False
    if len(text) <= MAX_SENTENCE_HEADING_CHARS and not _CLAUSE_MARK.search(text[2:]):
        return False
    return any(
        (other := find_heading(line)) is not None and other.kind == heading.kind
        for line in (before, after)
        if line
    )


def split_inline_heads(lines: list[str]) -> tuple[list[str], set[int]]:
    """Lines with the heads that stand inside them (set off by spaces) split out: (lines,
    indexes of the heads)."""
    out: list[str] = []
    heads: set[int] = set()
    for line in lines:
        found = [m for m in _INLINE_HEAD.finditer(line) if not _ARTICLE.match(m.group(2))]
        # "。head text": no verb of a clause in it (a stray space after "我们要" is no head's)
        found = [m for m in found if m.group(1) or not clause_words().search(m.group(2))]
        glued = [m for m in found if not m.group(1) and m.group(3)]
        if len(glued) < _INLINE_HEADS_UNSPACED_MIN:
            found = [m for m in found if m.group(1)]
        position = 0
        for match in found:
            before = line[position : match.start()].strip()
            if before:
                out.append(before)
            heads.add(len(out))
            out.append(match.group(2))
            position = match.end()
        rest = line[position:].strip()
        if rest:
            out.append(rest)
    return out, heads


def escape_markdown(text: str, *, block_start: bool = True) -> str:
    """Make a line of prose read literally in pandoc Markdown; bold spans (**…**) stay bold.

    block_start: the text opens a block, where "1." or "-" would start a list.
    """
    parts, position = [], 0
    for match in markup.BOLD_SPAN.finditer(text):
        parts.append(_MD_SPECIAL.sub(r"\\\1", text[position : match.start()]))
        parts.append("**" + _MD_SPECIAL.sub(r"\\\1", match.group(0)[2:-2]) + "**")
        position = match.end()
    parts.append(_MD_SPECIAL.sub(r"\\\1", text[position:]))
    text = "".join(parts)
    if not block_start:
        return text

    def literal(m: re.Match) -> str:
        if m.group(2):
            return f"{m.group(1)}\\{m.group(2)}"
        return f"{m.group(1)}{m.group(3)}\\{m.group(4)}"

    return _MD_LINE_START.sub(literal, text, count=1)


def _table_block(rows: list[str]) -> str:
    """A pipe table as Markdown: each cell escaped, the separator row as it is."""
    out = []
    for index, row in enumerate(rows):
        if index == 1:
            out.append(row)
            continue
        cells = re.split(r"(?<!\\)\|", row.strip()[1:-1])
        out.append(
            markup.table_line(
                [escape_markdown(c.strip().replace("\\|", "|"), block_start=False) for c in cells]
            )
        )
    return "\n".join(out)


def _marked(lines: list[str]) -> list[Heading | None]:
    """Headings marked in the source ("#" lines): their numbering decides their kind, else
    their level does."""
    found: list[Heading | None] = []
    for line in lines:
        match = markup.HEADING.match(line)
        if not match:
            found.append(None)
            continue
        level, text = len(match.group(1)), match.group(2).strip()
        numbered = find_heading(text)
        if numbered and not numbered.rest:
            why = f"{numbered.why}, marked <h{level}>"
            found.append(Heading(numbered.kind, text, "", why, level))
        else:
            why = f"marked heading <h{level}>"
            found.append(Heading(f"html-h{min(level, 3)}", text, "", why, level))
    return found


def find_headings(
    lines: list[str], byline_to: int, inline: dict[int, str], table: set[int], title: str = ""
) -> list[Heading | None]:
    """The heading each line is, or None: each line by its numbering or its look, then the
    document's evidence (runs of heads, lists, the kind's other items, the title)."""
    marked = _marked(lines)
    headings: list[Heading | None] = []
    last = max((i for i, line in enumerate(lines) if not WITHHELD_MARK_RE.match(line)), default=0)
    title_key = _key(title)
    attachment_notes = _attachment_notes(lines)
    piece: re.Pattern | None = None  # the name of a collection's pieces, once its title is met
    under_title = _under_a_title(lines)
    bulleted = _bullet_siblings(lines)
    for index, line in enumerate(lines):
        if index in table or index < byline_to or index in attachment_notes or index in under_title:
            headings.append(None)
            continue
        if index in bulleted and not marked[index]:
            headings.append(None)
            continue
        if _title_copy(markup.unwrap(line)[1], title_key, index):
            headings.append(None)  # the title repeated in the text heads nothing
            continue
        if stem := collection_stem(line):
            piece = re.compile(re.escape(stem) + r"\s*\d{1,2}")
            headings.append(None)  # a collection's title, above its pieces
            continue
        if piece and piece.fullmatch(line):
            why = "a piece of a collection: the collection's name and the piece's number"
            headings.append(Heading("piece", line, "", why))
            continue
        if index in inline:
            headings.append(Heading("plain", line, "", inline[index]))
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if before is not None and title_key and _key(before) == title_key:
            before = None  # under the title's copy, a line is at the top of the text
        found = (
            marked[index]
            or find_heading(line)
            or _attachment_title(line, before)
            or _title_over_subtitle(line, after)
            or standalone_heading(
                line, before, after, lines[index + 2] if index + 2 < len(lines) else None
            )
        )
        if found and index == last and not found.rest and not marked[index]:
            found = None  # a heading heads something: the last line of a text is not one
        if found and _in_a_list(found, before, after):
            found = None
        headings.append(found)
    titled = {i for i, line in enumerate(lines) if _title_copy(line, title_key, i)}
    titled |= under_title | bulleted
    _nested_heads(lines, headings, table | titled)
    _sibling_plain_heads(lines, headings, table | titled)
    _label_heads(lines, headings, byline_to)
    _head_above_chapters(lines, headings, titled)
    _heads_of_parts(lines, headings, titled)
    _heads_of_lists(lines, headings, titled)
    _unmark_runs(headings, lines)
    _unmark_introduced_lists(lines, headings)
    _unmark_items(lines, headings)
    _plain_levels(headings)
    _first_of_a_series(headings)
    _unmark_unmarked(headings)
    for index, heading in enumerate(headings):
        if heading and not _numbered(heading.kind) and _DECORATION.match(heading.text):
            text = _DECORATION.sub("", heading.text)
            headings[index] = replace(heading, text=text)
    return headings


# A mark set before a head without numbering (▌结语, ■ 工作目标): the head's text goes without it.
_DECORATION = re.compile(r"^[▌▍▎▋▊▉■□◆◇●○▶►▷★☆✦❖※]+\s*(?=\S)")


_TITLE_PART_MIN_CHARS = 4
_TITLE_PART_LINES = 6


def _title_copy(line: str, title_key: str, index: int) -> bool:
    """The title repeated in the text, or near the top a part of it on a line of its own (the
    issuer's name, the document's name under it); not the name of another document the title
    quotes in 《》 (the rules a notice issues, whose text follows)."""
    key = _key(line)
    if not title_key or not key:
        return False
    if key == title_key:
        return True
    return (
        index < _TITLE_PART_LINES
        and len(key) >= _TITLE_PART_MIN_CHARS
        and key in title_key
        and f"《{key}》" not in title_key
    )


@lru_cache(maxsize=4096)
def _key(text: str) -> str:
    """Comparable form of a line: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def structure(doc: Document) -> Document:
    """Build doc.markdown from doc.text and doc.meta."""
    if doc.kind == "markdown":
        return doc.with_(markdown=doc.text, meta={**doc.meta, **frontmatter.read(doc.text)})
    meta = dict(doc.meta)
    lines, cut = split_glued(doc.text.split("\n"))
    lines, joined_at = join_broken_titles(lines)  # before the title is chosen: it may be one
    joined = {lines[index]: why for index, why in joined_at.items()}
    explained: list[str] = []
    lines, title, why = choose_title(lines, meta, Path(doc.name).name, doc.evidence)
    meta["title"] = title
    explained.append(f"title: {title}  <- {why}")
    if (
        [line for line in lines if line.strip()]
        and all(is_title_like(line) for line in lines if line.strip())
        and len([line for line in lines if line.strip()]) == 1
    ):
        raise DocumentError("no text left after the title")  # a title and nothing under it
    if lines and _SUBTITLE.match(lines[0]) and "subtitle" not in meta:
        meta["subtitle"] = lines[0]
        lines = lines[1:]
    if not any(lines):
        raise DocumentError("no text left after the title")
    meta["lang"] = meta.get("lang", "zh-CN")
    dates = list(doc.evidence.dates)
    if not meta.get("date"):
        dated = dates or [_dated(line) for line in lines[:DATE_SEARCH_LINES]] + [
            _dated(line) for line in lines[-DATE_SEARCH_LINES:] if _DATE_LINE.match(line)
        ]
        meta["date"] = next((date for date in dated if date), "")
    if meta.get("date"):
        meta["date"] = iso_date(str(meta["date"])) or meta["date"]
    byline_to = _byline_end(lines)

    head_lines = lines[:byline_to]
    lines, inline_at = split_inline_heads(lines[byline_to:])
    lines = head_lines + lines
    inline = {
        index + byline_to: "a short phrase set off by spaces in a paragraph" for index in inline_at
    }
    inline |= {
        index: joined[line]
        for index, line in enumerate(lines)
        if line in joined and index >= byline_to
    }
    table = markup.table_rows(lines)
    headings = find_headings(lines, byline_to, inline, table, title)
    for index, heading in enumerate(headings):
        if heading and lines[index] in cut and not heading.rest:
            why = f"{heading.why}, on a line cut from the text it was glued to"
            headings[index] = replace(heading, why=why)
    at = [index for index, h in enumerate(headings) if h]
    levels = dict(zip(at, _levels([h for h in headings if h]), strict=True))
    signature_from = _signature_start(lines, headings, list(doc.evidence.aligned_right))
    blocks: list[str] = []
    run_ins = 0
    addressee = _addressee_at(lines, headings, byline_to, signature_from)
    attachments = _attachments_span(lines, headings, byline_to, signature_from)
    if byline_to:
        body = "\n\n".join(escape_markdown(line) for line in lines[:byline_to])
        blocks.append(marks.block(marks.BYLINE, body))
    index = byline_to
    while index < len(lines):
        line, heading = lines[index], headings[index]
        if index in table:
            end = index
            while end in table:
                end += 1
            blocks.append(_table_block(lines[index:end]))
            index = end
            continue
        if WITHHELD_MARK_RE.match(line):
            blocks.append(marks.block(marks.WITHHELD, line))
        elif index == addressee:
            blocks.append(marks.block(marks.ADDRESSEE, escape_markdown(line)))
        elif attachments and attachments[0] <= index < attachments[1]:
            if index == attachments[0]:
                body = "\n\n".join(escape_markdown(s) for s in lines[slice(*attachments)])
                blocks.append(marks.block(marks.ATTACHMENTS, body))
        elif index >= signature_from:
            if index == signature_from:
                signature = lines[signature_from:]
                body = "\n\n".join(escape_markdown(s) for s in signature)
                blocks.append(marks.block(marks.SIGNATURE, body))
        elif heading:
            level = levels[index]
            explained.append(f"heading {level}: {heading.text}  <- {heading.why}")
            text = escape_markdown(heading.text, block_start=False)
            if not heading.rest:
                blocks.append(f"{'#' * level} {text}")
            else:
                run_ins += 1
                blocks.append(marks.run_in_heading(level, text, run_ins))
                blocks.append(escape_markdown(heading.rest))
        else:
            # A line marked as a heading that is not one (a title's copy, a run of them) is
            # printed as its text.
            blocks.append(
                escape_markdown(markup.unwrap(line)[1] if markup.HEADING.match(line) else line)
            )
        index += 1
    markdown = frontmatter.write(meta) + "\n" + "\n\n".join(blocks) + "\n"
    return doc.with_(meta=meta, markdown=markdown, explained=(*doc.explained, *explained))


# A notice's addressee (主送机关), the line before its first paragraph: "各位业主、住户：".
_ADDRESSEE_MAX_CHARS = 40
# Attachment notes (附件说明, GB/T 9704 §7.3.4): "附件：1. 名称", then "2. 名称" lines.
_ATTACHMENT_FIRST = re.compile(r"^附\s*件\s*[：:]\s*\S")
_ATTACHMENT_NEXT = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")


def _addressee_at(lines: list[str], headings: list, start: int, end: int) -> int | None:
    """Index of the addressee line: the first line of the text, ending in a colon, short, not a
    heading, with a paragraph after it."""
    if start + 1 >= min(end, len(lines)):
        return None
    line = lines[start]
    if (
        line.endswith(("：", ":"))
        and len(line) <= _ADDRESSEE_MAX_CHARS
        and not headings[start]
        and not _SENTENCE_END.search(line)
    ):
        return start
    return None


def _attachments_span(
    lines: list[str], headings: list, start: int, end: int
) -> tuple[int, int] | None:
    """(first, past last) of the attachment notes between the text and the signature."""
    for first in range(end - 1, start, -1):
        if _ATTACHMENT_FIRST.match(lines[first]) and not headings[first]:
            last = first + 1
            while last < end and _ATTACHMENT_NEXT.match(lines[last]):
                last += 1
            return first, last
    return None


def _numbered(kind: str) -> bool:
    return kind in _numbered_kinds()


@cache
def _numbered_kinds() -> frozenset[str]:
    return frozenset(k.kind for k in heading_kinds() if k.pattern is not None)


def _levels(found: list[Heading]) -> list[int]:
    """Markdown level of each heading. Numbered kinds take levels in the order the document
    first uses them (GB/T 9704 counts 结构层次 from the first layer used), a kind that sits
    under another (0x010 under 0x01) coming after it. A kind without numbering whose head is
    followed by numbering that starts again (工作措施 / 1、 after 工作目标 / 1、 2、) heads that
    numbering, a level above it; other heads without numbering above the first numbered one
    (前言, 目录, the title of an attached text) stand at level 1 beside it. When the source marks
    every heading (<h2>, "##"), its marks give the levels."""
    if found and all(h.marked for h in found):
        marked = sorted({h.marked for h in found})  # the source's own outline
        return [min(marked.index(h.marked) + 1, 6) for h in found]
    parents: dict[str, str] = {}  # kind without numbering -> the numbered kind it heads
    seen: set[str] = set()
    for heading, following in itertools.pairwise(found):
        seen.add(heading.kind)
        if (
            not _numbered(heading.kind)
            and _numbered(following.kind)
            and following.kind in seen
            and _ordinal(following) == 1
        ):
            parents.setdefault(heading.kind, following.kind)
    first_numbered = next((i for i, h in enumerate(found) if _numbered(h.kind)), None)
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
    order: list[str] = []
    for index, heading in enumerate(found):
        if index not in front | under_front and heading.kind not in order:
            order.append(heading.kind)
    for parent, headed in parents.items():
        if parent in order and headed in order and order.index(parent) > order.index(headed):
            order.remove(parent)
            order.insert(order.index(headed), parent)  # it heads the parts they divide
    under = {k.kind: k.under for k in heading_kinds() if k.under}
    moved = True
    while moved:
        moved = False
        for kind in list(order):
            above = under.get(kind)
            if above in order and order.index(above) > order.index(kind):
                order.remove(above)
                order.insert(order.index(kind), above)
                moved = True
    rank = {kind: min(level, 6) for level, kind in enumerate(order, 1)}
    return [
        1 if index in front else 2 if index in under_front else rank[h.kind]
        for index, h in enumerate(found)
    ]


# A title with its subtitle under it heads the text that follows it, numbered heads included.
_HEADS_ITS_TEXT = "a title with its subtitle"


def _byline_end(lines: list[str]) -> int:
    """How many lines under the title are a byline, printed centred: a speech's speaker and
    bracketed date ("张三" / "（2025年1月10日）"), or a notice's document number."""
    if lines and _DOCUMENT_NUMBER.match(lines[0]):
        return 1
    for end in range(min(2, len(lines)), 0, -1):
        block = lines[:end]
        if (
            _BRACKETED_DATE.match(block[-1])
            and all(len(line) <= _BYLINE_MAX_CHARS for line in block)
            and not any(_SENTENCE_END.search(line) or find_heading(line) for line in block)
        ):
            return end
    return 0


def _signature_start(lines: list[str], headings: list, aligned_right: list[str]) -> int:
    """Index where a closing signature block (organisation lines and a date) starts: the last
    lines when the page set them right-aligned, else short closing lines that include a date."""
    right = {normalize_line(line.strip(INDENT)) for line in aligned_right}
    start = len(lines)
    while start > 1 and lines[start - 1] in right and len(lines) - start < 6:
        start -= 1
    if start < len(lines):
        return start
    while start > 0 and len(lines) - start < 4:
        line = lines[start - 1]
        if headings[start - 1] or len(line) > _SIGNATURE_MAX_CHARS or _SENTENCE_END.search(line):
            break
        if re.search(r"[，,：:；;|]", line):
            break
        start -= 1
    block = lines[start:]
    if block and any(_DATE_LINE.match(line) for line in block) and start > 0:
        return start
    return len(lines)


def _dated(line: str) -> str:
    """The full date of a short line (a byline, a signature's date), or ""."""
    if len(line) > DATED_LINE_MAX_CHARS or re.search(r"[。，；！？]", line):
        return ""  # a sentence's date is what it speaks of, not the document's
    return full_date(line)
