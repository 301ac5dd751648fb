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

import errno
import hashlib
import json
import os
import re
import shutil
import sqlite3
import stat
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from . import __version__, head_start, render
from .catalogue import Library
from .clean import RuleSet, load_rules
from .errors import ReportError
from .executor import Executor, Outcome, Recipe, Result, Status, Task, place, remember
from .jobs import Pool
from .lock import RunLock
from .read import open_regular
from .settings import INPUT_SUFFIXES, Settings
from .state import State
from .styles import Style, load_styles

__all__ = ["Outcome", "run", "totals", "write_report"]

NAME_MAX = 255  # bytes in one file name (Linux file systems)

# Distributions whose version changes what read, clean and structure make; each format
# declares its own (render.Format.packages).
PIPELINE_PACKAGES = ("autocorrect-py", "trafilatura", "charset-normalizer", "pyyaml")


# ---------------------------------------------------------------- discovery and fingerprints


def discover(settings: Settings) -> tuple[list[tuple[Path, str]], list[Outcome]]:
    """Input files as (path, key), sorted; and the files that will not be published, each
    with its reason. Nothing here opens a file or fails the run: a symlink loop, a FIFO, a
    name that is not UTF-8, an unreadable folder or a file that vanishes is that file's
    outcome, and the rest of the folder goes ahead."""
    root = settings.input_dir.resolve()
    found: list[tuple[Path, str]] = []
    problems: list[Outcome] = []
    now = time.time()
    output = settings.output_dir.resolve()

    def unreadable_folder(exc: OSError) -> None:
        key = _key(Path(exc.filename), root) + "/"
        problems.append(Outcome(key, Status.FAILED, error=f"folder cannot be read: {exc.strerror}"))

    # os.walk does not follow directory symlinks
    for folder, dirs, files in os.walk(root, onerror=unreadable_folder):
        # Hidden folders, and the output folder when it lies inside the input folder (its
        # Markdown would otherwise be published again, and again).
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and (Path(folder) / d).resolve() != output
        )
        for filename in sorted(files):
            path = Path(folder) / filename
            if filename.startswith(".") or path.suffix.lower() not in INPUT_SUFFIXES:
                continue
            key = _key(path, root)
            problem = _problem(path, root, now, settings.settle_seconds)
            if problem:
                problems.append(Outcome(key, problem[0], error=problem[1]))
            else:
                found.append((path, key))
    return found, problems


def _key(path: Path, root: Path) -> str:
    """An input's key: its path under the input folder, posix form. Bytes of a name that are
    not UTF-8, and control characters, are shown escaped (such a file is refused, under a name
    one can read on one line)."""
    key = os.fsencode(path.relative_to(root).as_posix()).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), key)


# A name with a line break, a tab or an escape sequence in it would forge lines of the log and
# the report's readers, or drive the terminal that shows them; its outputs would carry it on.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _problem(path: Path, root: Path, now: float, settle: float) -> tuple[Status, str] | None:
    """(status, reason) when a discovered file is not to be published, else None. Never
    opens the file (a FIFO would block)."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return Status.FAILED, "the file name is not valid UTF-8; rename the file"
    control = _CONTROL.search(path.relative_to(root).as_posix())
    if control:
        return (
            Status.FAILED,
            f"the file name holds a control character (U+{ord(control[0]):04X}); rename the file",
        )
    try:
        info = os.stat(path)  # follows a symlink; a loop raises ELOOP
    except FileNotFoundError:
        if path.is_symlink():
            return Status.SKIPPED, "symlink to nothing"
        return Status.SKIPPED, "gone before it could be read"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Status.FAILED, "symlink loop"
        return Status.FAILED, f"cannot stat: {exc.strerror}"
    if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(root):
        return Status.SKIPPED, "symlink leads out of the input folder"
    if not stat.S_ISREG(info.st_mode):
        return Status.SKIPPED, f"not a regular file ({_kind(info.st_mode)})"
    if now - info.st_mtime < settle:
        return Status.SKIPPED, "still being written; next run"
    return None


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return name
    return "not a file"


def output_names(keys: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """Output stem per input, and the inputs refused with the reason.

    The rule (the same every run for the same inputs): input/a/b.txt -> a/b; inputs that share
    a stem (a.txt, a.md) keep their suffix with "_" for "." (a_txt, a_md). When that still
    gives two inputs one name (a.txt beside a.md and a_txt.txt), both are refused: rename one.
    So is a name too long for the file system once a format's suffix is added.
    """
    stems: dict[str, list[str]] = {}
    for key in keys:
        stems.setdefault(key.rsplit(".", 1)[0], []).append(key)
    names: dict[str, str] = {}
    for stem, members in stems.items():
        for key in members:
            names[key] = stem if len(members) == 1 else key.replace(".", "_")
    claims: dict[str, list[str]] = {}
    for key, name in names.items():
        claims.setdefault(name, []).append(key)
    refused: dict[str, str] = {}
    for name, members in claims.items():
        for key in members if len(members) > 1 else ():
            others = ", ".join(k for k in members if k != key)
            refused[key] = f"output name {name!r} is also that of {others}; rename one of them"
    for key, name in names.items():
        longest = max(len(os.fsencode(part)) for part in name.split("/"))
        if key not in refused and longest + len(".docx") > NAME_MAX:
            refused[key] = f"name too long for the outputs (over {NAME_MAX} bytes with .docx)"
    return {k: v for k, v in names.items() if k not in refused}, refused


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


def fingerprint(path: Path, input_key: str, name: str, run: str) -> str:
    """A document's fingerprint: its input bytes, key and output name, and the run key."""
    digest = hashlib.sha256(f"{run}\0{input_key}\0{name}\0".encode())
    with open_regular(path) as handle:
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
    if executor is None:
        head_start.prepare(Recipe.of(settings))  # the worker forked at the command's start
    else:
        head_start.discard()
    styles = load_styles(settings.style_names())
    for style in set(styles.values()):
        style.require_fonts()  # an environment problem: fail the run, not every document
    rules = load_rules(settings.rules_files, settings.skip_rules)
    lock = None if locked else RunLock(settings.state_dir, settings.wait)
    try:
        # A killed run's leftovers (not the scratch of a warm executor that works in it).
        if getattr(executor, "scratch", None) is None:
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


def plan(settings: Settings, only: list[Path] | None) -> tuple[dict, list[Outcome]]:
    """{key: (path, output name)} of the inputs to consider, and the ones refused with a
    reason (discovery problems, output name clashes). Shared by `publish all`, `publish
    file` and `publish status`; opens no file."""
    found, problems = discover(settings) if settings.input_dir.is_dir() else ([], [])
    if only is not None:
        explicit, clashes = _explicit(settings, only)
        inside = {key for _, key in explicit}
        # Names are those `publish all` gives: decided over the whole input folder.
        others = [key for _, key in found if key not in inside]
        problems = [o for o in problems if o.input in inside] + clashes
        found = explicit
    else:
        others = []
    names, refused = output_names([key for _, key in found] + others)
    problems += [
        Outcome(key, Status.FAILED, error=reason)
        for key, reason in refused.items()
        if key not in others
    ]
    chosen = {key: (path, names[key]) for path, key in found if key in names}
    return chosen, problems


def _run(
    settings, styles, rules, state: State, only, log, started: float, executor=None
) -> list[Outcome]:
    chosen, problems = plan(settings, only)
    key = run_key(settings, styles, rules)
    known = state.documents()
    outcomes: dict[str, Outcome] = {o.input: o for o in problems}
    tasks: list[Task] = []
    for input_key, (path, name) in chosen.items():
        try:
            current = fingerprint(path, input_key, name, key)
        except OSError as exc:
            outcomes[input_key] = _unreadable(input_key, exc)
            continue
        row = known.get(input_key)
        if row is not None and not settings.force and is_current(row, current, settings.output_dir):
            outcomes[input_key] = Outcome(
                input_key, Status.UNCHANGED, json.loads(row["outputs"]), json.loads(row["warnings"])
            )
            continue
        tasks.append(Task(input_key, name, current, path))
    # Every output a current input may write: an input's old outputs (from an earlier name)
    # and a deleted input's outputs are removed only when no current input claims them.
    extensions = {render.get(fmt).extension for fmt in render.names()}
    claimed = {f"{name}.{ext}" for _, name in chosen.values() for ext in extensions}

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
        if not settings.report:  # recorded in the state; kept in memory only for the report
            outcome.removed = []
        outcomes[task.key] = outcome
        if outcome.status == Status.PUBLISHED and task.key in known:
            _remove_old_outputs(settings, known[task.key], outcome.outputs, claimed)
        log(outcome, finished, total)

    if not tasks:
        head_start.discard()  # nothing for it: stop its imports now
    ours: Pool | None = None  # workers started for this run, told to leave once it is done
    try:
        if tasks:
            recipe = Recipe.of(settings)
            remember(recipe, styles, rules)  # shared with the workers this process forks
            if executor is None:
                executor = ours = Pool(
                    settings.jobs,
                    settings.timeout_seconds,
                    scratch,
                    idle=library.prepare,
                    share_done=library.share_done,
                )
            try:
                executor.run(recipe, tasks, done)
            except BaseException:  # Ctrl-C, SIGTERM, a database error: end our workers now
                if ours is not None:
                    ours.abort()
                raise
            if ours is not None:
                ours.release()  # they leave while the catalogue is written
        return _finish(settings, state, library, outcomes, chosen, claimed, only, started)
    finally:
        if ours is not None:
            ours.close()


def _finish(
    settings, state: State, library: Library, outcomes, chosen, claimed, only, started: float
) -> list[Outcome]:
    """After the documents: outputs of deleted inputs pruned, the library's index, the report."""
    pruned = 0
    if settings.prune and only is None:
        pruned = _prune(settings, state, set(chosen) | set(outcomes), claimed)
    ordered = sorted(outcomes.values(), key=lambda o: o.input)
    changed = pruned > 0 or any(o.status in {Status.PUBLISHED, Status.FAILED} for o in ordered)
    library.catalogue(state, changed)
    if settings.report:
        try:
            write_report(settings.report, ordered, started, settings.output_options())
        except OSError as exc:  # a full disk: the documents stand; the report does not
            reason = exc.strerror or str(exc)
            raise ReportError(
                f"--report {settings.report}: the run report could not be written: {reason}",
                ordered,
            ) from exc
    return ordered


def _unreadable(key: str, exc: OSError) -> Outcome:
    if isinstance(exc, FileNotFoundError):
        return Outcome(key, Status.SKIPPED, error="gone before it could be read")
    return Outcome(key, Status.FAILED, error=f"cannot read: {exc.strerror or exc}")


def _explicit(
    settings: Settings, paths: list[Path]
) -> tuple[list[tuple[Path, str]], list[Outcome]]:
    """`publish file`: the named files; keys relative to the input folder when inside it,
    the file name otherwise. Two files given with one key are both refused."""
    root = settings.input_dir.resolve()
    keyed: dict[str, list[Path]] = {}
    for path in paths:
        resolved = path.resolve()
        key = resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else path.name
        if path not in keyed.get(key, []):
            keyed.setdefault(key, []).append(path)
    found, problems = [], []
    for key, given in keyed.items():
        if len(given) > 1:
            listed = " and ".join(str(p) for p in given)
            problems.append(
                Outcome(
                    key,
                    Status.FAILED,
                    error=f"{listed} would both publish as {key}; "
                    "publish them one at a time or rename one",
                )
            )
        else:
            found.append((given[0], key))
    return found, problems


def _remove_old_outputs(settings: Settings, row, outputs: list[str], claimed: set[str]) -> None:
    """A republished input's outputs under an earlier name, unless another input claims them."""
    for old in json.loads(row["outputs"]):
        if old not in outputs and old not in claimed:
            (settings.output_dir / old).unlink(missing_ok=True)


def _prune(settings: Settings, state: State, present: set[str], claimed: set[str]) -> int:
    """Forget deleted inputs and delete their outputs, except outputs a present input owns;
    return how many documents that was."""
    documents = state.documents()
    owned = set(claimed)
    for key, row in documents.items():
        if key in present:
            owned.update(json.loads(row["outputs"]))
    pruned = 0
    for key, row in documents.items():
        if key not in present:
            pruned += 1
            for output in json.loads(row["outputs"]):
                if output not in owned:
                    (settings.output_dir / output).unlink(missing_ok=True)
            state.forget(key)
    return pruned


def totals(outcomes: list[Outcome]) -> dict[str, int]:
    return {str(s): sum(o.status == s for o in outcomes) for s in Status}


def check_report_path(path: Path) -> None:
    """Before any work: the report can be written there (its folder is made). Raises OSError."""
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    if not os.access(path.parent, os.W_OK):
        raise PermissionError(errno.EACCES, "its folder is not writable", str(path.parent))


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
    try:
        scratch.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)
