"""A page saved as Markdown by an archiver: its links and pictures made plain text.

Blog archivers save whole pages as Markdown: the site's menus, category links and buttons come
as `[text](url)` lines, pictures as `![alt](src)`, addresses as `<https://…>`. What the cleaner
must see is what the reader saw: the link's text. Lines that are mostly link text are told
apart the way the HTML reader tells them (html_text.py): they are the page's navigation when
they come in runs (clean.py's link blocks).

Only a text that reads as Markdown (links on several lines) is touched: a plain text with a
lone bracket pair stays as it is.
"""

from __future__ import annotations

import re

from .thresholds import limit

LINK_DENSITY = limit("read", "link_density")
LINK_MIN_CHARS = limit("read", "link_min_chars")
MIN_LINK_LINES = limit("read", "markdown_link_lines")

# A picture, or a picture inside a link: nothing of it is text.
_IMAGE = re.compile(
    r"\[!\[[^\]\n]{0,200}\]\([^)\s]{0,500}(?:\s+\"[^\"\n]{0,200}\")?\)\]\([^)\s]{0,500}\)|!\[[^\]\n]{0,200}\]\([^)\s]{0,500}(?:\s+\"[^\"\n]{0,200}\")?\)"
)
# A link: its text stays. Its text may be an address in <…>.
_LINK = re.compile(r"\[([^\]\n]{0,300})\]\([^)\s]{0,500}(?:\s+\"[^\"\n]{0,200}\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]{1,500})>")
_ESCAPED_BULLET = re.compile(r"^\s*\\\*\s+")
_BULLET = re.compile(r"^\s*[*+-]\s+(?=\S)")
_ESCAPED = re.compile(r"\\([*_#\[\]()<>`\\])")
_HAS_LINK = re.compile(r"\]\([^)\s]{0,500}\)")


def looks_like_markdown(text: str) -> bool:
    """Links on MIN_LINK_LINES lines or more."""
    count = 0
    for line in text.split("\n"):
        if _HAS_LINK.search(line):
            count += 1
            if count >= MIN_LINK_LINES:
                return True
    return False


# A link to a site's home page (/, ./, index.html, https://host/): what it shows is the site's
# name (a blog theme's [bang's blog](/), # [chaomai's Odyssey](/)), or a menu's 首页.
_HOME_LINK = re.compile(
    r"\[([^\]\n]{1,80})\]\((?:\.?/|\.?/?index\.html?|https?://[^/\s)]+/?)(?:\s+\"[^\"\n]{0,200}\")?\)"
)


def home_names(text: str) -> tuple[str, ...]:
    """What the page's links to a site's home page show (its name, as its header and footer
    link it): never a title of the page. Only in a text that reads as Markdown."""
    if not looks_like_markdown(text):
        return ()
    names = (_ESCAPED.sub(r"\1", match.group(1)).strip() for match in _HOME_LINK.finditer(text))
    return tuple(dict.fromkeys(name for name in names if name and "![" not in name))


# A heading that is wholly a link to another page (## [车里的微光](/2024/07/25/…), perhaps as a
# list's item: * ## [title](url)): the head
# of a card of another post (You May Also Enjoy), never one of the text's own sections, whose
# links, where a theme gives them, point into the page (## [背景](#背景)).
_CARD_HEAD = re.compile(
    r"^\s*(?:[*+-]\s+)?(#{1,6})\s+\[([^\]\n]{1,200})\]\((?!#)[^)\s]{1,500}(?:\s+\"[^\"\n]{0,200}\")?\)\s*$"
)


def card_heads(text: str) -> tuple[str, ...]:
    """The headings of a text read as Markdown that are wholly a link to another page, as
    plain_links leaves them (## 车里的微光)."""
    if not looks_like_markdown(text):
        return ()
    found = []
    for line in text.split("\n"):
        match = _CARD_HEAD.match(line)
        if match:
            words = _ESCAPED.sub(r"\1", match.group(2)).strip()
            found.append(f"{match.group(1)} {words}")
    return tuple(found)


def plain_links(text: str) -> tuple[str, tuple[str, ...], list[tuple[int, str]]]:
    """(text with links and pictures as what they show, the lines mostly made of link text,
    the pictures taken out as (line index, picture))."""
    if not looks_like_markdown(text):
        return text, (), []
    lines: list[str] = []
    link_lines: list[str] = []
    pictures: list[tuple[int, str]] = []
    source = text.split("\n")
    for start, end in _spanning_links(source):  # a card: [ / ## 入手比亚乔x7 / ](/2021/…)
        for inside in range(start + 1, end):  # a link's words, never a head of the page
            source[inside] = _HEAD_MARKS.sub("", source[inside]).strip()
            if source[inside]:
                link_lines.append(source[inside])
        source[start] = source[end] = ""
    for index, line in enumerate(source):
        line = _ESCAPED_BULLET.sub("", line)  # "\\* 网址：…": a star the site typed as a bullet
        if "](" not in line and "<http" not in line:
            lines.append(line)
            continue
        pictures.extend((index, match.group(0)) for match in _IMAGE.finditer(line))
        without_images = _IMAGE.sub("", line)
        linked = sum(len(match.group(1).strip()) for match in _LINK.finditer(without_images))
        plain = _AUTOLINK.sub(r"\1", _LINK.sub(lambda m: m.group(1), without_images))
        plain = _ESCAPED.sub(r"\1", plain).strip()
        visible = len(re.sub(r"[\s,，、|*•·-]+", "", _BULLET.sub("", plain)))
        if visible and linked >= LINK_MIN_CHARS and linked >= LINK_DENSITY * visible:
            link_lines.append(_BULLET.sub("", plain).strip())
        lines.append(_BULLET.sub("", plain))
    return "\n".join(lines), tuple(link_lines), pictures


# A link whose text spans lines (a related post's card, its headline as "## …"): "[" alone on
# a line, then "](url)" alone a few lines below.
_CARD_OPEN = re.compile(r"^\s*\[\s*$")
_CARD_CLOSE = re.compile(r"^\s*\]\([^)\s]{0,500}(?:\s+\"[^\"\n]{0,200}\")?\)\s*$")
CARD_MAX_LINES = 8
_HEAD_MARKS = re.compile(r"^\s*#{1,6}\s+")


def _spanning_links(lines: list[str]) -> list[tuple[int, int]]:
    """(opening, closing) line positions of the links whose text spans lines."""
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(lines):
        if _CARD_OPEN.match(lines[index]):
            close = next(
                (
                    other
                    for other in range(index + 1, min(len(lines), index + CARD_MAX_LINES + 1))
                    if _CARD_CLOSE.match(lines[other]) or _CARD_OPEN.match(lines[other])
                ),
                None,
            )
            if close is not None and _CARD_CLOSE.match(lines[close]):
                found.append((index, close))
                index = close
        index += 1
    return found
