"""The `publish` command: thin commands that turn arguments into Settings and call a stage.

The options of `all`, `file`, `status` and `clean` are not spelled out here: each command is
built from the Settings fields that carry a command-line form (settings.py) and from the
formats' own options (render/__init__.py), by `settings_command`.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import GenericAlias
from typing import TYPE_CHECKING, Annotated, Any, get_args, get_type_hints

import typer

from . import __version__, render
from .cluster import parse_cluster
from .errors import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_TERMINATED,
    EXIT_USAGE,
    OptionError,
    PublishError,
    ReportError,
    exit_status,
)
from .executor import Status
from .settings import (
    Settings,
    cli_fields,
    default_jobs,
    parse_format_options,
    parse_formats,
    takes,
)

if TYPE_CHECKING:
    from rich.progress import TaskID

app = typer.Typer(
    help="Turn raw text saved from Chinese document sites into clean Markdown, PDF, DOCX and EPUB.\n\n"
    "Exit status: 0 all published or unchanged; 1 some documents failed (the rest are published); "
    "2 usage or environment error; 75 another run holds the output folder; 130 interrupted "
    "(Ctrl-C); 143 terminated (SIGTERM).",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

StyleName = Annotated[
    str | None,
    typer.Option(
        "--style",
        metavar="NAME",
        help="A style: a folder name in styles/ or a path to a style folder (default: the "
        "formats' own).",
    ),
]


# ---------------------------------------------------------------- commands built from Settings


def _cli_parameters(command: str) -> list[inspect.Parameter]:
    """One typer option per Settings field (and format option) the command takes."""
    hints = get_type_hints(Settings)
    params = []
    for f in cli_fields():
        option = f.metadata["option"]
        if not takes(option, command):
            continue
        kind, default = hints[f.name], f.default
        if f.name == "formats":
            kind, default = str, ",".join(render.default_names())
        elif f.name == "jobs":
            kind, default = int | None, None
        elif getattr(kind, "__origin__", None) is tuple:
            kind, default = GenericAlias(list, get_args(kind)[0]) | None, None  # repeatable
        typer_option = typer.Option(
            *option.flags,
            help=option.help,
            metavar=option.metavar,
            min=option.min,
            envvar=option.envvar,
        )
        params.append(_keyword(f.name, Annotated[kind, typer_option], default))
    if command in {"all", "file", "status", "watch"}:
        for fmt in render.registry().values():
            for opt in fmt.options:
                kind = bool if opt.is_flag else str | None
                metavar = None if opt.is_flag else opt.metavar
                typer_option = typer.Option(opt.flag, help=opt.help, metavar=metavar)
                params.append(
                    _keyword(
                        render.field_name(fmt, opt), Annotated[kind, typer_option], opt.default
                    )
                )
    return params


def _keyword(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _settings(command: str, values: dict[str, Any]) -> Settings:
    """Settings from a command's option values (popped from values); what typer cannot check
    is checked here, as a usage error on the option."""
    fields: dict[str, Any] = {}
    for f in cli_fields():
        if f.name in values:
            fields[f.name] = values.pop(f.name)
    format_values = {
        render.field_name(fmt, opt): values.pop(render.field_name(fmt, opt))
        for fmt in render.registry().values()
        for opt in fmt.options
        if render.field_name(fmt, opt) in values
    }
    try:
        if "formats" in fields:
            fields["formats"] = parse_formats(fields["formats"])
            fields["format_options"] = parse_format_options(format_values, fields["formats"])
        for path in fields.get("rules_files") or []:
            if not path.is_file():
                raise OptionError("--rules", f"no such file: {path}")
        if fields.get("cluster"):
            fields["cluster"] = str(parse_cluster(fields["cluster"]))
    except OptionError as exc:
        raise typer.BadParameter(
            str(exc).removeprefix(f"{exc.option}: "), param_hint=exc.option
        ) from None
    if "jobs" in fields:
        fields["jobs"] = fields["jobs"] or default_jobs()
    for name in ("rules_files", "skip_rules"):
        if name in fields:
            fields[name] = tuple(fields[name] or ())
    return Settings(**fields)


def settings_command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register func(settings, *its own parameters) as command `name`, with the options of
    Settings that the command takes."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        own = list(inspect.signature(func, eval_str=True).parameters.values())[1:]

        def command(**values: Any) -> None:
            settings = _settings(name, values)
            func(settings, **values)

        command.__signature__ = inspect.Signature([*own, *_cli_parameters(name)])  # type: ignore[attr-defined]
        command.__doc__, command.__name__ = func.__doc__, func.__name__
        app.command(name)(command)
        return func

    return register


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"publish: {message}", err=True)
    return typer.Exit(code)


def _check_folders(settings: Settings) -> None:
    """The input folder exists and is not the output folder (exit 2 otherwise)."""
    if not settings.input_dir.is_dir():
        raise _fail(f"input folder {settings.input_dir} does not exist")
    if settings.input_dir.resolve() == settings.output_dir.resolve():
        raise _fail(
            f"the output folder {settings.output_dir} is the input folder; "
            "publications would be read back as inputs (give another --output)"
        )


def _open_log(settings: Settings):
    """The --log-file, opened before any work; an unusable one is a one-line error (exit 2)."""
    from .batch import check_report_path

    if settings.report:
        try:
            check_report_path(settings.report)
        except OSError as exc:
            raise _fail(f"--report {settings.report}: {exc.strerror or exc}") from None
    try:
        return open(settings.log_file, "a", encoding="utf-8") if settings.log_file else None
    except OSError as exc:
        raise _fail(f"--log-file {settings.log_file}: {exc.strerror or exc}") from None


def _publish(settings: Settings, only: list[Path] | None) -> None:
    from .batch import run
    from .jobs import Terminated, stop_on_sigterm

    debug, quiet = settings.debug, settings.quiet
    if only is None:
        _check_folders(settings)
    executor = None
    if settings.cluster:  # connected only when there is a document to publish
        cluster = parse_cluster(settings.cluster)
        executor = _dask_executor().DaskExecutor(cluster, settings.timeout_seconds)
    log_handle = _open_log(settings)
    stop_on_sigterm()
    progress = None if quiet or not sys.stderr.isatty() else _Progress()

    def log(outcome, done: int, total: int) -> None:
        line = _outcome_line(outcome)
        if log_handle:
            log_handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
            log_handle.flush()
        if progress:
            progress.advance(done, total, outcome.input)
        elif not quiet or outcome.status == Status.FAILED:
            typer.echo(f"[{done}/{total}] {line}", err=True)

    report_error = None
    try:
        started = time.monotonic()
        outcomes = run(settings, only, log, executor=executor)
    except ReportError as exc:  # the work is done: summarise it, then say what failed
        if debug:
            raise
        outcomes, report_error = exc.outcomes, exc
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
    except KeyboardInterrupt as exc:
        # Finished documents are in place and recorded; the rest are redone next run.
        terminated = isinstance(exc, Terminated)
        raise _fail(
            f"{'terminated' if terminated else 'interrupted'}; "
            "the next run finishes what this one did not",
            EXIT_TERMINATED if terminated else EXIT_INTERRUPTED,
        ) from None
    finally:
        if executor is not None:  # ours to close: the cluster's client, a LocalCluster
            executor.close()
        if progress:
            progress.stop()
        if log_handle:
            log_handle.close()
    _summary(outcomes, quiet, time.monotonic() - started)
    if report_error is not None:
        raise _fail(str(report_error), report_error.exit_code)
    raise typer.Exit(exit_status([o.status for o in outcomes]))


def _outcome_line(outcome) -> str:
    if outcome.status == Status.FAILED:
        return f"FAILED {outcome.input}: {outcome.error}"
    if outcome.status == Status.SKIPPED:
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
        self.task: TaskID | None = None

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

    failures = [o for o in outcomes if o.status == Status.FAILED]
    if quiet:
        for outcome in failures:
            typer.echo(_outcome_line(outcome), err=True)
        return
    for outcome in outcomes:
        if outcome.status == Status.PUBLISHED:
            for warning in outcome.warnings:
                typer.echo(f"warning: {outcome.input}: {warning}", err=True)
    for outcome in outcomes:
        if outcome.status in {Status.FAILED, Status.SKIPPED}:
            typer.echo(_outcome_line(outcome), err=True)
    counts = {**totals(outcomes), "seconds": f"{seconds:.1f}"}
    widths = {name: max(len(name), len(str(value))) for name, value in counts.items()}
    typer.echo("  ".join(name.rjust(widths[name]) for name in counts))
    typer.echo("  ".join(str(value).rjust(widths[name]) for name, value in counts.items()))


@settings_command("all")
def all_(settings: Settings) -> None:
    """Publish every new or changed file of the input folder (incremental)."""
    _publish(settings, None)


@settings_command("file")
def file_(
    settings: Settings,
    paths: Annotated[list[Path], typer.Argument(metavar="FILE...", help="Input files to publish.")],
) -> None:
    """Publish the named files only (outputs go where `publish all` would put them)."""
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        raise _fail(f"no such file: {', '.join(missing)}")
    _publish(settings, paths)


@settings_command("watch")
def watch(
    settings: Settings,
    settle: Annotated[
        float,
        typer.Option(
            "--settle",
            min=0,
            metavar="SECONDS",
            help="Publish a file once it has not changed for this long.",
        ),
    ] = 2.0,
) -> None:
    """Publish what is dropped into the input folder as soon as it settles, until Ctrl-C or
    SIGTERM (exit 0). Holds the output folder meanwhile: a `publish all` exits 75."""
    from .watch import Watcher

    settings = dataclasses.replace(settings, settle_seconds=settle)
    _check_folders(settings)
    log_handle = _open_log(settings)

    def log(outcome, done: int, total: int) -> None:
        line = _outcome_line(outcome)
        if log_handle:
            log_handle.write(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}\n")
            log_handle.flush()
        if not settings.quiet or outcome.status == "failed":
            typer.echo(f"[{done}/{total}] {line}", err=True)

    def ready() -> None:
        if not settings.quiet:
            typer.echo(f"watching {settings.input_dir} (settle {settle:g} s)", err=True)

    watcher = Watcher(settings, log, on_ready=ready)
    watcher.install_signal_handlers()
    try:
        watcher.run()
    except PublishError as exc:  # configuration, environment, or the lock (75)
        if settings.debug:
            raise
        raise _fail(str(exc), exc.exit_code) from None
    except (OSError, sqlite3.Error) as exc:  # the output folder itself is unusable
        if settings.debug:
            raise
        where = getattr(exc, "filename", None) or settings.output_dir
        raise _fail(f"{where}: {getattr(exc, 'strerror', None) or exc}") from None
    finally:
        if log_handle:
            log_handle.close()
    if not settings.quiet:
        typer.echo("stopped.", err=True)
    raise typer.Exit(EXIT_OK)


@settings_command("clean")
def clean_(
    settings: Settings,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="An input file.")],
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help="List every removal with its rule or signal, and why the title and each heading were chosen.",
        ),
    ] = False,
) -> None:
    """Print the cleaned, structured Markdown of one file to stdout."""
    from .clean import load_rules
    from .errors import DocumentError
    from .flow import prepare

    try:
        rule_set = load_rules(settings.rules_files, settings.skip_rules)
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
            rule = removal.rule if removal.score is None else f"{removal.rule} {removal.score:.2f}"
            typer.echo(f"line {removal.line:>4}  {rule:<24} {text[:100]}", err=True)
        if doc.evidence.spared:
            typer.echo(f"\n# {len(doc.evidence.spared)} line(s) kept by the prose guard", err=True)
            for spared in doc.evidence.spared:
                typer.echo(f"{spared.replace(chr(10), ' ⏎ ')[:120]}", err=True)
        typer.echo(f"\n# title and {len(doc.explained) - 1} heading(s)", err=True)
        for line in doc.explained:
            typer.echo(line, err=True)


def _parse_cluster(value: str):
    try:
        return parse_cluster(value)
    except PublishError as exc:
        raise _fail(str(exc), exc.exit_code) from None


def _dask_executor():
    """pipeline.dask_executor, or a usage error saying how to install Dask."""
    try:
        from . import dask_executor
    except ModuleNotFoundError as exc:
        if exc.name not in {"dask", "distributed"}:
            raise
        raise _fail(
            f"--cluster needs Dask ({exc.name} is not installed): "
            "pip install 'publish[cluster]', or scripts/setup.sh --cluster"
        ) from None
    return dask_executor


@app.command("doctor")
def doctor(
    style: StyleName = None,
    cluster: Annotated[
        str | None,
        typer.Option(
            "--cluster",
            metavar="ADDRESS",
            help="Check every worker of this Dask cluster instead of this machine.",
        ),
    ] = None,
) -> None:
    """Check pandoc, weasyprint, HarfBuzz subsetting and the fonts the styles need (with
    --cluster: on every worker of the cluster)."""
    from .doctor import diagnose

    if cluster:
        address = _parse_cluster(cluster)
        try:
            bad = _dask_executor().doctor(address, style, typer.echo)
        except PublishError as exc:
            raise _fail(str(exc), exc.exit_code) from None
        if bad:
            typer.echo(f"\n{bad} worker(s) lack something.", err=True)
            raise typer.Exit(EXIT_USAGE)
        typer.echo("\nall good.")
        return
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
    office: Annotated[
        bool,
        typer.Option(
            "--office/--no-office",
            help="DOCX: also measure LibreOffice's layout of it (when LibreOffice is installed).",
        ),
    ] = True,
) -> None:
    """Measure a PDF or DOCX against its style (page, margins, sizes, grid, page numbers).

    A DOCX is measured twice: what its styles say, and (with LibreOffice installed) the pages
    LibreOffice lays out from it: characters lost against the Markdown beside it, characters a
    line, short lines."""
    from .check import check_docx, check_docx_layout, check_pdf
    from .office import OfficeError, office_binary
    from .styles import load_style

    kind = path.suffix.lower().lstrip(".")
    if kind not in {"pdf", "docx"} or not path.is_file():
        raise _fail(f"{path}: not a PDF or DOCX file")
    try:
        chosen = load_style(style or render.default_styles()[kind])
        measures = (check_pdf if kind == "pdf" else check_docx)(path, chosen)
        if kind == "docx" and office:
            if office_binary() is None:
                typer.echo("LibreOffice is not installed: its layout of the DOCX is not measured.")
            else:
                measures += check_docx_layout(path, chosen)
    except OfficeError as exc:
        raise _fail(f"{path}: cannot measure LibreOffice's layout: {exc}", EXIT_FAILED) from None
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


@app.command("serve")
def serve_(
    idle: Annotated[
        float,
        typer.Option(
            "--idle",
            min=0,
            metavar="SECONDS",
            help="Stop after this long without a command (0: never).",
        ),
    ] = 900.0,
    background: Annotated[
        bool,
        typer.Option("--background", help="Run detached; return once it listens."),
    ] = False,
    stop: Annotated[bool, typer.Option("--stop", help="Stop this user's servers.")] = False,
) -> None:
    """Keep a warm process that runs `publish all` and `publish file` for this user: imports,
    weasyprint, styles and fonts loaded once, so a small batch starts at its first document.
    The commands use it by themselves while it runs (PUBLISH_SERVER=off: never)."""
    from .cache import cache_dir
    from .serve import detach, serve, stop_servers

    if stop:
        pids = stop_servers()
        typer.echo(f"stopped {', '.join(map(str, pids))}." if pids else "no server runs.", err=True)
        raise typer.Exit(EXIT_OK)
    try:
        if background:
            log = cache_dir() / "serve.log"
            pid = detach(idle, log)
            typer.echo(f"serving in the background ({pid}); log: {log}", err=True)
        else:
            serve(idle)
    except PublishError as exc:
        raise _fail(str(exc), exc.exit_code) from None
    raise typer.Exit(EXIT_OK)


@settings_command("status")
def status(
    settings: Settings,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """Show which documents are published, failed, pending (new) or stale (changed).

    Give the options the scheduled `publish all` runs with: they are part of what "changed"
    means.
    """
    from .status import collect

    _check_folders(settings)
    try:
        rows = collect(settings)
    except sqlite3.DatabaseError as exc:
        where = settings.state_dir / "state.db"
        raise _fail(f"{where}: {exc} (delete it to start afresh)") from None
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
