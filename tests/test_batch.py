"""The batch job with real files and real processes: incremental, bad input, lock, report."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CASES, PUBLISH, ROOT, run_publish

GOOD = {
    "speech.txt": CASES / "speech-study-session" / "input.txt",
    "notice.html": CASES / "notice-water-outage" / "input.html",
    "sub/report.txt": CASES / "report-gb18030-crlf" / "input.txt",
}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    for name, source in GOOD.items():
        target = tmp_path / "input" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source, target)
    return tmp_path


def publish(base: Path, *args: str):
    return run_publish("all", "-i", str(base / "input"), "-o", str(base / "output"), *args)


def statuses(base: Path, *args: str) -> dict[str, str]:
    report = base / "report.json"
    result = publish(base, "--report", str(report), *args)
    assert result.returncode in (0, 1), result.stderr
    return {d["input"]: d["status"] for d in json.loads(report.read_text())["documents"]}


def test_incremental_rebuilds_only_what_changed(workspace: Path):
    assert set(statuses(workspace, "--formats", "md").values()) == {"published"}
    assert set(statuses(workspace, "--formats", "md").values()) == {"unchanged"}
    (workspace / "input" / "speech.txt").write_text(
        "新的标题\n\n新的正文内容，已经修改。\n", "utf-8"
    )
    assert statuses(workspace, "--formats", "md") == {
        "notice.html": "unchanged",
        "speech.txt": "published",
        "sub/report.txt": "unchanged",
    }
    assert "新的正文内容" in (workspace / "output" / "speech.md").read_text("utf-8")
    assert set(statuses(workspace, "--formats", "md", "--force").values()) == {"published"}
    # Other options are part of the fingerprint: asking for PDF too rebuilds everything.
    assert set(statuses(workspace, "--formats", "md,pdf").values()) == {"published"}
    assert (workspace / "output" / "sub" / "report.pdf").exists()


def test_changed_style_rebuilds(workspace: Path):
    style = workspace / "mystyle"
    shutil.copytree(ROOT / "styles" / "gongwen", style)
    assert set(statuses(workspace, "--formats", "md,pdf", "--style", str(style)).values()) == {
        "published"
    }
    assert set(statuses(workspace, "--formats", "md,pdf", "--style", str(style)).values()) == {
        "unchanged"
    }
    definition = style / "style.toml"
    definition.write_text(
        definition.read_text("utf-8").replace("size_pt = 22", "size_pt = 20"), "utf-8"
    )
    assert set(statuses(workspace, "--formats", "md,pdf", "--style", str(style)).values()) == {
        "published"
    }


def test_deleted_input_outputs_kept_unless_prune(workspace: Path):
    statuses(workspace, "--formats", "md")
    (workspace / "input" / "notice.html").unlink()
    statuses(workspace, "--formats", "md")
    assert (workspace / "output" / "notice.md").exists()
    statuses(workspace, "--formats", "md", "--prune")
    assert not (workspace / "output" / "notice.md").exists()


def test_bad_inputs_fail_alone_and_inputs_are_untouched(workspace: Path):
    bad = {
        "empty.txt": b"",
        "binary.txt": bytes(range(256)) * 4,
        "only-cruft.txt": "标题\n\n猜你喜欢\n".encode(),
        "-leading dash 空格 文件.txt": "带空格的文件名\n\n这是正文，应该正常发布。\n".encode(),
        # a page rendered by JavaScript, saved before its body was filled in
        "page.html": b"<html><head><title>x</title><script>load()</script></head><body>"
        b'<div id="app"></div></body></html>',
    }
    for name, data in bad.items():
        (workspace / "input" / name).write_bytes(data)
    before = {p: p.read_bytes() for p in (workspace / "input").rglob("*") if p.is_file()}
    result = publish(workspace, "--formats", "md,pdf", "--jobs", "2")
    assert result.returncode == 1
    after = {p: p.read_bytes() for p in (workspace / "input").rglob("*") if p.is_file()}
    assert after == before
    assert "FAILED empty.txt: empty file" in result.stderr
    assert "FAILED binary.txt: not a text file" in result.stderr
    assert "FAILED only-cruft.txt: no text left" in result.stderr
    assert "FAILED page.html: no content" in result.stderr
    for stem in ("speech", "notice", "sub/report", "-leading dash 空格 文件"):
        assert (workspace / "output" / f"{stem}.pdf").exists(), stem
    assert not (workspace / "output" / "empty.md").exists()


def test_second_run_exits_75_while_the_first_holds_the_lock(workspace: Path):
    state = workspace / "output" / ".publish"
    state.mkdir(parents=True)
    with open(state / "lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write(str(os.getpid()))
        lock.flush()
        result = publish(workspace, "--formats", "md")
        assert result.returncode == 75
        assert f"pid {os.getpid()}" in result.stderr
    # The lock is gone with its holder: the next run goes ahead.
    assert publish(workspace, "--formats", "md").returncode == 0


def test_report_and_status(workspace: Path):
    report = workspace / "report.json"
    publish(workspace, "--formats", "md", "--report", str(report))
    data = json.loads(report.read_text())
    assert data["run"]["totals"] == {"published": 3, "unchanged": 0, "failed": 0, "skipped": 0}
    assert [d["input"] for d in data["documents"]] == [
        "notice.html",
        "speech.txt",
        "sub/report.txt",
    ]
    assert data["documents"][1]["outputs"] == ["speech.md"]
    removed = data["documents"][1]["removed"]
    assert {r["rule"] for r in removed} == {
        "head-meta-line",
        "withheld-notice",
        "tail-recommendations",
    }
    assert all(r["line"] > 0 and r["text"] for r in removed)
    (workspace / "input" / "new.txt").write_text("新文件\n\n正文。\n", "utf-8")
    result = run_publish(
        "status",
        "--json",
        "-i",
        str(workspace / "input"),
        "-o",
        str(workspace / "output"),
        "--formats",
        "md",
    )
    rows = {r["input"]: r["status"] for r in json.loads(result.stdout)}
    assert rows == {
        "new.txt": "pending",
        "notice.html": "published",
        "speech.txt": "published",
        "sub/report.txt": "published",
    }


def test_rules_change_rebuilds(workspace: Path, tmp_path: Path):
    assert set(statuses(workspace, "--formats", "md").values()) == {"published"}
    assert set(statuses(workspace, "--formats", "md", "--skip-rule", "bare-url").values()) == {
        "published"
    }
    extra = tmp_path / "extra.toml"
    extra.write_text(
        '[[rule]]\nid = "mine"\naction = "drop-line"\nwhere = "tail"\n'
        "pattern = '''扫码.*'''\nwhy = \"x\"\nexamples.match = [\"扫码\"]\nexamples.keep = [\"码\"]\n",
        encoding="utf-8",
    )
    args = ("--formats", "md", "--skip-rule", "bare-url", "--rules", str(extra))
    assert set(statuses(workspace, *args).values()) == {"published"}
    assert set(statuses(workspace, *args).values()) == {"unchanged"}
    where = ("-i", str(workspace / "input"), "-o", str(workspace / "output"))
    status = run_publish("status", "--json", *where, *args)
    assert {row["status"] for row in json.loads(status.stdout)} == {"published"}
    extra.write_text(extra.read_text("utf-8").replace("扫码.*", "扫一扫.*"), encoding="utf-8")
    assert set(statuses(workspace, *args).values()) == {"published"}


def _blocked_on_a_lock(pid: int) -> bool:
    """Whether the process waits for a lock (Linux: a "->" line of /proc/locks names it)."""
    lines = Path("/proc/locks").read_text().splitlines()
    return any("->" in line and line.split()[5:6] == [str(pid)] for line in lines)


def test_wait_queues_behind_a_running_publish(workspace: Path):
    state = workspace / "output" / ".publish"
    state.mkdir(parents=True)
    lock = open(state / "lock", "a+")
    fcntl.flock(lock, fcntl.LOCK_EX)
    waiting = subprocess.Popen(
        [
            *PUBLISH,
            "all",
            "-i",
            str(workspace / "input"),
            "-o",
            str(workspace / "output"),
            "--formats",
            "md",
            "--wait",
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # Wait until the kernel shows the second run blocked on the lock (a waiter in /proc/locks
    # is marked "->"): slow start-up and waiting for the lock look alike from outside.
    deadline = time.monotonic() + 60
    while not _blocked_on_a_lock(waiting.pid):
        assert waiting.poll() is None, waiting.communicate()
        assert time.monotonic() < deadline, "the second run never waited for the lock"
        time.sleep(0.05)
    assert not (workspace / "output" / "speech.md").exists()  # it published nothing meanwhile
    fcntl.flock(lock, fcntl.LOCK_UN)
    lock.close()
    out, err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, out + err
    assert (workspace / "output" / "speech.md").exists()


def test_output_folder_inside_input_is_not_read_back(workspace: Path):
    output = workspace / "input" / "published"
    for _ in range(2):
        result = run_publish(
            "all", "-i", str(workspace / "input"), "-o", str(output), "--formats", "md"
        )
        assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in output.rglob("*.md")) == ["notice.md", "report.md", "speech.md"]
