"""Hostile or unlucky drop folders: no local file leaks into an output, no runaway pandoc, no
single file stops the batch, no dead run holds the lock, no two inputs share an output.

Every run here is a real `publish` process in a session of its own, so the test can see every
process it started (workers, pandoc) by session id and prove none outlives the run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CASES, PUBLISH, ROOT, run_publish

SPEECH = CASES / "speech-study-session" / "input.txt"
# 8 KB of "[": pandoc's time grows faster than the square of the depth (minutes here)
NESTED = "[" * 8000
GUARD = 120  # seconds: a generous guard against hangs, never a speed assertion


# ---------------------------------------------------------------- helpers


def _session(sid: int) -> list[int]:
    """Live processes (not zombies) of session sid."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()  # state ppid pgrp session ...
        if int(fields[3]) == sid and fields[0] != "Z":
            pids.append(int(entry))
    return pids


def _wait_session_empty(sid: int, seconds: float = 10) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := _session(sid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def _kill_session(sid: int) -> None:
    for pid in _session(sid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _start(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*PUBLISH, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip


def _run(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """A run in a session of its own; asserts that nothing it started outlives it."""
    process = subprocess.Popen(
        [*prefix, *PUBLISH, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True,
    )  # fmt: skip
    try:
        out, err = process.communicate(timeout=GUARD)
    finally:
        left = _wait_session_empty(process.pid)
        _kill_session(process.pid)
        process.kill()
    assert left == [], f"processes outlived the run: {left}"
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def _all_bytes(output: Path) -> bytes:
    """Every byte a reader of the outputs could get at: DOCX and EPUB unzipped, PDF streams
    decompressed."""
    chunks = []
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        data = path.read_bytes()
        chunks.append(data)
        if path.suffix in {".docx", ".epub"}:
            with zipfile.ZipFile(path) as archive:
                chunks += [archive.read(name) for name in archive.namelist()]
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            for number in range(1, len(reader.xref_objStm) + 2000):
                try:
                    obj = reader.get_object(number)
                except Exception:
                    continue
                if hasattr(obj, "get_data"):
                    try:
                        chunks.append(obj.get_data())
                    except Exception:
                        pass
            chunks += [page.extract_text().encode() for page in reader.pages]
    return b"\n".join(chunks)


def _speech_input(folder: Path, name: str = "good.txt") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    shutil.copy(SPEECH, target)
    return target


# ---------------------------------------------------------------- untrusted Markdown is data


def test_markdown_front_matter_and_body_never_read_local_files(tmp_path: Path):
    secret = f"SENTINEL-{uuid.uuid4().hex}"
    sentinel = tmp_path / "secret.css"  # outside input/
    sentinel.write_text(f"body {{ color: red }} /* {secret} */\n{secret}\n", "utf-8")
    folder = tmp_path / "input"
    folder.mkdir()
    relative = os.path.relpath(sentinel, folder)
    front = "---\ntitle: 测试{n}\nlang: zh-CN\n{extra}\n---\n\n正文内容一段，足够长的一句话。\n"
    attacks = {
        "css": f"css: {sentinel}",
        "stylesheet": f"stylesheet: {sentinel}",
        "relative": f"css: {relative}",
        "environ": "css: /proc/self/environ",
        "cover": f"epub-cover-image: {sentinel}\ncover-image: {sentinel}",
        "includes": f'header-includes: \'<link rel="stylesheet" href="{sentinel}">\'\n'
        f"include-before: '![x]({sentinel})'",
        "template": f"template: {sentinel}\nreference-doc: {sentinel}\nepub-fonts: [{sentinel}]",
        "title-image": f"subtitle: '![x]({sentinel})'",
    }
    for number, (name, extra) in enumerate(attacks.items()):
        (folder / f"{name}.md").write_text(front.format(n=number, extra=extra), "utf-8")
    # A second YAML block further down the body, an image, a CSS url() in an attribute.
    (folder / "second-block.md").write_text(
        "---\ntitle: 第二块\nlang: zh-CN\n---\n\n正文。\n\n---\n"
        f"css: {sentinel}\nstylesheet: {sentinel}\n---\n\n后文。\n\n"
        f'![图]({sentinel})\n\n[文字]{{style="background:url(file://{sentinel})"}}\n\n'
        f'<link rel="stylesheet" href="{sentinel}">\n',
        "utf-8",
    )
    env_before = os.environ.get("PUBLISH_TEST_SECRET")
    os.environ["PUBLISH_TEST_SECRET"] = secret  # what /proc/self/environ would show
    try:
        result = _run("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2")
    finally:
        if env_before is None:
            del os.environ["PUBLISH_TEST_SECRET"]
    assert result.returncode == 0, result.stderr
    assert "front matter key 'css' is not used; dropped" in result.stderr
    outputs = list((tmp_path / "out").glob("*.epub"))
    assert len(outputs) == len(attacks) + 1
    everything = _all_bytes(tmp_path / "out")
    assert secret.encode() not in everything
    assert b"root:x:0:0" not in everything
    # The validated metadata still reaches the outputs.
    with zipfile.ZipFile(tmp_path / "out" / "css.epub") as archive:
        assert "测试0" in archive.read("EPUB/content.opf").decode()
        assert "publish-body" in archive.read("EPUB/styles/stylesheet1.css").decode()
    intermediate = (tmp_path / "out" / "second-block.md").read_text("utf-8")
    assert intermediate.startswith("---\ntitle: 第二块\nlang: zh-CN\n---\n")


def test_front_matter_alias_bomb_and_broken_yaml_fail_alone(tmp_path: Path):
    folder = tmp_path / "input"
    _speech_input(folder)
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [
        f"{c}: &{c} [{', '.join(['*' + p] * 9)}]"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    ]
    (folder / "bomb.md").write_text(
        "---\nlang: zh-CN\n" + "\n".join(levels) + "\ntitle: *i\n---\n\n正文。\n", "utf-8"
    )
    (folder / "broken.md").write_text("---\ntitle: [\nlang: zh-CN\n---\n\n正文。\n", "utf-8")
    (folder / "list.md").write_text("---\n- a\n- b\n---\n\n正文。\n", "utf-8")
    result = _run("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md")
    assert result.returncode == 1
    assert "FAILED bomb.md: front matter is not valid YAML: more than 16 aliases" in result.stderr
    assert "FAILED broken.md: front matter is not valid YAML" in result.stderr
    assert "FAILED list.md: front matter is not a mapping" in result.stderr
    assert not (tmp_path / "out" / "broken.md").exists()  # not published as body text
    assert (tmp_path / "out" / "good.md").exists()


def test_front_matter_block_scalars_give_one_line_values():
    """An archiver's 'author: |' block scalar ends in a line break; left in, the EPUB's title
    page nests a paragraph in the author's paragraph, which epubcheck refuses."""
    from pipeline import frontmatter

    meta, _ = frontmatter.parse("title: |\n  标题 - 站点\nauthor: |\n  某人 关注\n")
    assert meta == {"title": "标题 - 站点", "author": "某人 关注"}


def test_css_url_in_markdown_is_refused_not_an_error(tmp_path: Path):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "styled.md").write_text(
        "---\ntitle: 样式\nlang: zh-CN\n---\n\n"
        '正文[内容]{style="background:url(http://127.0.0.1:9/x.png)"}一段。\n',
        "utf-8",
    )
    result = _run("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md,pdf")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "out" / "styled.pdf").pages) == 1


# ---------------------------------------------------------------- bounded children


def test_runaway_pandoc_is_killed_with_its_document(tmp_path: Path):
    folder = tmp_path / "input"
    _speech_input(folder)
    (folder / "nested.md").write_text(
        "---\ntitle: 嵌套\nlang: zh-CN\n---\n\n" + NESTED + "正文\n", "utf-8"
    )
    result = _run("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--timeout", "15",
                  "--formats", "md,docx")  # fmt: skip
    assert result.returncode == 1
    assert "FAILED nested.md: " in result.stderr and "timed out after 15 s" in result.stderr, (
        result.stderr
    )
    assert (tmp_path / "out" / "good.docx").exists()


def test_pandoc_runs_under_a_heap_limit(tmp_path: Path):
    """+RTS -M: a document that needs more heap than the limit fails with that reason."""
    code = (
        "from pipeline.render import pandoc\n"
        "from pipeline.document import PublishError\n"
        "pandoc.set_limits(memory_mb=16)\n"
        "try:\n"
        "    pandoc.convert('---\\ntitle: x\\n---\\n\\n' + '- ' * 20000 + 'x\\n', 'html5')\n"
        "except PublishError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=GUARD
    )
    assert "pandoc (html5) ran out of memory (limit 16 MB)" in result.stdout, result.stderr


# ---------------------------------------------------------------- discovery never dies


def _bad_folder(base: Path) -> Path:
    folder = base / "input"
    _speech_input(folder)
    _speech_input(folder / "sub", "good2.txt")
    (folder / "self.txt").symlink_to("self.txt")  # a loop
    os.mkfifo(folder / "x.txt")
    shutil.copy(SPEECH, os.fsencode(folder) + b"/bad\xff.txt")
    # A name that would forge a line of the log (and a terminal escape in another).
    _speech_input(folder, "forged\nFAILED other.txt")
    _speech_input(folder, "escape\x1b[2J.txt")
    _speech_input(folder, "unreadable.txt").chmod(0)
    _speech_input(folder / "locked", "inside.txt")
    (folder / "locked").chmod(0)
    return folder


def _unprivileged() -> tuple[str, ...]:
    """Permissions only bind a process without CAP_DAC_OVERRIDE: as root (CI), run publish
    with those capabilities dropped from its bounding set (still uid 0, so the interpreter
    under /root stays reachable)."""
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    return (setpriv, "--bounding-set=-dac_override,-dac_read_search", "--")


def test_a_batch_of_bad_files_publishes_the_good_ones(tmp_path: Path):
    folder = _bad_folder(tmp_path)
    try:
        report = tmp_path / "report.json"
        result = _run("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md",
                      "--report", str(report), prefix=_unprivileged())  # fmt: skip
        assert result.returncode == 1, result.stderr
        documents = {d["input"]: d for d in json.loads(report.read_text())["documents"]}
        assert documents["good.txt"]["status"] == "published"
        assert documents["sub/good2.txt"]["status"] == "published"
        reasons = {key: (d["status"], d["error"]) for key, d in documents.items()}
        assert reasons["self.txt"] == ("failed", "symlink loop")
        assert reasons["x.txt"] == ("skipped", "not a regular file (a FIFO)")
        assert reasons["bad\\xff.txt"] == (
            "failed",
            "the file name is not valid UTF-8; rename the file",
        )
        assert reasons["forged\\nFAILED other.txt"] == (
            "failed",
            "the file name holds a control character (U+000A); rename the file",
        )
        assert reasons["escape\\x1b[2J.txt"][1].startswith("the file name holds a control")
        assert not any("\n" in line or "\x1b" in line for line in result.stderr.splitlines())
        assert not any(line.startswith("FAILED other.txt") for line in result.stderr.splitlines())
        assert not list((tmp_path / "out").glob("forged*")), "no output carries the name"
        assert reasons["unreadable.txt"] == ("failed", "cannot read: Permission denied")
        assert reasons["locked/"] == ("failed", "folder cannot be read: Permission denied")

        status = _run("status", "--json", "-i", str(folder), "-o", str(tmp_path / "out"),
                      "--formats", "md", prefix=_unprivileged())  # fmt: skip
        assert status.returncode == 0, status.stderr
        rows = {r["input"]: (r["status"], r["error"]) for r in json.loads(status.stdout)}
        assert rows["good.txt"] == ("published", None)
        for key in ("self.txt", "x.txt", "bad\\xff.txt", "unreadable.txt", "locked/"):
            assert rows[key] == reasons[key], key
    finally:
        (folder / "locked").chmod(0o755)


def test_clean_of_a_fifo_fails_instead_of_waiting(tmp_path: Path):
    os.mkfifo(tmp_path / "x.txt")
    result = run_publish("clean", str(tmp_path / "x.txt"))
    assert result.returncode == 1
    assert "not a regular file" in result.stderr


def test_a_file_swapped_for_a_fifo_is_never_opened_blocking(tmp_path: Path):
    from pipeline.batch import fingerprint
    from pipeline.read import NotRegularFile, open_regular

    os.mkfifo(tmp_path / "x.txt")
    with pytest.raises(NotRegularFile):
        open_regular(tmp_path / "x.txt")
    with pytest.raises(OSError):
        fingerprint(tmp_path / "x.txt", "x.txt", "x", "run")


# ---------------------------------------------------------------- the lock dies with its holder


def _busy_run(tmp_path: Path) -> tuple[subprocess.Popen, Path]:
    """A run whose worker sits in a slow pandoc (nested brackets)."""
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "slow.md").write_text("---\ntitle: 慢\nlang: zh-CN\n---\n\n" + NESTED + "x\n")
    output = tmp_path / "out"
    process = _start("all", "-i", str(folder), "-o", str(output), "--formats", "md,docx")
    deadline = time.monotonic() + GUARD
    while time.monotonic() < deadline:
        names = []
        for pid in _session(process.pid):
            try:
                names.append(Path(f"/proc/{pid}/cmdline").read_bytes())
            except OSError:
                pass
        if any(b"pandoc" in name for name in names):
            return process, output
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    raise AssertionError("pandoc never started")


def test_kill_9_of_the_parent_alone_frees_the_lock(tmp_path: Path):
    process, output = _busy_run(tmp_path)
    try:
        lock = (output / ".publish" / "lock").resolve()
        workers = [pid for pid in _session(process.pid) if pid != process.pid]
        for pid in workers:  # no child holds the lock's descriptor
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    assert Path(os.readlink(fd)) != lock, f"process {pid} holds the lock"
                except FileNotFoundError:
                    pass
        os.kill(process.pid, signal.SIGKILL)  # the parent alone
        process.communicate(timeout=GUARD)  # (EOF once the workers are gone too)
        result = run_publish("all", "-i", str(tmp_path / "input"), "-o", str(output),
                             "--formats", "md", "--timeout", "2")  # fmt: skip
        assert result.returncode != 75, result.stderr
        assert _wait_session_empty(process.pid) == []  # workers and pandoc went with it
    finally:
        _kill_session(process.pid)
        process.communicate()


def test_sigterm_ends_the_run_like_ctrl_c(tmp_path: Path):
    process, _ = _busy_run(tmp_path)
    try:
        os.kill(process.pid, signal.SIGTERM)
        _, err = process.communicate(timeout=GUARD)
        assert process.returncode == 143
        assert err.strip().splitlines()[-1] == (
            "publish: terminated; the next run finishes what this one did not"
        )
        assert "Traceback" not in err
        assert _wait_session_empty(process.pid) == []
    finally:
        _kill_session(process.pid)


# ---------------------------------------------------------------- output names are unique


def test_two_inputs_with_one_output_name_are_both_refused(tmp_path: Path):
    folder = tmp_path / "input"
    folder.mkdir()
    for name, text in {"a.txt": "甲", "a.md": "乙", "a_txt.txt": "丙"}.items():
        (folder / name).write_text(f"标题{text}\n\n正文{text}的内容。\n", "utf-8")
    result = run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md")
    assert result.returncode == 1
    assert "FAILED a.txt: output name 'a_txt' is also that of a_txt.txt" in result.stderr
    assert "FAILED a_txt.txt: output name 'a_txt' is also that of a.txt" in result.stderr
    assert not (tmp_path / "out" / "a_txt.md").exists()
    assert "正文乙" in (tmp_path / "out" / "a_md.md").read_text("utf-8")


def test_prune_never_deletes_outputs_another_input_owns(tmp_path: Path):
    folder, output = tmp_path / "input", tmp_path / "out"
    folder.mkdir()
    write = lambda name, text: (folder / name).write_text(f"标题\n\n正文{text}。\n", "utf-8")  # noqa: E731
    write("a.txt", "甲")
    write("a.md", "乙")
    args = ("all", "-i", str(folder), "-o", str(output), "--formats", "md", "--prune")
    assert run_publish(*args).returncode == 0
    assert "正文甲" in (output / "a_txt.md").read_text("utf-8")
    (folder / "a.md").unlink()
    write("a_txt.txt", "丙")  # now a.txt is "a" again and a_txt.txt is "a_txt"
    assert run_publish(*args).returncode == 0
    assert "正文甲" in (output / "a.md").read_text("utf-8")
    assert "正文丙" in (output / "a_txt.md").read_text("utf-8")
    (folder / "a.txt").unlink()
    assert run_publish(*args).returncode == 0
    assert not (output / "a.md").exists()
    assert "正文丙" in (output / "a_txt.md").read_text("utf-8")
    assert sorted(p.name for p in output.glob("*.md")) == ["a_txt.md"]


def test_publish_file_refuses_two_files_with_one_name(tmp_path: Path):
    for folder, text in (("x", "甲"), ("y", "乙")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(f"标题\n\n正文{text}。\n", "utf-8")
    (tmp_path / "input").mkdir()
    result = run_publish("file", str(tmp_path / "x" / "a.txt"), str(tmp_path / "y" / "a.txt"),
                         "-i", str(tmp_path / "input"), "-o", str(tmp_path / "out"),
                         "--formats", "md")  # fmt: skip
    assert result.returncode == 1
    assert "would both publish as a.txt" in result.stderr
    assert not (tmp_path / "out" / "a.md").exists()


def test_long_names_publish_or_are_refused_before_work(tmp_path: Path):
    folder = tmp_path / "input"
    _speech_input(folder, "长" * 80 + "x" * 6 + ".txt")  # 250 bytes: fits with .docx
    _speech_input(folder, "y" * 251 + ".txt")  # 255 bytes: its .docx would not
    result = run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"),
                         "--formats", "md,docx")  # fmt: skip
    assert result.returncode == 1
    assert (tmp_path / "out" / ("长" * 80 + "x" * 6 + ".docx")).exists()
    assert "name too long for the outputs" in result.stderr


# ---------------------------------------------------------------- the command line


def test_unusable_log_file_report_and_folders_fail_before_any_work(tmp_path: Path):
    folder = tmp_path / "input"
    _speech_input(folder)
    where = ("-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md")
    result = run_publish("all", *where, "--log-file", str(tmp_path / "missing" / "log.txt"))
    assert result.returncode == 2
    assert result.stderr.startswith("publish: --log-file") and "Traceback" not in result.stderr
    (tmp_path / "reports").mkdir()
    result = run_publish("all", *where, "--report", str(tmp_path / "reports"))
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    assert list((tmp_path / "reports").iterdir()) == []
    assert not (tmp_path / "out" / "good.md").exists()  # refused before any work
    result = run_publish("all", "-i", str(folder), "-o", str(folder))
    assert result.returncode == 2 and "is the input folder" in result.stderr
    result = run_publish("status", "-i", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and "does not exist" in result.stderr


def test_status_reports_a_corrupt_database_in_one_line(tmp_path: Path):
    folder = tmp_path / "input"
    _speech_input(folder)
    state = tmp_path / "out" / ".publish"
    state.mkdir(parents=True)
    (state / "state.db").write_bytes(b"this is not a database" * 100)
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(state / "state.db").execute("PRAGMA journal_mode=WAL")
    for command in ("status", "all"):
        result = run_publish(command, "-i", str(folder), "-o", str(tmp_path / "out"))
        assert result.returncode == 2, command
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


# ---------------------------------------------------------------- regular expressions stay linear

# Each family against about 1 MB of its worst case, in a child process with a generous guard:
# a quadratic pattern takes hours on these, a linear one well under a second.
_REGEX_FAMILIES = r"""
import sys
from pipeline import clean, read
from pipeline.clean import load_rules, parse_meta_line
from pipeline.html_text import html_to_text

N = 1_000_000
rules = {r.id: r for r in load_rules((), ()).rules}
withheld = [r for r in rules.values() if r.action == "withheld" and r.pattern]
runs = ["…" * N + "x", "." * N + "x", "。" * N + "x", "[" * N, " " * N + "x", "—" * N + "x",
        "【" * N + "x", "（" * N + "x", "_" * N + "x", "=" * N + "x"]
for line in runs:
    assert not clean.TEASER.search(line)
    for rule in withheld:
        rule.regex.search(line)
assert clean._DATE_PREFIX.match("1" + " " * N + "x") is None
assert parse_meta_line("来源：x" + " " * N + "y", {"来源": "source"}) == [("来源", "x" + " " * N + "y")]
assert len(read._HTML_TAG.findall(("<p " * N)[:20000])) == 0
page = "<html><body><p>正文内容</p>" + "<title>" * 20000 + "字" * (N - 200000)
html_to_text(page)
# Title rules on the longest line they are tried on, made of separators and words.
title_max = clean.TITLE_RULES_MAX_CHARS
cleaner = clean._Cleaner(load_rules((), ()), {})
for unit in (" - 网", " -网", "_网", "  网", " | 网", "(共"):
    cleaner.title((unit * title_max)[: title_max - 1] + "x")
# The whole cleaner on a document whose one line is about 1 MB of a worst case.
from pathlib import Path
from pipeline.document import Document
for unit in ("1 ", "1x", " - a", "_a", "字 ", "x"):
    text = "标题\n\n" + (unit * N)[:N] + "x\n\n正文内容。\n"
    clean.clean(Document(source=Path("a.txt"), name="a", text=text), load_rules((), ()))
print("linear")
"""


def test_reader_and_cleaner_patterns_are_linear_on_their_worst_case():
    result = subprocess.run(
        [sys.executable, "-c", _REGEX_FAMILIES], cwd=ROOT, capture_output=True, text=True,
        timeout=GUARD,
    )  # fmt: skip
    assert result.stdout.strip() == "linear", result.stderr


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def small_disk(tmp_path: Path):
    """An 8 MB file system of its own (tmpfs), made full by a filler file; skipped where the
    test may not mount one (not root, no CAP_SYS_ADMIN)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk)],
                             capture_output=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        filler = disk / "filler"
        with open(filler, "wb", buffering=0) as handle:  # fill it to the last block
            try:
                while True:
                    handle.write(b"\0" * 1024)
            except OSError:
                pass
        yield disk
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_a_full_disk_under_the_report_is_one_line_after_the_work(tmp_path: Path, small_disk):
    folder = tmp_path / "input"
    _speech_input(folder)
    report = small_disk / "report.json"
    result = run_publish("all", "-i", str(folder), "-o", str(tmp_path / "out"),
                         "--formats", "md", "--report", str(report))  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert result.stderr.strip().splitlines()[-1] == (
        f"publish: --report {report}: the run report could not be written: No space left on device"
    )
    assert "Traceback" not in result.stderr
    assert "published" in result.stdout  # the summary is still given
    assert (tmp_path / "out" / "good.md").exists()  # the work stands
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no scratch left


def test_a_full_output_disk_fails_each_document_whole_and_the_next_run_recovers(
    tmp_path: Path, small_disk
):
    folder = tmp_path / "input"
    _speech_input(folder)
    inputs = {p: p.read_bytes() for p in folder.iterdir()}
    out = small_disk / "out"
    where = ("-i", str(folder), "-o", str(out), "--formats", "md,pdf,docx")
    result = run_publish("all", *where)
    assert result.returncode in (1, 2), result.stderr
    assert "No space left on device" in result.stderr and "Traceback" not in result.stderr
    for line in result.stderr.strip().splitlines():  # each line names its file or folder
        assert "good.txt" in line or str(out) in line or line.startswith("["), line
    published = [p for p in out.rglob("*") if p.suffix in {".md", ".pdf", ".docx"}]
    assert published == []  # nothing half-written where a reader would find it
    (small_disk / "filler").unlink()  # space again: the next run publishes everything
    result = run_publish("all", *where)
    assert result.returncode == 0, result.stderr
    assert PdfReader(out / "good.pdf").pages[0].extract_text()
    assert zipfile.ZipFile(out / "good.docx").testzip() is None
    assert {p: p.read_bytes() for p in folder.iterdir()} == inputs
