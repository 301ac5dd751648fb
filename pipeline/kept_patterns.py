"""Regular expressions compiled once per machine, not at every start.

The cleaning rules and the pipeline's modules compile some five hundred patterns, many with
large CJK character classes, which Python's `re` turns into matching code in pure Python: about
a quarter of a second at every start, before the first document is read. The matching code
`re` hands its C engine (`_sre.compile`'s arguments) depends only on the pattern, its flags
and the Python build, so it is kept in the cache folder and handed to the engine directly the
next time. Nothing else changes: the engine validates the code it is given, an entry is used
only by the same Python build, a kept pattern is equal (`==` compares the code) to a freshly
compiled one, and anything unexpected (no cache, a damaged file, another Python) means
compiling as usual.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any

# One version of the code compiles about 1,100 patterns (1.2 MB kept); every start reads the
# whole file. Past this many entries (rules edited, the package upgraded: patterns no longer
# compiled stay), a save keeps only what its process used, and what other processes compiled
# since: the file does not grow with every edit (20,000 entries were 13 MB, 0.13 s a start).
MAX_ENTRIES = 3_000

_state: dict[str, Any] = {"installed": False}
_kept: dict[tuple[Any, int], tuple] = {}  # (pattern, flags) -> _sre.compile's arguments
_new: dict[tuple[Any, int], tuple] = {}  # compiled here, not yet written
_used: set[tuple[Any, int]] = set()  # handed over kept in this process (or its parent)
# Compiled in this process (or its parent): `re` compiles such a pattern again when its own
# cache (512 entries) dropped it, and the store then hands it over, but it came from no store.
_compiled_here: set[tuple[Any, int]] = set()
_recorded = threading.local()
_lock = threading.Lock()
# Patterns handed over from the store (each once) / compilings here (tests, doctor).
counts = {"kept": 0, "compiled": 0}


def build_key() -> str:
    """What the kept code depends on besides the pattern: the Python build and its engine."""
    import _sre

    parts = [sys.version, sys.implementation.cache_tag or "", str(_sre.MAGIC), str(_sre.CODESIZE)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]


def store_path() -> Path:
    from .cache import cache_dir

    return cache_dir() / f"patterns-{build_key()}.marshal"


def install() -> None:
    """Compile through the kept code from now on in this process (and the ones it forks)."""
    compiler = getattr(re, "_compiler", None)
    if _state["installed"] or compiler is None or not hasattr(compiler, "_sre"):
        return
    _kept.update(_load(store_path()))
    _state.update(installed=True, original=compiler.compile, engine=compiler._sre)
    compiler._sre = _RecordingEngine(compiler._sre)
    compiler.compile = _compile
    atexit.register(save)
    # A forked worker writes what it compiles itself (save() after each document), not again
    # what its parent compiled before the fork.
    os.register_at_fork(after_in_child=_new.clear)


def save() -> None:
    """Write the patterns compiled here since the last save into the store, whole or not at all
    (a cache: a failure costs only the next start its compiling)."""
    with _lock:
        if not _new:
            return
        fresh = dict(_new)
        _new.clear()
    path = store_path()
    entries = _load(path)
    if len(entries) + len(fresh) > MAX_ENTRIES:
        with _lock:
            used = set(_used)
        entries = {key: args for key, args in entries.items() if key in used}
    entries.update(fresh)
    payload = marshal.dumps(entries)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _load(path: Path) -> dict:
    try:
        data = path.read_bytes()
        digest, payload = data[:32], data[32:]
        if hashlib.sha256(payload).digest() != digest:
            return {}
        entries = marshal.loads(payload)
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return entries if isinstance(entries, dict) else {}


class _RecordingEngine:
    """The `_sre` module as re._compiler sees it: compile() also notes its arguments."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def compile(self, *args: Any) -> Any:
        _recorded.args = args
        return self._engine.compile(*args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._engine, name)


def _compile(pattern: Any, flags: int = 0) -> Any:
    if not isinstance(pattern, str | bytes) or flags & re.DEBUG:
        return _state["original"](pattern, flags)
    key = (pattern, int(flags))
    args = _kept.get(key)
    if args is not None:
        with contextlib.suppress(Exception):  # not the code this engine takes: compile it
            compiled = _state["engine"].compile(
                args[0], args[1], list(args[2]), args[3], dict(args[4]), args[5]
            )
            if key not in _compiled_here and key not in _used:  # each pattern once
                counts["kept"] += 1
            _used.add(key)
            return compiled
    _recorded.args = None
    compiled = _state["original"](pattern, flags)
    counts["compiled"] += 1
    _compiled_here.add(key)
    args = _recorded.args
    if args is not None and len(args) == 6:
        # The code's opcodes are named int constants: kept as the plain ints the engine reads.
        code = [int(word) for word in args[2]]
        kept = (args[0], int(args[1]), code, int(args[3]), dict(args[4]), tuple(args[5]))
        with contextlib.suppress(ValueError):  # something marshal cannot write: not kept
            marshal.dumps(kept)
            with _lock:
                _kept[key] = _new[key] = kept
    return compiled
