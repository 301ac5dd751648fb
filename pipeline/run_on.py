"""Heads run into one long paragraph: a page that lost its line breaks holds 一、…。二、…。三、…
in one line. The line is cut before each marker of an ordered sequence of one numbering
(structure_rules.toml [run_on]): markers numbered one after another, at the line's start or
right after a sentence's end, a colon or a space (chapters and sections of rules after any
word: 制度第一章总则……。第二章……), each followed by text enough to be a section. A run of
1、…；2、…； inside a sentence (after a comma or a semicolon) is a list and stays. A head glued
to the end of the paragraph before it (……确保取得实效。二、工作措施) is cut off too."""

from __future__ import annotations

import re
from functools import cache

from .numerals import number_in
from .structure_data import numbering_pattern, structure_rules

# A sentence's end (then closing quotes or brackets), a colon, or a space: a marker right
# after one opens a section of its own; after a comma or a semicolon it numbers a clause.
_SECTION_BEFORE = re.compile(r"(?:[。！？!?][”’」』）)]*|[：:])[ \u3000]*$|[ \u3000]$")
_LOOK_BACK = 6


@cache
def _settings() -> dict:
    return structure_rules()["run_on"]


@cache
def _markers() -> tuple[tuple[re.Pattern, bool], ...]:
    """The numberings whose ordered markers cut a run-on line, outermost first, each with
    whether its markers glue to the text before them (第一章 after a title's last word)."""
    settings = _settings()
    named = [
        *((name, True) for name in settings["glued_numberings"]),
        *((name, False) for name in settings["numberings"]),
    ]
    return tuple((re.compile(numbering_pattern(f"{{{name}}}")), glues) for name, glues in named)


# Before a marker that glues to the text before it: anything but a clause's mark, an opening
# bracket or quote (……，第2章介绍需求 names a chapter inside a sentence).
_INSIDE_A_CLAUSE = re.compile(r"[，,、；;：:（(《“「]$")


def _opens_a_section(line: str, at: int, *, glues: bool = False) -> bool:
    """A marker at the line's start or right after a sentence's end, a colon or a space (a
    marker that glues: after anything but a clause's mark)."""
    if at == 0:
        return True
    if glues:
        return not _INSIDE_A_CLAUSE.search(line, 0, at)
    return bool(_SECTION_BEFORE.search(line, max(0, at - _LOOK_BACK), at))


def run_on_cuts(line: str, *, within: bool = False) -> list[int]:
    """Where a long line is cut before the markers of an ordered sequence of one numbering (the
    first numbering of [run_on] that shows one); [] when none does. within: the line is a
    section cut from a run-on line, long or not."""
    settings = _settings()
    if len(line) < settings["line_min_chars"] and not within:
        return []
    for marker, glues in _markers():
        found = [
            (match.start(), value)
            for match in marker.finditer(line)
            if _opens_a_section(line, match.start(), glues=glues)
            and (value := number_in(match.group(0))) is not None
        ]
        cuts = [at for run in _runs(found, len(line)) for at, _ in run if at > 0]
        if cuts:
            return cuts
    return []


def _runs(found: list[tuple[int, int]], end: int) -> list[list[tuple[int, int]]]:
    """The runs of markers numbered one after another (1, 2, 3) that start at 1 or at the
    line's start, each holding text enough to be a section up to the next marker."""
    settings = _settings()
    runs: list[list[tuple[int, int]]] = []
    for at, value in found:
        if runs and value == runs[-1][-1][1] + 1:
            runs[-1].append((at, value))
        else:
            runs.append([(at, value)])
    kept = []
    for run in runs:
        if len(run) < settings["markers_min"] or not (run[0][1] in (0, 1) or run[0][0] == 0):
            continue
        ends = [at for at, _ in run[1:]] + [end]
        if all(
            stop - at >= settings["item_min_chars"] for (at, _), stop in zip(run, ends, strict=True)
        ):
            kept.append(run)
    return kept


# What follows a head glued to the end of a paragraph: a short name, no sentence or clause in it.
_TAIL_NAME = re.compile(r"[^，,。！？!?；;、]{2,24}[：:]?")
_SENTENCE_END_BEFORE = re.compile(r"[。！？!?][”’」』）)]*[ \u3000]*$")


def tail_head_cut(line: str) -> int | None:
    """Where a head glued to the end of its paragraph begins (……确保取得实效。二、工作措施: the
    page lost the line break before it): a marker right after the last sentence's end, then a
    short name and nothing else; None when the line ends otherwise."""
    if len(line) < _settings()["tail_line_min_chars"]:
        return None
    for marker, _ in _markers():
        found = [
            m for m in marker.finditer(line, 1) if _SENTENCE_END_BEFORE.search(line, 0, m.start())
        ]
        if not found:
            continue
        last = found[-1]
        name = line[last.end() :]
        if _TAIL_NAME.fullmatch(name) and len(_CJK.findall(name)) >= _NAME_MIN_CJK:
            return last.start()
    return None


_CJK = re.compile(r"[\u3400-\u9fff]")
_NAME_MIN_CJK = 2
