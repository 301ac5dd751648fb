"""Cleaning quality: score the pipeline against pages with hand-written expectations.

    python tests/quality.py [dev|validation|old] [--misses] [--sites a,b,c]

Splits:
  dev         tests/realpages/dev/<site>/        real pages the rules are developed against
  validation  tests/realpages/validation/<site>/ real pages no rule is written against; only
              aggregate figures are ever printed for it (--misses refuses to run)
  old         tests/corpus/ (pages in the shape of real ones), plus the shared samples
              (../shared/samples, expectations in tests/shared-samples.toml) when present

--sites scores only the named site folders of the split (aggregate and --misses as for the
whole split): the fresh score of pages just added, before any rule was written against them.

Each folder holds page files and an expectations.toml with one table per page file:
  title     the expected front matter title (or title and subtitle run together: a
            ——subtitle line the page sets under its title is the front matter's subtitle),
            compared as fragments are (as written or as the pipeline normalises it)
  keep      author text that must be in the body (meta values count here too)
  drop      site cruft that must not be in the body
  headings  every heading, in order, as [level, text] (a run-in heading: its sentence)
  withheld  the site withheld text: its count, or true without a count; absent = none
  meta      front matter values that must be found (date, source, author)
  error     the file must fail with this reason instead
Text is compared after NFKC with all whitespace removed, so full- and half-width forms match.

Metrics: cruft_removed, content_kept, titles_right, headings_found (at the right level, in
order), heading_precision (headings the pipeline made that the page has), withheld (flag right
and count right when given). A metric with no cases has no figure (None), never 1.0.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))

from conftest import SAMPLES  # noqa: E402
from pipeline.clean import WITHHELD_MARK_RE, load_rules  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402
from pipeline.flow import prepare  # noqa: E402
from pipeline.normalize import normalize_line  # noqa: E402

REALPAGES = TESTS / "realpages"
CORPUS = TESTS / "corpus"
SHARED_EXPECTATIONS = TESTS / "shared-samples.toml"
SPLITS = ("dev", "validation", "old")
METRICS = (
    "cruft_removed",
    "content_kept",
    "titles_right",
    "headings_found",
    "heading_precision",
    "withheld",
)
NOT_PAGES = {"expectations.toml", "README.md"}


@dataclass(frozen=True)
class Case:
    source: Path
    expected: dict
    site: str


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (page, metric, what)
    record: bool = True  # False: aggregate figures only (the validation split)

    def count(self, page: str, metric: str, ok: bool, what: str) -> None:
        self.totals[metric] = self.totals.get(metric, 0) + 1
        self.hits[metric] = self.hits.get(metric, 0) + bool(ok)
        if not ok and self.record:
            self.misses.append((page, metric, what))

    def ratio(self, metric: str) -> float | None:
        total = self.totals.get(metric, 0)
        return self.hits.get(metric, 0) / total if total else None

    def ratios(self) -> dict[str, float | None]:
        return {metric: self.ratio(metric) for metric in METRICS}


def norm(text: str) -> str:
    """Comparable form: NFKC, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def forms(fragment: str) -> set[str]:
    """A fragment as the page writes it and as the pipeline's own normalisation writes it
    (straight quotes made curly, 〇 in dates, punctuation widths): either in the output is
    the fragment in it."""
    return {norm(fragment), norm(normalize_line(fragment))}


def title_right(meta: dict, expected: str) -> bool:
    """The front matter's title is the page's, as the page writes it or as the pipeline's
    normalisation writes it (…… for … or 。。。), alone or with its subtitle run on (a
    ——subtitle line under the title is the front matter's subtitle)."""
    title, subtitle = str(meta.get("title", "")), str(meta.get("subtitle", ""))
    return bool(forms(expected) & {norm(title), norm(title + subtitle)})


def _site_cases(folder: Path) -> list[Case]:
    expectations = tomllib.loads((folder / "expectations.toml").read_text("utf-8"))
    return [Case(folder / name, expected, folder.name) for name, expected in expectations.items()]


def cases(split: str, sites: list[str] | None = None) -> list[Case]:
    """The pages of a split with their expectations (old: shared samples only when present);
    with sites, only those site folders of a real-pages split (an unknown one is an error)."""
    if split == "old":
        if sites:
            raise ValueError("--sites names real-pages folders; the old split has none")
        found = _site_cases(CORPUS)
        if SAMPLES.is_dir():
            found += shared_cases()
        return found
    root = REALPAGES / split
    if not root.is_dir():
        raise FileNotFoundError(f"no {split} split: {root} does not exist")
    folders = sorted(p for p in root.iterdir() if (p / "expectations.toml").is_file())
    if sites:
        unknown = sorted(set(sites) - {p.name for p in folders})
        if unknown:
            raise FileNotFoundError(f"no such site in {split}: {', '.join(unknown)}")
        folders = [p for p in folders if p.name in sites]
    return [case for folder in folders for case in _site_cases(folder)]


def shared_cases() -> list[Case]:
    expectations = tomllib.loads(SHARED_EXPECTATIONS.read_text("utf-8"))
    return [Case(SAMPLES / name, expected, "shared") for name, expected in expectations.items()]


def pages_without_expectations(folder: Path) -> set[str]:
    expected = set(tomllib.loads((folder / "expectations.toml").read_text("utf-8")))
    present = {p.name for p in folder.iterdir() if p.is_file() and p.name not in NOT_PAGES}
    return present ^ expected


_HEADING = re.compile(r"^(#{1,6}) (.*?)(?: \{[^}]*\})?$")
_ESCAPE = re.compile(r"\\(.)")


def parse_markdown(markdown: str) -> tuple[dict, str, list[tuple[int, str]]]:
    """(front matter, body as plain text, headings as (level, text))."""
    _, front, body = markdown.split("---\n", 2)
    meta = yaml.safe_load(front) or {}
    lines, headings = [], []
    for line in body.split("\n"):
        if line.startswith(":::"):
            continue
        match = _HEADING.match(line)
        if match:
            text = _ESCAPE.sub(r"\1", match.group(2))
            headings.append((len(match.group(1)), text))
            lines.append(text)
        else:
            lines.append(_ESCAPE.sub(r"\1", line))
    return meta, "\n".join(lines), headings


def score_case(case: Case, rules, score: Score) -> None:
    page, expected = f"{case.site}/{case.source.name}", case.expected
    if "error" in expected:
        try:
            prepare(case.source, case.source.stem, rules)
        except DocumentError as exc:
            ok = expected["error"] in str(exc)
            score.count(page, "cruft_removed", ok, f"failed with another reason: {exc}")
        else:
            score.count(page, "cruft_removed", False, f"published; expected {expected['error']}")
        return
    try:
        markdown = prepare(case.source, case.source.stem, rules).markdown
    except DocumentError as exc:
        markdown = f"---\ntitle: 'FAILED: {exc}'\n---\n"
    meta, body, headings = parse_markdown(markdown)
    text = norm(body)

    title, subtitle = str(meta.get("title", "")), str(meta.get("subtitle", ""))
    right = title_right(meta, expected["title"])
    score.count(page, "titles_right", right, f"title {title!r}" + f" {subtitle!r}" * bool(subtitle))
    for fragment in expected.get("keep", []):
        kept = any(form in text for form in forms(fragment))
        score.count(page, "content_kept", kept, f"lost {fragment!r}")
    for key, value in expected.get("meta", {}).items():
        got = str(meta.get(key, ""))
        score.count(page, "content_kept", norm(got) == norm(str(value)), f"meta {key}={got!r}")
    for fragment in expected.get("drop", []):
        removed = not any(form in text for form in forms(fragment))
        score.count(page, "cruft_removed", removed, f"kept {fragment!r}")
    _score_headings(page, expected.get("headings", []), headings, score)
    _score_withheld(page, expected.get("withheld"), meta, body, score)


def _score_headings(page: str, expected: list, found: list, score: Score) -> None:
    found_norm = [(level, norm(text)) for level, text in found]
    position = 0
    for level, text in expected:
        keys = forms(text)  # as the page writes it or as the pipeline's normalisation does
        at = next((i for i in range(position, len(found_norm)) if found_norm[i][1] in keys), None)
        if at is None:
            score.count(page, "headings_found", False, f"no heading [{level}, {text!r}]")
            continue
        position = at + 1
        got = found_norm[at][0]
        score.count(page, "headings_found", got == level, f"[{level}, {text!r}] at level {got}")
    wanted = {key for _, text in expected for key in forms(text)}
    for level, text in found:
        score.count(
            page, "heading_precision", norm(text) in wanted, f"invented [{level}, {text!r}]"
        )


def _score_withheld(page: str, expected, meta: dict, body: str, score: Score) -> None:
    flagged = bool(meta.get("withheld_chars")) or any(
        WITHHELD_MARK_RE.match(line) for line in body.split("\n")
    )
    if expected is None:
        if flagged:
            score.count(page, "withheld", False, "withheld flagged, but the page hides nothing")
        return
    count = meta.get("withheld_chars")
    if expected is True:
        score.count(page, "withheld", flagged, "withheld notice missed")
    else:
        score.count(page, "withheld", flagged and count == expected, f"withheld_chars={count}")


def score_split(split: str, rules=None, sites: list[str] | None = None) -> Score:
    """The split's score (or its given sites'); the validation split keeps no misses."""
    rules = rules or load_rules()
    score = Score(record=split != "validation")
    for case in cases(split, sites):
        score_case(case, rules, score)
    return score


def report(split: str, score: Score) -> str:
    lines = [f"{split}:"]
    for metric, ratio in score.ratios().items():
        figure = "   n/a" if ratio is None else f"{ratio:6.1%}"
        hits, total = score.hits.get(metric, 0), score.totals.get(metric, 0)
        lines.append(f"  {metric:<18} {figure}  ({hits}/{total})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", nargs="?", default="dev", choices=SPLITS)
    parser.add_argument("--misses", action="store_true", help="list every miss, page by page")
    parser.add_argument("--sites", help="only these site folders, comma-separated")
    args = parser.parse_args()
    if args.misses and args.split == "validation":
        parser.error("--misses does not run on validation: no rule is written against it")
    sites = [s for s in args.sites.split(",") if s] if args.sites else None
    score = score_split(args.split, sites=sites)
    name = f"{args.split} ({len(sites)} sites)" if sites else args.split
    print(report(name, score))
    if args.misses:
        for page, metric, what in score.misses:
            print(f"{page}  {metric}: {what}")


if __name__ == "__main__":
    main()
