"""A cheap test before a costly pattern: the literal text every match of a pattern contains.

Most lines give most cleaning rules nothing to do; a rule's pattern is tried only on a line that
holds one of its needles (`may_match`), so that a line no rule concerns costs a few substring
tests instead of a scan per rule. The needles are read from the pattern itself when it is
compiled, so a rule is still written as one pattern; a pattern whose matches share no literal
text (or that ignores case) gets no needles and is always tried.
"""

from __future__ import annotations

import re
import re._constants as sre  # type: ignore[import-not-found,unused-ignore]
import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
from collections.abc import Callable
from typing import Any

Needles = tuple[str, ...] | None  # None: no literal is certain, always try the pattern
# A test of a text for the needles (a compiled search for any of them: one call, in C);
# None: always try the pattern.
Screen = Callable[[str], object] | None

_MAX_CHOICES = 12  # more alternatives than this make a poor filter: not worth testing
_MAX_RANGE = 8  # a character class range spanning more characters is not spelled out


def needles(pattern: re.Pattern) -> Needles:
    """Strings of which every match of `pattern` contains at least one; None when there are none
    to tell (the pattern must always be tried)."""
    if pattern.flags & (re.IGNORECASE | re.LOCALE):
        return None
    try:
        parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    except Exception:  # a private parser: on any surprise, no filter
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    found = _sequence(list(parsed))
    return tuple(sorted(found)) if found else None


def screen(pattern: re.Pattern) -> Screen:
    """A search for the pattern's needles: a text it finds nothing in holds no match."""
    found = needles(pattern)
    if found is None:
        return None
    return re.compile("|".join(map(re.escape, found))).search


def may_match(found: Needles, text: str) -> bool:
    """False only when no match of the pattern the needles came from can be in text."""
    if found is None:
        return True
    for needle in found:
        if needle in text:
            return True
    return False


def _score(choices: frozenset[str]) -> float:
    """How well a set of needles filters: long needles good, many alternatives bad."""
    shortest = min(sum(1.0 if ord(c) > 0x2E80 else 0.4 for c in s) for s in choices)
    return shortest / (1 + 0.5 * (len(choices) - 1))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    usable = [c for c in candidates if c and all(c) and len(c) <= _MAX_CHOICES]
    return max(usable, key=_score) if usable else None


def _sequence(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The best needles of a sequence of parsed items (each item that every match passes
    through gives a candidate; consecutive literals make one longer needle)."""
    candidates: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is sre.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append(frozenset([run]))
            run = ""
        found = _item(op, arg)
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset([run]))
    return _best(candidates)


def _item(op: Any, arg: Any) -> frozenset[str] | None:
    if op is sre.SUBPATTERN:
        _group, add_flags, _del_flags, inner = arg
        if add_flags & (re.IGNORECASE | re.LOCALE):
            return None
        return _sequence(list(inner))
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(arg))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, _high, inner = arg
        return _sequence(list(inner)) if low >= 1 else None
    if op is sre.BRANCH:
        union: set[str] = set()
        for alternative in arg[1]:
            found = _sequence(list(alternative))
            if not found:
                return None
            union |= found
        return frozenset(union) if len(union) <= _MAX_CHOICES else None
    if op is sre.IN:
        return _charset(arg)
    return None  # anchors, lookarounds, any-character, categories, group references


def _charset(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        if op is sre.LITERAL:
            chars.add(chr(arg))
        elif op is sre.RANGE and arg[1] - arg[0] < _MAX_RANGE:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        else:  # NEGATE, categories, wide ranges
            return None
    return frozenset(chars) if chars and len(chars) <= _MAX_CHOICES else None
