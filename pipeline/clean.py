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

from .document import Document, PublishError, Removal
from .normalize import normalize_line

RULES_DIR = Path(__file__).parent / "rules"
ACTIONS = {"meta-line", "withheld", "cut-tail", "drop-line", "strip"}
REGIONS = {"head", "tail", "anywhere"}
HEAD_LINES = 6  # metadata sits within the first few lines under the title
TAIL_START = 0.3  # link lists never start in the first third of a page

# The editorial mark left where the site withheld text. Structure turns it into a styled note.
WITHHELD_MARK = "〔编者注：此处原文约 {count} 字被来源网站隐藏，未能收录。〕"
WITHHELD_MARK_UNKNOWN = "〔编者注：此处有原文被来源网站隐藏，未能收录。〕"
WITHHELD_MARK_RE = re.compile(
    r"^〔编者注：此处(?:原文约 (?P<count>[\d,]+) 字|有原文)被来源网站隐藏，未能收录。〕$"
)

_INDENT = " \t\u3000\xa0\u2002\u2003\ufeff"


@dataclass(frozen=True)
class Rule:
    id: str
    action: str
    where: str
    pattern: re.Pattern | None
    why: str
    match_examples: tuple[str, ...] = ()
    keep_examples: tuple[str, ...] = ()


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
            raise ValueError(f"{path}: cannot load rules: {exc}") from exc
        labels.update(data.get("labels", {}))
        rules.extend(_parse_rule(path, entry) for entry in data.get("rule", []))
    skip = set(skip)
    unknown = skip - {rule.id for rule in rules}
    if unknown:
        raise ValueError(f"--skip-rule: no rule with id {', '.join(sorted(unknown))}")
    return RuleSet(tuple(rule for rule in rules if rule.id not in skip), labels)


def _parse_rule(path: Path, entry: dict) -> Rule:
    rule_id = entry.get("id", "?")
    action, where = entry.get("action"), entry.get("where", "anywhere")
    if action not in ACTIONS or where not in REGIONS:
        raise ValueError(f"{path}: rule {rule_id}: action must be one of {sorted(ACTIONS)}")
    pattern = entry.get("pattern")
    if pattern is None and action != "meta-line":
        raise ValueError(f"{path}: rule {rule_id} has no pattern")
    try:
        compiled = re.compile(pattern) if pattern else None
    except re.error as exc:
        raise ValueError(f"{path}: rule {rule_id}: bad pattern: {exc}") from exc
    examples = entry.get("examples", {})
    return Rule(
        id=rule_id,
        action=action,
        where=where,
        pattern=compiled,
        why=entry.get("why", ""),
        match_examples=tuple(examples.get("match", ())),
        keep_examples=tuple(examples.get("keep", ())),
    )


def parse_meta_line(line: str, labels: dict[str, str]) -> dict[str, str] | None:
    """{key: value} when the line is nothing but "label：value" pairs, else None."""
    names = "|".join(sorted(map(re.escape, labels), key=len, reverse=True))
    pair = re.compile(rf"({names})\s*[:：]\s*(.*?)\s*(?=(?:{names})\s*[:：]|$)")
    position, found = 0, {}
    for match in pair.finditer(line):
        if match.start() != position or not match.group(2):
            return None
        position = match.end()
        key = labels[match.group(1)]
        if key and key not in found:
            found[key] = match.group(2)
    if position != len(line) or position == 0:
        return None
    return found


def rule_acts_on(rule: Rule, line: str, labels: dict[str, str]) -> bool:
    """Whether the rule would act on this line, wherever it stood (used by the example tests)."""
    if rule.action == "meta-line":
        return parse_meta_line(line, labels) is not None
    if rule.action in {"cut-tail", "drop-line"}:
        return rule.pattern.fullmatch(line) is not None
    return rule.pattern.search(line) is not None


def clean(doc: Document, rules: RuleSet) -> Document:
    """Remove cruft from doc.text; record removals; put metadata found into doc.meta."""
    lines = [line.strip(_INDENT) for line in doc.text.split("\n")]
    numbered = [(number, line) for number, line in enumerate(lines, 1) if line]
    meta = dict(doc.meta)
    removed: list[Removal] = []
    kept: list[str] = []
    withheld = 0
    tail_from = max(1, int(len(numbered) * TAIL_START))  # never the title line

    for position, (number, line) in enumerate(numbered):
        region = {"anywhere"} | ({"head"} if position < HEAD_LINES else set())
        if position >= tail_from:
            region.add("tail")
        cut = False
        for rule in rules.rules:
            if rule.where not in region or not line:
                continue
            if rule.action == "meta-line":
                found = parse_meta_line(line, rules.labels)
                if found is not None:
                    for key, value in found.items():
                        meta.setdefault(key, value)
                    removed.append(Removal(rule.id, number, line))
                    line = ""
            elif rule.action == "cut-tail":
                if rule.pattern.fullmatch(line):
                    rest = "\n".join(text for _, text in numbered[position:])
                    removed.append(Removal(rule.id, number, rest))
                    cut = True
                    break
            elif rule.action == "drop-line":
                if rule.pattern.fullmatch(line):
                    removed.append(Removal(rule.id, number, line))
                    line = ""
            elif rule.action == "withheld":
                match = rule.pattern.search(line)
                if match:
                    removed.append(Removal(rule.id, number, match.group(0).strip()))
                    count = _count(match.groupdict().get("count"))
                    withheld += count
                    before = line[: match.start()].strip(_INDENT)
                    if before:
                        kept.append(before)
                    kept.append(
                        WITHHELD_MARK.format(count=f"{count:,}") if count else WITHHELD_MARK_UNKNOWN
                    )
                    line = line[match.end() :].strip(_INDENT)
            elif rule.action == "strip":
                for match in reversed(list(rule.pattern.finditer(line))):
                    removed.append(Removal(rule.id, number, match.group(0)))
                    line = (line[: match.start()] + line[match.end() :]).strip(_INDENT)
        if cut:
            break
        if line:
            kept.append(line)

    kept = [line if WITHHELD_MARK_RE.match(line) else normalize_line(line) for line in kept]
    if not any(not WITHHELD_MARK_RE.match(line) for line in kept):
        raise PublishError("no text left after cleaning")
    if withheld:
        meta["withheld_chars"] = meta.get("withheld_chars", 0) + withheld
    return doc.with_(text="\n".join(kept), meta=meta, removed=(*doc.removed, *removed))


def _count(digits: str | None) -> int:
    if not digits:
        return 0
    return int(re.sub(r"\D", "", digits) or 0)
