"""Benchmark: read + clean + structure of one page, the part of the pipeline before rendering.

    .venv/bin/python bench/bench_clean.py [--chars 3000] [--runs 50]

Takes every development page of the real-pages corpus (tests/realpages/dev) and the old
corpus (tests/corpus), cuts or repeats each to about --chars characters, and times
`prepare` (read, clean, structure) on each, after one warm-up run (rules, OpenCC tables and
trafilatura load once per process). Prints the median and the slowest page in milliseconds.
Run by hand; nothing is asserted (timings never are, in tests).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.clean import load_rules  # noqa: E402
from pipeline.errors import DocumentError  # noqa: E402
from pipeline.flow import prepare  # noqa: E402

PAGES = [
    *sorted((ROOT / "tests" / "realpages" / "dev").glob("*/*.*")),
    *sorted((ROOT / "tests" / "corpus").glob("*.*")),
]


def sized(text: str, chars: int) -> str:
    """The text cut or repeated (whole lines) to about `chars` characters."""
    while len(text) < chars:
        text += "\n" + text
    cut = text.rfind("\n", 0, chars)
    return text[: cut if cut > chars // 2 else chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chars", type=int, default=3000, help="characters per page")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per page")
    args = parser.parse_args()
    rules = load_rules()
    pages = [p for p in PAGES if p.suffix in {".txt", ".html", ".md"} and p.name != "README.md"]
    timings: list[tuple[float, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        for page in pages:
            text = page.read_text("utf-8", errors="replace")
            if page.suffix == ".html":
                text = text[: max(args.chars * 4, len(text))]  # markup is not text
            else:
                text = sized(text, args.chars)
            path = Path(folder) / page.name
            path.write_text(text, "utf-8")
            try:
                prepare(path, path.stem, rules)  # warm-up
            except DocumentError:
                continue
            runs = []
            for _ in range(args.runs):
                started = time.perf_counter()
                prepare(path, path.stem, rules)
                runs.append((time.perf_counter() - started) * 1000)
            timings.append((statistics.median(runs), f"{page.parent.name}/{page.name}"))
    timings.sort()
    median = statistics.median(t for t, _ in timings)
    print(f"{len(timings)} pages of about {args.chars} characters, {args.runs} runs each")
    print(f"read + clean + structure: median {median:.1f} ms per page")
    for ms, name in timings[-3:]:
        print(f"  slowest: {ms:6.1f} ms  {name}")


if __name__ == "__main__":
    main()
