"""Structure stage: cleaned text -> Markdown intermediate with YAML front matter.

The title is chosen among candidates by evidence (titles.py); heads glued to their text are
split off first (glued.py), a title broken over lines is joined (broken_titles.py) and heads
set off by spaces inside a line are split out (inline_heads.py); headings.py then finds the
heading each line is (by numbering, numbering.py; by its look, plain_heads.py; by the
document's context, context_heads.py and not_heads.py) and heading_levels.py gives their
levels. Here the document is assembled: a heading sentence that opens a long paragraph becomes
a run-in heading (in the outline, but printed at the start of its paragraph); a notice's
byline, addressee, attachment notes and signature (notice_parts.py) are marked for their
layout; editorial marks for withheld text become notes; pipe tables stay tables. Every heading
and the title are explained (doc.explained) for --explain.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

from . import frontmatter, head_model, marks, markup
from .broken_titles import join_broken_titles
from .dates import iso_date, minguo_short_date
from .document import Document
from .errors import DocumentError
from .glued import split_glued, split_title_pieces
from .heading_levels import assign_levels, continued_numberings
from .headings import find_headings
from .inline_heads import split_inline_heads
from .letter_spacing import closed_up
from .line_shapes import DATE_LINE, SUBTITLE, line_key, title_lexicon
from .marks import WITHHELD_MARK_RE
from .normalize import normalize_line
from .notice_parts import (
    DATE_SEARCH_LINES,
    addressee_at,
    attachments_span,
    byline_end,
    short_line_date,
    signature_start,
)
from .page import code_block_lines
from .script import is_traditional_tag, language_tag, simplified
from .structure_data import structure_rules
from .titles import choose_title, is_title_like, signed_writer

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#~|$^@{}])")
_MD_LINE_START = re.compile(r"^(\s*)(?:([-+=:>])|(\d+)([.)]))")


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


# A line of code under a comment: no Chinese, and a call, an assignment or a statement's end
# (cmake_minimum_required(VERSION 3.14), GOOS=js GOARCH=wasm go build …, x = 1;).
_CODE_BELOW = re.compile(
    r"^(?!.*[\u3400-\u9fff])(?:.*[\w.]\(|\s*[A-Za-z_][\w.]*\s*=\S|.*[;{}]\s*$)"
)


def _code_comments(lines: list[str]) -> set[int]:
    """Lines whose "#" is code's, not a heading's mark: inside a fenced code block (```
    … ```), or a lone "# " comment right above a line of code (a shell command copied as
    text without fences). Printed with their mark when they are no heading."""
    found = set(code_block_lines(lines))
    for index, line in enumerate(lines[:-1]):
        if line.startswith("# ") and _CODE_BELOW.search(lines[index + 1]):
            found.add(index)
    return found


# An issuer signing a notice: the title lexicon's issuers, and an office of a government
# (国际交流处, 教育局, 财政厅).
_SIGNING_OFFICE = re.compile(r".{2,30}?(?:处|局|厅|部|委|敬[启上]|谨启)")
# A signature's date in the Republic's years (中華民國112年5月12日, 112年5月12日).
_ROC_DATE_LINE = re.compile(
    r"^(?:中[华華]民[国國]|民[国國])?\s*\d{2,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$"
)


def _signature_date(lines: list[str]) -> str:
    """The date of a notice's signature: a date alone on its line right under its issuer's
    name (东阳市人民政府办公室 / 2023年3月13日), the first such pair (an annex may follow), or "".
    A place over a date (江苏南京 / 2020年2月20日) signs nothing."""
    issuer = title_lexicon("issuer")
    for above, line in itertools.pairwise(line.strip() for line in lines):
        roc = bool(_ROC_DATE_LINE.match(line))
        if not (DATE_LINE.match(line) or roc) or len(above) > 40:
            continue
        key = simplified(above)
        if issuer.fullmatch(key) or _SIGNING_OFFICE.fullmatch(key):
            if roc:  # 中華民國112年5月12日 under 東方國民小學教務處 敬啟
                return short_line_date(line) or minguo_short_date(line, True)
            return short_line_date(line)
    return ""


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


_TITLE_LINE_MAX_INDEX = 8
# A title or a letter-spaced head is closed up however short it is (政 府 新 闻 处, 导 言): the
# body's shorter lines are left spaced only for the heading stage to read.
TITLE_MIN_HAN = HEAD_MIN_HAN = 2


def _above_the_title(original: list[str], kept: list[str], title: str) -> set[str]:
    """The lines a page's text holds above its own title line, when the title was taken from
    that line and they were kept (# 桑弧蓬矢射四方 / iphyer's Blog Website / Blog About over
    # 2024总结 并2025规划): the site's name, tagline and menu, no heads of the document."""
    key = line_key(title)
    if not key or len(kept) != len(original) - 1:
        return set()
    for index, line in enumerate(original[:_TITLE_LINE_MAX_INDEX]):
        if line_key(markup.unwrap(line)[1]) == key:
            return set(original[:index]) if kept[:index] == original[:index] else set()
    return set()


def _a_thread(doc: Document) -> bool:
    """The text is a thread of posts: the cleaner took out enough posts' headers (a forum's
    floors: 2# 发表于 …) by the rules structure_rules.toml [thread] names."""
    bounds = structure_rules()["thread"]
    rules = set(bounds["header_rules"])
    if sum(1 for removal in doc.removed if removal.rule in rules) >= bounds["min_headers"]:
        return True
    said = Counter(
        line.strip()
        for line in doc.text.split("\n")
        if len(line.strip()) >= bounds["quoted_min_chars"] and not markup.HEADING.match(line)
    )
    return sum(1 for count in said.values() if count > 1) >= bounds["quoted_min_lines"]


# Heads found by their look alone: a picture's caption under it in the page is no head.
_LOOK_KINDS = ("plain", "bold", "spaced")
CAPTION_WHY = "a picture's caption: the short line right under a picture in the page's HTML"


def structure(doc: Document) -> Document:
    """Build doc.markdown from doc.text and doc.meta."""
    if doc.kind == "markdown":
        return doc.with_(markdown=doc.text, meta={**doc.meta, **frontmatter.read(doc.text)})
    meta = dict(doc.meta)
    lines, cut = split_glued(doc.text.split("\n"))
    lines, _ = join_broken_titles(lines)  # before the title is chosen: it may be one
    explained: list[str] = []
    original = lines
    removed = tuple(removal.text for removal in doc.removed)
    lines, title, why = choose_title(lines, meta, Path(doc.name).name, doc.evidence, removed)
    meta["title"] = title
    if not meta.get("author") and (writer := signed_writer(title, original)):
        meta["author"] = writer  # 新加坡的务实精神/利亮时: a column's writer after its headline
        why += f"; its writer 「{writer}」 the author"
    above_title = _above_the_title(original, lines, title)
    lines, pieces = split_title_pieces(lines, title)  # 优秀毕业生演讲稿1各位同学，……
    cut |= pieces
    if (closed := closed_up(title, TITLE_MIN_HAN)) != title:  # 政 府 新 闻 处
        meta["title"] = closed
        why = f"{why}; its letter spacing closed up"
    explained.append(f"title: {meta['title']}  <- {why}")
    if (
        [line for line in lines if line.strip()]
        and all(is_title_like(line) for line in lines if line.strip())
        and len([line for line in lines if line.strip()]) == 1
    ):
        raise DocumentError("no text left after the title")  # a title and nothing under it
    if lines and SUBTITLE.match(lines[0]) and "subtitle" not in meta:
        meta["subtitle"] = lines[0]
        lines = lines[1:]
    if not any(lines):
        raise DocumentError("no text left after the title")
    meta["lang"] = meta.get("lang") or language_tag("".join(lines))  # by its script
    dates = list(doc.evidence.dates)
    if not meta.get("date"):
        dated = dates or [short_line_date(line) for line in lines[:DATE_SEARCH_LINES]] + [
            short_line_date(line) if DATE_LINE.match(line) else minguo_short_date(line, False)
            for line in lines[-DATE_SEARCH_LINES:]  # 108/06/19: the Republic's year, signed
        ]
        meta["date"] = next((date for date in dated if date), "")
    signed = _signature_date(lines)
    if signed:  # the notice's own date under its issuer wins over the portal's posting date
        meta["date"] = signed
    if meta.get("date"):
        meta["date"] = iso_date(str(meta["date"])) or meta["date"]
    byline_to = byline_end(lines)

    head_lines = lines[:byline_to]
    lines, inline_at = split_inline_heads(lines[byline_to:])
    lines = head_lines + lines
    inline = {
        index + byline_to: "a short phrase set off by spaces in a paragraph" for index in inline_at
    }
    spans = dict(markup.table_spans(lines))
    table = {index for start, end in spans.items() for index in range(start, end)}
    top = list(itertools.takewhile(lambda line: line in above_title, lines))
    thread = _a_thread(doc)
    decided: list[tuple[int, float, str]] = []  # the head model's additions and vetoes
    headings = find_headings(
        lines, byline_to, inline, table | set(range(len(top))), title, thread, decided
    )
    explained.extend(
        f"no heading: {lines[index]}  <- {head_model.VETOED} ({found:.2f})"
        for index, found, what in decided
        if what == "vetoed"
    )
    captions = {normalize_line(line) for line in doc.evidence.captions}
    for index, heading in enumerate(headings):
        if heading and heading.kind in _LOOK_KINDS and not heading.rest and not heading.marked:
            if lines[index] in captions:  # 大会开幕式 under its photo: the photo's caption
                headings[index] = None
                explained.append(f"no heading: {lines[index]}  <- {CAPTION_WHY}")
    for index, heading in enumerate(headings):
        if heading and lines[index] in cut and not heading.rest:
            why = f"{heading.why}, on a line cut from the text it was glued to"
            headings[index] = replace(heading, why=why)
    at = [index for index, h in enumerate(headings) if h]
    continued = continued_numberings(lines)
    levels = dict(zip(at, assign_levels([h for h in headings if h], continued), strict=True))
    signature_from = signature_start(lines, headings, list(doc.evidence.aligned_right))
    comments = _code_comments(lines)
    blocks: list[str] = []
    run_ins = 0
    addressee = addressee_at(lines, headings, byline_to, signature_from)
    attachments = attachments_span(lines, headings, byline_to, signature_from)
    if byline_to:
        body = "\n\n".join(escape_markdown(line) for line in lines[:byline_to])
        blocks.append(marks.block(marks.BYLINE, body))
    index = byline_to
    while index < len(lines):
        line, heading = lines[index], headings[index]
        if index in spans:  # one table (the next one's header ends it)
            blocks.append(_table_block(lines[index : spans[index]]))
            index = spans[index]
            continue
        if WITHHELD_MARK_RE.match(line):
            note = marks.withheld_note(line, is_traditional_tag(str(meta["lang"])))
            blocks.append(marks.block(marks.WITHHELD, note))
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
            text, why = closed_up(heading.text, HEAD_MIN_HAN), heading.why
            if text != heading.text:  # 导 言: a head set out letter by letter is written whole
                why = f"{why}; its letter spacing closed up"
            explained.append(f"heading {level}: {text}  <- {why}")
            text = escape_markdown(text, block_start=False)
            if not heading.rest:
                blocks.append(f"{'#' * level} {text}")
            else:
                run_ins += 1
                blocks.append(marks.run_in_heading(level, text, run_ins))
                blocks.append(escape_markdown(heading.rest))
        elif index in comments:
            blocks.append(escape_markdown(line))  # a code comment keeps its mark (# 设置 …)
        else:
            # A line marked as a heading that is not one (a title's copy, a run of them) is
            # printed as its text.
            blocks.append(
                escape_markdown(markup.unwrap(line)[1] if markup.HEADING.match(line) else line)
            )
        index += 1
    markdown = frontmatter.write(meta) + "\n" + "\n\n".join(blocks) + "\n"
    return doc.with_(meta=meta, markdown=markdown, explained=(*doc.explained, *explained))
