"""Titles broken into lines by meaning, in the balanced shapes GB/T 9704 asks for (梯形, 菱形).

One splitter for every place a title is set on lines: the PDF title, the DOCX title (explicit
line breaks), the EPUB title page and its cover.

Where a line may end, best first: after `：`; before `——`; after `，` or `；`; after `、`; before
an opening bracket; between two words. Never inside a number such as `第二十一次` or a run of
Latin letters and digits, never before a closing mark or after an opening one (避头尾), never
leaving a line of one or two characters. Among the ways to set the title in the fewest lines
that fit, the one chosen has the best break points and the most even lines, in one of the
allowed shapes: lines growing, shrinking, or growing then shrinking (菱形); never a short line
between two long ones.

Words come from jieba's dictionary (shipped inside the jieba package), segmented the way jieba
does it (the most probable route through the dictionary words the text holds). The dictionary
is indexed once per machine (an SQLite file in the user's cache folder), so a title looks up
its own substrings in milliseconds instead of loading the whole dictionary as jieba does
(about a second for each process).
"""

from __future__ import annotations

import math
import os
import re
import sqlite3
import tempfile
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from pathlib import Path

from .cache import bound, cache_dir
from .render.breaks import AUTOSPACE_WIDEST_EM, script_changes
from .render.compression import marks

Measure = Callable[[str], float]  # a character's width in cells (fonts.CellWidths)
MIN_LINE = 3  # never leave one or two characters alone on a line
MAX_WORD = 6  # longer dictionary entries are idioms and names a title does not break inside
KEPT_INDEXES = 3  # indexes kept: a machine with a few installs does not rebuild in turn

# Cost of ending a line at a break of each kind (lower is better).
COST = {"colon": 0.0, "dash": 0.0, "comma": 1.0, "pause": 3.0, "bracket": 3.0, "word": 5.0}
# A line starting with one of these, as a word of its own, reads as a broken phrase
# ("……重要讲话|的精神", "集体学习|时的"): particles and postpositions belong to what precedes.
WEAK_STARTS = "的了之地得们着过时上中后下里前内外间"
WEAK_START_COST = 4.0
EXTRA_LINE_COST = 2.0
SHAPED_LINES = 4  # a title on more lines (a narrow cover) is held to even lines only  # a line more than the fewest, when that reads better
# Uneven lines: cost per character of difference between a line and the even length, squared.
UNEVEN_COST = 0.6

_PROTECTED = re.compile(
    r"第?[0-9０-９零〇○一二三四五六七八九十百千万两]+"
    r"(?:次|届|年|月|日|号|个|条|章|节|期|批|项|部|周年|季度|五|点|%|％)?"
    r"|[A-Za-z0-9][A-Za-z0-9.]*"
)


# ---------------------------------------------------------------- words


def _dictionary() -> Path:
    """jieba's dictionary file, found without importing jieba (a tenth of a second)."""
    from importlib.util import find_spec

    spec = find_spec("jieba")
    if spec is None or spec.origin is None:
        raise OSError("jieba is not installed")
    return Path(spec.origin).with_name("dict.txt")


def _cache_file() -> Path:
    """The index of the dictionary as installed: named by its size and time, which a new
    version changes (read from the file, not from importlib.metadata, whose import is most of
    a first title's time)."""
    stat = _dictionary().stat()
    return cache_dir() / f"jieba-words-{MAX_WORD}-{stat.st_size}-{stat.st_mtime_ns}.sqlite"


def _build(path: Path) -> None:
    """jieba's dictionary (words of 2..MAX_WORD characters, and the total frequency) as an
    indexed SQLite file: a title looks up its few hundred substrings without loading 350,000
    words."""
    rows, total = [], 0
    raw = _dictionary().read_text("utf-8")
    for row in raw.splitlines():
        parts = row.split(" ")
        if len(parts) < 2:
            continue
        total += int(parts[1])
        if 1 < len(parts[0]) <= MAX_WORD:
            rows.append((parts[0], int(parts[1])))
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    with sqlite3.connect(temporary) as db:
        db.execute("CREATE TABLE words (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
        db.executemany("INSERT OR REPLACE INTO words VALUES (?, ?)", rows)
        db.execute("CREATE TABLE total (value INTEGER)")
        db.execute("INSERT INTO total VALUES (?)", (total,))
    os.replace(temporary, path)
    # Each reinstall of jieba names a new index (6 MB): the older ones are never read again.
    bound(path.parent, "jieba", keep=KEPT_INDEXES)


@cache
def _database() -> sqlite3.Connection:
    path = _cache_file()
    if not path.is_file():
        try:
            _build(path)
        except OSError:  # no writable cache: build it in memory for this process
            path = Path(tempfile.mkdtemp(prefix="publish-words-")) / path.name
            _build(path)
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def _frequencies(candidates: set[str]) -> tuple[dict[str, int], float]:
    """The dictionary's frequency of each candidate that is a word, and log(total)."""
    db = _database()
    found: dict[str, int] = {}
    listed = sorted(candidates)
    for start in range(0, len(listed), 500):
        chunk = listed[start : start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(db.execute(f"SELECT word, freq FROM words WHERE word IN ({marks})", chunk))
    (total,) = db.execute("SELECT value FROM total").fetchone()
    return found, math.log(total)


def words(text: str) -> list[str]:
    """text cut into words: the most probable route through the dictionary's words (jieba's
    method), unknown characters one by one. Traditional script is cut where its simplified
    form is (the dictionary is simplified; the conversion keeps every offset)."""
    from .script import simplified

    written, text = text, simplified(text)
    n = len(text)
    freq, log_total = _frequencies(
        {text[i:j] for i in range(n) for j in range(i + 2, min(n, i + MAX_WORD) + 1)}
    )
    best: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        choice = (math.log(1) - log_total + best[i + 1][0], i + 1)
        for j in range(i + 2, min(n, i + MAX_WORD) + 1):
            f = freq.get(text[i:j])
            if f:
                score = math.log(f) - log_total + best[j][0]
                if score > choice[0]:
                    choice = (score, j)
        best[i] = choice
    cut: list[str] = []
    i = 0
    while i < n:
        j = best[i][1]
        # Characters the dictionary does not join into a word usually make one together
        # (jieba guesses them with its HMM): a run of them stays one unit, particles aside.
        if j == i + 1 and cut and _loose(cut[-1][-1]) and _loose(text[i]) and len(cut[-1]) == 1:
            cut[-1] += text[i]
        else:
            cut.append(text[i:j])
        i = j
    if written == text:
        return cut
    pieces, start = [], 0
    for piece in cut:
        pieces.append(written[start : start + len(piece)])
        start += len(piece)
    return pieces


def _loose(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" and ch not in WEAK_STARTS and ch not in "在和与及或把被对"


# ---------------------------------------------------------------- break points


def _breaks(title: str, with_words: bool) -> dict[int, float]:
    """Position (a line ends before title[position]) -> cost of breaking there."""
    classes = marks()
    found: dict[int, float] = {}

    def put(position: int, kind: str) -> None:
        if 0 < position < len(title):
            found[position] = min(found.get(position, math.inf), COST[kind])

    for index, ch in enumerate(title):
        if ch in "：:":
            put(index + 1, "colon")
        elif ch in "，；,;":
            put(index + 1, "comma")
        elif ch == "、" or (
            ch in "-_/" and 0 < index < len(title) - 1 and title[index - 1].isascii()
        ):
            put(index + 1, "pause")  # also a slug's or a path's separator
        elif title.startswith("——", index) and (index == 0 or title[index - 1] != "—"):
            put(index, "dash")
        elif classes.get(ch) == "opening":
            put(index, "bracket")
    single = {i for i, ch in enumerate(title) if ch in "的了之地得们"}  # without the words
    if with_words:
        position, single = 0, set()
        for word in words(title):
            if len(word) == 1:
                single.add(position)
            position += len(word)
            put(position, "word")
    protected: set[int] = set()
    for match in _PROTECTED.finditer(title):
        protected.update(range(match.start() + 1, match.end()))
    allowed = {}
    for position, cost in found.items():
        after, before = title[position], title[position - 1]
        if position in protected or classes.get(after) in ("closing", "stop"):
            continue
        if classes.get(before) == "opening" or title.startswith("——", position - 1):
            continue
        if after in WEAK_STARTS and position in single:
            cost += WEAK_START_COST
        allowed[position] = cost
    return allowed


def _shaped(lengths: list[float]) -> bool:
    """Growing, shrinking, or growing then shrinking (梯形, 菱形): never a dip."""
    falling = False
    for a, b in pairwise(lengths):
        if b < a:
            falling = True
        elif b > a and falling:
            return False
    return True


def _width(text: str, measure: Measure | None = None) -> float:
    """Width in character cells: by `measure` (the title face's own widths) when given; else
    Chinese characters and full-width forms one, the rest a little over half (digits and
    Latin letters of CJK faces run 0.5 to 0.6 em)."""
    # The gap set between Chinese and Latin text (render/breaks.py: a cell is about an em).
    gaps = script_changes(text) * AUTOSPACE_WIDEST_EM
    if measure is not None:
        return sum(measure(ch) for ch in text) + gaps
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text) + gaps


def _best(
    title: str,
    per_line: int,
    breaks: dict[int, float],
    spare: int = 0,
    measure: Measure | None = None,
) -> list[str] | None:
    """The best way to set title in the fewest lines (or up to `spare` more, each costing
    EXTRA_LINE_COST), from the given break points. Lengths are widths in cells."""
    n = len(title)
    at = [0.0]  # at[i]: the width of title[:i] (with the gaps between Chinese and Latin text)
    for index, ch in enumerate(title):
        gap = AUTOSPACE_WIDEST_EM if index and script_changes(title[index - 1 : index + 1]) else 0
        at.append(at[-1] + _width(ch, measure) + gap)
    points = sorted(breaks)
    fewest = math.ceil(at[n] / per_line)
    best: tuple[float, list[int]] | None = None
    last = fewest + spare
    for lines in range(fewest, fewest + spare + 1):
        if lines > last:
            break
        even = at[n] / lines
        base = EXTRA_LINE_COST * (lines - fewest)

        def walk(start: int, chosen: list[int], cost: float, lines=lines, even=even, base=base):
            nonlocal best
            left = lines - len(chosen) - 1  # breaks still to place
            if left == 0:
                if n - start < MIN_LINE or at[n] - at[start] > per_line:
                    return
                cuts = [0, *chosen, n]
                widths = [at[b] - at[a] for a, b in pairwise(cuts)]
                if lines <= SHAPED_LINES and not _shaped(widths):
                    return
                total = base + cost + UNEVEN_COST * sum((x - even) ** 2 for x in widths) / lines
                if best is None or total < best[0]:
                    best = (total, list(chosen))
                return
            if best is not None and base + cost >= best[0]:
                return  # costs only grow
            for point in points:
                if point - start < MIN_LINE:
                    continue
                if at[point] - at[start] > per_line or n - point < MIN_LINE * left:
                    break
                walk(point, [*chosen, point], cost + breaks[point])

        walk(0, [], 0.0)
        if best is not None:  # one line more may still read better, not two
            last = min(last, lines + 1)
    if best is None:
        return None
    cuts = [0, *best[1], n]
    return [title[a:b] for a, b in pairwise(cuts)]


@cache
def split_title(title: str, per_line: int, measure: Measure | None = None) -> tuple[str, ...]:
    """The title's lines for a measure of per_line Chinese characters (one line when it fits);
    measure: the widths of the title's face (fonts.CellWidths), else Latin letters and digits
    count a little over half."""
    title = title.strip()
    if _width(title, measure) <= per_line or per_line < MIN_LINE:
        return (title,)
    # Punctuation first: the words are looked up only when the marks alone cannot do it.
    lines = _best(title, per_line, _breaks(title, with_words=False), measure=measure)
    if lines is None:
        lines = _best(title, per_line, _breaks(title, with_words=True), spare=3, measure=measure)
    if lines is None:  # no allowed break fits: fill the lines
        lines, line = [], ""
        for ch in title:
            if _width(line + ch, measure) > per_line:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    # A break at a space: the space belongs to neither line (it would shift a centred line).
    return tuple(line.strip() for line in lines)


def break_points(lines: list[str] | tuple[str, ...]) -> list[int]:
    """Where the lines of a title end, as positions in the joined title."""
    points, position = [], 0
    for line in lines[:-1]:
        position += len(line)
        points.append(position)
    return points


def allowed_break(title: str, position: int) -> bool:
    """Whether a line of the title may end before title[position] (any kind of break)."""
    return position in _allowed_breaks(title)


@cache
def _allowed_breaks(title: str) -> frozenset[int]:
    # Asked once for every position of a title: segmented once.
    return frozenset(_breaks(title, with_words=True))
