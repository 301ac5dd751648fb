"""Benchmark: how soon `publish watch` has a dropped file out in every format.

    .venv/bin/python bench/watch_latency.py [--drops 50] [--settle 1] [--formats md,pdf,...]

Starts `publish watch` on a temporary folder, then drops variants of the seed speech one at a
time (each written under a hidden name and renamed into place, as a careful uploader does) and
waits for all its formats before dropping the next. For each drop it measures the latency from
the moment the file has settled (its rename plus --settle seconds) to the moment the last of its
outputs is in place, and the work the worker reported for it. Prints the median and the worst of
both. Nothing is written to the repository.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "samples" / "speech-organization-line.txt"
if not SEED.exists():
    SEED = ROOT / "tests" / "cases" / "speech-study-session" / "input.txt"
PUBLISH = [sys.executable, "-m", "pipeline"]


def variant(n: int) -> str:
    title, _, body = SEED.read_text("utf-8").partition("\n")
    return f"{title}（之{n}）\n{body.replace('。', f'。第{n}稿', 1)}"


def finished(wanted: list[Path], page: Path) -> bool:
    """Every file there, and the page's fonts filled in."""
    if not all(p.exists() for p in wanted):
        return False
    return page not in wanted or "@font-face" in page.read_text("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drops", type=int, default=50)
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--formats", default="md,pdf,docx,epub,html")
    args = parser.parse_args()
    formats = args.formats.split(",")

    with tempfile.TemporaryDirectory(prefix="publish-watch-bench-") as tmp:
        base = Path(tmp)
        inbox, out, log = base / "input", base / "output", base / "watch.log"
        inbox.mkdir()
        said = base / "stderr.txt"
        with open(said, "w") as stderr:
            watcher = subprocess.Popen(
                [*PUBLISH, "watch", "-i", str(inbox), "-o", str(out), "--settle",
                 str(args.settle), "--formats", args.formats, "--log-file", str(log)],
                cwd=ROOT, stderr=stderr,
            )  # fmt: skip
        started = time.time()
        while "watching" not in said.read_text():
            time.sleep(0.05)
        print(f"started, workers warmed up, watching: {time.time() - started:.2f} s")
        latencies = []
        try:
            for n in range(args.drops):
                scratch, target = inbox / f".d{n:03d}.part", inbox / f"d{n:03d}.txt"
                scratch.write_text(variant(n), "utf-8")
                os.rename(scratch, target)
                settled = time.time() + args.settle
                wanted = [out / f"d{n:03d}.{fmt}" for fmt in formats]
                while not finished(wanted, out / f"d{n:03d}.html"):
                    time.sleep(0.005)
                    if time.time() - settled > 120:
                        sys.exit(f"d{n:03d} was not published within 120 s")
                latencies.append(time.time() - settled)  # seen within 5 ms of the last
        finally:
            watcher.send_signal(signal.SIGTERM)
            code = watcher.wait(timeout=60)
        work = [
            float(m[1]) for m in re.finditer(r"published \S+ ([\d.]+)s", log.read_text("utf-8"))
        ]
        fonts = sorted((out / "_library" / "fonts").glob("*.woff2"))
        print(f"publish watch, {args.drops} drops, settle {args.settle:g} s, {args.formats}")
        print(
            f"settled -> all formats written: median {statistics.median(latencies):.3f} s, "
            f"worst {max(latencies):.3f} s"
        )
        print(
            f"worker's time per document:     median {statistics.median(work):.3f} s, "
            f"worst {max(work):.3f} s (first: {work[0]:.3f} s)"
        )
        print(
            f"shared font files: {len(fonts)}, {sum(f.stat().st_size for f in fonts) // 1024} KB; "
            f"page size median {statistics.median((out / f'd{n:03d}.html').stat().st_size for n in range(args.drops)) // 1024} KB"
        )
        print(f"exit status after SIGTERM: {code}")


if __name__ == "__main__":
    main()
