"""The worker forked at a command's start (pipeline/head_start.py): adopted by the pool when
there is work, ended when there is none or it died, never left behind.

Each case runs in a process of its own (a fresh interpreter, single-threaded, as the `publish`
command is when it forks the worker)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from pipeline.served import wants_head_start

SCRIPT = """
import json, os, signal, sys
from pathlib import Path
from pipeline import batch, head_start
from pipeline.settings import Settings

base, jobs, kill_first = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3] == "kill"
head_start.start()
early = head_start._waiting["process"]
if kill_first:
    os.kill(early.pid, signal.SIGKILL)
    early.join()
settings = Settings(
    input_dir=base / "input", output_dir=base / "output", formats=("md", "pdf", "docx"), jobs=jobs
)
outcomes = batch.run(settings)
early.join(timeout=10)
print(json.dumps({
    "statuses": [str(o.status) for o in outcomes],
    "errors": [o.error for o in outcomes],
    "exitcode": early.exitcode,
    "waiting": bool(head_start._waiting),
}))
"""


def _run(base: Path, jobs: int, kill_first: bool = False) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(base), str(jobs), "kill" if kill_first else "-"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


@pytest.fixture
def base(tmp_path: Path) -> Path:
    (tmp_path / "input").mkdir()
    (tmp_path / "input" / "a.txt").write_text(
        "关于停水的通知\n\n各位住户：\n\n明天停水，请提前储水。\n", "utf-8"
    )
    return tmp_path


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_pool_adopts_the_early_worker_and_it_leaves_when_the_run_ends(base: Path, jobs):
    result = _run(base, jobs)
    assert result["statuses"] == ["published"]
    # Adopted: told to leave when the pool closed, it exited by itself (0). A worker that was
    # not adopted is killed (-9).
    assert (result["exitcode"], result["waiting"]) == (0, False)
    assert sorted(p.name for p in (base / "output").glob("a.*")) == ["a.docx", "a.md", "a.pdf"]


def test_with_nothing_to_publish_the_early_worker_is_ended(base: Path):
    assert _run(base, 2)["statuses"] == ["published"]
    result = _run(base, 2)  # everything current
    assert result["statuses"] == ["unchanged"]
    assert (result["exitcode"], result["waiting"]) == (-9, False)


def test_an_early_worker_that_died_is_replaced_by_a_forked_one(base: Path):
    result = _run(base, 1, kill_first=True)
    assert result["statuses"] == ["published"], result["errors"]
    assert (result["exitcode"], result["waiting"]) == (-9, False)
    assert (base / "output" / "a.pdf").stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "wanted"),
    [
        (["all"], True),
        (["-q", "file", "a.txt"], True),
        (["all", "--cluster", "tcp://x:8786"], False),  # the cluster's workers publish
        (["all", "--cluster=local"], False),
        (["all", "--help"], False),
        (["status"], False),
        (["watch"], False),  # its pool outlives runs and forks its own
    ],
)
def test_which_commands_fork_a_worker_at_the_start(args, wanted, monkeypatch):
    monkeypatch.delenv("PUBLISH_HEAD_START", raising=False)
    monkeypatch.delenv("PUBLISH_CLUSTER", raising=False)
    assert wants_head_start(args) is wanted
    monkeypatch.setenv("PUBLISH_CLUSTER", "tcp://x:8786")
    assert wants_head_start(args) is False
    monkeypatch.delenv("PUBLISH_CLUSTER")
    monkeypatch.setenv("PUBLISH_HEAD_START", "off")
    assert wants_head_start(args) is False
