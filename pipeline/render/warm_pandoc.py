"""pandoc kept running: `pandoc lua` processes (warm_pandoc.lua) that convert document after
document, instead of a new pandoc for each conversion (pandoc.py decides which conversions
come here).

It keeps the promises of the per-call route (pandoc.py): the user's text is parsed sandboxed
(pandoc.read with an empty ersatz file system) with the same extensions, metadata and Lua
filters, and written with the writer options the command line would set; a writer that
reads the project's files only gets a tree the project checked. Bounds:
- memory: pandoc's +RTS -M cannot stop a conversion a Lua script runs (the heap exception
  waits until the script's call returns), so the kernel's limit on the process's data
  (RLIMIT_DATA) is the heap limit, counted on top of what an idle process holds;
- time: a request that overruns the time limit (pandoc.set_limits) has its process killed;
- lifetime: a process dies with the process that started it (parent-death signal, sent when
  the starting *thread* ends: so one long-lived thread starts them all), and it is in the
  worker's process group, which the batch kills on a document's timeout.
A process that died or was killed is replaced at the next request (a request whose process
had served before and dies under it, killed from outside or out of memory, goes to a new one,
once); a conversion pandoc refuses (a Lua error) is that document's failure and the process
stays. Failures read like the per-call route's: "pandoc (<what>) ran out of memory", "pandoc failed (<what>): <reason>".

As many processes as conversions run at once (a document's DOCX and EPUB render in threads
beside the PDF), each taken for one request and given back; they belong to the process that
started them (a forked worker starts its own).
"""

from __future__ import annotations

import json
import os
import queue
import resource
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from ..children import die_with_parent
from ..errors import DocumentError

# Data a `pandoc lua` process holds of its own (25 MB idle) and its runtime's working room:
# the heap limit is counted on top of it.
BASE_DATA_MB = 64
# What pandoc says when it cannot have more memory.
_OUT_OF_MEMORY = ("Heap exhausted", "heap overflow", "Unable to commit", "out of memory")


class _Died(DocumentError):
    """The process ended while it had a request (not by the time or memory limit)."""


class _OutOfMemory(DocumentError):
    """The process ran out of memory while it had a request."""


class _Spawner:
    """Starts processes from one thread that lives as long as this process."""

    def __init__(self) -> None:
        self.requests: queue.Queue = queue.Queue()
        threading.Thread(target=self._loop, daemon=True, name="pandoc-spawner").start()

    def _loop(self) -> None:
        while True:
            command, answer = self.requests.get()
            try:
                answer.put(_popen(command))
            except Exception as exc:  # handed to the thread that asked
                answer.put(exc)

    def start(self, command: list[str]) -> subprocess.Popen:
        answer: queue.Queue = queue.Queue()
        self.requests.put((command, answer))
        result = answer.get()
        if isinstance(result, Exception):
            raise result
        return result


def _popen(command: list[str]) -> subprocess.Popen:
    parent = os.getpid()
    return subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: die_with_parent(parent),  # one prctl call between fork and exec
    )


class Server:
    """One `pandoc lua` process and the requests it answers, one at a time."""

    def __init__(self, command: list[str], spawner: _Spawner, memory_mb: int) -> None:
        self.command = command
        self.memory_mb = memory_mb
        self.spawner = spawner
        self.process: subprocess.Popen | None = None
        self.errors = b""
        self.drainer: threading.Thread | None = None

    def _running(self) -> subprocess.Popen:
        if self.process is None or self.process.poll() is not None:
            self.stop()
            self.process = self.spawner.start(self.command)
            # pandoc's own heap limit (+RTS -M) does not stop a conversion a Lua script runs
            # (the exception waits for the script's call to return): the kernel's limit on
            # the process's data does, on top of what the idle process holds. Set before
            # its first request.
            limit = (self.memory_mb + BASE_DATA_MB) * 1024 * 1024
            resource.prlimit(self.process.pid, resource.RLIMIT_DATA, (limit, limit))
            self.errors = b""
            self.drainer = threading.Thread(target=self._drain, args=(self.process,), daemon=True)
            self.drainer.start()
        return self.process

    def _drain(self, process: subprocess.Popen) -> None:
        """Keep the last of what pandoc says on stderr (a heap exhausted, a warning)."""
        assert process.stderr is not None
        for line in process.stderr:
            self.errors = (self.errors + line)[-4000:]

    def request(self, request: dict, what: str, seconds: float | None) -> bytes:
        fresh = self.process is None or self.process.poll() is not None
        try:
            return self._request(request, what, seconds)
        except (_Died, _OutOfMemory):
            if fresh:
                raise
        # A process that had served before died (killed from outside between two requests,
        # or its heap grown over many documents): this request goes to a new one, once.
        return self._request(request, what, seconds)

    def _request(self, request: dict, what: str, seconds: float | None) -> bytes:
        process = self._running()
        assert process.stdin is not None and process.stdout is not None
        data = json.dumps(request, ensure_ascii=False).encode("utf-8")
        timer, expired = None, threading.Event()
        if seconds is not None:

            def overrun() -> None:
                expired.set()
                process.kill()

            timer = threading.Timer(seconds, overrun)
            timer.start()
        status, body = "", b""
        try:
            process.stdin.write(b"%d\n" % len(data) + data)
            process.stdin.flush()
            status, _, size = process.stdout.readline().decode("ascii", "replace").partition(" ")
            if size.strip().isdigit():
                body = process.stdout.read(int(size))
                if len(body) != int(size):
                    status = ""  # cut off: the process died
        except (OSError, ValueError):
            status = ""
        finally:
            if timer is not None:
                timer.cancel()
        if status == "ok":
            return body
        if status == "error":
            message = body.decode("utf-8", "replace").strip().splitlines()
            raise DocumentError(f"pandoc failed ({what}): {message[-1] if message else 'error'}")
        # The process died or was killed: a new one for the next request.
        self.stop()
        errors = self.errors.decode("utf-8", "replace")
        if any(sign in errors for sign in _OUT_OF_MEMORY):
            raise _OutOfMemory(f"pandoc ({what}) ran out of memory (limit {self.memory_mb} MB)")
        if expired.is_set():
            raise DocumentError(f"pandoc ({what}) timed out after {seconds:g} s")
        lines = errors.strip().splitlines()
        raise _Died(f"pandoc failed ({what}): {lines[-1] if lines else 'it stopped'}")

    def stop(self) -> None:
        """End the process (if it runs) and close its pipes."""
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.kill()
        process.wait()
        if self.drainer is not None:
            self.drainer.join(timeout=2)  # what it said before it ended
        for pipe in (process.stdin, process.stdout, process.stderr):
            if pipe is not None:
                try:
                    pipe.close()
                except OSError:
                    pass


class Servers:
    """The warm processes of this process: as many as requests run at once (a document's
    formats render in threads), each taken for one request and given back."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.spawner = _Spawner()
        self.lock = threading.Lock()
        self.idle: list[Server] = []

    @contextmanager
    def server(self, command: list[str], memory_mb: int) -> Iterator[Server]:
        with self.lock:
            found = next((s for s in self.idle if s.command == command), None)
            if found is not None:
                self.idle.remove(found)
        server = found or Server(command, self.spawner, memory_mb)
        try:
            yield server
        finally:
            with self.lock:
                self.idle.append(server)

    def start_spare(self, command: list[str], memory_mb: int) -> None:
        """Start one process ahead, idle, for the first request: its start (about 20 ms)
        happens while the worker does other things, not on the document's path."""

        def spawn() -> None:
            server = Server(command, self.spawner, memory_mb)
            try:
                server._running()
            except Exception:
                return  # the first request starts one and meets the failure
            with self.lock:
                self.idle.append(server)

        threading.Thread(target=spawn, daemon=True, name="pandoc-spare").start()

    def stop(self) -> None:
        with self.lock:
            for server in self.idle:
                server.stop()
            self.idle = []


_servers: Servers | None = None
_servers_lock = threading.Lock()


def servers() -> Servers:
    """This process's servers (a forked child does not use its parent's)."""
    global _servers
    with _servers_lock:
        if _servers is None or _servers.pid != os.getpid():
            _servers = Servers()
        return _servers
