"""One line that heads without numbering, by its own look and its neighbours: bold alone,
letter-spaced (导 言), set between rules of signs or underlined by one, short and without
punctuation above a paragraph (of prose, or hard-wrapped; not a picture's caption, not a
sentence spaced into clauses, not a lead-in whose stop was lost), the name of a paper's or a
patent's part (摘要, 背景技术:), a Latin name the paragraph under it opens with, an
attachment's title under its label, a title over its subtitle."""

from __future__ import annotations

import re
from functools import cache

from . import markup
from .glued import clause_words, spaced_words
from .line_shapes import (
    CLAUSE_MARK,
    DATE_OR_TIME,
    HEAD_MIN_CJK,
    MAX_HEADING_CHARS,
    MAX_PLAIN_HEADING_CHARS,
    NOT_A_SUBTITLE,
    NOT_PLAIN_HEADING,
    PROSE_AROUND_CHARS,
    SENTENCE_AFTER_RATIO,
    SENTENCE_END,
    SUBTITLE,
    TITLE_MAX_CHARS,
    bigrams,
    genre_ending,
    is_prose,
    is_short_plain,
    title_lexicon,
)
from .numbering import Heading, find_heading, numbering_of, ordinal_of
from .script import simplified
from .structure_data import numbering_pattern, structure_rules

# A head decorated with rules of signs: "======概念部分======".
_DECORATED = re.compile(
    r"^[=＝*＊#~～—\-]{2,}\s*([^=＝*＊#~～—\-\s].{0,30}?)\s*[=＝*＊#~～—\-]{2,}$"
)
# Heading-like lines without numbering.
_LETTER_SPACED = re.compile(r"^[\u3400-\u9fff](?:[ \u3000]+[\u3400-\u9fff]){1,7}$")


# A head underlined by a rule of one sign repeated, on its own line's end (規格書==========),
# as plain-text posts and notes underline their heads.
_UNDERLINED = re.compile(r"^(\S.*?)[ \u3000]*([=＝\-—─━~～*＊_])\2{5,}$")
UNDERLINED_WHY = "a short line underlined by a rule of signs"


def underlined_heading(line: str) -> Heading | None:
    """A short line ending in a rule of one sign repeated (1.Notion=======): a head, its text
    without the rule; numbered, of its numbering's kind."""
    match = _UNDERLINED.match(line)
    if not match or _DECORATED.match(line):
        return None
    text = match.group(1)
    if len(text) > MAX_HEADING_CHARS or SENTENCE_END.search(text) or CLAUSE_END.search(text):
        return None
    if match.group(2) == "_" and text.endswith((":", "：")):
        return None  # 乙方:_______ : a form's label over the blank to fill in, no head
    if not re.search(r"[\u3400-\u9fffA-Za-z]", text):
        return None
    numbered = find_heading(text)
    if numbered and not numbered.rest:
        return Heading(numbered.kind, text, "", f"{numbered.why}, underlined by a rule of signs")
    return Heading("plain", text, "", UNDERLINED_WHY)


CLAUSE_END = re.compile(r"[，,、；;]$")
# Words a head names something with: two Chinese characters or a Latin word (a bold (1) or x
# alone names nothing).
_NAMES = re.compile(r"[\u3400-\u9fff].*[\u3400-\u9fff]|[A-Za-z]{2,}")
BOLD_WHY = ", bold"  # a numbered line marked bold as a whole
# A bold mark inside what rules of signs seem to set off: bold spans side by side, no rule.
_BOLD_MARK = re.compile(r"\*\*")
# A link's address alone (a bold line may hold one: the project's address under its lead-in).


def standalone_heading(
    line: str, before: str | None, after: str | None, after_next: str | None = None
) -> Heading | None:
    """A heading without numbering: a line marked bold as a whole, letter-spaced (导 言), or
    short and without punctuation between two paragraphs of prose."""
    opening, text, _ = markup.unwrap(line)
    if opening == "**":
        numbered = find_heading(text)
        if numbered and not numbered.rest:
            return Heading(numbered.kind, text, "", f"{numbered.why}{BOLD_WHY}")
        if (
            len(text) <= MAX_HEADING_CHARS
            and not SENTENCE_END.search(text)
            and not text.endswith(("：", ":", "，", "；"))
            and _NAMES.search(text)
            and not markup.BARE_LINK.fullmatch(
                text
            )  # (**https://github.com/…**: the address of a link)
        ):
            return Heading("bold", text, "", "a bold line alone")
        return None
    if _LETTER_SPACED.match(line):
        if _spaced_name().match(line):
            return None  # 李 某: a byline's name spaced out, not a letter-spaced head
        if spaced_words(line):
            return None  # a sentence's words a broken layout spaced out (載 和 預)
        if not (is_prose(after) or (after and _RUNS_ON.search(after[-1:]))):
            if not is_contents_name(line):  # (目 录 over its entries: the document's own)
                return None  # 日 期 over 10月1日—4日: a table's cell spaced to its width
        return Heading("spaced", line, "", "a letter-spaced short line")
    decorated = _DECORATED.match(line)
    if decorated and not _BOLD_MARK.search(decorated.group(1)):  # (**PART** **0****1**: spans)
        return Heading("plain", decorated.group(1), "", "a short line set between rules of signs")
    if (
        len(line) <= MAX_PLAIN_HEADING_CHARS
        and (plain_words(line) or _essay_on_a_work(line))
        and (
            is_prose(after)
            or _introduces(after, line)
            or _wrapped(after, after_next)
            or _short_paragraph_under(line, before, after, after_next)
            or _lead_over_numbering(before, after, after_next)
        )
        and (
            before is None
            or not is_short_plain(before)
            or bool(_BULLET.match(before))
            or bool(_not_heads().search(before))  # (a caption or a credit over it: no run)
        )
        and not (_unpunctuated(after) and _unpunctuated(after_next))
        and not _caption(line, before, after, after_next)
        and not spaced_sentence(line)
        and not title_lexicon("issuer").fullmatch(simplified(line))
    ):  # (an office's or a school's name alone is a byline: 河海大学社会发展研究所)
        why = "a short line without punctuation above a paragraph"
        if not plain_words(line):
            why = ESSAY_ON_A_WORK_WHY
        return Heading("plain", line, "", why)
    if (
        _labelled_phrase(line)
        and not _not_heads().search(line)  # (抄送：各县区教育局: a notice's copy list)
        and is_prose(after)
        and before is not None
        and not _FIELD.match(before)
        and not _caption(line, before, after, after_next)
    ):
        return Heading("plain", line, "", LABELLED_PHRASE_WHY)
    if (
        _LATIN_NAME.fullmatch(line)
        and before is not None
        and not is_short_plain(before)
        and is_prose(after)
        and after is not None
        and after.startswith(line.split(" ")[0])
    ):
        return Heading("plain", line, "", LATIN_NAME_WHY)
    return None


# A work's name in 《》 (读《西游记》有感, 《乡土中国》读书笔记): the marks alone keep no line from
# being a head's words.
_WORK_NAME = re.compile(r"《[^《》]{1,15}》")
ESSAY_ON_A_WORK_WHY = "an essay's name naming a work in 《》, ending in its kind, above a paragraph"


def _essay_on_a_work(line: str) -> bool:
    """An essay's or a document's name that names a work in 《》 and ends in its kind (读《西游记》
    有感, 《背影》读后感): a sample essay's title between paragraphs, as a 范文 page sets its
    pieces. Not a caption or a citation naming a work (习近平在《新闻联播》演播室, 《公司法》第一百
    零二条): they end in no kind of document."""
    if not _WORK_NAME.search(line) or not genre_ending().search(line):
        return False
    return plain_words(_WORK_NAME.sub(lambda m: m.group(0)[1:-1], line))


# Any mark of a sentence or a clause: a paragraph of prose holds one.
_PROSE_MARK = re.compile(r"[，,、：:；;。！？!?]")


def _unpunctuated(line: str | None) -> bool:
    """A long line without a mark of a sentence or a clause: a headline, a title or a record's
    value, no prose. Two such under a short line make a list of headlines (a related box under
    its 最Hit) or a record's fields (并列篇名 over a title in English), not a head's text."""
    return line is not None and not _PROSE_MARK.search(line)


# A short label, a colon and a phrase naming what follows (促发展：抓住重大项目的“牛鼻子”,
# 写作思路：构建深度认知的四个维度): quotation marks may stand in the phrase.
_LABELLED_PHRASE = re.compile(
    r"[\u3400-\u9fff]{2,4}[：:](?=.*[\u3400-\u9fff]{2})(?:[^\s，,。！？!?；;：:、“”]|“[^“”]{1,8}”){8,20}"
)
# A field of a form or a record's data (系所名稱：…, 会议地点：…) on the line above.
_FIELD = re.compile(r"^[^\s，,。！？!?；;：:]{1,8}[：:]")
LABELLED_PHRASE_WHY = "a short label and a phrase joined by a colon above a paragraph"


_PHRASE_MIN_CJK = 6


def _labelled_phrase(line: str) -> bool:
    """A short label, a colon and a phrase of words (not a byline's name: 作者：瑶瑶Bonjour)."""
    if not (_LABELLED_PHRASE.fullmatch(line) or labelled_name(line)) or DATE_OR_TIME.search(line):
        return False
    return len(_CJK.findall(_COLON.split(line, 1)[1])) >= _PHRASE_MIN_CJK


# A name of words, a colon and a phrase naming what follows, quoted words allowed in the phrase
# (烹饪家常菜的核心：从“原则”到“实践”, 写作技巧：打造有层次的内容结构): the two-part heads of
# generated and how-to articles, a label longer than a form's field allowed.
_LABELLED_NAME = re.compile(
    r"(?=[^：:]*[\u3400-\u9fff]{2})[^\s，,。！？!?；;：:、“”\"]{2,12}[：:]"
    r"(?:[^\s，,。！？!?；;：:、“”\"]|“[^“”]{1,8}”){3,20}"
)


def labelled_name(line: str) -> bool:
    """A name, a colon and a phrase of six Chinese characters or more, short as a plain head;
    not words spoken (老师对我们说：…, 我想说的是：…, a person speaking), nor a field of a form
    or a record (会议地点：…, 报名截止时间：…, 关键词：… of a paper)."""
    if len(line) > MAX_PLAIN_HEADING_CHARS or not _LABELLED_NAME.fullmatch(line):
        return False
    label, phrase = _COLON.split(line, 1)
    return (
        not DATE_OR_TIME.search(line)
        and len(_CJK.findall(phrase)) >= _PHRASE_MIN_CJK
        and not is_section_name(label)
        and not _SPOKEN_LABEL.search(label)
        and not FIELD_LABEL.search(label)
        and not _PERSON.search(line)
        and not _SPOKEN_END.search(phrase)
    )


# A label that says who speaks (…说, …道, …是, …表示) or a person in the line: words spoken.
_SPOKEN_LABEL = re.compile(r"(?:[说說道是问問答曰讲講]|表示|指出|认为|認為)$")
_PERSON = re.compile(r"[我你他她咱您]")
# A field's label: a time, a place, a way to reach someone, a name, a number.
FIELD_LABEL = re.compile(
    r"(?:时间|時間|日期|地点|地點|地址|电话|電話|邮箱|郵箱|链接|鏈接|网址|網址|方式|名称|名稱|人|者|号|號)$"
)


# A name in Latin letters on a line of its own (Model I/O, Language Model, Algolia): up to four
# words, a capital letter in them, no sign of code.
_LATIN_NAME = re.compile(r"(?=.*[A-Z])[A-Za-z][A-Za-z0-9.+#/-]*(?: [A-Za-z0-9.+#/-]+){0,3}")
LATIN_NAME_WHY = "a name in Latin letters above a paragraph that opens with it"


@cache
def _section_names() -> re.Pattern:
    names = structure_rules()["section_names"]["names"]
    return re.compile(rf"(?:{names})[：:]?")


SECTION_NAME_WHY = "the name of a part of a paper or a patent, on a line of its own"


@cache
def _closing_names() -> re.Pattern:
    names = structure_rules()["section_names"]["closing"]
    return re.compile(rf"(?:{names})[：:]?")


def is_closing_name(text: str) -> bool:
    """A part that closes a text (总结, 参考资料), letter-spaced or not."""
    return bool(_closing_names().fullmatch(simplified(_LETTER_SPACE.sub("", text.strip()))))


def is_section_name(text: str) -> bool:
    """A part every paper or text may have (前言, 总结, 参考资料), letter-spaced or not."""
    return bool(_section_names().fullmatch(simplified(_LETTER_SPACE.sub("", text.strip()))))


_LETTER_SPACE = re.compile(r"(?<=\S)[ \u3000]+(?=\S)")


def section_name(line: str, after: str | None) -> Heading | None:
    """A part every paper or patent has, named on a line of its own above text (摘 要, 关键词：,
    ABSTRACT, 背景技术:): it heads that part, colon or not."""
    if after is None or not after.strip() or is_section_name(after):
        return None  # nothing under it, or another name: a form's labels, a list of parts
    if not is_section_name(line):
        return None
    return Heading("plain", line, "", SECTION_NAME_WHY)


@cache
def _spaced_name() -> re.Pattern:
    """A person's name spaced out (李 某, 王 小 明): a surname of structure_rules.toml [plain]
    and one or two more characters."""
    surnames = structure_rules()["plain"]["spaced_name_surnames"]
    return re.compile(rf"^[{surnames}](?:[ \u3000]+[\u3400-\u9fff]){{1,2}}$")


_CAPTION_ECHO_CHARS = 4
_INNER_SPACE = re.compile(r"[\u3400-\u9fff][ \u3000]+[\u3400-\u9fff]")


def spaced_sentence(line: str) -> bool:
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
    return echoed and not (bigrams(line) & bigrams(after + (after_next or "")))


# Two runs of words a plain head may join: a colon, or one pipe (立法會選舉|提名期展開……).
_COLON = re.compile(r"[：:|｜]")
_COLON_SIDE_MIN = 4
_LABEL_MAX = 4  # a form's field label (会议地点, 活动主题) is four characters or fewer


@cache
def _article_label() -> re.Pattern:
    return re.compile(numbering_pattern("{article}"))


# A year among a head's words (爭取2025年動工, 2018年度): no sign of a date line.
_YEAR_IN_WORDS = re.compile(r"(?<=[\u3400-\u9fff])\d{4}(?=年)")
# A newspaper's mark before its writer's name (☉張國財, ◎记者 张三).
_BYLINE_MARK = re.compile(r"^[☉◎⊙][ \u3000]*[^，。！？；：,.!?;:]{1,12}$")
# A line quoted whole, or broken off by an ellipsis (⋯ as well as …): speech, no head.
_SPOKEN = re.compile(r"^[「『“‘].*[」』”’]$|.*[⋯…]")
# A space set beside a sign (摄影 / 王小明, 杭州 · 西湖边, 上一篇 > 工作总结, 关注我们 → 获取更多):
# the parts of a credit, a place line, a link or a prompt a page spaced apart; a head joins its
# words unspaced, or with a spaced dash as a title its subtitle (a mark before it aside: ■ 目标).
_SPACED_SIGN = re.compile(r"(?<=\S)[^\w\s—–-][ \u3000]|[ \u3000][^\w\s—–-]")


@cache
def _not_heads() -> re.Pattern:
    """Lines no head between paragraphs (structure_rules.toml [plain] not_heads,
    not_heads_shapes, not_heads_asides)."""
    plain = structure_rules()["plain"]
    return re.compile(
        f"{plain['not_heads']}|{plain['not_heads_shapes']}|{plain['not_heads_asides']}"
    )


@cache
def _contents_name() -> re.Pattern:
    return re.compile(structure_rules()["contents"]["names"])


def is_contents_name(text: str) -> bool:
    """The name of a table of contents (目录, 目 录, Contents), as the whole of a head."""
    return bool(_contents_name().fullmatch(simplified(_LETTER_SPACES.sub("", text.strip()))))


_LETTER_SPACES = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000]+(?=[\u3400-\u9fff])")


# The end of a sentence or a clause: a line of text that ends so runs on or ends a sentence.
_RUNS_ON = re.compile(r"[，,、；;。！？!?：:]")
# A list's bullet opening a line (- item, • item).
_BULLET = re.compile(r"^[-+•▪◦][ \u3000]")


def plain_words(line: str) -> bool:
    """Words without punctuation, or two runs of them joined by one colon, the first longer
    than a field's label, the second of four characters or more (视频会议的鼻祖：视频电话,
    经典问题1:猴子分桃); a label and its value (联系人：张三, 会议地点：三楼会议室) are not;
    nor is a numbered line its numbering did not make a head."""
    if numbering_of(line) or _article_label().fullmatch(line):
        return False  # 第四條 on a line of its own labels an article quoted under it
    if "*" in line:
        return False  # a bold mark that lost its other half: a line the layout broke
    if _BULLET.match(line):
        return False  # - 心理表征有助于组织信息: a list's item, its bullet kept
    if line.startswith("#"):
        return False  # # 设置 GOOS 和 GOARCH: a comment over a line of code, no heading mark
    if _BYLINE_MARK.match(line):
        return False  # ☉張國財, ◎记者 张三: a newspaper's byline
    if _SPOKEN.match(line):
        return False  # 「我哋⋯曾經都擁有過⋯」: words spoken or quoted, no head
    if _SPOKEN_END.search(line):
        return False  # 下面我们展开介绍一下: a lead-in sentence whose stop was lost
    if _SPACED_SIGN.search(line):
        return False  # 摄影 / 王小明, 杭州 · 西湖边: a credit or a place line, spaced apart
    if _not_heads().search(line):
        return False  # 编辑 张三, 此致, 活动现场, 问: a credit, a closing, a caption, a speaker
    if not NOT_PLAIN_HEADING.search(line):
        return True
    unyeared = _YEAR_IN_WORDS.sub("", line)
    if (
        unyeared != line
        and not NOT_PLAIN_HEADING.search(unyeared)
        and not DATE_OR_TIME.search(line)
    ):
        return True  # a year among the head's words (獅隧改善工程爭取2025年動工), no date
    parts = _COLON.split(line)
    return (
        len(parts) == 2
        and len(parts[0].strip()) > _LABEL_MAX
        and len(parts[1].strip()) >= _COLON_SIDE_MIN
        and not any(NOT_PLAIN_HEADING.search(part.strip()) for part in parts)
        and not _SPOKEN_LABEL.search(parts[0].strip())  # 老师对我们说：…: words spoken
        and not _PERSON.search(line)  # 小明的妈妈：你怎么又迟到了呢: a person speaking
        and not FIELD_LABEL.search(parts[0].strip())  # 本次活动的报名截止时间：…: a field
    )


_INTRODUCED_MIN_CHARS = 4


def _introduces(after: str | None, line: str) -> bool:
    """The line under a short line ends in a colon and names it, or is a sentence of three
    clauses or more: it introduces what the short line heads ("心理表征" / "这里转载一个心理
    表征的文章："; "介绍领导和评委" / "接下来，我非常荣幸地介绍一下本次演讲比赛的评委，他们是：")."""
    if after is None or not after.endswith(("：", ":")):
        return False
    if len(line) >= _INTRODUCED_MIN_CHARS and line in after:
        return True
    return (
        len(after) >= _LEAD_IN_MIN_CHARS and len(_CLAUSE_COMMA.findall(after)) >= _LEAD_IN_CLAUSES
    )


def _short_paragraph_under(
    line: str, before: str | None, after: str | None, after_next: str | None
) -> bool:
    """A short line between paragraphs (the one above ends a sentence or announces with a
    colon) over a short paragraph of whole sentences, several times as long as the line and
    half a paragraph of prose at least, and prose under that (CSS3 实现 / 用 CSS3 实现动画，显然，我们想到的是用 animation。 / 首先看下
    ……): a section's head over its first short paragraph."""
    return (
        before is not None
        and bool(_PARAGRAPH_END.search(before[-1:]))
        and after is not None
        and bool(SENTENCE_END.search(after[-1:]))
        and len(after) >= max(SENTENCE_AFTER_RATIO * len(line), PROSE_AROUND_CHARS // 2)
        and not markup.HEADING.match(after)
        and is_prose(after_next)
    )


def _lead_over_numbering(before: str | None, after: str | None, after_next: str | None) -> bool:
    """A short line between paragraphs (the one above ends a sentence) over one sentence that
    leads into a numbering starting at its first head (名单公示的格式 / 公示由标题、正文、附项和落款
    四个部分组成。/ 一、标题): the name of the part the numbered heads divide."""
    if before is None or not _PARAGRAPH_END.search(before[-1:]) or after is None:
        return False
    if not SENTENCE_END.search(after[-1:]) or markup.HEADING.match(after) or find_heading(after):
        return False
    numbered = find_heading(after_next) if after_next else None
    return bool(numbered and not numbered.rest and ordinal_of(numbered) == 1)


_PARAGRAPH_END = re.compile(r"[。！？!?：:”」』]")


# A lead-in sentence ending in a colon is at least this long, its clauses parted by commas
# at least this many times (one comma is a label's or a field's lead: 例如，如下：).
_LEAD_IN_MIN_CHARS = 16
_CLAUSE_COMMA = re.compile(r"[，,]")
_LEAD_IN_CLAUSES = 2


# A sentence's spoken end (下面我们展开介绍一下, 我们来看看吧): a lead-in whose stop was lost.
_SPOKEN_END = re.compile(r"(?:一下|如下|看看|了|吧|呢|吗|嗎|啊|呀|哦|嘛)$")


def _wrapped(after: str | None, after_next: str | None) -> bool:
    """The paragraph under a line is hard-wrapped (a PDF's lines): a line that runs on into the
    next, both as wide as a page's line and as each other."""
    if after is None or after_next is None:
        return False
    bounds = structure_rules()["plain"]
    wider = max(len(after), len(after_next))
    return (
        min(len(after), len(after_next)) >= bounds["wrapped_line_min_chars"]
        and wider - min(len(after), len(after_next)) <= bounds["wrapped_width_slack"] * wider
        and not SENTENCE_END.search(after[-1:])
        and bool(CLAUSE_MARK.search(after + after_next))
    )


# A lone attachment label above an attachment's title: "附件1", "附件：2".
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[：:]?\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?$")


def attachment_title(line: str, before: str | None) -> Heading | None:
    """The title of an attachment, on the line under its label (GB/T 9704 附件)."""
    if (
        before is not None
        and _ATTACHMENT_LABEL.match(before)
        and len(line) <= MAX_HEADING_CHARS
        and not SENTENCE_END.search(line)
        and not CLAUSE_MARK.search(line)
    ):
        return Heading("plain", line, "", "the title of an attachment, under its label")
    return None


_CJK = re.compile(r"[\u3400-\u9fff]")


def title_over_subtitle(line: str, after: str | None) -> Heading | None:
    """The title of a speech or article the text carries, with its subtitle under it
    ("发挥“近”的优势，做足“特”的文章" / "——谈谈新闻摄影的创新创优")."""
    if (
        after is not None
        and SUBTITLE.match(after)
        and not NOT_A_SUBTITLE.match(after)  # (实操步骤 over - 使用线程库……: a list's head or item)
        and len(_CJK.findall(line)) >= HEAD_MIN_CJK  # (Background=255 over —— 背景色: a setting)
        and len(line) <= TITLE_MAX_CHARS
        and not SENTENCE_END.search(line)
        and not line.endswith(("：", ":", "，", ","))
        and not SUBTITLE.match(line)
    ):
        return Heading("plain", line, "", "a title with its subtitle (——…) under it")
    return None
