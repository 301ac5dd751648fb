"""The run options are defined once (settings.Settings): every command takes the ones it needs,
and `publish status` judges "current" exactly as `publish all` does."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import CASES, run_publish


@pytest.fixture(scope="module")
def published_once(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("options")
    (base / "input").mkdir()
    for name in ("speech", "notice"):
        source = CASES / ("speech-study-session" if name == "speech" else "hidden-variants")
        shutil.copy(source / "input.txt", base / "input" / f"{name}.txt")
    result = _run(base, "all")
    assert result.returncode == 0, result.stderr
    return base


@pytest.fixture
def published(published_once: Path, tmp_path: Path) -> Path:
    """A copy of the published workspace, for a test to change (the state holds only paths
    relative to the input and output folders)."""
    shutil.copytree(published_once, tmp_path / "ws")
    return tmp_path / "ws"


def _run(base: Path, command: str, *args: str):
    where = ("-i", str(base / "input"), "-o", str(base / "output"))
    return run_publish(command, *where, "--formats", "md,docx", *args)


def _status(base: Path, *args: str) -> dict[str, str]:
    result = _run(base, "status", "--json", *args)
    assert result.returncode == 0, result.stderr
    return {row["input"]: row["status"] for row in json.loads(result.stdout)}


def _report(base: Path, *args: str) -> dict:
    result = _run(base, "all", "--report", str(base / "report.json"), *args)
    assert result.returncode == 0, result.stderr
    return json.loads((base / "report.json").read_text())


def test_status_calls_a_document_with_a_deleted_output_stale(published: Path):
    assert _status(published) == {"notice.txt": "published", "speech.txt": "published"}
    (published / "output" / "speech.md").unlink()
    assert _status(published) == {"notice.txt": "published", "speech.txt": "stale"}
    # ...and the next run agrees: it rebuilds exactly that document.
    report = _report(published)
    assert {d["input"]: d["status"] for d in report["documents"]} == {
        "notice.txt": "unchanged",
        "speech.txt": "published",
    }
    assert _status(published) == {"notice.txt": "published", "speech.txt": "published"}
    # The report records the options of the run, as the fingerprint saw them.
    options = report["run"]["options"]
    assert options["formats"] == ["md", "docx"]
    assert options["style"] == {"docx": "gongwen"}
    assert options["strict"] is False


def test_status_takes_every_option_that_changes_the_outputs(published: Path):
    assert set(_status(published, "--style", "reading").values()) == {"stale"}
    assert set(_status(published, "--skip-rule", "bare-url").values()) == {"stale"}
    assert set(_status(published, "--strict").values()) == {"stale"}
    assert set(_status(published).values()) == {"published"}


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("all", ["--formats LIST", "--style NAME", "--jobs N", "--timeout SECONDS", "--prune",
                 "--settle SECONDS", "--pdf-variant VARIANT", "--tagged-pdf", "--report FILE",
                 "--log-file FILE", "--quiet", "--wait", "--debug", "--rules FILE"]),
        ("file", ["{FILE...}", "--formats LIST", "--jobs N", "--pdf-variant VARIANT", "--rules FILE"]),
        ("status", ["--json", "--formats LIST", "--style NAME", "--rules FILE", "--skip-rule ID",
                    "--strict", "--pdf-variant VARIANT", "--tagged-pdf"]),
        ("clean", ["{FILE}", "--explain", "--rules FILE", "--skip-rule ID"]),
        ("doctor", ["--style NAME"]),
        ("check", ["{FILE}", "--style NAME"]),
    ],
)  # fmt: skip
def test_every_command_lists_its_options(command: str, expected: list[str]):
    result = run_publish(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"Usage: publish {command} [OPTIONS]")
    for option in expected:
        assert option in result.stdout, option
    if command in {"status", "clean", "doctor", "check"}:  # they publish nothing
        assert "--jobs" not in result.stdout and "--force" not in result.stdout


def test_an_option_of_a_format_not_in_the_run_is_refused(tmp_path: Path):
    (tmp_path / "input").mkdir()
    result = _run(tmp_path, "all", "--pdf-variant", "pdf/a-3b")
    assert result.returncode == 2
    assert "--pdf-variant" in result.stderr and "not in --formats" in result.stderr
