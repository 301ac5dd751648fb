"""Clean stage: remove site cruft by rules kept as data (rules/*.toml), record every removal.

The engine only knows the rule actions; what cruft looks like lives in the TOML files, each rule
with examples that the test suite runs through this engine (`acts_on`). Patterns match the line
converted to simplified script (script.py), so traditional pages need no second copy of a rule;
what is removed is cut from the line as written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from . import frontmatter, line_model, markup
from .bylines import byline_shape, byline_words
from .copies import (
    CLAUSE_PUNCTUATION,
    COPY_SIGNALS,
    NOT_WORD,
    SENTENCE_END,
    TEASER,
    collection_intro,
    contents_list,
    glued_tags,
    headline_over_opening,
    jammer,
    join_closing_marks,
    machine_summary,
    poster_preface,
    record_fields,
    repeated_buttons,
    repeated_copy,
    seo_headlines,
    site_preview,
)
from .dates import MINGUO_YEARS, chinese_numeral_date, english_date, minguo_short_date
from .document import Document, Removal
from .errors import DocumentError, RulesError
from .letter_spacing import closed_up
from .line_shapes import ATTACHMENT_NEXT
from .markdown_links import card_heads, home_names, plain_links
from .marks import WITHHELD_MARK, WITHHELD_MARK_RE, WITHHELD_MARK_UNKNOWN
from .needles import Screen, screen
from .normalize import INDENT, normalize_line
from .page import (
    article_start,
    code_block_lines,
    file_name_stem,
    head_sentences,
    intro_title,
    is_chrome,
    is_prose,
    is_sources_label,
    markup_sample_lines,
    names_in_passing,
    page_topic,
)
from .prose_guard import author_lines_follow, spares, spares_head_line
from .script import simplified, traditional_share
from .thresholds import limit
from .titles import breadcrumb_columns, is_author_line
from .web_code import web_code

RULES_DIR = Path(__file__).parent / "rules"
ACTIONS = {
    "front-matter",
    "running-title",
    "meta-line",
    "withheld",
    "cut-tail",
    "drop-line",
    "strip",
}
REGIONS = {"title", "head", "tail", "anywhere"}
META_KEYS = ("title", "date", "author", "source")  # named groups of a pattern that go to meta
HEAD_LINES = limit("clean", "head_lines")
TAIL_START = limit("clean", "tail_start")


_VALUE_EDGES = INDENT + "【】[]（）()|｜"
# A Markdown list's bullet marks (-   , * , - -  : a list in a list) before its text.
_ITEM_MARKS = re.compile(r"^(?:[-*+][ \t]+)+(?=\S)")
_QUOTED_ITEM = re.compile(r"^(?:>[ \t]*)+(?:[-*+][ \t]+)*(?=\S)")
# A box's line: quoted and listed, or with a bold label (> -   **本文链接:** …, - **License：**).
_BOXED = re.compile(
    r"^(?:>[ \t]*)+(?:[-*+][ \t]+)+\S|^(?:>[ \t]*)*(?:[-*+][ \t]+)*\*\*[^*\n]{1,20}\*\*"
)
_BOLD_MARKS = re.compile(r"\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*")


def _bare_words(text: str) -> str:
    """The text without the quote and list marks before it and the bold marks in it."""
    return _BOLD_MARKS.sub(r"\1", _QUOTED_ITEM.sub("", _ITEM_MARKS.sub("", text))).strip()


_SPACES = re.compile(r"\s+")
# A source's or author's value with the page's date and time run onto it.
_GLUED_DATE = re.compile(
    r"(?<=[^\d\s])\s*(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$"
)
# A label that dates a page's publication (not an event's 时间 or 日期).
_PUBLICATION_LABEL = re.compile(r"(?:发布|发表|更新|上传|发稿)(?:时间|日期)|Published on")
# A notes tool's link to a page of its own ([[上游洞見]], [[name|shown]]): the name it shows.
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")


def _front_value(value: object) -> str:
    """A foreign front matter's value as text: a list's items joined (a web clipper's author:
    - "[[name]]"), a notes tool's links as the names they show."""
    if isinstance(value, list | tuple):
        return "、".join(text for item in value if (text := _front_value(item)))
    return _WIKI_LINK.sub(r"\1", str(value)).strip() if value is not None else ""


# A follow button or a post count an exporter ran onto the author's name (Whhtaafaak 关注,
# Mac玩儿法编辑部 共发布31331篇文章), and the names an exporter writes when the page named no
# author.
_FOLLOW_BUTTON = re.compile(
    r"\s*(?:[+＋]?\s*(?:已关注|关注|Follow)|共发布\s*\d[\d,]*\s*篇(?:文章)?)\s*$"
)
_NO_NAME = frozenset({"unknown", "anonymous", "none", "null", "n/a", "-"})
# An author value with affiliations in brackets or several names: the article's author block.
_AUTHOR_BLOCK = re.compile(r"[（(][^）)]{4,}[）)]|[；;]")
# A dropped label's value that is a name or a count and then a date: a byline's (编辑：物业经理人
# 2017-04-26, 阅读数:3 2020 年 4 月 19 日); a lone date under such a label (生成日期：2019-01-23)
# is the site's record, not the document's date.
_NAME_THEN_DATE = re.compile(r"^(?:[^\d\s]{2,20}|\d[\d,]{0,9}\s)\s*(?:19|20)\d{2}\s*[-/.年]")


# A source's name in Chinese, then short words set off by spaces: the page's section (要 闻) or
# a button (发表评论) run onto it, not the name's.
# An e-paper's edition line names its paper between dashes after the date (日期:[2018年09月13日]
# -- 某某报 -- 版次:[J2]).
_EDITION_NAME = re.compile(r"(?<=[\d日\]】])\s*-{2,}\s*([^\s\d-][^-]{0,18}?)\s*-{2,}(?:\s|$)")
_SOURCE_THEN_WORDS = re.compile(
    r"((?=[^\s]*[\u3400-\u9fff])[\u3400-\u9fffA-Za-z0-9]{2,20})(?:\s+[\u3400-\u9fff]{1,4}){1,3}"
)  # (114手游网 推荐内容, IT之家 微信专区: a name with letters and figures too)


@dataclass(frozen=True)
class Rule:
    id: str
    action: str
    where: str
    pattern: re.Pattern | None
    why: str
    match_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    min_pairs: int = 1  # meta-line: how many "label：value" pairs the line must hold
    spares_prose: bool = True  # cut-tail: a box followed by prose is dropped, not cut at
    # cut-tail: a notice line (本文首发于…, 转载请注明…), not a box's label: followed by prose,
    # or outside the tail, the line alone goes (the lines under it are not a box of links).
    notice: bool = False
    # drop-line: a line the text's own line above announces (…众筹页面：) is the text's, kept.
    spares_announced: bool = False
    # drop-line: a file's name in a notice's list of attachments (附件:1.….doc / 2.….doc) stays.
    spares_attachments: bool = False
    pages: str = ""  # a rule for one kind of page only says which (a smell: prefer general ones)
    # drop-line: the short line right above the dropped one is the name it belongs to (a forum
    # floor's poster over its "N# 发表于 …" line): it goes too, the first one as the author.
    name_above: bool = False
    # drop-line: a line right under it that this matches (in simplified script) makes the line
    # the text's own (【摘要】… over 【关键词】…: a paper's abstract, not a site's teaser).
    spares_above: re.Pattern | None = None
    # drop-line, cut-tail: the pattern's label names the whole line the site's (【导语】…), so
    # the prose guard (prose_guard.py) never spares a line it takes, however prose-shaped.
    names_line: bool = False
    # A dated line a rule takes marks the line above it as a headline (a byline stands under
    # its title) unless the rule says marks_headline = false (a portal's posting line stands
    # above the headline as often as under it).
    marks_headline: bool = True
    # strip: on a page that writes HTML samples as text lines (markup_sample_lines), the tags
    # in its lines are the author's words (使用<a>能…): the rule does not act there.
    spares_markup_pages: bool = False
    # A search for the literal text every match of the pattern holds (needles.py): a line it
    # finds nothing in is not tried.
    screen: Screen = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "screen", screen(self.pattern) if self.pattern else None)

    def may_match(self, key: str) -> bool:
        """False only when the pattern cannot match in key."""
        return self.screen is None or self.screen(key) is not None

    @property
    def regex(self) -> re.Pattern:
        """The pattern of a rule whose action needs one (checked when the rule is loaded)."""
        if self.pattern is None:
            raise RulesError(f"rule {self.id} has no pattern")
        return self.pattern


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    labels: dict[str, str]  # meta-line label -> front matter key ("" = drop the value)

    @property
    def ids(self) -> list[str]:
        return [rule.id for rule in self.rules]


def load_rules(extra: Sequence[Path] = (), skip: Iterable[str] = ()) -> RuleSet:
    """The built-in rules, then each extra file's; rules whose id is in skip are left out."""
    rules: list[Rule] = []
    labels: dict[str, str] = {}
    for path in [*sorted(RULES_DIR.glob("*.toml")), *extra]:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise RulesError(f"{path}: cannot load rules: {exc}") from exc
        labels.update(data.get("labels", {}))
        rules.extend(_parse_rule(path, entry) for entry in data.get("rule", []))
    skip = set(skip)
    unknown = skip - {rule.id for rule in rules}
    if unknown:
        raise RulesError(f"--skip-rule: no rule with id {', '.join(sorted(unknown))}")
    return RuleSet(tuple(rule for rule in rules if rule.id not in skip), labels)


def _parse_rule(path: Path, entry: dict) -> Rule:
    rule_id = entry.get("id", "?")
    action, where = entry.get("action"), entry.get("where", "anywhere")
    if action not in ACTIONS or where not in REGIONS:
        raise RulesError(f"{path}: rule {rule_id}: action must be one of {sorted(ACTIONS)}")
    pattern = entry.get("pattern")
    if pattern is None and action not in {"meta-line", "front-matter", "running-title"}:
        raise RulesError(f"{path}: rule {rule_id} has no pattern")
    try:
        compiled = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise RulesError(f"{path}: rule {rule_id}: bad pattern: {exc}") from exc
    examples = entry.get("examples", {})
    return Rule(
        id=rule_id,
        action=action,
        where=where,
        pattern=compiled,
        why=entry.get("why", ""),
        match_examples=tuple(examples.get("match", ())),
        keep_examples=tuple(examples.get("keep", ())),
        min_pairs=int(entry.get("min_pairs", 1)),
        spares_prose=bool(entry.get("spares_prose", True)),
        notice=bool(entry.get("notice", False)),
        spares_announced=bool(entry.get("spares_announced", False)),
        spares_attachments=bool(entry.get("spares_attachments", False)),
        pages=entry.get("pages", ""),
        name_above=bool(entry.get("name_above", False)),
        spares_above=re.compile(entry["spares_above"]) if entry.get("spares_above") else None,
        names_line=bool(entry.get("names_line", False)),
        marks_headline=bool(entry.get("marks_headline", True)),
        spares_markup_pages=bool(entry.get("spares_markup_pages", False)),
    )


# A date or time is short: the bound (and \s++) keep the match linear on a long line of
# digits and spaces.
# It may stand in brackets (( 2023-01-05 ) 稿件来源:新华每日电讯, an e-paper's byline).
_DATE_PREFIX = re.compile(
    r"^(?:[(（]\s*[\d\-/.:年月日 ]{2,40}?\s*[)）]\s*+|[\d\-/.:年月日 ]{2,40}?(?:\s++|(?<=\d)(?=[\u3400-\u9fff])))"
    r"(?:(?:星期|周|礼拜)[一二三四五六日天]\s*+|[(（][一二三四五六日][)）]\s*+)?"  # its weekday
    r"(?=[^\d\s]\S*\s*[:：])"
)


# (or the bracket a byline opens with: 【来源：县应急管理局】【时间：2024-03-05】)
_HOST_LEAD = re.compile(
    r"^(?:https?:)?/{0,2}(?:[a-z0-9-]+\.)+(?:com|cn|net|org|tw|hk|info|top|xyz|cc)/?\s*(?=(?:19|20)\d{2}[-/.年])"
)
_LIST_MARK = re.compile(r"^(?:[-*•·]\s+|[【\[]\s*)")
_DATE_LIKE = re.compile(r"[-/:年月日]|\d{4}")  # a date's or a time's separator, or a year
# A word (a section's, a site's name) before a byline's labels, set off by a space.
_LEAD_WORD = re.compile(r"^[^\s:：|｜]{1,8}\s+(?=[^\s:：]{1,6}\s*[:：])")
# (or a label set out letter by letter: 索   引   号 2019…, its colon left out)
_MAY_PAIR = re.compile(
    r"[:：丨]|\s[|｜]\s|(?<![\u3400-\u9fff])[\u3400-\u9fff][ \u3000]+[\u3400-\u9fff](?:[ \u3000]|$)"
)  # a line without one holds no "label：value" pair


@cache
def _pair_pattern(names: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(
        # The value is taken a whitespace run and a character at a time (possessive runs):
        # `.*?\s*` would rescan a long run of spaces from every position in it.
        # A bar may stand for the colon (作者 | 张三, as reposts write a byline; 作者丨张三, the
        # stroke 丨 a WeChat post writes for a bar, spaced or not).
        rf"({alternatives})\s*(?:[:：]|\s[|｜]\s|\s*丨\s*)\s*((?:\s*+\S)*?)\s*+"
        rf"(?=(?:{alternatives})\s*(?:[:：]|丨)|[|｜]\s*|$)[|｜]?\s*"
    )


# Fields of a byline set apart by a spaced mark (an icon saved as ?, a middle dot): 某某 ? 来源:X
# ? 作者:Y ? 2019-03-14 16:01 ? 次阅读; a box-drawing bar, spaced or not (作者:X│2014-06-16 23:05:24│人氣:573).
# (Matched from a run's first space only: a long run of spaces is read once, not once a space.)
_FIELD_MARK = re.compile(r"(?<!\s)(?:\s+[?？·•]\s+|\s*[│┃]\s*)")
SEPARATED_FIELD_MAX_CHARS = 24  # a field without a label (a handle, a date, a counter)


def _separated_fields(
    line: str, labels: dict[str, str], written: str
) -> list[tuple[str, str]] | None:
    """The pairs of a byline whose fields a spaced mark sets apart, when two of them at least
    are "label：value" pairs and the others are short words without a sentence's marks."""
    keys, shown = _FIELD_MARK.split(line), _FIELD_MARK.split(written)
    if len(keys) < 3 or len(keys) != len(shown):
        return None
    pairs: list[tuple[str, str]] = []
    for key, text in zip(keys, shown, strict=True):
        found = parse_meta_line(key, labels, text) if _MAY_PAIR.search(key) else None
        if found:
            pairs.extend(found)
        elif len(key) > SEPARATED_FIELD_MAX_CHARS or _CLAUSE.search(key):
            return None
        elif full_date(key) and "时间" in labels:
            pairs.append(("时间", full_date(key)))
    labelled = sum(1 for label, _ in pairs if label != "时间")
    return pairs if labelled >= 2 else None


# Fields of a byline set far apart (上传处室：宣传研究处    整理上传人：庞文芬    发表日期:2024/6/4
# 9:28:08    点击量:882 次): two spaces or more, or an ideographic space, between them.
_WIDE_GAP = re.compile(r"(?<=\S)(?: {2,}|\u3000+|\t+)(?=\S)")
_SPACED_FIELD = re.compile(
    r"(?P<label>[^\s:：]{1,6})\s*[:：]\s*(?P<value>\S(?:[^。！？，；!?;]{0,28}\S)?)"
)


def _spaced_fields(line: str, labels: dict[str, str], written: str) -> list[tuple[str, str]] | None:
    """The known pairs of a byline whose fields stand far apart, when every field is a short
    "label：value" pair, known labels or not (a site's own: 上传处室, 整理上传人), and one of them
    dates the page's publication (发表日期:2024/6/4): a form's row (姓名：张三    性别：男) has no
    such date, and stays."""
    keys, shown = _WIDE_GAP.split(line), _WIDE_GAP.split(written)
    if len(keys) < 2 or len(keys) != len(shown):
        return None
    pairs: list[tuple[str, str]] = []
    dated = False
    for key, text in zip(keys, shown, strict=True):
        field = _SPACED_FIELD.fullmatch(key)
        if not field:
            return None
        label = field.group("label")
        if label in labels:
            value = text[field.start("value") : field.end("value")]
            pairs.append((label, value))
            dated = dated or bool(_PUBLICATION_LABEL.fullmatch(label) and full_date(value))
    return pairs if dated else None


# A label set out letter by letter, as a government page's record of a document writes it
# (索   引   号 20191202-189769 分        类 其他；…; 发 布 机 构 …): single characters apart.
_SPACED_CHARS = re.compile(
    r"(?<![\u3400-\u9fff])[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff](?![\u3400-\u9fff])){1,5}"
)


def _letter_spaced_labels(line: str, written: str, labels: dict[str, str]) -> tuple[str, str]:
    """The line (and as written) with each label set out letter by letter written whole and
    given its colon (索   引   号 2019… -> 索引号：2019…), when the letters make a known label."""
    for match in reversed(list(_SPACED_CHARS.finditer(line))):
        label = re.sub(r"[ \u3000]+", "", match.group(0))
        if label not in labels:
            continue
        colon = "" if line[match.end() :].lstrip()[:1] in (":", "：") else "："
        start, end = match.span()
        shown = re.sub(r"[ \u3000]+", "", written[start:end])
        line = f"{line[:start]}{label}{colon}{line[end:].lstrip()}"
        written = f"{written[:start]}{shown}{colon}{written[end:].lstrip()}"
    return line, written


def parse_meta_line(
    line: str, labels: dict[str, str], written: str | None = None
) -> list[tuple[str, str]] | None:
    """The (label, value) pairs when the line is nothing but "label：value" pairs, else None.

    A bare date or time may come first ("18 15:12:24 栏目:分类作文"), a list mark too
    ("- 来源: 人民网"); fields may be set apart by a spaced mark (来源:X ? 作者:Y ? 2019-03-14).
    `line` is matched (simplified script); values are taken from `written`, the line as
    written, when given.
    """
    written = line if written is None else written
    if _SPACED_CHARS.search(line):
        line, written = _letter_spaced_labels(line, written, labels)
    if _FIELD_MARK.search(line):
        return _separated_fields(line, labels, written)
    if _WIDE_GAP.search(line) and (row := _spaced_fields(line, labels, written)) is not None:
        return row
    host = _HOST_LEAD.match(line)
    if host:  # a mirror's host glued before the byline's date (//example.com2016-01-22來源: …)
        line, written = line[host.end() :], written[host.end() :]
    pair = _pair_pattern(tuple(labels))
    prefix = _DATE_PREFIX.match(line)
    if prefix and not _DATE_LIKE.search(prefix.group(0)):
        prefix = None  # "1. 标题：…" is a list's item that names a title, no date before labels
    prefix = prefix or _LIST_MARK.match(line)
    lead = None
    if not prefix and not pair.match(line):
        prefix = lead = _LEAD_WORD.match(line)  # 专利代理 发布时间:2023-06-15 浏览:
    position = prefix.end() if prefix else 0
    pairs: list[tuple[str, str]] = []
    if prefix and full_date(prefix.group(0)) and "时间" in labels:
        pairs.append(("时间", written[: prefix.end()].strip()))  # "2020-03-09  来源: 学习时报"
    for match in pair.finditer(line, position):
        if match.start() != position:
            return None
        position = match.end()
        pairs.append((match.group(1), written[match.start(2) : match.end(2)]))
    # A label may stand empty (文档热度：) beside others, never alone.
    if position != len(line) or not any(value for _, value in pairs):
        return None
    if lead and not any(
        labels.get(label) == "date" and re.search(r"\d", value) for label, value in pairs
    ):
        return None  # a word before labels: a byline's only when it dates the page
    if any(labels.get(label) == "author" and _AUTHOR_BLOCK.search(value) for label, value in pairs):
        return None  # 作者：X（单位）；Y（单位）: the article's own author block, kept as text
    if any(_SENTENCE_IN_VALUE.search(value) for _, value in pairs):
        return None  # 时间：每天凌晨四点…老板每天凌晨四点起床和面，…。: a paragraph run on
    return pairs


# A value that holds a sentence of clauses (two clause marks and a sentence's end): the
# author's paragraph run onto a label's line, no field's value.
_SENTENCE_IN_VALUE = re.compile(r"[，,；;][^。！？!?]*[，,；;][^。！？!?]*[。！？!?]")


def _trimmed(value: str) -> str:
    """A value less the marks around it, its own closing bracket kept (贺科学（晨末）)."""
    trimmed = value.strip(_VALUE_EDGES)
    for opening, closing in ("（）", "()"):
        if trimmed.count(opening) > trimmed.count(closing) and closing in value:
            trimmed += closing
    return trimmed


def meta_of(pairs: list[tuple[str, str]], labels: dict[str, str]) -> dict[str, str]:
    """Front matter values of meta-line pairs (the first value of each key wins)."""
    found: dict[str, str] = {}
    for label, value in pairs:
        key = labels[label]
        value = _trimmed(value)  # "2025-03-06 【" before a 【字体：…】 tool
        glued = _GLUED_DATE.search(value) if key in {"source", "author"} else None
        if glued:  # 来源:对外传播2021-06-28 11:56: the source, then the page's date
            found.setdefault("date", full_date(glued.group(0)))
            value = value[: glued.start()].strip(_VALUE_EDGES)
        if key == "date" and (paper := _EDITION_NAME.search(value)):
            found.setdefault("source", paper.group(1))  # [2018年09月13日] -- 某某报 -- 版次:
            value = value[: paper.start()].strip(_VALUE_EDGES)
        if key == "source" and (first := _SOURCE_THEN_WORDS.fullmatch(value)):
            value = first.group(1)  # 新华每日电讯 要 闻, 中国新闻网 发表评论: a section, a button
        if not key and full_date(value) and _NAME_THEN_DATE.match(value):
            key, value = "date", full_date(value)  # 编辑:物业经理人2017-04-26, a byline's date
        if key and value and key not in found:
            found[key] = value
    return found


def acts_on(rule: Rule, example: str, labels: dict[str, str]) -> bool:
    """Whether the engine, running this rule alone, acts on the example wherever it stood
    (title, head and tail alike). The rule examples in tests run through here.

    A running-title example is "title|line"; a front-matter example is a whole text.
    """
    cleaner = _Cleaner(RuleSet((rule,), labels), {})
    if rule.action == "front-matter":
        cleaner.front_matter(example)
    elif rule.action == "running-title":
        title, _, line = example.partition("|")
        cleaner.meta["title"] = title
        cleaner.run([(1, title), (2, line)])
    else:
        cleaner.line(example, 1, set(REGIONS))
    return bool(cleaner.removed)


# A Markdown escape in a value read from a Markdown page (Zar\_SY): the mark is the value's.

# A front matter's source that names the feed an archiver read the page from (Doonsec's feed,
# X RSS): not the article's source.
_FEED_NAME = re.compile(r"(?i)\b(?:feed|rss)\b")


# Groups a pattern names an author by, where it names one in more than one place.
_AUTHOR_GROUPS = ("name", "writer", "credited")


def _meta_from(match: re.Match, written: str) -> dict[str, str]:
    """Front matter values of a match's named groups, cut from the line as written (a group
    "name", "writer" or "credited" is the author's, where a pattern names an author in two or
    more places)."""
    found: dict[str, str] = {}
    for key in (*META_KEYS, *_AUTHOR_GROUPS):
        if key in match.re.groupindex and match.group(key):
            value = written[match.start(key) : match.end(key)].strip()
            if value:
                found.setdefault("author" if key in _AUTHOR_GROUPS else key, value)
    return found


class _Cleaner:
    """One pass of the rules over one document's lines."""

    def __init__(self, rules: RuleSet, meta: dict, link_lines: tuple[str, ...] = ()) -> None:
        self.rules = rules
        self.meta = meta
        self.link_lines = link_lines  # what the page's markup says is mostly link text
        self.card_heads: frozenset[str] = frozenset()  # headings wholly a link to another page
        self.evidence: dict[str, Any] = {}  # Evidence fields found here, for the later stages
        self.byline_after: list[str] = []  # lines a dated byline stood under
        self.removed: list[Removal] = []
        self.kept: list[str] = []
        self.withheld = 0
        self.head_found: list[tuple[Rule, dict[str, str]]] = []
        self.head_author = ""  # a name alone under a headline of the page's head
        self.head_withheld: int | None = None  # the count of withheld notices in the page's head
        self.feed_date = False  # the date is a foreign front matter's, until the page gives one
        self.top_file_names: list[str] = []  # file name lines right above the text
        self.page_top: int | None = None  # the page's first line, when no head is above it
        self.below = ""  # the line under the one being cleaned, in simplified script
        self.previous_number = 0  # the number of the line above the one being cleaned
        self.byline_dates: list[str] = []  # dates of bylines dropped by their shape
        self.byline_names: list[str] = []  # a person's name such a byline gave
        self.byline_sources: list[str] = []  # an outlet's or a body's name such a byline gave
        self.clock_date = False  # the page's date is a clock's or an update's: a posting date wins
        self.last_count = 0  # the count of the last withheld mark kept
        self.topic: frozenset[str] = frozenset()  # site phrases that are the page's subject
        self.prose_kept = False  # a paragraph of the article has been kept
        self.first_number = 1  # the number of the page's first line (after a foreign front matter)
        self.running_header = next((r for r in rules.rules if r.action == "running-title"), None)
        self.rules_by_id = {rule.id: rule for rule in rules.rules}
        self.whole_line_rules = [r for r in rules.rules if r.action in {"drop-line", "cut-tail"}]
        self._dropped: dict[str, bool] = {}
        self.spared: list[str] = []  # lines the prose guard kept from a rule, for --explain
        self.markup_page = False  # the page writes HTML samples as text lines
        self._by_region: dict[frozenset[str], tuple[Rule, ...]] = {}

    def rules_in(self, region: set[str]) -> tuple[Rule, ...]:
        """The rules that act in a region (a set of REGIONS), in their order."""
        key = frozenset(region)
        found = self._by_region.get(key)
        if found is None:
            found = self._by_region[key] = tuple(r for r in self.rules.rules if r.where in key)
        return found

    def note(
        self, rule: Rule, number: int, text: str, match: re.Match | None = None, written: str = ""
    ) -> None:
        self.removed.append(Removal(rule.id, number, text))
        if match is not None:
            self.found(rule, _meta_from(match, written))

    def found(self, rule: Rule, values: dict[str, str]) -> None:
        """Metadata a rule found; the first value of each key wins, except that the post's own
        date wins over the date of a feed's front matter (an archiver's, a day later)."""
        for key, written in values.items():
            value = markup.MD_ESCAPE.sub(r"\1", written)  # Zar\_SY in a Markdown page is Zar_SY
            if key == "source" and rule.action != "meta-line":
                if _WEEKDAY.fullmatch(value.strip()):  # 2024年11月22日 星期五: a portal's clock
                    self.clock_date = True
                    continue
                key, value = _source_or_person(value)  # 张晓明 2023-05-12: a person's byline
                if not key:
                    continue
            if key == "date" and self.feed_date and rule.action != "front-matter":
                self.feed_date = False
                if full_date(value):
                    self.meta["date"] = value
                continue
            if key not in self.meta:
                self.meta[key] = value
                if key == "title":  # a label says so (标题：…, 原标题：…), or a rule's pattern
                    said = (
                        "a label in the page"
                        if rule.action == "meta-line"
                        else "the page's metadata"
                    )
                    self.evidence["title_from"] = f"{said} (rule {rule.id})"

    def front_matter(self, text: str) -> tuple[str, int]:
        """Text less a foreign YAML block at its start (its title, date, author kept), and how
        many lines the block took."""
        front = next((r for r in self.rules.rules if r.action == "front-matter"), None)
        found = frontmatter.find(text) if front else None
        if front is None or not found:
            return text, 0
        data, end = found
        self.note(front, 1, text[:end].strip())
        values = {k: _front_value(data[k]) for k in META_KEYS if data.get(k)}
        for name, value in data.items():  # an exporter's keys (date_published, authors: …)
            key = self.rules.labels.get(name) if isinstance(name, str) else None
            if key and value is not None and _front_value(value):
                values.setdefault(key, _front_value(value))
        if _FEED_NAME.search(values.get("source", "")):
            del values["source"]  # an archiver's feed (Doonsec's feed): the article's 来源 names it
        if "author" in values:  # Whhtaafaak 关注 (a follow button), unknown (no name)
            author = _FOLLOW_BUTTON.sub("", values["author"].strip())
            if author.casefold() in _NO_NAME:
                del values["author"]
            else:
                values["author"] = author
        self.found(front, values)
        self.feed_date = "date" in self.meta
        return text[end:], text[:end].count("\n")

    def run(self, numbered: list[tuple[int, str]]) -> None:
        # The page's last part is measured on the text above the platform's own closing lines
        # (a cut-tail rule that acts anywhere: 预览时标签不可点, …), so that a second cleaning,
        # without them, finds it where the first did.
        texts = [text for _, text in numbered]
        closing = next(
            (
                position
                for position, text in enumerate(texts)
                if position
                and (key := simplified(markup.unwrap(text)[1]))
                and any(
                    rule.action == "cut-tail" and takes_whole(rule, key)
                    for rule in self.rules_in({"anywhere"})
                )
            ),
            len(numbered),
        )
        tail_from = max(1, int(closing * TAIL_START))  # never the title line
        skip_to = 0
        # A table's rows are data, a code block's lines (``` … ```, its fences too) the
        # author's code (/**, *, <!-- a comment -->, // a comment): kept as they are.
        samples = set(markup_sample_lines(texts))
        self.markup_page = bool(samples)
        table = markup.table_rows(texts) | set(code_block_lines(texts)) | samples
        link_block = _link_block(texts, set(self.link_lines))
        cards = _post_cards(texts, self.card_heads, tail_from)
        for position, (number, line) in enumerate(numbered):
            if position in table:
                self.kept.append(line)
                continue
            # "title" rules act on titles (the page's, and the candidates), not on lines.
            region = {"anywhere"}
            if len(self.kept) < HEAD_LINES:  # counted in kept lines: the same on a second pass
                region.add("head")
            if position >= tail_from:
                region.add("tail")
            if position in cards:
                self.removed.append(Removal(SIGNAL_POST_CARDS, number, line))
                continue
            if position in link_block and not self.cuts_here(line, region):
                self.removed.append(Removal(SIGNAL_LINK_BLOCK, number, line))
                continue  # (a link that opens the site's footer, 联系我们, cuts there)
            if skip_to > position:
                continue
            if "head" not in region and not self.prose_kept and self.publication_line(line):
                region.add("head")  # a byline's date under the site's lines, still above the text
            self.previous_number = numbered[position - 1][0] if position else 0
            below = numbered[position + 1][1] if position + 1 < len(numbered) else ""
            self.below = simplified(markup.unwrap(below)[1])
            cleaned = self.line(line, number, region)
            if (
                cleaned == line
                and not self.prose_kept
                and (len(self.kept) < BYLINE_SEARCH_LINES or self.under_headline())
                and self.byline(line, number)
            ):
                continue
            if cleaned is None:
                rule = self.rules_by_id[self.removed[-1].rule]
                if rule.notice and (
                    "tail" not in region or _prose_follows(numbered, position + 1, len(numbered))
                ):
                    continue  # a notice in mid-page: the line goes, the article reads on
                if rule.notice and author_lines_follow([t for _, t in numbered[position + 1 :]]):
                    # Plain lines of the author's under it (a poem's, a postscript): the notice
                    # goes alone, the site's own tail below is left to its marks.
                    self.spared.append(f"line {number:>4}  {rule.id}: no cut, the text goes on")
                    continue
                if not any(map(is_prose, self.kept)):
                    continue  # no paragraph of the article above: a sidebar's label, no tail
                links_end = _links_end(numbered, position + 1)
                if rule.spares_prose and _prose_follows(numbered, links_end):
                    # A box of links inside the article (相关阅读 + titles), not its end: drop
                    # the box and read on.
                    box = "\n".join(t for _, t in numbered[position:links_end])
                    self.removed[-1] = Removal(rule.id, number, box)
                    skip_to = links_end
                    continue
                if rule.spares_prose and _prose_outweighs(numbered[position + 1 :], self.kept):
                    # More of the author's prose under the line than above it: the line is a
                    # notice in the article's head (a picture's copyright above the story),
                    # not the start of the page's tail.
                    continue
                if _paragraphs_only(numbered[position + 1 :]):
                    # Nothing under the line but the author's paragraphs (every rule's cut, a
                    # comment section's too: comments come with names, dates and counters):
                    # a word of the article's, not the start of the page's tail.
                    continue
                # Cut: the rest of the document is the site's.
                self.removed[-1] = Removal(
                    rule.id, number, "\n".join(t for _, t in numbered[position:])
                )
                return
            if cleaned == "" and self.kept and self.removed and self.removed[-1].line == number:
                self.name_above(number)
            if cleaned == "" and not self.kept and (stem := file_name_stem(line)):
                self.top_file_names.append(stem)  # a document site's name for the text below
            if cleaned and len(self.kept) < HEAD_LINES and self.site_abstract(cleaned):
                self.removed.append(Removal(SIGNAL_SITE_ABSTRACT, number, line))
                continue
            if cleaned and position and self.running_title(cleaned, number):
                continue
            if cleaned:
                self.kept.append(cleaned)
                self.prose_kept = self.prose_kept or _is_paragraph(cleaned)

    def name_above(self, number: int) -> None:
        """The poster's name right above a line a name_above rule dropped (a forum floor's
        header): a short line without punctuation goes too; the first is the author."""
        rule = self.rules_by_id.get(self.removed[-1].rule)
        if rule is None or not rule.name_above:
            return
        _, name, _ = markup.unwrap(self.kept[-1])
        name = name.strip(INDENT + "*")
        if not name or len(name) > NAME_ABOVE_MAX_CHARS or _CLAUSE.search(name) or " " in name:
            return
        self.kept.pop()
        self.removed.append(Removal(rule.id, number - 1, name))
        self.meta.setdefault("author", name)

    def page_head(self, numbered: list[tuple[int, str]], under_head: str = "") -> None:
        """The page's head above the article: its metadata lines are read, the rest dropped;
        lines that could be the title are kept as candidates for the structure stage.

        The head's metadata is the site's: what the article's own lines say wins over it
        (merge_page_head), and within the head the line nearest the article wins."""
        meta_rules = [r for r in self.rules.rules if r.action == "meta-line"]
        withheld_rules = [r for r in self.rules.rules if r.action == "withheld"]
        whole_line_rules = [r for r in self.rules.rules if r.action in {"drop-line", "cut-tail"}]
        meta_pattern_rules = [
            r
            for r in self.rules.rules
            if r.pattern is not None and set(META_KEYS) & set(r.pattern.groupindex)
        ]
        whole_meta_rules = [r for r in whole_line_rules if r in meta_pattern_rules]
        candidates, found, dates = [], [], []
        blocks = _short_line_blocks([line for _, line in numbered])
        dated = [  # a date line, or the author's, under a line of the head: a byline
            bool(len(t) <= DATED_LINE_MAX_CHARS and full_date(t)) or is_author_line(t)
            for _, t in numbered
        ]
        headline_open = bool(numbered) and numbered[0][0] == self.first_number
        for position, (number, line) in enumerate(numbered):
            key = simplified(line)
            notice = unannotated(key, self.rules)  # 还剩6页(yè)未读: read without its glosses
            rule = next(
                (r for r in withheld_rules if r.may_match(notice) and r.regex.search(notice)),
                None,
            )
            if rule:  # a preview's notice above it (还剩13页未读): the mark goes after the text
                match = rule.regex.search(notice)
                assert match is not None  # the rule was chosen because it matches
                self.note(rule, number, line)
                self.meta.setdefault("withheld", True)
                self.head_withheld = (self.head_withheld or 0) + _withheld_count(match)
                continue
            pairs = parse_meta_line(key, self.rules.labels, line) if meta_rules else None
            if pairs is not None and meta_rules:
                found.append((meta_rules[0], meta_of(pairs, self.rules.labels)))
                self.note(meta_rules[0], number, line)
                continue
            self.removed.append(Removal(SIGNAL_PAGE_HEAD, number, line))
            # Bylines and the like: their metadata is kept. A line a rule drops whole gives
            # only that rule's (本帖最后由 … 于 2022-11-16 编辑 is no date of the post).
            dropped = self.dropped_whole(key)
            whole = (
                [r for r in whole_meta_rules if r.may_match(key) and r.regex.fullmatch(key)]
                if dropped
                else []
            )
            for rule in whole or ([] if dropped else meta_pattern_rules):
                match = rule.regex.search(key) if rule.may_match(key) else None
                if match:
                    found.append((rule, _meta_from(match, line)))
            if len(line) <= DATED_LINE_MAX_CHARS and full_date(line):
                dates.append(full_date(line))
            stem = file_name_stem(line)
            if position in blocks:
                continue
            if dropped and headline_open and position == 0:
                own = next((m for r in whole_meta_rules if (m := r.regex.fullmatch(key))), None)
                if own is not None and _dated_title(own):  # 今日新聞 2025-10-25: an issue's
                    title = normalize_line(line.strip(INDENT))  # title, with its date
                    candidates.append((title, position, MARK_PAGE_FIRST_DATED))
                    headline_open = False
                    continue
            topic = self.topic
            line = _lone_bullet(numbered, position)  # • 林行止論… alone under a tag's name
            chrome = is_chrome(line, topic) and not names_in_passing(line, topic)
            if not stem and not _BOARD_TAG.match(line) and (dropped or chrome):
                continue  # the site's line, and no tag that a title may stand behind
            title = normalize_line(self.title(stem or line, note=False))
            tagged = bool(_BOARD_TAG.match(line)) and not _BOARD_TAG.match(title)
            # A forum's tag ([转发]) is chrome; the title under it is judged without it.
            if stem or not (
                (
                    is_chrome(title if tagged else line, topic)
                    and not names_in_passing(title if tagged else line, topic)
                )
                or (dropped and not tagged)
            ):
                mark = MARK_FILE_NAME if stem else MARK_BOARD_TAG if tagged else ""
                if not mark and headline_open:
                    below = numbered[position + 1] if position + 1 < len(numbered) else None
                    if below is None or below[0] > number + 1:
                        mark = MARK_PAGE_FIRST  # a headline set apart by a blank line
                if title:
                    candidates.append((title, position, mark))
            headline_open = False  # only chrome (a skip link, a menu) stands above a headline
        self.head_found = found[::-1]
        for _, position, _ in candidates:  # a name set off under a headline (- 卢昌海 -)
            under = numbered[position + 1][1] if position + 1 < len(numbered) else ""
            byline = numbered[position + 2][1] if position + 2 < len(numbered) else under_head
            if name_alone(under) and not self.head_author:
                self.head_author = name_alone(under)
            elif (  # a handle between the headline and its byline (YTY / 6 评论 4971 浏览)
                _HANDLE.fullmatch(under.strip())
                and byline_shape(simplified(byline))
                and not self.head_author
            ):
                self.head_author = under.strip()
        if dates:
            self.evidence["dates"] = tuple(dates[::-1])
        if candidates:  # (text, whether a dated line stands right under it, its mark)
            self.evidence["title_candidates"] = tuple(
                (text, any(dated[position + 1 : position + 3]), mark)
                for text, position, mark in candidates
            )

    def merge_page_head(self) -> None:
        """The page head's metadata, where the article's own lines gave none."""
        for rule, values in self.head_found:
            self.found(rule, values)

    def site_abstract(self, line: str) -> bool:
        """A document site's abstract at the top: the page's title run on into the text's first
        words, cut off with "..." (the text itself follows in full)."""
        if not TEASER.search(line):
            return False
        key = NOT_WORD.sub("", normalize_line(line))
        return any(
            len(title) >= ABSTRACT_TITLE_MIN_CHARS
            and key.startswith(title)
            and len(key) > len(title)
            for title in (
                NOT_WORD.sub("", text) for text, *_ in self.evidence.get("title_candidates", ())
            )
        )

    def publication_line(self, line: str) -> bool:
        """A line of "label：value" pairs that dates the page's publication (发布时间 :
        2025-08-04 17:17:54): a byline wherever it stands above the article's first paragraph,
        though the site's lines above it push it out of the first lines."""
        key = simplified(markup.unwrap(line)[1])
        if not _MAY_PAIR.search(key) or not _PUBLICATION_LABEL.search(key):
            return False
        pairs = parse_meta_line(key, self.rules.labels, line)
        return pairs is not None and any(
            _PUBLICATION_LABEL.fullmatch(label) and full_date(value) for label, value in pairs
        )

    def cuts_here(self, line: str, region: set[str]) -> bool:
        """Whether a cut-tail rule of the region takes the line whole (the site's footer)."""
        key = simplified(markup.unwrap(line)[1])
        return self.prose_kept and any(
            rule.action == "cut-tail" and takes_whole(rule, key) for rule in self.rules_in(region)
        )

    def dropped_whole(self, key: str) -> bool:
        """Whether a rule drops the line (in simplified script) whole; asked by the page head
        and by the article's start for the same lines, so answered once."""
        found = self._dropped.get(key)
        if found is None:
            found = self._dropped[key] = any(takes_whole(r, key) for r in self.whole_line_rules)
        return found

    def running_title(self, line: str, number: int) -> bool:
        """A paged document pasted as text repeats its title at the top of every page."""
        title = self.meta.get("title") or (self.kept[0] if self.kept else "")
        if not self.meta.get("title") and is_chrome(title):
            return False  # the first line is the site's (20190926|国贸|增长率), not a title
        same = line == title or _SPACES.sub("", line) == _SPACES.sub("", title)  # a picture's alt
        if not same or not self.running_header or len(line) > 60 or line.endswith("。"):
            return False
        if markup.unwrap(line)[0]:  # a marked heading is the page's own, never page furniture
            return False
        self.note(self.running_header, number, line)
        return True

    def line(self, line: str, number: int, region: set[str]) -> str | None:
        """The line with cruft removed ("" if nothing is left; None to cut here).

        A marked line ("## heading", "**bold line**") is cleaned inside its marks, and so is a
        list's item ("-   本文链接：…", a saved page's list): the rules see its text."""
        opening, text, closing = markup.unwrap(line)
        if opening.startswith("#") and (bold := markup.BOLD_LINE.match(text)):
            opening, text, closing = f"{opening}**", bold.group(1), "**"  # ### **推荐阅读**
        cleaned = self.text(text, number, region)
        item = _ITEM_MARKS.match(text) if not opening and cleaned == text else None
        if item:  # no rule took the line as written: the item's text, without its marks
            inner = text[item.end() :]
            found = self.text(inner, number, region)
            if found != inner:
                return f"{item.group(0)}{found}" if found else found
        if not opening and cleaned == text and _BOXED.match(text):
            # A quoted item with a bold label (> -   **本文链接:** …, a theme's post box): the
            # rules see its words; only a whole-line outcome (dropped, or cut here) is taken.
            # (A quote alone is the author's: > 封面来自… stays as the author set it off.)
            found = self.whole_line(_bare_words(text), number, region)
            if not found:
                return found
        return f"{opening}{cleaned}{closing}" if cleaned else cleaned

    def whole_line(self, text: str, number: int, region: set[str]) -> str | None:
        """The rules' outcome on a line's words read without its marks, when it is a whole-line
        one ("" dropped, None cut here); else the words, and nothing recorded of the reading
        (a span a rule strips from the words is not stripped from the line as written)."""
        removed, meta = len(self.removed), dict(self.meta)
        found = self.text(text, number, region)
        if found:
            del self.removed[removed:]
            self.meta.clear()
            self.meta.update(meta)
        return found

    def text(self, line: str, number: int, region: set[str]) -> str | None:
        """Patterns match `key`, the line in simplified script; spans are cut from the line."""
        key = simplified(line)
        for rule in self.rules_in(region):
            if not line:
                break
            if rule.action == "meta-line":
                if not _MAY_PAIR.search(key):
                    continue  # no "label：value" pair without a colon (or a bar)
                pairs = parse_meta_line(key, self.rules.labels, line)
                if pairs is not None and self.event_time(pairs):
                    continue  # 时间：5月20日上午9时: the text's event, not the page's date
                if pairs is not None and self.under_numbered_item(pairs):
                    continue  # 1.「…」 / 日期:2025-10-27: a digest item's own date
                if (
                    pairs is not None
                    and len(pairs) < rule.min_pairs
                    and self.cuts_here(line, region)
                ):
                    continue  # 本文链接：… in a post box: where the page's tail starts
                if pairs is not None and (
                    len(pairs) >= rule.min_pairs or self.in_meta_box(number, pairs)
                ):
                    values = meta_of(pairs, self.rules.labels)
                    if self.clock_date and "date" in values and _published_pair(pairs):
                        self.meta.pop("date", None)  # 发布时间：… under a portal's clock line
                        self.clock_date = False
                    if "date" in values and "date" not in self.meta and _updated_pair(pairs):
                        self.clock_date = True  # 最后更新日期：… yields to 发布时间：… under it
                    self.found(rule, values)
                    self.note(rule, number, line)
                    if self.kept and {"date", "author", "source"} & set(values):
                        self.byline_after.append(self.kept[-1])  # a byline: 来源：… 作者：…
                    line = ""
            elif rule.screen is not None and rule.screen(key) is None:
                continue  # rule.may_match(key), inline: this is the hot loop
            elif rule.action in {"cut-tail", "drop-line"}:
                match = rule.regex.fullmatch(key)
                if match and not rule.names_line and spares(rule.regex, key):
                    # The author's sentence that opens with the rule's words: the rule's
                    # evidence ends before the line's own clauses (prose_guard.py).
                    self.spared.append(f"line {number:>4}  {rule.id}: {line}")
                    continue
                if match and number == self.page_top and _dated_title(match):
                    # A byline stands under a title: a dated line with nothing above it is
                    # the title with its date (管理学院网上信息发布流程 2021-11-26).
                    self.found(rule, {"date": line[match.start("date") : match.end("date")]})
                    self.note(rule, number, line[match.end("source") :].strip(INDENT))
                    line = line[: match.end("source")].strip(INDENT)
                    key = simplified(line)
                    continue
                if match and self.prose_kept and _BARE_DATE.fullmatch(line):
                    continue  # a date alone under the article's paragraphs: the text's own date
                if match and rule.spares_attachments and _attachments_above(self.kept):
                    continue  # 附件:1.….doc over it: the notice's list of what it encloses
                if match and rule.spares_announced and _announces(self.kept):
                    continue  # the line above announces it (…众筹页面：): the text's own link
                if match and rule.spares_above and rule.spares_above.match(self.below):
                    continue  # the line under it makes it the text's (【关键词】 under 【摘要】)
                if match:
                    self.note(rule, number, line, match, line)
                    if (
                        "date" in rule.regex.groupindex
                        and match.group("date")
                        and self.kept
                        and rule.marks_headline
                    ):
                        self.byline_after.append(self.kept[-1])
                    if rule.action == "cut-tail":
                        return None
                    line = ""
            elif rule.action == "withheld":
                match = rule.regex.search(key)
                if match:
                    self.note(rule, number, line[match.start() : match.end()].strip(INDENT))
                    self.meta.setdefault("withheld", True)
                    count = _withheld_count(match)
                    before = line[: match.start()].strip(INDENT)
                    if before:
                        self.kept.append(before)
                    if not self.kept:  # above all the text, as in the page's head: the mark
                        self.head_withheld = (self.head_withheld or 0) + count  # goes after it
                    elif WITHHELD_MARK_RE.match(self.kept[-1]) and not before:
                        # A second notice right under the first tells of the same gap (省略854字,
                        # then 全文共6831字，当前仅显示2399字): one mark, the larger count.
                        if count > self.last_count:
                            self.withheld += count - self.last_count
                            self.last_count = count
                            self.kept[-1] = WITHHELD_MARK.format(count=f"{count:,}")
                    else:
                        self.withheld += count
                        self.last_count = count
                        self.kept.append(
                            WITHHELD_MARK.format(count=f"{count:,}")
                            if count
                            else WITHHELD_MARK_UNKNOWN
                        )
                    line = line[match.end() :].strip(INDENT)
                    key = simplified(line)
            elif rule.action == "strip":
                if rule.spares_markup_pages and self.markup_page:
                    continue  # a page on HTML: its tags are the author's words
                matches = list(rule.regex.finditer(key))
                for match in reversed(matches):
                    self.note(rule, number, line[match.start() : match.end()], match, line)
                    line = line[: match.start()] + line[match.end() :]
                if matches:
                    line = line.strip(INDENT)
                    key = simplified(line)
        return line

    def tail_bylines(self, numbers: dict[str, int]) -> None:
        """Bylines by their shape under the text's last paragraph: a related article's or a
        comment's date and counters (2025-06-30 18:10 HKT, 1 小时46分钟前 3 赞)."""
        last = max((i for i, line in enumerate(self.kept) if _is_paragraph(line)), default=None)
        if last is None:
            return
        below = self.kept[last + 1 :]
        for line in below:
            opening, text, _ = markup.unwrap(line)
            if not opening.startswith("#") and byline_shape(simplified(text), under_text=True):
                self.removed.append(Removal(SIGNAL_BYLINE_SHAPE, numbers.get(line, 0), line))
        self.kept = self.kept[: last + 1] + [
            line
            for line in below
            if markup.unwrap(line)[0].startswith("#")
            or not byline_shape(simplified(markup.unwrap(line)[1]), under_text=True)
        ]

    def under_headline(self) -> bool:
        """Whether the last line kept is a "# " headline: the line under it is where a byline
        stands, however many lines of a sidebar above were kept (the page head takes them
        later; a second cleaning, without them, finds the byline within its first lines)."""
        return bool(self.kept) and self.kept[-1].startswith("# ")

    def byline(self, line: str, number: int) -> bool:
        """A byline by its shape above the text's first paragraph (bylines.py): dropped, its
        date the page's when nothing else dates it."""
        opening, text, _ = markup.unwrap(line)
        if opening.startswith("#") or not byline_shape(simplified(text)):
            return False
        self.removed.append(Removal(SIGNAL_BYLINE_SHAPE, number, line))
        if self.kept:
            self.byline_after.append(self.kept[-1])
        date = full_date(text)
        if date:
            self.byline_dates.append(date)
        names, sources = _byline_credits(text)
        self.byline_names.extend(names)  # 2023-05-12 09:30 张晓明: the post's author
        self.byline_sources.extend(sources)  # 某某日报 2023-05-12 10:20: the source
        return True

    def under_numbered_item(self, pairs: list[tuple[str, str]]) -> bool:
        """Whether date pairs stand right under a numbered item's head line (a digest's
        1.「金眺繪莒」… / 日期:2025-10-27, an event list's 2. 讲座 / 时间：2024年5月6日): the
        item's date, the text's own, not the page's."""
        if not self.kept or not all(self.rules.labels.get(label) == "date" for label, _ in pairs):
            return False
        if any(_PUBLISHED_LABEL.search(simplified(label)) or "公告" in label for label, _ in pairs):
            return False  # 公告日期, 发布时间: the page's date wherever it stands
        above = markup.unwrap(self.kept[-1])[1].strip()
        return bool(_NUMBERED_ITEM.match(above)) and not _SENTENCE_END_MARK.search(above)

    def event_time(self, pairs: list[tuple[str, str]]) -> bool:
        """Whether the pairs are a time of the text's own (时间：5月20日上午9时, 日期：周三): date
        labels only, none a publication's (公(發)布日期, 发布时间: the page's), and no value with
        a year in it (a page's date always has one)."""
        return (
            (
                all(self.rules.labels.get(label) == "date" for label, _ in pairs)
                and not any(_PUBLISHED_LABEL.search(simplified(label)) for label, _ in pairs)
                and all(_TIME_WORD.search(value) for _, value in pairs)
                and not any(_YEAR.search(value) for _, value in pairs)
            )
            or any(
                self.rules.labels.get(label) == "date" and _DATE_GOES_ON.search(value)
                for label, value in pairs
            )
            or self.event_fields(pairs)
        )

    def event_fields(self, pairs: list[tuple[str, str]]) -> bool:
        """Whether date pairs (none a publication's) stand over an event's fields (日期：… /
        時間：上午8:00至下午4:00 / 地點：本校操場): the event's date, the text's own."""
        if not all(self.rules.labels.get(label) == "date" for label, _ in pairs) or any(
            _PUBLISHED_LABEL.search(simplified(label)) or "公告" in label for label, _ in pairs
        ):
            return False
        below = _ITEM_MARKS.sub("", simplified(self.below).lstrip("> "))
        return bool(_EVENT_FIELD.match(below))

    def in_meta_box(self, number: int, pairs: list[tuple[str, str]]) -> bool:
        """Whether a line of one "label：value" pair stands in a box of such lines (a post's
        本文标题： / 本文作者： / 发布时间： under the text): the line above was one, or the line
        under it is (a 时间：or 日期： line only under another: alone, or over the text's 地点：
        line, it may be the text's, 时间：上午9时)."""
        above = (
            bool(self.removed)
            and self.removed[-1].line == self.previous_number
            and self.rules_by_id.get(self.removed[-1].rule, None) is not None
            and self.rules_by_id[self.removed[-1].rule].action == "meta-line"
        )
        if above:
            return True
        if all(self.rules.labels.get(label) == "date" for label, _ in pairs):
            return False
        below = _ITEM_MARKS.sub("", self.below.lstrip("> "))
        return (
            bool(_MAY_PAIR.search(below)) and parse_meta_line(below, self.rules.labels) is not None
        )

    def title(self, title: str, note: bool = True) -> str:
        """A title from the page's metadata, through the title rules (note: record what they
        remove; a title candidate that may not be chosen is cleaned without a record). A line
        far longer than any title is no title: the rules are not tried on it (their patterns
        look for a suffix, which on a long line costs a scan from every separator)."""
        if len(title) > TITLE_RULES_MAX_CHARS:
            return title
        annotations = True  # the strip rules before the withheld ones: pinyin glosses (建設(shè)
        for rule in self.rules.rules:  # 的意見), markup as text; a title has none of them
            annotations = annotations and rule.action != "withheld"
            if rule.action == "strip" and (
                rule.where == "title" or (annotations and rule.where == "anywhere")
            ):
                key = simplified(title)
                matches = rule.regex.finditer(key) if rule.may_match(key) else ()
                for match in reversed(list(matches)):
                    if note:
                        self.note(rule, 0, title[match.start() : match.end()])
                    title = title[: match.start()] + title[match.end() :]
                title = title.strip(INDENT)
        return title


def _author_line(
    kept: list[str], numbers: dict[str, int], removed: list[Removal]
) -> tuple[list[str], str]:
    """A person's name alone on a line at the top, right above the text's first paragraph
    (朱建華 / 新聞是明天的歷史。…, a paper's 李开升 under its title): the author's byline."""
    for index, line in enumerate(kept[:AUTHOR_LINE_SEARCH]):
        below = kept[index + 1] if index + 1 < len(kept) else ""
        name = name_alone(line)
        handle = index == 1 and bool(below) and bool(_FIGURED_HANDLE.fullmatch(line.strip()))
        labelled = "" if name else _labelled_name(line)
        above = kept[index - 1] if index else ""
        if labelled and (_RECORD_FIELD.match(below) or _RECORD_FIELD.match(above)):
            return kept, labelled  # 作者 黃蓮瑛 among a record's fields: the record's line
        if (name and is_prose(below)) or handle or labelled:
            removed.append(Removal(SIGNAL_AUTHOR_LINE, numbers.get(line, 0), line))
            return kept[:index] + kept[index + 1 :], name or labelled or line.strip()
    return kept, ""


# A byline's label and a name after a space, without a colon (作者 黃蓮瑛, a record's field).
_LABEL_SPACE_NAME = re.compile(r"(?:作者|撰文|撰稿|记者|研究生)[ \u3000]+(?P<name>\S{2,20})")


# A record's field: a short label, a space, its value (貢獻者 樓永堅, 關鍵詞 行銷).
_RECORD_FIELD = re.compile(r"[\u3400-\u9fff]{2,4}[ \u3000]+\S")


def _labelled_name(line: str) -> str:
    """The name of a line that is an author's label, a space and a name (作者 黃蓮瑛), else ""."""
    found = _LABEL_SPACE_NAME.fullmatch(simplified(line.strip()))
    if not found:
        return ""
    word = found.group("name")
    named = _person_name(line.strip(), word) or _HANDLE.fullmatch(word)
    return line.strip()[found.start("name") :] if named else ""


# The marks a page sets a name off with (- 卢昌海 -, ☉張國財, · 王五 ·).
_NAME_SET_OFF = re.compile(r"^[\s\-–—·•☉◎●○■□★☆▲△◆◇]+|[\s\-–—·•☉◎●○■□★☆▲△◆◇]+$")


def name_alone(line: str) -> str:
    """A person's name alone on a line, set off by marks or not (- 卢昌海 -, ☉張國財), or a few
    names joined by 、 (朱进博文、曹咏、谢刚炬: the authors of a paper): the names, else ""."""
    name = _NAME_SET_OFF.sub("", line.strip())
    if _name_line().fullmatch(name):
        return name
    names = name.split("、")
    return name if 2 <= len(names) <= NAMES_MAX and all(map(_names_name, names)) else ""


NAMES_MAX = 6  # a paper's authors joined by 、 on one line


def _names_name(word: str) -> bool:
    """A person's name among others: a surname and one to three characters."""
    key = simplified(word)
    return bool(_name_line().match(key)) and 2 <= len(key) <= 4 and not _BODY_END.search(key)


def _name_over_byline(cleaner: _Cleaner, numbers: dict[str, int]) -> tuple[list[str], str]:
    """A name alone between the headline and the byline a rule or its shape took (# 标题 /
    奇安信病毒响应中心 / 2023-11-24, # 2024 年末回顧 / Shaform / 2024-12-30, 绮曜 作者 over its
    date): the post's author, as a blog theme or a portal prints it; the line goes to front
    matter and the headline is the line the byline stood under."""
    kept = cleaner.kept
    for position, above_byline in enumerate(cleaner.byline_after):
        index = next(
            (i for i, line in enumerate(kept[:NAME_OVER_BYLINE_LINES]) if line == above_byline),
            None,
        )
        if not index:
            continue  # the first line is the headline itself, never its author
        name = _BYLINE_NAME.fullmatch(markup.unwrap(above_byline)[1].strip())
        if (
            not name
            or is_chrome(name.group("name"))
            or _NOT_A_NAME.search(name.group("name"))
            or not (
                name.group("labelled")
                or name.group("after")
                or _HANDLE.fullmatch(name.group("name"))
                or _name_line().fullmatch(name.group("name"))
            )
        ):
            continue  # a title's words (公司文书管理工作制度), a subtitle's, a column's
        cleaner.removed.append(
            Removal(SIGNAL_NAME_OVER_BYLINE, numbers.get(above_byline, 0), above_byline)
        )
        cleaner.byline_after[position] = kept[index - 1]
        return kept[:index] + kept[index + 1 :], name.group("name")
    return kept, ""


# An outlet's or a body's name ends with what it is (某某日报, 某某网, 某某中心): no person's.
_BODY_END = re.compile(
    r"(?:[报報网網社台站刊号號局厅廳部委办辦院所校会會馆館团團队隊司厂廠店]|频道|頻道|中心|平台|杂志|雜誌)$"
)
# A verb of publishing a theme prints before the date (刊登於 2017-03-22, 更新于): no name.
_PUBLISHED_VERB = re.compile(r"^.{0,4}[于於]$")


AFFILIATION_MIN_CHARS = 6  # 某某公司董事长、某某集团前副总裁: a post or a body, no name


def _name_of_credit(value: str) -> str:
    """A byline's author less the posts and bodies around the name (北京某某公司董事长、某某
    集团前副总裁 陈九霖 -> 陈九霖; 毛慶禎 輔仁大學圖書資訊學系 -> 毛慶禎): a person's name by
    its surname at one end, the other end a long run without a name in it. Names side by
    side (熊家余 谢慧敏) stay as they are."""
    value = _OTHER_CREDIT.sub("", value)
    words = value.split()
    if len(words) < 2:
        return value
    for name, rest in ((words[-1], words[:-1]), (words[0], words[1:])):
        if (
            _name_line().fullmatch(simplified(name))
            and not _BODY_END.search(simplified(name))
            and len("".join(rest)) >= AFFILIATION_MIN_CHARS
            and not any(_name_line().fullmatch(simplified(word)) for word in rest)
        ):
            return name
    return value


_WEEKDAY = re.compile(r"(?:星期|周|礼拜)[一二三四五六日天]")


# A reporter's credit before a byline's date (記者張曉明／台北報導, 记者 张晓明).
_REPORTER = re.compile(
    r"记者\s*(?P<name>[\u3400-\u9fff]{2,3})\s*(?:[／/]\s*\S{2,8}(?:报导|报道|电))?"
)
# A second credit run on after the author's name (张晓明 通讯员 李明, 张晓明 摄): not the author's.
_OTHER_CREDIT = re.compile(
    r"\s+(?:通讯员|通訊員|实习生|實習生|见习记者|見習記者|摄影|攝影|摄|攝|编辑|編輯|责编|責編)(?:\s.*)?$"
)


BYLINE_CREDITS_MAX = 2  # words of a byline read as its credits (某某报 记者某某／台北报导)


def _byline_credits(text: str) -> tuple[list[str], list[str]]:
    """The author's and the source's names a byline by its shape gives besides its date, time
    and counters, as written: each word a person's name (张晓明, thought1688), a reporter's
    credit (记者张晓明／台北报导) or an outlet's or a body's name (某某日报); nothing when a
    word is none of these."""
    key = simplified(text)
    words = byline_words(key)
    names: list[str] = []
    sources: list[str] = []
    if not words or len(words) > BYLINE_CREDITS_MAX:
        return [], []
    for word in words:
        at = key.find(word)
        written = text[at : at + len(word)] if at >= 0 else word
        reporter = _REPORTER.fullmatch(word)
        if reporter and _name_line().fullmatch(reporter.group("name")):
            names.append(written[reporter.start("name") : reporter.end("name")])
        elif name := _person_name(written, word):
            names.append(name)
        elif _BODY_END.search(word) and _HAN_CHAR.search(word):
            sources.append(written)
        else:
            return [], []
    return names, sources


def _published_pair(pairs: list[tuple[str, str]]) -> bool:
    """Whether a byline's pairs date the page's publication (发布时间：…, 发稿日期：…)."""
    return any(
        _PUBLICATION_LABEL.search(key) and "更新" not in key
        for key in (simplified(label) for label, _ in pairs)
    )


def _updated_pair(pairs: list[tuple[str, str]]) -> bool:
    """Whether a byline's pairs date the page's last update only (最后更新日期：…)."""
    return any("更新" in simplified(label) for label, _ in pairs) and not _published_pair(pairs)


def _source_or_person(value: str) -> tuple[str, str]:
    """The key a name a rule's pattern read before (or after) a byline's date goes to: a
    person's name (张晓明 2023-05-12 09:30; 毛慶禎 輔仁大學圖書資訊學系 2003: the name before
    the affiliation) is the author, an outlet's the source; a verb of publishing (刊登於) is
    neither."""
    if _PUBLISHED_VERB.match(value.strip()):
        return "", ""
    reporter = _REPORTER.fullmatch(simplified(value.strip()))
    if reporter and _name_line().fullmatch(reporter.group("name")):
        at = reporter.start("name")  # 記者張曉明／台北報導 2023-05-12: the reporter
        return "author", value.strip()[at : reporter.end("name")]
    first = value.split()[0] if value.split() else ""
    if _name_line().fullmatch(first) and not _BODY_END.search(first):
        return "author", first
    return "source", value


# A handle of letters and figures (thought1688, breadlover88): a user's, never a word.
_FIGURED_HANDLE = re.compile(r"(?=[^\d]*\d)(?=(?:[^a-z]*[a-z]){3})[A-Za-z][A-Za-z0-9_.\-]{3,19}")


def _person_name(written: str, word: str) -> str:
    """The word (in simplified script) as written when it is a person's name by its shape: a
    Chinese name by its surname, no outlet's or body's (某某报, 某某中心), or a handle of
    letters and figures; else ""."""
    if _FIGURED_HANDLE.fullmatch(word):
        return word
    if not _name_line().fullmatch(word) or _BODY_END.search(word) or _NOT_A_NAME.search(word):
        return ""
    at = simplified(written).find(word)
    return written[at : at + len(word)] if at >= 0 else word


@cache
def _name_line() -> re.Pattern:
    from .structure_data import structure_rules

    surnames = structure_rules()["plain"]["spaced_name_surnames"]  # 王李张張刘劉…
    return re.compile(rf"[{surnames}][\u3400-\u9fff]{{1,2}}")


def _intro_named(cleaner: _Cleaner, named: str) -> str:
    """The name a site's intro gives, less a bracketed decoration the title rules take off
    ((通用6篇)); a count in the running words (…模板5篇) is the name's."""
    return cleaner.title(named, note=False) if named.endswith(_CLOSING) else named


_CLOSING = (")", "）", "】", "]")


def unannotated(key: str, rules: RuleSet) -> str:
    """The line (in simplified script) as the strip rules that come before the withheld rules
    leave it: without pinyin glosses, footnote debris, markup as text (已閱讀3頁(yè),還剩6頁(yè)
    未讀 is a withheld notice wherever it stands, in the page's head too)."""
    for rule in rules.rules:
        if rule.action == "withheld":
            break
        if rule.action == "strip" and rule.where == "anywhere" and rule.may_match(key):
            key = rule.regex.sub("", key).strip(INDENT)
    return key


def unannotated_written(text: str, rules: RuleSet) -> str:
    """The text as written less what the strip rules before the withheld rules take off
    (pinyin glosses, footnote debris, markup as text), matched in simplified script."""
    for rule in rules.rules:
        if rule.action == "withheld":
            break
        if rule.action == "strip" and rule.where == "anywhere":
            key = simplified(text)
            if rule.may_match(key):
                for match in reversed(list(rule.regex.finditer(key))):
                    text = text[: match.start()] + text[match.end() :]
                text = text.strip(INDENT)
    return text


def takes_whole(rule: Rule, key: str) -> bool:
    """Whether a whole-line rule takes the line (in simplified script) whole: its pattern
    matches it and the prose guard does not spare it (prose_guard.py)."""
    return bool(
        rule.may_match(key)
        and rule.regex.fullmatch(key)
        and (rule.names_line or not spares(rule.regex, key))
    )


def _is_withheld_notice(line: str, rules: list[Rule], ruleset: RuleSet) -> bool:
    key = unannotated(markup.unwrap(simplified(line))[1], ruleset)
    return any(r.may_match(key) and r.regex.search(key) for r in rules)


def _announces(kept: list[str]) -> bool:
    """Whether the last line kept is the text's line announcing what follows: it ends with a
    colon and has words of its own (末法存真眾籌頁面:, 详细规则可以参看…的讲解视频:), or names an
    address (项目地址：, 请求地址:); links under it one after another are announced by it too."""
    above = len(kept)
    while above and markup.BARE_LINK.fullmatch(markup.unwrap(kept[above - 1])[1].strip()):
        above -= 1  # a list of links under one announcing line (请求地址: / url / url)
    if not above:
        return False
    last = markup.unwrap(kept[above - 1])[1].rstrip()
    return last.endswith((":", "：")) and (
        len(_HAN_CHAR.findall(last)) >= ANNOUNCING_HAN_CHARS or bool(_ADDRESS_LABEL.fullmatch(last))
    )


def _attachments_above(kept: list[str]) -> bool:
    """Whether the lines kept last are a notice's list of attachments: its label (附件：), then
    the numbered file names under it (附件:1.…须知.doc / 2.…计划表.doc)."""
    files = len(kept)
    while files and ATTACHMENT_NEXT.match(markup.unwrap(kept[files - 1])[1].lstrip()):
        files -= 1
    return bool(files) and bool(_ATTACHMENTS.match(kept[files - 1]))


# An attachments' list: its label, then its numbered file names (附件:1.…计划表.doc / 2.….doc).
_ATTACHMENTS = re.compile(r"\s*[（(]?附件\s*[\d一二三四五六七八九十]*\s*[)）]?\s*(?:下载)?\s*[:：]")
# A link alone on its line; a short label of an address over one (项目地址：, 请求地址:, 官网：).
_ADDRESS_LABEL = re.compile(
    r".{0,12}?(?:地址|链接|网址|官网|主页|仓库|源码|下载|(?i:url|link|github|homepage))\s*[:：]"
)


_HAN_CHAR = re.compile(r"[\u3400-\u9fff]")
# A numbered item's head: 1.「…」, 2、…, 一、…, （三）…
_NUMBERED_ITEM = re.compile(
    r"(?:\d{1,2}\s*[.、．)）]|[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)])\s*\S"
)
_TIME_WORD = re.compile(r"\d|[一二三四五六七八九十]月|[上中下]午|晚上|早上|周[一二三四五六日]|星期")
# A label of the date a page was published or issued (公(發)布日期, 发布时间, 发文日期).
_PUBLISHED_LABEL = re.compile(r"[发公]\W?(?:发\W?)?布|发文|成文|刊登|出版|更新")
# A year in a date's value (2024-05-20, 2024年, 二〇二四年, 24/05/20, 民國102年, 113.05.20: the
# Republic's years).
_YEAR = re.compile(
    r"(?<!\d)(?:19|20)\d{2}(?!\d)|民[国國]\s*\d{1,3}\s*年|\d{2,3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}"
    r"|[〇○零一二三四五六七八九]{4}\s*年"
)
# A date whose words go on as the text's, not a page's posting time: a span (113年5月8日至5月20日,
# 2023年5月20日起), a time of day in words (2023年5月20日上午9时, (一)上午8時至12時), a sentence
# after it (112年5月15日起於本校網站公告). A posting line gives its time in figures (下午4:01).
_DATE_GOES_ON = re.compile(
    r"(?:(?<!\d)(?:19|20)?\d{2,4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"\s*(?:[(（][一二三四五六日天][)）]|(?:星期|周|週|礼拜|禮拜)[一二三四五六日天])?\s*"
    r"(?:至|到|起|止|前|以前|之前|[～~]|[上中下]午(?!\s*\d{1,2}\s*[:：]\d{2})|早上|晚上|凌晨|傍晚|[上下]课"
    r"|(?<=[日\d])(?!发布|发表|更新|星期|周|礼拜)[\u3400-\u9fff]{2})"  # 112年5月20日更正報名表格式
)
# An event's field under its date (時間：上午8:00, 地點：本校操場, 对象：全体居民).
_EVENT_FIELD = re.compile(
    r"(?:[一二三四五六七八九十\d]{1,2}\s*[、.．]\s*)?(?:活动|会议)?"
    r"(?:时间|地点|地址|场地|对象|主题|内容|形式|方式|主办|承办|协办|报名|费用|人数)\s*[:：]"
)
ANNOUNCING_HAN_CHARS = limit("page", "announcing_han_chars")


# A date alone on its line, without a time or a name (2012-3-5, 2021年3月5日).
_BARE_DATE = re.compile(r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*")


def _dated_title(match: re.Match) -> bool:
    """A match of a dated byline whose source part may be a title: a date and text before it."""
    names = match.re.groupindex
    return bool(
        "source" in names
        and "date" in names
        and match.group("source")
        and match.group("date")
        and not _WEEKDAY.fullmatch(match.group("source").strip())  # 2025年3月7日 星期五: a clock
    )


_CRUMB = re.compile(r"[>›»]")


def clean(doc: Document, rules: RuleSet) -> Document:
    """Remove cruft from doc.text; record removals; put metadata found into doc.meta."""
    meta = dict(doc.meta)
    cleaner = _Cleaner(rules, meta, doc.evidence.link_lines)
    text = doc.text
    text, skipped = cleaner.front_matter(text)
    first_line = 1 + skipped
    if doc.kind in {"text", "html"}:  # a page saved as Markdown (or its lines over its HTML)
        cleaner.evidence["site_names"] = home_names(text)
        cleaner.card_heads = frozenset(card_heads(text))
        text, markdown_link_lines, pictures = plain_links(text)
        cleaner.link_lines = (*cleaner.link_lines, *markdown_link_lines)
        cleaner.removed.extend(
            Removal(SIGNAL_MARKDOWN_PICTURE, first_line + index, picture)
            for index, picture in pictures
        )
    crumbs = breadcrumb_columns([line for line in text.split("\n") if _CRUMB.search(line)])
    if crumbs:  # the site's columns its breadcrumb names are its words, never a title
        cleaner.evidence["site_names"] = (*cleaner.evidence.get("site_names", ()), *crumbs)
    if meta.get("title"):
        meta["title"] = normalize_line(cleaner.title(meta["title"]).strip(INDENT))

    lines, jammed = jammer(markup.framed_tables(text.split("\n")), first_line)
    cleaner.removed.extend(jammed)
    # A line of prose set out letter by letter (政 府 新 闻 处 担 任 …) is read closed up.
    lines = [closed_up(line.strip(INDENT), prose=True) for line in lines]
    numbered = join_hard_wrapped([(n, line) for n, line in enumerate(lines, first_line)])
    numbered = [(n, line) for n, line in numbered if line]
    code = web_code([line for _, line in numbered])
    cleaner.removed.extend(Removal(SIGNAL_WEB_CODE, numbered[i][0], numbered[i][1]) for i in code)
    numbered = [item for i, item in enumerate(numbered) if i not in code]
    numbered = _label_over_value(numbered, rules.labels)

    withheld = [r for r in rules.rules if r.action == "withheld"]

    def neutral(line: str) -> bool:
        """Neither prose nor chrome: metadata lines, withheld notices, and lines a rule drops
        whole (so that the article starts where it does once they are gone, too)."""
        key = markup.unwrap(simplified(line))[1]
        return bool(
            WITHHELD_MARK_RE.match(line)  # the mark a first cleaning left
            or (len(key) <= WHOLE_LINE_MAX_CHARS and cleaner.dropped_whole(key))
            or _is_withheld_notice(line, withheld, rules)
            or (_MAY_PAIR.search(key) and parse_meta_line(key, rules.labels) is not None)
        )

    texts = [line for _, line in numbered]
    table = {texts[index] for index in markup.table_rows(texts)}  # a table's rows are data
    start = article_start(texts, lambda line: line in table or neutral(line))
    cleaner.topic = page_topic(texts)
    cleaner.first_number = numbered[0][0] if numbered else first_line
    head, body = numbered[:start], numbered[start:]
    notice = next(
        (i for i in range(start - 1, -1, -1) if _is_withheld_notice(texts[i], withheld, rules)),
        None,
    )
    if notice is not None:
        # A preview's notice in the head (加載中.... (立即查看全文)): the document's preview
        # is what follows it, so below it only chrome is the page's.
        below = numbered[notice + 1 : start]
        head = numbered[: notice + 1] + [item for item in below if is_chrome(item[1])]
        body = [item for item in below if not is_chrome(item[1])] + body
    sentences = head_sentences(texts, start, lambda line: line in table or neutral(line))
    guarded = [  # the author's sentence a site phrase opens (prose_guard.py)
        i
        for i in range(start)
        if i not in sentences and spares_head_line(texts[i]) and not neutral(texts[i])
    ]
    cleaner.spared.extend(
        f"line {numbered[i][0]:>4}  {SIGNAL_PAGE_HEAD}: {texts[i]}" for i in guarded
    )
    kept_above = [numbered[i] for i in sorted({*sentences, *guarded}) if numbered[i] in head]
    if kept_above:  # the author's sentences between the site's lines above the article
        head = [item for item in head if item not in kept_above]
        body = kept_above + body
    cleaner.page_head(head, body[0][1] if body else "")
    if start == 0 and numbered:
        cleaner.page_top = numbered[0][0]
    cleaner.run(body)
    cleaner.tail_bylines({text: number for number, text in body})
    cleaner.merge_page_head()
    if cleaner.byline_dates and not cleaner.evidence.get("dates"):
        cleaner.evidence["dates"] = tuple(cleaner.byline_dates)
    if meta.get("title") and meta["title"] != doc.meta.get("title"):  # found by a rule here
        meta["title"] = normalize_line(cleaner.title(meta["title"]).strip(INDENT))
    if cleaner.feed_date:  # a date line of the post's own near its top wins over the feed's
        own = [
            full_date(line)
            for line in cleaner.kept[:HEAD_LINES]
            if len(line) <= DATED_LINE_MAX_CHARS and full_date(line)
        ]
        own += list(cleaner.evidence.get("dates", ()))
        if own and own[0] != full_date(str(meta.get("date", ""))):
            meta["date"] = own[0]
    named = next(
        (
            title
            for removal in cleaner.removed
            if removal.rule != SIGNAL_PAGE_HEAD and (title := intro_title(removal.text))
        ),
        "",
    )
    if named:  # the collection a site's intro names (以下是…为您推荐的X，供大家参考)
        cleaner.evidence["title_candidates"] = (
            *cleaner.evidence.get("title_candidates", ()),
            (normalize_line(_intro_named(cleaner, named)), False, MARK_INTRO_NAMED),
        )
    if cleaner.top_file_names:
        cleaner.evidence["title_candidates"] = (
            *cleaner.evidence.get("title_candidates", ()),
            *(
                (normalize_line(cleaner.title(stem, note=False)), False, MARK_FILE_NAME_TOP)
                for stem in cleaner.top_file_names
            ),
        )
    if cleaner.head_withheld is not None:
        count = cleaner.head_withheld
        cleaner.withheld += count
        cleaner.kept.append(
            WITHHELD_MARK.format(count=f"{count:,}") if count else WITHHELD_MARK_UNKNOWN
        )

    numbers = {text: number for number, text in numbered}
    cleaner.kept, removed = repeated_copy(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    top = cleaner.kept[:1]
    cleaner.kept, removed = site_preview(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    if top and [removal.text for removal in removed] == top and headline_over_opening(top[0]):
        cleaner.evidence["title_candidates"] = (  # the headline the opening says again
            *cleaner.evidence.get("title_candidates", ()),
            (normalize_line(cleaner.title(top[0], note=False)), False, MARK_OVER_OPENING),
        )
    cleaner.kept, removed, reposted = poster_preface(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    if reposted:  # the reposted document's title, right under the poster's note
        cleaner.evidence["title_candidates"] = (
            *cleaner.evidence.get("title_candidates", ()),
            (normalize_line(cleaner.title(reposted, note=False)), False, MARK_UNDER_PREFACE),
        )
    cleaner.kept, removed = machine_summary(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    cleaner.kept, removed = seo_headlines(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    cleaner.kept, removed = glued_tags(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    cleaner.kept, removed = contents_list(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    cleaner.kept, removed = collection_intro(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    cleaner.kept, removed = repeated_buttons(cleaner.kept, numbers)
    cleaner.removed.extend(removed)
    read = {
        removal.line
        for removal in cleaner.removed
        if removal.rule == SIGNAL_BYLINE_SHAPE
        or (
            (rule := cleaner.rules_by_id.get(removal.rule)) is not None
            and (
                rule.action == "meta-line"
                or (rule.pattern is not None and "date" in rule.pattern.groupindex)
            )
        )
    }
    order = [number for number, _ in numbered]
    dated = bool(meta.get("date"))
    cleaner.kept, removed = record_fields(cleaner.kept, numbers, order, read, dated)
    cleaner.removed.extend(removed)
    cleaner.kept = join_closing_marks(cleaner.kept)
    if "author" not in meta and cleaner.head_author:
        meta["author"] = cleaner.head_author
    if "author" not in meta:
        cleaner.kept, author = _author_line(cleaner.kept, numbers, cleaner.removed)
        if author:
            meta["author"] = author
    if "author" not in meta:
        cleaner.kept, author = _name_over_byline(cleaner, numbers)
        if author:
            meta["author"] = author
    if "author" not in meta and cleaner.byline_names:
        meta["author"] = cleaner.byline_names[0]
    if "source" not in meta and cleaner.byline_sources:
        meta["source"] = cleaner.byline_sources[0]
    # The text measured for a hard wrap again without the site's lines, which the first
    # measure counted in (a viewer's page whose chrome hid the wrap): as a second cleaning does.
    cleaner.kept = [line for _, line in join_hard_wrapped(list(enumerate(cleaner.kept)))]
    kept = [
        line if WITHHELD_MARK_RE.match(line) else normalize_line(closed_up(line))
        for line in cleaner.kept
    ]
    if not any(not WITHHELD_MARK_RE.match(line) for line in kept):
        raise DocumentError("no text left after cleaning")
    _refuse_listing_pages(cleaner.kept)  # as written: normalizing makes ...... a ……
    kept, removed = line_model.prune(
        kept,
        cleaner.kept,
        numbers,
        meta.get("title", ""),
        neutral,
        read=lambda line: _read_above_text(line, rules.labels),
        reading=lambda lines, again: _read_again(lines, doc, rules, again),
    )
    cleaner.removed.extend(removed)
    forms = {}  # the title rules' form of the lines a title may be chosen from
    for line in kept[:TITLE_FORM_LINES]:
        text = markup.unwrap(line)[1]
        form = normalize_line(cleaner.title(text, note=False))
        if form and form != text:
            forms[text] = form
    evidence = replace(
        doc.evidence,
        **cleaner.evidence,
        title_forms=forms,
        byline_after=tuple(normalize_line(line) for line in cleaner.byline_after),
        spared=tuple(cleaner.spared),
    )
    for key in ("source", "author"):  # 新華網(wǎng): a value read off the line before its glosses
        if isinstance(meta.get(key), str) and ("(" in meta[key] or "（" in meta[key]):
            meta[key] = unannotated_written(meta[key], rules)
    if isinstance(meta.get("author"), str):
        meta["author"] = _name_of_credit(meta["author"])
    leading = _LEADING_SHORT_DATE.match(str(meta.get("date", "")))  # 113年5月10日 聯合報第A5版
    roc = minguo_short_date(
        leading.group(1) if leading else "", _traditional("".join(kept[:HEAD_LINES]))
    )
    if roc:  # 建檔日期:99-02-08, a Taiwanese site's date in the Republic's years
        meta["date"] = roc
    if cleaner.withheld:
        meta["withheld_chars"] = meta.get("withheld_chars", 0) + cleaner.withheld
    return doc.with_(
        text="\n".join(kept),
        meta=meta,
        removed=(*doc.removed, *cleaner.removed),
        evidence=evidence,
    )


# A date with the Republic's year opening a date's value, what follows it another field's.
_LEADING_SHORT_DATE = re.compile(
    r"\s*[(（\[【]?\s*(\d{2,3}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?)(?!\d)"
)
MINTEASERS, TEASER_SHARE = limit("clean", "min_teasers"), limit("clean", "teaser_share")
TEASER_MIN_CHARS = limit("clean", "teaser_min_chars")
WRAP_MIN_WIDTH = limit("clean", "wrap_min_width")
WHOLE_LINE_MAX_CHARS = limit("clean", "whole_line_max_chars")
LABEL_VALUE_MAX_CHARS = limit("clean", "label_value_max_chars")
NAME_LABEL_MAX_CHARS = 8  # 法規名稱, 發明創造名稱: a name's label is short
BARE_BYLINE_MAX_CHARS = 20  # a name or a date under a bare 作者 / 日期
NAME_ABOVE_MAX_CHARS = 20  # a forum poster's name above the floor's header line


def _label_over_value(
    numbered: list[tuple[int, str]], labels: dict[str, str]
) -> list[tuple[int, str]]:
    """A label of the front matter's (公(發)布日期：) or of a name (法規名稱：) alone on its line
    with its value on the next is one "label：value" line, as the rules and the title read it."""
    out: list[tuple[int, str]] = []
    skip = False
    for (number, line), (_, below) in zip(numbered, [*numbered[1:], (0, "")], strict=True):
        if skip:
            skip = False
            continue
        heading = markup.HEADING.match(line)  # ###### 作者 (a theme's box under the post)
        label = simplified(heading.group(2) if heading else line).rstrip(" :：")
        if (
            (labels.get(label) or (label.endswith("名称") and len(label) <= NAME_LABEL_MAX_CHARS))
            and (line.rstrip().endswith((":", "：")) or _bare_byline(labels.get(label), below))
            and below
            and not markup.HEADING.match(below)
            and len(below) <= LABEL_VALUE_MAX_CHARS
            and not _MAY_PAIR.search(simplified(below))
        ):
            colon = "" if line.rstrip().endswith((":", "：")) else "："
            out.append((number, f"{line.rstrip()}{colon}{below}"))
            skip = True
            continue
        out.append((number, line))
    return out


def _bare_byline(key: str | None, value: str) -> bool:
    """A byline's label without its colon over a name or a date (作者 / 莊傳慶), not a word
    over the text (标题 / 正文……。)."""
    return (
        key in {"author", "source", "date"}
        and len(value) <= BARE_BYLINE_MAX_CHARS
        and not any(mark in value for mark in "。！？，；,;!?")
    )


def join_hard_wrapped(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join lines that a hard wrap split; blank lines separate paragraphs.

    Only when the text is visibly hard-wrapped: blocks of several lines of about the same
    length. A line joins the next when it fills the wrap width and ends mid-sentence. The rows
    of a pipe table are data, never a wrapped paragraph: none is measured or joined.
    """
    table = {numbered[index][0] for index in markup.table_rows([line for _, line in numbered])}
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in numbered:
        if number in table:  # a block of its own: one line, neither measured nor joined
            blocks.extend([[(number, line)], []])
        elif line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    width = _wrap_width(blocks)
    if width is None:
        return [item for block in blocks for item in block]
    joined: list[tuple[int, str]] = []
    for block in blocks:
        for index, (number, line) in enumerate(block):
            previous = block[index - 1][1] if index else ""
            if (
                index
                and len(previous) >= width - 2
                and not previous.endswith(SENTENCE_END)
                and CLAUSE_PUNCTUATION.search(previous)
                and not WITHHELD_MARK_RE.match(line)
                and not markup.unwrap(line)[0]  # a heading or a bold line is no wrapped piece
                and not _ITEM_START.match(line)  # nor a list's item or a numbered part
                and not _dated_fields(previous)  # a byline (發布日期:… 瀏覽次數:…) ends no sentence
            ):
                joined[-1] = (joined[-1][0], joined[-1][1] + line)
            else:
                joined.append((number, line))
    return joined


def _dated_fields(line: str) -> bool:
    """A line of fields with a full date and no clause of a sentence (發布日期:2005-06-09
    瀏覽次數:1907): a byline that fills the wrap width, never a wrapped paragraph's piece."""
    return bool(full_date(line)) and not _SENTENCE_CLAUSE.search(line)


_SENTENCE_CLAUSE = re.compile(r"[，,。；;、！？!?]")
# The start of a list's item or of a numbered part (- …, 1. …, 一、…, （二）…, 第三条 …).
_ITEM_START = re.compile(
    r"^(?:[-*+•·]\s|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]"
    r"|第[一二三四五六七八九十百\d]{1,4}[章节条款])"
)


def _wrap_width(blocks: list[list[tuple[int, str]]]) -> int | None:
    """The width the blocks' lines are wrapped at, or None when they do not look wrapped."""
    multi = [block for block in blocks if len(block) > 1]
    if not multi or sum(len(b) for b in multi) < 3:
        return None
    lengths = sorted(len(line) for block in multi for _, line in block[:-1])
    if not lengths:
        return None
    width = lengths[len(lengths) // 2]  # the median of non-final lines
    similar = sum(abs(n - width) <= 2 for n in lengths)
    if width < WRAP_MIN_WIDTH or len(lengths) < 4 or similar < 0.7 * len(lengths):
        return None
    return width


LINK_MAX_CHARS = limit("clean", "link_max_chars")
LINK_RUN_MIN = limit("clean", "link_run_min")
BOX_LABEL_MAX_CHARS = limit("clean", "box_label_max_chars")
# How a title candidate of the page head is marked (titles.py scores each).
MARK_FILE_NAME = "file name"  # a document site's file name line (…课件.ppt)
MARK_FILE_NAME_TOP = "file name above the text"
MARK_UNDER_PREFACE = "under a poster's note"  # the reposted document's title
MARK_OVER_OPENING = "the text's first line, its opening's words"  # site_preview took it
MARK_PAGE_FIRST = "the page's first line"  # a headline above the site's chrome
MARK_PAGE_FIRST_DATED = "the page's first line, with its date"  # 今日新聞 2025-10-25
MARK_INTRO_NAMED = "named by the site's intro"  # 以下是…为您推荐的X，供大家参考
MARK_BOARD_TAG = "board tag"  # a forum's tags before a thread's title ([转贴], [多图])
_BOARD_TAG = re.compile(r"^\s*[\[【［][^\]】］]{1,8}[\]】］]")
# A bullet's mark before a line of the page's head.
_BULLET_MARK = re.compile(r"^\s*[•·●▪◦*-]\s+(?=\S)")


def _lone_bullet(numbered: list[tuple[int, str]], position: int) -> str:
    """A line of the page's head less its bullet when no line beside it is a bullet and its
    words stand nowhere else in the head: a blog's tag page lists its one post's title so
    under the tag's name (society / • 林行止論…), where a menu's bullets come in runs and a
    column's or a link's (• 公司公告 over 公司公告, • 回目錄頁 twice) recur: chrome."""
    line = numbered[position][1]
    mark = _BULLET_MARK.match(line)
    if mark is None or any(
        _BULLET_MARK.match(numbered[at][1])
        for at in (position - 1, position + 1)
        if 0 <= at < len(numbered)
    ):
        return line
    words = line[mark.end() :].strip()
    if any(
        at != position and _BULLET_MARK.sub("", other).strip() == words
        for at, (_, other) in enumerate(numbered)
    ):
        return line
    return words


BLOCK_LINE_CHARS = limit("title", "block_line_chars")
BLOCK_RUN = limit("title", "block_run")


def _short_line_blocks(texts: list[str]) -> set[int]:
    """Positions of lines in runs of BLOCK_RUN or more very short lines without punctuation: a
    profile block's labels and numbers (威望 / 3259 / 金钱 / 版主) or a menu, never a title."""
    found: set[int] = set()
    run: list[int] = []
    for position, text in enumerate([*texts, "。" * (BLOCK_LINE_CHARS + 1)]):
        if len(text) <= BLOCK_LINE_CHARS and not CLAUSE_PUNCTUATION.search(text):
            run.append(position)
            continue
        if len(run) >= BLOCK_RUN:
            found.update(run)
        run = []
    return found


# Removals by a signal of the page (not a rule's pattern): named in --explain like rules.
SIGNAL_LINK_BLOCK = "link-block"
SIGNAL_POST_CARDS = "post-cards"  # cards of other posts under the text (_post_cards)
SIGNAL_PAGE_HEAD = "page-head"  # the page's chrome above the article (page.py)
TITLE_RULES_MAX_CHARS = limit("clean", "title_rules_max_chars")
SIGNAL_MARKDOWN_PICTURE = "markdown-picture"  # a picture of a page saved as Markdown
SIGNAL_SITE_ABSTRACT = "site-abstract"  # the page's title run on into the text, cut off
SIGNAL_WEB_CODE = "web-code"  # the page's script or style saved as text (web_code.py)
SIGNAL_AUTHOR_LINE = "author-line"  # a person's name alone above the text: front matter
SIGNAL_BYLINE_SHAPE = "byline-shape"  # a date with a time or counters above the text (bylines.py)
BYLINE_SEARCH_LINES = 2 * HEAD_LINES  # kept lines a byline by its shape is looked for under
AUTHOR_LINE_SEARCH = 5  # lines from the top a name alone is a byline in
SIGNAL_NAME_OVER_BYLINE = "name-over-byline"  # a name between the headline and its byline
NAME_OVER_BYLINE_LINES = 4  # kept lines from the top such a name stands in
# A name as a byline prints it: a person's or a team's in Chinese, a handle in letters, perhaps
# labelled (作者：, … 作者).
_BYLINE_NAME = re.compile(
    r"(?P<labelled>作者\s*[:：]?\s*(?=\S))?(?P<name>[\u3400-\u9fff·]{2,12}|[A-Za-z][A-Za-z0-9_.\-]{1,19})"
    r"(?(labelled)|(?P<after>\s*作者)?)"
)
# A handle in letters and figures (Shaform, thought1688): a person's, as a blog prints it; a
# Chinese name (a person's, by its surname) or a labelled one stands as well.
_HANDLE = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{1,19}")
# Words a theme prints where a name could stand: a post's marks and kinds, not a person.
_NOT_A_NAME = re.compile(
    r"原创|转载|翻译|置顶|精华|推荐|热门|最新|公告|通知|正文|摘要|前言|目录|简介"
    r"|(?i:^(?:logo|icon|image|img|banner|avatar|photo|picture|pic|qrcode)$)"  # a picture's alt
)
ABSTRACT_TITLE_MIN_CHARS = limit("clean", "abstract_title_min_chars")
# Every signal a removal may be recorded under besides a rule's id (--explain names them).
SIGNALS = (
    line_model.SIGNAL_LINE_MODEL,
    SIGNAL_LINK_BLOCK,
    SIGNAL_POST_CARDS,
    SIGNAL_PAGE_HEAD,
    SIGNAL_MARKDOWN_PICTURE,
    SIGNAL_SITE_ABSTRACT,
    SIGNAL_AUTHOR_LINE,
    SIGNAL_NAME_OVER_BYLINE,
    SIGNAL_WEB_CODE,
    SIGNAL_BYLINE_SHAPE,
    *COPY_SIGNALS,
)
DATED_LINE_MAX_CHARS = limit("clean", "dated_line_max_chars")
TITLE_FORM_LINES = limit("title", "byline_search_lines")  # the lines a title is looked for in
_FULL_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?"
)


# A date in figures glued to a figure before it, told by the clock time after it
# (admin102025-03-14 18:05:53: a byline's user name and number run on).
_GLUED_DATE_TIME = re.compile(
    r"(?<=\d)((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?=\s*\d{1,2}:\d{2})"
)


# A date of the Republic of China's calendar (民國 102 年 08 月 13 日).
_MINGUO_DATE = re.compile(r"民[国國]\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _read_again(
    lines: list[str], doc: Document, rules: RuleSet, again: bool = True
) -> tuple[str, ...]:
    """What the structure stage makes of these kept lines, after a second cleaning (with the
    line model off) when again: the title (why it was chosen, less the line it stands on) and
    the headings; ("unsettled",) when the second cleaning removes more, () when either refuses
    the text. The line model may not change it: what a second cleaning would do, the first
    does. Without again the lines are structured as they are (the evidence of a cleaning
    aside: the same for the lines with and without the model's)."""
    from .structure import structure

    text = "\n".join(lines)
    with line_model.asked():
        try:
            cleaned = Document(doc.source, doc.name, text=text)
            if again:
                cleaned = clean(cleaned, rules)
                if cleaned.text != text:
                    return ("unsettled",)
            done = structure(cleaned)
        except DocumentError:
            return ()
    headings = [line for line in done.markdown.split("\n") if line.startswith("#")]
    why = next((line for line in done.explained if line.startswith("title:")), "")
    return (_LINE_NUMBER.sub("", why), *headings)


_LINE_NUMBER = re.compile(r"\bline \d+ ")  # where the title stands: it moves up as lines go


def _read_above_text(line: str, labels: dict[str, str]) -> bool:
    """A line above the text that a later stage reads: a byline's fields the rules read, a
    byline by its shape, or a short line with a full date (the document's date)."""
    key = simplified(line)
    return (
        parse_meta_line(key, labels, line) is not None
        or byline_shape(key)
        or (len(line) <= DATED_LINE_MAX_CHARS and bool(full_date(line)))
    )


def full_date(text: str) -> str:
    """The first full date in the text as YYYY-MM-DD, or ""."""
    for match in (*_FULL_DATE.finditer(text), *_GLUED_DATE_TIME.finditer(text)):
        year, month, day = (int(g) for g in match.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year}-{month:02d}-{day:02d}"
    minguo = _MINGUO_DATE.search(text) if "民" in text else None
    if minguo:
        year, month, day = (int(g) for g in minguo.groups())
        if 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year + MINGUO_YEARS}-{month:02d}-{day:02d}"
    if "年" in text and (written := chinese_numeral_date(text)):
        return written
    return english_date(text) if _LATIN_LETTER.search(text) else ""


_LATIN_LETTER = re.compile(r"[A-Za-z]")
TRADITIONAL_SHARE = 0.03  # of a text's Han characters that simplified script writes otherwise


def _traditional(text: str) -> bool:
    """Whether the text is written in traditional script (lenient: a page's head, where a few
    traditional names in a simplified head are enough to read its dates as the Republic's)."""
    return traditional_share(text) >= TRADITIONAL_SHARE


def _link_block(texts: list[str], link_lines: set[str]) -> set[int]:
    """Positions of lines in runs of LINK_RUN_MIN or more lines that the page made mostly of
    link text (navigation, related-article boxes, tag lists)."""
    found: set[int] = set()
    run: list[int] = []
    dates: set[int] = set()  # a link's date under it, in a run (a sidebar's recent posts)
    sources = False  # under a label of the text's sources (参考资料): its list, not the site's
    for position, text in enumerate([*texts, ""]):
        if text and text in link_lines and not markup.HEADING.match(text):
            if not sources:
                run.append(position)
            continue
        if run and run[-1] == position - 1 and run[-1] not in dates and _LINK_DATE.fullmatch(text):
            run.append(position)
            dates.add(position)
            continue
        if run and run[-1] == position - 1 and _RULE_LINE.fullmatch(text):
            run.append(position)  # a rule between two rows of a footer's links (---)
            dates.add(position)
            continue
        announced = bool(run) and run[0] > 0 and _announces_links(texts[run[0] - 1])
        if text and is_sources_label(markup.unwrap(text)[1].lstrip("> ")):
            sources = True
        elif markup.HEADING.match(text) or _is_paragraph(text):
            sources = False
        if len([p for p in run if p not in dates]) >= LINK_RUN_MIN and not announced:
            found.update(run)
            label = run[0] - 1  # the box's own label right above it (相关新闻, 热点排行)
            if label >= 0 and _is_box_label(texts[label]):
                found.add(label)
        run = []
    return found


def _post_cards(texts: list[str], heads: frozenset[str], tail_from: int) -> set[int]:
    """Positions of a run of CARD_RUN_MIN or more cards of other posts in the page's tail: a
    heading wholly a link to another page, with a few lines under it (its tag, source, date,
    at most one longer line: its teaser), the run the last of the page's prose (no paragraph
    under it: You May Also Enjoy under the post, not a digest's sections, which the text's own
    paragraphs follow or close). The box's label right above the run goes with it."""
    found: set[int] = set()
    position = 0
    while position < len(texts):
        if texts[position] not in heads or position < tail_from:
            position += 1
            continue
        run, cards, at = [], 0, position
        while at < len(texts) and texts[at] in heads:
            cards += 1
            run.append(at)
            at += 1
            under, teaser = 0, False
            while (
                at < len(texts)
                and under < CARD_MAX_LINES
                and texts[at] not in heads
                and not markup.HEADING.match(texts[at])
                and not (teaser and len(texts[at]) > CARD_FIELD_CHARS)
            ):
                teaser = teaser or len(texts[at]) > CARD_FIELD_CHARS
                run.append(at)  # the card's tag, source, date or teaser
                at += 1
                under += 1
        if cards >= CARD_RUN_MIN and not any(_is_paragraph(text) for text in texts[at:]):
            found.update(run)
            label = position - 1
            if (
                label >= 0
                and _is_box_label(texts[label])
                and not is_sources_label(markup.unwrap(texts[label])[1])
            ):
                found.add(label)
        position = at
    return found


CARD_RUN_MIN = 2
CARD_MAX_LINES = 4  # lines under a card's head
CARD_FIELD_CHARS = 40  # a card's tag, source or date is shorter; its teaser longer


_RULE_LINE = re.compile(r"\s*(?:[-*_=]\s*){3,}")  # a horizontal rule: ---, * * *, ___


# A date alone (with its time) under a link: a list of recent posts prints each one's date
# (2024-12-31 17:18) on the line under its title.
_LINK_DATE = re.compile(
    r"\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*"
)


def _announces_links(text: str) -> bool:
    """The text's own line announcing the links under it (访问Top3的文章：): it ends with a colon,
    has words of its own, and no word of a site's box (相关, 推荐, 热门, 更多, 链接…)."""
    line = markup.unwrap(text)[1].rstrip()
    key = simplified(line)
    return (
        line.endswith((":", "："))
        and len(_HAN_CHAR.findall(line)) >= ANNOUNCED_LINKS_HAN_CHARS
        and (not _BOX_WORDS.search(key) or bool(_PERSON_VOICE.search(key)))
    )


ANNOUNCED_LINKS_HAN_CHARS = 4
# A person speaking of the links (他推荐了三家店：, 我读过的相关文章：): the author's line, not a
# site's box, which speaks to its reader (为您推荐) or in its own name (我们, 本站).
_PERSON_VOICE = re.compile(r"(?<![您你])(?:我|他|她|笔者|本人)(?!们)(?![^：:]*[您你])")
_BOX_WORDS = re.compile(
    r"相关|推荐|热门|热点|最新|更多|猜你|往期|排行|精彩|精选|延伸|阅读|导航|链接|标签|专题|友情"
)


def _is_box_label(text: str) -> bool:
    """A short line of words without punctuation or digits (a heading mark aside, a colon
    after it: 理论新闻精选：): a box's label, not a date or a count."""
    label = markup.unwrap(text)[1].rstrip(":： ")
    return (
        0 < len(label) <= BOX_LABEL_MAX_CHARS
        and not CLAUSE_PUNCTUATION.search(label)
        and not any(ch.isdigit() for ch in label)
    )


PROSE_MIN_CHARS = limit("clean", "prose_min_chars")
PROSE_FOLLOW_LINES = limit("clean", "prose_follow_lines")


def _links_end(numbered: list[tuple[int, str]], start: int) -> int:
    """Where a run of link-like lines (short, no sentence end) starting at start ends."""
    end = start
    while end < len(numbered):
        text = numbered[end][1]
        if len(text) > LINK_MAX_CHARS or _SENTENCE_END_MARK.search(text):
            break
        end += 1
    return end


def _prose_follows(
    numbered: list[tuple[int, str]], start: int, within: int = PROSE_FOLLOW_LINES
) -> bool:
    """Whether the author's prose goes on after a box of links (within so many lines of it):
    two paragraphs at least, each a sentence with clauses (a site's footer notices are short
    and rarely have both)."""
    paragraphs = [text for _, text in numbered[start : start + within] if _is_paragraph(text)]
    return len(paragraphs) >= 2


def _paragraphs_only(below: list[tuple[int, str]]) -> bool:
    """Whether the lines under a cut are two paragraphs or more and nothing else: no short
    line, no chrome (a site's tail always has some: a name, a date, a link, a copyright)."""
    return len(below) >= 2 and all(_is_paragraph(text) and not is_chrome(text) for _, text in below)


def _prose_outweighs(below: list[tuple[int, str]], kept: list[str]) -> bool:
    """Whether the lines under a cut hold more of the author's prose than the lines kept above
    it (prose lines' characters): a page's tail is shorter than its article."""
    under = sum(len(text) for _, text in below if is_prose(text))
    return under > sum(len(text) for text in kept if is_prose(text))


_SENTENCE_END_MARK = re.compile(r"[。！？!?][”’」』）)]*$")  # a sentence's end, its closing marks
_SENTENCE_CLOSE = re.compile(r"[。！？!?…][”’」』）)]*$")
_CLAUSE = re.compile(r"[，,；;、。！？!?]")


def _is_paragraph(text: str) -> bool:
    """A paragraph of the author's: a sentence with clauses (it may close with a quote or a
    bracket), or a long line of several clauses that a hard wrap or a lost line break cut off
    mid-sentence."""
    if len(text) < PROSE_MIN_CHARS or not re.search(r"[，,]", text):
        return False
    return bool(_SENTENCE_CLOSE.search(text)) or (
        len(text) >= 2 * PROSE_MIN_CHARS and len(_CLAUSE.findall(text)) >= 3
    )


# A site's teaser cut off: dots (..., ......) or one ellipsis mark; the doubled mark (……) is
# Chinese punctuation, an author's trailing off, and so is 。。。.
_LISTING_TEASER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…)$")


def _refuse_listing_pages(lines: list[str]) -> None:
    """An index page of a site is a list of teasers cut off with "...", not a document."""
    long_lines = [line for line in lines if len(line) > TEASER_MIN_CHARS]
    teasers = [line for line in long_lines if _LISTING_TEASER.search(line)]
    if len(teasers) >= MINTEASERS and len(teasers) >= TEASER_SHARE * len(long_lines):
        raise DocumentError(
            f"looks like a listing page of the site ({len(teasers)} teasers cut off with “...”), "
            "not a document"
        )


def _count(digits: str | None) -> int:
    if not digits:
        return 0
    return int(re.sub(r"\D", "", digits) or 0)


def _withheld_count(match: re.Match) -> int:
    """Characters withheld: the notice's count, or its total less what it shows."""
    groups = match.groupdict()
    if groups.get("count") or groups.get("count2"):
        return _count(groups.get("count") or groups.get("count2"))
    # (a notice may give what it shows first: total2 and shown2 are the same counts)
    total = _count(groups.get("total") or groups.get("total2"))
    shown = _count(groups.get("shown") or groups.get("shown2"))
    return max(total - shown, 0) if total and shown else 0
