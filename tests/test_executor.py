"""The executor interface (pipeline/executor.py): the batch runs on any executor, and a toy one
made of threads publishes exactly what the local worker processes publish."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from docx import Document as open_docx

from conftest import ROOT
from pipeline import batch
from pipeline.executor import Recipe, Result, Status, Task, publish
from pipeline.settings import Settings

FORMATS = ("md", "docx", "txt")


class ThreadExecutor:
    """A toy executor: documents in threads, their files handed back as bytes. It cannot end a
    running document, so it keeps no time limit (the contract says so)."""

    timeout = float("inf")

    def __init__(self) -> None:
        self.ran: list[str] = []

    def run(
        self, recipe: Recipe, tasks: Sequence[Task], done: Callable[[Task, Result], None]
    ) -> None:
        with ThreadPoolExecutor(max_workers=2) as pool:
            futures = {pool.submit(publish, recipe, t, data=t.read()): t for t in tasks}
            for future in as_completed(futures):
                self.ran.append(futures[future].key)
                done(futures[future], future.result())

    def close(self) -> None:
        pass


def _settings(output: Path) -> Settings:
    return Settings(input_dir=ROOT / "input", output_dir=output, formats=FORMATS, jobs=2)


def _docx(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name if p.style else "", p.text) for p in open_docx(str(path)).paragraphs]


def test_a_thread_executor_publishes_what_the_local_pool_does(tmp_path: Path):
    threads = ThreadExecutor()
    by_threads = batch.run(_settings(tmp_path / "threads"), executor=threads)
    by_pool = batch.run(_settings(tmp_path / "pool"))  # the default: jobs.Pool

    assert sorted(threads.ran) == [o.input for o in by_threads]  # every document went through it
    assert [(o.input, o.status, o.outputs) for o in by_threads] == [
        (o.input, o.status, o.outputs) for o in by_pool
    ]
    assert {o.status for o in by_pool} == {Status.PUBLISHED}
    for outcome in by_pool:
        for output in outcome.outputs:
            mine, theirs = tmp_path / "threads" / output, tmp_path / "pool" / output
            if output.endswith(".docx"):
                assert _docx(mine) == _docx(theirs), output
            else:
                assert mine.read_bytes() == theirs.read_bytes(), output
    leftovers = list((tmp_path / "threads" / ".publish" / "tmp").rglob("*"))
    assert leftovers == []

    # The coordinator recorded the state: the next run, on either executor, has nothing to do.
    again = batch.run(_settings(tmp_path / "threads"), executor=ThreadExecutor())
    assert {o.status for o in again} == {Status.UNCHANGED}


def test_a_failure_comes_back_as_an_outcome_with_its_reason(tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "ok.txt").write_text("标题\n\n正文，很短。\n", "utf-8")
    report = tmp_path / "report.json"
    settings = Settings(
        input_dir=tmp_path / "in", output_dir=tmp_path / "out", formats=("md",), report=report
    )
    outcomes = {o.input: o for o in batch.run(settings, executor=ThreadExecutor())}
    failed = outcomes["empty.txt"]
    assert (failed.status, failed.error, failed.outputs) == (Status.FAILED, "empty file", [])
    assert outcomes["ok.txt"].status == Status.PUBLISHED
    documents = json.loads(report.read_text())["documents"]
    assert [d["status"] for d in documents] == ["failed", "published"]


def test_the_pool_does_the_callers_warm_up_once_while_its_workers_work(tmp_path: Path):
    from pipeline.jobs import Pool

    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "in" / f"{name}.txt").write_text(f"标题{name}\n\n正文，很短。\n", "utf-8")
    settings = Settings(input_dir=tmp_path / "in", output_dir=tmp_path / "out", formats=("md",))
    seen: list[list[bool]] = []
    pool = Pool(2, 60.0, tmp_path / "scratch", idle=lambda: seen.append(busy()))

    def busy() -> list[bool]:  # each worker alive and given a document when the warm-up runs
        return [w["process"].is_alive() and w["task"] is not None for w in pool.workers]

    finished: list[str] = []
    tasks = [Task(f"{n}.txt", n, "", tmp_path / "in" / f"{n}.txt") for n in ("a", "b", "c")]
    try:
        pool.run(Recipe.of(settings), tasks, lambda task, result: finished.append(task.key))
        pool.run(Recipe.of(settings), tasks[:1], lambda task, result: finished.append(task.key))
    finally:
        pool.close()
    assert seen == [[True, True]]  # once, for the pool's life, not once per run or document
    assert sorted(finished) == ["a.txt", "a.txt", "b.txt", "c.txt"]


def test_a_document_splits_its_formats_over_spare_cores(tmp_path: Path, monkeypatch):
    from pipeline.executor import split_formats

    # The PDF (laid out in Python) beside the Markdown and pandoc's formats; nothing to split
    # when one side would hold no real work.
    assert split_formats(("md", "pdf", "docx", "epub", "html")) == [
        ("pdf",),
        ("md", "docx", "epub", "html"),
    ]
    assert split_formats(("md", "pdf")) == [("md", "pdf")]
    assert split_formats(("md", "docx")) == [("md", "docx")]

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "关于停水的通知\n\n各位住户：\n\n明天停水，请储水。\n", "utf-8"
    )
    # Counted in every process: the workers are forked from this one, patch included.
    count = tmp_path / "prepared"
    from pipeline import flow

    original = flow.prepare

    def counted(*args, **kwargs):
        with count.open("a") as tally:
            tally.write("1")
        return original(*args, **kwargs)

    monkeypatch.setattr(flow, "prepare", counted)
    outputs = {}
    for jobs in (1, 2):
        count.write_text("")
        outcomes, workers = _run_on_pool(tmp_path, jobs)
        assert workers == jobs  # one document, a share of its formats per core
        assert [(o.status, o.outputs) for o in outcomes] == [
            (Status.PUBLISHED, ["a.md", "a.docx", "a.txt"])  # in the formats' order
        ]
        # Read, cleaned and structured once: one share prepares, the other is handed it.
        assert count.read_text() == "1"
        outputs[jobs] = {
            name: _docx(tmp_path / f"out{jobs}" / name)
            if name.endswith(".docx")
            else (tmp_path / f"out{jobs}" / name).read_bytes()
            for name in outcomes[0].outputs
        }
        assert not list((tmp_path / f"scratch{jobs}").rglob("*.*"))  # no share left behind
    assert outputs[1] == outputs[2]


def test_the_pool_tells_of_each_share_before_the_document_is_whole(tmp_path: Path):
    """share_done hears of the first share of a split document (its name and result, its
    files still in the worker's scratch) before the document's done; never of a whole one."""
    from pipeline.jobs import Pool

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("关于停水的通知\n\n明天停水，请储水。\n", "utf-8")
    settings = Settings(
        input_dir=tmp_path / "in", output_dir=tmp_path / "out", formats=FORMATS, jobs=2
    )
    heard: list[tuple] = []

    def share_done(name: str, result: Result) -> None:
        files = {ext: Path(content).is_file() for ext, content in result.files.items()}
        heard.append(("share", name, result.outcome.status, files))

    task = Task("a.txt", "a", "", tmp_path / "in" / "a.txt")
    for jobs in (2, 1):
        heard.clear()
        pool = Pool(jobs, 60.0, tmp_path / f"scratch{jobs}", share_done=share_done)
        try:
            pool.run(Recipe.of(settings), [task], lambda t, r: heard.append(("done", t.name)))
        finally:
            pool.close()
        if jobs == 2:
            assert len(heard) == 2 and heard[1] == ("done", "a"), heard
            _, name, status, files = heard[0]
            assert name == "a" and status == Status.PUBLISHED and files and all(files.values())
        else:
            assert heard == [("done", "a")]


def test_a_document_is_published_only_when_every_share_of_its_formats_is(tmp_path: Path):
    from pipeline.executor import Outcome, merge

    recipe = Recipe.of(_settings(tmp_path / "out"))
    task = Task("a.txt", "a", "", tmp_path / "a.txt")
    shares = []
    for extension in (".md", ".docx"):
        folder = tmp_path / extension[1:]
        folder.mkdir()
        (folder / f"a{extension}").write_text("x")
        outcome = Outcome("a.txt", Status.PUBLISHED, [f"a{extension}"], ["a warning"])
        shares.append(Result(outcome, {extension: folder / f"a{extension}"}, folder))

    whole = merge(recipe, task, list(reversed(shares)))
    assert whole.outcome.status == Status.PUBLISHED
    assert whole.outcome.outputs == ["a.md", "a.docx"]  # the recipe's order
    assert whole.outcome.warnings == ["a warning"]  # once
    assert sorted(whole.files) == [".docx", ".md"]
    assert all(path.parent == whole.scratch for path in whole.files.values())  # type: ignore[union-attr]

    failed = Result(Outcome("a.txt", Status.FAILED, error="timed out after 5 s"))
    broken = merge(recipe, task, [Result(whole.outcome, whole.files, whole.scratch), failed])
    assert (broken.outcome.status, broken.outcome.error) == (Status.FAILED, "timed out after 5 s")
    assert broken.files == {} and broken.outcome.outputs == []
    assert not any((tmp_path / name).exists() for name in ("md", "docx"))  # nothing kept


def test_a_split_document_that_cannot_be_prepared_fails_alike(tmp_path: Path):
    # The share that prepares a split document fails: the other share is told so, prepares it
    # itself and meets the same failure; the document fails once, with its reason.

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    reasons = {}
    for jobs in (1, 2):
        (outcome,), _ = _run_on_pool(tmp_path, jobs)
        assert outcome.status == Status.FAILED and outcome.error
        reasons[jobs] = outcome.error
    assert reasons[1] == reasons[2]


def _run_on_pool(tmp_path: Path, jobs: int) -> tuple[list, int]:
    """`batch.run` of tmp_path/in on a pool of `jobs` workers (outputs in out<jobs>, scratch in
    scratch<jobs>): the outcomes, and how many workers the pool started."""
    from pipeline.jobs import Pool

    settings = Settings(
        input_dir=tmp_path / "in", output_dir=tmp_path / f"out{jobs}", formats=FORMATS, jobs=jobs
    )
    pool = Pool(jobs, 60.0, tmp_path / f"scratch{jobs}")
    try:
        return batch.run(settings, executor=pool), len(pool.workers)
    finally:
        pool.close()
