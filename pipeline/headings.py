"""The heading each line of a text is (or None): each line by its numbering or its look,
then the document's evidence adds heads (context_heads) and takes them away (not_heads)."""

from __future__ import annotations

import re
from dataclasses import replace

from . import head_model, markup
from .context_heads import (
    heads_next_in_sequence,
    heads_of_lists,
    heads_of_parts,
    issued_names,
    issued_titles,
    label_heads,
    labels_over_bullets,
    numbered_sentence_heads,
    question_heads,
    run_in_sentence_heads,
    sibling_plain_heads,
    tagged_headlines,
)
from .glued import collection_stem, piece_prefix, title_stem
from .heading_levels import (
    first_of_a_series,
    first_piece_unnumbered,
    heads_over_numbering,
    nested_between_numbers,
    numbered_between_siblings,
    plain_levels,
    stacked_heads,
)
from .line_shapes import (
    ATTACHMENT_FIRST,
    ATTACHMENT_NEXT,
    MAX_PLAIN_HEADING_CHARS,
    SENTENCE_END,
    genre_ending,
    in_order,
    is_prose,
    line_key,
    title_lexicon,
)
from .marks import WITHHELD_MARK_RE
from .not_heads import (
    bullet_siblings,
    in_a_list,
    under_a_title,
    unmark_cards,
    unmark_contents,
    unmark_contents_name,
    unmark_entry_labels,
    unmark_field_sequences,
    unmark_field_values,
    unmark_fields,
    unmark_introduced_lists,
    unmark_items,
    unmark_lists_in_a_row,
    unmark_lists_over_nothing,
    unmark_lone_label,
    unmark_lone_numbers,
    unmark_marks_over_no_text,
    unmark_repeated_names,
    unmark_runs,
    unmark_sentence_points,
    unmark_unmarked,
)
from .numbering import Heading, find_heading, is_numbered, numbering_of, ordinal_of
from .page import paired_fences
from .plain_heads import (
    attachment_title,
    plain_words,
    section_name,
    standalone_heading,
    title_over_subtitle,
    underlined_heading,
)
from .script import simplified

# A line that opens with a mark or a word that never opens one (的, not 的确): it goes on with
# the line above.
_GOES_ON = re.compile(r"^(?:[、，,。；;）)」』”]|的(?![确士哥]))")


def _broken_item(line: str, after: str | None) -> bool:
    """A long numbered line over a shorter one that ends its sentence (一、條約、……所定之命令 /
    、法規命令及地方自治法規。): an item the page's wrapping broke, not a head over its text."""
    return (
        after is not None
        and len(line) > MAX_PLAIN_HEADING_CHARS
        and numbering_of(line) is not None
        and len(after) < len(line)
        and after.endswith("。")
        and len(SENTENCE_END.findall(after)) == 1
    )


# A fence opening or closing a Markdown code block (```cmake, ~~~).
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def _fenced(lines: list[str]) -> set[int]:
    """The lines of fenced code blocks, their fences included; a fence never closed is a
    stray line of signs, not a block (the page may have lost the other). A block is closed by
    a fence of its opening's signs, as long or longer, with nothing after it (```python inside
    a ``` block is a line of it): page.paired_fences pairs them, this tells which close."""
    opened = ""

    def is_fence(line: str) -> bool:
        nonlocal opened
        fence = _FENCE.match(line)
        if not fence:
            return False
        if not opened:
            opened = fence.group(1)
            return True
        if fence.group(1).startswith(opened) and not line.strip()[len(fence.group(1)) :]:
            opened = ""
            return True
        return False

    return set(paired_fences(lines, is_fence))


def _attachment_notes(lines: list[str]) -> set[int]:
    """The numbered lines that continue the attachment notes (附件：1. 名称 / 2. 名称)."""
    notes: set[int] = set()
    for index, line in enumerate(lines):
        if ATTACHMENT_FIRST.match(line) or index - 1 in notes:
            if index + 1 < len(lines) and ATTACHMENT_NEXT.match(lines[index + 1]):
                notes.add(index + 1)
    return notes


# A Markdown source's escape of a sign it would read as markup (1\. 小結, U\_NAME): the
# heading's text is the sign itself.
# A head highlighted as a whole (### ==每日语录==, the highlight of Obsidian's and other
# editors' Markdown): its text is what the marks hold.
_HIGHLIGHTED = re.compile(r"^==([^=].*?)==$")


# A line of code: no Chinese, and an assignment, a call or a statement's end in it
# (GOOS=js GOARCH=wasm go build, cmake_minimum_required(VERSION 3.14)).
_HAN = re.compile(r"[\u3400-\u9fff]")
_CODE_SIGN = re.compile(r"\w=\S|\w\(|;\s*$")


def _a_line_of_code(line: str) -> bool:
    return not _HAN.search(line) and bool(_CODE_SIGN.search(line))


def _linked(lines: list[str], index: int) -> bool:
    """A marked head that is the text of a link broken over lines: a "[" line above it, a
    "](…)" line under it (a theme's card of a related post)."""
    return (
        0 < index < len(lines) - 1
        and lines[index - 1].rstrip().endswith("[")
        and lines[index + 1].lstrip().startswith("](")
    )


# A sentence of clauses ended by a full stop: what a page set in a heading's tag is prose.
def _a_sentence_of_clauses(text: str) -> bool:
    return text.endswith("。") and ("，" in text or "," in text)


def _numbered_name(text: str) -> Heading | None:
    """A marked head numbered as a kind numbers its heads, over a name a numbered line of text
    would not be read as (5、Android 10/11 存储适配建议: a version's numbers, no arithmetic):
    the source's mark makes it a head, its numbering gives its kind."""
    kind = numbering_of(text)
    match = kind.pattern.match(text) if kind and kind.pattern else None
    if not kind or not match or kind.whole_line or match.end() == len(text):
        return None
    if len(text) > MAX_PLAIN_HEADING_CHARS or SENTENCE_END.search(text):
        return None
    return Heading(kind.kind, text, "", f"{kind.kind} numbering")


def _marked(lines: list[str]) -> list[Heading | None]:
    """Headings marked in the source ("#" lines): their numbering decides their kind, else
    their level does; a sentence of clauses a page set in a heading's tag is prose, and a "#"
    line over a line of code is the code's comment."""
    found: list[Heading | None] = []
    for index, line in enumerate(lines):
        match = markup.HEADING.match(line)
        if not match or (index + 1 < len(lines) and _a_line_of_code(lines[index + 1])):
            found.append(None)
            continue
        if _linked(lines, index):
            found.append(None)  # [ / ## 入手比亚乔x7 / ](/2021/…): a card of a list of links
            continue
        level, text = len(match.group(1)), markup.MD_ESCAPE.sub(r"\1", match.group(2).strip())
        text = _HIGHLIGHTED.sub(r"\1", text)
        text = markup.unwrap(text)[1] if markup.BOLD_LINE.match(text) else text  # ### **…**
        if _a_sentence_of_clauses(text):
            found.append(None)  # 今天，我們迎來第20個中國記者節。: a paragraph in a heading's tag
            continue
        numbered = find_heading(text) or _numbered_name(text)
        if numbered and not numbered.rest:
            why = f"{numbered.why}, marked <h{level}>"
            found.append(Heading(numbered.kind, text, "", why, level))
        else:
            why = f"marked heading <h{level}>"
            found.append(Heading(f"html-h{min(level, 3)}", text, "", why, level))
    return found


def find_headings(
    lines: list[str],
    byline_to: int,
    inline: dict[int, str],
    table: set[int],
    title: str = "",
    thread: bool = False,
    decided: list[tuple[int, float, str]] | None = None,
) -> list[Heading | None]:
    """The heading each line is, or None: each line by its numbering or its look, then the
    document's evidence (runs of heads, lists, the kind's other items, the title). thread: the
    text is a thread of posts, whose short lines are replies: no head by its look alone.
    decided: where the head model's additions and vetoes are told (index, score, what)."""
    table = table | _fenced(lines)  # a code block's lines are no heads (# a shell comment)
    marked = _marked(lines)
    headings: list[Heading | None] = []
    last = max((i for i, line in enumerate(lines) if not WITHHELD_MARK_RE.match(line)), default=0)
    title_key = line_key(title)
    attachment_notes = _attachment_notes(lines)
    # the name of a collection's pieces: the title's, or a collection's title once it is met
    stem = title_stem(title)
    piece = re.compile(piece_prefix(stem) + r"\s*\d{1,2}") if stem else None
    under_title = under_a_title(lines)
    bulleted = bullet_siblings(lines)
    variants = {
        i for i in range(min(len(lines), _TITLE_PART_LINES)) if _title_variant(lines, i, title)
    }
    for index, line in enumerate(lines):
        if index in table or index < byline_to or index in attachment_notes or index in under_title:
            headings.append(None)
            continue
        if index in bulleted and not marked[index]:
            headings.append(None)
            continue
        if piece and piece.fullmatch(line) and line_key(line) != title_key:
            why = "a piece of a collection: the collection's name and the piece's number"
            headings.append(Heading("piece", line, "", why))  # (优秀小学生演讲稿1 under its
            continue  # title 优秀小学生演讲稿15篇: a piece, not a part of the title's copy)
        following = lines[index + 1] if index + 1 < len(lines) else None
        above = lines[index - 1] if index else None
        if _title_copy(markup.unwrap(line)[1], title_key, index, title, following, above):
            headings.append(None)  # the title repeated in the text heads nothing
            continue
        if stem := collection_stem(line):
            piece = re.compile(piece_prefix(stem) + r"\s*\d{1,2}")
            headings.append(None)  # a collection's title, above its pieces
            continue
        if index in inline:
            headings.append(Heading("plain", line, "", inline[index]))
            continue
        before = lines[index - 1] if index else None
        after = lines[index + 1] if index + 1 < len(lines) else None
        if before is not None and title_key and line_key(before) == title_key:
            before = None  # under the title's copy, a line is at the top of the text
        below = index + 2 if after is not None and _ORNAMENTS.fullmatch(after) else index + 1
        found = (
            marked[index]
            or _own_title(lines, index, title, headings)
            or _part_opening(lines, index, title)
            or _document_over_its_parts(lines, index, title, marked, headings)
            or _lone_bulleted_head(lines, index)
            or underlined_heading(line)
            or find_heading(line)
            or attachment_title(line, before)
            or section_name(line, after)
            or title_over_subtitle(line, after)
            or standalone_heading(  # (a row of ornaments under a head sets it off: ◆ ◆ ◆)
                line,
                before,
                lines[below] if below < len(lines) else None,
                lines[below + 1] if below + 1 < len(lines) else None,
            )
        )
        if (
            found
            and found.kind in ("plain", "bold")
            and not found.rest
            and not marked[index]
            and index in variants
        ):
            found = None  # the headline again with a subtitle or a dateline, above the text
        if found and index == last and not found.rest and not marked[index]:
            found = None  # a heading heads something: the last line of a text is not one
        if found and in_a_list(found, before, after):
            found = None
        if found and not found.rest and after and _GOES_ON.match(after) and not marked[index]:
            found = None  # the next line goes on with it: a line the page's wrapping broke
        if found and not found.rest and not marked[index] and _broken_item(line, after):
            found = None
        headings.append(found)
    titled = {
        i
        for i, line in enumerate(lines)
        if _title_copy(
            line,
            title_key,
            i,
            title,
            lines[i + 1] if i + 1 < len(lines) else None,
            lines[i - 1] if i else None,
        )
    }
    titled |= under_title | bulleted | variants
    unmark_lone_numbers(lines, headings)  # first: a lone 一是 stands where a plain head's text does
    sibling_plain_heads(lines, headings, table | titled)
    tagged_headlines(lines, headings, table | titled)
    question_heads(lines, headings, table | titled)
    label_heads(lines, headings, byline_to)
    heads_of_parts(lines, headings, titled)
    issued_titles(lines, headings, title, titled)
    heads_of_lists(lines, headings, titled)
    labels_over_bullets(lines, headings, table | titled)
    numbered_sentence_heads(lines, headings, table | titled)
    run_in_sentence_heads(lines, headings, table | titled)
    heads_next_in_sequence(lines, headings, table | titled)
    if thread:
        _unmark_replies(headings, marked)
    were_heads = {i for i, heading in enumerate(headings) if heading}
    unmark_runs(headings, lines)
    unmark_cards(lines, headings)
    unmark_contents(lines, headings)
    unmark_introduced_lists(lines, headings)
    unmark_items(lines, headings)
    unmark_lists_in_a_row(lines, headings)
    unmark_lists_over_nothing(lines, headings)
    unmark_repeated_names(lines, headings)
    unmark_fields(lines, headings)
    unmark_field_values(lines, headings)
    unmark_field_sequences(lines, headings)
    unmark_entry_labels(lines, headings)
    unmark_contents_name(headings)
    if not thread:  # (a thread's short lines are replies)
        taken_back = {i for i in were_heads if headings[i] is None}
        spared = table | titled | taken_back | set(inline) | attachment_notes
        spared |= set(range(byline_to))
        told = head_model.apply(lines, headings, spared)
        if decided is not None:
            decided.extend(told)
    first_piece_unnumbered(headings)
    stacked_heads(lines, headings, table | titled)
    heads_over_numbering(headings)
    plain_levels(headings)
    first_of_a_series(headings)
    unmark_unmarked(headings)
    unmark_lone_label(headings, byline_to)
    numbered_between_siblings(headings)  # last: the kinds above guard a bold line's mark
    unmark_sentence_points(headings)
    unmark_marks_over_no_text(lines, headings)
    nested_between_numbers(headings)
    for index, heading in enumerate(headings):
        if heading and not is_numbered(heading.kind) and _DECORATION.match(heading.text):
            text = _DECORATION.sub("", heading.text)
            headings[index] = replace(heading, text=text)
    return headings


def _unmark_replies(headings: list[Heading | None], marked: list[Heading | None]) -> None:
    """In a thread of posts, a short line found a head by its look alone (还真是, 等一个4姐调教,
    可以玩猫娘吗？) is a reply: only the heads a post marks or numbers stay."""
    for index, heading in enumerate(headings):
        if heading and heading.kind in _LOOK_KINDS and not marked[index]:
            headings[index] = None


# The kinds of heads found by their look alone (no mark, no numbering).
_LOOK_KINDS = ("plain", "plain-sub")


# A row of ornaments, three signs or more and nothing else (◆ ◆ ◆ ◆ ◆, ＊ ＊ ＊, ···).
_ORNAMENTS = re.compile(r"(?:[^\w\s][ \u3000]*){3,}")


# A mark set before a head without numbering (▌结语, ■ 工作目标): the head's text goes without it.
_DECORATION = re.compile(r"^[▌▍▎▋▊▉■□◆◇●○▶►▷★☆✦❖※]+\s*(?=\S)")


_TITLE_PART_MIN_CHARS = 4


def _heads_prose(line: str, after: str | None) -> bool:
    """A short name right above a paragraph of prose, not a document's name (…的通知) nor an
    issuer's: it heads that paragraph."""
    return (
        is_prose(after)
        and after is not None
        and bool(SENTENCE_END.search(after))
        and len(line) <= MAX_PLAIN_HEADING_CHARS
        and not genre_ending().search(line)
        and not title_lexicon("issuer").fullmatch(simplified(line))
    )


_TITLE_PART_LINES = 6


def _title_copy(
    line: str,
    title_key: str,
    index: int,
    title: str = "",
    after: str | None = None,
    before: str | None = None,
) -> bool:
    """The title repeated in the text, or near the top a part of it on a line of its own
    beside the title's other words (the issuer's name, the document's name under it); not the
    name of another document the title quotes in 《》 or issues (the rules a notice issues,
    whose text follows), nor a short name of the title's words right above a paragraph of
    prose (WXS语法 over the text, under the title 之微信小程序 WXS 语法详解): the text's first
    head; nor a part of the title alone, with the rest of it on no line beside it (名单公示的格式
    under the title 名单公示的格式及范文, between sentences: the head of the text's first part)."""
    key = line_key(line)
    if not title_key or not key:
        return False
    if key == title_key:
        return True
    if _heads_prose(line, after):
        return False
    return (
        index < _TITLE_PART_LINES
        and len(key) >= _TITLE_PART_MIN_CHARS
        and key in title_key
        and f"《{key}》" not in title_key
        and key not in issued_names(title)
        and _beside_its_rest(key, title_key, before, after)
    )


def _beside_its_rest(key: str, title_key: str, before: str | None, after: str | None) -> bool:
    """A part of the title with the title's other words on a line beside it (湖南省教育厅 over
    关于…的通知, a headline over its subtitle, a part beside the headline's copy): the title
    cut in two or said again."""
    for other in (before, after):
        other_key = line_key(other) if other else ""
        if other_key and other_key != key and other_key in title_key:
            return True
    return False


# A title naming a collection of pieces (…（精选13篇）, …15篇): a part of it on a line of its
# own is a piece's name, not the title's copy.
_COLLECTION = re.compile(r"[\d一二三四五六七八九十]+\s*篇")
# Marks a document's name may carry around its words (《钢铁是怎样炼成的》, “饿了吧“).
_NAME_MARKS = re.compile(r"[《》〈〉“”‘’\"']")
# A field's mark (小编：影墨), a letter's salutation (广大市民朋友们：, Dear all:).
_FIELD_MARK = re.compile(r"[：:]")
_SALUTATION = re.compile(r"[^。，,；;！？!?]{2,20}[：:]")
OWN_TITLE_WHY = "the text's own name under the page's headline, ending in its kind of document"
# A text's own name shares at most this part of its pairs of characters with the headline.
_OWN_TITLE_SHARED = 0.5
OWN_PIECE_WHY = "a piece's name under the headline naming its collection, ending in its kind"


# The numberings of a book's part (第一节 …, 第五章 …, 2.3 …) whose head may title a page of its own.
_BOOK_PART_KINDS = ("chapter", "section", "decimal")
PART_OPENING_WHY = (
    "the text's first line, short, over the first numbered head of the book's part the title"
    " heads: the name of what that numbering divides"
)


def _part_opening(lines: list[str], index: int, title: str) -> Heading | None:
    """Under a title that is a book's part's numbered head (第一节 国家赔偿的概念, 第五章…, 2.3 …:
    an e-book reader's page of one section), the text's first line when short plain words
    stand right over a numbered head opening at one (思考 over 一、什么是赔偿, 节 课程概述 over
    一、课程的概念): the name of the part's first division, or a box the book labels, above
    the numbered heads it holds."""
    if index != 0 or len(lines) < 2:
        return None
    part = find_heading(title)
    if part is None or part.kind not in _BOOK_PART_KINDS:
        return None
    line, below = lines[0], find_heading(lines[1])
    if len(line) > MAX_PLAIN_HEADING_CHARS or not plain_words(line) or is_prose(line):
        return None
    if below is None or below.rest or ordinal_of(below) != 1 or below.kind == part.kind:
        return None
    return Heading("part-name", line, "", PART_OPENING_WHY)


# A list's bullet before a line's words (- Day1: 樂山, • 第一步：…).
_BULLET_MARK = re.compile(r"^[-*+•·][ \u3000]+(?=\S)")
LONE_BULLETED_WHY = "a numbered head set after a bullet on a line of its own, over a paragraph"


def _lone_bulleted_head(lines: list[str], index: int) -> Heading | None:
    """A line a bullet opens, alone (no bulleted line above or under it), whose words are a
    numbered head and nothing more (- Day1: 樂山, - 第二步：安装依赖) over a paragraph of prose:
    the head an editor set as a list's only item, no list. Its text goes without the bullet."""
    line = lines[index]
    bullet = _BULLET_MARK.match(line)
    if not bullet or index + 1 >= len(lines) or not is_prose(lines[index + 1]):
        return None
    if index and _BULLET_MARK.match(lines[index - 1]):
        return None
    if _BULLET_MARK.match(lines[index + 1]):
        return None
    text = line[bullet.end() :]
    numbered = find_heading(text)
    if numbered is None or numbered.rest or len(text) > MAX_PLAIN_HEADING_CHARS:
        return None
    return Heading(numbered.kind, text, "", f"{numbered.why}, {LONE_BULLETED_WHY}")


# The numberings that divide a document into its parts (第一章, 一、, 第一部分).
_DOCUMENT_PART_KINDS = ("chapter", "cn-number", "part")
DOCUMENT_OVER_PARTS_WHY = (
    "a document's name, ending in its kind, after a paragraph and right over the first of its"
    " numbered parts"
)


def _document_over_its_parts(
    lines: list[str],
    index: int,
    title: str,
    marked: list[Heading | None],
    headings: list[Heading | None],
) -> Heading | None:
    """A document's name within the text (中国期货业协会网站的组织章程, …议事规则), short plain
    words ending in its kind, after a paragraph that ends its sentence and right over the
    first of the parts it is divided into (第一章 总则, 一、指导思想): the document the text
    quotes whole, whose name heads its parts. Not the headline said again (most of its
    character pairs the title's: the page's own document, its title's copy). Where the text
    has heads of its own above it, the document is quoted within and its parts sit under its
    name (part-name); else it is the text's own and they stand at its level, as a document's
    own name and its parts do on the dev pages."""
    if index == 0 or index + 1 >= len(lines):
        return None
    line, above = lines[index], lines[index - 1]
    if len(line) > MAX_PLAIN_HEADING_CHARS or not plain_words(line) or marked[index]:
        return None
    if not genre_ending().search(line) or title_lexicon("issuer").fullmatch(simplified(line)):
        return None
    if not is_prose(above) or not SENTENCE_END.search(above[-1:]):
        return None
    below = marked[index + 1] or find_heading(lines[index + 1])
    if below is None or below.rest or below.kind not in _DOCUMENT_PART_KINDS:
        return None
    if ordinal_of(below) != 1:
        return None
    key, title_key = line_key(line), line_key(title)
    if title_key and _mostly_the_titles(key, title_key):
        return None  # the headline again, in its own words or cut
    if any(headings[:index]):
        return Heading("part-name", line, "", f"{DOCUMENT_OVER_PARTS_WHY}, quoted in the text")
    return Heading("plain", line, "", DOCUMENT_OVER_PARTS_WHY)


def _own_title(
    lines: list[str], index: int, title: str, headings: list[Heading | None]
) -> Heading | None:
    """A document's name at the top of the text, with nothing but paragraphs above it, that
    ends in its kind (…观后感心得体会, …实验报告, …倡议书, …写作指南) and is no copy of the
    headline: the name of the text (or of a collection's first piece) the page's headline
    stands over, which heads what follows (看《钢铁是怎样炼成的》观后感心得体会 under the
    headline of another piece; 文明城市倡议书 under 文明城市倡议书英语（精选13篇）)."""
    line = lines[index]
    if index >= _TITLE_PART_LINES or index + 1 >= len(lines) or any(headings[:index]):
        return None
    if not all(
        (SENTENCE_END.search(above[-1:]) or _FIELD_MARK.search(above)) and not numbering_of(above)
        for above in lines[:index]
    ):
        return None  # (部分代表发言 under a photo's captions, 如何写好工作总结 under a list)
    below = lines[index + 1]
    if not (is_prose(below) or _SALUTATION.fullmatch(below) or find_heading(below)):
        return None  # (over a short line: a list's entry, or the name over its first head)
    bare = _NAME_MARKS.sub("", line)
    if len(bare) > MAX_PLAIN_HEADING_CHARS or not plain_words(bare):
        return None
    if not genre_ending().search(bare) or title_lexicon("issuer").fullmatch(simplified(bare)):
        return None
    key, title_key = line_key(line), line_key(title)
    if not key or key == title_key:
        return None
    if any(f"《{bare}》" in above for above in lines[:index]):
        return None  # a document the text above names in 《》: issued_titles tells if it heads
    if in_order(key, title_key):  # (the title's words in its order: a cut copy of it)
        if not _COLLECTION.search(title):
            return None  # 操作系统 Lab8 文件系统 实验报告 under 清华大学操作系统课程 ucore Lab8 …
        return Heading("piece", line, "", OWN_PIECE_WHY)  # the first of the pieces it names
    if _mostly_the_titles(key, title_key):
        return None  # most of its words the headline's: the headline said again in other words
    return Heading("plain", line, "", OWN_TITLE_WHY)


def _mostly_the_titles(key: str, title_key: str) -> bool:
    """More than _OWN_TITLE_SHARED of a line's pairs of characters are in the title."""
    pairs = {key[i : i + 2] for i in range(len(key) - 1)}
    return len([pair for pair in pairs if pair in title_key]) > len(pairs) * _OWN_TITLE_SHARED


# A site's names joined by a spaced sign (網 - 重要新聞, 首页 > 新闻, 檢索 / 顯示): a site's
# column or its menu on the text's first lines.
_SITE_PARTS = re.compile(r"\S[ \u3000]+[-/>»|｜·][ \u3000]+\S")
# A piece's number after a collection's name (篇1, 范本一, …汇总篇一, …心得2).
_PIECE_NUMBER = re.compile(
    r"(?:篇|范本|范文|第)\s*[一二三四五六七八九十\d]+|[一二三四五六七八九十\d]+$"
)
# Where a title's pieces part: a colon, a dash, a bar, a space.
_TITLE_PARTS = re.compile(r"[：:—\-|｜\s　]+")


def _title_variant(lines: list[str], index: int, title: str) -> bool:
    """A line at the top of the text, above its first paragraph of prose, that holds the title
    or one of its parts with more words (政策解读图文解读怎么写：深度解析与实用指南 under the title
    政策解读图文解读怎么写; 中新社北京三月五日電 題：老記寒風中苦等代表): the headline again, with
    a subtitle or a dateline, not the head of a section."""
    if index >= _TITLE_PART_LINES or any(is_prose(line) for line in lines[:index]):
        return False
    key, title_key = line_key(lines[index]), line_key(title)
    if not title_key or key == title_key:
        return False
    if _SITE_PARTS.search(lines[index]):
        return True  # 香港政府新聞網 - 重要新聞, 簡易檢索 / 詳目顯示: a site's name and column, its menu
    if _PIECE_NUMBER.search(key):
        return False  # 有关福建的心得体会范本一: a piece of a collection the title names
    parts = [line_key(part) for part in _TITLE_PARTS.split(title)]
    return any(
        len(part) >= _TITLE_PART_MIN_CHARS and part in key and part != key
        for part in [title_key, *parts]
    )
