"""Benchmark: `publish all --cluster local:2` against `--jobs 2`, and the coordinator's memory.

    .venv/bin/python bench/cluster.py [--docs 200] [--many 2000] [--skip-compare]

In one run, on the same corpus (bench.py's variants of the seed speech):
  1. `--jobs 2` and `--cluster local:2` on --docs documents, every format: wall time of each and
     the cluster's overhead (the LocalCluster's start and stop included);
  2. `--cluster local:2 --formats md` on --docs and on --many documents: the coordinator's peak
     RSS (VmHWM of the `publish` process itself; with local:N the scheduler runs in it too) and
     its CPU time per document, which bounds how many documents per second one coordinator can
     take in (the first bottleneck of a large cluster);
  3. the per-document cost on a worker (wall seconds x workers / documents) and pages per
     document, for the 1,000,000-page estimate in the README.
Needs publish[cluster]. Nothing is written to the repository; work happens in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench import make_corpus  # noqa: E402

PUBLISH = [sys.executable, "-m", "pipeline", "all"]
TICKS = os.sysconf("SC_CLK_TCK")


def measured(args: list[str], log: Path) -> dict[str, float]:
    """Run publish; wall seconds, and the coordinator's own peak RSS (MB) and CPU seconds."""
    started = time.perf_counter()
    with open(log, "w") as output:  # a file, not a pipe nobody reads while it fills
        process = subprocess.Popen([*PUBLISH, *args], cwd=ROOT, stdout=output, stderr=output)
    peak, cpu = 0.0, 0.0
    while process.poll() is None:
        try:
            status = Path(f"/proc/{process.pid}/status").read_text()
            stat = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            break
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peak = max(peak, int(line.split()[1]) / 1024)
        cpu = (int(stat[11]) + int(stat[12])) / TICKS  # utime + stime
        time.sleep(0.2)
    if process.wait() != 0:
        raise SystemExit(f"publish {' '.join(args)} failed:\n{log.read_text()[-2000:]}")
    return {"seconds": time.perf_counter() - started, "rss_mb": peak, "cpu": cpu}


def say(*lines: str) -> None:
    print("\n".join(lines), flush=True)


def pages(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--many", type=int, default=2000)
    parser.add_argument("--skip-compare", action="store_true", help="only the memory part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="publish-bench-cluster-") as temp:
        work = Path(temp)
        make_corpus(work / "few", args.docs)
        make_corpus(work / "many", args.many)
        if not args.skip_compare:
            local = measured(
                ["-i", str(work / "few"), "-o", str(work / "local"), "-j", "2"], work / "local.log"
            )
            remote = measured(
                ["-i", str(work / "few"), "-o", str(work / "remote"), "--cluster", "local:2"],
                work / "remote.log",
            )
            overhead = remote["seconds"] / local["seconds"] - 1
            per_doc = remote["seconds"] * 2 / args.docs
            say(
                f"{args.docs} documents, every format:",
                f"  --jobs 2           {local['seconds']:7.1f} s",
                f"  --cluster local:2  {remote['seconds']:7.1f} s   overhead {overhead:+.1%}",
                f"  per document on a worker: {per_doc:.2f} s; "
                f"{pages(work / 'remote' / 'doc-0000.pdf')} PDF pages per document",
            )
        few = measured(["-i", str(work / "few"), "-o", str(work / "few-md"), "--formats", "md",
                        "--cluster", "local:2"], work / "few-md.log")  # fmt: skip
        many = measured(["-i", str(work / "many"), "-o", str(work / "many-md"), "--formats", "md",
                         "--cluster", "local:2"], work / "many-md.log")  # fmt: skip
        growth = many["rss_mb"] / few["rss_mb"] - 1
        say(
            "coordinator (scheduler included), --cluster local:2 --formats md:",
            f"  {args.docs:>6} documents: peak RSS {few['rss_mb']:6.0f} MB, "
            f"CPU {few['cpu']:6.1f} s, wall {few['seconds']:6.1f} s",
            f"  {args.many:>6} documents: peak RSS {many['rss_mb']:6.0f} MB, "
            f"CPU {many['cpu']:6.1f} s, wall {many['seconds']:6.1f} s",
            f"  peak RSS growth {growth:+.1%}; coordinator CPU per document "
            f"{(many['cpu'] - few['cpu']) / (args.many - args.docs) * 1000:.1f} ms",
        )


if __name__ == "__main__":
    main()
