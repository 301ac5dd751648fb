"""The prose guard: a line of the author's prose is never removed on a word match alone.

Removers key on words (转载请注明, 扫码关注, 免责声明, 点击进入) and on positions (the page's
head). A sentence of the author's may open with the same words and go on with its own clauses
(转载请注明出处，这是网络写作的基本规矩，但很多自媒体并不遵守。). The guard asks two things of
such a line, both by its shape and without naming any site:

- it is prose-shaped: a sentence that ends with 。！？, long, with several clauses;
- the remover's evidence does not reach its rest: the rule already takes a shorter opening of
  the line (cut at a clause mark) whole, so what follows was matched by a wildcard, and that
  rest holds enough clauses free of site phrases and notice words (page_signals.toml).

A rule whose pattern names the whole line (a withheld notice, an exact boilerplate sentence)
takes no shorter opening and is never stopped; nor is a notice whose every clause is a
notice's (本文为原创文章，转载请注明出处，如有侵权请联系删除。). The thresholds are data
(thresholds.toml [guard]); every line spared is told by `publish clean --explain`.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from .page import signals
from .script import simplified
from .thresholds import limit

PROSE_HAN_CHARS = limit("guard", "prose_han_chars")
PROSE_CLAUSES = limit("guard", "prose_clauses")
FREE_HAN_CHARS = limit("guard", "free_han_chars")

_HAN = re.compile(r"[\u3400-\u9fff]")
_CLAUSE_MARK = re.compile(r"[，,；;、。！？!?：:]")
_SENTENCE_END = re.compile(r"[。！？!?][”’」』）)]*$")


@cache
def _site_words() -> re.Pattern:
    data = tomllib.loads((Path(__file__).parent / "page_signals.toml").read_text("utf-8"))
    found = signals()
    return re.compile(
        "|".join(
            f"(?:{p})"
            for p in (
                found.chrome.pattern,
                found.voice.pattern,
                found.site_words.pattern,
                data["notice_words"]["pattern"],
            )
        )
    )


def prose_shaped(key: str) -> bool:
    """A sentence of the author's by its shape: it ends with 。！？, has PROSE_HAN_CHARS Chinese
    characters and PROSE_CLAUSES clause marks or more."""
    return bool(
        _SENTENCE_END.search(key.rstrip())
        and len(_HAN.findall(key)) >= PROSE_HAN_CHARS
        and len(_CLAUSE_MARK.findall(key)) >= PROSE_CLAUSES
    )


def free_han(text: str) -> int:
    """Chinese characters in the clauses of text that hold no site phrase nor notice word."""
    words = _site_words()
    return sum(
        len(_HAN.findall(clause)) for clause in _CLAUSE_MARK.split(text) if not words.search(clause)
    )


def unsupported_rest(pattern: re.Pattern, key: str) -> str:
    """The part of key that pattern (which takes key whole) took by a wildcard: what follows the
    line's first clause when the pattern takes that clause whole too ("" when it does not: the
    pattern's evidence reaches past a clause, it names a sentence or the whole line, as a
    template's 对于想了解X的读者，本文将是一篇不可错过的文章，… does)."""
    mark = _CLAUSE_MARK.search(key)
    if mark is None or mark.end() >= len(key.rstrip()):
        return ""
    if pattern.fullmatch(key[: mark.end()]) or pattern.fullmatch(key[: mark.start()]):
        return key[mark.end() :]
    return ""


def spares(pattern: re.Pattern, key: str) -> bool:
    """Whether a line (key, in simplified script) that pattern takes whole is the author's
    sentence all the same: prose-shaped, and the rest past the opening the pattern needs holds
    FREE_HAN_CHARS Chinese characters in clauses of the author's."""
    if not prose_shaped(key):
        return False
    rest = unsupported_rest(pattern, key)
    return bool(rest) and free_han(rest) >= FREE_HAN_CHARS


NOTICE_WINDOW = limit("guard", "notice_window")
_MARKED = re.compile(r"^\s*(?:[>|*+-]|#{1,6}\s)|\*\*|\]\(|https?://|www\.|[|｜©]")


def author_lines_follow(below: list[str]) -> bool:
    """Whether the lines right under a notice (转载请注明出处。) go on with the author's text:
    the next NOTICE_WINDOW lines (fewer when the text ends) are plain lines without a site
    phrase or a notice's word, a link, a bar or a box's marks (a poem's lines, a postscript,
    a signature's place and date). A notice alone is no evidence that what follows is the
    site's: the site's own tail under it (links, a licence box, a contact) carries its marks."""
    window = [line.strip() for line in below[:NOTICE_WINDOW] if line.strip()]
    words = _site_words()
    return bool(window) and not any(
        words.search(simplified(line)) or _MARKED.search(line) for line in window
    )


_ITEM_NUMBER = re.compile(r"^\s*\d{1,2}\s*[、.．]")


def spares_head_line(line: str) -> bool:
    """Whether a line the page's head would take by its site phrases (or its position) is a
    sentence of the author's: prose-shaped, with FREE_HAN_CHARS Chinese characters in clauses
    that hold no site phrase nor notice word; never a line where the site speaks of itself
    (本站, 网站, 文档) or to its reader (欢迎关注, 请稍候), nor a numbered item of a help box."""
    key = simplified(line)
    found = signals()
    return (
        prose_shaped(key)
        and not _ITEM_NUMBER.match(key)
        and not found.site_words.search(key)
        and not found.voice.search(key)
        and free_han(key) >= FREE_HAN_CHARS
    )
