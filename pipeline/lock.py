"""One run at a time per output folder: an flock on output/.publish/lock.

The kernel releases an flock when the last descriptor of it is closed, so the lock dies with
its holder: the descriptor is opened close-on-exec and closed in every forked child (workers,
pandoc), so no child keeps the lock after the parent is killed. The holder's pid is written
into the file for the message the next run prints.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import LockedError

# Descriptors of the locks this process holds: a forked child closes them at once.
_held: set[int] = set()


def _close_in_child() -> None:
    for fd in list(_held):
        try:
            os.close(fd)  # closes the child's copy only; the parent's lock stays
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_close_in_child)


class RunLock:
    """flock on output/.publish/lock; the holder's pid is written into the file."""

    def __init__(self, state_dir: Path, wait_for_it: bool) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / "lock"
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | (0 if wait_for_it else fcntl.LOCK_NB))
        except BlockingIOError:
            holder = os.pread(self.fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            os.close(self.fd)
            raise LockedError(
                f"another publish run (pid {holder}) is using {state_dir.parent}; "
                "try again later or pass --wait"
            ) from None
        _held.add(self.fd)
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode(), 0)

    def release(self) -> None:
        _held.discard(self.fd)
        fcntl.flock(self.fd, fcntl.LOCK_UN)
        os.close(self.fd)
