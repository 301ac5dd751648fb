"""The unit of work (one document) and the worker processes that do it.

Workers load the styles, the rules and weasyprint once, then publish document after document.
A worker that overruns the per-document time limit is killed and replaced: only that document
fails (a regular expression cannot be interrupted any other way).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import wait
from pathlib import Path

from .clean import load_rules
from .errors import PublishError
from .settings import Settings
from .styles import load_styles


@dataclass(frozen=True)
class Task:
    source: Path
    key: str  # input path relative to the input folder, posix form
    name: str  # output stem relative to the output folder
    fingerprint: str


@dataclass
class Outcome:
    input: str
    status: str  # published | unchanged | failed | skipped
    outputs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0
    removed: list[dict] = field(default_factory=list)

    def as_report(self) -> dict:
        return asdict(self)


_worker: dict = {}


def _init_worker(settings: Settings, overlap: bool) -> None:
    _worker["settings"] = settings
    _worker["overlap"] = overlap
    _worker["styles"] = load_styles(settings.style_names())
    _worker["rules"] = load_rules(settings.rules_files, settings.skip_rules)
    import weasyprint  # noqa: F401  (loaded once per worker, not once per document)


def process(task: Task) -> Outcome:
    """Publish one document (in a worker). Never raises: failures become outcomes."""
    from .flow import check_glyphs, prepare, render_all

    settings: Settings = _worker["settings"]
    started = time.perf_counter()
    scratch = settings.state_dir / "tmp" / uuid.uuid4().hex
    try:
        scratch.mkdir(parents=True)
        doc = prepare(task.source, task.name, _worker["rules"])
        doc = check_glyphs(doc, _worker["styles"].values(), settings.strict)
        written = render_all(
            doc,
            settings.formats,
            _worker["styles"],
            {fmt: settings.options_for(fmt) for fmt in settings.formats},
            scratch,
            side_threads=2 if _worker["overlap"] else 0,
        )
        outputs = []
        for path in written.values():
            final = settings.output_dir / f"{task.name}{path.suffix}"
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, final)  # atomic: readers see the old file or the new, never half
            outputs.append(f"{task.name}{path.suffix}")
        return Outcome(
            task.key,
            "published",
            outputs,
            list(doc.warnings),
            None,
            time.perf_counter() - started,
            [r.as_dict() for r in doc.removed],
        )
    except PublishError as exc:
        return Outcome(task.key, "failed", error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # a bug or a library failure: still one document, not the batch
        detail = "".join(traceback.format_exception_only(exc)).strip()
        if settings.debug:
            detail += "\n" + traceback.format_exc()
        return Outcome(
            task.key,
            "failed",
            error=f"internal error: {detail}",
            seconds=time.perf_counter() - started,
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _worker_loop(connection, settings: Settings, overlap: bool) -> None:
    # Ctrl-C is the parent's to handle: it stops handing out work and ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _init_worker(settings, overlap)
    while True:
        task = connection.recv()
        if task is None:
            return
        connection.send(process(task))


class Pool:
    """Worker processes with a per-task deadline: an overrunning worker is killed and replaced."""

    def __init__(self, settings: Settings, size: int) -> None:
        self.settings = settings
        # --jobs N allows N cores. A pool smaller than that (fewer documents than jobs) lends
        # the spare cores to each document's formats: DOCX and EPUB beside the PDF.
        self.overlap = size < settings.jobs
        self.context = multiprocessing.get_context("fork")
        self.workers = [self._start() for _ in range(size)]

    def _start(self):
        parent, child = self.context.Pipe()
        process_ = self.context.Process(
            target=_worker_loop, args=(child, self.settings, self.overlap), daemon=True
        )
        process_.start()
        child.close()
        return {"process": process_, "conn": parent, "task": None, "deadline": 0.0}

    def run(self, tasks: list[Task], done: Callable[[Task, Outcome], None]) -> None:
        pending = list(reversed(tasks))
        while pending or any(w["task"] for w in self.workers):
            for worker in self.workers:
                if worker["task"] is None and pending:
                    worker["task"] = pending.pop()
                    worker["deadline"] = time.monotonic() + self.settings.timeout_seconds
                    worker["conn"].send(worker["task"])
            busy = [w for w in self.workers if w["task"]]
            ready = wait([w["conn"] for w in busy], timeout=0.5)
            for worker in busy:
                task = worker["task"]
                if worker["conn"] in ready:
                    try:
                        outcome = worker["conn"].recv()
                    except EOFError:
                        outcome = Outcome(task.key, "failed", error="worker process died")
                        self._replace(worker)
                    worker["task"] = None
                    done(task, outcome)
                elif time.monotonic() > worker["deadline"]:
                    limit = self.settings.timeout_seconds
                    self._replace(worker)
                    worker["task"] = None
                    done(task, Outcome(task.key, "failed", error=f"timed out after {limit:g} s"))

    def _replace(self, worker: dict) -> None:
        worker["process"].kill()
        worker["process"].join()
        worker["conn"].close()
        worker.update(self._start())

    def close(self) -> None:
        for worker in self.workers:
            try:
                worker["conn"].send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker["process"].join(timeout=5)
            if worker["process"].is_alive():
                worker["process"].kill()
