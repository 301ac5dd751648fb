"""Train the head model (pipeline/head_model.py) on the dev pages' expectations.

    python scripts/train_head_model.py            # write pipeline/head_model_weights.json
    python scripts/train_head_model.py --check    # does the committed file match? (exit 1)
    python scripts/train_head_model.py --cv       # leave-site-out cross-validation on dev

Lines: each dev page is read, cleaned and structured with the model off; the lines the model
may decide (head_model.candidate: short, not numbered, not marked, not spared by a rule) are
labelled by the page's expectations: a line whose text is one of the page's `headings` is a
head (1), any other is not (0) (a page's headings list every heading it has). Only the dev
split is used; the validation pages never are.

Training is deterministic (a fixed solver, no sampling); scikit-learn is needed here and in
the test that checks the committed weights (the test extra), never at run time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import logistic  # noqa: E402

from pipeline import head_model, markup  # noqa: E402
from pipeline.clean import load_rules  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402
from pipeline.flow import prepare  # noqa: E402
from quality import cases, forms, norm  # noqa: E402

C = 0.3  # the inverse of the regularisation strength
DECIMALS = 6
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95)
VETOES = (0.02, 0.05, 0.1, 0.15, 0.2, 0.3)


def dataset() -> list[tuple[str, list[float], int, int, str]]:
    """(site, features, label, the rules' head (1) or not (0), line) of every candidate."""
    rows: list[tuple[str, list[float], int, int, str]] = []
    rules = load_rules()
    apply = head_model.apply
    current: dict = {}

    def record(lines, headings, spared):
        page = head_model.page_of(lines, headings)
        for index in range(len(lines)):
            if not head_model.candidate(lines, index, headings, spared):
                continue
            if (index, lines[index]) in current["seen"]:
                continue  # the page structured again (a guard of the cleaner asks twice)
            current["seen"].add((index, lines[index]))
            text = markup.unwrap(lines[index])[1]
            truth = int(norm(text) in current["heads"] or norm(lines[index]) in current["heads"])
            row = head_model.features(lines, index, headings, page)
            rows.append((current["site"], row, truth, int(headings[index] is not None), text))
        return []

    head_model.apply = record
    try:
        for case in cases("dev"):
            if "error" in case.expected:
                continue
            heads = {f for _, text in case.expected.get("headings", []) for f in forms(text)}
            current.update(site=case.site, heads=heads - {""}, seen=set())
            try:
                prepare(case.source, case.source.stem, rules)
            except DocumentError:
                continue
    finally:
        head_model.apply = apply
    return rows


def fit(rows: list[list[float]], labels: list[int]) -> dict:
    weights = logistic.fit(rows, labels, head_model.FEATURES, C, DECIMALS)
    return {
        "about": "Head model weights: trained by scripts/train_head_model.py on the dev pages; "
        "a feature's value is standardised ((x - mean) / scale) and weighted.",
        "lines": len(rows),
        "heads": int(sum(labels)),
        **weights,
    }


def trained(rows=None) -> str:
    rows = rows if rows is not None else dataset()
    return logistic.weights_text(fit([r[1] for r in rows], [r[2] for r in rows]))


def _probability(data: dict, row: list[float]) -> float:
    return logistic.probability(data, row)


def cross_validate(rows, folds: int = 5, show: float | None = None) -> None:
    """Leave-site-out (GroupKFold by site): each fold's candidates scored by a model trained
    on the other folds'. Adds: lines the rules left as text scored at or above a threshold
    (heads / added); vetoes: plain heads the rules made scored at or below one (not heads /
    vetoed)."""
    from sklearn.model_selection import GroupKFold

    sites = [r[0] for r in rows]
    found: list[tuple[float, int, int, str, str]] = []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=sites):
        data = fit([rows[i][1] for i in train], [rows[i][2] for i in train])
        for i in test:
            site, row, truth, rule, text = rows[i]
            found.append((_probability(data, row), truth, rule, site, text))
    left = [f for f in found if not f[2]]
    made = [f for f in found if f[2]]
    print(
        f"candidates {len(found)}: rules' plain heads {len(made)} "
        f"({sum(f[1] for f in made)} heads), left as text {len(left)} "
        f"({sum(f[1] for f in left)} heads)"
    )
    print(" add at  added  heads  precision  sites")
    for threshold in THRESHOLDS:
        added = [f for f in left if f[0] >= threshold]
        heads = sum(f[1] for f in added)
        print(
            f"  {threshold:.2f}  {len(added):5d}  {heads:5d}  {heads / max(len(added), 1):.3f}"
            f"      {len({f[3] for f in added if f[1]})}"
        )
    print(" veto at  vetoed  not heads  precision")
    for threshold in VETOES:
        vetoed = [f for f in made if f[0] <= threshold]
        wrong = sum(1 - f[1] for f in vetoed)
        print(f"  {threshold:.2f}  {len(vetoed):6d}  {wrong:9d}  {wrong / max(len(vetoed), 1):.3f}")
    if show is not None:
        for score, truth, rule, site, text in sorted(found, key=lambda f: -f[0]):
            if (not rule and score >= show) or (rule and score <= 1 - show):
                what = "head" if truth else "text"
                print(f"{score:.2f} {'rule' if rule else '    '} {what} {site} | {text}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    parser.add_argument("--cv", action="store_true", help="leave-site-out cross-validation")
    parser.add_argument("--lines", type=float, help="with --cv: list the lines it would act on")
    args = parser.parse_args()
    if args.cv:
        cross_validate(dataset(), show=args.lines)
        return 0
    text = trained()
    if args.check:
        same = head_model.WEIGHTS_FILE.read_text("utf-8") == text
        print("weights match" if same else "weights differ from what the script trains")
        return 0 if same else 1
    head_model.WEIGHTS_FILE.write_text(text, "utf-8")
    print(f"wrote {head_model.WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
