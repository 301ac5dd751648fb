"""Publishing on a Dask cluster (`publish all --cluster ADDRESS`); imported only when asked for.

`DaskExecutor` keeps the contract of executor.py. The coordinator (this process) stays the
single writer: it reads each input's bytes and submits them with the run's Context
(pipeline/remote.py: the Recipe and every style and rules file it names, by content) as a Dask
task; a worker returns the Result with the rendered files as bytes; the coordinator places them
in output/ and records state and the report exactly as a local run does. Workers need no shared
filesystem and never see input/ or output/.

- Nothing is contacted before there is a document to publish: a run that finds everything
  unchanged never connects.
- Back-pressure: at most IN_FLIGHT_PER_THREAD documents per worker thread are submitted at
  once; the next input is read and submitted as a result comes back, so the coordinator's
  memory does not grow with the number of inputs.
- On a worker, a document runs in a child process prepared once per context (pipeline.isolate):
  one that overruns the time limit (counted from when the prepared child starts it) is killed
  with everything it started, fails alone with "timed out after N s", and the worker goes on.
- A worker process that dies mid-document: Dask's scheduler gives the document to another
  worker, up to `distributed.scheduler.allowed-failures` times (3 by default, a setting of the
  scheduler); then the document fails with that reason.
- Ctrl-C cancels what was submitted; the run exits 130 and the next run does the rest.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import dask
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.scheduler import KilledWorker

from . import isolate
from .cluster import Cluster
from .errors import EnvironmentProblem
from .executor import Outcome, Recipe, Result, Status, Task
from .remote import Context, code_digest, make_context

# Dask keeps its last low-level-log-length messages (1,000 by default) for debugging, in the
# client and in a local scheduler; each update-graph message holds a document's bytes, so the
# log alone grew the coordinator by ~10 MB per 1,000 documents. A short log keeps it flat.
MESSAGE_LOG_LENGTH = 16
IN_FLIGHT_PER_THREAD = 4  # documents submitted per worker thread: one running, three queued
WORKERS_SECONDS = 60.0  # how long to wait for a cluster's first worker
REFRESH_SECONDS = 5.0  # how often the number of worker threads is asked again (workers join)
SETUP = "pipeline.remote:setup"


# ---------------------------------------------------------------- on a worker


def publish_on_worker(context: Context, task: Task, data: bytes, timeout: float) -> Result:
    """A Dask task: one document, in this worker's prepared child process. Never raises."""
    try:
        return isolate.call(SETUP, context, (task, data), timeout)
    except isolate.TimedOut as exc:
        return Result(Outcome(task.key, Status.FAILED, error=str(exc), seconds=timeout))
    except isolate.ChildDied as exc:
        return Result(Outcome(task.key, Status.FAILED, error=str(exc)))
    except isolate.Failed as exc:  # the worker could not prepare (pipeline.remote.setup)
        return Result(Outcome(task.key, Status.FAILED, error=f"worker {_here()}: {exc}"))


def _here() -> str:
    try:
        return get_worker().address
    except ValueError:
        return "?"


def _doctor_on_worker(style: str | None) -> tuple[str, int, str]:
    """`publish doctor` on this worker's machine: (code digest, problems, what it printed)."""
    command = [sys.executable, "-m", "pipeline", "doctor", *(["--style", style] if style else [])]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    problems = 0 if result.returncode == 0 else max(1, result.stdout.count("MISSING"))
    return code_digest(), problems, result.stdout + result.stderr


# ---------------------------------------------------------------- on the coordinator


@contextlib.contextmanager
def connect(cluster: Cluster) -> Iterator[Client]:
    """A client of the cluster; for local:N, a LocalCluster started here and stopped after."""
    logging.getLogger("distributed").setLevel(logging.ERROR)
    dask.config.set({"distributed.admin.low-level-log-length": MESSAGE_LOG_LENGTH})
    local = None
    try:
        if cluster.local_workers:
            local = LocalCluster(
                n_workers=cluster.local_workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=":0",
                silence_logs=logging.ERROR,
            )
            client = Client(local)
        else:
            try:
                client = Client(cluster.scheduler)  # distributed.comm.timeouts.connect: 30 s
            except OSError as exc:
                raise EnvironmentProblem(
                    f"--cluster {cluster}: cannot reach the scheduler ({exc})"
                ) from None
        try:
            try:
                client.wait_for_workers(1, timeout=WORKERS_SECONDS)
            except TimeoutError:
                raise EnvironmentProblem(
                    f"--cluster {cluster}: no worker joined within {WORKERS_SECONDS:g} s "
                    "(start some: dask worker ADDRESS --nthreads 1)"
                ) from None
            yield client
        finally:
            client.close()
    finally:
        if local is not None:
            local.close()


class DaskExecutor:
    """Publishes documents on a Dask cluster (executor.Executor); connects on first use."""

    def __init__(self, cluster: Cluster, timeout: float) -> None:
        self.cluster = cluster
        self.timeout = timeout
        self._session: contextlib.ExitStack | None = None
        self.client: Client | None = None

    def _connect(self) -> Client:
        if self.client is None:
            self._session = contextlib.ExitStack()
            self.client = self._session.enter_context(connect(self.cluster))
        return self.client

    def run(
        self, recipe: Recipe, tasks: Sequence[Task], done: Callable[[Task, Result], None]
    ) -> None:
        if not tasks:
            return
        context = make_context(recipe)
        client = self._connect()
        pending = iter(tasks)
        in_flight: dict[Any, Task] = {}
        # Results are fetched in the background as they finish, not one round trip each.
        results = as_completed(with_results=True, raise_errors=False)
        threads, asked = _threads(client), time.monotonic()

        def top_up() -> None:
            while len(in_flight) < threads * IN_FLIGHT_PER_THREAD:
                task = next(pending, None)
                if task is None:
                    return
                try:
                    data = task.read()
                except OSError as exc:
                    error = f"cannot read: {exc.strerror or exc}"
                    done(task, Result(Outcome(task.key, Status.FAILED, error=error)))
                    continue
                future = client.submit(
                    publish_on_worker,
                    context,
                    task,
                    data,
                    self.timeout,
                    key=f"publish-{uuid.uuid4().hex}",
                    pure=False,
                )
                in_flight[future] = task
                results.add(future)

        try:
            top_up()
            for future, result in results:
                task = in_flight.pop(future)
                future.release()
                done(task, _result(future, result, task))
                if time.monotonic() - asked > REFRESH_SECONDS:
                    threads, asked = _threads(client), time.monotonic()
                top_up()
        except BaseException:
            # Ctrl-C (or anything else): nothing more is submitted, what was is cancelled.
            with contextlib.suppress(Exception):
                client.cancel(list(in_flight), force=True)
            raise

    def close(self) -> None:
        if self._session is not None:
            session, self._session, self.client = self._session, None, None
            session.close()


def _threads(client: Client) -> int:
    return max(1, sum(client.nthreads().values()))


def _result(future: Any, result: Any, task: Task) -> Result:
    """What a finished future holds, as a Result: every document ends with an outcome."""
    if isinstance(result, Result):
        return result
    if isinstance(result, tuple) and len(result) == 3:  # (type, exception, traceback)
        result = result[1]
    if isinstance(result, KilledWorker):
        error = "the workers running it died (tried on several)"
    elif isinstance(result, BaseException):
        error = f"cluster error: {type(result).__name__}: {result}"
    else:
        error = f"cluster lost it ({future.status})"
    return Result(Outcome(task.key, Status.FAILED, error=error))


# ---------------------------------------------------------------- publish doctor --cluster


def doctor(cluster: Cluster, style: str | None, say: Callable[[str], None]) -> int:
    """Run `publish doctor` on every worker; return the number of workers with a problem."""
    mine = code_digest()
    with connect(cluster) as client:
        reports = client.run(_doctor_on_worker, style)
    bad = 0
    for worker, (code, problems, printed) in sorted(reports.items()):
        same = code == mine
        ok = problems == 0 and same
        bad += not ok
        say(f"{'ok     ' if ok else 'PROBLEM'} worker {worker}")
        if not same:
            say("        runs other publish code than this machine (install the same version)")
        if problems:
            for line in printed.splitlines():
                say(f"        {line}")
    say(f"{len(reports)} worker(s) checked")
    return bad
