"""A document published on another machine: what travels, and what the worker does with it.

The coordinator sends a worker everything a document's outputs depend on, so a worker needs no
shared filesystem and no access to input/ or output/:

- a `Context`, the same for every document of a run: the run's settings, the files of each
  style folder (their content, not their path), the content of every extra rules file, the
  digest of the coordinator's pipeline code and the fonts each style resolved to there;
- a `Request` per document: its key, output name and input bytes.

On the worker, `setup(context)` runs once per context in a child process (pipeline.isolate):
it checks that the worker runs the same pipeline code and resolves the same fonts (otherwise
its outputs would differ from the coordinator's), writes the style folders and rules files
into a private folder, loads them and weasyprint, and returns `publish`, which turns a Request
into a `Reply`: the outcome and the rendered files as bytes. The worker writes nothing the
coordinator reads; the coordinator alone moves files into output/ and records state.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .clean import RuleSet
from .errors import EnvironmentProblem, PublishError
from .executor import Outcome, Status
from .settings import Settings
from .styles import Style

PACKAGE = Path(__file__).parent


def code_digest() -> str:
    """The pipeline's own code and data files (what the run key hashes too)."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.suffix in {".py", ".toml", ".lua"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _folder_files(folder: Path) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    )


def _font_names(style: Style) -> dict[str, str]:
    return {role: f"{font.family}" for role, font in style.fonts.items() if font}


@dataclass(frozen=True)
class StyleFiles:
    folder: str  # the style folder's name (a style without `name` is called by it)
    files: tuple[tuple[str, bytes], ...]  # (path inside the folder, content)
    fonts: dict[str, str]  # role -> family the coordinator resolved


@dataclass(frozen=True)
class Context:
    settings: Settings
    styles: dict[str, StyleFiles]  # format -> its style
    rules: tuple[tuple[str, bytes], ...]  # extra rules files: (file name, content)
    code: str  # code_digest() of the coordinator


@dataclass(frozen=True)
class Request:
    key: str  # input path relative to the input folder
    name: str  # output stem relative to the output folder
    data: bytes  # the input file's bytes


@dataclass
class Reply:
    outcome: Outcome
    files: dict[str, bytes] = field(default_factory=dict)  # output suffix (".pdf") -> bytes


def make_context(settings: Settings, styles: dict[str, Style]) -> Context:
    """On the coordinator: everything but the input that a worker needs, by content."""
    return Context(
        settings=settings,
        styles={
            fmt: StyleFiles(style.folder.name, _folder_files(style.folder), _font_names(style))
            for fmt, style in styles.items()
        },
        rules=tuple((Path(p).name, Path(p).read_bytes()) for p in settings.rules_files),
        code=code_digest(),
    )


# ---------------------------------------------------------------- on the worker


@dataclass
class Prepared:
    context: Context
    styles: dict[str, Style]
    rules: RuleSet
    scratch: Path


def setup(context: Context):
    """Prepare this process for the context's documents; return the function that publishes one.

    Raises EnvironmentProblem when this machine would not make the coordinator's outputs."""
    from .clean import load_rules
    from .styles import load_style

    if context.code != code_digest():
        raise EnvironmentProblem(
            "this worker runs other publish code than the coordinator "
            "(install the same version on every worker: scripts/setup.sh --cluster)"
        )
    home = Path(tempfile.mkdtemp(prefix="publish-worker-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    folders: dict[str, Path] = {}
    for index, (fmt, shipped) in enumerate(sorted(context.styles.items())):
        folder = home / "styles" / str(index) / shipped.folder
        for relative, data in shipped.files:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
        folders[fmt] = folder
    loaded = {folder: load_style(str(folder)) for folder in set(folders.values())}
    styles = {fmt: loaded[folder] for fmt, folder in folders.items()}
    for fmt, style in styles.items():
        want, have = context.styles[fmt].fonts, _font_names(style)
        for role in sorted(set(want) | set(have)):
            if want.get(role) != have.get(role):
                raise EnvironmentProblem(
                    f"style {style.name}: font {role} is {have.get(role) or 'not installed'} "
                    f"on this worker but {want.get(role) or 'not installed'} on the coordinator "
                    "(`publish doctor --cluster` lists each worker's fonts)"
                )
    rules_files = []
    for index, (name, data) in enumerate(context.rules):
        path = home / "rules" / f"{index}-{name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        rules_files.append(path)
    rules = load_rules(rules_files, context.settings.skip_rules)
    import weasyprint  # noqa: F401  (loaded once per worker, not once per document)

    prepared = Prepared(context, styles, rules, home / "work")
    return lambda request: publish(prepared, request)


def publish(prepared: Prepared, request: Request) -> Reply:
    """Publish one document into bytes. Never raises: failures become outcomes."""
    from .flow import check_glyphs, prepare, render_all

    settings = prepared.context.settings
    started = time.perf_counter()
    scratch = prepared.scratch / "doc"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        source = scratch / "in" / Path(request.key).name
        source.parent.mkdir(parents=True)
        source.write_bytes(request.data)
        doc = prepare(source, request.name, prepared.rules)
        doc = check_glyphs(doc, prepared.styles.values(), settings.strict)
        written = render_all(
            doc,
            settings.formats,
            prepared.styles,
            {fmt: settings.options_for(fmt) for fmt in settings.formats},
            scratch,
        )
        files = {path.suffix: path.read_bytes() for path in written.values()}
        outcome = Outcome(
            request.key,
            Status.PUBLISHED,
            [f"{request.name}{suffix}" for suffix in files],
            list(doc.warnings),
            None,
            time.perf_counter() - started,
            [r.as_dict() for r in doc.removed],
        )
        return Reply(outcome, files)
    except PublishError as exc:
        error = str(exc)
    except Exception as exc:  # a bug or a library failure: still one document, not the batch
        error = "internal error: " + "".join(traceback.format_exception_only(exc)).strip()
        if settings.debug:
            error += "\n" + traceback.format_exc()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return Reply(
        Outcome(request.key, Status.FAILED, error=error, seconds=time.perf_counter() - started)
    )
