"""Batch runner: input/ -> output/, incremental, parallel, crash-safe, one run at a time.

- A document is rebuilt only when its fingerprint changes: input bytes, style, rules, options
  and tool versions.
- Documents run on an executor (executor.py: the contract; jobs.Pool, worker processes on this
  machine, by default); a document that overruns the per-document time limit fails alone.
- This process alone writes output/ and the state: each result's files are renamed into place
  from output/.publish/tmp/ (or written there first when they come as bytes), so nobody ever
  sees half a file; what a killed run left there is removed by the next run.
- A lock (lock.py) keeps runs on one output folder from overlapping.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from . import __version__, render
from .catalogue import Library
from .clean import RuleSet, load_rules
from .executor import Executor, Outcome, Recipe, Result, Status, Task, place
from .jobs import Pool
from .lock import RunLock
from .settings import INPUT_SUFFIXES, Settings
from .state import State
from .styles import Style, load_styles

__all__ = ["Outcome", "run", "totals", "write_report"]

# Distributions whose version changes what read, clean and structure make; each format
# declares its own (render.Format.packages).
PIPELINE_PACKAGES = ("autocorrect-py", "trafilatura", "charset-normalizer", "pyyaml")


# ---------------------------------------------------------------- discovery and fingerprints


def discover(settings: Settings) -> tuple[list[tuple[Path, str]], list[Outcome]]:
    """Input files as (path, key), sorted; and files skipped with the reason."""
    root = settings.input_dir.resolve()
    found: list[tuple[Path, str]] = []
    skipped: list[Outcome] = []
    now = time.time()
    output = settings.output_dir.resolve()
    for folder, dirs, files in os.walk(root):  # os.walk does not follow directory symlinks
        # Hidden folders, and the output folder when it lies inside the input folder (its
        # Markdown would otherwise be published again, and again).
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (Path(folder) / d).resolve() != output
        )
        for filename in sorted(files):
            path = Path(folder) / filename
            key = path.relative_to(root).as_posix()
            if filename.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                skipped.append(
                    Outcome(key, Status.SKIPPED, error="symlink leads out of the input folder")
                )
                continue
            try:
                age = now - path.stat().st_mtime
            except OSError as exc:
                skipped.append(Outcome(key, Status.SKIPPED, error=f"cannot stat: {exc.strerror}"))
                continue
            if age < settings.settle_seconds:
                skipped.append(Outcome(key, Status.SKIPPED, error="still being written; next run"))
                continue
            found.append((path, key))
    return found, skipped


def output_names(keys: list[str]) -> dict[str, str]:
    """Output stem per input: input/a/b.txt -> a/b; inputs that share a stem keep their suffix."""
    stems: dict[str, list[str]] = {}
    for key in keys:
        stems.setdefault(key.rsplit(".", 1)[0], []).append(key)
    names = {}
    for stem, members in stems.items():
        for key in members:
            names[key] = stem if len(members) == 1 else key.replace(".", "_")
    return names


def run_key(settings: Settings, styles: dict[str, Style], rules: RuleSet) -> str:
    """Everything but the input bytes that a document's outputs depend on."""
    digest = hashlib.sha256()
    package = Path(__file__).parent
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".toml", ".lua"}:
            digest.update(path.read_bytes())
    for path in settings.rules_files:
        digest.update(Path(path).read_bytes())
    fonts = sorted(
        f"{s.name}.{r}={f.path}:{f.index}"
        for s in set(styles.values())
        for r, f in s.fonts.items()
        if f
    )
    parts = [
        __version__,
        # Package versions, read without importing them (a run with nothing to do stays fast);
        # pypandoc-binary's version pins the pandoc it ships.
        *(f"{name}={metadata.version(name)}" for name in _packages(settings.formats)),
        *sorted(f"{fmt}={s.fingerprint}" for fmt, s in styles.items()),
        settings.options_key(),
        ",".join(sorted(settings.skip_rules)),
        *fonts,
    ]
    digest.update("|".join(parts).encode())
    return digest.hexdigest()


def _packages(formats: tuple[str, ...]) -> list[str]:
    declared = [name for fmt in formats for name in render.get(fmt).packages]
    return sorted({*PIPELINE_PACKAGES, *declared})


def is_current(row: sqlite3.Row | None, fingerprint: str, output_dir: Path) -> bool:
    """Whether a document's recorded outputs are what this run would make: published with this
    fingerprint, and every output still there. `publish all` skips such a document; `publish
    status` calls it published (a document with a deleted output is stale)."""
    return (
        row is not None
        and row["status"] == "published"
        and row["fingerprint"] == fingerprint
        and all((output_dir / o).exists() for o in json.loads(row["outputs"]))
    )


def fingerprint(path: Path, input_key: str, run: str) -> str:
    """A document's fingerprint: its input bytes and name, and the run key."""
    digest = hashlib.sha256(f"{run}\0{input_key}\0".encode())
    with open(path, "rb") as handle:
        digest.update(hashlib.file_digest(handle, "sha256").digest())
    return digest.hexdigest()


# ---------------------------------------------------------------- the run


def run(
    settings: Settings,
    only: list[Path] | None = None,
    log: Callable[[Outcome, int, int], None] = lambda o, i, n: None,
    *,
    executor: Executor | None = None,
    locked: bool = False,
) -> list[Outcome]:
    """Publish what needs publishing; return one outcome per input, in input order.

    executor: where documents run; one the caller passes stays the caller's to close (`publish
    watch` keeps a warm jobs.Pool across runs). By default worker processes are started for
    this run (jobs.Pool). locked: the caller holds the run lock already.
    """
    started = time.time()
    styles = load_styles(settings.style_names())
    for style in set(styles.values()):
        style.require_fonts()  # an environment problem: fail the run, not every document
    rules = load_rules(settings.rules_files, settings.skip_rules)
    lock = None if locked else RunLock(settings.state_dir, settings.wait)
    try:
        if executor is None:  # a killed run's leftovers (not a warm executor's scratch)
            shutil.rmtree(settings.state_dir / "tmp", ignore_errors=True)
        state = State(settings.state_dir / "state.db")
        run_id = state.start_run()
        outcomes: list[Outcome] = []
        try:
            outcomes = _run(settings, styles, rules, state, only, log, started, executor)
        finally:
            state.finish_run(run_id, totals(outcomes))
            state.close()
    finally:
        if lock:
            lock.release()
    return outcomes


def _run(
    settings, styles, rules, state: State, only, log, started: float, executor=None
) -> list[Outcome]:
    found, skipped = discover(settings) if only is None else (_explicit(settings, only), [])
    names = output_names([key for _, key in found])
    key = run_key(settings, styles, rules)
    known = state.documents()
    outcomes: dict[str, Outcome] = {o.input: o for o in skipped}
    tasks: list[Task] = []
    for path, input_key in found:
        try:
            current = fingerprint(path, input_key, key)
        except OSError as exc:
            error = f"cannot read: {exc.strerror}"
            outcomes[input_key] = Outcome(input_key, Status.FAILED, error=error)
            continue
        row = known.get(input_key)
        if row is not None and not settings.force and is_current(row, current, settings.output_dir):
            outcomes[input_key] = Outcome(
                input_key, Status.UNCHANGED, json.loads(row["outputs"]), json.loads(row["warnings"])
            )
            continue
        tasks.append(Task(input_key, names[input_key], current, path))

    total, finished = len(tasks), 0
    library = Library(settings, styles.get("html"))
    scratch = settings.state_dir / "tmp"

    def done(task: Task, result: Result) -> None:
        nonlocal finished
        finished += 1
        try:
            outcome = place(task, result, settings.output_dir, scratch)
        except OSError as exc:  # the output folder took no more (disk full, permissions)
            where = exc.filename or settings.output_dir
            outcome = Outcome(
                task.key, Status.FAILED, error=f"cannot write {where}: {exc.strerror}"
            )
        library.finish(outcome)  # the HTML page's shared fonts and links, before recording it
        state.record(
            task.key,
            task.fingerprint,
            outcome.status,
            outcome.outputs,
            outcome.warnings,
            outcome.removed,
            outcome.error,
            outcome.seconds,
        )
        outcomes[task.key] = outcome
        log(outcome, finished, total)

    if tasks:
        runner = executor or Pool(settings.jobs, settings.timeout_seconds, scratch)
        try:
            runner.run(Recipe.of(settings), tasks, done)
        finally:
            if executor is None:  # ours: started for this run
                runner.close()
    pruned = 0
    if settings.prune and only is None:
        pruned = _prune(settings, state, {k for _, k in found} | set(outcomes))
    ordered = sorted(outcomes.values(), key=lambda o: o.input)
    changed = pruned > 0 or any(o.status in {Status.PUBLISHED, Status.FAILED} for o in ordered)
    library.catalogue(state, changed)
    if settings.report:
        write_report(settings.report, ordered, started, settings.output_options())
    return ordered


def _explicit(settings: Settings, paths: list[Path]) -> list[tuple[Path, str]]:
    """`publish file`: the named files; keys relative to the input folder when inside it."""
    root = settings.input_dir.resolve()
    found = []
    for path in paths:
        resolved = path.resolve()
        key = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path.name
        found.append((path, key))
    return found


def _prune(settings: Settings, state: State, present: set[str]) -> int:
    """Delete the outputs of inputs that are gone; return how many documents that was."""
    pruned = 0
    for key, row in state.documents().items():
        if key not in present:
            pruned += 1
            for output in json.loads(row["outputs"]):
                (settings.output_dir / output).unlink(missing_ok=True)
            state.forget(key)
    return pruned


def totals(outcomes: list[Outcome]) -> dict[str, int]:
    return {str(s): sum(o.status == s for o in outcomes) for s in Status}


def write_report(
    path: Path, outcomes: list[Outcome], started: float, options: dict | None = None
) -> None:
    """The run report as JSON, written atomically."""
    stamp = lambda t: time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(t))  # noqa: E731
    report = {
        "run": {
            "started": stamp(started),
            "finished": stamp(time.time()),
            "seconds": round(time.time() - started, 3),
            "totals": totals(outcomes),
            "options": options or {},
        },
        "documents": [o.as_report() for o in outcomes],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    scratch.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(scratch, path)
