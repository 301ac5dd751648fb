"""pipeline.isolate: a child process prepared once per context, with a deadline per call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline import isolate

SETUP = "isolate_work:setup"
HERE = Path(__file__).parent


@pytest.fixture(autouse=True)
def children(monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    pool = isolate.Children()
    try:
        yield pool
    finally:
        pool.close()


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    # a zombie is gone too (not reaped yet by a parent that no longer exists)
    return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"


def test_one_child_serves_call_after_call(children):
    first = children.call(SETUP, {"pattern": "b"}, {"text": "abc"}, 30)
    second = children.call(SETUP, {"pattern": "b"}, {"text": "xyz", "print": True}, 30)
    assert first["match"] and not second["match"]
    assert first["pid"] == second["pid"] != os.getpid()


def test_a_runaway_pattern_times_out_and_the_next_call_gets_a_fresh_child(children):
    context = {"pattern": "(?:a+)+b"}
    pid = children.call(SETUP, context, {"text": "ab"}, 30)["pid"]
    started = time.monotonic()
    with pytest.raises(isolate.TimedOut, match="timed out after 1 s"):
        children.call(SETUP, context, {"text": "a" * 40 + "c"}, 1)
    assert time.monotonic() - started < 10
    assert _gone(pid)
    after = children.call(SETUP, context, {"text": "ab"}, 30)
    assert after["match"] and after["pid"] != pid


def test_a_changed_context_gets_a_new_child_and_ends_the_old(children):
    old = children.call(SETUP, {"pattern": "a"}, {"text": "a"}, 30)
    new = children.call(SETUP, {"pattern": "z"}, {"text": "a"}, 30)
    assert old["match"] and not new["match"]
    assert new["pid"] != old["pid"]
    deadline = time.monotonic() + 10
    while not _gone(old["pid"]) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(old["pid"])


def test_errors_come_back_with_their_reason(children):
    with pytest.raises(isolate.Failed, match="RuntimeError: broken document"):
        children.call(SETUP, {}, {"raise": "broken document"}, 30)
    assert children.call(SETUP, {}, {"text": "x"}, 30)["match"]  # the child is still good
    with pytest.raises(isolate.ChildDied, match="exit status 3"):
        children.call(SETUP, {}, {"exit": True}, 30)
    with pytest.raises(isolate.Failed, match="cannot prepare: no fonts"):
        children.call(SETUP, {"fail": "no fonts"}, {"text": "x"}, 30)


def test_a_child_dies_with_its_parent(tmp_path: Path):
    script = (
        "import sys, time; from pipeline import isolate\n"
        f"print(isolate.call({SETUP!r}, {{}}, {{}}, 30)['pid'], flush=True)\n"
        "time.sleep(600)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        assert not _gone(child)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        parent.stdout.close()
    deadline = time.monotonic() + 10
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)
