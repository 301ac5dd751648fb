"""The local executor: worker processes on this machine, each document with a time limit.

It keeps the contract of executor.py: workers prepare once per recipe (styles, rules and
weasyprint loaded once), then publish document after document into output/.publish/tmp and
hand back paths; the coordinator moves the files into place. A worker that overruns the
per-document time limit (counted from when it starts the document) is killed and replaced:
only that document fails (a regular expression cannot be interrupted any other way).
The first worker is, when the command forked one at its start, that worker (head_start.py),
already past weasyprint's import; the others are forked from the coordinator.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from multiprocessing.connection import wait
from pathlib import Path

from . import head_start, kept_patterns
from .children import close_fds, die_with_parent, kill_group, lead_group
from .executor import (
    Outcome,
    Recipe,
    Result,
    Status,
    Task,
    merge,
    prepared,
    publish,
    split_formats,
)
from .render.pandoc import start_ahead

__all__ = ["Outcome", "Pool", "Task"]

STARTED = "started"  # a worker's word that it begins the document it was given
WARMED = "warmed"  # a worker's word that its warm-up, begun beside a document, is done
DOCUMENT = "document"  # (DOCUMENT, Document or None): a split document, prepared by one share
STARTUP_SECONDS = 120.0  # a worker that takes longer to prepare is replaced


class Terminated(KeyboardInterrupt):
    """SIGTERM (systemd stopping the unit, `kill`): handled like Ctrl-C, exit 143."""


def stop_on_sigterm() -> None:
    """In the parent: SIGTERM raises Terminated, so the run stops handing out work, ends its
    workers and says so in one line, exactly as for Ctrl-C."""

    def _terminated(signum, frame):
        raise Terminated()

    signal.signal(signal.SIGTERM, _terminated)


def _become_worker(parent_pid: int, inherited: list[int]) -> None:
    """First thing a worker does: die with the parent, lead a process group of its own (the
    pandoc runs it starts join it), drop descriptors only the parent may hold, and leave
    Ctrl-C and SIGTERM to the parent, which stops handing out work and ends the workers."""
    die_with_parent(parent_pid)
    lead_group()
    close_fds(inherited)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def worker_loop(
    connection, recipe: Recipe, scratch: Path, parent_pid: int, inherited: list[int]
) -> None:
    _become_worker(parent_pid, inherited)
    sending = threading.Lock()

    def send(message) -> None:
        with sending:
            connection.send(message)

    while True:
        try:
            message = connection.recv()
        except EOFError:  # the parent is gone
            return
        if message is None:
            return
        task, side_threads = message
        warming: tuple = ()
        # A share whose prepared document another worker awaits warms its formats only once
        # the document is sent: a warm-up thread (python-docx's import) would take turns with
        # the reading, cleaning and structuring both shares wait for.
        defer = task.shares_document
        try:
            # Once per worker, before the document's clock starts; the formats' warm-up
            # (weasyprint's import) runs beside the first document's other formats, unless the
            # pool did it before forking. Its time is not the document's: the clock starts
            # again when it is done (WARMED).
            warming = prepared(
                recipe,
                background=True,
                formats=() if defer else task.formats,
                rules=not task.awaits_document,
            ).warming
            start_ahead()  # this worker's first pandoc, while it reads the document
        except Exception:
            pass  # publish() reports it as the document's failure
        if warming:
            threading.Thread(target=_say_warmed, args=(warming, send), daemon=True).start()
        send(STARTED)
        document, on_prepared = None, None
        if task.awaits_document:  # from the share that prepares it (None: prepare it here)
            try:
                _, document = connection.recv()
            except EOFError:
                return
        elif task.shares_document:

            def on_prepared(doc, formats: tuple[str, ...] = task.formats) -> None:
                send((DOCUMENT, doc))
                try:  # now the formats' warm-up (deferred above)
                    prepared(recipe, background=True, formats=formats)
                except Exception:
                    pass  # the render meets it again and reports it

        result = publish(
            recipe,
            task,
            scratch=scratch,
            side_threads=side_threads,
            document=document,
            on_prepared=on_prepared,
        )
        send(result)
        kept_patterns.save()  # what this document compiled (a worker leaves by os._exit)


def _say_warmed(events, send) -> None:
    for event in events:
        event.wait()
    try:
        send(WARMED)
    except OSError:
        pass  # the parent is gone


class Pool:
    """Worker processes with a per-task deadline: an overrunning worker is killed and replaced.

    jobs: cores to use. With fewer documents than jobs, a document's formats are split into
    shares (its PDF in one worker, its Markdown, DOCX, EPUB and web page in another: `_shares`)
    while cores are spare, its result whole once every share is in (executor.merge); cores
    still spare lend threads to a worker's pandoc formats. Workers stay up between runs of the
    same recipe until close() (`publish watch` keeps them warm)."""

    def __init__(
        self,
        jobs: int,
        timeout: float,
        scratch: Path,
        idle: Callable[[], None] | None = None,
        share_done: Callable[[str, Result], None] | None = None,
    ) -> None:
        self.jobs = jobs
        # Told of each share of a split document as it comes in, before the document is whole
        # (the document's name, the share's result; its files stay where they are).
        self.share_done = share_done
        # The caller's own warm-up, done once while the first workers start. Here, in this
        # thread, not in a thread of its own: a worker forked while another thread imports
        # could inherit a module lock that no one will ever release.
        self.idle = idle
        self.timeout = timeout
        self.scratch = scratch  # on the output folder's filesystem: results are renamed
        self.context = multiprocessing.get_context("fork")
        self.workers: list[dict] = []
        self.recipe: Recipe | None = None

    def _start(self, recipe: Recipe) -> dict:
        return self._adopt(recipe) or self._fork(recipe)

    def _adopt(self, recipe: Recipe) -> dict | None:
        """The worker forked at the command's start (head_start), if one waits."""
        early = head_start.adopt(recipe, self.scratch)
        if early is None:
            return None
        started, connection = early
        lead_group(started.pid)
        return {"process": started, "conn": connection, "task": None, "deadline": 0.0}

    def _fork(self, recipe: Recipe) -> dict:
        # The child must not hold the parent's ends of any pipe (its own and the other
        # workers'): only the parent's copies may keep a worker's pipe open.
        others = [w["conn"].fileno() for w in self.workers if not w["conn"].closed]
        parent, child = self.context.Pipe()
        inherited = [parent.fileno(), *others]
        process_ = self.context.Process(
            target=worker_loop,
            args=(child, recipe, self.scratch, os.getpid(), inherited),
            daemon=True,
        )
        process_.start()
        assert process_.pid is not None  # started
        lead_group(process_.pid)
        child.close()
        return {"process": process_, "conn": parent, "task": None, "deadline": 0.0}

    def run(
        self, recipe: Recipe, tasks: Sequence[Task], done: Callable[[Task, Result], None]
    ) -> None:
        if not tasks:
            return
        units = self._shares(recipe, tasks)
        size = max(1, min(self.jobs, len(units)))
        side_threads = 2 if size < self.jobs else 0
        if self.recipe is not None and self.recipe.key() != recipe.key():
            self.close()  # workers prepared for another recipe
        self.recipe = recipe
        split = len(units) > len(tasks)  # each worker warms only its own formats
        pending = list(reversed(units))
        documents = {task.key: task for task in tasks}
        shares_left = Counter(unit.key for unit in units)
        results: dict[str, list[Result]] = defaultdict(list)
        prepared_documents: dict[str, object] = {}  # key -> Document or None (see Task)

        def pass_document(key: str) -> None:
            """The prepared document (or None) to the worker whose share awaits it, once both
            are there; it is sent once."""
            for worker in self.workers:
                task = worker["task"]
                if task is not None and task.key == key and task.awaits_document:
                    if key in prepared_documents and not worker.get("given"):
                        worker["given"] = True
                        worker["conn"].send((DOCUMENT, prepared_documents[key]))

        def hand_out() -> None:
            for worker in self.workers:
                if worker["task"] is None and pending:
                    unit = pending.pop()
                    worker["task"], worker["given"] = unit, False
                    # Until the worker says it has started, its start-up is not the document's.
                    worker["deadline"] = time.monotonic() + STARTUP_SECONDS + self.timeout
                    worker["conn"].send((unit, side_threads))
                    if unit.awaits_document:
                        pass_document(unit.key)

        if not self.workers:
            early = self._adopt(recipe)
            if early is not None:  # warm already: its first unit before the others start
                self.workers.append(early)
                hand_out()
        if size > 1 and len(self.workers) < size and not split:
            # Prepared once here and shared by the workers this process forks (weasyprint's
            # import, CSS, fonts, the DOCX reference): not once per worker, on the same cores.
            try:
                prepared(recipe)
            except Exception:
                pass  # each worker meets the failure again and reports it per document
        while len(self.workers) < size:
            self.workers.append(self._start(recipe))

        while pending or any(w["task"] for w in self.workers):
            hand_out()
            if self.idle is not None:
                idle, self.idle = self.idle, None
                idle()
            busy = [w for w in self.workers if w["task"]]
            ready = wait([w["conn"] for w in busy], timeout=0.5)
            finished: list[tuple[Task, Result]] = []
            for worker in busy:
                task = worker["task"]
                if worker["conn"] in ready:
                    try:
                        message = worker["conn"].recv()
                    except EOFError:
                        message = Result(
                            Outcome(task.key, Status.FAILED, error="worker process died")
                        )
                        self._replace(worker, recipe)
                    if message in (STARTED, WARMED):
                        worker["deadline"] = time.monotonic() + self.timeout
                        continue
                    if isinstance(message, tuple) and message[0] == DOCUMENT:
                        prepared_documents[task.key] = message[1]
                        pass_document(task.key)
                        continue
                    worker["task"] = None
                    finished.append((task, message))
                elif time.monotonic() > worker["deadline"]:
                    self._replace(worker, recipe)
                    worker["task"] = None
                    error = f"timed out after {self.timeout:g} s"
                    finished.append((task, Result(Outcome(task.key, Status.FAILED, error=error))))
            # Idle workers get their next document before the finished ones are placed (the
            # coordinator's part, web fonts included, runs while the workers work).
            hand_out()
            for task, result in finished:
                if task.shares_document and task.key not in prepared_documents:
                    prepared_documents[task.key] = None  # it failed first: the other prepares
                    pass_document(task.key)
                results[task.key].append(result)
                shares_left[task.key] -= 1
                if shares_left[task.key] and self.share_done is not None:
                    self.share_done(task.name, result)
                if shares_left[task.key] == 0:
                    document = documents[task.key]
                    done(document, merge(recipe, document, results.pop(task.key)))

    def _shares(self, recipe: Recipe, tasks: Sequence[Task]) -> list[Task]:
        """The units of work: each document whole, or, with more cores than documents, split
        into shares of its formats (executor.split_formats) while there are spare cores, the
        share that takes longest (the PDF) handed out first."""
        spare = self.jobs - len(tasks)
        # As many documents as cores: each split too, so that no worker imports every format's
        # libraries (a worker forked for the second of two documents paid all of them again).
        every = 1 < len(tasks) == self.jobs
        shares = split_formats(recipe.formats) if spare > 0 or every else [recipe.formats]
        units: list[Task] = []
        for task in tasks:
            if len(shares) > 1 and (every or spare >= len(shares) - 1):
                # The first share (the PDF's) awaits the document the other prepares.
                first, *others = shares
                units.append(replace(task, formats=first, awaits_document=True))
                units += [
                    replace(task, formats=share, shares_document=index == 0)
                    for index, share in enumerate(others)
                ]
                spare -= len(shares) - 1
            else:
                units.append(task)
        return units

    def _replace(self, worker: dict, recipe: Recipe) -> None:
        self._end(worker)
        worker.pop("released", None)
        worker.update(self._start(recipe))

    @staticmethod
    def _end(worker: dict) -> None:
        kill_group(worker["process"].pid)  # the worker and every pandoc it started
        worker["process"].join()
        worker["conn"].close()

    def release(self) -> None:
        """Tell every worker to leave (they are idle between runs); close() then waits for
        them. A run's coordinator does its last work meanwhile."""
        for worker in self.workers:
            if not worker.get("released"):
                worker["released"] = True
                try:
                    worker["conn"].send(None)
                except OSError:
                    pass

    def close(self) -> None:
        """Let idle workers finish; a worker that does not within 5 s is killed."""
        self.release()
        for worker in self.workers:
            worker["process"].join(timeout=5)
            if worker["process"].is_alive():
                self._end(worker)
            else:
                kill_group(worker["process"].pid)  # a pandoc left behind, if any
                worker["conn"].close()
        self.workers, self.recipe = [], None

    def abort(self) -> None:
        """End every worker now, with what it started (Ctrl-C, SIGTERM)."""
        for worker in self.workers:
            self._end(worker)
        self.workers, self.recipe = [], None
