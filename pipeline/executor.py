"""Where documents are published: the executor interface, and the work of one document.

The coordinator (batch.run) decides what to publish and is the single writer of output/ and of
the state database. An executor only runs documents; the local process pool (jobs.Pool) is the
default, and any object with the methods of `Executor` can take its place (threads, a cluster).

The contract
------------
- A `Recipe` says how every document of a run is made (formats, styles, each format's options,
  rules, strict, debug): the same for all tasks of a run, so a worker prepares once per recipe
  (styles, rules, weasyprint loaded once: `prepared`), not once per document.
- A `Task` is one document: its key (input path relative to the input folder), the output stem,
  its fingerprint, and where the coordinator reads it (`source`). A task carries everything a
  worker needs besides the recipe; nothing reaches a worker through a module global or the
  environment. An executor whose workers cannot read the coordinator's files sends
  `task.read()` (the input's bytes) with it.
- The work of a document is `publish(recipe, task, data=..., scratch=...)`: it never raises;
  every failure is an Outcome with a reason. It writes only inside a scratch folder of its own:
  under `scratch` when the caller gives one (the local pool gives output/.publish/tmp, on the
  output's filesystem, so the coordinator can rename the files into place), else a temporary
  folder, whose files it returns as bytes and removes.
- A `Result` is the Outcome (typed `Status`, outputs, warnings, error, removals) and the
  rendered files, {extension: bytes or a path in the task's scratch folder}. Only the
  coordinator moves them into output/ (atomically, `place`) and records the state.
- `Executor.run(recipe, tasks, done)` publishes every task and calls `done(task, result)`
  exactly once per task, in the calling thread, as each finishes (any order). It returns when
  every task is done; Ctrl-C (KeyboardInterrupt) raised from it means the run stops: what was
  done is placed and recorded, the rest is done by the next run.
- The time limit: a document that runs longer than `Executor.timeout` seconds, counted from
  when a worker starts it (not while the worker starts up), fails alone with "timed out after
  N s", and the worker that ran it is ended with everything it started (a regular expression
  cannot be interrupted any other way) and replaced. An executor that cannot end a running
  document cannot keep this promise: the thread executor of the tests is one such toy.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import traceback
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .errors import PublishError
from .settings import PANDOC_MEMORY_MB

if TYPE_CHECKING:
    from .clean import RuleSet
    from .document import Document
    from .settings import Settings
    from .styles import Style


class Status(StrEnum):
    PUBLISHED = "published"  # rendered now and in place
    UNCHANGED = "unchanged"  # current already (batch.is_current): nothing done
    FAILED = "failed"  # with a reason; the next run tries again
    SKIPPED = "skipped"  # not tried this run (still being written, a symlink out, ...)


@dataclass
class Outcome:
    input: str
    status: Status
    outputs: list[str] = field(default_factory=list)  # paths relative to the output folder
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    removed: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.status = Status(self.status)

    def as_report(self) -> dict:
        return asdict(self) | {"status": str(self.status)}


@dataclass(frozen=True)
class Recipe:
    """How every document of a run is made."""

    formats: tuple[str, ...]
    styles: Mapping[str, str]  # {format: style name or folder} of the formats that use one
    options: Mapping[str, Mapping[str, Any]]  # {format: its options, defaults filled in}
    rules_files: tuple[Path, ...] = ()
    skip_rules: tuple[str, ...] = ()
    strict: bool = False
    debug: bool = False  # an internal error's outcome carries its traceback
    pandoc_memory_mb: int = PANDOC_MEMORY_MB  # heap limit of each pandoc run (+RTS -M)

    @classmethod
    def of(cls, settings: Settings) -> Recipe:
        return cls(
            formats=settings.formats,
            styles=settings.style_names(),
            options={fmt: settings.options_for(fmt) for fmt in settings.formats},
            rules_files=tuple(Path(p).resolve() for p in settings.rules_files),
            skip_rules=settings.skip_rules,
            strict=settings.strict,
            debug=settings.debug,
            pandoc_memory_mb=settings.pandoc_memory_mb,
        )

    def key(self) -> str:
        """Equal for equal recipes (what a worker's preparation is cached by)."""
        return json.dumps(asdict(self), sort_keys=True, default=str)


@dataclass(frozen=True)
class Task:
    key: str  # input path relative to the input folder, posix form
    name: str  # output stem relative to the output folder
    fingerprint: str
    source: Path  # where the coordinator reads the input
    # A share of the recipe's formats (a document split across workers: jobs.Pool, when it has
    # more cores than documents); None: all of them.
    formats: tuple[str, ...] | None = None
    # A document split across workers is read, cleaned and structured once: the share that
    # shares_document sends its prepared Document to the coordinator, which hands it to the
    # share that awaits_document (the PDF's, importing weasyprint meanwhile). None received:
    # that share prepares the document itself.
    shares_document: bool = False
    awaits_document: bool = False

    def read(self) -> bytes:
        """The input's bytes, for a worker that cannot read `source` itself (a regular file
        only: never blocks on a FIFO swapped in after discovery)."""
        from .read import open_regular

        with open_regular(self.source) as handle:
            return handle.read()


@dataclass
class Result:
    outcome: Outcome
    files: dict[str, bytes | Path] = field(default_factory=dict)  # extension -> content
    scratch: Path | None = None  # the task's scratch folder: removed once the files are placed

    def as_bytes(self) -> Result:
        """The same result with every file read into memory (to send it to another machine)."""
        files: dict[str, bytes | Path] = {
            ext: c if isinstance(c, bytes) else c.read_bytes() for ext, c in self.files.items()
        }
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
        return Result(self.outcome, files)


class Executor(Protocol):
    timeout: float

    def run(
        self, recipe: Recipe, tasks: Sequence[Task], done: Callable[[Task, Result], None]
    ) -> None: ...

    def close(self) -> None: ...


# ---------------------------------------------------------------- in a worker


@dataclass(frozen=True)
class Prepared:
    styles: dict[str, Style]
    rules: RuleSet | None  # None: not loaded (a share that renders a document prepared elsewhere)
    warming: tuple[Any, ...] = ()  # threading.Events of warm-ups started in the background


_styles: dict[str, dict[str, Style]] = {}  # by recipe key
_rules: dict[str, RuleSet] = {}


def remember(recipe: Recipe, styles: Mapping[str, Style], rules: RuleSet) -> None:
    """Styles and rules the coordinator loaded already, as this recipe's: workers forked from
    it find them prepared instead of loading them again (the rules compile about 250 patterns)."""
    _styles.setdefault(recipe.key(), dict(styles))
    _rules.setdefault(recipe.key(), rules)


def prepared(
    recipe: Recipe,
    *,
    background: bool = False,
    formats: tuple[str, ...] | None = None,
    rules: bool = True,
) -> Prepared:
    """Styles and rules loaded, and each format warmed (warm.py: weasyprint imported, CSS
    parsed, the DOCX reference built), once per recipe in this process; background: the
    warm-up runs in threads while documents start (a format waits for its own); formats: warm
    only these (a worker given a share of a document's formats); rules: False for a share that
    renders a document another worker prepares (the reading, cleaning and structure modules
    and the rules are then not loaded). The key is the recipe, which names styles and rules by
    path: a worker that outlives a run and must see edited files is given recipes whose paths
    name their content (the cluster's workers get style folders and rules by content)."""
    from .render.pandoc import set_limits

    set_limits(memory_mb=recipe.pandoc_memory_mb)
    key = recipe.key()
    if key not in _styles:
        from .styles import load_styles

        _styles[key] = load_styles(dict(recipe.styles))
    if rules and key not in _rules:
        from .clean import load_rules

        _rules[key] = load_rules(recipe.rules_files, recipe.skip_rules)
    if rules:  # reading, cleaning and structure imported (before a fork: once for all workers)
        from . import clean, flow, read, structure  # noqa: F401
    from .warm import warm

    started = warm(
        recipe.formats if formats is None else formats, _styles[key], background=background
    )
    return Prepared(_styles[key], _rules.get(key), tuple(started))


def publish(
    recipe: Recipe,
    task: Task,
    *,
    data: bytes | None = None,
    scratch: Path | None = None,
    side_threads: int = 0,
    document: Document | None = None,
    on_prepared: Callable[[Document], None] | None = None,
) -> Result:
    """Publish one document. Never raises: failures become outcomes.

    document: the document read, cleaned and structured already (by another share's worker);
    on_prepared: called with the document once it is prepared here.

    data: the input's bytes (else it is read from task.source); scratch: a folder to render in
    whose files the result names by path (else the files come back as bytes); side_threads:
    cores the caller lends the document's formats (flow.render_all).
    """
    from .flow import check_glyphs, prefetch, prepare, render_all

    started = time.perf_counter()
    own_scratch = scratch is None
    folder = Path(tempfile.mkdtemp(prefix="publish-")) if own_scratch else None
    if not own_scratch:
        assert scratch is not None
        folder = scratch / uuid.uuid4().hex
    assert folder is not None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = task.source
        if data is not None:  # the worker has the bytes, not the file: work on a copy
            source = folder / "input" / Path(task.key).name
            source.parent.mkdir()
            source.write_bytes(data)
        formats = task.formats or recipe.formats
        # A document another share awaits is prepared first: its formats are warmed once it
        # is handed over (on_prepared), not before.
        warmed = () if on_prepared is not None else formats
        ready = prepared(recipe, formats=warmed, rules=document is None)
        if document is None:
            assert ready.rules is not None  # loaded: rules=True
            doc = prepare(source, task.name, ready.rules)
            if on_prepared is not None:
                on_prepared(doc)
        else:
            doc = document
        prefetch(doc, formats)  # pandoc's part of a format, started beside what follows
        doc = check_glyphs(doc, ready.styles.values(), recipe.strict)
        out = folder / "out"
        out.mkdir()
        written = render_all(doc, formats, ready.styles, recipe.options, out, side_threads)
        outcome = Outcome(
            task.key,
            Status.PUBLISHED,
            [f"{task.name}{path.suffix}" for path in written.values()],
            list(doc.warnings),
            None,
            time.perf_counter() - started,
            [r.as_dict() for r in doc.removed],
        )
        files: dict[str, bytes | Path] = {path.suffix: path for path in written.values()}
        result = Result(outcome, files, folder)
        return result.as_bytes() if own_scratch else result
    except PublishError as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return Result(_failed(task, str(exc), started))
    except Exception as exc:  # a bug or a library failure: still one document, not the batch
        shutil.rmtree(folder, ignore_errors=True)
        detail = "".join(traceback.format_exception_only(exc)).strip()
        if recipe.debug:
            detail += "\n" + traceback.format_exc()
        return Result(_failed(task, f"internal error: {detail}", started))


def split_formats(formats: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A document's formats in two shares two cores can render side by side: the Markdown with
    the formats that are mostly a child process's work (pandoc: DOCX, EPUB, the web page), and
    the rest (the PDF, laid out in Python, whose warm-up is weasyprint's import). One share when
    the two would not both hold real work."""
    from . import render

    beside = tuple(f for f in formats if render.get(f).side_by_side or render.get(f).always)
    rest = tuple(f for f in formats if f not in beside)
    if not rest or not any(render.get(f).side_by_side for f in beside):
        return [formats]
    return [rest, beside]


def merge(recipe: Recipe, task: Task, parts: Sequence[Result]) -> Result:
    """One document's result from the results of the shares of its formats: published when
    every share was, its files and warnings together; else failed with the first failure's
    reason, and no file of any share kept (a document's outputs appear whole or not at all)."""
    if len(parts) == 1:
        return parts[0]
    failed = [p for p in parts if p.outcome.status != Status.PUBLISHED]
    if failed:
        for part in parts:
            if part.scratch is not None:
                shutil.rmtree(part.scratch, ignore_errors=True)
        outcome = failed[0].outcome
        return Result(
            Outcome(task.key, Status.FAILED, error=outcome.error, seconds=outcome.seconds)
        )
    from . import render

    first = parts[0]
    files: dict[str, bytes | Path] = {}
    for part in parts:
        for extension, content in part.files.items():
            if isinstance(content, Path) and part is not first and first.scratch is not None:
                moved = first.scratch / f"{uuid.uuid4().hex}{extension}"  # removed with it
                os.replace(content, moved)
                content = moved
            files[extension] = content
        if part is not first and part.scratch is not None:
            shutil.rmtree(part.scratch, ignore_errors=True)
    order = [f".{render.get(f).extension}" for f in recipe.formats]
    outputs = sorted(
        {o for part in parts for o in part.outcome.outputs},
        key=lambda o: order.index(Path(o).suffix) if Path(o).suffix in order else len(order),
    )
    warnings = list(dict.fromkeys(w for part in parts for w in part.outcome.warnings))
    outcome = Outcome(
        task.key,
        Status.PUBLISHED,
        outputs,
        warnings,
        None,
        max(part.outcome.seconds for part in parts),
        first.outcome.removed,
    )
    return Result(outcome, files, first.scratch)


def _failed(task: Task, reason: str, started: float) -> Outcome:
    return Outcome(task.key, Status.FAILED, error=reason, seconds=time.perf_counter() - started)


# ---------------------------------------------------------------- on the coordinator


def place(task: Task, result: Result, output_dir: Path, scratch: Path) -> Outcome:
    """Move a result's files into output/ (each rename atomic: a reader sees the old file or the
    new, never half); bytes are written into scratch first. Returns the outcome to record."""
    try:
        for extension, content in result.files.items():
            final = output_dir / f"{task.name}{extension}"
            final.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                staged = scratch / f"{uuid.uuid4().hex}{extension}"
                staged.parent.mkdir(parents=True, exist_ok=True)
                staged.write_bytes(content)
                content = staged
            os.replace(content, final)
    finally:
        if result.scratch is not None:
            shutil.rmtree(result.scratch, ignore_errors=True)
    return result.outcome
