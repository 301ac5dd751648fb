"""`publish all --cluster`: the batch on a real Dask cluster (a LocalCluster of 2 worker
processes), with the guarantees of the local run: same outputs, same report and state, every
document published or failed with a reason, a killed worker or a runaway document survived."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CASES, PUBLISH, ROOT, run_publish
from pipeline.cluster import Cluster, parse_cluster
from pipeline.errors import OptionError

SPEECH = CASES / "speech-study-session" / "input.txt"
UNREACHABLE = "tcp://127.0.0.1:9"  # nothing listens there: a run that contacts it fails


@pytest.fixture(scope="module")
def dask_cluster():
    """A real LocalCluster of 2 worker processes (one thread each); yields (address, client)."""
    distributed = pytest.importorskip("distributed", reason="needs publish[cluster]")
    cluster = distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    )
    try:
        client = distributed.Client(cluster)
        try:
            yield cluster.scheduler_address, client
        finally:
            client.close()
    finally:
        cluster.close()


def publish_on(address: str, *args: str) -> subprocess.CompletedProcess:
    return run_publish(*args, env={**os.environ, "PUBLISH_CLUSTER": address})


def _inputs(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = SPEECH.read_text("utf-8")
    for index in range(count):
        (folder / f"doc-{index}.txt").write_text(
            text.replace("交流发言", f"交流发言{index}"), "utf-8"
        )


# ---------------------------------------------------------------- outputs compared by content


def _pdf_content(path: Path) -> tuple[list[str], set[str]]:
    reader = PdfReader(path)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return [page.extract_text() for page in reader.pages], fonts


# What differs between two runs of the same document on the same machine: the EPUB's package
# metadata (a fresh identifier and the modification time).
_RUN_STAMPED = {"EPUB/content.opf", "EPUB/toc.ncx", "docProps/core.xml"}


def _zip_content(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n not in _RUN_STAMPED}


def _same_content(a: Path, b: Path) -> None:
    def listed(root: Path) -> list[Path]:
        return sorted(
            p.relative_to(root)
            for p in root.rglob("*.*")
            if ".publish" not in p.parts and "_library" not in p.parts
        )

    names = listed(a)
    assert names == listed(b)
    assert names, "nothing was published"
    for name in names:
        if name.suffix == ".md":
            assert (a / name).read_bytes() == (b / name).read_bytes(), name
        elif name.suffix == ".pdf":
            assert _pdf_content(a / name) == _pdf_content(b / name), name
        elif name.suffix in {".docx", ".epub"}:
            assert _zip_content(a / name) == _zip_content(b / name), name
        elif name.suffix == ".html" and name.name != "index.html":
            assert _page_content(a / name) == _page_content(b / name), name
    # The library's shared fonts are cut into files in the order pages were finished, which
    # differs from one executor to another: the characters each face's files hold do not.
    assert _font_chars(a) == _font_chars(b)


def _page_content(page: Path) -> str:
    """An HTML page without its fonts block (file names depend on the order of the run)."""
    return re.sub(r'<style id="publish-fonts">.*?</style>', "", page.read_text("utf-8"), flags=re.S)


def _font_chars(output: Path) -> dict[str, set[str]]:
    chars: dict[str, set[str]] = {}
    for listing in (output / "_library" / "fonts").glob("*.txt"):
        chars.setdefault(listing.name.split("-")[0], set()).update(listing.read_text("utf-8"))
    return chars


def _state(output: Path) -> list[dict]:
    with sqlite3.connect(output / ".publish" / "state.db") as db:
        db.row_factory = sqlite3.Row
        rows = [dict(r) for r in db.execute("SELECT * FROM documents ORDER BY 1")]
    for row in rows:  # what a second run on the same machine would change too
        for column in ("seconds", "updated"):
            row.pop(column, None)
    return rows


def _report(path: Path) -> tuple[dict, list[dict]]:
    data = json.loads(path.read_text("utf-8"))
    documents = [{k: v for k, v in d.items() if k != "seconds"} for d in data["documents"]]
    return {k: type(v).__name__ for k, v in data["run"].items()} | {
        "totals": data["run"]["totals"]
    }, documents


@pytest.fixture(scope="module")
def local_and_cluster(dask_cluster, tmp_path_factory) -> tuple[Path, Path]:
    """The project's input/ published locally and on the cluster; returns both bases."""
    base = tmp_path_factory.mktemp("cluster")
    address, _ = dask_cluster
    local = run_publish("all", "-i", str(ROOT / "input"), "-o", str(base / "local"),
                        "--jobs", "2", "--report", str(base / "local.json"))  # fmt: skip
    assert local.returncode == 0, local.stderr
    remote = publish_on(address, "all", "-i", str(ROOT / "input"), "-o", str(base / "remote"),
                        "--report", str(base / "remote.json"))  # fmt: skip
    assert remote.returncode == 0, remote.stderr
    assert "published notice-water-outage.html" in remote.stderr
    return base


@pytest.mark.dask
def test_outputs_report_and_state_are_those_of_the_local_run(local_and_cluster: Path):
    base = local_and_cluster
    _same_content(base / "local", base / "remote")
    assert _report(base / "local.json") == _report(base / "remote.json")
    assert _state(base / "local") == _state(base / "remote")


@pytest.mark.dask
def test_a_second_run_is_all_unchanged_without_contacting_the_cluster(
    local_and_cluster: Path, tmp_path: Path
):
    shutil.copytree(local_and_cluster / "remote", tmp_path / "out")
    report = tmp_path / "report.json"
    result = publish_on(UNREACHABLE, "all", "-i", str(ROOT / "input"), "-o",
                        str(tmp_path / "out"), "--report", str(report))  # fmt: skip
    assert result.returncode == 0, result.stderr
    totals = json.loads(report.read_text())["run"]["totals"]
    assert totals == {"published": 0, "unchanged": 3, "failed": 0, "skipped": 0}
    # ...and a run with work to do does contact it: the address above is really unreachable.
    (tmp_path / "new").mkdir()
    shutil.copy(SPEECH, tmp_path / "new" / "speech.txt")
    result = run_publish("all", "-i", str(tmp_path / "new"), "-o", str(tmp_path / "out2"),
                         "--formats", "md", env={**os.environ, "PUBLISH_CLUSTER": UNREACHABLE,
                         "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})  # fmt: skip
    assert result.returncode == 2
    assert "cannot reach the scheduler" in result.stderr


@pytest.mark.dask
def test_a_worker_killed_mid_run_and_the_run_still_completes(dask_cluster, tmp_path: Path):
    address, client = dask_cluster
    _inputs(tmp_path / "input", 10)
    output = tmp_path / "output"
    report = tmp_path / "report.json"
    victim = next(iter(client.run(os.getpid).values()))
    run = subprocess.Popen(
        [*PUBLISH, "all", "-i", str(tmp_path / "input"), "-o", str(output),
         "--formats", "md,pdf", "--report", str(report)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PUBLISH_CLUSTER": address},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(output.glob("*.pdf")):
            time.sleep(0.05)
        assert list(output.glob("*.pdf")), "nothing was published"
        os.kill(victim, signal.SIGKILL)  # a worker process, in the middle of the batch
        _, stderr = run.communicate(timeout=300)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 0, stderr
    documents = json.loads(report.read_text())["documents"]
    assert {d["status"] for d in documents} == {"published"}
    assert len(documents) == 10
    assert all((output / f"doc-{i}.pdf").exists() for i in range(10))
    assert victim not in client.run(os.getpid).values()


def _scheduler_tasks(dask_scheduler) -> int:
    return len(dask_scheduler.tasks)


@pytest.mark.dask
def test_ctrl_c_cancels_what_was_submitted_and_the_next_run_finishes(dask_cluster, tmp_path: Path):
    address, client = dask_cluster
    _inputs(tmp_path / "input", 10)
    output = tmp_path / "output"
    run = subprocess.Popen(
        [*PUBLISH, "all", "-i", str(tmp_path / "input"), "-o", str(output), "--formats", "md,pdf"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PUBLISH_CLUSTER": address},
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not list(output.glob("*.pdf")):
            time.sleep(0.05)
        run.send_signal(signal.SIGINT)
        _, stderr = run.communicate(timeout=120)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert run.returncode == 130, stderr
    assert "interrupted; the next run finishes" in stderr
    finished = len(list(output.glob("*.pdf")))
    assert 0 < finished < 10
    deadline = time.monotonic() + 60  # nothing of that run goes on on the cluster
    while client.run_on_scheduler(_scheduler_tasks) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert client.run_on_scheduler(_scheduler_tasks) == 0
    report = tmp_path / "report.json"
    result = publish_on(address, "all", "-i", str(tmp_path / "input"), "-o", str(output),
                        "--formats", "md,pdf", "--report", str(report))  # fmt: skip
    assert result.returncode == 0, result.stderr
    totals = json.loads(report.read_text())["run"]["totals"]
    assert totals["published"] + totals["unchanged"] == 10 and totals["failed"] == 0
    assert totals["unchanged"] >= finished - 1  # one may be in place, its record not yet


@pytest.mark.dask
def test_a_runaway_document_fails_alone_and_bad_inputs_fail_with_their_reason(
    dask_cluster, tmp_path: Path
):
    address, _ = dask_cluster
    folder = tmp_path / "input"
    _inputs(folder, 4)
    (folder / "pathological.txt").write_text("标题\n\n" + "a" * 40 + "c\n", "utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    rules = tmp_path / "slow.toml"
    rules.write_text(
        '[[rule]]\nid = "backtracks"\naction = "drop-line"\nwhere = "anywhere"\n'
        "pattern = '''(?:a+)+b'''\nwhy = \"catastrophic on purpose\"\n"
        'examples.match = ["ab"]\nexamples.keep = ["c"]\n',
        encoding="utf-8",
    )
    result = publish_on(address, "all", "-i", str(folder), "-o", str(tmp_path / "out"),
                        "--formats", "md", "--rules", str(rules), "--timeout", "3")  # fmt: skip
    assert result.returncode == 1
    assert "FAILED pathological.txt: timed out after 3 s" in result.stderr
    assert "FAILED empty.txt: empty file" in result.stderr
    assert "FAILED binary.txt: not a text file" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").glob("*.md")) == [
        f"doc-{i}.md" for i in range(4)
    ]


@pytest.mark.dask
def test_doctor_runs_on_every_worker(dask_cluster):
    address, client = dask_cluster
    result = run_publish("doctor", "--cluster", address)
    assert result.returncode == 0, result.stdout + result.stderr
    for worker in client.nthreads():
        assert f"ok      worker {worker}" in result.stdout


@pytest.mark.dask
def test_doctor_names_the_worker_that_lacks_fonts(tmp_path: Path):
    distributed = pytest.importorskip("distributed", reason="needs publish[cluster]")
    no_fonts = tmp_path / "fonts.conf"
    no_fonts.write_text('<?xml version="1.0"?><fontconfig></fontconfig>\n', "utf-8")
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                       dashboard_address=":0", silence_logs=logging.ERROR)  # fmt: skip
    lacking = None
    try:
        lacking = subprocess.Popen(
            [sys.executable, "-m", "distributed.cli.dask_worker", cluster.scheduler_address,
             "--nthreads", "1", "--no-dashboard", "--name", "lacking"],
            env={**os.environ, "FONTCONFIG_FILE": str(no_fonts)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        with distributed.Client(cluster) as client:
            client.wait_for_workers(2, timeout=60)
            names = {w["name"]: a for a, w in client.scheduler_info()["workers"].items()}
        result = run_publish("doctor", "--cluster", cluster.scheduler_address)
        assert result.returncode == 2
        assert f"PROBLEM worker {names['lacking']}" in result.stdout
        assert "MISSING" in result.stdout
        good = next(a for n, a in names.items() if n != "lacking")
        assert f"ok      worker {good}" in result.stdout
    finally:
        if lacking is not None:
            lacking.terminate()
            try:
                lacking.wait(timeout=30)
            except subprocess.TimeoutExpired:
                lacking.kill()
                lacking.wait()
        cluster.close()


# ---------------------------------------------------------------- without a cluster


def test_a_run_without_the_option_never_imports_dask(tmp_path: Path):
    shutil.copytree(ROOT / "input", tmp_path / "input")
    script = (
        "import sys\nfrom pipeline.cli import app\n"
        "try:\n    app(['all', '-i', sys.argv[1], '-o', sys.argv[2], '--formats', 'md'])\n"
        "except SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'dask', 'distributed'})\n"
        "assert not loaded, loaded\nprint('no dask')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PUBLISH_CLUSTER"}
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "input"), str(tmp_path / "out")],
        cwd=ROOT, capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "no dask"
    assert (tmp_path / "out" / "speech-study-session.md").exists()


def test_cluster_addresses():
    assert parse_cluster("local:2") == Cluster(local_workers=2)
    assert parse_cluster("tcp://10.0.0.5:8786") == Cluster(scheduler="tcp://10.0.0.5:8786")
    assert parse_cluster("sched.example:8786").scheduler == "tcp://sched.example:8786"
    assert parse_cluster("tls://[::1]:8786").scheduler == "tls://[::1]:8786"
    for bad in ("local:0", "local:x", "http://h:80", "tcp://h", "h:99999", ""):
        with pytest.raises(OptionError, match="--cluster"):
            parse_cluster(bad)


def test_a_bad_cluster_address_is_a_usage_error(tmp_path: Path):
    result = run_publish("all", "-i", str(ROOT / "input"), "-o", str(tmp_path / "out"),
                         "--cluster", "local:none")  # fmt: skip
    assert result.returncode == 2
    assert "--cluster" in result.stderr and "local:none" in result.stderr
