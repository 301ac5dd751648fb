"""Benchmark: publish against the plain pandoc + weasyprint route, side by side in one run.

    .venv/bin/python bench/bench.py [--sizes 1,6,30,100] [--repeat 3] [--docs 20] ...

First, small and large batches of the project's own inputs (bench/inputs: a speech, a report,
an HTML notice, in turn, each copy titled apart): for each N the plain route, `publish all
--jobs 1` and `--jobs 2` side by side in the same run (the four formats the plain route makes:
md, pdf, docx, epub), the whole command's wall time (the minimum of --repeat runs taken in
turn) and the peak RSS of its largest process, as a Markdown table with the date, the machine
and its load (`--compare ROOT` adds another checkout's `publish all` beside it, run by its own
.venv when it has one: before and after a change, in one run).

Then, on a corpus of realistic documents from the seed speech (../shared/samples when present,
else the project's own sample), it measures:
  1. the plain route a user would script by hand with the same fonts and CSS: per document
     pandoc -> docx, pyftsubset + pandoc -> epub with the subset font, pandoc -> html then the
     weasyprint CLI for the PDF;
  2. `publish all --jobs 1` and `--jobs <cores>` on the same raw inputs;
  3. a second run with nothing changed, and with one input changed; a run over --unchanged
     documents that are all up to date;
  4. how time grows with document size (1x, 10x, 50x).
Prints seconds per document, ratios, peak RSS per process and output sizes. Nothing is
written to the repository; work happens in a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypdf import PdfReader  # noqa: E402

from pipeline.clean import load_rules  # noqa: E402
from pipeline.flow import prepare  # noqa: E402
from pipeline.render import default_styles  # noqa: E402
from pipeline.styles import load_style, print_css  # noqa: E402

SEED = ROOT.parent / "shared" / "samples" / "speech-organization-line.txt"
if not SEED.exists():
    SEED = ROOT / "tests" / "cases" / "speech-study-session" / "input.txt"
PUBLISH = [sys.executable, "-m", "pipeline"]
INPUTS = sorted((ROOT / "bench" / "inputs").iterdir())  # speech, report, notice


def pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def make_corpus(folder: Path, count: int, scale: int = 1) -> list[Path]:
    """count variants of the seed (each differs, so nothing is shared between them)."""
    text = SEED.read_text("utf-8")
    title, _, body = text.partition("\n")
    # Repeat the author's text only: the site's tail ("猜你喜欢" and after) ends the page once.
    head, marker, rest = body.rpartition("\n猜你喜欢")
    body, tail = (head, marker + rest) if marker else (body, "")
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"doc-{index:04d}.txt"
        path.write_text(f"{title}（{index + 1}）\n" + body * scale + tail, encoding="utf-8")
        paths.append(path)
    return paths


def timed(command: list[str], **kwargs) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    return time.perf_counter() - started


def plain_route(inputs: list[Path], out: Path) -> float:
    """What a user would script by hand: three pandoc runs, pyftsubset and weasyprint per doc,
    with the fonts and CSS publish uses for each format (PDF: the gongwen style's CSS; EPUB: the
    body face of the reading style, subset to the document's characters)."""
    style = load_style(default_styles()["pdf"])
    css = out / "print.css"
    out.mkdir(parents=True, exist_ok=True)
    css.write_text(print_css(style), encoding="utf-8")
    body_font = load_style(default_styles()["epub"]).font("body")
    rules = load_rules()
    started = time.perf_counter()
    for path in inputs:
        md = out / f"{path.stem}.md"
        md.write_text(prepare(path, path.stem, rules).markdown, encoding="utf-8")
        subprocess.run(
            [pandoc(), str(md), "-o", str(out / f"{path.stem}.docx")],
            check=True,
            capture_output=True,
        )
        chars = out / f"{path.stem}.chars"
        chars.write_text(md.read_text("utf-8"), encoding="utf-8")
        font = out / f"{path.stem}.otf"
        subprocess.run(
            [sys.executable, "-m", "fontTools.subset", str(body_font.path),
             f"--font-number={body_font.index}", f"--text-file={chars}", f"--output-file={font}"],
            check=True, capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [pandoc(), str(md), "-o", str(out / f"{path.stem}.epub"), "--epub-embed-font", str(font),
             "--metadata", "lang=zh-CN"],
            check=True, capture_output=True,
        )  # fmt: skip
        html = out / f"{path.stem}.html"
        subprocess.run([pandoc(), str(md), "-s", "-o", str(html)], check=True, capture_output=True)
        subprocess.run(
            [sys.executable, "-m", "weasyprint", "-s", str(css), str(html), str(out / f"{path.stem}.pdf")],
            check=True, capture_output=True,
        )  # fmt: skip
    return time.perf_counter() - started


def publish(input_dir: Path, output_dir: Path, *args: str, root: Path = ROOT) -> float:
    return timed(
        [*PUBLISH, "all", "-i", str(input_dir), "-o", str(output_dir), "-q", *args], cwd=root
    )


def mixed_corpus(folder: Path, count: int) -> list[Path]:
    """count documents, bench/inputs in turn, each copy's first line (its title) made apart."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        source = INPUTS[index % len(INPUTS)]
        text = source.read_text("utf-8")
        mark = f"（{index + 1}）"
        if source.suffix == ".html":
            text = text.replace("</h1>", f"{mark}</h1>", 1)
        else:
            first, newline, rest = text.partition("\n")
            text = first + mark + newline + rest
        path = folder / f"{source.stem}-{index:04d}{source.suffix}"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def measured(
    command: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the command's largest process, its workers included)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise RuntimeError(f"{command} failed: {process.stderr.read().decode()[-2000:]}")
    process.stderr.close()
    return seconds, usage.ru_maxrss / 1024


def python_of(root: Path) -> str:
    """The Python that runs a checkout: a compared checkout's own .venv when it has one (its
    own dependencies, as its users had them), else this one."""
    own = root / ".venv" / "bin" / "python"
    return str(own) if root != ROOT and own.exists() else sys.executable


def compile_bytecode(root: Path) -> None:
    """The checkout's modules compiled, as after its first run or setup: where writing
    bytecode is off (PYTHONDONTWRITEBYTECODE), every measured command would compile them."""
    subprocess.run([python_of(root), "-m", "compileall", "-q", str(root / "pipeline")], check=True)


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{len(os.sched_getaffinity(0))} cores ({model}), load average {load:.1f}"


@contextmanager
def warm_server(root: Path, folder: Path):
    """The environment of commands that a `publish serve` of root (started here, in a socket
    folder of its own, stopped after) runs; PUBLISH_SERVER=require: a run it did not take fails."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = os.environ | {"XDG_RUNTIME_DIR": str(folder), "PUBLISH_SERVER": "require"}
    subprocess.run([*PUBLISH, "serve", "--background", "--idle", "900"], cwd=root, env=env,
                   check=True, capture_output=True)  # fmt: skip
    try:
        yield env
    finally:
        subprocess.run([*PUBLISH, "serve", "--stop"], cwd=root, env=env, capture_output=True)


def small_batches(
    work: Path,
    sizes: list[int],
    plain_max: int,
    compare: Path | None,
    formats: str,
    repeat: int,
    served: bool = False,
) -> None:
    """The table the README quotes: per N, plain route vs --jobs 1 vs --jobs 2 (s per document,
    whole command), same run, each cell the minimum of `repeat` runs taken in turn (a shared
    machine's load moves between runs; the minimum is the least disturbed); the plain route is
    per document, so above plain_max documents its figure is the per-document time measured at
    the largest N it ran."""
    stamp = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"small and large batches, {stamp}; {machine()}; python {sys.version.split()[0]}")
    print(f"inputs: {', '.join(p.name for p in INPUTS)} in turn; formats md,{formats}; "
          f"minimum of {repeat} runs a cell")  # fmt: skip
    with ExitStack() as stack:
        routes: list[tuple[str, Path, dict[str, str] | None]] = [("", ROOT, None)]
        if served:  # the same code, its commands run by a warm server
            routes.append(("served ", ROOT, stack.enter_context(warm_server(ROOT, work / "run"))))
        if compare:
            routes.append(("before ", compare, None))
        header = "| N | plain s/doc |"
        for label, _, _ in routes:
            header += f" {label}`--jobs 1` s/doc | {label}`--jobs 2` s/doc | vs plain | 1/2 | MB |"
        print(header)
        print("|" + "---|" * (header.count("|") - 1))
        plain_per_doc = None
        loads = [os.getloadavg()[0]]
        for count in sizes:
            inputs = mixed_corpus(work / f"n{count}" / "in", count)
            best: dict[tuple[str, int], tuple[float, float]] = {}
            plain_runs = []
            for turn in range(repeat):
                if count <= plain_max:
                    out = work / f"n{count}" / f"plain-{turn}"
                    plain_runs.append(plain_route(inputs, out))
                    shutil.rmtree(out, ignore_errors=True)
                for label, root, env in routes:
                    for jobs in (1, 2):
                        out = work / f"n{count}" / f"{label.strip() or 'now'}-{jobs}-{turn}"
                        command = [python_of(root), "-m", "pipeline", "all", "-i", str(inputs[0].parent),
                                   "-o", str(out), "-q", "--formats", formats, "--jobs", str(jobs)]  # fmt: skip
                        seconds, rss = measured(command, root, env)
                        shutil.rmtree(out, ignore_errors=True)
                        old = best.get((label, jobs), (float("inf"), 0.0))
                        best[(label, jobs)] = (min(old[0], seconds), max(old[1], rss))
                loads.append(os.getloadavg()[0])
            if plain_runs:
                plain_per_doc = min(plain_runs) / count
            line = f"| {count} | {plain_per_doc or 0:.3f}{'' if count <= plain_max else '*'} |"
            for label, _, env in routes:
                (one, rss1), (two, rss2) = best[(label, 1)], best[(label, 2)]
                ratio = plain_per_doc * count / one if plain_per_doc else 0
                memory = f"{max(rss1, rss2):.0f}" if env is None else "-"  # in the server's log
                line += (
                    f" {one / count:.3f} | {two / count:.3f} | {ratio:.1f}x | {one / two:.2f} |"
                    f" {memory} |"
                )
            print(line, flush=True)
    print(f"whole command, seconds per document; vs plain: the plain route's time over `--jobs 1`'s; "
          f"1/2: `--jobs 1` over `--jobs 2`; MB: peak RSS of the largest process; * the plain "
          f"route's per-document time from a smaller N; load average during the runs "
          f"{min(loads):.1f}-{max(loads):.1f}")  # fmt: skip


STEADY = """
import os, resource, sys, time
from pathlib import Path
from pipeline import render
from pipeline.executor import Recipe, Task, prepared, publish

def cpu():
    own = time.process_time()
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    alive = 0.0
    for entry in os.listdir("/proc"):  # children still running (a pandoc kept running)
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid():
                alive += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + done.ru_utime + done.ru_stime + alive

formats = tuple(sys.argv[1].split(","))
styles = {f: s for f, s in render.default_styles().items() if f in formats}
recipe = Recipe(formats, styles, {f: render.get(f).option_values() for f in formats})
prepared(recipe)
sources = [Path(p) for p in sys.argv[3:]]
for source in sources[:3]:  # first documents of a process: not the steady state
    publish(recipe, Task(source.name, source.stem, "", source))
began, wall = cpu(), time.perf_counter()
for source in sources[3:]:
    result = publish(recipe, Task(source.name, source.stem, "", source))
    assert result.outcome.error is None, result.outcome.error
count = len(sources) - 3
print((cpu() - began) / count, (time.perf_counter() - wall) / count)
"""


def steady_state(work: Path, count: int, compare: Path | None, formats: str) -> None:
    """Core-seconds and wall seconds per document of one worker in steady state (after its
    first three documents), its children's CPU included (pandoc, run per conversion or kept
    running): less disturbed by a shared machine's load than wall time."""
    inputs = mixed_corpus(work / "steady", count + 3)
    print(f"steady state, one worker, {count} documents, formats md,{formats}; {machine()}")
    for label, root in [("now", ROOT)] + ([("before", compare)] if compare else []):
        result = subprocess.run(
            [python_of(root), "-c", STEADY, "md," + formats, "-", *map(str, inputs)],
            cwd=root, check=True, capture_output=True, text=True,
        )  # fmt: skip
        core, wall = map(float, result.stdout.split())
        print(f"  {label}: {core:.3f} core-s per document, {wall:.3f} s wall per document")


def peak_children_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def sizes(folder: Path, ext: str) -> str:
    files = sorted(folder.rglob(f"*.{ext}"))
    if not files:
        return "-"
    average = sum(f.stat().st_size for f in files) / len(files)
    return f"{average / 1024:.0f} KB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1,2,6,30,100", help="batch sizes of the first table ('' skips it)"
    )
    parser.add_argument(
        "--plain-max", type=int, default=6, help="largest N the plain route runs at in the table"
    )
    parser.add_argument("--compare", type=Path, help="another checkout run beside (before/after)")
    parser.add_argument(
        "--formats", default="pdf,docx,epub", help="formats of the first table (md always)"
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs per cell of the first table")
    parser.add_argument("--table-only", action="store_true", help="only the first table")
    parser.add_argument(
        "--served", action="store_true", help="the first table also through `publish serve`"
    )
    parser.add_argument(
        "--steady", type=int, default=30, help="documents of the steady-state measure (0: none)"
    )
    parser.add_argument("--docs", type=int, default=20, help="documents in the main corpus")
    parser.add_argument(
        "--unchanged", type=int, default=1000, help="documents in the no-change run"
    )
    parser.add_argument("--skip-plain", action="store_true", help="skip the plain route")
    parser.add_argument("--skip-scaling", action="store_true", help="skip the size scaling run")
    args = parser.parse_args()
    for root in {ROOT, *([args.compare] if args.compare else [])}:
        compile_bytecode(root)
    cores = len(os.sched_getaffinity(0))
    work = Path(tempfile.mkdtemp(prefix="publish-bench-"))
    print(f"seed: {SEED.name} ({len(SEED.read_text('utf-8'))} chars); {args.docs} documents; "
          f"{cores} cores; python {sys.version.split()[0]}")  # fmt: skip
    try:
        if args.sizes:
            sizes = [int(n) for n in args.sizes.split(",")]
            small_batches(
                work / "batches",
                sizes,
                args.plain_max,
                args.compare,
                args.formats,
                args.repeat,
                args.served,
            )
        if args.steady:
            steady_state(work, args.steady, args.compare, args.formats)
        if args.sizes or args.steady:
            if args.table_only:
                return
            print()
        inputs = make_corpus(work / "in", args.docs)
        rows = []
        if not args.skip_plain:
            plain = plain_route(inputs, work / "plain")
            rows.append(("plain route (pandoc x3, pyftsubset, weasyprint CLI)", plain))
            print(
                f"plain route PDF {sizes(work / 'plain', 'pdf')}, EPUB {sizes(work / 'plain', 'epub')}"
            )
        one = publish(work / "in", work / "out1", "--jobs", "1")
        rows.append(("publish all --jobs 1", one))
        many = publish(work / "in", work / f"out{cores}", "--jobs", str(cores))
        rows.append((f"publish all --jobs {cores}", many))
        print(f"publish    PDF {sizes(work / 'out1', 'pdf')}, EPUB {sizes(work / 'out1', 'epub')}")
        print(f"peak RSS of any child process: {peak_children_rss_mb():.0f} MB")
        print(f"\n{'route':<58}{'total s':>9}{'s/doc':>8}{'vs plain':>10}")
        base = rows[0][1] if not args.skip_plain else None
        for name, seconds in rows:
            ratio = f"{base / seconds:.1f}x" if base else "-"
            print(f"{name:<58}{seconds:>9.2f}{seconds / args.docs:>8.3f}{ratio:>10}")
        print(f"jobs {cores} vs jobs 1: {one / many:.2f}x faster")

        unchanged = publish(work / "in", work / "out1", "--jobs", "1")
        print(f"\nsecond run, nothing changed ({args.docs} docs): {unchanged:.2f} s")
        inputs[0].write_text(inputs[0].read_text("utf-8") + "\n补充一段。\n", encoding="utf-8")
        changed = publish(work / "in", work / "out1", "--jobs", "1")
        print(f"second run, one input changed: {changed:.2f} s")

        if args.unchanged:
            many_in = work / "many"
            make_corpus(many_in, args.unchanged)
            publish(many_in, work / "many-out", "--formats", "md", "--jobs", str(cores))
            runs = [publish(many_in, work / "many-out", "--formats", "md") for _ in range(3)]
            print(f"nothing changed over {args.unchanged} docs: best of 3 {min(runs):.2f} s "
                  "(whole command, including Python start-up)")  # fmt: skip

        if not args.skip_scaling:
            print("\nsize scaling (one document, all formats, --jobs 1; time inside the worker):")
            first = None
            for scale in (1, 10, 50):
                folder = work / f"scale{scale}"
                (path,) = make_corpus(folder / "in", 1, scale)
                chars = len(re.sub(r"\s", "", path.read_text("utf-8")))
                report = folder / "report.json"
                whole = publish(
                    folder / "in", folder / "out", "--jobs", "1", "--report", str(report)
                )
                seconds = json.loads(report.read_text())["documents"][0]["seconds"]
                first = first or seconds
                pages = len(PdfReader(next((folder / "out").glob("*.pdf"))).pages)
                print(
                    f"  {scale:>3}x {chars:>8} chars {pages:>4} pages {seconds:>7.2f} s "
                    f"({seconds / first:>4.1f}x time for {scale}x text; whole command {whole:.2f} s)"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
