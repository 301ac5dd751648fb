"""The title scorer's weights (thresholds.toml [title]) measured, and tuned, by leave-site-out
cross-validation on the dev pages.

    python scripts/title_weights.py [--folds 5] [--seeds 1] [--tune] [--ranker] [--ablate]
                                    [--misses] [--sites a,b,c]

The pipeline runs once over the dev split; each page's title candidates are kept with their
score broken into parts (titles.Candidate.parts: which weight counted, how many times). Any
weight vector then scores them again offline, and titles.select chooses as the pipeline would
(what the cleaning does with a different title is not seen: a change is checked with
tests/quality.py afterwards).

Figures:
  in-sample   the current weights' accuracy over the pages (it matches the pipeline's titles
              but for the pages where the cleaning asks the title stage again)
  reachable   pages with the expected title among the candidates (the rest are candidate-
              finding misses no weight can mend)
  cv          with --tune: the sites in `folds` groups; the weights tuned (coordinate descent
              over a grid around the current values, a move kept only when it gains a page)
              on all groups but one and scored on that one, summed over the groups: the
              estimate of what tuning would bring on pages of unseen sites, beside the current
              weights' figure on the same pages.
  ranker      with --ranker: the same cross-validation of another tuning, a pairwise
              logistic ranker over the parts (each right candidate over each wrong one of a
              page) with an L2 pull toward the current weights, for several strengths.
  neutral     with --neutral: the same cross-validation of the grid tuning started from weights
              that have seen no page (each 1 of its sign): tuned on some sites, how well it
              does on others, against how well it does on the sites it was tuned on (the
              share of the dev figure that is the weights fitting dev).
  ablate      with --ablate: each weight set to 0 and moved by each step, the pages right:
              how many pages each weight decides, and how flat the accuracy is around it.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline import titles  # noqa: E402
from pipeline.clean import load_rules  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402
from pipeline.flow import prepare  # noqa: E402
from quality import cases, parse_markdown, title_right  # noqa: E402

# The weights tuned (min_score as well); left_nothing stays -99.
TUNED = [name for name in titles.WEIGHTS if name != "left_nothing"] + ["min_score"]
STEPS = (-1.5, -1.0, -0.5, 0.5, 1.0, 1.5)
PASSES = 3


@dataclass
class Page:
    name: str
    site: str
    expected: str
    scored: titles.Scored | None  # None: no title was chosen (the page failed before)
    title: str  # the pipeline's title (with its subtitle)
    right: bool  # the pipeline's title is the expected one


def collect(split: str = "dev") -> list[Page]:
    """Each page of the split through the pipeline once, its title candidates as scored."""
    rules = load_rules()
    pages = []
    for case in cases(split):
        if "error" in case.expected:
            continue
        with titles.recording() as records:
            try:
                markdown = prepare(case.source, case.source.stem, rules).markdown
            except DocumentError as exc:
                markdown = f"---\ntitle: 'FAILED: {exc}'\n---\n"
        meta, _, _ = parse_markdown(markdown)
        expected = case.expected["title"]
        title = str(meta.get("title", "")) + str(meta.get("subtitle", ""))
        pages.append(
            Page(
                f"{case.site}/{case.source.name}",
                case.site,
                expected,
                records[-1] if records else None,
                title,
                title_right(meta, expected),
            )
        )
    return pages


def current() -> dict[str, float]:
    return {**titles.WEIGHTS, "min_score": titles.TITLE_MIN_SCORE}


def chosen(page: Page, weights: dict[str, float]) -> str:
    """The title the weights choose among the page's candidates."""
    if page.scored is None:
        return page.title
    if not page.scored.found:
        return page.scored.file_name
    found = [
        replace(c, score=titles.weighted(c.parts, weights), parts=c.parts)
        for c in page.scored.found
    ]
    saved = titles.TITLE_MIN_SCORE
    titles.TITLE_MIN_SCORE = weights["min_score"]
    try:
        chose = titles.select(found, page.scored.lines)
    finally:
        titles.TITLE_MIN_SCORE = saved
    if chose.best is None:
        return page.scored.file_name
    text, given = chose.best.text, page.scored.given
    if chose.best.line is not None and chose.bare is None and given.startswith(text):
        if titles._same(text, given):  # a line of the text, the metadata's title run on
            return given
    return text


def right(page: Page, weights: dict[str, float]) -> bool:
    return title_right({"title": chosen(page, weights)}, page.expected)


def reachable(page: Page) -> bool:
    """The expected title is among the page's candidates (as any of them could be chosen)."""
    if page.scored is None:
        return page.right
    texts = {c.text for c in page.scored.found} | {
        titles._plain(c.text)[0] for c in page.scored.found
    }
    texts.add(page.scored.file_name)
    return any(title_right({"title": text}, page.expected) for text in texts)


def margin(page: Page, weights: dict[str, float]) -> float | None:
    """The best right candidate's score less the best wrong one's (None: no wrong one)."""
    if page.scored is None:
        return None
    scores: dict[bool, list[float]] = {True: [], False: []}
    for c in page.scored.found:
        ok = title_right({"title": c.text}, page.expected)
        scores[ok].append(titles.weighted(c.parts, weights))
    if not scores[True] or not scores[False]:
        return None
    return max(scores[True]) - max(scores[False])


def accuracy(pages: list[Page], weights: dict[str, float]) -> int:
    return sum(right(page, weights) for page in pages)


def neutral() -> dict[str, float]:
    """A start that has seen no page: each weight 1 of its sign (0 stays 0), min_score 1."""
    return {
        **{name: math.copysign(1.0, value) if value else 0.0 for name, value in current().items()},
        "left_nothing": titles.LEFT_NOTHING,
        "min_score": 1.0,
    }


def tune(pages: list[Page], start: dict[str, float], passes: int = PASSES) -> dict[str, float]:
    """Coordinate descent: each weight in turn moved by the step that gains the most pages
    (the smallest move among equals), kept only when it gains one at least."""
    weights = dict(start)
    # pages whose choice can change: two candidates or more, or one near min_score
    live = [p for p in pages if p.scored is not None and len(p.scored.found) > 0]
    best = accuracy(live, weights)
    for _ in range(passes):
        moved = False
        for name in TUNED:
            here = weights[name]
            gains = []
            for step in STEPS:
                trial = {**weights, name: here + step}
                gains.append((accuracy(live, trial), -abs(step), step))
            score, _, step = max(gains)
            if score > best:
                weights[name], best, moved = here + step, score, True
        if not moved:
            break
    return weights


def pairs(pages: list[Page], names: list[str]) -> list[list[float]]:
    """For each page, each right candidate's parts less each wrong one's (by names)."""
    found = []
    for page in pages:
        if page.scored is None:
            continue
        cands = [c for c in page.scored.found if "left_nothing" not in c.parts]
        good = [c for c in cands if title_right({"title": c.text}, page.expected)]
        bad = [c for c in cands if not title_right({"title": c.text}, page.expected)]
        for g in good:
            for b in bad:
                found.append([g.parts.get(n, 0.0) - b.parts.get(n, 0.0) for n in names])
    return found


def rank(pages: list[Page], start: dict[str, float], strength: float) -> dict[str, float]:
    """Pairwise logistic ranker: the weights that score each page's right candidates over its
    wrong ones, pulled toward start by strength (L2)."""
    import numpy as np
    from scipy.optimize import minimize

    names = [name for name in TUNED if name != "min_score"]
    diffs = np.array(pairs(pages, names)) if pages else np.zeros((0, len(names)))
    w0 = np.array([start[n] for n in names])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        margin = diffs @ w
        value = np.logaddexp(0, -margin).sum() + strength * ((w - w0) ** 2).sum()
        grad = -(diffs * (1 / (1 + np.exp(margin)))[:, None]).sum(0) + 2 * strength * (w - w0)
        return float(value), grad

    w = minimize(loss, w0, jac=True, method="L-BFGS-B").x
    return {**start, **{n: round(float(v), 2) for n, v in zip(names, w, strict=True)}}


def cross_validate(pages, weights, procedure, count, seeds) -> tuple[int, int]:
    """(pages right with the procedure's weights on held-out sites, with the current ones)."""
    tuned_total = current_total = 0
    for seed in range(seeds):
        for held in folds(pages, count, seed):
            train = [page for page in pages if page.site not in held]
            test = [page for page in pages if page.site in held]
            tuned = procedure(train, weights)
            moved = {k: v for k, v in tuned.items() if not math.isclose(v, weights[k])}
            got, had = accuracy(test, tuned), accuracy(test, weights)
            tuned_total, current_total = tuned_total + got, current_total + had
            print(f"  fold: {len(test)} pages, tuned {got}, current {had}; moved {moved}")
    return tuned_total, current_total


def folds(pages: list[Page], count: int, seed: int) -> list[set[str]]:
    sites = sorted({page.site for page in pages})
    random.Random(seed).shuffle(sites)
    return [set(sites[i::count]) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seeds", type=int, default=1, help="fold splits to average over")
    parser.add_argument("--ranker", action="store_true", help="cross-validate the ranker")
    parser.add_argument("--sites", help="only these dev site folders, comma-separated")
    parser.add_argument("--neutral", action="store_true", help="cv of tuning from no weights")
    parser.add_argument("--ablate", action="store_true", help="each weight moved alone")
    parser.add_argument("--tune", action="store_true", help="cross-validate the tuning")
    parser.add_argument("--misses", action="store_true", help="list the pages missed")
    args = parser.parse_args()
    started = time.time()
    pages = collect()
    if args.sites:
        pages = [page for page in pages if page.site in set(args.sites.split(","))]
    weights = current()
    print(f"{len(pages)} pages collected in {time.time() - started:.0f}s")
    started = time.time()
    offline = [right(page, weights) for page in pages]
    print(f"one offline pass: {time.time() - started:.2f}s")
    pipeline = sum(page.right for page in pages)
    agree = sum(page.right == ok for page, ok in zip(pages, offline, strict=True))
    print(f"pipeline titles right {pipeline}/{len(pages)}")
    print(f"in-sample (offline, current weights) {sum(offline)}/{len(pages)}; agrees on {agree}")
    missed = [page for page in pages if not page.right]
    ranking = [page for page in missed if reachable(page)]
    print(
        f"misses {len(missed)}: ranking (expected among the candidates) {len(ranking)}, "
        f"candidate-finding {len(missed) - len(ranking)}"
    )
    margins = [m for page in pages if page.right and (m := margin(page, weights)) is not None]
    print(
        "right pages by their margin (the best right candidate's score less the best wrong"
        " one's; <1e-09: none, right by the choice after the scores or a tie): "
        + ", ".join(
            f"<{edge:g}: {sum(m < edge for m in margins)}" for edge in (1e-9, 0.5, 1.0, 2.0)
        )
        + f" of {len(margins)} with a wrong candidate"
    )
    if args.misses:
        for page in missed:
            kind = "ranking" if reachable(page) else "finding"
            print(f"  {kind:8} {page.name}: {page.title!r} for {page.expected!r}")
        for page, ok in zip(pages, offline, strict=True):
            if page.right != ok:
                print(f"  offline differs: {page.name} pipeline {page.right} offline {ok}")
    if args.ablate:
        for name in TUNED:
            zero = accuracy(pages, {**weights, name: 0.0})
            counts = [accuracy(pages, {**weights, name: weights[name] + d}) for d in STEPS]
            print(f"  {name:24} {weights[name]:5.1f}  at 0: {zero}  moved {STEPS}: {counts}")
    if args.tune:
        got, had = cross_validate(pages, weights, tune, args.folds, args.seeds)
        print(f"cv grid ({args.folds} folds by site x {args.seeds}): tuned {got}, current {had}")
        tuned = tune(pages, weights)
        moved = {k: v for k, v in tuned.items() if v != weights[k]}
        print(f"grid tuned on all: {accuracy(pages, tuned)}/{len(pages)}; moved {moved}")
    if args.neutral:
        start = neutral()

        def from_neutral(train, _start):
            return tune(train, start, passes=8)

        print(f"neutral start: {accuracy(pages, start)}/{len(pages)}")
        got, had = cross_validate(pages, weights, from_neutral, args.folds, args.seeds)
        fitted = from_neutral(pages, start)
        print(
            f"cv grid from a neutral start: tuned {got}, current {had}; "
            f"fitted on all {accuracy(pages, fitted)}/{len(pages)}"
        )
        print(f"  fitted on all: {fitted}")
    if args.ranker:
        for strength in (0.01, 0.1, 1.0, 10.0):

            def procedure(train, start, strength=strength):
                return rank(train, start, strength)

            got, had = cross_validate(pages, weights, procedure, args.folds, args.seeds)
            fitted = rank(pages, weights, strength)
            print(
                f"cv ranker L2 {strength}: tuned {got}, current {had}; "
                f"fitted on all {accuracy(pages, fitted)}/{len(pages)}"
            )


if __name__ == "__main__":
    main()
