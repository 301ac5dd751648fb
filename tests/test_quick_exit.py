"""A batch run ends without tearing the interpreter down (served.leave): its status, its last
lines and what its exit handlers write must all still come out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEECH = ROOT / "tests" / "cases" / "speech-study-session" / "input.txt"


def _publish(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PUBLISH_SERVER": "off", "XDG_CACHE_HOME": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args],
        cwd=ROOT,
        capture_output=True,  # pipes: buffered output is lost unless flushed before the exit
        text=True,
        timeout=300,
        env=env,
    )


def test_a_run_that_publishes_exits_0_with_its_summary_and_kept_patterns(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "speech.txt").write_bytes(SPEECH.read_bytes())
    result = _publish(
        tmp_path, "all", "-i", str(source), "-o", str(tmp_path / "out"), "--formats", "md"
    )
    assert result.returncode == 0, result.stderr
    header, counts = result.stdout.splitlines()[-2:]  # the summary table, the run's last words
    assert header.split()[:4] == ["published", "unchanged", "failed", "skipped"]
    assert counts.split()[:4] == ["1", "0", "0", "0"]
    # kept_patterns.save runs at exit: the next start compiles nothing it compiled.
    assert list((tmp_path / "cache" / "publish").glob("patterns-*.marshal"))
    assert (tmp_path / "out" / "speech.md").read_text(encoding="utf-8").startswith("---")


def test_a_run_with_a_failed_document_exits_1_naming_it(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "good.txt").write_bytes(SPEECH.read_bytes())
    (source / "bad.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    result = _publish(
        tmp_path, "all", "-i", str(source), "-o", str(tmp_path / "out"), "--formats", "md"
    )
    assert result.returncode == 1
    assert "bad.txt" in result.stdout + result.stderr
    assert (tmp_path / "out" / "good.md").exists()


def test_a_usage_error_exits_2_with_its_one_line(tmp_path):
    result = _publish(tmp_path, "all", "-i", str(tmp_path / "missing"), "-o", str(tmp_path / "o"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
