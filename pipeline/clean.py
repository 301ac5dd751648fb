"""Clean stage: remove site cruft by rules kept as data (rules/*.toml), record every removal.

The engine only knows the rule actions; what cruft looks like lives in the TOML files, each rule
with examples that the test suite runs.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from . import frontmatter
from .document import Document, Removal
from .errors import DocumentError, RulesError
from .normalize import INDENT, normalize_line

RULES_DIR = Path(__file__).parent / "rules"
ACTIONS = {
    "front-matter",
    "running-title",
    "meta-line",
    "withheld",
    "cut-tail",
    "drop-line",
    "strip",
}
REGIONS = {"title", "head", "tail", "anywhere"}
META_KEYS = ("title", "date", "author", "source")  # named groups of a pattern that go to meta
HEAD_LINES = 6  # metadata sits within the first few lines under the title
TAIL_START = 0.3  # link lists never start in the first third of a page

# The editorial mark left where the site withheld text. Structure turns it into a styled note.
WITHHELD_MARK = "〔编者注：此处原文约 {count} 字被来源网站隐藏，未能收录。〕"
WITHHELD_MARK_UNKNOWN = "〔编者注：此处有原文被来源网站隐藏，未能收录。〕"
WITHHELD_MARK_RE = re.compile(
    r"^〔编者注：此处(?:原文约 (?P<count>[\d,]+) 字|有原文)被来源网站隐藏，未能收录。〕$"
)

_VALUE_EDGES = INDENT + "【】[]（）()|｜"


@dataclass(frozen=True)
class Rule:
    id: str
    action: str
    where: str
    pattern: re.Pattern | None
    why: str
    match_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()
    min_pairs: int = 1  # meta-line: how many "label：value" pairs the line must hold
    spares_prose: bool = False  # cut-tail: a link box followed by prose is dropped, not cut at


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    labels: dict[str, str]  # meta-line label -> front matter key ("" = drop the value)

    @property
    def ids(self) -> list[str]:
        return [rule.id for rule in self.rules]


def load_rules(extra: Sequence[Path] = (), skip: Iterable[str] = ()) -> RuleSet:
    """The built-in rules, then each extra file's; rules whose id is in skip are left out."""
    rules: list[Rule] = []
    labels: dict[str, str] = {}
    for path in [*sorted(RULES_DIR.glob("*.toml")), *extra]:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise RulesError(f"{path}: cannot load rules: {exc}") from exc
        labels.update(data.get("labels", {}))
        rules.extend(_parse_rule(path, entry) for entry in data.get("rule", []))
    skip = set(skip)
    unknown = skip - {rule.id for rule in rules}
    if unknown:
        raise RulesError(f"--skip-rule: no rule with id {', '.join(sorted(unknown))}")
    return RuleSet(tuple(rule for rule in rules if rule.id not in skip), labels)


def _parse_rule(path: Path, entry: dict) -> Rule:
    rule_id = entry.get("id", "?")
    action, where = entry.get("action"), entry.get("where", "anywhere")
    if action not in ACTIONS or where not in REGIONS:
        raise RulesError(f"{path}: rule {rule_id}: action must be one of {sorted(ACTIONS)}")
    pattern = entry.get("pattern")
    if pattern is None and action not in {"meta-line", "front-matter", "running-title"}:
        raise RulesError(f"{path}: rule {rule_id} has no pattern")
    try:
        compiled = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise RulesError(f"{path}: rule {rule_id}: bad pattern: {exc}") from exc
    examples = entry.get("examples", {})
    return Rule(
        id=rule_id,
        action=action,
        where=where,
        pattern=compiled,
        why=entry.get("why", ""),
        match_examples=tuple(examples.get("match", ())),
        keep_examples=tuple(examples.get("keep", ())),
        min_pairs=int(entry.get("min_pairs", 1)),
        spares_prose=bool(entry.get("spares_prose", False)),
    )


_DATE_PREFIX = re.compile(r"^[\d\-/.:年月日 ]{2,}?\s+(?=\S+\s*[:：])")


def parse_meta_line(line: str, labels: dict[str, str]) -> list[tuple[str, str]] | None:
    """The (label, value) pairs when the line is nothing but "label：value" pairs, else None.

    A bare date or time may come first ("18 15:12:24 栏目:分类作文").
    """
    names = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    pair = re.compile(rf"({names})\s*[:：]\s*(.*?)\s*(?=(?:{names})\s*[:：]|$)")
    prefix = _DATE_PREFIX.match(line)
    position = prefix.end() if prefix else 0
    pairs: list[tuple[str, str]] = []
    for match in pair.finditer(line, position):
        if match.start() != position:
            return None
        position = match.end()
        pairs.append((match.group(1), match.group(2)))
    # A label may stand empty (文档热度：) beside others, never alone.
    if position != len(line) or not any(value for _, value in pairs):
        return None
    return pairs


def meta_of(pairs: list[tuple[str, str]], labels: dict[str, str]) -> dict[str, str]:
    """Front matter values of meta-line pairs (the first value of each key wins)."""
    found: dict[str, str] = {}
    for label, value in pairs:
        key = labels[label]
        value = value.strip(_VALUE_EDGES)  # "2025-03-06 【" before a 【字体：…】 tool
        if key and value and key not in found:
            found[key] = value
    return found


def rule_acts_on(rule: Rule, line: str, labels: dict[str, str]) -> bool:
    """Whether the rule would act on this line, wherever it stood (used by the example tests)."""
    if rule.action == "meta-line":
        pairs = parse_meta_line(line, labels)
        return pairs is not None and len(pairs) >= rule.min_pairs
    if rule.action == "front-matter":
        return frontmatter.find(line) is not None
    if rule.action == "running-title":  # examples: "title|line" pairs
        title, _, text = line.partition("|")
        return title == text
    if rule.action in {"cut-tail", "drop-line"}:
        return rule.pattern.fullmatch(line) is not None
    return rule.pattern.search(line) is not None


def _meta_from(match: re.Match) -> dict[str, str]:
    groups = match.groupdict()
    return {k: groups[k].strip() for k in META_KEYS if groups.get(k) and groups[k].strip()}


class _Cleaner:
    """One pass of the rules over one document's lines."""

    def __init__(self, rules: RuleSet, meta: dict) -> None:
        self.rules = rules
        self.meta = meta
        self.removed: list[Removal] = []
        self.kept: list[str] = []
        self.withheld = 0
        self.running_header = next((r for r in rules.rules if r.action == "running-title"), None)
        self.rules_by_id = {rule.id: rule for rule in rules.rules}

    def note(self, rule: Rule, number: int, text: str, match: re.Match | None = None) -> None:
        self.removed.append(Removal(rule.id, number, text))
        if match is not None:
            for key, value in _meta_from(match).items():
                self.meta.setdefault(key, value)

    def run(self, numbered: list[tuple[int, str]]) -> None:
        tail_from = max(1, int(len(numbered) * TAIL_START))  # never the title line
        skip_to = 0
        for position, (number, line) in enumerate(numbered):
            region = {"anywhere"}
            if position == 0:
                region.add("title")
            if position < HEAD_LINES:
                region.add("head")
            if position >= tail_from:
                region.add("tail")
            if skip_to > position:
                continue
            line = self.line(line, number, region)
            if line is None:
                rule = self.rules_by_id[self.removed[-1].rule]
                links_end = _links_end(numbered, position + 1)
                if rule.spares_prose and _prose_follows(numbered, links_end):
                    # A box of links inside the article (相关阅读 + titles), not its end: drop
                    # the box and read on.
                    box = "\n".join(t for _, t in numbered[position:links_end])
                    self.removed[-1] = Removal(rule.id, number, box)
                    skip_to = links_end
                    continue
                # Cut: the rest of the document is the site's.
                self.removed[-1] = Removal(
                    rule.id, number, "\n".join(t for _, t in numbered[position:])
                )
                return
            if line and position and self.running_title(line, number):
                continue
            if line:
                self.kept.append(line)

    def running_title(self, line: str, number: int) -> bool:
        """A paged document pasted as text repeats its title at the top of every page."""
        title = self.meta.get("title") or (self.kept[0] if self.kept else "")
        if line != title or not self.running_header or len(line) > 60 or line.endswith("。"):
            return False
        self.note(self.running_header, number, line)
        return True

    def line(self, line: str, number: int, region: set[str]) -> str | None:
        """The line with cruft removed ("" if nothing is left; None to cut here)."""
        for rule in self.rules.rules:
            if not line:
                break
            if rule.where not in region:
                continue
            if rule.action == "meta-line":
                pairs = parse_meta_line(line, self.rules.labels)
                if pairs is not None and len(pairs) >= rule.min_pairs:
                    for key, value in meta_of(pairs, self.rules.labels).items():
                        self.meta.setdefault(key, value)
                    self.note(rule, number, line)
                    line = ""
            elif rule.action in {"cut-tail", "drop-line"}:
                match = rule.pattern.fullmatch(line)
                if match:
                    self.note(rule, number, line, match)
                    if rule.action == "cut-tail":
                        return None
                    line = ""
            elif rule.action == "withheld":
                match = rule.pattern.search(line)
                if match:
                    self.note(rule, number, match.group(0).strip(INDENT), match)
                    count = _count(match.groupdict().get("count"))
                    self.withheld += count
                    before = line[: match.start()].strip(INDENT)
                    if before:
                        self.kept.append(before)
                    self.kept.append(
                        WITHHELD_MARK.format(count=f"{count:,}") if count else WITHHELD_MARK_UNKNOWN
                    )
                    line = line[match.end() :].strip(INDENT)
            elif rule.action == "strip":
                for match in reversed(list(rule.pattern.finditer(line))):
                    self.note(rule, number, match.group(0), match)
                    line = (line[: match.start()] + line[match.end() :]).strip(INDENT)
        return line

    def title(self, title: str) -> str:
        """A title from the page's metadata, through the title rules."""
        for rule in self.rules.rules:
            if rule.where == "title" and rule.action == "strip":
                for match in reversed(list(rule.pattern.finditer(title))):
                    self.note(rule, 0, match.group(0))
                    title = (title[: match.start()] + title[match.end() :]).strip(INDENT)
        return title


def clean(doc: Document, rules: RuleSet) -> Document:
    """Remove cruft from doc.text; record removals; put metadata found into doc.meta."""
    meta = dict(doc.meta)
    cleaner = _Cleaner(rules, meta)
    text = doc.text
    front = next((r for r in rules.rules if r.action == "front-matter"), None)
    found = frontmatter.find(text) if front else None
    first_line = 1
    if found:
        data, end = found
        cleaner.note(front, 1, text[:end].strip())
        for key in ("title", "date", "author", "source"):
            if data.get(key) and not meta.get(key):
                meta[key] = str(data[key])
        first_line += text[:end].count("\n")
        text = text[end:]
    if meta.get("title"):
        meta["title"] = normalize_line(cleaner.title(meta["title"]).strip(INDENT))

    lines = [line.strip(INDENT) for line in text.split("\n")]
    numbered = join_hard_wrapped([(n, line) for n, line in enumerate(lines, first_line)])
    cleaner.run(numbered)

    kept = [line if WITHHELD_MARK_RE.match(line) else normalize_line(line) for line in cleaner.kept]
    if not any(not WITHHELD_MARK_RE.match(line) for line in kept):
        raise DocumentError("no text left after cleaning")
    _refuse_listing_pages(kept)
    if cleaner.withheld:
        meta["withheld_chars"] = meta.get("withheld_chars", 0) + cleaner.withheld
    return doc.with_(text="\n".join(kept), meta=meta, removed=(*doc.removed, *cleaner.removed))


_SENTENCE_END = tuple("。！？；：…”’」』）)】〕!?;:")
_TEASER = re.compile(r"(?:\.{3,}|…+|。{3,})$")
MIN_TEASERS, TEASER_SHARE = 4, 0.3


def join_hard_wrapped(numbered: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Join lines that a hard wrap split; blank lines separate paragraphs.

    Only when the text is visibly hard-wrapped: blocks of several lines of about the same
    length. A line joins the next when it fills the wrap width and ends mid-sentence.
    """
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in numbered:
        if line:
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    multi = [block for block in blocks if len(block) > 1]
    if not multi or sum(len(b) for b in multi) < 3:
        return [item for block in blocks for item in block]
    lengths = sorted(len(line) for block in multi for _, line in block[:-1])
    width = lengths[len(lengths) // 2]  # the wrap width: the median of non-final lines
    similar = sum(abs(n - width) <= 2 for n in lengths)
    if width < 10 or len(lengths) < 4 or similar < 0.7 * len(lengths):
        return [item for block in blocks for item in block]
    joined: list[tuple[int, str]] = []
    for block in blocks:
        for index, (number, line) in enumerate(block):
            previous = block[index - 1][1] if index else ""
            if (
                index
                and len(previous) >= width - 2
                and not previous.endswith(_SENTENCE_END)
                and not WITHHELD_MARK_RE.match(line)
            ):
                joined[-1] = (joined[-1][0], joined[-1][1] + line)
            else:
                joined.append((number, line))
    return joined


LINK_MAX_CHARS = 40  # a related-article title, not a paragraph
PROSE_MIN_CHARS = 24


def _links_end(numbered: list[tuple[int, str]], start: int) -> int:
    """Where a run of link-like lines (short, no sentence end) starting at start ends."""
    end = start
    while end < len(numbered):
        text = numbered[end][1]
        if len(text) > LINK_MAX_CHARS or re.search(r"[。！？!?]$", text):
            break
        end += 1
    return end


def _prose_follows(numbered: list[tuple[int, str]], start: int) -> bool:
    """Whether the author's prose goes on after a box of links: two paragraphs at least, each
    a sentence with clauses (a site's footer notices are short and rarely have both)."""
    paragraphs = [
        text
        for _, text in numbered[start : start + 6]
        if len(text) >= PROSE_MIN_CHARS
        and re.search(r"[，,]", text)
        and re.search(r"[。！？!?]$", text)
    ]
    return len(paragraphs) >= 2


def _refuse_listing_pages(lines: list[str]) -> None:
    """An index page of a site is a list of teasers cut off with "...", not a document."""
    long_lines = [line for line in lines if len(line) > 30]
    teasers = [line for line in long_lines if _TEASER.search(line)]
    if len(teasers) >= MIN_TEASERS and len(teasers) >= TEASER_SHARE * len(long_lines):
        raise DocumentError(
            f"looks like a listing page of the site ({len(teasers)} teasers cut off with “...”), "
            "not a document"
        )


def _count(digits: str | None) -> int:
    if not digits:
        return 0
    return int(re.sub(r"\D", "", digits) or 0)
