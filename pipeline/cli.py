"""The `publish` command: thin commands that turn arguments into Settings and call a stage."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from . import __version__
from .errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    PublishError,
    exit_status,
)
from .settings import (
    FORMATS,
    PDF_VARIANTS,
    Settings,
    default_jobs,
    parse_formats,
)

ALL_FORMATS = ",".join(FORMATS)

app = typer.Typer(
    help="Turn raw text saved from Chinese document sites into clean Markdown, PDF, DOCX and EPUB.\n\n"
    "Exit status: 0 all published or unchanged; 1 some documents failed (the rest are published); "
    "2 usage or environment error; 75 another run holds the output folder.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

InputDir = Annotated[
    Path, typer.Option("--input", "-i", metavar="DIR", help="Folder of raw inputs.")
]
OutputDir = Annotated[
    Path, typer.Option("--output", "-o", metavar="DIR", help="Folder for publications.")
]
Formats = Annotated[
    str,
    typer.Option(
        metavar="LIST",
        help=f"Comma-separated formats from {','.join(FORMATS)}; md is always written.",
    ),
]
StyleName = Annotated[
    str | None,
    typer.Option(
        "--style",
        metavar="NAME",
        help="Style for every format: a folder name in styles/ or a path to a style folder "
        "(default: gongwen for PDF and DOCX, reading for EPUB).",
    ),
]
TaggedPdf = Annotated[bool, typer.Option("--tagged-pdf", help="Tagged (accessible) PDF.")]
Force = Annotated[bool, typer.Option("--force", help="Rebuild everything, changed or not.")]
Jobs = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        metavar="N",
        help="Cores to use: documents published at once (default: all cores). With fewer "
        "documents than jobs, the spare cores work on each document's formats side by side.",
    ),
]
RulesFiles = Annotated[
    list[Path] | None,
    typer.Option("--rules", metavar="FILE", help="Extra cleaning rules file (TOML); repeatable."),
]
SkipRules = Annotated[
    list[str] | None,
    typer.Option("--skip-rule", metavar="ID", help="Turn a cleaning rule off by id; repeatable."),
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Fail documents with characters no font covers.")
]
PdfVariant = Annotated[
    str | None,
    typer.Option(
        "--pdf-variant", metavar="VARIANT", help=f"Archival PDF: one of {', '.join(PDF_VARIANTS)}."
    ),
]
Prune = Annotated[bool, typer.Option("--prune", help="Delete outputs whose input was deleted.")]
Settle = Annotated[
    float,
    typer.Option(
        "--settle",
        min=0,
        metavar="SECONDS",
        help="Leave files modified in the last N seconds for later.",
    ),
]
Timeout = Annotated[
    float,
    typer.Option("--timeout", min=1, metavar="SECONDS", help="Per-document time limit, seconds."),
]
Report = Annotated[
    Path | None, typer.Option("--report", metavar="FILE", help="Write a JSON run report here.")
]
LogFile = Annotated[
    Path | None,
    typer.Option("--log-file", metavar="FILE", help="Append one line per document here."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Print only failures (for cron).")]
Wait = Annotated[
    bool, typer.Option("--wait", help="Wait for a running publish instead of exiting 75.")
]
Debug = Annotated[bool, typer.Option("--debug", help="Show tracebacks.")]


def _settings(
    *,
    formats: str,
    jobs: int | None,
    rules: list[Path] | None,
    skip_rule: list[str] | None,
    pdf_variant: str | None = None,
    **fields,
) -> Settings:
    """Validate what typer cannot and build the run's Settings."""
    try:
        chosen = parse_formats(formats)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--formats") from None
    if pdf_variant and pdf_variant not in PDF_VARIANTS:
        raise typer.BadParameter(
            f"choose from {', '.join(PDF_VARIANTS)}", param_hint="--pdf-variant"
        )
    for path in rules or []:
        if not path.is_file():
            raise typer.BadParameter(f"no such file: {path}", param_hint="--rules")
    return Settings(
        formats=chosen,
        jobs=jobs or default_jobs(),
        rules_files=tuple(rules or ()),
        skip_rules=tuple(skip_rule or ()),
        pdf_variant=pdf_variant,
        **fields,
    )


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"publish: {message}", err=True)
    return typer.Exit(code)


def _publish(
    settings: Settings, only: list[Path] | None, log_file, quiet: bool, debug: bool
) -> None:
    from .batch import run

    if debug:
        os.environ["PUBLISH_DEBUG"] = "1"
    if only is None and not settings.input_dir.is_dir():
        raise _fail(f"input folder {settings.input_dir} does not exist")
    log_handle = open(log_file, "a", encoding="utf-8") if log_file else None
    progress = None if quiet or not sys.stderr.isatty() else _Progress()

    def log(outcome, done: int, total: int) -> None:
        line = _outcome_line(outcome)
        if log_handle:
            log_handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
            log_handle.flush()
        if progress:
            progress.advance(done, total, outcome.input)
        elif not quiet or outcome.status == "failed":
            typer.echo(f"[{done}/{total}] {line}", err=True)

    try:
        started = time.monotonic()
        outcomes = run(settings, only, log)
    except PublishError as exc:  # configuration or environment: the run could not start
        if debug:
            raise
        raise _fail(str(exc), exc.exit_code) from None
    except (OSError, sqlite3.Error) as exc:  # the output folder itself is unusable
        if debug:
            raise
        where = getattr(exc, "filename", None) or settings.output_dir
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _fail(f"{where}: {reason}") from None
    except KeyboardInterrupt:
        # Finished documents are in place and recorded; the rest are redone next run.
        raise _fail(
            "interrupted; the next run finishes what this one did not", EXIT_INTERRUPTED
        ) from None
    finally:
        if progress:
            progress.stop()
        if log_handle:
            log_handle.close()
    _summary(outcomes, quiet, time.monotonic() - started)
    raise typer.Exit(exit_status([o.status for o in outcomes]))


def _outcome_line(outcome) -> str:
    if outcome.status == "failed":
        return f"FAILED {outcome.input}: {outcome.error}"
    if outcome.status == "skipped":
        return f"skipped {outcome.input}: {outcome.error}"
    extra = f" ({len(outcome.warnings)} warning(s))" if outcome.warnings else ""
    return f"{outcome.status} {outcome.input} {outcome.seconds:.2f}s{extra}"


class _Progress:
    """A progress bar on a terminal (stderr); plain log lines are used everywhere else."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self.bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = None

    def advance(self, done: int, total: int, name: str) -> None:
        if self.task is None:
            self.bar.start()
            self.task = self.bar.add_task("publishing", total=total)
        self.bar.update(self.task, completed=done, description=name[-40:])

    def stop(self) -> None:
        if self.task is not None:
            self.bar.stop()


def _summary(outcomes, quiet: bool, seconds: float) -> None:
    """Warnings and failures, one line each, then the totals as a small table."""
    from .batch import totals

    failures = [o for o in outcomes if o.status == "failed"]
    if quiet:
        for outcome in failures:
            typer.echo(_outcome_line(outcome), err=True)
        return
    for outcome in outcomes:
        if outcome.status == "published":
            for warning in outcome.warnings:
                typer.echo(f"warning: {outcome.input}: {warning}", err=True)
    for outcome in outcomes:
        if outcome.status in {"failed", "skipped"}:
            typer.echo(_outcome_line(outcome), err=True)
    counts = {**totals(outcomes), "seconds": f"{seconds:.1f}"}
    widths = {name: max(len(name), len(str(value))) for name, value in counts.items()}
    typer.echo("  ".join(name.rjust(widths[name]) for name in counts))
    typer.echo("  ".join(str(value).rjust(widths[name]) for name, value in counts.items()))


@app.command("all")
def all_(
    input_dir: InputDir = Path("input"),
    output_dir: OutputDir = Path("output"),
    formats: Formats = ALL_FORMATS,
    style: StyleName = None,
    force: Force = False,
    jobs: Jobs = None,
    rules: RulesFiles = None,
    skip_rule: SkipRules = None,
    strict: Strict = False,
    pdf_variant: PdfVariant = None,
    tagged_pdf: TaggedPdf = False,
    prune: Prune = False,
    settle: Settle = 0.0,
    timeout: Timeout = 300.0,
    report: Report = None,
    log_file: LogFile = None,
    quiet: Quiet = False,
    wait: Wait = False,
    debug: Debug = False,
) -> None:
    """Publish every new or changed file of the input folder (incremental)."""
    settings = _settings(
        input_dir=input_dir,
        output_dir=output_dir,
        formats=formats,
        style=style,
        force=force,
        jobs=jobs,
        rules=rules,
        skip_rule=skip_rule,
        strict=strict,
        pdf_variant=pdf_variant,
        tagged_pdf=tagged_pdf,
        prune=prune,
        settle_seconds=settle,
        timeout_seconds=timeout,
        report=report,
        wait=wait,
    )
    _publish(settings, None, log_file, quiet, debug)


@app.command("file")
def file_(
    paths: Annotated[list[Path], typer.Argument(metavar="FILE", help="Input files to publish.")],
    input_dir: InputDir = Path("input"),
    output_dir: OutputDir = Path("output"),
    formats: Formats = ALL_FORMATS,
    style: StyleName = None,
    force: Force = False,
    jobs: Jobs = None,
    rules: RulesFiles = None,
    skip_rule: SkipRules = None,
    strict: Strict = False,
    pdf_variant: PdfVariant = None,
    tagged_pdf: TaggedPdf = False,
    timeout: Timeout = 300.0,
    report: Report = None,
    log_file: LogFile = None,
    quiet: Quiet = False,
    wait: Wait = False,
    debug: Debug = False,
) -> None:
    """Publish the named files only (outputs go where `publish all` would put them)."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}")
    settings = _settings(
        input_dir=input_dir,
        output_dir=output_dir,
        formats=formats,
        style=style,
        force=force,
        jobs=jobs,
        rules=rules,
        skip_rule=skip_rule,
        strict=strict,
        pdf_variant=pdf_variant,
        tagged_pdf=tagged_pdf,
        timeout_seconds=timeout,
        report=report,
        wait=wait,
    )
    _publish(settings, paths, log_file, quiet, debug)


@app.command("clean")
def clean_(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="An input file.")],
    explain: Annotated[
        bool, typer.Option("--explain", help="List every removal and its rule.")
    ] = False,
    rules: RulesFiles = None,
    skip_rule: SkipRules = None,
) -> None:
    """Print the cleaned, structured Markdown of one file to stdout."""
    from .clean import load_rules
    from .errors import DocumentError
    from .flow import prepare

    try:
        rule_set = load_rules(tuple(rules or ()), tuple(skip_rule or ()))
        doc = prepare(path, path.stem, rule_set)
    except DocumentError as exc:
        raise _fail(f"{path}: {exc}", exc.exit_code) from None
    except PublishError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    typer.echo(doc.markdown, nl=False)
    if explain:
        typer.echo(f"\n# {len(doc.removed)} removal(s) from {path}", err=True)
        for removal in doc.removed:
            text = removal.text.replace("\n", " ⏎ ")
            typer.echo(f"line {removal.line:>4}  {removal.rule:<24} {text[:100]}", err=True)


@app.command("doctor")
def doctor(style: StyleName = None) -> None:
    """Check pandoc, weasyprint, HarfBuzz subsetting and the fonts the styles need."""
    from .doctor import diagnose

    problems = diagnose(style, typer.echo)
    if problems:
        typer.echo(f"\n{problems} problem(s) found.", err=True)
        raise typer.Exit(EXIT_USAGE)
    typer.echo("\nall good.")


@app.command("check")
def check(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A PDF or DOCX made by publish.")],
    style: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="The style to measure against (default: the format's)."),
    ] = None,
) -> None:
    """Measure a PDF or DOCX against its style (page, margins, sizes, grid, page numbers)."""
    from .check import check_docx, check_pdf
    from .settings import DEFAULT_STYLES
    from .styles import load_style

    kind = path.suffix.lower().lstrip(".")
    if kind not in {"pdf", "docx"} or not path.is_file():
        raise _fail(f"{path}: not a PDF or DOCX file")
    try:
        chosen = load_style(style or DEFAULT_STYLES[kind])
        measures = (check_pdf if kind == "pdf" else check_docx)(path, chosen)
    except PublishError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    except Exception as exc:  # an unreadable file is a usage error, not a traceback
        raise _fail(f"{path}: cannot measure: {exc}", EXIT_FAILED) from None
    width = max(len(m.name) for m in measures)
    for m in measures:
        mark = "ok  " if m.ok else "MISS"
        typer.echo(f"{mark} {m.name:<{width}}  expected {m.expected:<28} measured {m.measured}")
    misses = sum(not m.ok for m in measures)
    typer.echo(f"\n{path}: {len(measures) - misses}/{len(measures)} within style {chosen.name}")
    raise typer.Exit(EXIT_FAILED if misses else EXIT_OK)


@app.command("status")
def status(
    input_dir: InputDir = Path("input"),
    output_dir: OutputDir = Path("output"),
    formats: Formats = ALL_FORMATS,
    style: StyleName = None,
    rules: RulesFiles = None,
    skip_rule: SkipRules = None,
    strict: Strict = False,
    pdf_variant: PdfVariant = None,
    tagged_pdf: TaggedPdf = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show which documents are published, failed, pending (new) or stale (changed).

    Give the options the scheduled `publish all` runs with: they are part of what "changed"
    means.
    """
    from .status import collect

    settings = _settings(
        input_dir=input_dir,
        output_dir=output_dir,
        formats=formats,
        style=style,
        jobs=1,
        rules=rules,
        skip_rule=skip_rule,
        strict=strict,
        pdf_variant=pdf_variant,
        tagged_pdf=tagged_pdf,
    )
    rows = collect(settings)
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        error = f"  {row['error']}" if row.get("error") else ""
        typer.echo(f"{row['status']:<10} {row['input']}{error}")
    if not rows:
        typer.echo("no inputs.")


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"publish {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool | None,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Print the version."
        ),
    ] = None,
) -> None:
    """publish: raw text from Chinese document sites -> clean, typeset publications."""
