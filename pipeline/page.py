"""Where the article starts in a page saved whole: the signals of page chrome.

A page saved as text (or walked from HTML) often opens with the site's chrome: a login box,
category menus, breadcrumbs, a document site's file name and page thumbnails, a forum's
profile block. None of it is prose. The article starts at the first run of prose (long lines
with Chinese clause punctuation, not made of site phrases); the lines right above it that
belong to it (its title, subtitle, byline, metadata, salutation) are walked back over until a
line of chrome. What is above is the page's head: dropped, except the metadata lines the rules
read and the title candidates the structure stage weighs.

Signals only: length, punctuation, position, and a lexicon of site phrases kept as data
(page_signals.toml). Nothing is dropped unless the head holds chrome by those signals.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from .script import simplified
from .thresholds import limit

PROSE_MIN_CHARS = limit("page", "prose_min_chars")
PROSE_RUN_LINES = limit("page", "prose_run_lines")
WALK_BACK_MAX = limit("page", "walk_back_max")
CHROME_MAX_CHARS = limit("page", "chrome_max_chars")
HAN_SHARE = limit("page", "han_share")
CHROME_LIST_ITEMS = limit("page", "chrome_list_items")
CHROME_PARAGRAPH_CHARS = limit("page", "chrome_paragraph_chars")
TOPIC_PROSE_LINES = limit("page", "topic_prose_lines")
CHROME_PARAGRAPH_DENSITY = limit("page", "chrome_paragraph_density")
RECORD_MIN_FIELDS = limit("page", "record_min_fields")
FORM_MIN_FIELDS = limit("page", "form_min_fields")
# A filled-in form's field: a bracketed label, a colon, its value (【公众号】: 某某, 【问题描述】: …).
_FORM_FIELD = re.compile(r"【[^】\s]{2,8}】\s*[:：]\s*\S")
RECORD_FIELD_SHARE = limit("page", "record_field_share")
# A record's field: one of a record's labels (page_signals.toml), then its value after a colon
# or a space (論文名稱: …, 作者 黃蓮瑛).
_FIELD = re.compile(r"^\s*(?P<label>[^\s:：]{2,8})\s*(?:[:：]\s*|\s+)\S")
_FIELD_GLUED = re.compile(r"^\s*(?P<label>[^\s\d:：]{2,8}?)(?=\d)")
ANNOUNCING_HAN_CHARS = limit("page", "announcing_han_chars")
TITLE_OWN_CHARS = limit("page", "title_own_chars")

_HAN = re.compile(r"[\u3400-\u9fff]")
_DATE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}")
_CLAUSE = re.compile(r"[，,。；;！!？?、]")
_SENTENCE_CLOSE = re.compile(r"[。！？][”’」』）)]*$")
HEAD_SENTENCE_HAN_CHARS = limit("page", "head_sentence_han_chars")


@dataclass(frozen=True)
class Signals:
    chrome: re.Pattern  # a site phrase (login, download, share, menus)
    navigation: re.Pattern  # breadcrumbs and menus: "首页 > 栏目 > 正文", "a | b | c"
    file_name: re.Pattern  # a document site's file name line: "…报告.docx"
    debris: re.Pattern  # a line with no words: "×", "11", "--.--"
    text_label: re.Pattern  # a document site's label over the text: "资源描述:"
    intro_title: re.Pattern  # a site's intro naming the text under it: "以下是…推荐的X，供…"
    shared_file: re.Pattern  # a document site's line naming its file: "《X.docx》由会员分享"
    record_label: re.Pattern  # a catalogue record's field label: "题名", "作者", "关键词"
    site_words: re.Pattern  # a site speaking of itself: "本站", "文档", "用户"
    sources_label: re.Pattern  # a label over the text's sources: "参考资料", "References"
    voice: re.Pattern  # the site talking to its reader: "欢迎访问", "请稍候", "返回顶部"


@cache
def signals() -> Signals:
    data = tomllib.loads((Path(__file__).parent / "page_signals.toml").read_text("utf-8"))
    return Signals(
        chrome=re.compile("|".join(data["chrome"]["phrases"])),
        navigation=re.compile(data["navigation"]["pattern"]),
        file_name=re.compile(data["file_name"]["pattern"], re.I),
        debris=re.compile(data["debris"]["pattern"]),
        text_label=re.compile(data["text_label"]["pattern"]),
        intro_title=re.compile(data["intro_title"]["pattern"]),
        shared_file=re.compile(data["shared_file"]["pattern"]),
        record_label=re.compile(data["record"]["labels"]),
        site_words=re.compile(data["site_words"]["pattern"]),
        sources_label=re.compile(data["sources_label"]["pattern"], re.I),
        voice=re.compile("|".join(data["voice"]["phrases"])),
    )


@lru_cache(maxsize=4096)
def is_chrome(line: str, topic: frozenset[str] = frozenset()) -> bool:
    """A line of the site's own: a short line with a site phrase, a menu or breadcrumb, a file
    name, or a line without words. topic: site phrases that are this page's subject (never
    evidence of chrome on it)."""
    key = _unspaced(simplified(line))
    found = signals()
    if _SALUTATION.fullmatch(key):
        return False  # 各会员单位、认证机构：: a notice's addressees, whatever words they name
    if found.debris.fullmatch(key):
        return not _DATE.search(key)  # a date alone is a byline's, not the site's
    if found.file_name.fullmatch(key):
        return True
    if found.navigation.search(_TAG.sub(" ", key)):  # a tag's > is no breadcrumb's arrow
        return True
    named = [phrase for phrase in found.chrome.findall(key) if phrase not in topic]
    phrases = len(named)
    if len(key) > CHROME_PARAGRAPH_CHARS and phrases * CHROME_PARAGRAPH_DENSITY < len(key):
        return False  # a paragraph that names a site's things in passing (会员, 下载), not chrome
    # A longer line is the site's when it names two of its things (登录 … 下载), or one again and
    # again while speaking of itself (本站不支持迅雷下载，…浏览器下载即可); one thing named again and
    # again otherwise (a tool's 搜索 in a paragraph on it) is the line's subject.
    return (
        (phrases >= 1 and len(key) <= CHROME_MAX_CHARS)
        or len(set(named)) >= 2
        or (phrases >= 2 and found.site_words.search(key) is not None)
    )


# A notice's or a letter's salutation (各会员单位、认证机构：, 尊敬的各位家长：): its addressees.
_SALUTATION = re.compile(r"(?:尊敬的|敬爱的|亲爱的|各位|各)[^，。！？!?:：]{1,30}[:：]")


# An HTML tag or comment written in the text (a post's sample: <a href="tel:10086">, <!-- 注释 -->).
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>")

LETTER_SPACED_TOKENS = 4  # single characters apart, this many or more: a letter-spaced menu
LETTER_SPACED_SHARE = 0.7


def _unspaced(key: str) -> str:
    """A menu set out letter by letter (首     页 政 务 公 开 网 上 办 事) written whole, so that
    its site phrases (首页) are seen; any other line as it is."""
    tokens = key.split()
    single = sum(1 for token in tokens if len(token) == 1 and _HAN.match(token))
    if len(tokens) >= LETTER_SPACED_TOKENS and single >= LETTER_SPACED_SHARE * len(tokens):
        return "".join(tokens)
    return key


_OWN_WORD = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")


def names_in_passing(line: str, topic: frozenset[str] = frozenset()) -> bool:
    """A title that names one site phrase as its subject (使用RichEdit製作QQ聊天記錄控件): chrome
    by that phrase alone, with a title's length of words of its own besides.
    A candidate for the title all the same (the title's scoring judges it); never a menu, a
    file name or debris."""
    key = simplified(line)
    found = signals()
    if (
        found.debris.fullmatch(key)
        or found.file_name.fullmatch(key)
        or found.navigation.search(key)
    ):
        return False
    matches = [m for m in found.chrome.finditer(key) if m.group() not in topic]
    own = _OWN_WORD.findall(found.chrome.sub("", key))
    if len(matches) != 1 or len(own) < TITLE_OWN_CHARS:
        return False
    # Not a button set beside the title (…管理制度 下载公告): a short word of its own at an end.
    words = list(re.finditer(r"\S+", key))
    word = next(w for w in words if w.start() <= matches[0].start() < w.end())
    return not (len(words) > 1 and word in (words[0], words[-1]) and len(word.group()) <= 6)


def _reads_as_prose(line: str) -> bool:
    """Long, mostly Chinese, with clause punctuation."""
    return (
        len(line) >= PROSE_MIN_CHARS
        and bool(_CLAUSE.search(line))
        and len(_HAN.findall(line)) >= HAN_SHARE * len(line)
    )


def is_prose(line: str, topic: frozenset[str] = frozenset()) -> bool:
    """A line of the author's prose: long, mostly Chinese, with clause punctuation, not chrome."""
    return _reads_as_prose(line) and not is_chrome(line, topic)


def page_topic(lines: list[str]) -> frozenset[str]:
    """Site phrases that are the page's subject: each comes back in TOPIC_PROSE_LINES lines of
    prose or more that no site numbers as a list of its own (an essay on 公众号, a tutorial on
    点赞 animations; a download help box 2、… 3、… 4、… speaks of 下载 as often, but numbered).
    On such a page they are the article's words, not the site's."""
    found = signals()
    counts: dict[str, int] = {}
    for line in lines:
        if _reads_as_prose(line) and not _ITEM_NUMBER.match(line):
            for phrase in set(found.chrome.findall(simplified(line))):
                counts[phrase] = counts.get(phrase, 0) + 1
    return frozenset(phrase for phrase, count in counts.items() if count >= TOPIC_PROSE_LINES)


_NOT_WORD = re.compile(r"[\W_]+")


def _repeats_below(line: str, below: list[str]) -> bool:
    """A line that is the lines under it run together (less punctuation) and more: the page's
    or file's name for the title that follows ("…指引双转移doc" above "…指引")."""
    key = _NOT_WORD.sub("", line)
    for count in (1, 2):
        joined = _NOT_WORD.sub("", "".join(below[:count]))
        if len(below) >= count and joined and joined in key and len(joined) >= len(key) / 2:
            return True
    return False


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,2})\s*[、.．]")


def _continue_chrome_lists(lines: list[str], prose: list[bool], chrome: list[bool]) -> None:
    """An item that goes on numbering a list of the site's (a download help box: 2、… 3、…
    4、… 5、…) is the site's too, though its own words name nothing of a site. The list is
    the site's when CHROME_LIST_ITEMS items in a row before it are chrome."""
    run = 0  # chrome items in a row, numbered one after another, just above
    previous = None
    for index, line in enumerate(lines):
        match = _ITEM_NUMBER.match(line)
        number = int(match.group(1)) if match else None
        follows = number is not None and previous is not None and number == previous + 1
        if follows and run >= CHROME_LIST_ITEMS:
            chrome[index], prose[index] = True, False
        run = (run + 1 if follows else 1) if number is not None and chrome[index] else 0
        previous = number


_BULLET = re.compile(r"^\s*(?:[•·]|[-*+](?=\s))\s*\S")  # a Markdown list's marks too


def _introduced_lists(lines: list[str], chrome: list[bool], prose: list[bool]) -> None:
    """Bulleted items right under a sentence of the text that announces them (…可执行以下
    操作：) or under a paragraph of the author's prose are the text's list, not a menu, however
    short each is: a site's menu stands above the text, not under its paragraphs."""
    announced = False
    for index, line in enumerate(lines):
        if _BULLET.match(line):
            if announced:
                chrome[index] = False
            continue
        announced = prose[index] or (
            line.rstrip().endswith(("：", ":"))
            and len(_HAN.findall(line)) >= ANNOUNCING_HAN_CHARS
            and not is_chrome(line)
        )


def _prose_lists(lines: list[str], prose: list[bool], chrome: list[bool]) -> None:
    """Bulleted items in a run of items one or more of which is the author's prose (• 为鼓励
    用户将资金存入平台，充值时应有一定奖励。…) are the text's list, however short each is and
    whatever site's word it names (• 充值和提现功能): a menu's items are never prose."""
    start = None
    for index in range(len(lines) + 1):
        if index < len(lines) and _BULLET.match(lines[index]):
            start = index if start is None else start
            continue
        if start is not None and any(prose[start:index]):
            for item in range(start, index):
                chrome[item] = False
        start = None


# A bulleted item that defines its term (• 电子秤：精确到一克即可): a term, a colon, a phrase.
_DEFINED_ITEM = re.compile(r"^\s*(?:[•·]|[-*+](?=\s))\s*[^:：\s]{1,12}\s*[:：]\s*(?P<what>\S.*)$")
DEFINED_ITEMS = 2  # items in a row that define their terms: the text's list, not a menu
DEFINED_WHAT_HAN = 4  # Chinese characters of an item's definition


def _defined_lists(lines: list[str], chrome: list[bool]) -> None:
    """Bulleted items in a run of DEFINED_ITEMS or more that define their terms (• 电子秤：精确
    到一克即可 / • 量勺：用来称量酵母和盐) are the text's list, however short each is: a menu's
    items name pages, they define nothing. A short line right over such a run (称量工具) is the
    list's label, the text's too."""
    run: list[int] = []
    for index in range(len(lines) + 1):
        found = _DEFINED_ITEM.match(lines[index]) if index < len(lines) else None
        if found and len(_HAN.findall(found.group("what"))) >= DEFINED_WHAT_HAN:
            if not signals().site_words.search(simplified(lines[index])):
                run.append(index)
                continue
        if len(run) >= DEFINED_ITEMS:
            for item in run:
                chrome[item] = False
            label = run[0] - 1
            if label >= 0 and not _BULLET.match(lines[label]) and len(lines[label].strip()) <= 12:
                chrome[label] = False
        run = []


_SELF = re.compile(r"本站|本网|本页")  # a site speaking of itself


def says_a_sentence(line: str) -> bool:
    """A line that is the author's sentence of clauses by its shape, though it names a site's
    things (打开微信公众平台官网，点击立即注册，选择小程序，…): it ends with 。！？, is PROSE_MIN_CHARS
    long with two clause marks or more, has HEAD_SENTENCE_HAN_CHARS Chinese characters, and is no
    menu, file name or shared-file line; it does not speak of the site itself (本站, 本网) nor to
    its reader (欢迎访问, 请稍候, 欢迎关注). A short line naming a site phrase stays chrome: a
    short sentence is the site's as often as the author's (加载中，请稍候。, 欢迎投稿！)."""
    key = simplified(line)
    found = signals()
    return bool(
        _SENTENCE_CLOSE.search(line)
        and len(key) >= PROSE_MIN_CHARS
        and len(_CLAUSE.findall(key)) >= 2
        and len(_HAN.findall(line)) >= HEAD_SENTENCE_HAN_CHARS
        and not _SELF.search(key)
        and not found.voice.search(key)
        and not found.navigation.search(key)
        and not found.file_name.fullmatch(key)
        and not found.shared_file.search(key)
    )


def _line_kinds(lines: list[str], neutral) -> tuple[list[bool], list[bool], list[bool]]:
    """Which lines are prose and which are chrome (neither, for a neutral line), and which of
    the chrome lines say a sentence of their own (the head is cut above them, never through
    them)."""
    topic = page_topic(lines)
    prose = [is_prose(line, topic) for line in lines]
    chrome = [
        not is_first and is_chrome(line, topic) for line, is_first in zip(lines, prose, strict=True)
    ]
    own = chrome[:]  # chrome by its own words, not by the list it goes on numbering
    _continue_chrome_lists(lines, prose, chrome)
    _introduced_lists(lines, chrome, prose)
    _prose_lists(lines, prose, chrome)
    _defined_lists(lines, chrome)
    for index in code_block_lines(lines):  # { } ``` of a code block are no page debris
        chrome[index] = False
    for index, line in enumerate(lines):  # the neutral test is the costly one: only where it counts
        if (prose[index] or chrome[index]) and neutral(line):
            prose[index] = chrome[index] = False
    said = [
        chrome[index] and own[index] and says_a_sentence(line) for index, line in enumerate(lines)
    ]
    return prose, chrome, said


_FENCE = re.compile(r"^\s*(?:```|~~~)")


def code_block_lines(lines: list[str]) -> list[int]:
    """Positions of a Markdown code block's lines, its fences included (a block left open
    runs to the end of the text only when it is closed; an unclosed fence is one line)."""
    return paired_fences(lines, _FENCE.match)


_MARKUP_LINE = re.compile(
    r"\s*(?:<!--.*?-->|<[A-Za-z][\w-]*(?:\s[^<>]*)?/?>(?:[^<>]*</[A-Za-z][\w-]*>)?)\s*"
)
_MARKUP_COMMENT = re.compile(r"<!--.*[\u3400-\u9fff].*-->")
_MARKUP_ATTRIBUTE = re.compile(r"<[A-Za-z][\w-]*\s+[\w-]+(?:=|\s|>)")


def markup_sample_lines(lines: list[str]) -> list[int]:
    """Positions of a post's HTML samples written as text lines, without a fence: a run of
    two lines or more, each wholly a comment or an element (<!-- 拨打电话 --> / <a href="tel:
    10086">拨打电话</a> / <input type="file" multiple>), one a comment in Chinese words and one
    an element with attributes. The author's code, as a fenced block's lines are; a page's
    leftover markup is not commented in the reader's language line by line."""
    found: list[int] = []
    run: list[int] = []
    for index in range(len(lines) + 1):
        if index < len(lines) and _MARKUP_LINE.fullmatch(lines[index]):
            run.append(index)
            continue
        texts = [lines[i] for i in run]
        if (
            len(run) >= 2
            and any(_MARKUP_COMMENT.search(text) for text in texts)
            and any(_MARKUP_ATTRIBUTE.match(text.strip()) for text in texts)
        ):
            found.extend(run)
        run = []
    return found


def paired_fences(lines: list[str], is_fence: Callable[[str], object]) -> list[int]:
    """Positions of the lines between each fence and the next (both included), fences
    paired in order; a fence left unpaired closes nothing."""
    found: list[int] = []
    opened: int | None = None
    for index, line in enumerate(lines):
        if not is_fence(line):
            continue
        if opened is None:
            opened = index
        else:
            found.extend(range(opened, index + 1))
            opened = None
    return found


def head_sentences(lines: list[str], start: int, neutral=lambda line: False) -> list[int]:
    """Positions of the author's sentences among the lines above the article's start: a line
    that is one or more whole sentences (it ends with 。！？), not chrome, without a site's words
    for itself (本站, 文档, 用户): a forum question's one-line post between the thread's tools
    (大概是利用水有浮力这个特点吧。); and an official document's number (辽政办〔2022〕43号).
    The head's other lines are the site's; these are not."""
    if not start:
        return []
    _, chrome, _ = _line_kinds(lines, neutral)
    found = signals()
    return [
        index
        for index, line in enumerate(lines[:start])
        if _DOCUMENT_NUMBER.fullmatch(line.strip())
        or (
            not chrome[index]
            and _SENTENCE_CLOSE.search(line)
            and len(_HAN.findall(line)) >= HEAD_SENTENCE_HAN_CHARS
            and not found.site_words.search(simplified(line))
            and not _ITEM_NUMBER.match(line)
            and not neutral(line)
        )
    ]


# An official document's number above its text (辽政办〔2022〕43号, 国发〔2023〕16号): the
# document's own line, whatever the site put around it.
_DOCUMENT_NUMBER = re.compile(
    r"[\u3400-\u9fff]{1,12}\s*[〔［\[【（(]\s*(?:19|20)\d{2}\s*[〕］\]】）)]\s*(?:第\s*)?\d{1,4}\s*号"
)


def article_start(lines: list[str], neutral=lambda line: False) -> int:
    """Index of the article's first line; 0 when the page shows no chrome above its prose.
    neutral: lines never taken for chrome (metadata lines, withheld-text notices)."""
    prose, chrome, said = _line_kinds(lines, neutral)
    label = next(
        (
            index
            for index, line in enumerate(lines[:-1])
            if signals().text_label.fullmatch(simplified(line).strip())
        ),
        None,
    )
    if label is not None and any(chrome[:label]):
        # The site's label over the text: the article starts under it at the earliest.
        below = slice(label + 1, None)
        return label + 1 + _article_start(lines[below], prose[below], chrome[below], said[below])
    return _article_start(lines, prose, chrome, said)


# A numbered part's head (3. 总结, 三、总结, （三）总结, ③总结, 第三部分 总结): its number.
_PART_NUMBER = re.compile(
    r"^\s*(?:(?P<n>\d{1,2}|[一二三四五六七八九十])\s*[、.．]|(?P<s>\d{1,2})[ \u3000]+(?=[\u3400-\u9fff])"
    r"|[（(]\s*(?P<p>\d{1,2}|[一二三四五六七八九十])\s*[)）]"
    r"|(?P<c>[①②③④⑤⑥⑦⑧⑨⑩])"
    r"|第\s*(?P<d>\d{1,2}|[一二三四五六七八九十])\s*(?:部分|章|节|步|篇))\s*\S"
)
_CN_NUMBER = {ch: n for n, ch in enumerate("一二三四五六七八九十", 1)}
_CIRCLED = {ch: n for n, ch in enumerate("①②③④⑤⑥⑦⑧⑨⑩", 1)}
NUMBERING_AT_START = 3  # lines from the article's start its next part's head is looked for in


def _part_number(line: str) -> int | None:
    found = _PART_NUMBER.match(line)
    if not found:
        return None
    if found.group("c"):
        return _CIRCLED[found.group("c")]
    number = found.group("n") or found.group("s") or found.group("p") or found.group("d")
    return int(number) if number.isdigit() else _CN_NUMBER[number]


def _numbering_opened_above(lines: list[str], start: int) -> int | None:
    """Where the text's numbered parts open when the article's start falls inside them: a
    part's head numbered n > 1 within NUMBERING_AT_START lines of the start, and heads n-1 …
    1 above it in order (1. 随手记 / … / 2. 鲨鱼记账 / … over 3. 总结): the line of head 1.
    A numbering that goes on across the start is one list, the text's (a site's numbered box
    above the text does not go on numbering its parts)."""
    at = next(
        (
            index
            for index in range(max(start - 1, 0), min(start + NUMBERING_AT_START, len(lines)))
            if (_part_number(lines[index]) or 0) > 1
        ),
        None,
    )
    if at is None:
        return None
    wanted = (_part_number(lines[at]) or 0) - 1
    for index in range(min(at, start) - 1, -1, -1):
        if _part_number(lines[index]) == wanted:
            if wanted == 1:
                return index
            wanted -= 1
    return None


def _article_start(
    lines: list[str], prose: list[bool], chrome: list[bool], said: list[bool]
) -> int:
    first = None
    for index, is_first in enumerate(prose):
        if not is_first:
            continue
        window = slice(index, index + PROSE_RUN_LINES)
        if sum(prose[window]) > sum(chrome[window]):
            first = index
            break
    if not first:
        return 0
    start = first
    while (
        start > 0
        and first - start < WALK_BACK_MAX
        and (not chrome[start - 1] or said[start - 1])
        and not _repeats_below(lines[start - 1], lines[start:first])
    ):
        start -= 1
    opened = _numbering_opened_above(lines, start)
    if opened is not None:  # 1. 随手记 … 2. 鲨鱼记账 … above, 3. 总结 at the start: one list
        start = opened
        while start > 0 and (not chrome[start - 1] or said[start - 1]):
            start -= 1  # the sentence introducing the numbered parts is the text's too
    if not any(chrome[:start]):
        return 0  # nothing above looks like the site's: keep it all
    said_above = sum(
        prose[index] or (not chrome[index] and _a_sentence(lines[index])) for index in range(start)
    )
    if said_above > sum(chrome[:start]):
        return 0  # more of the author's sentences above than the site's lines: the text opens there
    fields = [index for index in range(start) if _is_record_field(lines[index])]
    values = _field_values(lines, fields, start)
    if len(fields) >= RECORD_MIN_FIELDS and len(fields) + values >= RECORD_FIELD_SHARE * (
        start - fields[0]
    ):
        return fields[0]  # a record of labelled fields above its text (題名 …, 作者 …) opens it
    form = [index for index in range(start) if _FORM_FIELD.match(lines[index].strip())]
    if len(form) >= FORM_MIN_FIELDS:  # 【公众号】: … / 【问题描述】: …: a question's filled-in form
        return max(form[0] - 1, 0) if form[0] and not chrome[form[0] - 1] else form[0]
    return start


def _a_sentence(line: str) -> bool:
    """A whole sentence of the author's: it ends with 。！？ and has HEAD_SENTENCE_HAN_CHARS
    Chinese characters."""
    return bool(_SENTENCE_CLOSE.search(line)) and len(_HAN.findall(line)) >= HEAD_SENTENCE_HAN_CHARS


def _field_values(lines: list[str], fields: list[int], end: int) -> int:
    """Lines that go on a field's value under it (關鍵詞 行銷 / Comparative Advertising /
    Free Competition): short, without a sentence's punctuation, right under a field or another
    such line."""
    count = 0
    for index in fields:
        below = index + 1
        while (
            below < end
            and below not in fields
            and len(lines[below]) <= CHROME_MAX_CHARS
            and not _CLAUSE.search(lines[below])
        ):
            count += 1
            below += 1
    return count


def _is_record_field(line: str) -> bool:
    key = simplified(line)
    label = signals().record_label
    field = _FIELD.match(key)
    if field is not None and label.fullmatch(field["label"]) is not None:
        return True
    glued = _FIELD_GLUED.match(key)  # 日期2007: a cleaned record (no space before a number)
    return glued is not None and label.fullmatch(glued["label"]) is not None


def is_sources_label(line: str) -> bool:
    """A label over the text's own list of sources (参考资料, 相關資源, References): the links
    under it are the author's, not the site's navigation."""
    return signals().sources_label.fullmatch(simplified(line).strip(" :：")) is not None


def file_name_stem(line: str) -> str:
    """The document's name when the line is a document site's file name line (or its line
    naming the file it shows: 《X.docx》由会员分享…), else ""."""
    key = simplified(line)
    shared = signals().shared_file.match(key) if "由" in key else None
    if shared:
        return line[shared.start("title") : shared.end("title")].strip()
    if not signals().file_name.fullmatch(key):
        return ""
    # Cut where the simplified form's suffix starts: a traditional page writes 第1頁.
    suffix = _FILE_SUFFIX.search(key)
    return (line[: suffix.start()] if suffix else line).strip()


_FILE_SUFFIX = re.compile(r"(?i)(?:\.(?:docx?|pptx?|xlsx?|pdf|txt|wps|rar|zip))?(?:_第\d+页)?$")


def intro_title(line: str) -> str:
    """The name a site's intro gives the text under it (以下是小编为您推荐的X，供大家参考), or ""."""
    key = simplified(line)
    opens = "以下" in key or "下面" in key or "本站" in key
    match = signals().intro_title.search(key) if opens else None
    return line[match.start("title") : match.end("title")].strip() if match else ""
