"""Unattended operation: crashes, runaway inputs, odd files, untrusted content."""

from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import threading
import time
import zipfile
from pathlib import Path
from typing import ClassVar

import pytest
from docx import Document as open_docx
from pypdf import PdfReader

from conftest import CASES, PUBLISH, ROOT, run_publish

SPEECH = CASES / "speech-study-session" / "input.txt"


def _inputs(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    text = SPEECH.read_text("utf-8")
    for index in range(count):
        (folder / f"doc-{index}.txt").write_text(
            text.replace("交流发言", f"交流发言{index}"), "utf-8"
        )


def _publications(output: Path, pattern: str) -> list[Path]:
    """Outputs a reader can see (output/.publish/ is the tool's own scratch space)."""
    return [p for p in output.rglob(pattern) if ".publish" not in p.relative_to(output).parts]


def _assert_outputs_whole(output: Path) -> None:
    for pdf in _publications(output, "*.pdf"):
        assert len(PdfReader(pdf).pages) >= 1, pdf
    for docx in _publications(output, "*.docx"):
        open_docx(docx)
    for epub in _publications(output, "*.epub"):
        with zipfile.ZipFile(epub) as archive:
            assert archive.testzip() is None, epub


def test_kill_9_mid_run_then_rerun_repairs(tmp_path: Path):
    _inputs(tmp_path / "input", 8)
    output = tmp_path / "output"
    process = subprocess.Popen(
        [*PUBLISH, "all", "-i", str(tmp_path / "input"), "-o", str(output), "--jobs", "2"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(output.glob("*.pdf")):
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the runner and its workers, mid-batch
    process.wait()
    finished = list(output.glob("*.pdf"))
    assert 0 < len(finished) < 8, "the run should have been killed mid-batch"
    _assert_outputs_whole(output)  # renamed into place whole, or not there

    result = run_publish("all", "-i", str(tmp_path / "input"), "-o", str(output), "--report",
                         str(tmp_path / "report.json"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["run"]["totals"]["failed"] == 0
    assert report["run"]["totals"]["published"] + report["run"]["totals"]["unchanged"] == 8
    assert report["run"]["totals"]["published"] >= 8 - len(finished)
    assert list((output / ".publish" / "tmp").iterdir()) == []
    _assert_outputs_whole(output)
    status = run_publish("status", "--json", "-i", str(tmp_path / "input"), "-o", str(output))
    assert {row["status"] for row in json.loads(status.stdout)} == {"published"}


def test_runaway_document_times_out_alone(tmp_path: Path):
    _inputs(tmp_path / "input", 2)
    (tmp_path / "input" / "pathological.txt").write_text("标题\n\n" + "a" * 40 + "c\n", "utf-8")
    rules = tmp_path / "slow.toml"
    rules.write_text(
        '[[rule]]\nid = "backtracks"\naction = "drop-line"\nwhere = "anywhere"\n'
        "pattern = '''(?:a+)+b'''\nwhy = \"catastrophic on purpose\"\n"
        'examples.match = ["ab"]\nexamples.keep = ["c"]\n',
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run_publish("all", "-i", str(tmp_path / "input"), "-o", str(tmp_path / "out"),
                         "--formats", "md", "--rules", str(rules), "--timeout", "3")  # fmt: skip
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert "FAILED pathological.txt: timed out after 3 s" in result.stderr
    assert (tmp_path / "out" / "doc-0.md").exists() and (tmp_path / "out" / "doc-1.md").exists()


def test_huge_file_fails_with_a_reason(tmp_path: Path):
    folder = tmp_path / "input"
    _inputs(folder, 1)
    with open(folder / "huge.txt", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB (sparse: cheap to make)
    result = run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md")
    assert result.returncode == 1
    assert "FAILED huge.txt: too large (50 MB" in result.stderr
    assert (tmp_path / "out" / "doc-0.md").exists()


def test_settle_and_symlinks(tmp_path: Path):
    folder = tmp_path / "input"
    _inputs(folder, 1)
    outside = tmp_path / "secret.txt"
    outside.write_text("机密\n\n不应发布的内容。\n", "utf-8")
    (folder / "link.txt").symlink_to(outside)
    (folder / "fresh.txt").write_text("新文件\n\n刚刚写入。\n", "utf-8")
    old = time.time() - 120
    os.utime(folder / "doc-0.txt", (old, old))
    report = tmp_path / "report.json"
    run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md",
                "--settle", "60", "--report", str(report))  # fmt: skip
    documents = {d["input"]: d for d in json.loads(report.read_text())["documents"]}
    assert documents["doc-0.txt"]["status"] == "published"
    assert documents["fresh.txt"]["status"] == "skipped"
    assert "still being written" in documents["fresh.txt"]["error"]
    assert documents["link.txt"]["status"] == "skipped"
    assert "out of the input folder" in documents["link.txt"]["error"]
    assert not (tmp_path / "out" / "link.md").exists()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self):
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body{background:url(/css-bg.png)}")

    def log_message(self, *args):
        pass


@pytest.fixture
def http_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Recorder.requests = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_untrusted_content_stays_inert(tmp_path: Path, http_server: str):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "page.html").write_text(
        f"""<html><head><title>测试页面</title><link rel="stylesheet" href="{http_server}/a.css">
        <script src="{http_server}/a.js"></script></head><body><article>
        <h1>测试页面</h1><p>正文第一段，内容足够长，让正文提取器认为这里是正文。这里还有更多的文字内容。</p>
        <img src="{http_server}/b.png"><img src="file:///etc/passwd">
        <p style="background:url({http_server}/c.png)">第二段正文，同样是普通的文字内容，没有任何特别之处。</p>
        <script>fetch("{http_server}/d")</script></article></body></html>""",
        encoding="utf-8",
    )
    (folder / "edited.md").write_text(
        f"---\ntitle: 手工编辑\nlang: zh-CN\n---\n\n正文。\n\n![x]({http_server}/e.png)\n\n"
        f'![y](file:///etc/passwd)\n\n<img src="{http_server}/f.png">\n\n'
        f"[链接]({http_server}/g)\n",
        encoding="utf-8",
    )
    (folder / "text.txt").write_text(
        f"标题\n\n正文里有一张图：![z]({http_server}/h.png) 和 file:///etc/passwd 的引用。\n"
        f'<script src="{http_server}/i.js"></script>\n',
        encoding="utf-8",
    )
    result = run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert _Recorder.requests == []
    for path in (p for p in (tmp_path / "out").rglob("*.*") if p.is_file()):
        data = path.read_bytes()
        if path.suffix in {".docx", ".epub"}:
            with zipfile.ZipFile(path) as archive:
                data = b"".join(archive.read(n) for n in archive.namelist())
        assert b"root:x:0:0" not in data, path
