"""The text read as a whole once its lines are cleaned: copies and notes around it.

A page may print the article twice (an excerpt block, then the body) and then another story's
teaser; a document site may put its preview of the document (the opening, cut off with "...")
above the document in full; a forum poster may put a note of their own above a document they
repost; a closing mark may stand at the start of a line broken off the one above it. None of
this shows in a line alone: each is read over the cleaned lines together, and what goes is
recorded under a signal of its own, named in --explain.
"""

from __future__ import annotations

import re

from . import markup
from .document import Removal
from .marks import WITHHELD_MARK_RE
from .script import simplified
from .thresholds import limit
from .titles import overlap

SENTENCE_END = tuple("。！？；：…”’」』）)】〕!?;:")
CLAUSE_PUNCTUATION = re.compile(r"[，、；：。,;:]")
# A line cut off with "...". Each run tried from its start only (the lookbehinds): a search
# would otherwise scan the rest of a long run of dots from every position in it.
TEASER = re.compile(r"(?:(?<!\.)\.{3,}|(?<!…)…+|(?<!。)。{3,})$")
NOT_WORD = re.compile(r"[\W_]+")

HEAD_LINES = limit("clean", "head_lines")
REPEAT_MIN_CHARS = limit("clean", "repeat_min_chars")
REPEAT_MIN_LINES = limit("clean", "repeat_min_lines")
OTHER_STORY_MAX_LINES = limit("clean", "other_story_max_lines")
OTHER_STORY_OVERLAP = limit("clean", "other_story_overlap")
PREVIEW_TAIL_CHARS = limit("clean", "preview_tail_chars")
PREFACE_TITLE_MAX_CHARS = limit("clean", "preface_title_max_chars")
OPENING_HEADLINE_MAX_CHARS = limit("clean", "opening_headline_max_chars")

SIGNAL_REPEATED_COPY = "repeated-copy"  # the article printed a second time
SIGNAL_OTHER_STORY = "other-story"  # another story's teaser after the article's second copy
SIGNAL_PREVIEW = "site-preview"  # the document's opening cut off, above the document in full
SIGNAL_POSTER_PREFACE = "poster-preface"  # a forum poster's note above a reposted document
SIGNAL_GLUED_TAG = "glued-tag"  # a copy farm's tag word after a paragraph's last sentence
SIGNAL_SEO_HEADLINE = "seo-headline"  # a keyword wrapped around the title, in brackets
SIGNAL_JAMMER = "anti-copy-jammer"  # a forum's random characters salted into the text
SIGNAL_SALTED = "salted-junk"  # a site's name spelled with symbols between its characters
SIGNAL_WATERMARK = "watermark"  # a platform's Latin stamp after paragraph upon paragraph
SIGNAL_SUMMARY = "machine-summary"  # a portal's machine-written summary items
SIGNAL_CONTENTS = "contents-list"  # a table of contents: the headings below, listed above them
SIGNAL_RECORD_FIELD = "record-field"  # a date or count field beside the record the rules read
SIGNAL_COLLECTION_INTRO = "collection-intro"  # a site's blurb above a collection's first piece
SIGNAL_REPEATED_BUTTON = "repeated-button"  # a button's label the page repeats (Copy, 有用)
COPY_SIGNALS = (
    SIGNAL_REPEATED_COPY,
    SIGNAL_OTHER_STORY,
    SIGNAL_PREVIEW,
    SIGNAL_POSTER_PREFACE,
    SIGNAL_GLUED_TAG,
    SIGNAL_SEO_HEADLINE,
    SIGNAL_JAMMER,
    SIGNAL_SALTED,
    SIGNAL_WATERMARK,
    SIGNAL_SUMMARY,
    SIGNAL_CONTENTS,
    SIGNAL_RECORD_FIELD,
    SIGNAL_COLLECTION_INTRO,
    SIGNAL_REPEATED_BUTTON,
)
GLUED_TAGS_MIN = limit("clean", "glued_tags_min")

Numbers = dict[str, int]  # a cleaned line -> its line number in the input, for --explain

CONTENTS_MIN_LINES = 2  # one line that names a heading below is a sentence's word, not a list
CONTENTS_ENTRY_MAX_CHARS = 40
# A list's marks before an entry of a table of contents (-   , 1.  , 1.  1.  : nested).
_ENTRY_MARKS = re.compile(r"^(?:(?:[-*+]|\d{1,2}\.)[ \t]+)+")
_CONTENTS_LABEL = re.compile(
    r"\s*(?:文章目[录錄]|目[录錄]|(?i:table of contents|contents|toc))\s*[:：]?\s*"
)


def _removals(signal: str, lines: list[str], numbers: Numbers) -> list[Removal]:
    return [Removal(signal, numbers.get(line, 0), line) for line in lines]


def repeated_copy(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A page that prints the article twice: the second copy goes. What follows the second
    copy, when it is short, cut off mid-sentence and shares next to nothing with the article,
    is the teaser of another story and goes too."""
    seen: dict[str, int] = {}
    for position, line in enumerate(kept):
        first = seen.get(line)
        if first is None:
            if len(line) >= REPEAT_MIN_CHARS:
                seen[line] = position
            continue
        size = position - first
        copy = kept[position : position + size]
        if size < REPEAT_MIN_LINES or copy != kept[first:position]:
            continue
        after = kept[position + size :]
        other = (
            0 < len(after) <= OTHER_STORY_MAX_LINES
            and not after[-1].endswith(SENTENCE_END)
            and overlap("".join(after), "\n".join(copy)) < OTHER_STORY_OVERLAP
        )
        removed = _removals(SIGNAL_REPEATED_COPY, copy, numbers)
        if other:
            removed += _removals(SIGNAL_OTHER_STORY, after, numbers)
        return kept[:position] + ([] if other else after), removed
    return kept, []


_SENTENCE_END = re.compile(r"[。！？!?…][”’」』）)]*$")
_PREVIEW_LABEL = re.compile(r"^[【\[]?(?:推荐阅读|导读|摘要|内容提要|简介)[】\]]?\s*[:：]?\s*")


def site_preview(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A site's preview of the document at the top (its opening, cut off with "..."), when the
    document follows in full: the preview's lines, each found again further down, go. So does
    a labelled cut copy of the lines under it (推荐阅读：随着… above 随着…, in full), and a
    labelled box whose words the text says again below it (简介… over the lead it repeats,
    摘要：… a sentence of the first paragraph): a site's summary box, a copy of the text."""
    for i in range(min(HEAD_LINES, len(kept) - 1)):
        label = _PREVIEW_LABEL.match(simplified(kept[i]))  # 簡介 too: same offsets
        teaser = NOT_WORD.sub("", kept[i][label.end() :] if label else kept[i])
        below = NOT_WORD.sub("", "".join(kept[i + 1 : i + 4]))  # a preview may run over lines
        # A sentence said twice, one under the other, is a refrain's (a title twice is a copy);
        # a box's label before the first says it is the site's.
        again = (
            not label and NOT_WORD.sub("", kept[i + 1]) == teaser and _SENTENCE_END.search(kept[i])
        )
        copied = (
            label is not None
            and label.end() > 0
            and teaser in NOT_WORD.sub("", "".join(kept[i + 1 :]))
        )
        if (
            not again
            and len(teaser) >= PREVIEW_TAIL_CHARS
            and (copied or (below != teaser and below.startswith(teaser)))
        ):
            removed = _removals(SIGNAL_PREVIEW, [kept[i]], numbers)
            return kept[:i] + kept[i + 1 :], removed
    for end in range(min(HEAD_LINES, len(kept))):
        if not TEASER.search(kept[end]):
            continue
        later = NOT_WORD.sub("", "\n".join(kept[end + 1 :]))
        tails = [NOT_WORD.sub("", TEASER.sub("", line))[-PREVIEW_TAIL_CHARS:] for line in kept]
        if len(tails[end]) < PREVIEW_TAIL_CHARS or tails[end] not in later:
            continue
        block = {
            i for i in range(end + 1) if len(tails[i]) == PREVIEW_TAIL_CHARS and tails[i] in later
        }
        removed = _removals(SIGNAL_PREVIEW, [kept[i] for i in sorted(block)], numbers)
        return [line for i, line in enumerate(kept) if i not in block], removed
    return kept, []


def headline_over_opening(line: str) -> bool:
    """A line site_preview took as the text's opening said again that is a headline's shape
    (当前Markdown已经成为最好的编程语言 over 当前Markdown已经成为最好的编程语言，同样的…): short,
    no clause's punctuation, no sentence's end, not cut off. An article may open by saying its
    headline again: such a line at the top is still a title candidate."""
    return (
        0 < len(line) <= OPENING_HEADLINE_MAX_CHARS
        and not CLAUSE_PUNCTUATION.search(line)
        and not line.endswith(SENTENCE_END)
        and not TEASER.search(line)
        and not line.startswith(("#", ">", "[", "【"))
    )


_PREFACE_OPENING = re.compile(r"^(?:说明|转贴说明|转载说明|转帖说明|前言|小记)\s*[:：]")
_POSTSCRIPT = re.compile(r"^(?i:p\.?\s?s)\s*[.:：,，]")


def poster_preface(
    kept: list[str], numbers: Numbers
) -> tuple[list[str], list[Removal], str | None]:
    """A forum poster's note above a reposted document: from a 说明： line at the top to the
    poster's "ps." line, right above the document's title (a short line). The note is the
    poster's, not the document's author's. Also returns that title line (None: no note)."""
    top = kept[: HEAD_LINES + 2]
    start = next(
        (i for i, line in enumerate(top) if _PREFACE_OPENING.match(simplified(line))), None
    )
    if start is None:
        return kept, [], None
    end = next((i for i in range(start, len(top)) if _POSTSCRIPT.match(top[i])), None)
    if end is None or end + 1 >= len(top):
        return kept, [], None
    title = top[end + 1]
    if len(title) > PREFACE_TITLE_MAX_CHARS or CLAUSE_PUNCTUATION.search(title):
        return kept, [], None
    removed = _removals(SIGNAL_POSTER_PREFACE, kept[start : end + 1], numbers)
    return kept[:start] + kept[end + 1 :], removed, title


_CLOSING_MARKS = "」』”）】〕》"  # full-width only: a line of code may open with ")"


def join_closing_marks(kept: list[str]) -> list[str]:
    """A line that opens with a closing mark (」—立體書…) was broken off the line above it: no
    paragraph starts with a closing bracket or quote."""
    joined: list[str] = []
    for line in kept:
        if (
            joined
            and line[:1] in _CLOSING_MARKS
            and not WITHHELD_MARK_RE.match(joined[-1])
            and not markup.unwrap(joined[-1])[0]
            and not markup.table_rows([joined[-1], "|---|"])
        ):
            joined[-1] += line
        else:
            joined.append(line)
    return joined


_GLUED_TAG = re.compile(r"(?<=[。！？!?])\s*(?:[A-Za-z][\w#+.-]{0,15}|[\u3400-\u9fff]{2,4})$")


def glued_tags(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A copy farm glues a tag word after the last sentence of many paragraphs (…帮助开发者成长。前端,
    …担任 CTO。bash). One such ending may be the text's; GLUED_TAGS_MIN of them on a page are
    the farm's, and each goes."""
    found = [(i, match) for i, line in enumerate(kept) if (match := _GLUED_TAG.search(line))]
    if len(found) < GLUED_TAGS_MIN:
        return kept, []
    kept = list(kept)
    removed = []
    for i, match in found:
        removed.append(Removal(SIGNAL_GLUED_TAG, numbers.get(kept[i], 0), match.group(0).strip()))
        kept[i] = kept[i][: match.start()]
    # On such a page, a Latin tag glued to a line without a sentence end too (…第一期github).
    done = {i for i, _ in found}
    for i, line in enumerate(kept):
        match = _LATIN_TAIL.search(line) if i not in done else None
        if match:
            removed.append(Removal(SIGNAL_GLUED_TAG, numbers.get(line, 0), match.group(0)))
            kept[i] = line[: match.start()]
    return kept, removed


_LATIN_TAIL = re.compile(r"(?<=[\u3400-\u9fff])[a-z][\w#+.-]{1,15}$")


_WRAPPED = re.compile(r"^[^（()）]{1,20}?\s*[（(](.{2,60})[）)]$")


def seo_headlines(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A site's search headline wraps the title in keywords (数据运营 英文(如何理解低代码?)) near
    the top, where the title stands on a line of its own: every copy of the wrapper goes."""
    top = kept[: HEAD_LINES + 2]
    plain = {NOT_WORD.sub("", line) for line in top}
    wrappers = set()
    for line in top:
        match = _WRAPPED.match(line)
        if match and NOT_WORD.sub("", match.group(1)) in plain:
            wrappers.add(line)
    if not wrappers:
        return kept, []
    removed = _removals(SIGNAL_SEO_HEADLINE, [line for line in kept if line in wrappers], numbers)
    return [line for line in kept if line not in wrappers], removed


# Discuz's anti-copy jammer: runs of one- or two-character ASCII tokens full of symbols
# (. {* t6 p8 g2 v; y3 p"), on lines of their own or glued to the author's lines. A run has
# JAMMER_MIN_TOKENS tokens or more, JAMMER_MIN_SYMBOLS of its characters symbols, mostly pairs
# of characters. The line is
# read once, chunk by chunk (no pattern that could backtrack over a long line).
_ASCII_CHUNK = re.compile(r"[!-~]+")
_JAMMER_SYMBOLS = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
JAMMER_MIN_TOKENS = 5
JAMMER_MIN_SYMBOLS = 4
# ... and this share of its tokens or more are pairs of characters (t6, M*, f#): code and
# formulas (i = 1; i < n;, - 1) * 4 / 5) are single operators and names between spaces.
JAMMER_PAIR_SHARE = 0.5
# ... and fewer than this many operators standing alone between spaces (a < b || c, x * (1 - t)):
# those are code or a formula.
JAMMER_MAX_OPERATORS = 2
# ... and this many different symbols or more: a jammer's are random ({* v; p" ]+ |4); one or
# two kinds, each after its letter or number, are a list's marks (A. 4 B. 6 C. 7, 1. A 2. B,
# x: 1, y: 2, H, e, l, l, o, 0 \* \* \*): a quiz's options, an answer key, a program's output.
JAMMER_MIN_SYMBOL_KINDS = 3
_OPERATORS = frozenset(
    "= < > + - * / % | & || && == != <= >= => -> += -= *= /= << >> ++ --".split()
)


# On a page whose jammer runs were found (JAMMED_PAGE_RUNS or more), a run with fewer symbols
# is one too: the jammer draws its characters at random, and a run of letters and figures with
# two kinds of symbol (1 X7 X3 f" k6 k- e, + Z! Y6 D9 Z3 K1 d) is its, glued to a head or a
# title. The other conditions stay (pairs, no operators between spaces).
JAMMED_PAGE_RUNS = 2
JAMMED_MIN_SYMBOLS = 2
JAMMED_MIN_SYMBOL_KINDS = 2


def _jammer_runs(line: str, jammed: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each jammer run in the line (jammed: on a page known to be jammed)."""
    runs: list[tuple[int, int]] = []
    current: list[re.Match] = []
    min_symbols = JAMMED_MIN_SYMBOLS if jammed else JAMMER_MIN_SYMBOLS
    min_kinds = JAMMED_MIN_SYMBOL_KINDS if jammed else JAMMER_MIN_SYMBOL_KINDS

    def close() -> None:
        marks = [ch for token in current for ch in token.group(0) if ch in _JAMMER_SYMBOLS]
        symbols = len(marks)
        # A Markdown escape (\[ \] \*: a saved page's task list, - \[ \] CR # 121) is one
        # mark written with its backslash, not a jammer's pair of characters.
        pairs = sum(len(token.group(0)) == 2 and token.group(0)[0] != "\\" for token in current)
        operators = sum(token.group(0) in _OPERATORS for token in current)
        if (
            len(current) >= JAMMER_MIN_TOKENS
            and symbols >= min_symbols
            and pairs >= JAMMER_PAIR_SHARE * len(current)
            and operators < JAMMER_MAX_OPERATORS
            and len(set(marks)) >= min_kinds
        ):
            runs.append((current[0].start(), current[-1].end()))
        current.clear()

    for chunk in _ASCII_CHUNK.finditer(line):
        short = len(chunk.group(0)) <= 2
        joined = bool(current) and not line[current[-1].end() : chunk.start()].strip(" \t")
        if not (short and joined):
            close()
        if short:
            current.append(chunk)
    close()
    return runs


# A jammer whose runs the copy broke up: one random token at a time, on a line of its own or
# after a line's text (考试题型 ,SH))%Cyt / …每小题1分。) +wr2TT~ / Q% / )fuI). A token is random
# when it mixes three kinds of character (capitals, small letters, figures, symbols) with two
# symbols or more that never stand inside a word (. - _ / : @ # do), not all of them "+" (a key
# chord), and letters of both cases; its brackets, if any, do not pair up (x[0]+=1 and O(n^2)
# are code), and it has no quote, tag, statement end or emphasis mark (code and markup).
# Only on a page with LONE_JAMMER_MIN such tokens: then a short token of symbols and letters
# alone on a line is one too (Q%, )fuI). (One dev site shows it so far: a Discuz forum's post
# in a cut copy, bbs-cpa-cpa-cn; Discuz jammers are common on forum copies.)
LONE_JAMMER_MIN = 3
LONE_JAMMER_MAX_CHARS = 10
_WORD_SYMBOLS = frozenset(".-_/:@#")
_PAIRS = {")": "(", "]": "[", "}": "{"}
_LAST_TOKEN = re.compile(rf"(?:^|(?<=\s))([!-~]{{2,{LONE_JAMMER_MAX_CHARS}}})\s*$")
_HAN = re.compile(r"[\u3400-\u9fff]")
# Code and markup a copy leaves (fileName);, if(x){, <i>2</i>, "GitHub"), **IOCs**): a quote, a
# tag, a statement's end, an emphasis mark.
_CODE_LIKE = re.compile(r"[\"'`]|<[/A-Za-z]|[;{)]$|\*\*")


def _paired(token: str) -> bool:
    """Whether the token has brackets or quotes and they all pair up."""
    stack: list[str] = []
    quotes = 0
    seen = False
    for ch in token:
        if ch in "([{":
            stack.append(ch)
            seen = True
        elif ch in _PAIRS:
            seen = True
            if not stack or stack.pop() != _PAIRS[ch]:
                return False
        elif ch in "'\"":
            quotes += 1
            seen = True
    return seen and not stack and quotes % 2 == 0


def _random_token(token: str) -> bool:
    odd = [ch for ch in token if ch in _JAMMER_SYMBOLS and ch not in _WORD_SYMBOLS]
    kinds = (
        any(ch.isupper() for ch in token)
        + any(ch.islower() for ch in token)
        + any(ch.isdigit() for ch in token)
        + any(ch in _JAMMER_SYMBOLS for ch in token)
    )
    both_cases = any(ch.isupper() for ch in token) and any(ch.islower() for ch in token)
    return (
        len(token) >= 3
        and kinds >= 3
        and len(odd) >= 2
        and any(ch != "+" for ch in odd)  # Ctrl+Shift+I: a key chord
        and both_cases
        and "://" not in token
        and not _paired(token)
        and not _CODE_LIKE.search(token)
    )


def _lone_token(token: str) -> bool:
    """A short token of a symbol and letters alone on a line (Q%, )fuI): a jammer's on a page
    that has random ones."""
    return (
        any(ch.isalpha() for ch in token)
        and any(ch in _JAMMER_SYMBOLS and ch not in _WORD_SYMBOLS for ch in token)
        and "://" not in token
        and not _paired(token)
    )


def _lone_jammers(lines: list[str]) -> dict[int, int]:
    """Line index -> where a lone jammer token starts on it (0: the whole line)."""
    strong: dict[int, int] = {}
    weak: dict[int, int] = {}
    for index, line in enumerate(lines):
        match = _LAST_TOKEN.search(line)
        if not match:
            continue
        token, start = match.group(1), match.start(1)
        whole = not line[:start].strip()
        if not whole and not _HAN.search(line[:start]):
            continue  # after a line of words in letters: a name, a version, code
        if _random_token(token):
            strong[index] = start
        elif whole and _lone_token(token):
            weak[index] = start
    if len(strong) < LONE_JAMMER_MIN:
        return {}
    return {**weak, **strong}


# A novel or a text site's anti-copy string: another site's name or a slogan spelled with one
# or two symbols after each of its characters, no space in it, glued to a sentence
# (_a-i/l+e·x^i?a*o~s_h`u_o~.\c¢o?m′, ?第[?一(-看^2書£網¥`?追£最]§新o?章¢#節{). SALT_MIN_GROUPS
# characters or more each followed by symbols, SALT_MIN_KINDS different symbols, SALT_MIN_ODD
# of them marks no sentence, formula or code writes (¢ £ ¥ § ′ · ^ ~ ` \): a formula
# (a+b-c*d/e) or a path (a/b/c) has few kinds and none of these; code has = or ;. A
# converter's pinyin gloss inside it (網(wǎng)) is part of it, and its last characters at the
# line's end. Its first group is one character: the sentence it is glued to keeps its own. Groups are bounded and their characters and symbols are
# disjoint classes: one pass over a long line.
_SALT_MARK = r"[!-/:-@\[-`{-~¢£¥§′·¤°±×÷]"
_SALT_CHAR = r"[^\s!-/:-@\[-`{-~¢£¥§′·¤°±×÷，。、；：？！“”‘’（）《》「」【】…—]"
SALT_MIN_GROUPS = 5
_SALT_GLOSS = r"(?:\([a-zA-Z\u00c0-\u024f]{1,7}\))?"
_SALTED = re.compile(
    rf"{_SALT_MARK}{{0,4}}{_SALT_CHAR}{_SALT_GLOSS}{_SALT_MARK}{{1,4}}"
    rf"(?:{_SALT_CHAR}{{1,2}}{_SALT_GLOSS}{_SALT_MARK}{{1,4}}){{{SALT_MIN_GROUPS - 1},}}"
    rf"(?:{_SALT_CHAR}{{1,2}}$)?"
)
_SALT_MARKS = re.compile(_SALT_MARK)
_SALT_ODD = frozenset("¢£¥§′·^~`\\")
SALT_MIN_KINDS = 5
SALT_MIN_ODD = 2
_SALT_CODE = re.compile(r"[=;]")  # an assignment or a statement's end: code (i=0;i<n;i++)


def _salted_runs(line: str) -> list[tuple[int, int]]:
    """(start, end) of each anti-copy string spelled with symbols in the line."""
    runs = []
    for match in _SALTED.finditer(line):
        text = match.group(0)
        marks = _SALT_MARKS.findall(text)
        if (
            len(set(marks)) >= SALT_MIN_KINDS
            and sum(ch in _SALT_ODD for ch in marks) >= SALT_MIN_ODD
            and not _SALT_CODE.search(text)
        ):
            runs.append(match.span())
    return runs


# A story platform's copy-protection watermark: the same Latin stamp, often with a random
# tail (969Please respect copyright.PENANAcvArsORnNY), glued after the last sentence of
# paragraph upon paragraph and on lines of its own. Told by repetition alone: a Latin run at
# a line's end, after the line's Chinese text or alone, whose first WATERMARK_PREFIX_CHARS
# characters WATERMARK_MIN_GLUED lines or more end with right after a Chinese sentence's end.
# A tutorial's commands said again (安装依赖：npm install --save …) follow a colon, not a
# sentence.
_LATIN_END = re.compile(r"(?:(?<=[^\x00-\x7f])|^)[!-~][ -~]{15,}$")
_SENTENCE_ENDS = ("。", "！", "？", "」", "”", "』")
WATERMARK_PREFIX_CHARS = 16
WATERMARK_MIN_GLUED = 3


def _watermarks(lines: list[str]) -> dict[int, int]:
    """Line index -> where a repeated watermark starts in it."""
    ends: dict[int, re.Match] = {}
    glued: dict[str, int] = {}
    for index, line in enumerate(lines):
        match = _LATIN_END.search(line) if len(line) > WATERMARK_PREFIX_CHARS else None
        if match:
            ends[index] = match
            before = line[: match.start()].rstrip()
            if before.endswith(_SENTENCE_ENDS) and _HAN.search(before):
                key = match.group(0)[:WATERMARK_PREFIX_CHARS]
                glued[key] = glued.get(key, 0) + 1
    stamps = {key for key, count in glued.items() if count >= WATERMARK_MIN_GLUED}
    return {
        index: match.start()
        for index, match in ends.items()
        if match.group(0)[:WATERMARK_PREFIX_CHARS] in stamps
    }


def jammer(lines: list[str], first_line: int) -> tuple[list[str], list[Removal]]:
    """The text less a forum's anti-copy jammer runs (read before the article is looked for:
    the runs look like page debris and would take the author's lines with them)."""
    removed: list[Removal] = []
    out = []
    for number, line in enumerate(lines, first_line):
        runs = _jammer_runs(line) if len(line) >= 9 else []
        for start, end in reversed(runs):
            removed.append(Removal(SIGNAL_JAMMER, number, line[start:end]))
            line = line[:start] + line[end:]
        for start, end in reversed(_salted_runs(line) if len(line) >= 9 else []):
            removed.append(Removal(SIGNAL_SALTED, number, line[start:end]))
            line = line[:start] + line[end:]
        out.append(line)
    if sum(removal.rule == SIGNAL_JAMMER for removal in removed) >= JAMMED_PAGE_RUNS:
        for index, line in enumerate(out):
            runs = _jammer_runs(line, jammed=True) if len(line) >= 9 else []
            for start, end in reversed(runs):
                removed.append(Removal(SIGNAL_JAMMER, first_line + index, line[start:end]))
                line = line[:start] + line[end:]
            out[index] = line
    for index, start in sorted(_watermarks(out).items()):
        removed.append(Removal(SIGNAL_WATERMARK, first_line + index, out[index][start:].strip()))
        out[index] = out[index][:start].rstrip()
    for index, start in sorted(_lone_jammers(out).items()):
        removed.append(Removal(SIGNAL_JAMMER, first_line + index, out[index][start:].strip()))
        out[index] = out[index][:start].rstrip()
    return out, removed


_SUMMARY_END = re.compile(r"以上内容由.{0,20}(?:大模型|AI|人工智能).{0,6}生成")
_SUMMARY_ITEM = re.compile(r"^0\d(?=\S)")


def machine_summary(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A portal's machine-written summary box near the top: the zero-padded items (01…05)
    right above its disclaimer (以上内容由…大模型生成，仅供参考) go, with the disclaimer."""
    end = next(
        (i for i, line in enumerate(kept[: HEAD_LINES + 8]) if _SUMMARY_END.search(line)), None
    )
    if end is None:
        return kept, []
    start = end
    while start > 0 and _SUMMARY_ITEM.match(kept[start - 1]):
        start -= 1
    if start == end:
        return kept, []
    removed = _removals(SIGNAL_SUMMARY, kept[start : end + 1], numbers)
    return kept[:start] + kept[end + 1 :], removed


def contents_list(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A page's table of contents: two or more short lines in a row, each the text of a
    heading marked further down (生活 / 工作 / 展望 above "# 工作" …). The headings stay; their
    list above them goes, unless a line announces it (本文分三部分：): the author's outline."""
    below: dict[str, int] = {}  # a marked heading's words -> its last position
    for index, line in enumerate(kept):
        opening, text, _ = markup.unwrap(line)
        if opening.startswith("#"):
            below[NOT_WORD.sub("", text)] = index

    def entry(index: int) -> bool:
        line = kept[index]
        if markup.unwrap(line)[0] or len(line) > CONTENTS_ENTRY_MAX_CHARS:
            return False
        words = NOT_WORD.sub("", _ENTRY_MARKS.sub("", line))
        return bool(words) and below.get(words, -1) > index

    found: list[int] = []
    index = 0
    while index < len(kept):
        end = index
        while end < len(kept) and entry(end):
            end += 1
        announced = index > 0 and kept[index - 1].rstrip().endswith(("：", ":"))
        if end - index >= CONTENTS_MIN_LINES and not announced:
            found.extend(range(index, end))
            # its label above it (## 目录), and the list's first entry between them when that
            # is the page's own headline, not marked below (* 利用Everything 1.5 进行代码管理)
            for above in (index - 1, index - 2):
                if above >= 0 and _CONTENTS_LABEL.fullmatch(markup.unwrap(kept[above])[1]):
                    found.extend(range(above, index))
                    break
                if (
                    above < 0
                    or markup.unwrap(kept[above])[0]
                    or len(kept[above]) > CONTENTS_ENTRY_MAX_CHARS
                    or kept[above].rstrip().endswith(SENTENCE_END)
                ):
                    break
        index = max(end, index + 1)
    found.extend(_labelled_contents(kept, set(found)))
    if not found:
        return kept, []
    gone = set(found)
    found = sorted(gone)
    removed = _removals(SIGNAL_CONTENTS, [kept[i] for i in found], numbers)
    return [line for i, line in enumerate(kept) if i not in gone], removed


def _labelled_contents(kept: list[str], taken: set[int]) -> list[int]:
    """A list under a contents label (本文目录一览：- …, its first entry glued to the label):
    a page's (本文目录一览, 文章目录, Table of contents) whatever its entries, a bare 目录's
    when each of its two or more entries is a line of the text further down."""
    last: dict[str, int] = {}
    for index, line in enumerate(kept):
        last[NOT_WORD.sub("", _ENTRY_MARKS.sub("", markup.unwrap(line)[1]))] = index
    found: list[int] = []
    for index, line in enumerate(kept):
        label = _GLUED_CONTENTS.match(markup.unwrap(line)[1])
        if index in taken or not label:
            continue
        entries = [label.group(2)] if label.group(2) else []
        end = index + 1
        while end < len(kept) and _ENTRY_MARKS.match(kept[end]):
            entries.append(kept[end])
            end += 1
        words = [NOT_WORD.sub("", _ENTRY_MARKS.sub("", entry)) for entry in entries]
        web = label.group(1) not in {"目录", "目錄"}  # a page's own label, not a document's 目录
        if len(words) >= CONTENTS_MIN_LINES and all(
            word and (web or last.get(word, -1) >= end) for word in words
        ):
            found.extend(range(index, end))
    return found


# A contents label, its list's first entry glued to it or not (本文目录一览:- JSP清除…).
_GLUED_CONTENTS = re.compile(
    r"\s*(本文目[录錄]一览|本文目[录錄]|文章目[录錄]|目[录錄]|(?i:table of contents|contents))"
    r"\s*[:：]\s*(?:[-*+][ \t]*)?(.*)"
)


# A field of the page's record: a short label with no figure (its list mark before it), a
# colon, and a value that is a date, a time or a count alone (閱次:920, 建檔日期:99-02-08,
# Received:2023-07-25). Its label is read through its mark, not its word.
_FIELD = re.compile(
    r"(?:[-*•·]\s*)?(?P<label>[^\s\d:：，。,;；!?！？()（）]{1,10})\s*[:：]\s*(?P<value>.+)"
)
_FIELD_VALUE = re.compile(
    r"(?=.*[\d〇零一二三四五六七八九])[\d〇零一二三四五六七八九十\s\-/.:年月日時时分秒()（）+,，]{1,30}"
    r"|\d[\d,]*\s*(?:次|人次|人|(?i:views?))"
)

_DATED_FIELD = re.compile(r"[年/\-.]")  # a date's separators: a count has none of these


def is_record_field(line: str) -> bool:
    """A line of a date or count field alone: `label: value`, nothing else."""
    field = _FIELD.fullmatch(line.strip())
    return bool(field and _FIELD_VALUE.fullmatch(field.group("value").strip()))


def record_fields(
    kept: list[str], numbers: Numbers, order: list[int], read: set[int], dated: bool
) -> tuple[list[str], list[Removal]]:
    """A date or count field right beside the fields the rules read as the page's record
    (發布單位:… / 發布時間:… over 閱次:920; 資料來源:… / 建檔日期:… / 更新時間:…) is the
    record's too, whatever its label says: it goes, and so does the next one beside it.
    `order` holds the input's line numbers of the text's lines (blank lines left out), `read`
    the numbers of the lines the rules took as fields. A date field stays on a page not
    `dated` yet: the structure stage may read the page's date from it."""
    if not read:
        return kept, []
    position = {number: index for index, number in enumerate(order)}
    record = {position[number] for number in read if number in position}
    fields = {
        i: position[numbers[line]]
        for i, line in enumerate(kept)
        if numbers.get(line) in position
        and is_record_field(line)
        and (dated or not _DATED_FIELD.search(line))
    }
    taken: set[int] = set()
    grew = True
    while grew:
        grew = False
        for i, at in fields.items():
            if i not in taken and (at - 1 in record or at + 1 in record):
                taken.add(i)
                record.add(at)
                grew = True
    if not taken:
        return kept, []
    removed = _removals(SIGNAL_RECORD_FIELD, [kept[i] for i in sorted(taken)], numbers)
    return [line for i, line in enumerate(kept) if i not in taken], removed


# The head of a collection's first piece: 第1篇, …篇一, …篇1 (a 范文 site's pieces), or a
# piece's name numbered one at its end, X（一）, X1 (建军节演讲稿范文（一）, 關于召開股東年會的
# 通知1), its name four characters or more and no attachment's, figure's or table's label.
_FIRST_PIECE = re.compile(
    r"第\s*[一1]\s*篇|.{0,30}?篇\s*[一1]"
    r"|(?!附件|附表|附录|图|表)(?=(?:[^\u3400-\u9fff]*[\u3400-\u9fff]){3})"
    r"[^，。；！？,;!?]{4,30}?(?<![年月日\d])(?:[（(][一1][)）]|(?<=[\u4e00-\u9fff])1)"
)
COLLECTION_HEAD_LINES = 6  # kept lines from the top a first piece's head stands in
COLLECTION_INTRO_LINES = 3  # a site's intro above it is a paragraph or two
_PROSE_MARKS = re.compile(r"[，。！？；,!?;]")


def collection_intro(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A collection of pieces (a 范文 site's 篇一, 篇二, …; X（一）, X（二）) opens with its
    first piece's head near the top; the sentences above it, under the collection's name,
    are the site's blurb about the pieces (在人們越來越相信法律的社會中，合同…那么合同應該怎么
    制定才合適呢？), never a piece's words: they go. Short lines above (the collection's name,
    a date) stay for the title stage; a line announcing the piece with a colon is the text's."""
    for index, line in enumerate(kept[:COLLECTION_HEAD_LINES]):
        text = markup.unwrap(line)[1].strip()
        if index == 0 or len(text) > 40 or _PROSE_MARKS.search(text):
            continue
        if not _FIRST_PIECE.fullmatch(simplified(text)):
            continue
        above = kept[:index]
        blurb = [i for i, other in enumerate(above) if _is_blurb(other)]
        left = [other for i, other in enumerate(above) if i not in blurb]
        if (
            not blurb
            or len(blurb) > COLLECTION_INTRO_LINES
            or above[-1].rstrip().endswith((":", "："))
            # The head would stand at the top, or right under its own name, where the title
            # stage takes it for the title or the title's copy.
            or not left
            or _piece_name(left[-1]) == _piece_name(text)
        ):
            return kept, []
        removed = _removals(SIGNAL_COLLECTION_INTRO, [above[i] for i in blurb], numbers)
        return [other for i, other in enumerate(kept) if i not in blurb], removed
    return kept, []


_PIECE_NUMBER = re.compile(r"\s*(?:篇\s*[一1]|[（(][一1][)）]|1)$")


def _piece_name(line: str) -> str:
    """A piece's head less its number (關于召開股東年會的通知1: 關于召開股東年會的通知)."""
    return NOT_WORD.sub("", _PIECE_NUMBER.sub("", markup.unwrap(line)[1].strip()))


def _is_blurb(line: str) -> bool:
    """A sentence of prose: clause or sentence marks, ten characters or more, no heading."""
    opening, text, _ = markup.unwrap(line)
    return not opening.startswith("#") and len(text) >= 10 and bool(_PROSE_MARKS.search(text))


# A button's label: copy or run a code sample, have it explained, fold it, rate an answer.
_BUTTON = re.compile(
    r"(?:AI\s*)?(?:(?:一键)?(?:复制|拷贝)(?:代码|全部)?|(?:代码)?解读|(?:展开|收起|运行)(?:代码|全部)?"
    r"|有用|没用|有帮助|没帮助|(?i:copy(?:\s+code)?|copied!?|run(?:\s+code)?))"
)
BUTTON_REPEATS = 2  # a label said once may be a word of the text (a heading 运行, a list's 复制)


def repeated_buttons(kept: list[str], numbers: Numbers) -> tuple[list[str], list[Removal]]:
    """A button's label alone on its line, said twice or more on the page (Copy over each code
    sample, 複製代碼 under each, 有用 under each answer, AI 代码解读): the page's buttons, saved
    with the text, go. The label is read in simplified script and without its marks."""
    labels = [bool(_BUTTON.fullmatch(simplified(markup.unwrap(line)[1].strip()))) for line in kept]
    counts: dict[str, int] = {}
    for line, label in zip(kept, labels, strict=True):
        if label:
            key = simplified(markup.unwrap(line)[1].strip()).lower()
            counts[key] = counts.get(key, 0) + 1
    taken = {
        i
        for i, (line, label) in enumerate(zip(kept, labels, strict=True))
        if label and counts[simplified(markup.unwrap(line)[1].strip()).lower()] >= BUTTON_REPEATS
    }
    if not taken:
        return kept, []
    removed = _removals(SIGNAL_REPEATED_BUTTON, [kept[i] for i in sorted(taken)], numbers)
    return [line for i, line in enumerate(kept) if i not in taken], removed
