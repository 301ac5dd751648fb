"""Line-break opportunities Pango does not find by itself, as zero-width spaces (U+200B).

Pango breaks lines after Unicode's line-breaking rules (UAX #14), which treat “ ” ‘ ’ as
ambiguous quotation marks: no break on either side. Chinese text breaks before an opening quote
and after a closing one like before any character, so a line ending in `，` before `“瘦”比` ran
short by the whole group. And a URL or a hash offers no break at all. Here a U+200B goes where
Chinese typesetting allows a break that Pango would not take:

- before “ ‘ when the character before may end a line and is Chinese, after ” ’ when the
  character after may start a line and is Chinese;
- between any two characters of a URL, and of a run of Latin letters, digits and URL
  punctuation long enough to be a hash or a file path (20 characters or more; a Windows
  path's backslashes count), and of a run of 16 digits or more;
- in a word of Latin letters of six or more set among Chinese text (a Chinese character or mark
  within three characters of it, past the ASCII signs that wrap it), at its syllables
  (pyphen's English patterns: Sales|force, in|for|ma|tion), leaving two letters at least before
  the break and three after it: a line of Chinese text runs on to the margin instead of ending
  a word's width early, and weasyprint_cjk.py sets a hyphen where a line ends there (CLREQ:
  a Western word is broken only at a hyphenation point, with a hyphen);
- between any two characters of a code among Chinese text (letters with digits, `JGJ130-2011`;
  an identifier, a capital after a small letter: `使用**NashornSandbox**沙箱`), with the same
  two and three characters kept: a code has no syllables and takes no hyphen, and so do the
  words of a phrase of three words or fewer between Chinese characters (a name or a term:
  `架構圖(langchain pythonlangchain JS/TS的`). Words of Latin running text stay whole;
- between two characters of a run of eight or more signs and letters of other scripts with no
  Chinese character and no space (a formula: `𝑥→𝑞~1~,...,𝑞~𝑁~`), as in code;
- after a comma or semicolon run into the next Latin word (`Safe,Secure,and`: a line then
  breaks there instead of leaving the whole run's width to widened word spaces);
- between any two characters of a run of code (`response.setHeader("Pragma","no-cache");`:
  twelve characters or more without a space, with quotes, brackets or `=` in it), except before
  a closing bracket or punctuation and after an opening bracket, which stay with what they
  close or open: code has no hyphenation, and broken only after its punctuation its parts
  (`"dataSetParamDtoList":`) are as wide as a quarter of a line, which a justified line could
  take only by spacing its letters out; so it breaks where a URL does;
- after the dots of an IPv4 address (`154.56.47.207`);
- after the hyphen or the wave dash of a range of numbers (`2010-2020`, `3000~5000`: Pango
  breaks after a hyphen only before letters, never after a tilde);
- between the dashes of a run of twelve or more (a rule typed as dashes);
- after each pair of a run of ellipses longer than a pair (a table of contents' leader: a
  pair …… is never split, a leader of twenty may end anywhere between its pairs).

And a space a page put between two marks that compression.toml compresses (`） 。`) is not set:
each mark already has its blank half, and the pair is compressed instead (the text layer then
lacks that space, which the check allows: it looks for inserted spaces only).

And between a Chinese character and a Latin letter or digit (`使用Python3和Excel`, `2024年`)
goes a U+2063 INVISIBLE SEPARATOR (add_autospace): the carrier of the small gap Chinese
typesetting sets between the scripts (CSS `text-autospace`, CLREQ), which weasyprint_cjk.py
gives it as letter spacing, none at a line's ends. Pango shapes it as an empty glyph (no
character in the PDF's text layer) and breaks lines beside it as beside a letter: after a Chinese
character before it, before one after it. Not in code (`<code>`, `<pre>`), and not across an
inline tag (a text box's ends cannot be told from a line's ends).

And the last two characters of a heading, a paragraph and a list item are joined by a word
joiner (U+2060, join_last_two), so that none ends on a line of one character (孤字).

A zero-width space is a default-ignorable character: Pango shapes it as an empty glyph, which
weasyprint draws as a move of the pen, not as a character, so the PDF's text layer holds
exactly the source's text. weasyprint_cjk.py gives it no letter spacing and compresses the marks
on either side of it as if it were not there.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, partial
from itertools import pairwise

from .compression import mark_class, marks, pair_compressed

ZWSP = "\u200b"  # a break opportunity
WORD_JOINER = "\u2060"  # no break
# A break at a syllable of a Latin word, where the line then ends with a hyphen: a word joiner
# then a zero-width space (Pango breaks after the space; the pair tells weasyprint_cjk.py that
# the break is a syllable's, not a code's or a URL's, which take no hyphen).
SYLLABLE = WORD_JOINER + ZWSP
SYLLABLE_HYPHEN = "\u2010"  # set at the end of a line broken there (weasyprint_cjk.py)
# A page's hyphenation hint (&shy;): weasyprint hyphenates there by its own line breaking, apart
# from ours (and a word holding one passed for a formula here, broken anywhere: `Multicluste|r`),
# so the PDF sets the word without it, breaking it as any word among Chinese.
SOFT_HYPHEN = "\u00ad"
INVISIBLE = ZWSP + WORD_JOINER  # shaped as empty glyphs: no character in the PDF's text layer
AUTOSPACE = "\u2063"  # the gap between Chinese and Latin text (add_autospace)
# The widest that gap is set in any format (CSS text-autospace's eighth of an em, in the web page
# and EPUB; the PDF's is narrower, weasyprint_cjk.SPACE_GAP_EM): what a title's lines allow for.
AUTOSPACE_WIDEST_EM = 0.125

_URL_CHARS = r"[A-Za-z0-9._~:/?#@!$'()*+,=%\\\-]"  # no & or ;: they end entities
# A run of 16 digits or more is no quantity anyone reads as one (an account or card number, a
# limit of a 64-bit integer): it breaks anywhere too.
_LONG_RUN = re.compile(
    rf"[A-Za-z0-9]{_URL_CHARS}{{19,}}|(?:https?://|www\.){_URL_CHARS}+|\d{{16,}}"
)
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’\-._/]{5,}")
_TAGS = re.compile(r"(<[^>]+>)")
_LEADER = re.compile("(?:……){2,}")
# A rule typed as a run of dashes (`| -- | ------…------ |`, a table's separator kept as text):
# no word, it breaks between any two dashes.
_DASH_RUN = re.compile("-{12,}")
# An IPv4 address: no word, no number a reader reads whole; it breaks after its dots, as a URL
# may (`服务器地址为“154.56.|47.207”` rather than a line ending 2 em short).
_IP_ADDRESS = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_RANGE = re.compile(r"(?<=\d)([-–~～〜])(?=\d)")
# An entity (&lt;) is matched to be left alone: its semicolon is no comma run into a word.
_RUN_ON = re.compile(r"&#?\w+;|(?<=[A-Za-z])([,;])(?=[A-Za-z])")
# Code: 12 or more characters without a space holding a quote, a bracket or `=`; breaks between
# any two characters (not before a closing bracket or punctuation nor after an opening bracket,
# which stay with what they close or open). The text is HTML: an entity (&quot;) is one
# character.
_CODE_RUN = re.compile(r"[!-~]{12,}")
_CODE_SIGNS = frozenset("\"'()[]{}=")
_CODE_NO_BREAK_BEFORE = frozenset(")]}.,;:")
_CODE_NO_BREAK_AFTER = frozenset("([{")
_UNIT = re.compile(r"&#?\w+;|.", re.S)
# A run of signs and letters of other scripts, no Chinese, no space and no general punctuation
# (quotes, dashes, breaks) among them (a formula: `𝑥→𝑞~1~,...,𝑞~𝑁~`): no word and no number,
# it breaks where code does. Eight or more, one of them past ASCII (ASCII runs are the rules
# above's).
_SYMBOL_RUN = re.compile(
    "(?:(?![\u2000-\u206f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])[^\\s<>&]){8,}"
)
_SPACED_MARKS = re.compile(r"(\S)[ \n\t]+(?=(\S))")
_OPENING_QUOTES = "“‘"
_CLOSING_QUOTES = "”’"


def _chinese(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"


def _may_end_line(ch: str) -> bool:
    return _chinese(ch) and marks().get(ch) != "opening"


def _may_start_line(ch: str) -> bool:
    return _chinese(ch) and marks().get(ch) not in ("closing", "stop", "middle")


# ASCII signs that may wrap a word set among Chinese (`\\*\\*NashornSandbox\\*\\*沙箱`: a
# page's Markdown emphasis, escaped); looked past within a few characters.
_ASCII_SIGNS = "".join(chr(c) for c in range(0x21, 0x7F) if not chr(c).isalnum())


# A few Latin words between Chinese characters are a name or a term, not running text
# (`架構圖(langchain pythonlangchain JS/TS的架構`): each breaks as a word among Chinese does.
_PHRASE_WORDS = 3
_PHRASE_REACH = 40  # characters looked at on either side of a word


def _ascii(ch: str) -> bool:
    return " " <= ch <= "~" or ch == "\n"


def _in_short_phrase(text: str, start: int, end: int) -> bool:
    left, right = start, end
    while left > 0 and start - left < _PHRASE_REACH and _ascii(text[left - 1]):
        left -= 1
    while right < len(text) and right - end < _PHRASE_REACH and _ascii(text[right]):
        right += 1
    touches = (left > 0 and _chinese(text[left - 1])) or (
        right < len(text) and _chinese(text[right])
    )
    return touches and len(text[left:right].split()) <= _PHRASE_WORDS


# A word broken among Chinese text keeps at least this many characters before and after the
# break (as hyphenation does: TeX's lefthyphenmin and righthyphenmin): no line starts with the
# last one or two characters of a code or a phone number (`XX221XX3 | 15`).
WORD_PIECE_MIN = (2, 3)
_WORD_END = ".'’-_/"
_IDENTIFIER = re.compile("[a-z][A-Z]")


def hyphenates(word: str) -> bool:
    """Whether a Latin word among Chinese text breaks at its syllables, with a hyphen: letters
    only, and not an identifier (`NashornSandbox`, `iPhone`: a capital after a small letter),
    which breaks anywhere, as a code does."""
    return word.isascii() and word.isalpha() and not _IDENTIFIER.search(word)


@cache
def _syllables():
    import pyphen

    return pyphen.Pyphen(lang="en_US", left=WORD_PIECE_MIN[0], right=WORD_PIECE_MIN[1])


def _embedded_word(match: re.Match, left: str = "", right: str = "") -> str:
    """left, right: the text around the match's text across inline tags (a word in <strong>
    between Chinese characters is among them)."""
    text, start, end = match.string, match.start(), match.end()
    before = (left + text[:start])[-12:].rstrip(_ASCII_SIGNS)
    after = (text[end:] + right)[:12].lstrip(_ASCII_SIGNS)
    near = before[-3:] + after[:3]
    word = match.group(0)
    among_chinese = any(_chinese(ch) for ch in near) or _in_short_phrase(text, start, end)
    if not (among_chinese and re.search("[A-Za-z]", word)):
        return word
    head, tail = WORD_PIECE_MIN
    core = word.rstrip(_WORD_END)  # a stop after the word is no character of it
    if hyphenates(core):
        points = _syllables().positions(core)
        return SYLLABLE.join(word[a:b] for a, b in pairwise([0, *points, len(word)]))
    cut = len(core) - tail
    if cut <= head:
        return word  # too short for a break that leaves both pieces their characters
    return word[:head] + "".join(ZWSP + ch for ch in word[head:cut]) + ZWSP + word[cut:]


# An inline element's tag (text on either side of it runs on in one line).
_INLINE_TAG_PATTERN = r"</?(?:strong|em|b|i|u|span|a|mark|small|code|sub|sup)(?:\s[^>]*)?>"
_INLINE_TAG = re.compile(_INLINE_TAG_PATTERN)


def _beside(parts: list[str], index: int, step: int, reach: int = 12) -> str:
    """Up to `reach` characters of text before (step -1) or after (step 1) parts[index], across
    inline tags only (a block's end is no neighbour)."""
    found = ""
    at = index + step
    while 0 <= at < len(parts) and len(found) < reach:
        if not _INLINE_TAG.fullmatch(parts[at]):
            break
        at += step
        if not 0 <= at < len(parts):
            break
        found = found + parts[at] if step > 0 else parts[at] + found
        at += step
    return found[:reach] if step > 0 else found[-reach:]


def _code_breaks(match: re.Match) -> str:
    run = match.group(0)
    units = _UNIT.findall(run)
    chars = [html.unescape(unit) for unit in units]
    if not _CODE_SIGNS.intersection(chars):
        return run
    out = []
    for index, unit in enumerate(units):
        out.append(unit)
        after = chars[index + 1] if index + 1 < len(units) else ""
        if (
            after
            and after not in _CODE_NO_BREAK_BEFORE
            and chars[index] not in _CODE_NO_BREAK_AFTER
        ):
            out.append(ZWSP)
    return "".join(out)


def _symbol_breaks(match: re.Match) -> str:
    run = match.group(0)
    if run.isascii():
        return run
    out = []
    for before, after in zip(run, run[1:] + " ", strict=True):
        out.append(before)
        if (
            after != " "
            and after not in _CODE_NO_BREAK_BEFORE
            and before not in _CODE_NO_BREAK_AFTER
        ):
            out.append(ZWSP)
    return "".join(out)


def _unspaced(match: re.Match) -> str:
    first = match.group(1)
    return first if pair_compressed(first, match.group(2)) is not None else match.group(0)


def _quote_breaks(text: str) -> str:
    out: list[str] = []
    for index, ch in enumerate(text):
        before = text[index - 1] if index else ""
        after = text[index + 1] if index + 1 < len(text) else ""
        if ch in _OPENING_QUOTES and before and _may_end_line(before):
            out.append(ZWSP)
        out.append(ch)
        if ch in _CLOSING_QUOTES and after and _may_start_line(after):
            out.append(ZWSP)
    return "".join(out)


_HEADING = re.compile(r"(<h[1-6](?![^>]*run-in)[^>]*>)([^<]+)(</h[1-6]>)")
# A paragraph's (or a list item's) last text holding a letter, and what follows it to the
# block's end: inline tags and marks only (`…不知道</strong>。</p>`).
_INLINE = "strong|em|b|i|span|a|mark|u|s|del|ins|q|cite|sup|sub|code"
_BLOCK_END = re.compile(rf"([^<>]+)((?:</?(?:{_INLINE})\b[^>]*>|[^<>\w])*</(?:p|li)>)")


def join_last_two(text: str) -> str:
    """text with its last character, before the marks that end it (`了。”`), joined to what
    comes before by a word joiner: a line break may not part them, so the text's last line
    never holds one character alone (孤字) and the line before ends a character early instead.
    Only a Chinese last character is joined: to the character before it (`4827號）`, `×分。`,
    `说，好。`), across a space (`GSD 了。`: no break after the space either), and with the
    opening marks before it (`》《中`, `说“好”。`: the break before the marks, one of
    add_break_opportunities' zero-width spaces, is taken out)."""
    end = len(text)
    while end and (
        text[end - 1].isspace() or text[end - 1] in INVISIBLE or marks().get(text[end - 1])
    ):
        end -= 1
    if end < 3 or not _chinese(text[end - 1]):
        return text
    start = end - 1  # where the joiner goes: before the last character and its opening marks
    while start and (text[start - 1] == ZWSP or marks().get(text[start - 1]) == "opening"):
        start -= 1
    if not text[:start].strip(INVISIBLE + " \t\n"):
        return text
    opening = text[start : end - 1].replace(ZWSP, "")
    return text[:start] + WORD_JOINER + opening + text[end - 1 :]


def keep_heading_ends(html: str) -> str:
    """Headings (not run-in ones) whose last line cannot be one character alone."""

    def joined(match: re.Match) -> str:
        opening, text, closing = match.groups()
        return opening + join_last_two(text) + closing

    return _HEADING.sub(joined, html)


def keep_paragraph_ends(html: str) -> str:
    """Paragraphs and list items whose last line cannot be one character alone (CLREQ: a
    paragraph does not end on a line of one character)."""
    return _BLOCK_END.sub(lambda m: join_last_two(m.group(1)) + m.group(2), html)


# Two marks with only inline tags between them (`瘟疫）</strong>，`): weasyprint sets them in two
# text boxes, so the compression inside a box (weasyprint_cjk.py) never sees them as a pair.
_INLINE_TAGS = f"(?:{_INLINE_TAG_PATTERN})+"
_MARK_CHARS = mark_class()
# A run-in heading's end and its paragraph's start are set on one line too (`文种。</h2><p>（`).
_RUN_IN_END = re.compile(
    rf"(<h[1-6][^>]*\brun-in\b[^>]*>)([^<]*?)({_MARK_CHARS})(</h[1-6]>\s*<p(?:\s[^>]*)?>)"
    rf"({_MARK_CHARS})"
)
# A space beside the tags (`执行」</strong> ，`: Markdown's emphasis wants one) is not set either,
# as between two marks without tags.
_MARKS_ACROSS_TAGS = re.compile(f"({_MARK_CHARS})(\\s*{_INLINE_TAGS}\\s*)({_MARK_CHARS})")
HALF_WIDTH_CLASS = "halt"  # the print CSS sets the font's half-width forms on it


def compress_across_tags(html: str) -> str:
    """Of two marks parted only by inline tags, the one compression.toml compresses wrapped in
    a span of HALF_WIDTH_CLASS."""

    def wrap(match: re.Match) -> str:
        first, tags, second = match.groups()
        if pair_compressed(first, second) is not None:
            tags = re.sub(r"\s+", "", tags)
        return wrap_pair(first, tags, second)

    def wrap_pair(first: str, tags: str, second: str) -> str:
        which = pair_compressed(first, second)
        if which is None:
            return first + tags + second
        half = f'<span class="{HALF_WIDTH_CLASS}">'
        if which == 0:
            return f"{half}{first}</span>{tags}{second}"
        return f"{first}{tags}{half}{second}</span>"

    def run_in(match: re.Match) -> str:
        opening, text, first, join, second = match.groups()
        return opening + text + wrap_pair(first, join, second)

    return _RUN_IN_END.sub(run_in, _MARKS_ACROSS_TAGS.sub(wrap, html))


def add_break_opportunities(html: str) -> str:
    """The HTML with a U+200B at each break Chinese typesetting allows and Pango would not
    take (in the text between tags only)."""
    parts = _TAGS.split(html.replace(SOFT_HYPHEN, ""))
    original = list(parts)
    for index in range(0, len(parts), 2):  # the text between tags
        text = parts[index]
        if not text:
            continue
        text = _LONG_RUN.sub(lambda m: ZWSP.join(m.group(0)), text)
        if _WORD.search(text):
            left, right = _beside(original, index, -1), _beside(original, index, 1)
            text = _WORD.sub(partial(_embedded_word, left=left, right=right), text)
        if "," in text or ";" in text:
            text = _RUN_ON.sub(lambda m: m.group(1) + ZWSP if m.group(1) else m.group(0), text)
        text = _CODE_RUN.sub(_code_breaks, text)
        if not text.isascii():
            text = _SYMBOL_RUN.sub(_symbol_breaks, text)
        if "." in text:
            text = _IP_ADDRESS.sub(lambda m: m.group(0).replace(".", "." + ZWSP), text)
        if any(dash in text for dash in "-–~～〜"):
            text = _RANGE.sub("\\1" + ZWSP, text)
        if "------------" in text:
            text = _DASH_RUN.sub(lambda m: ZWSP.join(m.group(0)), text)
        if "……" in text:
            text = _LEADER.sub(lambda m: ZWSP.join(re.findall("……", m.group(0))), text)
        if " " in text or "\n" in text:  # pandoc's HTML wraps its lines at spaces
            text = _SPACED_MARKS.sub(_unspaced, text)
        if any(q in text for q in _OPENING_QUOTES + _CLOSING_QUOTES):
            text = _quote_breaks(text)
        parts[index] = text
    return "".join(parts)


# Characters set apart from Latin letters and digits (CSS text-autospace's ideographs: Han, kana,
# bopomofo; not the marks, which have their own blank halves) and the letters and digits.
_IDEOGRAPH = "\u2e80-\u2fff\u3040-\u309f\u30a1-\u30fa\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
_LETTER_OR_DIGIT = "A-Za-z0-9\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_SCRIPT_CHANGE = re.compile(
    f"(?<=[{_IDEOGRAPH}])(?=[{_LETTER_OR_DIGIT}])|(?<=[{_LETTER_OR_DIGIT}])(?=[{_IDEOGRAPH}])"
)
_NO_AUTOSPACE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1>", re.S)


def script_changes(text: str) -> int:
    """How many gaps between Chinese and Latin text `text` (no tags) holds."""
    return 0 if text.isascii() else len(_SCRIPT_CHANGE.findall(text))


def autospaced(text: str) -> str:
    """text (no tags) with AUTOSPACE between each Chinese character and a Latin letter or digit
    beside it."""
    return _SCRIPT_CHANGE.sub(AUTOSPACE, text)


def add_autospace(html: str) -> str:
    """The HTML with AUTOSPACE between Chinese and Latin text (module doc), in the text between
    tags, code aside."""

    def spaced(part: str) -> str:
        pieces = _TAGS.split(part)
        pieces[::2] = [autospaced(piece) for piece in pieces[::2]]
        return "".join(pieces)

    out, at = [], 0
    for code in _NO_AUTOSPACE.finditer(html):
        out += [spaced(html[at : code.start()]), code.group(0)]
        at = code.end()
    out.append(spaced(html[at:]))
    return "".join(out)
