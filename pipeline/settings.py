"""The options of a run, defined once: `Settings` and the command-line option of each field.

Every field of Settings that a user sets carries its command-line form (`Option`: flags, help,
which commands take it, and whether it changes what the outputs look like). The typer commands
`all`, `file`, `status` and `clean` are built from these fields (cli.py, `settings_command`),
and the formats' own options come from the renderer registry (render/__init__.py). From the
same definitions come:

- `Settings.output_options()`: the options that change what a document's outputs look like,
  which are part of every document's fingerprint (batch.run_key), which `publish status` takes
  (so it judges "current" exactly as `publish all` does), and which the run report records;
- the run itself (batch.run) and the recipe every worker publishes by (executor.Recipe).

Only the CLI builds Settings from arguments; nothing else reads argv.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import render
from .errors import OptionError

INPUT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml"}
# pandoc's heap limit (+RTS -M): a long document needs well under 200 MB; a hostile one
# (thousands of nested brackets) would take all the memory there is.
PANDOC_MEMORY_MB = 1024

# Commands that publish; `status` takes every option that changes the outputs as well.
PUBLISH = frozenset({"all", "file", "watch"})


@dataclass(frozen=True)
class Option:
    """How a Settings field is given on the command line."""

    flags: tuple[str, ...]
    help: str
    metavar: str | None = None
    commands: frozenset[str] = PUBLISH  # commands that take it (see also `output`)
    output: bool = False  # changes what the outputs look like: fingerprint, status, report
    min: float | None = None
    envvar: str | None = None  # also read from this environment variable


def _setting(default: Any, *flags: str, help: str, **how: Any) -> Any:
    """A Settings field with its command-line form."""
    extra = {"default_factory": default} if callable(default) else {"default": default}
    return field(metadata={"option": Option(flags, help, **how)}, **extra)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


WHERE = frozenset({"all", "file", "status", "watch"})


@dataclass(frozen=True)
class Settings:
    input_dir: Path = _setting(
        Path("input"), "--input", "-i", metavar="DIR", help="Folder of raw inputs.", commands=WHERE
    )
    output_dir: Path = _setting(
        Path("output"),
        "--output",
        "-o",
        metavar="DIR",
        help="Folder for publications.",
        commands=WHERE,
    )
    formats: tuple[str, ...] = _setting(
        render.default_names,
        "--formats",
        metavar="LIST",
        help=f"Comma-separated formats from {','.join(render.names())}; md is always written.",
        output=True,
    )
    style: str | None = _setting(
        None,
        "--style",
        metavar="NAME",
        help="Style for every format that uses one: a folder name in styles/ or a path to a "
        "style folder (default: "
        + ", ".join(f"{s} for {f.upper()}" for f, s in render.default_styles().items())
        + ").",
        output=True,
    )
    rules_files: tuple[Path, ...] = _setting(
        tuple,
        "--rules",
        metavar="FILE",
        help="Extra cleaning rules file (TOML); repeatable.",
        output=True,
        commands=frozenset({"clean"}),
    )
    skip_rules: tuple[str, ...] = _setting(
        tuple,
        "--skip-rule",
        metavar="ID",
        help="Turn a cleaning rule off by id; repeatable.",
        output=True,
        commands=frozenset({"clean"}),
    )
    strict: bool = _setting(
        False, "--strict", help="Fail documents with characters no font covers.", output=True
    )
    # {format: {option: value}}: the formats' own options (render.FormatOption), for the
    # formats of this run.
    format_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    force: bool = _setting(False, "--force", help="Rebuild everything, changed or not.")
    jobs: int = _setting(
        1,
        "--jobs",
        "-j",
        metavar="N",
        min=1,
        help="Cores to use: documents published at once (default: all cores). With fewer "
        "documents than jobs, the spare cores work on each document's formats side by side.",
    )
    cluster: str | None = _setting(
        None,
        "--cluster",
        metavar="ADDRESS",
        envvar="PUBLISH_CLUSTER",
        help="Publish on a Dask cluster: a scheduler's address (tcp://host:8786), or local:N "
        "for N worker processes on this machine (needs publish[cluster]).",
        commands=frozenset({"all", "file"}),
    )
    prune: bool = _setting(
        False,
        "--prune",
        help="Delete outputs whose input was deleted.",
        commands=frozenset({"all", "watch"}),
    )
    settle_seconds: float = _setting(
        0.0,
        "--settle",
        metavar="SECONDS",
        min=0,
        help="Leave files modified in the last N seconds for later.",
        commands=frozenset({"all", "status"}),
    )
    timeout_seconds: float = _setting(
        300.0, "--timeout", metavar="SECONDS", min=1, help="Per-document time limit, seconds."
    )
    pandoc_memory_mb: int = _setting(
        PANDOC_MEMORY_MB,
        "--pandoc-memory",
        metavar="MB",
        min=64,
        help=f"Heap limit of each pandoc run, MB (default {PANDOC_MEMORY_MB}).",
    )
    report: Path | None = _setting(
        None, "--report", metavar="FILE", help="Write a JSON run report here."
    )
    log_file: Path | None = _setting(
        None, "--log-file", metavar="FILE", help="Append one line per document here."
    )
    quiet: bool = _setting(False, "--quiet", "-q", help="Print only failures (for cron).")
    wait: bool = _setting(False, "--wait", help="Wait for a running publish instead of exiting 75.")
    debug: bool = _setting(False, "--debug", help="Show tracebacks.")

    @property
    def state_dir(self) -> Path:
        """Everything the tool keeps for itself: lock, state database, temporary files."""
        return self.output_dir / ".publish"

    def style_for(self, fmt: str) -> str | None:
        """The style a format is rendered in; None for a format that uses no style."""
        default = render.get(fmt).style
        return None if default is None else (self.style or default)

    def style_names(self) -> dict[str, str]:
        """{format: style name} for the formats of this run that use a style."""
        return {fmt: name for fmt in self.formats if (name := self.style_for(fmt))}

    def options_for(self, fmt: str) -> dict[str, Any]:
        """A format's own options, defaults filled in."""
        return render.get(fmt).option_values(self.format_options.get(fmt))

    def output_options(self) -> dict[str, Any]:
        """Every option that changes what a document's outputs look like, as plain values.

        Part of each document's fingerprint; `publish status` compares with it; the report
        records it.
        """
        values: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            option = f.metadata.get("option")
            if option is None or not option.output:
                continue
            value = getattr(self, f.name)
            if f.name == "style":
                value = self.style_names()
            elif isinstance(value, tuple):
                value = [str(v) for v in value]
            values[f.name] = value
        values["format_options"] = {fmt: self.options_for(fmt) for fmt in self.formats}
        return values

    def options_key(self) -> str:
        return json.dumps(self.output_options(), sort_keys=True, ensure_ascii=False)


def cli_fields() -> list[dataclasses.Field]:
    """The Settings fields a user sets on the command line, in declaration order."""
    return [f for f in dataclasses.fields(Settings) if "option" in f.metadata]


def takes(option: Option, command: str) -> bool:
    return command in option.commands or (option.output and command in WHERE)


def parse_formats(value: str) -> tuple[str, ...]:
    wanted = [part.strip().lower() for part in value.split(",") if part.strip()]
    known = render.registry()
    unknown = [fmt for fmt in wanted if fmt not in known]
    if unknown:
        raise OptionError(
            "--formats",
            f"unknown format {', '.join(unknown)} (choose from {', '.join(known)})",
        )
    # md is the intermediate: always written, and first.
    return tuple(name for name, fmt in known.items() if fmt.always or name in wanted)


def parse_format_options(values: Mapping[str, Any], formats: tuple[str, ...]) -> dict:
    """{format: {option: value}} from the command line's format options ({field name: value});
    an option of a format not in the run is refused, so it cannot be silently ignored."""
    chosen: dict[str, dict[str, Any]] = {}
    for fmt in render.registry().values():
        for option in fmt.options:
            value = values.get(render.field_name(fmt, option), option.default)
            if value == option.default:
                continue
            if option.choices and value not in option.choices:
                raise OptionError(option.flag, f"choose from {', '.join(option.choices)}")
            if fmt.name not in formats:
                raise OptionError(option.flag, f"applies to {fmt.name}, which is not in --formats")
            chosen.setdefault(fmt.name, {})[option.name] = value
    return chosen
