"""What makes small batches fast changes no output: a worker that warms up beside its first
document (weasyprint loading while DOCX and EPUB render, the PDF last) and workers forked from a
coordinator that warmed up once publish the same files (Markdown byte for byte; PDF, DOCX and
EPUB the same text and the same fonts)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CASES, ROOT, run_publish

BENCH_INPUTS = ROOT / "bench" / "inputs"
CORPUS = [
    *sorted(BENCH_INPUTS.iterdir()),
    CASES / "speech-subtitle-byline" / "input.txt",
    CASES / "table-html" / "input.html",
    CASES / "markdown-in-text" / "input.txt",
]
FORMATS = "md,pdf,docx,epub,html"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in CORPUS:
        name = path.name if path.parent == BENCH_INPUTS else f"{path.parent.name}{path.suffix}"
        shutil.copy(path, folder / name)
    return folder


def _pdf(path: Path) -> tuple:
    reader = PdfReader(path)
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            # weasyprint names a subset with a random-looking tag: the face is what counts
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object().get("/BaseFont"))))
    return [page.extract_text() for page in reader.pages], sorted(fonts)


def _zipped(path: Path, names: re.Pattern) -> dict[str, bytes]:
    """The members that hold text and fonts (not the timestamps and identifiers)."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if names.search(n)}


DOCX_PARTS = re.compile(r"^word/(document|styles|fontTable|numbering)\.xml$")
EPUB_PARTS = re.compile(r"(text/.*\.xhtml|nav\.xhtml|\.css|\.otf|\.svg)$")


def _published(base: Path, jobs: str, folder: str = "in") -> dict[str, object]:
    out = base / f"out-{folder}-{jobs}"
    result = run_publish(
        "all", "-i", str(base / folder), "-o", str(out), "--formats", FORMATS, "--jobs", jobs
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = {}
    for path in sorted(out.glob("*.*")):
        if path.suffix == ".md":
            found[path.name] = path.read_bytes()
        elif path.suffix == ".pdf":
            found[path.name] = _pdf(path)
        elif path.suffix == ".docx":
            found[path.name] = _zipped(path, DOCX_PARTS)
        elif path.suffix == ".epub":
            found[path.name] = _zipped(path, EPUB_PARTS)
    return found


def test_warm_starts_publish_the_same(tmp_path: Path):
    _corpus(tmp_path / "in")
    # --jobs 1: one worker, warmed beside its first document; --jobs 2: two workers forked
    # from a coordinator that warmed up before.
    one, two = _published(tmp_path, "1"), _published(tmp_path, "2")
    assert len(one) == 4 * len(CORPUS)
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name
    fonts = {f for name, pdf in one.items() if name.endswith(".pdf") for f in pdf[1]}
    assert fonts  # the PDFs embed fonts (the comparison above compared something)

    # One document on two cores: its PDF made in one worker, its other formats in another.
    (tmp_path / "alone").mkdir()
    shutil.copy(tmp_path / "in" / "notice.html", tmp_path / "alone" / "notice.html")
    alone = _published(tmp_path, "2", "alone")
    assert alone == {name: one[name] for name in one if name.startswith("notice.")}
    # As many documents as cores: each split the same way, the PDFs in one worker.
    (tmp_path / "pair").mkdir()
    for name in sorted(p.name for p in (tmp_path / "in").iterdir())[:2]:
        shutil.copy(tmp_path / "in" / name, tmp_path / "pair" / name)
    pair = _published(tmp_path, "2", "pair")
    assert len(pair) == 8
    assert pair == {name: one[name] for name in pair}


# ---------------------------------------------------------------- pandoc kept running

REALPAGES_DEV = ROOT / "tests" / "realpages" / "dev"
PANDOC_CORPUS = sorted(
    path
    for folder in (REALPAGES_DEV, ROOT / "tests" / "corpus", CASES, BENCH_INPUTS)
    for path in folder.rglob("*")
    if path.suffix in {".txt", ".html", ".htm", ".md"}
    and path.name != "README.md"
    and not path.name.startswith("expected")
)
# What differs from one run to the next whatever the route: EPUB identifiers and timestamps.
_RUN_STAMPS = re.compile(rb"urn:uuid:[-0-9a-f]+|\d{4}-\d\d-\d\dT[\d:]+Z")


def _pandoc_outputs(
    doc, styles: dict, folder: Path, warm: bool, formats: tuple[str, ...]
) -> dict[str, object]:
    """What pandoc makes of a document: the parsed tree, the print HTML (the PDF's source),
    and the files of formats (DOCX and EPUB: their members, stamps of the run aside)."""
    from pipeline.render import get, pandoc
    from pipeline.render.html import build_html

    pandoc.set_warm(warm)
    try:
        doc = dataclasses.replace(doc)  # parsed again, by this route
        found: dict[str, object] = {"tree": doc.parsed.ast}
        found["html"] = build_html(doc, styles["pdf"])
        folder.mkdir(parents=True)
        for name in formats:
            path = folder / f"doc.{name}"
            get(name).render(doc, styles.get(name), path, get(name).option_values())
            if name == "txt":
                found[name] = path.read_bytes()
                continue
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    if member != "docProps/core.xml":  # its creation time
                        found[f"{name}:{member}"] = _RUN_STAMPS.sub(b"", archive.read(member))
        return found
    finally:
        pandoc.set_warm(True)


def _warm_and_cold_differ(work: tuple[list[tuple[int, Path]], Path]) -> tuple[int, list[str]]:
    """(documents compared, what differed) for a share of the corpus (run in a worker)."""
    from pipeline.clean import load_rules
    from pipeline.errors import PublishError
    from pipeline.flow import prepare
    from pipeline.render import default_styles
    from pipeline.styles import load_styles

    share, tmp_path = work
    styles = load_styles(default_styles())
    rules = load_rules()
    compared, differ = 0, []
    for index, source in share:
        try:
            doc = prepare(source, source.stem, rules)
        except PublishError:
            continue  # refused before pandoc (a listing page)
        formats = ("txt", "docx", "epub") if index % 3 == 0 else ("txt",)
        warm = _pandoc_outputs(doc, styles, tmp_path / f"{index}-warm", True, formats)
        cold = _pandoc_outputs(doc, styles, tmp_path / f"{index}-cold", False, formats)
        if warm.keys() != cold.keys():
            differ.append(f"{source}: {sorted(warm.keys() ^ cold.keys())}")
        differ += [f"{source}: {key}" for key in warm if key in cold and warm[key] != cold[key]]
        compared += 1
    return compared, differ


def test_warm_pandoc_makes_what_a_pandoc_per_conversion_makes(tmp_path: Path):
    """Over the corpus: the parse, the print HTML and the plain text of every document, and
    the DOCX and EPUB of every third (their writers see less variety than the reader), are the
    same from the pandoc kept running as from a pandoc run for each conversion. On every core
    (one document after another it was the suite's longest wait), each worker a fresh process
    with its own pandoc kept running."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    cores = os.cpu_count() or 1
    indexed = list(enumerate(PANDOC_CORPUS))
    shares = [(indexed[start::cores], tmp_path / f"share-{start}") for start in range(cores)]
    with ProcessPoolExecutor(cores, mp_context=multiprocessing.get_context("spawn")) as pool:
        results = list(pool.map(_warm_and_cold_differ, shares))
    differ = [line for _, lines in results for line in lines]
    assert not differ, "\n".join(differ[:20])
    assert sum(compared for compared, _ in results) > 100


GOOD = "---\ntitle: 标题\nlang: zh-CN\n---\n\n正文一段。\n"
DEEP = "---\ntitle: 嵌套\n---\n\n" + "- " * 20000 + "x\n"  # minutes of pandoc's time


def _server_pids() -> list[int]:
    from pipeline.render.warm_pandoc import servers

    return [s.process.pid for s in servers().idle if s.process is not None]


def test_warm_pandoc_is_replaced_after_a_timeout_or_a_death_and_kept_after_a_refusal():
    from pipeline.errors import DocumentError
    from pipeline.render import pandoc
    from pipeline.render.warm_pandoc import servers

    servers().stop()  # none left from other tests: one conversion at a time, one process
    assert "正文一段" in pandoc.convert(GOOD, "html5")
    assert "正文一段" in pandoc.convert(GOOD, "html5")  # the same conversion again: kept
    first = _server_pids()
    assert len(first) == 1
    pandoc.set_limits(seconds=1)
    try:
        with pytest.raises(DocumentError, match=r"^pandoc \(html5\) timed out after 1 s$"):
            pandoc.convert(DEEP, "html5")
    finally:
        pandoc.set_limits()
    assert "第二段" in pandoc.convert(GOOD + "\n第二段。\n", "html5")  # a new process
    second = _server_pids()
    assert second and not set(first) & set(second)
    for pid in second:  # killed between two documents
        os.kill(pid, signal.SIGKILL)
    assert "第三段" in pandoc.convert(GOOD + "\n第三段。\n", "html5")
    third = _server_pids()
    assert third and not set(second) & set(third)
    # A conversion pandoc refuses is that document's failure; the process stays.
    with pytest.raises(DocumentError, match=r"^pandoc failed \(no-such-format\): "):
        pandoc.write_tree(json.loads(pandoc.convert(GOOD, "json")), "no-such-format", Path("x"))
    assert _server_pids() == third


def test_warm_pandoc_dies_with_the_process_that_started_it():
    code = (
        "from pipeline.render import pandoc\n"
        "from pipeline.render.warm_pandoc import servers\n"
        "import threading\n"
        # started from a thread that ends at once, like a format's thread beside the PDF
        "t = threading.Thread(target=pandoc.convert, args=('正文', 'html5'))\n"
        "t.start(); t.join()\n"
        "print([s.process.pid for s in servers().idle], flush=True)\n"
        "import time; time.sleep(1)\n"
        "print(servers().idle[0].process.poll(), flush=True)\n"
        "import os; os.kill(os.getpid(), 9)\n"
    )
    result = _python(code)
    pids, alive = result.stdout.splitlines()
    assert alive == "None"  # outlived the thread that asked for it
    (pid,) = json.loads(pids)
    for _ in range(100):
        if not Path(f"/proc/{pid}").exists() or " Z" in _state(pid):
            break
        time.sleep(0.1)
    else:
        raise AssertionError(f"pandoc {pid} outlived its process")


def test_a_conversion_asked_while_the_same_one_runs_waits_for_it(monkeypatch):
    from pipeline.render import pandoc

    ran: list[str] = []
    original = pandoc._convert

    def slow(*args, **kwargs):  # the real conversion, made slow enough for the two to meet
        ran.append(threading.current_thread().name)
        time.sleep(0.5)
        return original(*args, **kwargs)

    monkeypatch.setattr(pandoc, "_convert", slow)
    text = GOOD + "\n只在这里转换一次。\n"
    ahead: list[str] = []
    thread = threading.Thread(target=lambda: ahead.append(pandoc.convert(text, "html5")))
    thread.start()
    time.sleep(0.1)
    here = pandoc.convert(text, "html5")
    thread.join()
    assert "只在这里转换一次" in here and ahead == [here]
    assert ran == [thread.name]  # one pandoc request, the first asker's


def test_the_pdf_body_is_converted_ahead_when_the_document_is_ready(monkeypatch, tmp_path):
    from pipeline import flow
    from pipeline.clean import load_rules
    from pipeline.render import pandoc
    from pipeline.render.html import html_body

    source = tmp_path / "a.txt"
    source.write_text("关于停水的通知\n\n各位住户：\n\n明天上午停水，请提前储水。\n", "utf-8")
    doc = flow.prepare(source, "a", load_rules((), ()))
    ran: list[str] = []
    original = pandoc._convert

    def recorded(*args, **kwargs):
        ran.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(pandoc, "_convert", recorded)
    flow.prefetch(doc, ("md", "docx"))  # nothing of theirs is fetched ahead
    assert ran == []
    flow.prefetch(doc, ("md", "pdf"))
    body = html_body(doc)  # what build_html asks: done ahead, or waited for
    assert "明天上午停水" in body
    assert len(ran) == 1 and ran[0] != threading.current_thread().name


def test_a_worker_starts_its_first_pandoc_ahead():
    code = (
        "import time\n"
        "from pipeline.render import pandoc\n"
        "from pipeline.render.warm_pandoc import servers\n"
        "pandoc.start_ahead(); pandoc.start_ahead()\n"  # once per process
        "for _ in range(300):\n"
        "    if servers().idle: break\n"
        "    time.sleep(0.1)\n"
        "ahead = [s.process.pid for s in servers().idle]\n"
        "pandoc.convert('正文', 'html5')\n"
        "print(ahead, [s.process.pid for s in servers().idle])\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    ahead, after = result.stdout.split("] [")
    assert ahead.strip("[") and ahead.strip("[") == after.strip("]\n")  # it served the request


def _python(code: str) -> subprocess.CompletedProcess:
    """Python code run in a process of its own (its pandoc processes are its own)."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1][:2]
    except OSError:
        return " Z"


def test_covers_drawn_from_kept_glyphs_are_the_covers_drawn_afresh():
    """Over the corpus's titles, each cover cut from a subset of its own (as an EPUB's): drawn
    from the glyphs kept from earlier covers, it is the cover drawn from its subset alone."""
    from pipeline.clean import load_rules
    from pipeline.errors import PublishError
    from pipeline.flow import prepare
    from pipeline.fonts import subset
    from pipeline.render import default_styles
    from pipeline.render.cover import cover_svg, source_key
    from pipeline.styles import load_style

    font = load_style(default_styles()["epub"]).font("title")
    source = source_key(font.path, font.index)
    rules = load_rules()
    titles = []
    for path in PANDOC_CORPUS:
        try:
            doc = prepare(path, path.stem, rules)
        except PublishError:
            continue
        titles.append((str(doc.meta.get("title", "")), str(doc.meta.get("date", ""))))
    titles += [("", ""), ("Ǆ𝔘 ☃ 標題", "2025-01")]  # an empty title; characters the font lacks
    for index, (title, date) in enumerate(titles):
        # subsets that differ from one cover to the next, as the documents' texts do
        chars = title + date + "".join(t for t, _ in titles[index + 1 : index + 3])
        font_bytes = subset(font, chars)
        assert cover_svg(title, date, font_bytes, source) == cover_svg(title, date, font_bytes)
    assert len(titles) > 100


def test_workers_take_the_rules_and_styles_the_coordinator_loaded(monkeypatch):
    # batch.run loads the rules and styles before it forks its workers: remembered as the
    # recipe's, a worker finds them prepared and loads nothing again.
    from pipeline import clean, executor, styles

    recipe = executor.Recipe(formats=("md",), styles={"md": "gongwen"}, options={"md": {}})
    loaded_rules = clean.load_rules()
    loaded_styles = styles.load_styles({"md": "gongwen"})
    executor.remember(recipe, loaded_styles, loaded_rules)

    def never(*args, **kwargs):
        raise AssertionError("loaded again")

    monkeypatch.setattr(clean, "load_rules", never)
    monkeypatch.setattr(styles, "load_styles", never)
    ready = executor.prepared(recipe, formats=("md",))
    assert ready.rules is loaded_rules and ready.styles["md"] is loaded_styles["md"]
