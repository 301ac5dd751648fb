"""Patterns compiled once per machine (pipeline/kept_patterns.py): a second start compiles
nothing, a kept pattern is the same pattern, and a damaged store only costs the compiling."""

from __future__ import annotations

import json
import marshal
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import kept_patterns

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "tests" / "cases" / "speech-study-session" / "input.txt"

# A start as `publish` makes it: the store installed first, then the modules and the rules,
# then one document read, cleaned and structured; it prints its counts and the Markdown.
START = """
import json, sys
from pathlib import Path
from pipeline import kept_patterns
kept_patterns.install()
from pipeline import cli  # noqa: F401  (the command's own imports)
from pipeline.clean import load_rules
from pipeline.flow import prepare
doc = prepare(Path(sys.argv[1]), "speech", load_rules())
print(json.dumps({"counts": kept_patterns.counts, "md": doc.markdown}))
"""


def _start(cache: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", START, str(SPEECH)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(cache)},
    )
    return json.loads(result.stdout)


def _store(cache: Path) -> Path:
    [path] = (cache / "publish").glob("patterns-*.marshal")
    return path


@pytest.fixture(scope="module")
def first_start(tmp_path_factory) -> tuple[Path, dict]:
    """A start with an empty cache folder: it compiles everything and keeps it."""
    cache = tmp_path_factory.mktemp("kept-cache")
    return cache, _start(cache)


def _copy_of(cache: Path, tmp_path: Path) -> Path:
    shutil.copytree(cache / "publish", tmp_path / "publish")
    return tmp_path


def test_a_second_start_compiles_nothing_and_cleans_the_same(first_start, tmp_path):
    cache, first = first_start
    assert first["counts"]["kept"] == 0
    assert first["counts"]["compiled"] > 300  # the rules and the modules' patterns
    second = _start(_copy_of(cache, tmp_path))
    assert second["counts"] == {"kept": first["counts"]["compiled"], "compiled": 0}
    assert second["md"] == first["md"]


def test_every_kept_pattern_equals_a_fresh_compile(first_start):
    cache, _ = first_start
    entries = marshal.loads(_store(cache).read_bytes()[32:])
    assert len(entries) > 300
    engine = kept_patterns._RecordingEngine(re._compiler._sre)._engine
    for (pattern, flags), args in entries.items():
        kept = engine.compile(args[0], args[1], list(args[2]), args[3], dict(args[4]), args[5])
        # Pattern equality compares the flags, the pattern and the matching code itself.
        assert kept == re._compiler.compile(pattern, flags), pattern
        assert kept.groupindex == re.compile(pattern, flags).groupindex


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:40] + bytes([data[40] ^ 0xFF]) + data[41:],  # a byte changed
    ],
    ids=["truncated", "flipped"],
)
def test_a_damaged_store_is_compiled_again_and_rewritten(first_start, tmp_path, damage):
    cache, first = first_start
    copy = _copy_of(cache, tmp_path)
    store = _store(copy)
    store.write_bytes(damage(store.read_bytes()))
    again = _start(copy)
    assert again["counts"] == {"kept": 0, "compiled": first["counts"]["compiled"]}
    assert again["md"] == first["md"]
    assert (
        marshal.loads(_store(copy).read_bytes()[32:]).keys()
        == marshal.loads(_store(cache).read_bytes()[32:]).keys()
    )  # written whole again


def test_code_the_engine_refuses_is_compiled_as_usual(tmp_path, monkeypatch):
    # Kept code that is not valid for this engine (another build's, say) is never used.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    pattern = "kept[一-龥]{2,}"
    bogus = (pattern, 32, [999, 1, 2], 0, {}, (None,))
    payload = marshal.dumps({(pattern, 0): bogus})
    path = kept_patterns.store_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(kept_patterns.hashlib.sha256(payload).digest() + payload)
    code = f"""
import re
from pipeline import kept_patterns
kept_patterns.install()
compiled = re.compile({pattern!r})
assert compiled.fullmatch("kept中文"), compiled
print(kept_patterns.counts["compiled"], kept_patterns.counts["kept"])
"""
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout.split()
    assert out == ["1", "0"]


def test_a_store_grown_past_its_bound_keeps_what_is_used(tmp_path, monkeypatch):
    """Patterns no longer compiled (rules edited, the package upgraded) do not pile up: past
    MAX_ENTRIES a save keeps the entries its process used and what it compiled, nothing else."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    used, new = "用过[一-龥]{2,}", "新的[一-龥]{3,}"
    code = """
import re, sys
from pipeline import kept_patterns
kept_patterns.install()
for pattern in sys.argv[1:]:
    assert re.compile(pattern).search("用过中文 新的中文字")
print(kept_patterns.counts["kept"], kept_patterns.counts["compiled"])
"""

    def start(*patterns: str) -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", code, *patterns],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        ).stdout.split()

    assert start(used) == ["0", "1"]
    path = kept_patterns.store_path()
    entries = marshal.loads(path.read_bytes()[32:])
    kept = entries[(used, 0)]
    stale = {(f"旧的{n}", 0): kept for n in range(kept_patterns.MAX_ENTRIES)}
    payload = marshal.dumps({**stale, **entries})
    path.write_bytes(kept_patterns.hashlib.sha256(payload).digest() + payload)
    assert start(used, new) == ["1", "1"]
    assert set(marshal.loads(path.read_bytes()[32:])) == {(used, 0), (new, 0)}
    assert start(used, new) == ["2", "0"]  # both kept, nothing lost by the pruning
