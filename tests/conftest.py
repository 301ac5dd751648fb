"""Shared fixtures: paths, a one-call pipeline, and documents rendered once per session."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# ../shared beside the checkout (PUBLISH_SHARED points elsewhere, e.g. from a worktree).
SAMPLES = Path(os.environ.get("PUBLISH_SHARED", ROOT.parent / "shared")) / "samples"
CASES = Path(__file__).parent / "cases"
SPEECH_SAMPLE = SAMPLES / "speech-organization-line.txt"
PUBLISH = [sys.executable, "-m", "pipeline"]
# Commands run here, never by a warm `publish serve` a developer left running (test_serve.py
# starts its own, in a socket folder of its own).
os.environ.setdefault("PUBLISH_SERVER", "off")


EPUBCHECK = Path("/usr/share/java/epubcheck.jar")


def _office() -> str | None:
    from pipeline.office import office_binary

    return office_binary()


# Tests that need something outside the checkout carry a marker (registered in pyproject.toml);
# where it is missing they are skipped with the reason, and the run ends with a line per marker
# saying how many such tests ran and how many were skipped.
NEEDS = {
    "shared_samples": (
        lambda: SAMPLES.is_dir(),
        "../shared/samples is not beside this checkout (or set PUBLISH_SHARED)",
    ),
    "libreoffice": (
        lambda: _office() is not None,
        "LibreOffice is not installed (scripts/setup.sh --test installs it)",
    ),
    "epubcheck": (
        lambda: EPUBCHECK.exists() and shutil.which("java") is not None,
        "epubcheck is not installed (scripts/setup.sh --test installs it)",
    ),
    "dask": (
        lambda: importlib.util.find_spec("distributed") is not None,
        "the cluster extra is not installed (pip install '.[cluster]')",
    ),
}
_MARKED: dict[str, set[str]] = {name: set() for name in NEEDS}


def pytest_collection_modifyitems(config, items) -> None:
    present = {name: check() for name, (check, _) in NEEDS.items()}
    for item in items:
        if "published_speech" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.shared_samples)
        for name, (_, reason) in NEEDS.items():
            if item.get_closest_marker(name):
                _MARKED[name].add(item.nodeid)
                if not present[name]:
                    item.add_marker(pytest.mark.skip(reason=reason))


def pytest_terminal_summary(terminalreporter) -> None:
    outcomes: dict[str, str] = {}
    for key in ("passed", "failed", "error", "skipped"):
        for report in terminalreporter.stats.get(key, []):
            if getattr(report, "when", "call") == "call" or key in {"skipped", "error"}:
                outcomes.setdefault(report.nodeid, key)
    for name, nodeids in _MARKED.items():
        if not nodeids:
            continue
        seen = [outcomes[n] for n in nodeids if n in outcomes]
        skipped = seen.count("skipped")
        terminalreporter.write_line(
            f"needs {name}: {len(seen) - skipped} ran, {skipped} skipped"
            + (f" ({NEEDS[name][1]})" if skipped else "")
        )


def need_samples() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside this checkout")
    return SAMPLES


def run_publish(*args: str, cwd: Path | None = None, **kwargs) -> subprocess.CompletedProcess:
    """The real command, in a real process."""
    return subprocess.run(
        [*PUBLISH, *args], cwd=cwd or ROOT, capture_output=True, text=True, timeout=600, **kwargs
    )


def publish_texts(
    base: Path, files: dict[str, str], *args: str
) -> tuple[subprocess.CompletedProcess, Path]:
    """`publish all` on an input folder holding files (name -> text, UTF-8) under base; the
    result and the output folder."""
    folder = base / "input"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, "utf-8")
    out = base / "out"
    return run_publish("all", "-i", str(folder), "-o", str(out), *args), out


@pytest.fixture(scope="session")
def published_speech(tmp_path_factory) -> Path:
    """The seed speech sample published in every format; returns the output folder."""
    if not SPEECH_SAMPLE.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    base = tmp_path_factory.mktemp("speech")
    (base / "input").mkdir()
    shutil.copy(SPEECH_SAMPLE, base / "input" / "speech.txt")
    result = run_publish(
        "all", "-i", str(base / "input"), "-o", str(base / "output"), "--jobs", "1"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


@pytest.fixture(scope="session")
def published_inputs(tmp_path_factory) -> Path:
    """The project's own input/ samples published in every format."""
    base = tmp_path_factory.mktemp("inputs")
    result = run_publish("all", "-i", str(ROOT / "input"), "-o", str(base), "--jobs", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    return base


@pytest.fixture(scope="session")
def published_long(tmp_path_factory) -> Path:
    """A four-page speech of the project's own (the seed's shape), published in every format:
    enough full pages to measure the type grid."""
    base = tmp_path_factory.mktemp("long")
    source = (CASES / "speech-study-session" / "input.txt").read_text("utf-8")
    head, _, rest = source.partition("\n一、")
    body, _, tail = rest.partition("\n　　同志们,")
    (base / "input").mkdir()
    # Each part a little longer than the last, so page breaks fall in different places.
    filler = "\n　　各项工作要细化分解、压实责任、跟踪问效。"
    parts = "".join("\n一、" + body + filler * n for n in range(5))
    (base / "input" / "long.txt").write_text(
        head + parts + "\n　　同志们," + tail, encoding="utf-8"
    )
    result = run_publish("all", "-i", str(base / "input"), "-o", str(base / "output"))
    assert result.returncode == 0, result.stdout + result.stderr
    return base / "output"


def libreoffice_pdf(docx: Path, outdir: Path) -> Path:
    """LibreOffice's own PDF of a DOCX (for tests marked `libreoffice`)."""
    from pipeline.office import office_pdf

    if not _office():
        pytest.fail("LibreOffice is not installed: mark the test @pytest.mark.libreoffice")
    return office_pdf(docx, outdir)


# Every document of the corpus: the shapes of real pages, and the real pages gathered for the
# cleaner (development and validation alike: here they are only typeset, never tuned against).
CORPUS_FOLDERS = (Path(__file__).parent / "corpus", Path(__file__).parent / "realpages")


_NOT_PAGES = {"README.md", "expectations.toml"}


@pytest.fixture(scope="session")
def corpus_inputs(tmp_path_factory) -> Path:
    """The corpus page files in one input folder (their notes and expectations left out)."""
    base = tmp_path_factory.mktemp("corpus-input")
    for folder in CORPUS_FOLDERS:
        for page in folder.rglob("*"):
            if page.is_file() and page.name not in _NOT_PAGES:
                target = base / folder.name / page.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)
    return base


def load_script(name: str):
    """A script of scripts/ as a module (the training scripts of the learned signals)."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script
