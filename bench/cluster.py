"""Benchmark: `publish all --cluster local:2` against `--jobs 2`, and the coordinator's memory.

    .venv/bin/python bench/cluster.py [--docs 200] [--many 2000] [--skip-compare]

In one run, on the same corpus (bench.py's variants of the seed speech):
  1. `--jobs 2` and `--cluster local:2` on --docs documents, every format: wall time of each and
     the cluster's overhead (the LocalCluster's start and stop included);
  2. `--cluster local:2 --formats md` on --docs and on --many documents: the coordinator's peak
     RSS (VmHWM of the `publish` process itself; with local:N the scheduler runs in it too)
     when its last document is in and overall (the catalogue of the whole library is built
     after that), and its CPU time per document, which bounds how many documents per second
     one coordinator can take in;
  3. the per-document cost on a worker (wall seconds x workers / documents) and pages per
     document, for the 1,000,000-page estimate in the README.
Needs publish[cluster]. Nothing is written to the repository; work happens in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import re
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


def measured(args: list[str], log: Path, total: int) -> dict[str, float]:
    """Run publish on `total` new documents. Wall seconds, and the coordinator's own peak RSS
    (MB) and CPU seconds, overall and at the moment its last document was logged ("pub_"):
    what follows (the catalogue of the whole library, closing the cluster) is not the
    executor's."""
    started = time.perf_counter()
    with open(log, "w") as output:  # a file, not a pipe nobody reads while it fills
        process = subprocess.Popen([*PUBLISH, *args], cwd=ROOT, stdout=output, stderr=output)
    last = f"[{total}/{total}]"
    found: dict[str, float] = {}
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
        if not found and last in log.read_text(errors="replace"):
            found = {"pub_seconds": time.perf_counter() - started, "pub_rss_mb": peak}
            found["pub_cpu"] = cpu
        time.sleep(0.2)
    if process.wait() != 0:
        raise SystemExit(f"publish {' '.join(args)} failed:\n{log.read_text()[-2000:]}")
    return {"seconds": time.perf_counter() - started, "rss_mb": peak, "cpu": cpu, **found}


def read(path: Path) -> str:
    return path.read_text(errors="replace")


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
    parser.add_argument("--skip-memory", action="store_true", help="only the comparison")
    parser.add_argument(
        "--cluster-first", action="store_true", help="run the cluster before --jobs 2"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="publish-bench-cluster-") as temp:
        work = Path(temp)
        make_corpus(work / "few", args.docs)
        make_corpus(work / "many", args.many)
        if not args.skip_compare:
            runs = {
                "local": ["-i", str(work / "few"), "-o", str(work / "local"), "-j", "2"],
                "remote": ["-i", str(work / "few"), "-o", str(work / "remote"),
                           "--cluster", "local:2"],
            }  # fmt: skip
            order = sorted(runs, reverse=args.cluster_first)  # local first by default
            done = {name: measured(runs[name], work / f"{name}.log", args.docs) for name in order}
            local, remote = done["local"], done["remote"]
            overhead = remote["seconds"] / local["seconds"] - 1
            publishing = remote["pub_seconds"] / local["pub_seconds"] - 1
            inside = [
                float(t) for t in re.findall(r"published \S+ ([\d.]+)s", read(work / "remote.log"))
            ]
            per_doc = sum(inside) / len(inside)
            say(
                f"{args.docs} documents, every format (wall; until the last document is in):",
                f"  --jobs 2           {local['seconds']:7.1f} s  ({local['pub_seconds']:.1f} s)",
                f"  --cluster local:2  {remote['seconds']:7.1f} s  ({remote['pub_seconds']:.1f} s)"
                f"   overhead {overhead:+.1%} ({publishing:+.1%})",
                f"  coordinator CPU per document: --jobs 2 {local['pub_cpu'] / args.docs * 1000:.0f}"
                f" ms, --cluster {remote['pub_cpu'] / args.docs * 1000:.0f} ms",
                f"  per document inside a worker: {per_doc:.2f} s (mean); "
                f"{pages(work / 'remote' / 'doc-0000.pdf')} PDF pages per document",
            )
        if args.skip_memory:
            return
        rows = []
        for label, count in (("few", args.docs), ("many", args.many)):
            run = measured(["-i", str(work / label), "-o", str(work / f"{label}-md"),
                            "--formats", "md", "--cluster", "local:2"],
                           work / f"{label}-md.log", count)  # fmt: skip
            rows.append((count, run))
        say("coordinator (scheduler included), --cluster local:2 --formats md:")
        for count, run in rows:
            say(
                f"  {count:>6} documents: peak RSS {run['pub_rss_mb']:4.0f} MB until the last "
                f"document is in, {run['rss_mb']:4.0f} MB overall; CPU {run['pub_cpu']:5.1f} s; "
                f"wall {run['pub_seconds']:6.1f} s + {run['seconds'] - run['pub_seconds']:5.1f} s "
                "after the last document (catalogue, closing the cluster)"
            )
        (few_n, few), (many_n, many) = rows
        say(
            f"  peak RSS growth {many['pub_rss_mb'] / few['pub_rss_mb'] - 1:+.1%} while "
            f"publishing, {many['rss_mb'] / few['rss_mb'] - 1:+.1%} overall; coordinator CPU per "
            f"document {(many['pub_cpu'] - few['pub_cpu']) / (many_n - few_n) * 1000:.1f} ms",
        )


if __name__ == "__main__":
    main()
