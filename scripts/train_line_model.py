"""Train the line classifier (pipeline/line_model.py) on the dev pages' expectations.

    python scripts/train_line_model.py            # write pipeline/line_model_weights.json
    python scripts/train_line_model.py --check    # does the committed file match? (exit 1)
    python scripts/train_line_model.py --cv       # leave-site-out cross-validation on dev
    python scripts/train_line_model.py --cv-hook  # the same through the cleaner's hook

Labels: each dev page is read and cleaned by the rules (the model off), and each line the
rules kept (the lines the model's hook sees) is labelled by the page's expectations: a line
holding a `drop` fragment (or inside one) is the site's, a line holding a `keep` fragment, a
heading or the title is the author's; a line holding both, or neither, is left out. The same
is done on the lines as read, before any rule, so that the model also learns the shapes of
the cruft the rules do catch (more examples of the site's lines than the rules leave).
Only the dev split is used; the validation pages never are.

Training is deterministic (a fixed solver, no sampling); scikit-learn is needed here and in
the test that checks the committed weights (the test extra), never at run time.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import logistic  # noqa: E402

from pipeline import line_model, markup  # noqa: E402
from pipeline.clean import _read_above_text, clean, load_rules  # noqa: E402
from pipeline.document import Document  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402
from pipeline.line_model_features import FEATURES, features  # noqa: E402
from pipeline.normalize import normalize_line  # noqa: E402
from pipeline.read import read  # noqa: E402
from quality import cases, forms, norm  # noqa: E402

C = 0.3  # the inverse of the regularisation strength (chosen by --cv)
INSIDE_MIN_CHARS = 4  # a line this long inside a fragment takes the fragment's label
DECIMALS = 6
CV_FOLDS = 5  # leave-site-out folds (GroupKFold by site)
SEEN: list = []  # (score, label, region, site, line) of each line --cv scored


@contextmanager
def model_off() -> Iterator[None]:
    config = line_model.settings()
    enabled = config["enabled"]
    config["enabled"] = False
    try:
        yield
    finally:
        config["enabled"] = enabled


def label(line: str, drops: set[str], keeps: set[str]) -> int | None:
    """1: the site's, 0: the author's, None: unknown or both."""
    key = norm(markup.unwrap(line)[1])
    if not key:
        return None

    def holds(fragments: set[str]) -> bool:
        return any(f in key for f in fragments) or (
            len(key) >= INSIDE_MIN_CHARS and any(key in f for f in fragments)
        )

    site, author = holds(drops), holds(keeps)
    return None if site == author else int(site)


def pages() -> Iterator[tuple[str, list[str], list[str], set[str], set[str]]]:
    """(site, lines the hook sees, lines as read, drop forms, keep forms) of each dev page."""
    rules = load_rules()
    with model_off():
        for case in cases("dev"):
            expected = case.expected
            if "error" in expected:
                continue
            try:
                doc = read(Document(source=case.source, name=case.source.stem))
                if doc.kind == "markdown":
                    continue
                cleaned = clean(doc, rules)
            except DocumentError:
                continue
            drops, keeps = _fragments(expected)
            read_lines = [normalize_line(line.strip()) for line in doc.text.split("\n")]
            yield (
                case.site,
                cleaned.text.split("\n"),
                [line for line in read_lines if line],
                drops,
                keeps,
            )


def dataset() -> list[tuple[str, str, list[float], int, str]]:
    """(site, view, features, label, region) of every labelled line; view: "kept" (the
    hook's lines) or "read" (the lines before the rules); region: where the hook may remove
    the line (line_model.regions, less the head's lines the rules read), "" where it may not.
    (The hook's other guard in the head, that the title and headings the structure stage
    makes stay the same, is not applied here: --cv's head figures are before it.)"""
    rows = []
    labels = load_rules().labels
    for site, kept, read_lines, drops, keeps in pages():
        for view, lines in (("kept", kept), ("read", read_lines)):
            allowed = [  # less the head's lines the rules read, which the hook spares
                ""
                if region == "head" and _read_above_text(markup.unwrap(line)[1].strip(), labels)
                else region
                for line, region in zip(lines, line_model.regions(lines), strict=True)
            ]
            for line, row, candidate in zip(lines, features(lines), allowed, strict=True):
                found = label(line, drops, keeps)
                if found is not None:
                    rows.append((site, view, row, found, candidate, line))
    return rows


def fit(rows: list[list[float]], labels: list[int]) -> dict:
    weights = logistic.fit(rows, labels, FEATURES, C, DECIMALS)
    return {
        "about": "Line classifier weights: trained by scripts/train_line_model.py on the dev "
        "pages; a feature's value is standardised ((x - mean) / scale) and weighted.",
        "lines": len(rows),
        "site_lines": int(sum(labels)),
        **weights,
    }


def cv_scores(rows, folds: int = CV_FOLDS) -> list[tuple[float, int, str]]:
    """(score, label, region) of each kept-view candidate line, scored by weights trained on
    the other folds' sites (kept and read lines; GroupKFold by site, deterministic)."""
    from sklearn.model_selection import GroupKFold

    found = []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=[r[0] for r in rows]):
        data = fit([rows[i][2] for i in train], [rows[i][3] for i in train])
        for i in test:
            _, view, row, truth, region, _ = rows[i]
            if view == "kept" and region:
                found.append((_probability(data, row), truth, region))
    return found


def _precise_from(found: list[tuple[float, int]], grid: list[float], target: float) -> float:
    """The lowest threshold of the grid at which, and at every one above it, the lines scored
    at least it are the site's in `target` of cases or more (a threshold removing nothing
    passes); the grid's top when none is."""
    chosen = grid[-1]
    for threshold in reversed(grid):
        removed = [truth for score, truth in found if score >= threshold]
        if removed and sum(removed) / len(removed) < target:
            break
        chosen = threshold
    return chosen


def choose_thresholds(found: list[tuple[float, int, str]]) -> tuple[dict, dict]:
    """Each region's threshold by the CV's precision (line_model.toml [settings.cv]): the
    lowest at which the region's removals are precise enough, when it removes `min_removed`
    lines or more there; else the regions' pooled choice, never below the default. And, per
    region, [site lines, lines removed] at the threshold chosen."""
    cv = line_model.settings()["cv"]
    low, high = cv["grid"]
    grid = [round(low + step / 100, 2) for step in range(round((high - low) * 100) + 1)]
    target = cv["precision"]
    pooled = _precise_from([(score, truth) for score, truth, _ in found], grid, target)
    thresholds, figures = {}, {}
    for region in ("head", "tail", "block"):
        lines = [(score, truth) for score, truth, where in found if where == region]
        threshold = _precise_from(lines, grid, target)
        removed = [truth for score, truth in lines if score >= threshold]
        if len(removed) < cv["min_removed"]:
            threshold = max(pooled, cv["default"])
            removed = [truth for score, truth in lines if score >= threshold]
        thresholds[region] = threshold
        figures[region] = [sum(removed), len(removed)]
    return thresholds, figures


def trained(rows=None) -> str:
    rows = rows if rows is not None else dataset()
    data = fit([r[2] for r in rows], [r[3] for r in rows])
    if len({r[0] for r in rows}) >= CV_FOLDS:  # the thresholds leave-site-out CV chooses
        data["thresholds"], data["cv"] = choose_thresholds(cv_scores(rows))
    return logistic.weights_text(data, one_line=("thresholds", "cv"))


def _probability(data: dict, row: list[float]) -> float:
    return logistic.probability(data, row)


def cross_validate(rows, views: set[str], folds: int = 5) -> None:
    """Leave-site-out: the sites in folds (GroupKFold grouped by site: no site's lines are
    ever on both sides); each fold's kept-view candidates scored by a model trained on the
    other folds' lines (of the given views)."""
    from sklearn.model_selection import GroupKFold

    sites = [r[0] for r in rows]
    found: list[tuple[float, int, str]] = []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=sites):
        chosen = [rows[i] for i in train if rows[i][1] in views]
        data = fit([r[2] for r in chosen], [r[3] for r in chosen])
        for i in test:
            site, view, row, truth, region, text = rows[i]
            if view != "kept" or not region:
                continue
            score = _probability(data, row)
            found.append((score, truth, region))
            SEEN.append((score, truth, region, site, text))
    site_total = sum(truth for _, truth, _ in found)
    every_site = sum(1 for r in rows if r[1] == "kept" and r[3] == 1)
    in_region = {
        name: sum(truth for _, truth, region in found if region == name)
        for name in ("head", "tail", "block")
    }
    print(
        f"trained on {sorted(views)}; kept-view candidates: {len(found)} "
        f"({site_total} site lines of {every_site} left by the rules; by region: "
        + ", ".join(f"{name} {count}" for name, count in in_region.items())
        + "); per region: site / removed, precision, recall"
    )
    print(" threshold  removed  site  author  precision  recall")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.97):
        removed = [(truth, region) for score, truth, region in found if score >= threshold]
        site = sum(truth for truth, _ in removed)
        precision = site / len(removed) if removed else 0.0
        by_region = "  ".join(
            _region_figures(name, removed, in_region[name]) for name in ("head", "tail", "block")
        )
        print(
            f"   {threshold:.2f}    {len(removed):6d} {site:5d} {len(removed) - site:6d}"
            f"    {precision:6.3f}   {site / max(site_total, 1):6.3f}   {by_region}"
        )


def _region_figures(name: str, removed: list[tuple[int, str]], site_lines: int) -> str:
    """name: site / removed, precision, recall (of the region's site lines)."""
    site = sum(truth for truth, region in removed if region == name)
    count = sum(1 for _, region in removed if region == name)
    return f"{name}:{site}/{count} p{site / max(count, 1):.2f} r{site / max(site_lines, 1):.2f}"


def cross_validate_hook(rows, thresholds: list[float], folds: int = 5) -> None:
    """Leave-site-out through the cleaner: per fold, weights trained on the other folds' lines
    (kept and read), the held-out sites' dev pages cleaned with the hook and all its guards
    (the head and the blocks at each threshold, the tail at the settings'), each removal the
    model makes labelled by the page's expectations ("unknown": no fragment names it), by
    region. What --cv cannot count: the guards that ask the later stages."""
    from sklearn.model_selection import GroupKFold

    sites = [r[0] for r in rows]
    trained_for: list[tuple[set[str], tuple]] = []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=sites):
        data = fit([rows[i][2] for i in train], [rows[i][3] for i in train])
        found = data["features"]
        weights = tuple(tuple(f[key] for f in found) for key in ("mean", "scale", "weight"))
        trained_for.append(({rows[i][0] for i in test}, (*weights, data["intercept"])))
    region_of: dict[str, str] = {}
    cruft, scored = line_model._cruft, line_model.weights

    def recorded(lines, title, *args):
        gone, regions = cruft(lines, title, *args)
        region_of.update({lines[i]: regions[i] for i in gone})
        return gone, regions

    config = line_model.settings()["thresholds"]
    every = dict(config)
    rules = load_rules()
    line_model._cruft = recorded
    try:
        for threshold in thresholds:
            config.update(head=threshold, block=threshold)
            counts: dict[tuple[str, str], int] = {}
            for held, weights in trained_for:
                line_model.weights = lambda weights=weights: weights
                for case in cases("dev"):
                    if case.site not in held or "error" in case.expected:
                        continue
                    try:
                        doc = read(Document(source=case.source, name=case.source.stem))
                        if doc.kind == "markdown":
                            continue
                        removed = clean(doc, rules).removed
                    except DocumentError:
                        continue
                    drops, keeps = _fragments(case.expected)
                    for removal in removed:
                        if removal.rule != line_model.SIGNAL_LINE_MODEL:
                            continue
                        region = region_of.get(normalize_line(removal.text), "?")
                        found = label(removal.text, drops, keeps)
                        kind = "unknown" if found is None else ("site" if found else "author")
                        counts[region, kind] = counts.get((region, kind), 0) + 1
            print(
                f"head and blocks at {threshold:.2f}, tail at {every.get('tail')}: "
                + "  ".join(
                    f"{region}: "
                    + "/".join(
                        str(counts.get((region, k), 0)) for k in ("site", "author", "unknown")
                    )
                    for region in ("head", "tail", "block")
                )
                + "  (site/author/unknown)"
            )
    finally:
        line_model._cruft, line_model.weights = cruft, scored
        config.clear()
        config.update(every)


def _fragments(expected: dict) -> tuple[set[str], set[str]]:
    """The page's drop forms and keep forms (its keep fragments, headings and title)."""
    drops = {f for fragment in expected.get("drop", []) for f in forms(fragment)}
    keeps = {f for fragment in expected.get("keep", []) for f in forms(fragment)}
    keeps |= {f for _, text in expected.get("headings", []) for f in forms(text)}
    keeps |= forms(expected.get("title", ""))
    return drops - {""}, keeps - {""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.add_argument("--cv", action="store_true", help="leave-site-out cross-validation")
    parser.add_argument(
        "--lines", type=float, help="with --cv: list the lines scored at least this, by score"
    )
    parser.add_argument(
        "--cv-hook", action="store_true", help="leave-site-out CV through the cleaner's hook"
    )
    args = parser.parse_args()
    if args.cv_hook:
        cross_validate_hook(dataset(), [0.8, 0.85, 0.9, 0.95])
        return 0
    if args.cv:
        rows = dataset()
        cross_validate(rows, {"kept"})
        SEEN.clear()
        cross_validate(rows, {"kept", "read"})
        for score, truth, region, site, line in sorted(SEEN, key=lambda seen: -seen[0]):
            if args.lines is not None and score >= args.lines:
                print(f"{score:.2f} {'site  ' if truth else 'author'} {region} {site} | {line}")
        return 0
    text = trained()
    if args.check:
        same = line_model.WEIGHTS_FILE.read_text("utf-8") == text
        print("weights match" if same else "weights differ from what the script trains")
        return 0 if same else 1
    line_model.WEIGHTS_FILE.write_text(text, "utf-8")
    print(f"wrote {line_model.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
