"""`publish serve`: a real warm server in a socket folder of the test's own, real runs handed to
it, their outputs, statuses and messages compared with runs made in the calling process."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import CASES, PUBLISH, ROOT


def _env(runtime: Path, **extra: str) -> dict[str, str]:
    return os.environ | {"XDG_RUNTIME_DIR": str(runtime)} | extra


def _publish(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PUBLISH, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A server started in the background, with the environment its commands run in."""
    runtime = tmp_path_factory.mktemp("runtime")
    runtime.chmod(0o700)
    env = _env(runtime)
    started = _publish("serve", "--background", "--idle", "300", env=env)
    assert started.returncode == 0, started.stderr
    yield env
    stopped = _publish("serve", "--stop", env=env)
    assert "stopped" in stopped.stderr
    assert not list((runtime / "publish").glob("*.sock"))


def _inputs(base: Path) -> Path:
    folder = base / "input"
    folder.mkdir(parents=True)
    shutil.copy(CASES / "notice-water-outage" / "input.html", folder / "notice.html")
    shutil.copy(CASES / "speech-study-session" / "input.txt", folder / "speech.txt")
    return folder


def _fonts(path: Path) -> list[str]:
    """The PDF's embedded fonts, their subset tags left out."""
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return sorted(line.split()[0].split("+")[-1] for line in listing.stdout.splitlines()[2:])


def _docx_text(path: Path) -> list[str]:
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


def _notices(tmp_path: Path, count: int) -> Path:
    """An input folder of count long notices: a run that takes a while."""
    folder = tmp_path / "input"
    folder.mkdir()
    text = "关于停水的通知\n\n" + "明天上午停水，请提前储水。" * 400 + "\n"
    for index in range(count):
        (folder / f"notice-{index:02d}.txt").write_text(f"{index}\n{text}", "utf-8")
    return folder


def _started(folder: Path, out: Path, env: dict[str, str]) -> subprocess.Popen:
    """`publish all` on folder, returned once its first document is done."""
    caller = subprocess.Popen(
        [*PUBLISH, "all", "-i", str(folder), "-o", str(out), "--jobs", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert caller.stderr is not None
    assert "published" in caller.stderr.readline()  # the run is under way
    return caller


def _pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_served_run_publishes_what_a_run_here_does(server, tmp_path):
    folder = _inputs(tmp_path)
    formats = ("--formats", "md,pdf,docx,epub")
    here = _publish(
        "all", "-i", str(folder), "-o", str(tmp_path / "here"), *formats,
        env=server | {"PUBLISH_SERVER": "off"},
    )  # fmt: skip
    served = _publish(
        "all", "-i", str(folder), "-o", str(tmp_path / "served"), *formats,
        env=server | {"PUBLISH_SERVER": "require"},
    )  # fmt: skip
    assert here.returncode == served.returncode == 0, served.stderr
    # The run's own lines reach the caller's stderr and stdout (the descriptors were sent).
    assert "published" in served.stderr and "notice.html" in served.stderr
    assert served.stdout.split()[:5] == here.stdout.split()[:5]  # the summary's header
    for stem in ("notice", "speech"):
        for ext in ("md", "pdf", "docx", "epub"):
            assert (tmp_path / "served" / f"{stem}.{ext}").stat().st_size > 0
        md = f"{stem}.md"
        assert (tmp_path / "served" / md).read_bytes() == (tmp_path / "here" / md).read_bytes()
        pdf = f"{stem}.pdf"
        assert _pdf_text(tmp_path / "served" / pdf) == _pdf_text(tmp_path / "here" / pdf)
        assert _fonts(tmp_path / "served" / pdf) == _fonts(tmp_path / "here" / pdf)
        docx = f"{stem}.docx"
        assert _docx_text(tmp_path / "served" / docx) == _docx_text(tmp_path / "here" / docx)
    # Incremental as ever: the second served run finds everything current.
    again = _publish(
        "all", "-i", str(folder), "-o", str(tmp_path / "served"), *formats,
        env=server | {"PUBLISH_SERVER": "require"},
    )  # fmt: skip
    assert again.returncode == 0
    assert "unchanged" in again.stdout


def test_doctor_says_whether_a_server_takes_the_commands(server, tmp_path):
    running = _publish("doctor", env=server)
    assert "warm server: runs (" in running.stdout
    elsewhere = _publish("doctor", env=_env(tmp_path))
    assert "warm server: none" in elsewhere.stdout


def test_statuses_and_reasons_come_back_as_from_a_run_here(server, tmp_path):
    missing = tmp_path / "no-such-folder"
    run = _publish("all", "-i", str(missing), env=server | {"PUBLISH_SERVER": "require"})
    here = _publish("all", "-i", str(missing), env=server | {"PUBLISH_SERVER": "off"})
    assert run.returncode == here.returncode == 2
    assert str(missing) in run.stderr and run.stderr == here.stderr
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 not text \xff\xfe" * 50)
    (folder / "fine.txt").write_text("关于停水的通知\n\n明天上午停水，请提前储水。\n", "utf-8")
    out = tmp_path / "out"
    failed = _publish("all", "-i", str(folder), "-o", str(out), "-q",
                      env=server | {"PUBLISH_SERVER": "require"})  # fmt: skip
    assert failed.returncode == 1
    assert "broken.txt" in failed.stderr
    assert (out / "fine.pdf").is_file()


def test_a_server_of_another_environment_is_not_used(server, tmp_path):
    other = server | {"PUBLISH_SERVER": "require", "TZ": "Asia/Shanghai"}
    if server.get("TZ") == "Asia/Shanghai":
        other["TZ"] = "UTC"
    run = _publish("all", "-i", str(tmp_path), env=other)
    assert run.returncode == 2 and "no warm server answers" in run.stderr
    # Without require, the command runs here.
    here = _publish("all", "-i", str(tmp_path), "-o", str(tmp_path / "out"),
                    env=other | {"PUBLISH_SERVER": ""})  # fmt: skip
    assert here.returncode == 0, here.stderr


def test_a_socket_folder_others_can_enter_is_never_used(tmp_path):
    runtime = tmp_path / "runtime"
    (runtime / "publish").mkdir(parents=True)
    (runtime / "publish").chmod(0o755)
    env = _env(runtime)
    refused = _publish("serve", "--background", "--idle", "5", env=env)
    assert refused.returncode == 2 and "private folder" in refused.stderr
    run = _publish("all", "-i", str(tmp_path), env=env | {"PUBLISH_SERVER": "require"})
    assert run.returncode == 2 and "no warm server answers" in run.stderr


def test_a_second_server_for_the_same_code_is_refused(server):
    second = _publish("serve", "--background", env=server)
    assert second.returncode == 2 and "runs already" in second.stderr


def test_a_server_stops_when_idle(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = _env(runtime)
    assert _publish("serve", "--background", "--idle", "1", env=env).returncode == 0
    deadline = time.monotonic() + 60
    while list((runtime / "publish").glob("*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not list((runtime / "publish").glob("*.sock"))
    assert "no server runs" in _publish("serve", "--stop", env=env).stderr


def test_interrupting_the_caller_stops_the_served_run(server, tmp_path):
    out = tmp_path / "out"
    caller = _started(_notices(tmp_path, 40), out, server | {"PUBLISH_SERVER": "require"})
    caller.send_signal(2)  # SIGINT, as Ctrl-C
    _, rest = caller.communicate(timeout=120)
    assert caller.returncode == 130, rest
    assert "interrupted" in rest
    published = len(list(out.glob("*.pdf")))
    assert 1 <= published < 40


def test_a_caller_killed_stops_its_served_run(server, tmp_path, monkeypatch):
    """A caller that cannot pass anything on (SIGKILL): the server sees its connection close
    and stops the run as for SIGTERM; what was placed stays."""
    import signal

    from pipeline.serve import running_server

    monkeypatch.setenv("XDG_RUNTIME_DIR", server["XDG_RUNTIME_DIR"])
    server_pid, _ = running_server()
    assert server_pid
    out = tmp_path / "out"
    caller = _started(_notices(tmp_path, 40), out, server | {"PUBLISH_SERVER": "require"})
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    assert children.read_text().split(), "the run is the server's child"
    caller.send_signal(signal.SIGKILL)
    caller.communicate(timeout=60)
    deadline = time.monotonic() + 120
    while children.read_text().split() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not children.read_text().split(), "the run went on without its caller"
    assert 1 <= len(list(out.glob("*.pdf"))) < 40


def test_every_corpus_document_cleans_the_same_served(server, corpus_inputs, tmp_path):
    """The server's warm state (compiled rules, caches of every cleaning and heading module)
    changes nothing: the Markdown of every corpus page is byte-equal to a run made here."""
    outputs = {}
    for mode in ("off", "require"):
        out = tmp_path / mode
        run = _publish("all", "-i", str(corpus_inputs), "-o", str(out), "--formats", "md",
                       "--jobs", "2", "-q", env=server | {"PUBLISH_SERVER": mode})  # fmt: skip
        assert run.returncode in (0, 1), run.stderr  # a refused listing page fails alone
        outputs[mode] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*.md")}
    assert len(outputs["off"]) >= 300
    assert outputs["require"] == outputs["off"]


def test_a_run_takes_on_the_callers_tighter_limits():
    """What `nice publish all` or a tighter ulimit asks of a run holds for a served one too:
    the fork takes on the caller's niceness, CPUs and resource limits where they are tighter."""
    import resource

    from pipeline import served

    limits = served.process_limits()
    limits["nice"] += 3
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    limits["rlimits"]["RLIMIT_NOFILE"] = (min(soft, 200), min(hard, 300))
    limits["rlimits"]["RLIMIT_CPU"] = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the server's run is a fork too
        try:
            served.apply_limits(limits)
            seen = (
                os.getpriority(os.PRIO_PROCESS, 0),
                *resource.getrlimit(resource.RLIMIT_NOFILE),
                *resource.getrlimit(resource.RLIMIT_CPU),
            )
            os.write(write, json.dumps(seen).encode())
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    seen = tuple(json.loads(os.read(read, 200)))
    os.close(read)
    own_cpu = resource.getrlimit(resource.RLIMIT_CPU)
    assert seen == (limits["nice"], min(soft, 200), min(hard, 300), *own_cpu)


def test_start_runs_here_and_leaves_a_server_for_the_next_command(tmp_path):
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = _env(runtime)
    folder = _inputs(tmp_path)
    first = _publish("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md",
                     env=env | {"PUBLISH_SERVER": "start"})  # fmt: skip
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "out" / "notice.md").is_file()
    deadline = time.monotonic() + 60
    while not list(runtime.glob("publish/*.sock")) and time.monotonic() < deadline:
        time.sleep(0.2)
    try:
        (folder / "speech.txt").write_text("关于停电的通知\n\n明天停电。\n", "utf-8")
        second = _publish("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats",
                          "md", env=env | {"PUBLISH_SERVER": "require"})  # fmt: skip
        assert second.returncode == 0, second.stderr
        assert "停电" in (tmp_path / "out" / "speech.md").read_text("utf-8")
    finally:
        assert "stopped" in _publish("serve", "--stop", env=env).stderr


def test_a_run_the_server_lost_is_finished_here(server, tmp_path, monkeypatch):
    """The served run killed from outside: the caller says so and runs the command itself,
    which finds the documents the lost run placed and publishes the rest."""
    import signal

    from pipeline.serve import running_server

    monkeypatch.setenv("XDG_RUNTIME_DIR", server["XDG_RUNTIME_DIR"])
    server_pid, _ = running_server()
    assert server_pid
    out = tmp_path / "out"
    caller = _started(_notices(tmp_path, 12), out, server | {"PUBLISH_SERVER": ""})
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children").read_text().split()
    assert children, "the run is the server's child"
    for child in children:
        os.kill(int(child), signal.SIGKILL)
    _, rest = caller.communicate(timeout=300)
    assert caller.returncode == 0, rest
    assert "ended without a status; running here" in rest
    assert len(list(out.glob("*.pdf"))) == 12
