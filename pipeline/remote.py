"""A document published on another machine: what travels, and what the worker does with it.

The coordinator sends a worker everything a document's outputs depend on, so a worker needs no
shared filesystem and no access to input/ or output/:

- a `Context`, the same for every document of a run: the run's Recipe (executor.py), the files
  of each style folder it names and of each extra rules file (their content: the Recipe names
  them by the coordinator's paths), the digest of the coordinator's pipeline code, and the
  font each style's roles resolved to there;
- per document, the Task and the input's bytes.

On the worker, `setup(context)` runs once per context in a child process (pipeline.isolate):
it checks that the worker runs the same pipeline code and resolves the same fonts (otherwise
its outputs would differ from the coordinator's), writes the style folders and rules files
into a private folder, prepares the Recipe that names those copies (styles, rules and
weasyprint loaded once) and returns the function that publishes one document with
executor.publish, the same work the local pool does, into bytes. A worker writes nothing the
coordinator reads; the coordinator alone places the files and records state.
"""

from __future__ import annotations

import atexit
import hashlib
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import EnvironmentProblem
from .executor import Recipe, Result, Task, prepared, publish
from .styles import Style, load_style

PACKAGE = Path(__file__).parent


def code_digest() -> str:
    """The pipeline's own code and data files: a worker must run the coordinator's."""
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
    return {role: font.family for role, font in style.fonts.items() if font}


@dataclass(frozen=True)
class StyleFiles:
    folder: str  # the style folder's name (a style without `name` is called by it)
    files: tuple[tuple[str, bytes], ...]  # (path inside the folder, content)
    fonts: dict[str, str]  # role -> the family the coordinator resolved it to


@dataclass(frozen=True)
class Context:
    recipe: Recipe  # as the coordinator made it: styles and rules named by its paths
    styles: dict[str, StyleFiles]  # the style (name or folder) of the recipe -> its files
    rules: tuple[tuple[str, bytes], ...]  # the recipe's rules files: (file name, content)
    code: str  # code_digest() of the coordinator


def make_context(recipe: Recipe) -> Context:
    """On the coordinator: the recipe with everything it names, by content."""
    styles = {}
    for name in sorted(set(recipe.styles.values())):
        style = load_style(name)
        styles[name] = StyleFiles(
            style.folder.name, _folder_files(style.folder), _font_names(style)
        )
    return Context(
        recipe=recipe,
        styles=styles,
        rules=tuple((Path(p).name, Path(p).read_bytes()) for p in recipe.rules_files),
        code=code_digest(),
    )


# ---------------------------------------------------------------- on the worker


def setup(context: Context) -> Callable[[tuple[Task, bytes]], Result]:
    """Prepare this process for the context's documents; return the function that publishes
    one (task, input bytes) into a Result whose files are bytes.

    Raises EnvironmentProblem when this machine would not make the coordinator's outputs."""
    if context.code != code_digest():
        raise EnvironmentProblem(
            "runs other publish code than the coordinator "
            "(install the same version on every worker: scripts/setup.sh --cluster)"
        )
    home = Path(tempfile.mkdtemp(prefix="publish-worker-"))
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    folders: dict[str, str] = {}
    for index, (name, shipped) in enumerate(sorted(context.styles.items())):
        folder = home / "styles" / str(index) / shipped.folder
        for relative, data in shipped.files:
            (folder / relative).parent.mkdir(parents=True, exist_ok=True)
            (folder / relative).write_bytes(data)
        folders[name] = str(folder)
        style = load_style(str(folder))
        have = _font_names(style)
        for role in sorted(set(shipped.fonts) | set(have)):
            if shipped.fonts.get(role) != have.get(role):
                raise EnvironmentProblem(
                    f"style {style.name}: font {role} is {have.get(role) or 'not installed'} "
                    f"here but {shipped.fonts.get(role) or 'not installed'} on the coordinator "
                    "(`publish doctor --cluster` checks every worker)"
                )
    rules_files = []
    for index, (name, data) in enumerate(context.rules):
        path = home / "rules" / f"{index}-{name}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        rules_files.append(path)
    recipe = replace(
        context.recipe,
        styles={fmt: folders[name] for fmt, name in context.recipe.styles.items()},
        rules_files=tuple(rules_files),
    )
    prepared(recipe)  # styles, rules and weasyprint, once (an error here fails the setup)

    def work(request: tuple[Task, bytes]) -> Result:
        task, data = request
        return publish(recipe, task, data=data)  # no scratch given: the files come as bytes

    return work
