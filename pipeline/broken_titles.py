"""A document's title broken over short lines inside the text, and a numbered head whose
thesis went onto the next line: joined into one line before the title is chosen."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from . import markup
from .line_shapes import (
    DATE_LINE,
    DOCUMENT_NUMBER,
    SENTENCE_END,
    TITLE_MAX_CHARS,
    genre_ending,
    is_prose,
)
from .numbering import find_heading, numbering_of

_BROKEN_TITLE_MIN_CHARS = 6
# A document's edition or status in brackets on a line of its own under its name.
_EDITION = re.compile(r"[（(][^（）()]{1,12}[）)]")


def join_broken_titles(lines: list[str]) -> tuple[list[str], dict[int, str]]:
    """A document's title broken over two lines inside the text ("湖南省人民政府办公厅关于加强
    普通高等学校" / "毕业生就业工作的通知"), above its addressee or its first paragraph, and a
    numbered head ending in a colon with its thesis on the next line, and a chapter's number
    broken from its word (第一 / 章 总 则), joined into one line:
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
        if (
            index + 1 < len(lines)
            and _BROKEN_NUMBER.match(line)
            and _NUMBER_END.match(lines[index + 1])
        ):
            out.append(f"{line}{lines[index + 1]}")  # 第一 / 章 总 则: a chapter's number broken
            index += 2
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


# A chapter's or a part's number alone, and the line that goes on with its word.
_BROKEN_NUMBER = re.compile(r"^第\s*[一二三四五六七八九十百零〇\d]{1,4}$")
_NUMBER_END = re.compile(r"^[章节條条编讲部篇](?:$|[\s\u3400-\u9fff])")
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
        and not numbering_of(line)
        and not DATE_LINE.match(line)
        and not DOCUMENT_NUMBER.match(line)
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
        if any(genre_ending().search(line) for line in group[:-1]):
            return 0  # a line that ends as a title is a title of its own
        if any(_ends_with_count(line) for line in group[:-1]):
            return 0  # a collection's name and its count (…(精选9篇)), then its first piece's title
        if any(_says_again(above, below) for above, below in pairwise(group)):
            return 0  # a headline and a second title under it that says its words again
        if not genre_ending().search(group[-1]) and not (
            _EDITION.fullmatch(group[-1]) and group[0].startswith(("关于", "關於", "关於", "關于"))
        ):
            continue  # (关于推动……政策举措 / （2025年版）: a 关于 title and its edition)
        joined = "".join(group)
        under = lines[index + count]
        if _stands_alone(lines, index, group):
            return 0  # its last line is a whole title: the page gives it alone elsewhere
        if len(joined) < _BROKEN_TITLE_MIN_CHARS * 2 or len(joined) > 2 * TITLE_MAX_CHARS:
            return 0
        if under.endswith(("：", ":")) or is_prose(under) or numbering_of(under):
            return count
        return 0
    return 0


@cache
def _count_at_end() -> re.Pattern[str]:
    from .titles import _lexicon

    return re.compile(f"(?:{_lexicon()['count'].pattern})\\s*$")


def _ends_with_count(line: str) -> bool:
    """The line ends with a count of pieces in brackets (罗定市人民政府网(精选9篇), （通用5篇）):
    a 范文 collection's name, whole (title_signals.toml [pieces])."""
    return bool(_count_at_end().search(line))


_RESTATED_MIN_CHARS = 4


def _says_again(above: str, below: str) -> bool:
    """The line below says again the words the line above ends on (elm项目新增电子钱包 /
    “饿了吧“项目电子钱包实验报告): a title broken over lines says each of its words once, so the
    two are a headline and a second title under it (a report's own name). An issuer's name
    written again whole in its notice's title (某某大学 / 关于印发《某某大学…》的通知) is one
    title's."""
    if above in below:
        return False
    tail = above[-_RESTATED_MIN_CHARS:]
    return len(tail) == _RESTATED_MIN_CHARS and tail.isalnum() and tail in below


def _stands_alone(lines: list[str], index: int, group: list[str]) -> bool:
    """The group's last line stands alone elsewhere in the page, without the line above it in
    the group (正文复制 / 在创建省级文明城市动员大会上的讲话, the speech's title written again over
    its copy further down): a whole title under a line of something else, never broken."""
    last = group[-1]
    return any(
        line == last and (at == 0 or lines[at - 1] != group[-2])
        for at, line in enumerate(lines)
        if not index <= at < index + len(group)
    )


def _colon_head_over_two_lines(line: str, second: str, under: str) -> bool:
    """A numbered head ending in a colon, its thesis on the short line under it, then a
    paragraph ("A 关于题材：" / "做自己应做、能做、擅做的事"): one head broken over two lines."""
    head = find_heading(line)
    return (
        head is not None
        and not head.rest
        and line.endswith(("：", ":"))
        and len(second) <= _SECOND_LINE_MAX_CHARS
        and not SENTENCE_END.search(second)
        and not find_heading(second)
        and is_prose(under)
    )
