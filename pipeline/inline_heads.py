"""Heads that stand inside a paragraph's line, set off by spaces (or several after sentence
ends): split out onto lines of their own."""

from __future__ import annotations

import re

from .glued import clause_words

# A line of text whose section heads stand inside it, set off by spaces only
# ("……目标转化为具象的行为改进方案。 内容构成的多维视角 从内容维度分析，……"); a head right
# after a sentence's end with no space before it counts only when the line holds several.
_INLINE_HEAD = re.compile(
    r"(?<=[。！？!?”])([ \u3000]*)([\u3400-\u9fff][^\s，。！？；：、,.!?;:]{1,16}[\u3400-\u9fff])"
    r"(?:([ \u3000]+)(?=[\u3400-\u9fff“「《])|[ \u3000]*$)"
)
_INLINE_HEADS_UNSPACED_MIN = 2
# 的 (not 的确) never opens a head, only goes on with the words before it (的方式完成).
_GOES_ON = re.compile(r"^的(?![确士哥])")
# An article's number set off by a space ("……。第二条 信息披露是指……") opens an article.
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条款项]$")


def split_inline_heads(lines: list[str]) -> tuple[list[str], set[int]]:
    """Lines with the heads that stand inside them (set off by spaces) split out: (lines,
    indexes of the heads)."""
    out: list[str] = []
    heads: set[int] = set()
    for line in lines:
        found = [
            m
            for m in _INLINE_HEAD.finditer(line)
            if not _ARTICLE.match(m.group(2)) and not _GOES_ON.match(m.group(2))
        ]
        # "。head text": no verb of a clause in it (a stray space after "我们要" is no head's)
        found = [m for m in found if m.group(1) or not clause_words().search(m.group(2))]
        glued = [m for m in found if not m.group(1) and m.group(3)]
        if len(glued) < _INLINE_HEADS_UNSPACED_MIN:
            found = [m for m in found if m.group(1)]
        position = 0
        for match in found:
            before = line[position : match.start()].strip()
            if before:
                out.append(before)
            heads.add(len(out))
            out.append(match.group(2))
            position = match.end()
        rest = line[position:].strip()
        if rest:
            out.append(rest)
    return out, heads
