"""A worker forked at the command's start, before the coordinator's own imports.

A small batch waits mostly for its PDF's worker to import weasyprint (about 0.3 s on a warm
machine). Forked by the entry point (served.main) before the command line is even parsed, a
worker imports it while the coordinator imports the CLI, reads the settings, loads the rules
and finds the documents; the pool (jobs.Pool) then adopts it as its first worker, already
warm. Not adopted (nothing to publish, a cluster publishes, the command fails first), it is
ended: at the latest when the coordinator exits (it dies with its parent and sees its pipe
close).

The fork happens while the process is single-threaded and holds nothing but its standard
streams: the child inherits no lock, no run lock and no other worker's pipe. It leaves by
os._exit, never through the caller's stack.
"""

from __future__ import annotations

import atexit
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from .executor import Recipe


class ForkedProcess:
    """The part of multiprocessing.Process the pool uses, for a child forked with os.fork."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.exitcode: int | None = None

    def is_alive(self) -> bool:
        return self.exitcode is None and not self._reaped(os.WNOHANG)

    def join(self, timeout: float | None = None) -> None:
        if timeout is None:
            self._reaped(0)
            return
        deadline = time.monotonic() + timeout
        while not self._reaped(os.WNOHANG) and time.monotonic() < deadline:
            time.sleep(0.01)

    def _reaped(self, flags: int) -> bool:
        if self.exitcode is not None:
            return True
        try:
            pid, status = os.waitpid(self.pid, flags)
        except ChildProcessError:  # reaped already by someone else
            self.exitcode = -1
            return True
        if pid == 0:
            return False
        self.exitcode = os.waitstatus_to_exitcode(status)
        return True


_waiting: dict[str, Any] = {}  # "process": ForkedProcess, "fd": the parent's end of the pipe


def start() -> None:
    """Fork the worker (once per process). Call only while this process is single-threaded."""
    if _waiting or not hasattr(os, "fork"):
        return
    parent_end, child_end = socket.socketpair()
    parent_pid = os.getpid()
    pid = os.fork()
    if pid == 0:  # the worker
        code = 0
        try:
            parent_end.close()
            _worker(child_end.detach(), parent_pid)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    child_end.close()
    _waiting.update(process=ForkedProcess(pid), fd=parent_end.detach())
    atexit.register(discard)


def prepare(recipe: Recipe) -> None:
    """Tell the waiting worker the run's recipe as soon as it is known: it loads the styles and
    the rules and warms the PDF (the share it takes when a document is split) while the
    coordinator finds the documents."""
    if _waiting and not _send(("prepare", recipe)):
        discard()


def adopt(recipe: Recipe, scratch: Path) -> tuple[ForkedProcess, Connection] | None:
    """The waiting worker, now a worker of jobs.Pool rendering into scratch, and the
    Connection to it; None: none was started, it was adopted already, or it died."""
    if not _waiting or not _send(("adopt", recipe, scratch)):
        discard()
        return None
    process, connection = _waiting.pop("process"), _connection()
    _waiting.clear()
    return process, connection


def discard() -> None:
    """End the worker if no pool adopted it."""
    if not _waiting:
        return
    process = _waiting["process"]
    try:
        os.kill(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.join()
    _connection().close()
    _waiting.clear()


def _connection() -> Connection:
    if "connection" not in _waiting:
        from multiprocessing.connection import Connection

        _waiting["connection"] = Connection(_waiting["fd"])
    return _waiting["connection"]


def _send(message: tuple) -> bool:
    try:
        _connection().send(message)
    except OSError:  # it died
        return False
    return True


def _worker(fd: int, parent_pid: int) -> None:
    from .children import die_with_parent, lead_group

    die_with_parent(parent_pid)
    lead_group()  # out of the terminal's group: Ctrl-C reaches the coordinator alone
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # As multiprocessing does for its workers: a worker never reads the command's input.
    if sys.stdin is not None:
        sys.stdin.close()
        sys.stdin = open(os.open(os.devnull, os.O_RDONLY), closefd=False)
    try:
        from .render.weasyprint_load import load

        load()  # first, and alone: the style's CSS waits for the recipe
    except Exception:
        pass  # the document's render meets the failure again and reports it
    from multiprocessing.connection import Connection

    connection = Connection(fd)
    while True:
        try:
            message = connection.recv()
        except EOFError:  # the coordinator is gone, or discarded this worker
            return
        if message[0] == "prepare":
            _prepare(message[1])
            continue
        _, recipe, scratch = message
        from .jobs import worker_loop

        # Forked before the pool's pipes existed: it holds none of them to close.
        worker_loop(connection, recipe, scratch, parent_pid, inherited=[])
        return


def _prepare(recipe: Recipe) -> None:
    from .executor import prepared
    from .render.pandoc import start_ahead

    if "pdf" in recipe.formats:
        try:  # in a thread: the document it awaits may come meanwhile (its HTML is prefetched)
            prepared(recipe, formats=("pdf",), rules=False, background=True)
            start_ahead()  # the pandoc that converts the awaited document's HTML
        except Exception:
            pass  # the document meets it again and reports it
