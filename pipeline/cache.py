"""Where publish keeps what it derives once per machine and reuses (never anything a run needs
to be right: each file is rebuilt when missing)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/publish, else ~/.cache/publish (not created here)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "publish"
