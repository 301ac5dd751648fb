"""The renderer registry: every output format publish can write, each declared by its module.

A format is one module of this package that assigns, at its top level,

    FORMAT = Format(name="txt", extension="txt", render=render_txt, ...)

and nothing else has to change: `--formats`, its help, the default formats, the style each
format uses, the format's own command-line options, `publish doctor`'s checks, the fingerprint
and `flow.render_all` all come from these declarations. A format module imports only cheap
things at its top (the heavy libraries inside its functions), because the command line reads
the registry on every start; modules without a top-level `FORMAT = ` line (helpers such as
pandoc.py) are not imported by the registry.

The contract of `render`:

    render(doc, style, out_path, options) -> None

- `doc`: the structured Document (doc.markdown is the intermediate, doc.meta its front matter,
  doc.parsed its typed form: headings, run-ins, marked blocks; declare `parses=True` to use it);
- `style`: the Style to use, or None for a format with `style=None` (it needs none);
- `out_path`: where to write, in a scratch folder of the worker's (renamed into place by the
  batch runner, never by a renderer); other scratch files go beside it and are removed;
- `options`: the values of the format's own options, {FormatOption.name: value}, defaults
  filled in;
- a document the format cannot render raises errors.DocumentError with a reason; anything
  else is a bug (the document fails as an "internal error").
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Document
    from ..styles import Style


@dataclass(frozen=True)
class Tool:
    """Something outside Python's own imports a format needs; `publish doctor` checks it.

    check() returns a one-line description (a version, a path) or raises OSError, ImportError
    or RuntimeError saying what is wrong; fix says how to install it.
    """

    name: str
    check: Callable[[], str]
    fix: str


@dataclass(frozen=True)
class FormatOption:
    """A command-line option that belongs to one format: `--<flag>`, value in options[name]."""

    name: str  # key in the options the renderer gets
    flag: str  # e.g. "--pdf-variant"
    help: str
    default: Any = None  # False for an on/off flag
    choices: tuple[str, ...] = ()  # allowed values of a valued option
    metavar: str = "VALUE"

    @property
    def is_flag(self) -> bool:
        return isinstance(self.default, bool)


@dataclass(frozen=True)
class Format:
    name: str  # what --formats names
    extension: str  # output file: output/<stem>.<extension>
    render: Callable[[Document, Style | None, Path, Mapping[str, Any]], None]
    description: str  # one line, for --help and the README
    style: str | None = None  # the style used unless --style names one; None: no style at all
    default: bool = False  # written when --formats is not given
    always: bool = False  # written whatever --formats says (the Markdown intermediate)
    order: int = 50  # position in --formats lists and in a run (md 0, pdf 10, docx 20, epub 30)
    options: tuple[FormatOption, ...] = ()
    tools: tuple[Tool, ...] = ()
    # Distributions whose version changes this format's output: part of the fingerprint.
    packages: tuple[str, ...] = ()
    # Mostly the work of a child process (pandoc): may run in a thread beside another format.
    side_by_side: bool = False
    # Reads doc.parsed (the typed intermediate): it is parsed once, before formats run.
    parses: bool = False
    # Work done once per style in a process before its first document (heavy imports, parsed
    # CSS, a reference document): a worker pool does it before its workers fork, so they share
    # it; a lone worker does it in a thread while the document's other formats render.
    warm: Callable[[Style | None], None] | None = None
    # Work on the document that runs in a child process (pandoc) and can start the moment the
    # document is ready, in a thread, while the worker does other things (flow.prefetch).
    prefetch: Callable[[Document], None] | None = None

    def option_values(self, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """This format's options: the given values over the defaults."""
        values = {option.name: option.default for option in self.options}
        values.update(given or {})
        return values


_DECLARES = re.compile(r"^FORMAT = ", re.M)


@cache
def registry() -> dict[str, Format]:
    """{name: Format} of every format module of this package, in `order`."""
    found: list[Format] = []
    folder = Path(__file__).parent
    for module in pkgutil.iter_modules([str(folder)]):
        source = folder / f"{module.name}.py"
        if not source.is_file() or not _DECLARES.search(source.read_text("utf-8")):
            continue
        declared = importlib.import_module(f"{__name__}.{module.name}").FORMAT
        if not isinstance(declared, Format):
            raise TypeError(f"{source}: FORMAT is not a Format")
        found.append(declared)
    names = [f.name for f in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise TypeError(f"two formats are named {', '.join(duplicates)}")
    return {f.name: f for f in sorted(found, key=lambda f: (f.order, f.name))}


def get(name: str) -> Format:
    return registry()[name]


def names() -> tuple[str, ...]:
    return tuple(registry())


def default_names() -> tuple[str, ...]:
    return tuple(f.name for f in registry().values() if f.default or f.always)


def default_styles() -> dict[str, str]:
    """{format: style name} of the formats that use a style."""
    return {f.name: f.style for f in registry().values() if f.style}


def required_tools(formats: tuple[str, ...] | None = None) -> list[Tool]:
    """The tools the given formats (default: all) need, each once, in format order."""
    chosen = registry().values() if formats is None else [get(f) for f in formats]
    found: dict[str, Tool] = {}
    for fmt in chosen:
        for tool in fmt.tools:
            found.setdefault(tool.name, tool)
    return list(found.values())


def field_name(fmt: Format, option: FormatOption) -> str:
    """The Python name of a format option on the command line (`pdf_variant`)."""
    return f"{fmt.name}_{option.name}".replace("-", "_")


__all__ = [
    "Format",
    "FormatOption",
    "Tool",
    "default_names",
    "default_styles",
    "field_name",
    "get",
    "names",
    "registry",
    "required_tools",
]
