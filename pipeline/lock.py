"""One run at a time per output folder: an flock on output/.publish/lock.

The kernel releases an flock when its holder dies, so a killed run never leaves a stale lock;
the holder's pid is written into the file for the message the next run prints.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from .errors import LockedError


class RunLock:
    """flock on output/.publish/lock; the holder's pid is written into the file."""

    def __init__(self, state_dir: Path, wait_for_it: bool) -> None:
        state_dir.mkdir(parents=True, exist_ok=True)
        self.path = state_dir / "lock"
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | (0 if wait_for_it else fcntl.LOCK_NB))
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "unknown"
            self.handle.close()
            raise LockedError(
                f"another publish run (pid {holder}) is using {state_dir.parent}; "
                "try again later or pass --wait"
            ) from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()))
        self.handle.flush()

    def release(self) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()
