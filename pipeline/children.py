"""Child processes that never outlive the process that started them.

A worker and each pandoc it starts ask the kernel for SIGKILL when their parent dies (Linux
PR_SET_PDEATHSIG), so `kill -9` of the batch's parent leaves nothing running: no worker holding
an output folder, no pandoc at 100 % CPU with parent 1. Each worker also leads a process group
of its own that its pandoc runs join, so the parent ends a worker and everything it started
with one killpg.
"""

from __future__ import annotations

import ctypes
import os
import signal
from typing import Any

_PR_SET_PDEATHSIG = 1
_prctl: Any
try:
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):  # not Linux: process groups still bound the children
    _prctl = None


def die_with_parent(parent_pid: int | None = None) -> None:
    """Ask for SIGKILL when the parent dies. Safe between fork and exec (one system call).

    parent_pid: the parent this child was started by; if it is already gone (it died before
    the request was made), exit at once."""
    if _prctl is not None:
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent_pid is not None and os.getppid() != parent_pid:
        os._exit(1)


def lead_group(pid: int = 0) -> None:
    """Make pid (0: this process) the leader of a new process group. Called by the child and
    by its parent both, so the group exists whichever runs first."""
    try:
        os.setpgid(pid, 0 if pid == 0 else pid)
    except (PermissionError, ProcessLookupError):
        pass  # already done by the other side, or the child is gone


def kill_group(pid: int) -> None:
    """SIGKILL the process group led by pid (a worker and the pandoc runs it started)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def close_fds(fds: list[int]) -> None:
    """Close descriptors a forked child inherited but must not hold (other workers' pipe
    ends, the run lock): the kernel then sees EOF and releases the lock when the parent dies."""
    for fd in fds:
        try:
            os.close(fd)
        except OSError:
            pass
