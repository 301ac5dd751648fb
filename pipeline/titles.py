"""The document's title, chosen among candidates by evidence.

Candidates: a title the page's metadata gave (its <title> less the site's suffix, a scraper's
标题： line, a YAML block's title: meta["title"], with Document.evidence.title_from saying which), an
in-page heading (<h1>, a Markdown "#") or a bold line at the top, a 【…】-bracketed title,
the first short line; the file name only when nothing else exists. Never a site name, never
the heading of a metadata block, never a sentence, never with a Markdown mark. A title that
the text repeats at its top is taken out of the text once.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from . import markup
from .document import Evidence
from .line_shapes import DOCUMENT_NUMBER, SUBTITLE, in_order
from .marks import WITHHELD_MARK_RE
from .numbering import find_heading, numbering_of
from .numerals import number_in
from .page import is_chrome, is_prose, names_in_passing, page_topic
from .prose_guard import spares_head_line
from .script import simplified
from .structure_data import structure_rules
from .thresholds import limit

MAX_TITLE_CHARS = limit("structure", "max_title_chars")
TITLE_SEARCH_LINES = limit("structure", "title_search_lines")
BYLINE_SEARCH_LINES = limit("title", "byline_search_lines")
LABEL_SEARCH_LINES = limit("title", "label_search_lines")
DATED_LINE_MAX_CHARS = limit("clean", "dated_line_max_chars")
TITLE_PART = limit("structure", "title_part")
SPLIT_TITLE_HEAD_CHARS = limit("structure", "split_title_head_chars")
OVERLAP_TEXT_CHARS = limit("structure", "title_overlap_text_chars")
OVERLAP_FULL_PAIRS = limit("title", "overlap_full_pairs")
PARAGRAPH_CHARS = limit("title", "paragraph_chars")
SITE_PART_MAX_CHARS = limit("title", "site_part_max_chars")
SITE_PART_MIN_TITLE = limit("title", "site_part_min_title")
HEAD_CANDIDATES_MAX = limit("title", "head_candidates_max")
SHORT_ABOVE_CHARS = limit("title", "short_above_chars")
INTRO_LINE_SHARE = limit("title", "intro_line_share")
_PUNCTUATION = re.compile(r"[，。！？；：、,.!?;:]")
TITLE_MIN_SCORE = limit("title", "min_score")
LONG_TITLE_CHARS = limit("title", "long_chars")
SCORE = {
    name: limit("title", name)
    for name in (
        "metadata",
        "heading",
        "top",
        "head",
        "byline_under",
        "prose_under",
        "overlap",
        "file_name",
        "board_tag",
        "intro_named",
        "labelled",
        "page_first",
        "page_first_dated",
        "restated",
        "breadcrumb",
    )
} | {
    name: limit("title", name)
    for name in ("agreement", "genre", "under_salutation", "under_prose", "first_section")
}
# A candidate's shape (_shape): what each trait adds (thresholds.toml shape_*).
SHAPE = {
    name: limit("title", f"shape_{name}")
    for name in (
        "dated",
        "label_value",
        "numbered",
        "open_clause",
        "exclaimed",
        "full_stop_clauses",
        "full_stop",
        "long",
        "no_han",
    )
}
# A candidate of the text's that would leave no text under it scores this, whatever else.
LEFT_NOTHING = -99.0
# Every weight a candidate's score is made of (Candidate.parts names them).
WEIGHTS = {**SCORE, **{f"shape_{name}": value for name, value in SHAPE.items()}} | {
    "left_nothing": LEFT_NOTHING
}
# The marks of page-head candidates (clean.py) and the score each adds.
MARK_SCORES = {
    "file name": "file_name",
    "file name above the text": "file_name",
    "board tag": "board_tag",
    "named by the site's intro": "intro_named",
    "the page's first line": "page_first",
    "the page's first line, with its date": "page_first_dated",
    "the text's first line, its opening's words": "page_first",
}
_NOT_TITLE_ENDINGS = ("。", "；", "，", "！", "？", "：", ":", "…", ";", ",")
_SENTENCE_INSIDE = re.compile(r"[。！？!?]")
_FULL_STOP_INSIDE = re.compile(
    r"(?<=[^\s。！？]{2})。(?=[^。”’」』）)\s])"
)  # a sentence's end with more text after it (a sentence has two characters: 新.汝は… is a name)
EXCLAIMED_SENTENCE_CHARS = limit("title", "exclaimed_sentence_chars")
SHORT_HEAD_CHARS = 20  # a plain head of a text's section is this short
SERIAL_CHAPTER_MIN = 20  # a chapter numbered so far is a serial's (a web novel's) page
SUBTITLE_MIN_CHARS = limit("title", "subtitle_min_chars")
RESTATED_MIN_CHARS = limit("title", "restated_min_chars")
_NOTE = re.compile(r"\s*[（(][^（）()]{1,20}[）)]")  # a title's bracketed note: （2025年8月修订）
_PIECES = re.compile(r"\s*(?:精选|通用)?\d{1,3}篇")  # how many pieces a collection holds: 15篇
_GLUED_BRACKETED = re.compile(r"^【([^【】]{2,30})】(.{10,}[，。！？；,.!?;].*)$")  # then prose
_BRACKETED = re.compile(r"^【([^【】]{2,60})】$")
# A headline glued to its lead that opens with the date (集團召開2022年終總結大會2023年1月13日，集團
# 2022年終總結大會在總部召開。…): the headline, a full date, a comma, then the lead's prose.
# Or with a news item's dateline mark (本报讯（通讯员 刘芳）10月18日，…), a reporter's credit
# (（通讯员 王强）, 记者 陈晨), a date without its year (9月26日，县农业农村局组织…) or a time word
# after a space (… 近日，…): the lead still says the headline's words again.
_GLUED_DATELINE = re.compile(
    r"^(?P<title>[^，。！？；：,.!?;:]{6,40}?)"
    r"(?P<lead>(?:(?:(?:本报|本刊|本台|本网|本站)讯\s*(?:[（(][^（）()]{1,20}[）)])?"
    r"|[（(](?:本报|本台|本刊)?(?:特约|见习)?(?:记者|通讯员)[^（）()]{1,20}[）)]"
    r"|\s(?:本报|本台|本刊)?(?:特约|见习)?(?:记者|通讯员)\s*[\u3400-\u9fff]{2,4}"
    r"(?:[\s、][\u3400-\u9fff]{2,4})*(?=\s|\d))\s*"
    r"(?:(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|近日|日前|昨天|昨日|今天|今日)?"
    r"|(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日|\s(?:近日|日前|昨天|昨日|今天|今日))"
    r"\s*(?:[上下]午|晚间?|早上|上旬|中旬|下旬)?\s*[，,].{10,}[。！？!?].*)$"
)
# A headline said twice, then the text run on after it on the same line (a document site's
# name of the file and its heading flattened onto the text's first line: 支部主题党日制度
# 支部主题党日制度 为进一步加强……): the headline, its copy, then prose with its punctuation.
_GLUED_TWICE = re.compile(
    r"^(?P<title>[^\s，。！？；：,.!?;:]{4,40})\s+(?P=title)\s+(?P<lead>\S.{9,}[，。！？；,.!?;].*)$"
)
GLUED_LEAD_SHARE = 0.6  # of the headline's character pairs the lead says again


@cache
def _lexicon() -> dict:
    data = structure_rules()
    title = data["title"]
    never = tomllib.loads((Path(__file__).with_name("title_signals.toml")).read_text("utf-8"))
    surnames = data["plain"]["spaced_name_surnames"]
    return {
        "site": re.compile(title["site_name"]),
        "block": re.compile(title["metadata_block_heading"]),
        "genre": re.compile(title["genre_ending"]),
        "issuer": re.compile(title["issuer"]),
        "never": re.compile(
            "|".join(
                f"(?:{p})" for p in (*never["not_title"].values(), *never["site_line"].values())
            )
        ),
        "site_line": re.compile("|".join(f"(?:{p})" for p in never["site_line"].values())),
        "issue_number": re.compile(never["not_title"]["issue_number"]),
        "site_more": re.compile("|".join(f"(?:{p})" for p in never["site_name"].values())),
        "separator": re.compile(f"({never['site_words']['separator']})"),
        "column": re.compile(never["site_words"]["column"]),
        "column_alone": re.compile(never["site_words"]["column_alone"]),
        "menu": re.compile(never["row"]["menu"]),
        "hashtags": re.compile(never["tags"]["line"]),
        "decoration": re.compile(f"{never['decoration']['before']}|{never['decoration']['after']}"),
        "brand": re.compile(never["site_words"]["brand"]),
        "dated": re.compile(never["dated"]["date"]),
        "issue_date": re.compile(never["dated"]["issue"]),
        "breadcrumb": re.compile(never["breadcrumb"]["line"]),
        "breadcrumb_separator": re.compile(never["breadcrumb"]["separator"]),
        "item_numberings": frozenset(never["numbered"]["item_kinds"]),
        "lone_part_kinds": frozenset(never["numbered"]["lone_part_kinds"]),
        "piece_kinds": frozenset(never["numbered"]["piece_kinds"]),
        "standard_part": re.compile(never["numbered"]["standard_part"]),
        "count": re.compile(never["pieces"]["count"]),
        "kind_only": re.compile(never["pieces"]["kind_only"]),
        "citation": re.compile(never["citation"]["line"]),
        "asks": re.compile(never["question"]["asks"]),
        "blurb": re.compile(
            rf"^(?P<lead>{never['blurb']['lead']})\s*(?P<title>[^，,。；;]{{4,80}})"
            rf"(?:[，,。；;]\s*(?:{never['blurb']['tail']})?)?$"
        ),
        "lead_in": re.compile(never["kind_colon"]["lead_in"]),
        "source_field": re.compile(never["byline"]["source_field"]),
        # A person's name alone (朱建華 above the article): a byline, never the title.
        "name": re.compile(rf"[{surnames}][\u3400-\u9fff]{{1,2}}"),
        # A column's headline with its columnist's name right after a slash, no space about it
        # (新加坡的务实精神/利亮时; 簡易檢索 / 詳目顯示 is a row of links).
        "author_after": re.compile(
            r"^(?P<title>[^/／]{3,}[\u3400-\u9fff])[/／](?P<name>[\u3400-\u9fff]{2,3})$"
        ),
    }


# Marks a page sets before a line (☉張國財, ● 摘要): the line's words are what it is.
_LEADING_MARKS = re.compile(r"^[☉◎●○◉★☆■□◆◇▲△▼▽►▶※·•]+")


def is_never_title(text: str) -> bool:
    """A salutation, a section's label, a bare date, a person's name alone (title_signals.toml),
    whatever mark stands before it (☉張國財: a byline), a document's number alone (研字〔2014〕14号)."""
    key = _LEADING_MARKS.sub("", re.sub(r"\s+", "", simplified(text)))
    return bool(
        _lexicon()["never"].fullmatch(key)
        or _lexicon()["name"].fullmatch(key)
        or DOCUMENT_NUMBER.match(text.strip())
    )


def breadcrumb_columns(lines: list[str]) -> tuple[str, ...]:
    """The columns a breadcrumb among the lines names (当前位置：首页 > 规章制度 > 正文:
    规章制度): the site's sections the page is filed under, never its title. Its last part may
    name the page itself and is left out."""
    columns: list[str] = []
    for line in lines:
        match = _lexicon()["breadcrumb"].match(line.strip())
        if match:
            parts = [p for p in _lexicon()["breadcrumb_separator"].split(match["parts"]) if p]
            columns.extend(part.strip() for part in parts[:-1])
    return tuple(dict.fromkeys(columns))


BREADCRUMB_PAGE_MIN_CHARS = limit("title", "breadcrumb_page_min_chars")


def breadcrumb_page(lines: list[str] | tuple[str, ...]) -> str:
    """The page's name as the last part of a breadcrumb among the lines (当前位置：首页 > 通知公告
    > 关于开展春季消防安全检查的通知), or "": a column's name (正文, 通知公告) is shorter than
    BREADCRUMB_PAGE_MIN_CHARS, and a name the site cut short (…, ...) is no title."""
    for line in lines:
        match = _lexicon()["breadcrumb"].match(line.strip())
        if match:
            parts = [p for p in _lexicon()["breadcrumb_separator"].split(match["parts"]) if p]
            last = parts[-1].strip() if len(parts) >= 2 else ""
            if len(last) >= BREADCRUMB_PAGE_MIN_CHARS and not last.endswith(("…", "...", "..")):
                return last
    return ""


_NAME_MARKS = re.compile(r"^[\s\-–—·•]+|[\s\-–—·•]+$")


def is_author_line(line: str) -> bool:
    """A line giving the author alone under a title: a person's name set off by dashes or
    dots (- 卢昌海 -) or a writer's credit (作者：…, 文/…). A byline, as a date line is."""
    key = re.sub(r"\s+", "", simplified(_NAME_MARKS.sub("", line)))
    return bool(key) and (
        bool(_lexicon()["name"].fullmatch(key)) or bool(_CREDIT.match(simplified(line.strip())))
    )


def is_site_name(text: str) -> bool:
    """A site's name (…网, …平台, …社区, …空间: structure_rules.toml's site_name), unless it
    asks a question (怎样给旧手机清理存储空间, 如何搭建企业知识平台): a site never names itself so,
    a how-to's headline may end with such a word."""
    key = simplified(text)
    return bool(
        _lexicon()["site"].fullmatch(key) or _lexicon()["site_more"].fullmatch(key)
    ) and not _lexicon()["asks"].search(key)


def is_title_like(line: str) -> bool:
    """A line that can be a title: short, not a sentence, not a salutation, not a site's name
    or a metadata block's heading, not a numbered heading, not an editorial mark."""
    key = simplified(line)
    return (
        0 < len(line) <= MAX_TITLE_CHARS
        and not line.endswith(_NOT_TITLE_ENDINGS)
        and not _SENTENCE_INSIDE.search(line[:-1])
        and not is_site_name(line)
        and not _lexicon()["block"].fullmatch(key)
        and find_heading(line) is None
        and not WITHHELD_MARK_RE.match(line)
        and not markup.table_rows([line, "|---|"])
    )


def _is_paragraph(line: str) -> bool:
    """A paragraph of the text: prose of several sentences, or long (an epigraph's one
    sentence may stand above a title)."""
    return is_prose(line) and (
        len(_SENTENCE_INSIDE.findall(line)) >= 2 or len(line) >= PARAGRAPH_CHARS
    )


def _plain(line: str) -> tuple[str, str]:
    """(text without marks, what marked it: "heading", "bold", "bracketed" or "")."""
    opening, text, _ = markup.unwrap(line)
    if opening.startswith("#"):
        return text.strip(), "heading"
    if opening == "**":
        return text.strip(), "bold"
    match = _BRACKETED.match(line)
    if match:
        return match.group(1).strip(), "bracketed"
    return line, ""


def _markdown_level(line: str) -> str:
    """A Markdown heading's marks ("## ")."""
    return markup.unwrap(line)[0].strip()


def _same(a: str, b: str) -> bool:
    """The same title, or one a part of the other (a title split over two lines, a title
    with or without its subtitle): the shorter holds at least TITLE_PART of the longer."""
    a, b = re.sub(r"[\s*#【】]+", "", a), re.sub(r"[\s*#【】]+", "", b)
    shorter, longer = sorted((a, b), key=len)
    return bool(shorter) and shorter in longer and len(shorter) >= TITLE_PART * len(longer)


_NOT_WORD = re.compile(r"[\W_]+")


def _bigrams(text: str) -> set[str]:
    text = _NOT_WORD.sub("", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def overlap(candidate: str, text: str) -> float:
    """Share of the candidate's character pairs found in the text: a page's title speaks of
    what its article says, a menu or a site's slogan does not."""
    pairs = _bigrams(candidate)
    return len(pairs & _bigrams(text)) / len(pairs) if pairs else 0.0


_TAGGED = re.compile(r"^\s*[\[【［][^\]】］]{1,8}[\]】］]\s*\S")


def _board_tagged(line: str, forms: Mapping[str, str]) -> bool:
    """A line behind a forum's board tags ([转贴]关于 Blog 和 RSS 的全面介绍), as the title
    rules read it: its form lacks the tags."""
    return bool(_TAGGED.match(line)) and forms.get(line, line) != line


_SUBTITLE = re.compile(r"^(?:——|--|—|－－)\s*(?=[^—－-])")


def subtitle_of(line: str) -> str:
    """The line as a title's subtitle set on its own line under it (——以上海市巨鹿路为例), or
    "": a title's words after a double dash, never a person's name alone (——鲁迅: an
    epigraph's author) nor a credit."""
    match = _SUBTITLE.match(line)
    if not match or not SUBTITLE.match(line.strip()):
        return ""
    words = line[match.end() :].strip()
    return (
        line.strip()
        if len(words) >= SUBTITLE_MIN_CHARS
        and is_title_like(words)
        and not is_never_title(words)
        and not _CREDIT.match(simplified(words))
        else ""
    )


def _heads_subtitle(line: str) -> bool:
    """A line that may stand above a subtitle: a title's shape, and a headline may exclaim or
    ask (向着强国建设、民族复兴的宏伟目标，奋进！ / ——…讲话侧记)."""
    return is_title_like(line.rstrip("！？!?"))


def _with_subtitle(title: str, line: str) -> str:
    """The title with its subtitle line, less a footnote mark between them (研究* / ——以…为例)."""
    return less_decoration(title)[0] + line


def _with_subtitles(
    head: list[tuple[str, bool, str]], subtitles: dict[str, str]
) -> list[tuple[str, bool, str]]:
    """The page head's lines, a title joined to the ——subtitle line after it (dated when a
    date stands under the subtitle); subtitles gets each joined title's subtitle line."""
    joined = list(head)
    for at in range(len(head) - 1):
        text, dated, mark = head[at]
        subtitle = subtitle_of(head[at + 1][0])
        if subtitle and _heads_subtitle(_plain(text)[0]):
            joined[at] = (_with_subtitle(text, subtitle), dated or head[at + 1][1], mark)
            subtitles[_plain(joined[at][0])[0]] = subtitle
    return joined


def _joined_head(head: list[tuple[str, bool, str]]) -> list[tuple[str, bool, str]]:
    """The page head's lines, a title broken over two of them (即时比分办公厅关于印发 / 《…》的通知)
    joined as the text's lines are (_joined_title): one candidate, dated as its second line is,
    marked as its first; neither half is a title alone. Not a menu's 关于 (About) over a
    headline, nor a subtitle line (_with_subtitles joined it)."""
    joined: list[tuple[str, bool, str]] = []
    at = 0
    while at < len(head):
        pair = [line for line, *_ in head[at : at + 2]]
        text, taken = _joined_title(pair)
        if taken == 2 and (
            subtitle_of(pair[1]) or len(_HAN.findall(simplified(pair[0]).replace("关于", ""))) < 2
        ):
            text, taken = pair[0], 1
        if taken == 2:
            joined.append((text, head[at + 1][1], head[at][2]))
        else:
            joined.append(head[at])
        at += taken
    return joined


def _joined_title(lines: list[str]) -> tuple[str, int]:
    """A title broken over two lines ("采购经验:" / "教你一招……", an issuer above the document's
    name, a title above its ——subtitle): (title, lines it took)."""
    if len(lines) > 1 and _heads_subtitle(lines[0]) and subtitle_of(lines[1]):
        return _with_subtitle(lines[0], subtitle_of(lines[1])), 2
    if (
        len(lines) > 1
        and lines[0].endswith(("：", ":"))
        and len(lines[0]) <= SPLIT_TITLE_HEAD_CHARS
        and is_title_like(lines[0][:-1])
        and is_title_like(lines[1])
    ):
        return lines[0] + lines[1], 2
    if (
        len(lines) > 1
        and _lexicon()["issuer"].fullmatch(simplified(lines[0]))
        and is_title_like(lines[1])
        and _lexicon()["genre"].search(simplified(lines[1]))
        and not _lexicon()["issuer"].match(simplified(lines[1]))
    ):  # the issuer above its document's name (曲阜师范大学继续教育学院 / …暂行管理办法)
        return lines[0] + lines[1], 2
    if (
        len(lines) > 1
        and "关于" in simplified(lines[0])
        and is_title_like(lines[0])
        and not _lexicon()["genre"].search(simplified(lines[0]))
        and is_title_like(lines[1])
        and _lexicon()["genre"].search(simplified(lines[1]))
        and "关于" not in simplified(lines[1])
    ):  # 关于… broken before its kind (国务院关于推动…发展 / 奋力书写…新篇章的意见)
        return lines[0] + lines[1], 2
    return lines[0] if lines else "", 1


_DATE_TIME = re.compile(r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\d{1,2}:\d{2}")
_HAN = re.compile(r"[\u3400-\u9fff]")
_LETTER = re.compile(r"[\u3400-\u9fffA-Za-z]")


def _reading_width(text: str) -> float:
    """A title's length as a reader weighs it: a Latin title's letters count a half each."""
    return len(text) if _HAN.search(text) else len(text) / 2


# A field's label, a word or two (作者, 发布时间, 信息来源), then its value; a longer phrase before
# a colon is a headline's first part (钱包开发经验分享:ETH篇).
_LABEL_VALUE = re.compile(r"^[^：:，,]{1,6}[：:]\s*\S")
# A name or a speaker's office, then a headline of its own (余鹏鲲：英国政治为何总在…,
# 外交部发言人：希望美方…看待中国和中美关系), or a source then the words it is quoted for
# (外媒:“忘记初心”的工业巨头，能复兴…吗？), or a subject then what the piece says of it in
# two clauses of words (配置参数详解：搞懂这些设置，软件用起来才顺手): a commentary's or a report's
# title, not a label (a field's value is short, a list of short words, or a sentence ended).
_HEADLINE_AFTER_NAME = re.compile(
    r"^[\u3400-\u9fff]{2,8}[：:](?:[^：:，,]{12,}|[“「『][^：:“”「」『』]{2,20}[”」』][^：:]{6,}"
    r"|[^：:，,]{5,}[，,][^：:，,]{5,}[^：:，,。；;]$)"
)
# A byline's credit (文/观察者网专栏作者 余鹏鲲, 作者：…) is never the title.
# So is a credit of the original (原文作者:…, 文章转载自:…, （报告出品方/作者：…）), whatever
# mark follows its label (文；魯中晨報記者 張萬杰).
_CREDIT = re.compile(
    r"^[（(【\[]?(?:(?:文章|原文|报告)?(?:作者|来源|出品方|转载自|出处)|文|图|撰文|记者|编辑|译者)"
    r"\s*(?:/\s*作者)?\s*[/／|｜:：;；]"
)
# A label saying what the line holds is the title (标题：…; a catalogue record's 題名 …; an
# official document's 主旨： in the form of Taiwan's 公文).
_LABEL_PREFIX = re.compile(
    r"^(?:(?:文本内容|标题|文章标题|题目|题名|篇名|名称|书名|论文题目|主旨"
    r"|(?:文档|资料|文件|论文|法规|发明创造|发明|实用新型|专利|作品|课题|课程)名称)\s*[：:]"
    r"|(?:标题|文章标题|题名|篇名|书名)\s)\s*"
)


def _unlabelled(text: str) -> tuple[str, bool]:
    """The text less a label that calls it the title, and whether it had one."""
    match = _LABEL_PREFIX.match(simplified(text))
    return (text[match.end() :], True) if match and match.end() < len(text) else (text, False)


@dataclass
class Candidate:
    text: str
    why: str
    score: float
    line: int | None = None  # index in the text's lines, when the title is a line of the text
    taken: int = 1  # how many lines of the text it takes (a title broken over two)
    left: str = ""  # what stays of its line: the text a bracketed title was glued to
    level: int = 0  # a Markdown heading's level ("## " is 2)
    thread: bool = False  # a forum marked it with its board tags as a thread's title
    issue: bool = False  # the page's first line with its own date: an issue's title (今日新聞 …)
    # where a label calling it the title stands in the page (its metadata first, then its
    # head, then the text), when one does
    labelled_at: int | None = None
    intro: bool = False  # the name a 范文 site's intro gives the collection under it
    lone_part: bool = False  # the text's first line, a part's head its numbering leaves alone
    blurbed: bool = False  # a code aggregator's blurb names it (本文主要是介绍X)
    # what the score is made of: each weight's name (WEIGHTS) and how many times it counts
    parts: dict[str, float] = field(default_factory=dict)

    def count(self, name: str, times: float = 1.0) -> None:
        """Note that the weight counted (its score is added apart)."""
        _count(self.parts, name, times)


def _count(parts: dict[str, float], name: str, times: float = 1.0) -> None:
    parts[name] = parts.get(name, 0.0) + times


def weighted(parts: Mapping[str, float], weights: Mapping[str, float] = WEIGHTS) -> float:
    """The score a candidate's parts make with these weights (the score it has, with WEIGHTS)."""
    return sum(weights[name] * times for name, times in parts.items())


def _serial_chapter(kind: str, text: str) -> bool:
    """A chapter far into a long work (第523章 …): a serial's page of one chapter, titled so;
    a document's own chapters (第一章 总则) are few."""
    number = number_in(text) if kind == "chapter" else None
    return number is not None and number >= SERIAL_CHAPTER_MIN


# The site's page number after a line (（第2页）, _第3页, - 第1页): the page it is split into.
_PAGE_NUMBER_AFTER = re.compile(
    r"(?:[（(]\s*第\s*\d{1,4}\s*[页頁][^（）()]{0,8}[）)]|[-–—|｜_]\s*第\s*\d{1,4}\s*[页頁]"
    r"|[（(]\s*\d{1,3}\s*[/／]\s*\d{1,3}\s*[）)])\s*$"
)
# A chapter's page of its pages after its head (第十二章 夜访旧宅 (1 / 2), 第031章(1 / 1)): the
# site's pages of the chapter, never its title's (a series' part number, 引力波百年漫谈 (二), is).
_CHAPTER_PAGE_OF = re.compile(r"\s*[（(]\s*\d{1,3}\s*[/／]\s*\d{1,3}\s*[）)]\s*$")


_CHAPTER_HEAD = re.compile(r"^第\s*[〇零一二三四五六七八九十百千两\d]{1,8}\s*[章回卷集节節]")


def _less_chapter_page(text: str) -> str:
    """A chapter's head less its page of the chapter's pages after it (第031章(1 / 1))."""
    kept = _CHAPTER_PAGE_OF.sub("", text)
    return kept if kept != text and _CHAPTER_HEAD.match(kept) else text


def _paged_chapter(candidate: Candidate, lines: list[str]) -> bool:
    """A chapter's head the site sets its page number after (第12章 好人终有好报（第2页）): a
    serial's chapter split into pages, and that page's title however few chapters came before
    (_serial_chapter counts them)."""
    if candidate.line is None or not _PAGE_NUMBER_AFTER.search(lines[candidate.line]):
        return False
    heading = find_heading(candidate.text)
    return heading is not None and heading.kind == "chapter"


def _shape(text: str, thread: bool = False, issue: bool = False) -> float:
    """How much the text looks like a title, by its shape alone (thread: a forum marked it as
    a thread's title with its board tags, and a thread's title may exclaim; issue: an issue's
    title, whose date is its own)."""
    return weighted(shape_parts(text, thread, issue))


def shape_parts(text: str, thread: bool = False, issue: bool = False) -> dict[str, float]:
    """The traits of _shape the text has, by their weights' names (WEIGHTS)."""
    parts: dict[str, float] = {}
    if _lexicon()["genre"].search(simplified(text)):
        _count(parts, "genre")
    if _DATE_TIME.search(text) and not issue and not _lexicon()["issue_date"].search(text):
        _count(parts, "shape_dated")
    label = _LABEL_VALUE.match(text)
    if label and not text.startswith(("《", "“", "「")) and not _HEADLINE_AFTER_NAME.match(text):
        _count(parts, "shape_label_value")
    heading = find_heading(text)
    if heading is not None and not _serial_chapter(heading.kind, heading.text):
        _count(parts, "shape_numbered")
    if (
        text.endswith(("，", "；", "：", ":", ",", ";"))
        or len(_SENTENCE_INSIDE.findall(text)) > 2
        or _FULL_STOP_INSIDE.search(text)
    ):
        _count(parts, "shape_open_clause")  # a clause left open, or sentences one after another
    elif (
        not thread
        and text.endswith(("！", "!"))
        and "，" in text
        and len(text) >= EXCLAIMED_SENTENCE_CHARS
    ):
        _count(parts, "shape_exclaimed")  # 我们正处于一个信息大暴发的时代，每天都……！: a sentence
    elif (said := _spoken(text)).endswith("。"):  # (a novel's line of dialogue: “……。”)
        clauses = _SENTENCE_INSIDE.search(said[:-1].rstrip("。")) or "，" in said
        _count(parts, "shape_full_stop_clauses" if clauses else "shape_full_stop")
    if len(text) > LONG_TITLE_CHARS:
        _count(parts, "shape_long")
    if not _HAN.search(text):
        _count(parts, "shape_no_han")  # a Chinese page's title has Chinese in it
    return parts


# A line wholly inside one pair of quotes: a line of dialogue (“才十来万而已。”), or a quote.
_SPOKEN = re.compile(r"^[“「『\"]([^“”「」『』\"]+)[”」』\"]$")


def _spoken(text: str) -> str:
    """The words inside the quotes of a line wholly quoted (a novel's dialogue, “……。”), else
    the text: a sentence said is shaped as a sentence written is."""
    quoted = _SPOKEN.match(text)
    return quoted.group(1) if quoted else text


def signed_writer(title: str, lines: list[str]) -> str:
    """The writer's name a column's headline carried after a slash (新加坡的务实精神/利亮时), when
    the title is that headline less the name: the page's author."""
    for line in lines[:LABEL_SEARCH_LINES]:
        signed = _lexicon()["author_after"].match(_plain(line)[0])
        if signed and signed["title"] == title:
            return signed["name"]
    return ""


def _unwrapped(text: str, quoted: bool = True) -> str:
    """A title wholly in 《》 is the title itself (quoted: a listing quoted it, 鲁政发〔2014〕20号
    《…》; a line the page writes so, 《籠中島》, is the title as its author set it); a title
    run together with its own copy (商品订货流程商品订货流程: a site's name for the file, then
    the file's) is the title once."""
    if quoted and text.startswith("《") and text.endswith("》") and text.count("《") == 1:
        return text[1:-1]
    half = len(text) // 2
    if len(text) % 2 == 0 and half >= 2 and text[:half] == text[half:]:
        return text[:half]
    return text


def less_site_words(text: str) -> tuple[str, str]:
    """(the title less the site's and the column's words after it, the words taken off):
    words set off by a separator (title_signals.toml) that are a site's name or a column's,
    and a brand as the last words (… - 掘金). A brand after a bare hyphen goes only with a
    site's name beside it (…-腾讯云开发者社区-腾讯云): 中国-东盟 is a title's own."""
    parts = _lexicon()["separator"].split(text)
    segments, separators = parts[0::2], parts[1::2]
    cut, named, weak = len(segments), False, 0
    for index in range(len(segments) - 1, 0, -1):
        words = segments[index].strip()
        if is_site_name(words):
            cut, named = index, True
        elif _lexicon()["column"].fullmatch(simplified(words)):
            cut, named, weak = index, True, max(weak, len(words))
        elif index == len(segments) - 1 and _lexicon()["brand"].fullmatch(words):
            latin = not _HAN.search(words)  # one Latin name: short as a reader sees it
            cut, named = index, separators[index - 1] != "-"
            weak = max(weak, SITE_PART_MIN_TITLE // 2 if latin else len(words))
        else:
            break
    kept = "".join(parts[: 2 * cut - 1]).strip()
    if (
        not named
        # a brand's or a column's shape is a subtitle's too: what stays is the longer by far
        # (某某学校 | 关于放假的公告 is an issuer over its notice)
        or _reading_width(kept) < max(SITE_PART_MIN_TITLE, 2 * weak)
        or not _LETTER.search(kept)
    ):
        return text, ""
    return kept, text[len(kept) :].strip()


_LEADING_TAG = re.compile(r"^【([^【】]{2,12})】\s*(?=\S)")
_LEADING_WORD = re.compile(r"^([^\s【】]{2,12})\s+(?=\S)")


def less_restated_tag(text: str) -> tuple[str, str]:
    """(the title less a 【column】 before it that the title says again or that is a site's
    column by its words, the tag): 【资讯汇总】9月26日盘中重要资讯汇总 is the column's name over
    its digest's title, 【新闻动态】我院举办… the news column's mark on its item; a node's
    or a category's word set off by a space before a title that opens with it (Appium appium
    中 sendkeys 方法…) likewise."""
    match = _LEADING_TAG.match(text)
    if match and _NOT_WORD.sub("", match.group(1)) in _NOT_WORD.sub("", text[match.end() :]):
        return text[match.end() :], match.group(0).strip()
    if match and _lexicon()["column_alone"].fullmatch(simplified(match.group(1).strip())):
        return text[match.end() :], match.group(0).strip()  # 【新闻动态】我院举办…: the column
    word = _LEADING_WORD.match(text)
    if word and text[word.end() :].casefold().startswith(word.group(1).casefold()):
        return text[word.end() :], word.group(1)
    return text, ""


def less_decoration(text: str) -> tuple[str, str]:
    """(the title less a kind mark before it or a note of pictures after it, what went):
    原创｜X, X（组图） are X (title_signals.toml)."""
    kept = _lexicon()["decoration"].sub("", text).strip()
    if kept == text or not _HAN.search(kept):
        return text, ""
    return kept, "".join(m.group().strip() for m in _lexicon()["decoration"].finditer(text))


_TRAILING_KIND = re.compile(r"^(.*[\u3400-\u9fff]{2})\s+([\u3400-\u9fff]{2,6})$")


# A title in square brackets with a keyword after it (a search site's headline: [X] 双节放假).
_BRACKETED_KEYWORD = re.compile(r"^[\[［]([^\[\]［］]{6,80})[\]］]\s+([\u3400-\u9fff]{2,8})$")


def _less_bracket_keyword(text: str) -> tuple[str, str]:
    """(the title less the square brackets around it and the keyword after them, the keyword)
    when the keyword's characters all stand in the title in order ([“国庆”“中秋”双节放假暨…的
    一封信] 双节放假: a search site's keyword for the page)."""
    match = _BRACKETED_KEYWORD.match(text)
    if match is None:
        return text, ""
    title, keyword = match.groups()
    return (title, keyword) if in_order(keyword, title) else (text, "")


def less_restated_kind(text: str) -> tuple[str, str]:
    """(the title less its decoration (less_decoration) and a category after a space that ends
    as the title does, what went): 最有文采小学校长的开学致辞 新学期致辞 is the 致辞 of a site's
    新学期致辞 section."""
    text, decoration = less_decoration(text)
    text, keyword = _less_bracket_keyword(text)
    if keyword:
        return text, " ".join(w for w in (decoration, keyword) if w)
    match = _TRAILING_KIND.match(text)
    if match and match.group(1)[-2:] == match.group(2)[-2:] and len(match.group(1)) > 4:
        return match.group(1), " ".join(w for w in (decoration, match.group(2)) if w)
    return text, decoration


def undecorated(text: str, site_words: bool = True) -> tuple[str, str]:
    """(the title less every decoration a site sets around it, the words taken off), in one
    order wherever the title comes from: the site's or the column's words after a separator
    (less_site_words; site_words False: a line of the text, whose separators are the
    author's), then a 【column】 the title says again (less_restated_tag), then a kind mark, a
    note of pictures and a category after a space (less_restated_kind)."""
    text, site = less_site_words(text) if site_words else (text, "")
    text, tag = less_restated_tag(text)
    text, kind = less_restated_kind(text)
    return text, " ".join(w for w in (tag, kind, site) if w)


_TWICE = re.compile(r"(.{2,24}?)\s*[-–—_|｜·]\s*\1")


def _doubled(text: str) -> str:
    """The words a title gives twice on either side of a separator (彩神88-彩神88: a site's
    home page titled by its name and its name again), or ""."""
    match = _TWICE.fullmatch(text.strip())
    return match.group(1) if match else ""


def _only_kinds(text: str) -> bool:
    """A name made of nothing but kinds of document (心得体会, 工作总结报告), or what a 范文
    site calls its pieces (优秀范文)."""
    genre = _lexicon()["genre"]
    rest = simplified(text)
    if _lexicon()["kind_only"].fullmatch(rest):
        return True
    while rest and (match := genre.search(rest)) and match.start() < len(rest):
        rest = rest[: match.start()]
    return len(_HAN.findall(rest)) <= 2


def _possible(
    text: str, topic: frozenset[str] = frozenset(), dated: bool = False, year: bool = False
) -> bool:
    """Whether the text may be the title (dated: it came with its own date, as an issue's;
    year: a year alone that heads the text as its headline)."""

    return (
        0 < len(text) <= MAX_TITLE_CHARS
        and not text.startswith(("—", "－", "--"))  # a subtitle
        and not _ENDED_SENTENCE.search(text)  # 4月1日（星期六）正常开放。
        and not _CREDIT.match(simplified(text))
        and not text.startswith(">")  # a Markdown quotation
        and not _CLAUSED_SENTENCE.search(text)  # …，可以包括日期、地点、主题等要素。
        and not is_site_name(text)
        and not _lexicon()["block"].fullmatch(simplified(text))
        and (year or not is_never_title(text))
        and (
            dated or not _lexicon()["column_alone"].fullmatch(re.sub(r"\s+", "", simplified(text)))
        )
        and not _lexicon()["menu"].fullmatch(text.strip())
        and not _lexicon()["hashtags"].fullmatch(text.strip())
        # page_topic: the page's subject is no site's phrase
        and (year or not is_chrome(text, topic) or names_in_passing(text, topic))
        and not WITHHELD_MARK_RE.match(text)
        and not markup.table_rows([text, "|---|"])
        and "**" not in text  # a piece of a line broken inside its bold marks
        and not _LIST_ITEM.match(text)
    )


_YEAR = re.compile(r"(?:19|20)\d{2}\s*年?")
# A sentence ended with its full stop (an ellipsis, 。。。, is a headline's): a line of the text.
_ENDED_SENTENCE = re.compile(r"(?<!。)。$")
# A sentence of clauses, ended: an explanation, whatever label calls it the title.
_CLAUSED_SENTENCE = re.compile(r"[，,][^，,]*[^。]。$")

# A list's item (- …, • …): an entry of a table of contents, a menu or a record's fields.
_LIST_ITEM = re.compile(r"^(?:[-*+]\s+|[•●○■□◆◇▪►▶]\s*)(?=\S)")


def _text_start(lines: list[str], within: int) -> int:
    """The index of the first line (of the first `within`) that is no page furniture: prose,
    a numbered head, punctuation. Above it stand only a site's words, menus and labels the
    cleaning left: the text has not begun, and its title may stand anywhere there (the text's
    first line itself is a candidate only among the top lines)."""
    for index, line in enumerate(lines[:within]):
        if is_prose(line) or find_heading(line) is not None or _PUNCTUATION.search(line):
            return index
    return min(len(lines), within)


def _part_numbering(index: int, start: int, text: str, lines: list[str]) -> str:
    """How the text's first line, a numbered part's head (第一节 …, 2.3 …, 第五章…), stands in
    the text's numbering: "alone" when no line under it is numbered the same way (no 第二节,
    no 2.4: a book's one part alone on its page, an e-book reader's section, titled by its
    head; a rule document's standard first part, 第一章 总则, is never so), "continued" when
    one is (the first of the text's parts: its head, not the title; so a 范文 page's first
    piece head, …简短篇一 over …篇二 further down); else ""."""
    if index != start or index >= TITLE_SEARCH_LINES:
        return ""
    heading = find_heading(text)
    lexicon = _lexicon()
    if heading is None or heading.kind not in lexicon["lone_part_kinds"] | lexicon["piece_kinds"]:
        return ""
    if any(
        (other := find_heading(_plain(line)[0])) is not None and other.kind == heading.kind
        for line in lines[index + 1 :]
    ):
        return "continued"
    if heading.kind in lexicon["piece_kinds"]:
        return ""
    kind = numbering_of(heading.text)
    number = kind.pattern.match(heading.text) if kind and kind.pattern else None
    name = heading.text[number.end() :] if number else heading.text
    if _lexicon()["standard_part"].fullmatch(re.sub(r"\s+", "", name.strip(" ：:、.．—-"))):
        return ""
    return "alone"


_KIND_COLON = re.compile(r"[：:]$")


def _less_kind_colon(text: str) -> str:
    """A document's name ending in its kind with a colon after it (大型股东大会通知：, over the
    notice's text): the name, as a heading's colon is no part of it. A label (重要内容提示：)
    or a salutation (各位股东：) ends in no kind of document; a clause (现通知如下：) has marks;
    a lead-in (以下是会议记录的格式及要点：) says so."""
    bare = _KIND_COLON.sub("", text)
    if bare == text or _PUNCTUATION.search(bare) or not _lexicon()["genre"].search(bare):
        return text
    if _lexicon()["lead_in"].search(simplified(bare)):
        return text
    return bare


def _glued_dateline(line: str) -> tuple[str, str] | None:
    """(the headline, its lead) of a line where a headline runs on into its lead that opens
    with the date and says the headline's words again (GLUED_LEAD_SHARE), or None."""
    match = _GLUED_DATELINE.match(line)
    if match is None:
        return None
    title, lead = match["title"].strip(), match["lead"]
    if overlap(simplified(title), simplified(lead)) < GLUED_LEAD_SHARE:
        return None
    return title, lead


def _dated_line(line: str) -> bool:
    """A post's date line (2024-12-31 18:22 - 分类, Dec 31, 2024; title_signals.toml): short,
    no paragraph, a full date in it."""
    return (
        len(line) <= DATED_LINE_MAX_CHARS
        and bool(_lexicon()["dated"].search(line))
        and not _is_paragraph(line)
    )


def _dated_under(lines: list[str], within: int) -> set[int]:
    """Lines (of the first `within`) with a date line right under them and none of their own:
    a headline over its post's date, as a byline under it says."""
    return {
        index
        for index in range(min(len(lines) - 1, within))
        if _dated_line(lines[index + 1]) and not _dated_line(lines[index])
    }


_PLAIN_HEAD_STOPS = re.compile(r"[，。！？；：,.!?;:]")
_BARE_ARTICLE = re.compile(r"^第\s*[一二三四五六七八九十百零〇\d]{1,5}\s*[条條章节節款]$")
SECTIONS_SEARCH_LINES = 200


def _plain_head(line: str) -> bool:
    """A short line with no punctuation, no mark and no numbering (调查方法): a head of the
    text's, or its title."""
    return (
        0 < len(line) <= SHORT_HEAD_CHARS
        and not _PLAIN_HEAD_STOPS.search(line)
        and not line.startswith(("#", "*", "|", "-", "【", "《", ">"))
        and not is_prose(line)
        and not _BARE_ARTICLE.match(line)
        and find_heading(line) is None
    )


def _first_of_sections(lines: list[str]) -> bool:
    """The text's first line is one of its plain heads: over a paragraph, with two more plain
    heads further down each between paragraphs, the longest of them no shorter than it as a
    reader weighs them (什么是工作总结 / 为什么要做工作总结 / 如何进行工作总结): the first
    section's head, where a title names the whole and is longer than its sections' heads."""
    if len(lines) < 3 or not _plain_head(lines[0]) or not is_prose(lines[1]):
        return False
    heads = [
        line
        for index, line in enumerate(lines[2:SECTIONS_SEARCH_LINES], 2)
        if index + 1 < len(lines)
        and _plain_head(line)
        and is_prose(lines[index - 1])
        and is_prose(lines[index + 1])
    ]
    return len(heads) >= 2 and _head_width(lines[0]) <= max(_head_width(head) for head in heads)


def _head_width(text: str) -> float:
    """A line's length as a reader weighs it against a Chinese head: a Chinese character counts
    one, a Latin letter or a digit a half, a space nothing (Day 1 昆明 is shorter than 云南七日游记,
    Installation than 开源项目入门指南)."""
    return sum(1.0 if _HAN.match(char) else 0.0 if char.isspace() else 0.5 for char in text)


LATIN_TEXT_MAX_HAN = limit("title", "latin_text_max_han")
_LETTER = re.compile(r"[A-Za-z\u3400-\u9fff]")


def _written_in_latin(lines: list[str]) -> bool:
    """The text is written in a Latin script (English): of its letters and characters, Chinese
    ones are at most LATIN_TEXT_MAX_HAN. A Chinese page's title has Chinese in it; an English
    page's has none, and is no less its title."""
    letters = _LETTER.findall("".join(lines[:SECTIONS_SEARCH_LINES]))
    han = sum(1 for ch in letters if _HAN.match(ch))
    return bool(letters) and han <= LATIN_TEXT_MAX_HAN * len(letters)


SOURCE_FIELD_MAX_CHARS = 30
_LOST_SPACE = re.compile(r"^#(?=[^#\s])(?!.*#$)")  # not a topic between two marks


def _source_field(line: str) -> bool:
    """A field naming who wrote or issued the piece, without a date (来源：市疾控中心,
    公告單位：衛生保健組, 作者：王芳): a byline under a headline, as a dated one is."""
    return len(line) <= SOURCE_FIELD_MAX_CHARS and bool(
        _lexicon()["source_field"].match(simplified(line.strip()))
    )


CITATION_SEARCH_LINES = 40


def _cited_title(lines: list[str]) -> str:
    """The title in the page's citation of its own article (作者. 题名[J]. 刊名, 年, 卷(期): 页.),
    on a line of the text's top, or "": a journal's page gives it in its 引用本文 box."""
    for line in lines[:CITATION_SEARCH_LINES]:
        match = _lexicon()["citation"].match(line.strip())
        if match and _HAN.search(match["title"]):
            return match["title"].strip()
    return ""


_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


def _dated_above(lines: list[str], within: int) -> set[int]:
    """Lines (of the first `within`) with a post's date line right above them and none of their
    own, and a paragraph under them: a headline under its post's date, as a blog theme may set
    it (分类：LINUX / 2007-11-28 20:18:37 / 基于QTE的嵌入式Linux下可视化打印设计)."""
    return {
        index
        for index in range(1, min(len(lines) - 1, within))
        if _dated_line(lines[index - 1])
        and _CLOCK.search(lines[index - 1])  # a post's time: a signature's date has none
        and not _dated_line(lines[index])
        and not (  # the date line is the byline of a headline above it
            index >= 2
            and is_title_like(lines[index - 2])
            and not _LABEL_VALUE.match(lines[index - 2])
        )
        and is_title_like(lines[index])
    }


def _page_headline(lines: list[str]) -> list[int]:
    """The index of a Markdown page's one level-1 heading ("# 2024 年终总结") with no paragraph
    of the text above it: the article's headline under the page's chrome (a blog's name as
    "## ", its menus and tags), however far down the chrome pushed it."""
    marked = [index for index, line in enumerate(lines) if _markdown_level(line) == "#"]
    if len(marked) != 1 or any(_is_paragraph(line) for line in lines[: marked[0]]):
        return []
    return marked


def _opening_text(lines: list[str]) -> dict[int, str]:
    """The opening text's lines of prose (by index), as words in simplified script; a 《 kept
    to tell a document the text quotes."""
    return {
        index: simplified(_NOT_WORD_OR_QUOTED.sub("", line))
        for index, line in enumerate(lines[:BYLINE_SEARCH_LINES])
        if is_prose(line)
    }


def _restated(text: str, index: int | None, opening: dict[int, str]) -> bool:
    """The opening text says the candidate's words again on another line (对于想了解X的读者,
    本文介绍X): the title it introduces. Not a document it quotes in 《》 (…印发《X》，请认真贯彻
    落实 above the attached X: a notice's title is the notice's)."""
    words = simplified(_NOT_WORD.sub("", _NOTE.sub("", text)))
    return (
        len(words) >= RESTATED_MIN_CHARS
        and not is_prose(text)  # a paragraph the page repeats names nothing
        and any(
            re.search(f"(?<!《){re.escape(words)}", prose)
            for at, prose in opening.items()
            if at != index
        )
    )


_NOT_WORD_OR_QUOTED = re.compile(r"[^\w《]+|_")


def choose_title(
    lines: list[str],
    meta: dict,
    file_name: str,
    evidence: Evidence,
    removed: tuple[str, ...] = (),
) -> tuple[list[str], str, str]:
    """(lines less the title and what stood above it, the title, why it was chosen). A title
    chosen with its ——subtitle line under it is the title alone, its subtitle line first in
    the lines, where the structure takes it as the document's subtitle (meta subtitle).
    removed: the lines the cleaning took out (the site's own words may name the title)."""
    subtitles: dict[str, str] = {}
    kept, title, why = _choose_title(lines, meta, file_name, evidence, subtitles, removed)
    subtitle = subtitles.get(title, "")
    if not subtitle:
        return kept, title, why
    return [subtitle, *kept], title[: -len(subtitle)], why + "; its subtitle line apart"


def _choose_title(
    lines: list[str],
    meta: dict,
    file_name: str,
    evidence: Evidence,
    subtitles: dict[str, str],
    removed: tuple[str, ...] = (),
) -> tuple[list[str], str, str]:
    """(lines less the title and what stood above it, the title, why it was chosen);
    subtitles: each candidate joined to its subtitle line, with that line.

    Every candidate is scored: its source (the page's metadata, a heading marked at the top,
    a line at the top of the text, a line of the page's head), its shape, the share of it
    that the text speaks of, a dated byline right under it, and other candidates that agree
    with it. The best above TITLE_MIN_SCORE wins; else the file name."""
    given = re.sub(r"^#+\s*", "", str(meta.get("title") or "")).strip()
    given, given_site = undecorated(given)
    given_from = evidence.title_from or "the page's metadata"
    head = list(evidence.title_candidates)
    byline_after = set(evidence.byline_after)
    forms = evidence.title_forms
    found: list[Candidate] = []
    topic = page_topic(lines)
    own_site = _doubled(given)  # 彩神88-彩神88: a site's name twice (a home page's <title>)
    if given and not own_site and _possible(given, topic):
        labelled = SCORE["labelled"] if given_from.startswith("a label") else 0.0
        why = given_from + (f", less the site's words 「{given_site}」" if given_site else "")
        at = _LABELLED_META if labelled else None
        given_parts = {"metadata": 1.0} | ({"labelled": 1.0} if labelled else {})
        found.append(
            Candidate(given, why, SCORE["metadata"] + labelled, labelled_at=at, parts=given_parts)
        )
    cited = _cited_title(lines)
    if cited and _possible(cited, topic):  # a journal article's page citing itself
        why = "the page's citation of its article"
        found.append(Candidate(cited, why, SCORE["metadata"], parts={"metadata": 1.0}))
    # A page opening with a dated headline (今日新聞 2025-10-25) above its chrome: that is the
    # page's first line, the text's first line is not.
    dated_first = any(MARK_SCORES.get(mark) == "page_first_dated" for *_, mark in head)
    table = markup.table_rows(lines)  # a table's rows are data: never a title, never dropped
    start = _text_start(lines, LABEL_SEARCH_LINES)
    dated = _dated_under(lines, BYLINE_SEARCH_LINES)
    dated_above = _dated_above(lines, LABEL_SEARCH_LINES)
    searched = [  # the top lines, the page's furniture above the text's first line, and a line
        index  # further down with a byline or a date line under it or a label that calls it the
        # title (a record's 題名 …)
        for index in range(min(len(lines), LABEL_SEARCH_LINES))
        if index not in table
        and (
            index < TITLE_SEARCH_LINES
            or index < start
            or (index < BYLINE_SEARCH_LINES and lines[index] in byline_after)
            or index in dated
            or index in dated_above
            or (index < BYLINE_SEARCH_LINES and _board_tagged(lines[index], forms))
            or _unlabelled(_plain(lines[index])[0])[1]
        )
    ]
    # Lines searched only for the furniture above them: a list's entries repeat each other
    # there (a table of contents), and lend no agreement to a line above them.
    deep = {
        index
        for index in searched
        if index >= TITLE_SEARCH_LINES
        and lines[index] not in byline_after
        and not _board_tagged(lines[index], forms)
        and not _unlabelled(_plain(lines[index])[0])[1]
    }
    opening = _opening_text(lines)
    searched = sorted(  # and a line further down that the opening text names, or the page's
        set(searched)  # one "# " headline under its chrome
        | set(_page_headline(lines))
        | {
            index
            for index in range(min(len(lines), BYLINE_SEARCH_LINES))
            if index not in table and _restated(_plain(lines[index])[0], index, opening)
        }
    )
    for index in searched:
        line = lines[index]
        text, mark = _plain(line)
        lost_space = (
            not mark and _LOST_SPACE.match(text) and not _lexicon()["hashtags"].fullmatch(text)
        )
        if lost_space:  # #冬季校园流感防控小贴士: a Markdown heading that lost its space
            text = text[1:].strip()
        as_written, text = text, forms.get(text, text)
        form, text = text, _with_count(as_written, text, [*lines, *removed])
        counted = text != form  # the count of pieces the title rules took off, given back
        taken, left = 1, ""
        glued = _GLUED_BRACKETED.match(line) if not mark and index == 0 else None
        dateline = _glued_dateline(line) if not mark and index == 0 else None
        twice = _GLUED_TWICE.match(line) if not mark and index == 0 else None
        if glued:  # 【什么叫做心得】“心得”这个词……: the title, glued to the first paragraph
            text, mark, left = glued.group(1).strip(), "bracketed", glued.group(2)
        elif twice:  # 支部主题党日制度 支部主题党日制度 为进一步……: said twice, then the text
            text, left = twice["title"], twice["lead"]
        elif dateline:  # 集團召開…大會2023年1月13日，集團…大會在總部召開。: glued to its lead
            text, left = dateline
        elif not mark:
            text, taken = _joined_title([text, *lines[index + 1 : index + 2]])
        text, labelled = _unlabelled(text)
        # a page's <h1> or a scraper's copy of its <title> carries the site's words
        quoted = text != as_written  # the title rules took words off before its 《》
        text, site = undecorated(_unwrapped(text, quoted), site_words=mark == "heading")
        paged, page_of = _less_chapter_page(text), ""
        if paged != text:
            text, page_of = paged, text[len(paged) :].strip()
        blurb = _lexicon()["blurb"].match(text) if not mark and not left else None
        if blurb:  # 本文主要是介绍X: a code aggregator's blurb naming the article
            text = blurb["title"].strip()
        named, colon = _less_kind_colon(text), False
        if named != text and not left:
            text, colon = named, True
        signed = _lexicon()["author_after"].match(text)
        if signed and not left:  # 新加坡的务实精神/利亮时: a column's headline, then its writer
            text = signed["title"]
        # a year alone as the text's "# " headline with its dated byline under it: a year's
        # review (# 2024, then 2024-12-31), not a date bar
        year = mark == "heading" and line in byline_after and _YEAR.fullmatch(text)
        if not (_possible(text, topic) or (year and _possible(text, topic, year=True))):
            continue
        numbered = find_heading(text)
        part = _part_numbering(index, start, text, lines) if numbered is not None else ""
        if numbered is not None and numbered.kind in _lexicon()["item_numberings"] and not part:
            continue  # an item's or a section's number (一、, 1、, ### 1、…): a head of the text
        if index + 1 < len(lines) and _title_words_listed(line, _plain(lines[index + 1])[0]):
            continue  # the page's keywords over its title: the title's words, listed
        top = index == 0 and not dated_first
        parts: dict[str, float] = {}
        base = SCORE["heading"] if mark == "heading" else SCORE["top"] if top else 0.0
        if mark == "heading" or top:
            _count(parts, "heading" if mark == "heading" else "top")
        base += SCORE["labelled"] if labelled else 0.0
        if labelled:
            _count(parts, "labelled")
        if index >= TITLE_SEARCH_LINES and _board_tagged(line, forms):
            base += SCORE["board_tag"]  # a forum's tags before a thread's title ([转贴])
            _count(parts, "board_tag")
        where = f"line {index + 1} of the text" + (f" ({mark})" if mark else "")
        where += ", its lead run on after it from its date" if dateline and not glued else ""
        where += ", said twice with the text run on after it" if twice and not glued else ""
        if taken == 2 and subtitle_of(lines[index + 1]):
            where += " with its subtitle line under it"
            if text.endswith(subtitle_of(lines[index + 1])):
                subtitles[text] = subtitle_of(lines[index + 1])
        where += f", less the site's words 「{site}」" if site else ""
        where += f", less the chapter's page 「{page_of}」" if page_of else ""
        where += f", less its writer's name 「{signed['name']}」 after a slash" if signed else ""
        where += ", its # without a space taken off" if lost_space else ""
        where += ", less the colon after its kind of document" if colon else ""
        where += f", named by the site's blurb 「{blurb['lead']}…」" if blurb else ""
        where += ", with its count of pieces as the page writes it" if counted else ""
        score = base + (SCORE["byline_under"] if line in byline_after else 0)
        if blurb:
            score += SCORE["intro_named"]
            _count(parts, "intro_named")
        if line in byline_after:
            _count(parts, "byline_under")
        elif not left and index + taken < len(lines) and _source_field(lines[index + taken]):
            score += SCORE["byline_under"]  # 公告單位：衛生保健組: who issued the piece, undated
            _count(parts, "byline_under")
            where += ", over a field naming who issued it"
        if index in dated_above and index not in dated and line not in byline_after:
            score += SCORE["byline_under"]  # a blog theme sets the post's date over its title
            _count(parts, "byline_under")
            where += ", under a post's date line"
        if _restated(text, index, opening):
            score += SCORE["restated"]
            _count(parts, "restated")
            where += ", named by the opening text"
        if index and lines[index - 1].endswith(("：", ":")):
            score += SCORE["under_salutation"]  # a salutation is never above the title
            _count(parts, "under_salutation")
        if index and _is_paragraph(lines[index - 1]):
            score += SCORE["under_prose"]  # the text has begun above: a section's head
            _count(parts, "under_prose")
        if index == 0 and not mark and _first_of_sections(lines):
            score += SCORE["first_section"]
            _count(parts, "first_section")
            where += ", the first of the text's plain heads"
        elif part == "continued":
            score += SCORE["first_section"]
            _count(parts, "first_section")
            where += ", the first of the text's numbered parts (its numbering goes on under it)"
        elif part == "alone":
            where += ", a book's part alone on its page (its numbering goes on nowhere)"
        below = left or (lines[index + taken] if index + taken < len(lines) else "")
        if is_prose(below):
            score += SCORE["prose_under"]
            _count(parts, "prose_under")
        level = len(_markdown_level(line)) if mark == "heading" else 0
        at = index if labelled else None
        found.append(
            Candidate(text, where, score, index, taken, left, level, labelled_at=at, parts=parts)
        )
        found[-1].lone_part = part == "alone"
        found[-1].blurbed = bool(blurb)
    head = _with_subtitles(head, subtitles)
    head = _joined_head(head)
    labelled_far = [c for c in head[:-HEAD_CANDIDATES_MAX] if _unlabelled(c[0])[1]]
    for order, (original, dated_next, mark) in enumerate(
        labelled_far + head[-HEAD_CANDIDATES_MAX:]  # the nearest
    ):
        marked = _plain(original)[1]  # a Markdown "# " line of the page's head is a heading
        kind = MARK_SCORES.get(mark, "")
        text = _head_count(original, removed)
        text, labelled = _unlabelled(text)
        text, site = undecorated(_unwrapped(text))
        if kind == "intro_named" and _only_kinds(text):
            continue  # 以下是小编收集的心得体会范文: a kind of text, not one text's name
        if _possible(text, topic, kind == "page_first_dated"):
            bonus = SCORE["byline_under"] if dated_next else 0.0
            bonus += SCORE["labelled"] if labelled else 0.0
            bonus += SCORE[kind] if kind else 0.0
            bonus += SCORE["heading"] if marked == "heading" else 0.0
            parts = {"head": 1.0}
            for name, counts in (
                ("byline_under", dated_next),
                ("labelled", labelled),
                (kind, bool(kind)),
                ("heading", marked == "heading"),
            ):
                if counts:
                    _count(parts, name)
            mark = ", ".join(m for m in (mark, marked) if m)
            where = f"a line of the page's head ({mark})" if mark else "a line of the page's head"
            where += f", less the site's words 「{site}」" if site else ""
            level = len(_markdown_level(original)) if marked == "heading" else 0
            thread, issue = kind == "board_tag", kind == "page_first_dated"
            at = _LABELLED_HEAD + order if labelled else None
            found.append(
                Candidate(
                    text,
                    where,
                    SCORE["head"] + bonus,
                    level=level,
                    thread=thread,
                    issue=issue,
                    labelled_at=at,
                    intro=kind == "intro_named",
                    parts=parts,
                )
            )
    crumb = breadcrumb_page([*removed, *lines[:LABEL_SEARCH_LINES]])
    if crumb and _possible(crumb, topic):  # 首页 > 通知公告 > 关于开展…的通知: the page's name
        found.append(
            Candidate(
                crumb,
                "the last part of the page's breadcrumb",
                SCORE["head"] + SCORE["breadcrumb"],
                parts={"head": 1.0, "breadcrumb": 1.0},
            )
        )
    _first_label_only(found)
    found = _intro_confirms(found)
    # The site's name, wherever it stands: its <title> gives it twice (彩神88-彩神88), its links
    # to its home page show it ([bang's blog](/)).
    site_names = {_NOT_WORD.sub("", name) for name in (own_site, *evidence.site_names)} - {""}
    found = [c for c in found if _NOT_WORD.sub("", c.text) not in site_names]
    if not found:
        if _RECORDS:
            _RECORDS[-1].append(Scored([], list(lines), file_name, given))
        return lines, file_name, "the file name (no title in the page)"
    top_level = min((c.level for c in found if c.level), default=0)
    for candidate in found:
        if candidate.level > top_level:  # "## " under a "# " of the page: a section's head
            candidate.score -= SCORE["heading"]
            candidate.count("heading", -1.0)
            candidate.why += f", under a level-{top_level} heading"
    latin_text = _written_in_latin(lines)
    # The text from a line on, less what is not a word character: a character pair is one of
    # its pairs when it stands in it (no set of all its pairs is built).
    text_under: dict[int, str] = {}
    for candidate in found:
        under: list[str] = (
            lines[candidate.line + candidate.taken :] if candidate.line is not None else lines
        )
        if candidate.line is not None and not any(under) and not candidate.left:
            candidate.score = LEFT_NOTHING  # the title of a text leaves the text
            candidate.parts = {"left_nothing": 1.0}
            continue
        shape = shape_parts(candidate.text, candidate.thread, candidate.issue)
        if "shape_numbered" in shape and _paged_chapter(candidate, lines):
            del shape["shape_numbered"]  # 第12章 好人终有好报（第2页）: a serial's chapter page
            candidate.why += ", a chapter the site pages"
        elif "shape_numbered" in shape and candidate.lone_part:
            del shape["shape_numbered"]  # 第一节 国家赔偿的概念 alone: a book's section page
        if candidate.blurbed:
            shape.pop("shape_open_clause", None)  # 本文主要是介绍X？Y？Z？: the title as named
        if "shape_no_han" in shape and latin_text:
            del shape["shape_no_han"]  # a page written in English: its title is too
        candidate.score += weighted(shape)  # _shape
        for name, times in shape.items():
            candidate.count(name, times)
        start = len(lines) - len(under)
        if start not in text_under:  # compared in simplified script, as the rules are
            text_under[start] = simplified(_NOT_WORD.sub("", "\n".join(under)[:OVERLAP_TEXT_CHARS]))
        pairs = _bigrams(simplified(candidate.text))
        if pairs:
            share = sum(pair in text_under[start] for pair in pairs) / len(pairs)
            weight = min(1.0, len(pairs) / OVERLAP_FULL_PAIRS)  # a word or two is in any text
            candidate.score += SCORE["overlap"] * share * weight
            candidate.count("overlap", share * weight)
        agreeing = {
            c.why
            for c in found
            if c is not candidate
            and _same(c.text, candidate.text)
            and not (candidate.line is not None and c.line in deep)
            and not (  # a head and the sub-head holding its words: no second source
                candidate.line is not None
                and c.line is not None
                and not candidate.line <= c.line < candidate.line + candidate.taken
                and not c.line <= candidate.line < c.line + c.taken
                and _NOT_WORD.sub("", c.text) != _NOT_WORD.sub("", candidate.text)
                and not _set_beside(c.text, candidate.text)
            )
        }
        candidate.score += SCORE["agreement"] * min(len(agreeing), 2)
        if agreeing:
            candidate.count("agreement", min(len(agreeing), 2))
    if _RECORDS:
        _RECORDS[-1].append(
            Scored([replace(c, parts=dict(c.parts)) for c in found], list(lines), file_name, given)
        )
    chosen = select(found, lines)
    if chosen.best is None:
        return lines, file_name, chosen.why
    best, why, column, bare = chosen.best, chosen.why, chosen.column, chosen.bare
    if best.line is None:
        # A title from metadata or the page's head: the text's own copy of it goes once.
        for index, line in enumerate(lines[:TITLE_SEARCH_LINES]):
            form = forms.get(_plain(line)[0], _plain(line)[0])  # as the title rules leave it
            if (
                index not in table
                and _same(form, best.text)
                and _is_same_or_fuller(best.text, form)
                and not form.endswith(("。", "；", "，"))  # a sentence that speaks the title
            ):
                taken = 1
                if index + 1 < len(lines) and _bare(line + lines[index + 1]) == _bare(best.text):
                    taken = 2  # its copy on two lines (a title above its second line)
                kept = lines[:index] + lines[index + taken :]
                return _without_column(kept, column), best.text, why
        return _without_column(lines, column), best.text, why
    # A line of the text: it goes, and what stood above it with it when that is the page's
    # furniture (a site's name, a label, chrome); anything else above it stays in the text.
    # A headline found below the top lines by the byline under it opens the article: what is
    # above it is the page's, but for a paragraph.
    headline = best.line >= TITLE_SEARCH_LINES and lines[best.line] in set(evidence.byline_after)
    above = [
        line
        for index, line in enumerate(lines[: best.line])
        if index in table
        or spares_head_line(line)  # the author's sentence, whatever site phrase it names
        or not (
            is_chrome(line)
            or is_site_name(line)
            or _lexicon()["block"].fullmatch(simplified(line))
            or _lexicon()["site_line"].fullmatch(re.sub(r"\s+", "", simplified(line)))
            or _lexicon()["issue_number"].fullmatch(re.sub(r"\s+", "", simplified(line)))
            or (len(line) <= SHORT_ABOVE_CHARS and not _PUNCTUATION.search(line))
            or _title_words_listed(line, best.text)  # the page's keywords, the title's words
            or (bare is not None and best.text in line)  # its copy with the site's words
            or (headline and not _is_paragraph(line))  # a notice bar above a news headline
        )
    ]
    guarded = sum(1 for line in above if spares_head_line(line) and is_chrome(line))
    if guarded:  # --explain tells the lines the prose guard kept (prose_guard.py)
        why += f"; {guarded} line(s) above it kept by the prose guard"
    rest = above + ([best.left] if best.left else []) + lines[best.line + best.taken :]
    text = best.text
    if given and bare is None and _same(text, given) and given.startswith(text) and rest:
        while rest and rest[0] in given[len(text) :]:
            rest = rest[1:]  # the title split over lines in the text
        text = given
    kept = _without_numbered_copy(rest, len(above), text)
    if len(kept) < len(rest):
        why += "; its copy under it goes"
    else:
        kept = _without_near_copy(rest, len(above), text)
        if len(kept) < len(rest):
            why += "; its copy a few lines under it goes"
    return kept, text, why


@dataclass
class Selection:
    """The candidate chosen (None: the file name), why, the column's name it was chosen over
    (_one_of_its_kind), and the candidate that is the chosen one less the site's words."""

    best: Candidate | None
    why: str
    column: str = ""
    bare: Candidate | None = None


def select(found: list[Candidate], lines: list[str]) -> Selection:
    """The title among the scored candidates: the best scored (the higher line at the same
    score), unless below TITLE_MIN_SCORE; then the one naming a text of the kind it names
    alone, it less the site's words beside it, with its note, the wider title holding it, as
    the text writes it."""
    best = max(found, key=lambda c: (c.score, -(c.line if c.line is not None else 99)))
    if best.score < TITLE_MIN_SCORE:
        return Selection(
            None,
            "the file name (no line of the page is evidently its title; the best, "
            f"「{best.text}」, {best.why}, scores {best.score:.1f})",
        )
    why = f"{best.why}, score {best.score:.1f}"
    column = ""
    named = _one_of_its_kind(best, found)
    if named is not None:  # 学习心得 over 如何写出有深度的专题学习心得？: the site's column
        why = (
            f"{named.why}, score {named.score:.1f}, naming one text of the kind 「{best.text}」"
            f" ({why}) names alone"
        )
        best, column = named, best.text
    bare = _without_site_part(best, found, lines)
    if bare is not None:  # 美章网 资料文库 X over the line X: the site's words go
        best = bare
        why += f"; less the site's words beside it, as {bare.why} has it, score {bare.score:.1f}"
    fuller = next(
        (
            c
            for c in found
            if c.score >= TITLE_MIN_SCORE
            and c.text.startswith(best.text)
            and (
                _NOTE.fullmatch(c.text[len(best.text) :])
                or _PIECES.fullmatch(c.text[len(best.text) :])
            )
        ),
        None,
    )
    if fuller is not None:  # the same title with its note (（2025年8月修订）, 15篇): the fuller
        best = fuller
        why += f"; with its note, {fuller.why}, score {fuller.score:.1f}"
    fuller_above = _over_its_short_form(best, found) if bare is None else None
    if fuller_above is not None:  # 高性能内核有哪些特点…？ over 高性能内核: its keyword
        why = (
            f"{fuller_above.why}, score {fuller_above.score:.1f}, holding the words of the line"
            f" under it with more ({why})"
        )
        best = replace(fuller_above, taken=fuller_above.taken + best.taken)  # the keyword goes
    collection = _collection_above(best, found)
    if collection is not None:  # 罗定市人民政府网（精选9篇） over 工作制度: its first piece
        why = (
            f"{collection.why}, score {collection.score:.1f}, the collection over its first"
            f" piece's title ({why})"
        )
        best = collection
    paged = _less_page_marker(best, found)
    if paged is not None:  # 心得体会怎么写？( 三 ) over 心得体会怎么写？: the site's page of it
        best = replace(best, text=paged.text)
        why += f"; less the page's number, as {paged.why} has it"
    wider = _wider_title(best, found) if bare is None else None
    if wider is not None:  # WXS语法 under 【…教程】之微信小程序 WXS 语法详解: a section's head
        why = f"{wider.why}, score {wider.score:.1f}, holding {why} with words on both sides"
        best = wider
    if best.line is None and best.level:  # a "# " line of the page's head, without its mark
        best = replace(best, text=_plain(best.text)[0])
    if best.line is None:
        written = _as_the_text_writes(best, found)
        if written is not None:  # a file name's or a menu's copy lacks the title's punctuation
            best = written
            why += f"; as the text writes it ({written.why})"
    return Selection(best, why, column, bare)


@dataclass
class Scored:
    """A page's title candidates as scored, with the text's lines (scripts/title_weights.py
    scores them again with other weights)."""

    found: list[Candidate]
    lines: list[str]
    file_name: str
    given: str = ""  # the page's metadata title (a line of the text may be its first part)


_RECORDS: list[list[Scored]] = []


@contextmanager
def recording() -> Iterator[list[Scored]]:
    """The scored candidates of every title chosen inside the block, in order (the last is
    the document's: the cleaning may choose titles to check its own removals)."""
    records: list[Scored] = []
    _RECORDS.append(records)
    try:
        yield records
    finally:
        _RECORDS.remove(records)


def _with_count(as_written: str, form: str, page: list[str]) -> str:
    """The title rules' form of a line, with the count of pieces they took off after it
    ((精选13篇), title_signals.toml) given back, unless a line of the page (its text or what
    the cleaning removed) names the collection without it: the title as the page writes it."""
    if form == as_written or not as_written.startswith(form):
        return form
    count = _lexicon()["count"].match(as_written, len(form))
    if count is None or not form.strip():
        return form
    bare = re.compile(rf"(?<!^){re.escape(form.strip())}(?!\s*[（(【\[]?\s*\S{{0,4}}?\s*篇)")
    if any(bare.search(line.strip()) for line in page if line.strip() != as_written.strip()):
        return form  # the site's intro or closing names it so (下面是…整理的教师节贺词)
    return form + count.group().rstrip()


_PIECE_KINDS = frozenset({"piece", "piece-end"})


def _intro_confirms(found: list[Candidate]) -> list[Candidate]:
    """The candidates, the name a 范文 site's intro gives the collection taken out where a line
    atop the text words it otherwise and holds most of its words (INTRO_LINE_SHARE): the
    intro paraphrases the page's own title (创建文明城市倡议书5篇 for 创建文明城市倡议书模板合集5篇)
    and agrees with that line. Not a piece's head (遼的心得體會篇1), nor the same words."""
    kept = list(found)
    for intro in (c for c in found if c.intro):
        words = _NOT_WORD.sub("", intro.text)
        lines = [
            c
            for c in found
            if c.line is not None
            and c.line < TITLE_SEARCH_LINES
            and _NOT_WORD.sub("", c.text) != words
            and getattr(find_heading(c.text), "kind", "") not in _PIECE_KINDS
            and overlap(simplified(intro.text), simplified(c.text)) >= INTRO_LINE_SHARE
        ]
        if lines:
            kept.remove(intro)
            for line in lines:
                line.score += SCORE["agreement"]
                line.count("agreement")
                line.why += ", as the site's intro names it in other words"
    return kept


# Where a labelled candidate of the page's metadata or of its head stands, before the text's
# lines (numbered from 0).
_LABELLED_META = -(10**6)
_LABELLED_HEAD = -(10**5)


def _first_label_only(found: list[Candidate]) -> None:
    """A page with several lines labelled as its title (主旨：… once per notice of a page of
    several): the first is the page's own; each later one is the title of a later piece, and
    its label counts for nothing (the same title labelled again keeps its label)."""
    labelled = sorted(
        (c for c in found if c.labelled_at is not None), key=lambda c: c.labelled_at or 0
    )
    for later in labelled[1:]:
        if _same(later.text, labelled[0].text):
            continue  # the same title labelled again (a scraper's 标题： over the page's)
        later.score -= SCORE["labelled"]
        later.count("labelled", -1.0)
        later.why += ", labelled as a later piece's title"


# What parts a title from a site's words beside it: spaces, a bar, a single dash (never the
# double dash of a subtitle).
_SITE_PART_EDGES = " \u3000_|｜·-–—"
_SITE_PART_SEPARATOR = re.compile(r"^(?:\s+|\s*(?:[_|｜·]|(?<!—)[-–—](?!—))\s*)$")


def _without_site_part(
    best: Candidate, found: list[Candidate], lines: list[str]
) -> Candidate | None:
    """Another candidate that is the best one less words of the site's set beside it by a
    separator (美章网 资料文库 晋江市教育意见范文 / 晋江市教育意见范文): the title as the
    page writes it on its own. Not when the text writes those words on their own line right
    beside it (在冰天雪地中感受春的气息 / 辽宁经济社会加快复苏观察): the title's other line,
    never a site's."""
    for other in found:
        text = other.text
        if other is best or other.score < TITLE_MIN_SCORE or len(text) < SITE_PART_MIN_TITLE:
            continue
        at = best.text.find(text)
        if at < 0 or best.text.count(text) != 1:
            continue
        before, after = best.text[:at], best.text[at + len(text) :]
        if bool(before) == bool(after):
            continue  # the site's words stand on one side of it
        extra = before or after
        words = extra.strip(_SITE_PART_EDGES)
        separator = (
            extra[len(extra.rstrip(_SITE_PART_EDGES)) :]
            if before
            else extra[: len(extra) - len(extra.lstrip(_SITE_PART_EDGES))]
        )
        if other.line is not None:  # the text's line right above or under it
            beside = other.line - 1 if before else other.line + other.taken
            if 0 <= beside < len(lines) and lines[beside].strip() == words:
                continue
        if (
            words
            and len(extra) <= SITE_PART_MAX_CHARS
            and (_SITE_PART_SEPARATOR.match(separator) or (before and separator == "——"))
        ):  # a column's name before a double dash (明日股市预测——…), a subtitle after one
            return other
    return None


def _set_beside(a: str, b: str) -> bool:
    """One holds the other with words on one side set off by a space, a bar or a dash (美章网
    资料文库 晋江市教育意见范文 over 晋江市教育意见范文): the title with the site's words beside
    it, not a head over a sub-head of its words (一述职报告的含义，类型和内容)."""
    shorter, longer = sorted((a.strip(), b.strip()), key=len)
    at = longer.find(shorter)
    if not shorter or at < 0:
        return False
    before, after = longer[:at], longer[at + len(shorter) :]
    if bool(before) == bool(after):
        return False
    return (before[-1:] or after[:1]) in _SITE_PART_EDGES


def _without_column(lines: list[str], column: str) -> list[str]:
    """The lines less the column's name on a line of the text's top (-学习心得 under the page's
    学习心得 over its title): the site's category, set again over the text."""
    words = _NOT_WORD.sub("", column)
    for index, line in enumerate(lines[:TITLE_SEARCH_LINES]):
        if (
            words
            and not line.lstrip().startswith("|")
            and _NOT_WORD.sub("", _plain(line)[0]) == words
        ):
            return lines[:index] + lines[index + 1 :]
    return lines


def _one_of_its_kind(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """A candidate naming one text of the kind the chosen one names alone (如何写出有深度的专题
    学习心得？3个技巧突破 for 学习心得, 精选毕业演讲稿模板八篇 for 毕业演讲稿): a name made of kinds
    of document only is the site's column or category over the page, and the candidate holding
    its words with more is the page's title. The best scored of them, a line of the page's
    head before a line of the text at the same score (the head stands above the text)."""
    if not _only_kinds(best.text) or re.search(r"[0-9A-Za-z]", best.text):
        return None  # (2024年终总结: a year's, not a kind alone)
    words = _NOT_WORD.sub("", simplified(best.text))
    naming = [
        c
        for c in found
        if c.score >= TITLE_MIN_SCORE
        and words in (wider := _NOT_WORD.sub("", simplified(c.text)))
        and len(wider) > len(words)
        and not _only_kinds(c.text)
    ]
    return max(naming, key=lambda c: (c.score, c.line is None), default=None)


# A part's or a page's number in brackets after a title: ( 三 ), （2）.
_PAGE_MARKER = re.compile(r"\s*[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,3})\s*[）)]")


def _over_its_short_form(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """The line right above the chosen one when it starts with the chosen one's words and says
    more (高性能内核有哪些特点及应用场景？ over 高性能内核, 物业停水（物业停水犯法吗） over
    物业停水): the line under a title saying its first words again is the page's keyword or
    tag, and the title the fuller line. Not when what it says more is a page's number only
    (_less_page_marker)."""
    words = _NOT_WORD.sub("", best.text)
    if best.line is None or not words:
        return None
    for other in found:
        fuller = _NOT_WORD.sub("", other.text)
        if (
            other.line is not None
            and other.line + other.taken == best.line
            and other.score >= TITLE_MIN_SCORE
            and fuller.startswith(words)
            and len(fuller) > len(words)
            and _less_page_marker(other, [best]) is None
        ):
            return other
    return None


def _head_count(form: str, removed: tuple[str, ...]) -> str:
    """A line of the page's head as the title rules left it, with the count of pieces they
    took off given back when the page's head writes it so (做一个…心得体会(推荐20篇)): the
    collection's name as the page gives it."""
    from .normalize import normalize_line

    for line in removed:
        if "篇" not in line:  # no count of pieces on it (most lines: normalize none of them)
            continue
        written = normalize_line(line.strip())
        if written != form and written.startswith(form):
            return _with_count(written, form, [])
    return form


_BARE_COUNT = re.compile(r"\d{1,3}\s*篇$")  # 范文汇总9篇: a collection's count, unbracketed


def _collection_above(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """The line right above the chosen one when it ends with a count of pieces (罗定市人民政府网
    （精选9篇） over 工作制度): a 范文 site's collection, whose first piece's title stands under
    its name; the collection's name is the page's title."""
    from .broken_titles import _ends_with_count

    if best.line is None:
        return None
    if best.line == 0 and not _ends_with_count(best.text):
        head = [
            c
            for c in found
            if c.line is None and c.score >= TITLE_MIN_SCORE and _ends_with_count(c.text)
        ]
        if head:  # the head's collection over the text's first line, its first piece's title
            return max(head, key=lambda c: c.score)
    for other in found:
        if (
            other.line is not None
            and other.line + other.taken == best.line
            and other.score >= TITLE_MIN_SCORE
            and _ends_with_count(other.text)
        ):
            return other
    for other in found:  # 宣传活动通知 over 关于宣传活动通知范文汇总9篇: the pieces' name over
        if (  # the collection's, which holds its words with its count
            other.line is not None
            and other.line == best.line + best.taken
            and other.score > 0
            and (_ends_with_count(other.text) or _BARE_COUNT.search(other.text))
            and not _ends_with_count(best.text)
            and _NOT_WORD.sub("", best.text) in _NOT_WORD.sub("", other.text)
        ):
            return other
    return None


def _less_page_marker(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """The line right under the chosen one when it is the chosen one less a number in
    brackets after it (农村教师培训心得体会怎么写？( 三 ) over 农村教师培训心得体会怎么写？):
    the page gives its title with and without the number, so the number is the site's page
    of the article, not the title's. A title written only with its part's number (引力波百年
    漫谈 (二)) keeps it."""
    marker = _PAGE_MARKER.search(best.text)
    if best.line is None or marker is None or marker.end() != len(best.text.rstrip()):
        return None
    words = _NOT_WORD.sub("", best.text[: marker.start()])
    for other in found:
        if (
            other.line is not None
            and other.line == best.line + best.taken
            and words
            and _NOT_WORD.sub("", other.text) == words
        ):
            return other
    return None


def _wider_title(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """A title of the page's head or metadata holding the chosen line's words with more words
    on both sides (【微信小程序实战教程】之微信小程序 WXS 语法详解 over the text's WXS语法): the
    page's title, and the line its first section's head."""
    words = _NOT_WORD.sub("", best.text)
    if best.line is None or not words:
        return None
    for other in sorted(found, key=lambda c: -c.score):
        wider = _NOT_WORD.sub("", other.text)
        at = wider.find(words)
        if (
            other.line is None
            and other.score >= TITLE_MIN_SCORE
            and 0 < at < len(wider) - len(words)
        ):
            return other
    return None


KEYWORD_MAX_CHARS = limit("title", "keyword_max_chars")
_KEYWORD_SEPARATOR = re.compile(r"\s*[，,、]\s*")


def _title_words_listed(line: str, title: str) -> bool:
    """A line of the title's own words set off by commas (镇政府，工作报告，2023 above
    2023年镇政府工作报告): a document site's keywords of the page, never its text."""
    words = _KEYWORD_SEPARATOR.split(line.strip())
    return (
        len(words) >= 2
        and _NOT_WORD.sub("", line) != _NOT_WORD.sub("", title)  # the title again, not its words
        and all(0 < len(word) <= KEYWORD_MAX_CHARS for word in words)
        and all(word in title for word in words)
        and len(title) <= MAX_TITLE_CHARS
        and not is_prose(title)  # a sentence that speaks the words (今天…给大家分享 X，Y)
    )


def _without_numbered_copy(rest: list[str], at: int, title: str) -> list[str]:
    """The lines less a copy of the title right under it, as it is or with the site's piece
    number (公司文书管理工作制度 / 公司文书管理工作制度5)."""
    if at < len(rest):
        copy = _NOT_WORD.sub("", _plain(rest[at])[0])
        words = _NOT_WORD.sub("", title)
        tail = copy[len(words) :] if copy.startswith(words) else None
        if words and tail is not None and (tail == "" or tail.isdigit()):
            return rest[:at] + rest[at + 1 :]
    return rest


NEAR_COPY_LINES = 3


def _without_near_copy(rest: list[str], at: int, title: str) -> list[str]:
    """The lines less a copy of the title, the same words, on one of the few lines under it
    (学生参加演讲比赛(精选13篇) again under the first piece's salutation): the site set it
    there again, the text never writes its whole title alone on a line."""
    words = _NOT_WORD.sub("", title)
    for index in range(at, min(len(rest), at + NEAR_COPY_LINES)):
        if words and _NOT_WORD.sub("", _plain(rest[index])[0]) == words:
            return rest[:index] + rest[index + 1 :]
    return rest


def _as_the_text_writes(best: Candidate, found: list[Candidate]) -> Candidate | None:
    """The text's own line (or two) of a title chosen from the page's head or metadata that
    has the same words, with the punctuation the title has there (and the page's furniture
    above it goes with it, as for a title chosen from the text)."""
    words = _NOT_WORD.sub("", best.text)
    for candidate in found:
        if (
            candidate.line is not None
            and candidate.score > LEFT_NOTHING
            and _NOT_WORD.sub("", candidate.text) == words
        ):
            return candidate
    return None


def _bare(text: str) -> str:
    return re.sub(r"[\s*#【】]+", "", _plain(text)[0])


def _is_same_or_fuller(title: str, line: str) -> bool:
    plain = re.sub(r"[\s*#【】]+", "", _plain(line)[0])
    return plain in re.sub(r"\s+", "", title) or re.sub(r"\s+", "", title) in plain
