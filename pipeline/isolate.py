"""Work that a worker can give up on: a child process, prepared once, with a deadline per call.

A Dask worker runs documents in threads of a long-lived process; a thread cannot be stopped, and
the cleaner's regular expressions cannot be interrupted. So a worker runs each document here:

- `call(setup, context, request, timeout)` hands `request` to a child process and returns what
  the child's work function returned. The child is started with `python -m pipeline.isolate`
  and prepared once: `setup` ("module:function") is called with `context` and returns the work
  function, which then serves call after call (styles, rules and weasyprint loaded once).
- Children are kept per context digest. A call with another context (a changed style or rules
  file) gets a child prepared for it, and the children of other contexts are ended: a changed
  style is picked up without restarting the worker.
- A call that overruns `timeout` seconds kills its child with its process group (pandoc too)
  and raises `TimedOut`; the next call starts a fresh child. Preparation does not count
  against the deadline (it has `SETUP_SECONDS` of its own).
- A child that dies (a crash in a library, the kernel's OOM killer) raises `ChildDied`; an
  exception inside the work function or the setup comes back as `Failed` with its message and
  traceback text. Nothing the child does can raise anything else in the caller.
- A child dies with its parent: PR_SET_PDEATHSIG on Linux, and end-of-file on its stdin.

Messages are length-prefixed pickles over the child's stdin and a duplicate of its stdout (fd 1
itself is pointed at stderr in the child, so a library's stray print cannot corrupt them).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import traceback
from collections.abc import Callable
from typing import IO, Any

SETUP_SECONDS = 300.0  # a child's preparation (imports, styles, fonts) may take this long
_HEADER = struct.Struct("!Q")


class IsolateError(Exception):
    """A call could not return the work function's result."""


class TimedOut(IsolateError):
    pass


class ChildDied(IsolateError):
    pass


class Failed(IsolateError):
    """The setup or the work function raised; the message and traceback text are kept."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


def digest(context: Any) -> str:
    """The identity of a context: equal contexts share children."""
    return hashlib.sha256(pickle.dumps(context, protocol=5)).hexdigest()


# ---------------------------------------------------------------- the caller's side


class Child:
    """One prepared child process."""

    def __init__(self, setup: str, context: Any) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline.isolate", setup, str(os.getpid())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            start_new_session=True,  # its own process group: killed with whatever it started
        )
        try:
            _send(self._stdin, context)
            kind, value = self._receive(SETUP_SECONDS)
        except IsolateError:
            self.kill()
            raise
        if kind != "ready":
            self.kill()
            raise Failed(*value)

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def _stdin(self) -> IO[bytes]:
        assert self.process.stdin is not None  # opened with PIPE
        return self.process.stdin

    @property
    def _stdout(self) -> IO[bytes]:
        assert self.process.stdout is not None  # opened with PIPE
        return self.process.stdout

    def call(self, request: Any, timeout: float) -> Any:
        try:
            _send(self._stdin, request)
        except OSError:
            self.kill()
            raise ChildDied("worker child process died") from None
        kind, value = self._receive(timeout)
        if kind == "error":
            raise Failed(*value)
        return value

    def _receive(self, timeout: float) -> tuple[str, Any]:
        stream = self._stdout
        ready, _, _ = select.select([stream], [], [], timeout)
        if not ready:
            self.kill()
            raise TimedOut(f"timed out after {timeout:g} s")
        try:
            message = _receive(stream)
        except (OSError, EOFError, pickle.UnpicklingError):
            message = None
        if message is None:
            self.kill()
            raise ChildDied(f"worker child process died ({_ended(self.process)})")
        return message

    def alive(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):
                if stream is not None:
                    stream.close()

    def close(self) -> None:
        """End the child politely (EOF on its stdin), or kill it after a moment."""
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        self.kill()


def _ended(process: subprocess.Popen) -> str:
    try:
        code = process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return "no reply"
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


class Children:
    """Idle prepared children per context digest, shared by the threads of one process."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.idle: dict[str, list[Child]] = {}
        self.current: str | None = None

    def call(self, setup: str, context: Any, request: Any, timeout: float) -> Any:
        key = f"{setup}\0{digest(context)}"
        child = self._take(key)
        if child is None:
            child = Child(setup, context)
        try:
            result = child.call(request, timeout)
        except (TimedOut, ChildDied):
            raise  # the child is gone
        except BaseException:
            self._give_back(key, child)
            raise
        self._give_back(key, child)
        return result

    def _take(self, key: str) -> Child | None:
        stale: list[Child] = []
        with self.lock:
            if self.current != key:  # another context: its children will not be asked again
                for other, children in self.idle.items():
                    if other != key:
                        stale.extend(children)
                self.idle = {key: self.idle.get(key, [])}
                self.current = key
            children = self.idle[key]
            child = children.pop() if children else None
        for old in stale:
            old.close()
        return child

    def _give_back(self, key: str, child: Child) -> None:
        with self.lock:
            if key == self.current and child.alive():
                self.idle.setdefault(key, []).append(child)
                return
        child.close()

    def close(self) -> None:
        with self.lock:
            children = [c for group in self.idle.values() for c in group]
            self.idle = {}
        for child in children:
            child.close()


_children = Children()


def call(setup: str, context: Any, request: Any, timeout: float) -> Any:
    """Run `request` through the work function `setup(context)` made, in a child of this
    process, within `timeout` seconds. Raises TimedOut, ChildDied or Failed."""
    return _children.call(setup, context, request, timeout)


def close() -> None:
    """End this process's children (they also end by themselves when it exits)."""
    _children.close()


# ---------------------------------------------------------------- the child's side


def _send(stream: IO[bytes], value: Any) -> None:
    data = pickle.dumps(value, protocol=5)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: IO[bytes]) -> Any:
    """The next message, or None at end of file."""
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        return None
    return pickle.loads(data)


def _die_with_parent(parent: int) -> None:
    if sys.platform.startswith("linux"):
        import ctypes

        PR_SET_PDEATHSIG = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _describe(exc: BaseException) -> tuple[str, str]:
    return "".join(traceback.format_exception_only(exc)).strip(), traceback.format_exc()


def _resolve(name: str) -> Callable[[Any], Callable[[Any], Any]]:
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def main(argv: list[str]) -> None:
    setup, parent = argv
    _die_with_parent(int(parent))
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the coordinator handles Ctrl-C
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # stray output of libraries goes to stderr, not into the replies
    requests = sys.stdin.buffer
    context = _receive(requests)
    if context is None:
        return
    try:
        work = _resolve(setup)(context)
    except BaseException as exc:
        _send(replies, ("error", _describe(exc)))
        return
    _send(replies, ("ready", None))
    while (request := _receive(requests)) is not None:
        try:
            data = pickle.dumps(("ok", work(request)), protocol=5)
        except BaseException as exc:  # the work failed, or its result cannot travel
            data = pickle.dumps(("error", _describe(exc)), protocol=5)
        replies.write(_HEADER.pack(len(data)) + data)
        replies.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
