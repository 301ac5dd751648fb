"""`publish all --cluster`: the batch on a real Dask cluster (a LocalCluster of 2 worker
processes), with the guarantees of the local run: same outputs, same report and state, every
document published or failed with a reason, a killed worker or a runaway document survived."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CASES, ROOT, run_publish
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
