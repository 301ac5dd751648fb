"""Where publish keeps what it derives once per machine and reuses (never anything a run needs
to be right: each file is rebuilt when missing)."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

# Files one kind keeps at most: every code or style edit makes new keys, and the old files are
# never read again. Past this many, the least recently written go.
MAX_KEPT = 32


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/publish, else ~/.cache/publish (not created here)."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "publish"


def kept_bytes(kind: str, key_parts: Iterable[str], build: Callable[[], bytes]) -> bytes:
    """build()'s bytes, kept in the cache folder under a digest of key_parts, which must name
    everything the bytes are made from (the code's own key included: served.server_key). A
    kept file carries its content's digest: a damaged or partly written one is built again.
    Any failure to keep or read costs only the building."""
    key = hashlib.sha256("\0".join(key_parts).encode()).hexdigest()[:24]
    path = cache_dir() / f"{kind}-{key}"
    with contextlib.suppress(OSError):
        data = path.read_bytes()
        digest, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() == digest:
            return payload
    payload = build()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
        bound(path.parent, kind)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
    return payload


def bound(folder: Path, kind: str, keep: int | None = None) -> None:
    """Keep the `keep` (default MAX_KEPT) most recently written files named kind-*."""
    entries = []
    for entry in folder.glob(f"{kind}-*"):
        with contextlib.suppress(OSError):
            entries.append((entry.stat().st_mtime, entry))
    for _, entry in sorted(entries, reverse=True)[MAX_KEPT if keep is None else keep :]:
        with contextlib.suppress(OSError):
            entry.unlink()
