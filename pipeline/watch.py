"""`publish watch`: publish what is dropped into the input folder as soon as it has settled.

- It holds the run lock for as long as it runs: a cron `publish all` meanwhile exits 75 (or
  waits, with --wait), and two watchers never share an output folder.
- It first publishes whatever changed while nobody watched (an ordinary incremental run), then
  waits for file events (watchfiles; inotify on Linux).
- A file is published once nothing has touched it for --settle seconds and its modification time
  is that old too, so a file still being written (or copied, or downloaded) is not read. A file
  renamed into place counts from the rename; one deleted before it settles is forgotten; hidden
  files, other suffixes and the output folder (even inside the input folder) are ignored.
- Each set of settled files goes through the batch run (`batch.run`, with `only=` those files),
  so fingerprints, state, atomic writes, the report and the catalogue work as in `publish all`;
  the worker pool stays up between sets, warm.
- SIGINT (Ctrl-C) and SIGTERM stop it with exit 0. A run in progress is interrupted: finished
  documents are in place and recorded, the others are published on the next start.
"""

from __future__ import annotations

import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from . import batch
from .errors import ReportError
from .executor import Outcome, Recipe, Result, Status, Task
from .jobs import Pool
from .lock import RunLock
from .settings import INPUT_SUFFIXES, Settings

TICK_MS = 100  # how often pending files are looked at when no event comes
# What each worker publishes once at the start, so that the first dropped file finds its fonts,
# styles and libraries loaded (to a scratch folder of the state folder, removed afterwards).
WARM_UP = "预热\n\n一、标题\n\n（一）要求。正文，用于预热。\n"


class InputFilter:
    """The events worth looking at: input files and folders, not hidden, not output."""

    def __init__(self, settings: Settings) -> None:
        self.root = settings.input_dir.resolve()
        self.output = settings.output_dir.resolve()

    def __call__(self, _change, path: str) -> bool:
        target = Path(path)
        if target == self.output or self.output in target.parents:
            return False
        try:
            parts = target.relative_to(self.root).parts
        except ValueError:
            return False
        if any(part.startswith(".") for part in parts):
            return False
        return target.suffix.lower() in INPUT_SUFFIXES or target.is_dir()


class Watcher:
    def __init__(
        self,
        settings: Settings,
        log: Callable[[Outcome, int, int], None] = lambda o, i, n: None,
        on_run: Callable[[list[Outcome]], None] = lambda outcomes: None,
        on_ready: Callable[[], None] = lambda: None,
    ) -> None:
        self.settings = settings
        self.log = log
        self.on_run = on_run  # after each run, with its outcomes
        self.on_ready = on_ready  # once, when events are being watched
        self.stop = threading.Event()
        self.pending: dict[Path, float] = {}  # path -> when an event last touched it
        self._running = False

    # ------------------------------------------------------------ signals

    def _signal(self, signum, _frame) -> None:
        self.stop.set()
        if self._running:  # interrupt the run; finished documents are already recorded
            raise KeyboardInterrupt

    def install_signal_handlers(self) -> None:
        signal.signal(signal.SIGINT, self._signal)
        signal.signal(signal.SIGTERM, self._signal)

    # ------------------------------------------------------------ the loop

    def run(self) -> None:
        """Watch until stopped. Raises LockedError when another run holds the output folder."""
        import watchfiles

        settings = self.settings
        lock = RunLock(settings.state_dir, settings.wait)
        pool = None
        ready_said = False
        try:
            pool = Pool(settings.jobs, settings.timeout_seconds, settings.state_dir / "tmp")
            self._warm_up(pool)
            for changes in watchfiles.watch(
                settings.input_dir,
                watch_filter=InputFilter(settings),
                stop_event=self.stop,
                rust_timeout=TICK_MS,
                yield_on_timeout=True,
                debounce=TICK_MS * 5,
                raise_interrupt=False,
            ):
                if not ready_said:  # the first yield comes once the watch is set up
                    ready_said = True
                    # What changed while nobody watched (looked at only now, so that nothing
                    # dropped meanwhile is missed); files still too young are looked at again.
                    for outcome in self._publish(None, pool):
                        if _too_young(outcome):
                            young = settings.input_dir.resolve() / outcome.input
                            self.pending[young] = time.monotonic()
                    self.on_ready()
                now = time.monotonic()
                for _change, path in changes:
                    self.pending[Path(path).resolve()] = now
                ready = [p for p, t in self.pending.items() if now - t >= settings.settle_seconds]
                if ready and not self.stop.is_set():
                    self._settled(ready, pool)
                if self.stop.is_set():
                    break
        except KeyboardInterrupt:
            pass
        finally:
            self._running = False
            if pool is not None:
                pool.close()
            lock.release()

    def _warm_up(self, pool: Pool) -> None:
        """Every worker publishes a small document once, to a scratch folder."""
        folder = self.settings.state_dir / "warm-up"
        folder.mkdir(parents=True, exist_ok=True)
        try:
            source = folder / "warm-up.txt"
            source.write_text(WARM_UP, encoding="utf-8")
            name = folder.relative_to(self.settings.output_dir).as_posix()
            tasks = [
                Task(f"warm-up-{n}", f"{name}/{n}", "", source) for n in range(self.settings.jobs)
            ]
            # Nothing is placed: each result's scratch folder goes as it comes.
            pool.run(Recipe.of(self.settings), tasks, lambda task, result: _discard(result))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def _settled(self, ready: list[Path], pool: Pool) -> None:
        """Publish the ready files that are inputs (a file or a folder moved in); keep the ones
        still too young. With --prune, an input deleted makes it a whole run, which prunes."""
        for path in ready:
            del self.pending[path]
        marked = set(ready)

        def touched(path: Path) -> bool:
            return path in marked or any(parent in marked for parent in path.parents)

        found, skipped = batch.discover(self.settings)
        root = self.settings.input_dir.resolve()
        for outcome in skipped:  # touched again, or a clock in the future: look again later
            if _too_young(outcome) and touched(root / outcome.input):
                self.pending[root / outcome.input] = time.monotonic()
        if self.settings.prune and any(not path.exists() for path in ready):
            self._publish(None, pool)
            return
        wanted = [path for path, _key in found if touched(path.resolve())]
        if wanted:
            self._publish(wanted, pool)

    def _publish(self, only: list[Path] | None, pool: Pool) -> list[Outcome]:
        self._running = True
        try:
            outcomes = batch.run(self.settings, only, self.log, executor=pool, locked=True)
        except ReportError as exc:  # a full disk: say so and keep watching; the next run retries
            outcomes = exc.outcomes
            print(f"publish: {exc}", file=sys.stderr, flush=True)
        finally:
            self._running = False
        self.on_run(outcomes)
        return outcomes


def _too_young(outcome: Outcome) -> bool:
    """Left by the batch run because the file was modified within --settle seconds."""
    return outcome.status == Status.SKIPPED and "still being written" in (outcome.error or "")


def _discard(result: Result) -> None:
    if result.scratch is not None:
        shutil.rmtree(result.scratch, ignore_errors=True)
