"""What supports each rule and signal: where it acted on the pages rules are written against.

    python tests/rule_support.py [dev] [old] [--single] [--wrong]   (default: dev and old)

For every cleaning rule (by id), title signal and heading signal (by the reason `publish clean
--explain` gives, its numbers made N), the sites and pages where it acted, and how often its
action was right by the pages' expectations:

  removal  right when the removed text holds a `drop` fragment, wrong when it holds a `keep`
           fragment (author text lost), else unjudged (expectations list the cruft they name)
  heading  right when the page has that heading, wrong when it does not
  title    right when the title is the page's

A rule or signal that acts on one site only is the smell the method warns of: it was shaped by
one page. Name in its data the kind of page it is for, or find the general signal. `--single`
lists only those; `--wrong` lists the pages where a rule or signal acted wrongly.

It never runs on the validation split: no rule is written against it.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pipeline.clean import load_rules
from pipeline.errors import DocumentError
from pipeline.flow import prepare
from quality import Case, cases, norm, title_right

_EXPLAINED = re.compile(r"^(title|heading \d): (.*?)  <- (.*)$")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_QUOTED = re.compile(r"「[^」]*」")


@dataclass
class Support:
    sites: set[str] = field(default_factory=set)
    pages: set[str] = field(default_factory=set)
    right: int = 0
    wrong: int = 0
    unjudged: int = 0
    wrong_on: list[str] = field(default_factory=list)

    def add(self, case: Case, verdict: bool | None, what: str) -> None:
        self.sites.add(case.site)
        self.pages.add(f"{case.site}/{case.source.name}")
        if verdict is None:
            self.unjudged += 1
        elif verdict:
            self.right += 1
        else:
            self.wrong += 1
            self.wrong_on.append(f"{case.site}/{case.source.name}: {what}")


def signal_name(kind: str, why: str) -> str:
    """A signal's name from an --explain reason: its numbers (lines, scores) made N, the words
    it quotes (the site's words a title lost, in 「」) made 「…」."""
    return f"{kind}: {_NUMBER.sub('N', _QUOTED.sub('「…」', why))}"


def support(splits: list[str]) -> dict[str, Support]:
    if "validation" in splits:
        raise ValueError("rule support is never measured on validation")
    return support_of([case for split in splits for case in cases(split)])


def support_of(pages: list[Case]) -> dict[str, Support]:
    rules = load_rules()
    found: dict[str, Support] = defaultdict(Support)
    for case in pages:
        if "error" in case.expected:
            continue
        try:
            doc = prepare(case.source, case.source.stem, rules)
        except DocumentError:
            continue
        keep = [norm(k) for k in case.expected.get("keep", [])]
        drop = [norm(d) for d in case.expected.get("drop", [])]
        for removal in doc.removed:
            text = norm(removal.text)
            verdict = (
                False
                if any(k and k in text for k in keep)
                else True
                if any(d and (d in text or text in d) for d in drop if text)
                else None
            )
            found[f"removal: {removal.rule}"].add(case, verdict, removal.text[:60])
        headings = {norm(text) for _, text in case.expected.get("headings", [])}
        for line in doc.explained:
            match = _EXPLAINED.match(line)
            if not match:
                continue
            kind, text, why = match.groups()
            if kind == "title":
                right = title_right(doc.meta, case.expected.get("title", ""))
                found[signal_name("title", why)].add(case, right, text[:60])
            else:
                found[signal_name("heading", why)].add(case, norm(text) in headings, text[:60])
    return dict(found)


def report(found: dict[str, Support], single: bool, wrong: bool) -> str:
    rows = sorted(found.items(), key=lambda item: (len(item[1].sites), item[0]))
    lines = [f"{'sites':>5} {'pages':>5} {'right':>5} {'wrong':>5} {'unjudged':>8}  rule or signal"]
    for name, entry in rows:
        if single and len(entry.sites) > 1:
            continue
        lines.append(
            f"{len(entry.sites):5} {len(entry.pages):5} {entry.right:5} {entry.wrong:5} "
            f"{entry.unjudged:8}  {name}"
        )
        if wrong:
            lines += [f"{'':31}wrong: {where}" for where in entry.wrong_on]
    alone = sum(1 for entry in found.values() if len(entry.sites) == 1)
    idle = sorted(set(load_rules().ids) - {n.removeprefix("removal: ") for n in found})
    lines.append(f"{len(found)} rules and signals acted; {alone} of them on one site only")
    lines.append(
        f"{len(idle)} cleaning rules removed nothing here (some act on titles, some guard "
        f"wordings only unit tests hold): {', '.join(idle)}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("splits", nargs="*", help="dev and/or old (default: both)")
    parser.add_argument("--single", action="store_true", help="only those acting on one site")
    parser.add_argument("--wrong", action="store_true", help="list where each acted wrongly")
    args = parser.parse_args()
    if not set(args.splits) <= {"dev", "old"}:
        parser.error("splits: dev and/or old (never validation: no rule is written against it)")
    print(report(support(args.splits or ["dev", "old"]), args.single, args.wrong))


if __name__ == "__main__":
    main()
