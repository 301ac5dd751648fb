"""`publish watch` in a real process: files dropped in bursts, renamed into place, deleted
before they settle, written in two halves; the lock; SIGTERM."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conftest import CASES, PUBLISH, ROOT, run_publish

SPEECH = (CASES / "speech-study-session" / "input.txt").read_text("utf-8")
SETTLE = "0.5"


def good_text(n: int) -> str:
    """A speech with a title and a last line of its own."""
    body = SPEECH.split("\n", 1)[1].replace("谢谢大家!", f"谢谢大家!本文结束标记{n}号。")
    return f"第{n}号读书班交流发言\n{body}"


class Watch:
    """`publish watch` running in the background, its log file and its stderr."""

    def __init__(self, base: Path, *args: str) -> None:
        self.input, self.output = base / "input", base / "input" / "out"  # output inside input
        self.log = base / "watch.log"
        self.process = subprocess.Popen(
            [*PUBLISH, "watch", "-i", str(self.input), "-o", str(self.output), "--settle",
             SETTLE, "--log-file", str(self.log), "--jobs", "2", *args],
            cwd=ROOT, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        for line in self.process.stderr:  # started, caught up, and watching
            if line.startswith("watching"):
                break
        else:
            pytest.fail("publish watch did not start")

    def lines(self) -> list[str]:
        text = self.log.read_text("utf-8") if self.log.exists() else ""
        return [line.split(" ", 2)[2] for line in text.splitlines()]

    def wait_for(self, count: int, deadline: float = 120) -> list[str]:
        """The log's lines once it has at least count of them (a deadline against hanging, not
        a measurement)."""
        end = time.monotonic() + deadline
        while len(self.lines()) < count and time.monotonic() < end:
            time.sleep(0.2)
        return self.lines()

    def stop(self, signum: int = signal.SIGTERM) -> int:
        self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.process.stderr.close()


def test_bursts_publish_every_good_file_once(tmp_path: Path):
    (tmp_path / "input" / "sub").mkdir(parents=True)
    watch = Watch(tmp_path, "--formats", "md,html")
    good, bad = set(), set()
    try:
        for burst in range(5):
            for n in range(burst * 10, burst * 10 + 10):
                folder = "sub/" if n % 3 == 0 else ""
                name = f"{folder}doc{n:02d}.txt"
                target = tmp_path / "input" / name
                if n % 10 == 7:  # bad: no text at all
                    target.write_text("\n", "utf-8")
                    bad.add(name)
                elif n % 10 == 3:  # written under a hidden name, then renamed into place
                    scratch = target.with_name(f".{target.name}.part")
                    scratch.write_text(good_text(n), "utf-8")
                    os.rename(scratch, target)
                    good.add(name)
                elif n % 10 == 5:  # written in two halves, the second a little later
                    text = good_text(n)
                    with open(target, "w", encoding="utf-8") as handle:
                        handle.write(text[: len(text) // 2])
                        handle.flush()
                        time.sleep(0.2)
                        handle.write(text[len(text) // 2 :])
                    good.add(name)
                else:
                    target.write_text(good_text(n), "utf-8")
                    good.add(name)
            if burst == 2:  # dropped and deleted again before it settles
                doomed = tmp_path / "input" / "doomed.txt"
                doomed.write_text(good_text(99), "utf-8")
                time.sleep(0.1)
                doomed.unlink()
            time.sleep(0.3)
        lines = watch.wait_for(len(good) + len(bad))
        index = watch.output / "index.html"
        end = time.monotonic() + 60  # the catalogue follows each run's last document
        while time.monotonic() < end and (
            not index.exists() or index.read_text("utf-8").count('class="doc"') < len(good)
        ):
            time.sleep(0.2)
        # While it watches, it holds the output folder.
        locked = run_publish("all", "-i", str(watch.input), "-o", str(watch.output))
        assert locked.returncode == 75, locked.stderr
    finally:
        code = watch.stop()
    assert code == 0
    published = [m for line in lines if (m := re.match(r"published (\S+) ", line))]
    assert sorted(m[1] for m in published) == sorted(good)  # each exactly once
    failed = {
        line.split(":")[0].removeprefix("FAILED "): line for line in lines if "FAILED" in line
    }
    assert set(failed) == bad and all("empty" in line for line in failed.values())
    assert not any("doomed" in line for line in lines)
    for name in good:  # whole files, never a first half
        n = int(re.search(r"\d+", name)[0])
        md = watch.output / name.replace(".txt", ".md")
        assert f"本文结束标记{n}号" in md.read_text("utf-8")
        assert (watch.output / name.replace(".txt", ".html")).is_file()
    assert list((watch.output / ".publish" / "tmp").glob("*")) == []
    assert not list(watch.output.rglob(".*.tmp"))
    assert index.read_text("utf-8").count('class="doc"') == len(good)
    assert not any(" out/" in line for line in lines)  # the output is not read back


def test_catches_up_then_ctrl_c_stops_it(tmp_path: Path):
    (tmp_path / "input").mkdir()
    early = tmp_path / "input" / "early.txt"
    early.write_text(good_text(1), "utf-8")
    # Settled before the watch starts: a file younger than --settle is rightly left for later.
    os.utime(early, (time.time() - 60, time.time() - 60))
    watch = Watch(tmp_path, "--formats", "md")
    try:
        first = watch.lines()  # published before it said it was watching
        assert len(first) == 1 and first[0].startswith("published early.txt")
        (tmp_path / "input" / "later.txt").write_text(good_text(2), "utf-8")
        lines = watch.wait_for(2)
    finally:
        stopped = watch.stop(signal.SIGINT)
    assert stopped == 0
    assert lines[1].startswith("published later.txt")
    # The lock went with it: an ordinary run works again, and finds nothing to do.
    result = run_publish("all", "-i", str(watch.input), "-o", str(watch.output), "--formats", "md")
    assert result.returncode == 0 and "unchanged" in result.stdout


def test_prune_follows_deletions(tmp_path: Path):
    (tmp_path / "input").mkdir()
    watch = Watch(tmp_path, "--formats", "md", "--prune")
    try:
        (tmp_path / "input" / "gone.txt").write_text(good_text(3), "utf-8")
        (tmp_path / "input" / "kept.txt").write_text(good_text(4), "utf-8")
        watch.wait_for(2)
        assert (watch.output / "gone.md").is_file()
        (tmp_path / "input" / "gone.txt").unlink()
        index = watch.output / "index.html"
        end = time.monotonic() + 60  # a deadline against hanging, not a measurement
        while time.monotonic() < end and (
            (watch.output / "gone.md").exists() or "gone.txt" in index.read_text("utf-8")
        ):
            time.sleep(0.2)
    finally:
        assert watch.stop() == 0
    assert not (watch.output / "gone.md").exists()
    assert (watch.output / "kept.md").is_file()
    index = (watch.output / "index.html").read_text("utf-8")
    assert "kept.txt" in index and "gone.txt" not in index


def test_a_waiting_run_starts_when_the_watch_stops(tmp_path: Path):
    (tmp_path / "input").mkdir()
    watch = Watch(tmp_path, "--formats", "md")
    waiter = subprocess.Popen(
        [*PUBLISH, "all", "-i", str(watch.input), "-o", str(watch.output), "--formats", "md",
         "--wait"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(1)
    stopped = time.time()
    assert watch.stop() == 0
    assert waiter.wait(timeout=60) == 0
    db = sqlite3.connect(watch.output / ".publish" / "state.db")
    try:
        last = db.execute("SELECT max(started) FROM runs").fetchone()[0]
    finally:
        db.close()
    assert last >= stopped  # its run began only once the watch had let go of the folder
