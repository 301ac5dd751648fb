"""Running pandoc (the binary shipped in pypandoc-binary) on the Markdown intermediate.

Inputs come from the web or from a drop folder, so they are data, never instructions:
- pandoc never sees a user's YAML: the body goes in with `-yaml_metadata_block`, and the
  metadata comes from the intermediate's front matter, validated by the project (only the keys
  it knows, plain values), in a JSON file the project writes;
- raw HTML/TeX are off, images become their alt text (inert.lua);
- every run that parses user text runs with --sandbox (no network, no file reads beyond the
  files named on the command line). The EPUB writer needs the project's own CSS, fonts and
  cover, which the sandbox refuses to read; so for EPUB the text is parsed in a sandboxed run
  into pandoc's document tree, the project checks that tree holds nothing that makes a writer
  read a file (no image, no raw block, metadata its own), and a second run writes the EPUB from
  it;
- each run is bounded: a heap limit (`+RTS -M`), a time limit, and it dies with the worker
  that started it (parent-death signal; it is also in the worker's process group, which the
  batch kills on a timeout).

The conversions the formats use (the parse, HTML, DOCX, EPUB, plain text) go to a pandoc kept
running (warm_pandoc.py: the same reader, options and filters, sandboxed the same way, under
the same limits); anything else, or with the warm route turned off (`set_warm`), runs a pandoc
of its own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from .. import frontmatter
from ..children import die_with_parent
from ..errors import DocumentError
from ..settings import PANDOC_MEMORY_MB

MARKDOWN = (
    "markdown-raw_html-raw_tex-raw_attribute-smart-citations-implicit_figures"
    "-tex_math_dollars-tex_math_single_backslash-yaml_metadata_block"
)
INERT_FILTER = Path(__file__).with_name("inert.lua")
SERVER = Path(__file__).with_name("warm_pandoc.lua")

# The limits every pandoc run gets; the batch sets them from its settings in each worker.
_limits: dict[str, float | None] = {"memory_mb": PANDOC_MEMORY_MB, "seconds": None}
_warm = {"on": True}
_ahead = {"pid": 0}  # the process that started its kept pandoc ahead

# Metadata the writers use; anything else in the front matter stays out of pandoc.
_WRITER_META = ("title", "subtitle", "author", "date", "lang")
# Document tree nodes that make a writer read a file or embed something.
_FETCHING_NODES = {"Image", "RawBlock", "RawInline"}


def set_limits(memory_mb: int | None = None, seconds: float | None = None) -> None:
    """Heap limit (MB) and time limit (seconds) of every later pandoc run in this process."""
    if memory_mb is not None:
        _limits["memory_mb"] = memory_mb
    _limits["seconds"] = seconds


def set_warm(on: bool) -> None:
    """Use a pandoc kept running (the default) or one pandoc per conversion."""
    _warm["on"] = on


@cache
def pandoc_path() -> str:
    """The pandoc pypandoc-binary ships (the one whose version the run key pins), or the one
    PYPANDOC_PANDOC names, as pypandoc honours it; found without running a pandoc (pypandoc's
    own search runs `pandoc --version` for each candidate on the PATH and beside Python, and
    takes the newest, which need not be the pinned one)."""
    named = os.environ.get("PYPANDOC_PANDOC")
    if named:
        return named
    # Where pypandoc is, without importing it (its import loads urllib and http.client).
    spec = importlib.util.find_spec("pypandoc")
    if spec is not None and spec.origin:
        shipped = Path(spec.origin).resolve().parent / "files" / "pandoc"
        if os.access(shipped, os.X_OK):
            return str(shipped)
    import pypandoc

    return pypandoc.get_pandoc_path()


def run(args: list[str], data: bytes, what: str) -> bytes:
    """Run pandoc with args, data on stdin; return stdout. Raises DocumentError."""
    command = [pandoc_path(), "+RTS", f"-M{_limits['memory_mb']}m", "-RTS", *args]
    parent = os.getpid()
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: die_with_parent(parent),  # one prctl call between fork and exec
    )
    try:
        out, err = process.communicate(data, timeout=_limits["seconds"])
    except subprocess.TimeoutExpired:
        raise DocumentError(f"pandoc ({what}) timed out after {_limits['seconds']:g} s") from None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode:
        message = err.decode("utf-8", "replace")
        if "Heap exhausted" in message or "heap overflow" in message:
            raise DocumentError(
                f"pandoc ({what}) ran out of memory (limit {_limits['memory_mb']} MB)"
            )
        lines = message.strip().splitlines()
        raise DocumentError(f"pandoc failed ({what}): {lines[-1] if lines else process.returncode}")
    return out


def _writer_meta(yaml_text: str) -> str:
    """The metadata pandoc gets (JSON text): the writers' keys of the front matter, as plain
    strings."""
    meta, _ = frontmatter.parse(yaml_text)
    chosen = {key: str(meta[key]) for key in _WRITER_META if meta.get(key) not in (None, "")}
    return json.dumps(chosen, ensure_ascii=False)


def _meta_file(folder: str, markdown: str) -> tuple[str, str]:
    """(path of a JSON metadata file in folder, Markdown body) for an intermediate."""
    yaml_text, body = frontmatter.split(markdown)
    path = os.path.join(folder, "meta.json")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(_writer_meta(yaml_text))
    return path, body


def convert(
    markdown: str,
    to: str,
    out: Path | None = None,
    args: Sequence[str] = (),
    *,
    project_files: bool = False,
) -> str:
    """Convert an intermediate (front matter + Markdown) with pandoc; return the text, or write
    `out` for binary formats. project_files: the writer reads files the project made (CSS,
    fonts, cover), which --sandbox would refuse: parse and write in two runs (see above)."""
    if out is not None or project_files:
        return _convert(markdown, to, out, args, project_files=project_files)
    # A text: the same again for the same request, and a request made while the same one
    # runs (started ahead by flow.prefetch) waits for it instead of running it twice.
    key = (markdown, to, tuple(args), _warm["on"], _limits["memory_mb"])
    with _recent_lock:
        if key in _recent:
            return _recent[key]
        running = _running.get(key)
        if running is None:
            _running[key] = threading.Event()
    if running is not None:
        running.wait()
        with _recent_lock:
            if key in _recent:
                return _recent[key]
        return _convert(markdown, to, None, args, project_files=False)  # it failed there
    try:
        text = _convert(markdown, to, None, args, project_files=False)
        with _recent_lock:
            _recent[key] = text
            while len(_recent) > RECENT_KEPT:
                del _recent[next(iter(_recent))]
        return text
    finally:
        with _recent_lock:
            _running.pop(key).set()


# The last few texts converted (the PDF's HTML and the web page's are the same conversion).
RECENT_KEPT = 4
_recent: dict[tuple, str] = {}
_running: dict[tuple, threading.Event] = {}
_recent_lock = threading.Lock()


def _convert(
    markdown: str, to: str, out: Path | None, args: Sequence[str], *, project_files: bool
) -> str:
    where = out.parent if out else None  # the document's scratch folder, when there is one
    if _warm["on"] and not project_files and out is None:
        request = _warm_options(args)
        if request is not None:
            yaml_text, body = frontmatter.split(markdown)
            request |= {"op": "read", "to": to, "body": body, "meta": _writer_meta(yaml_text)}
            request["filters"] = [str(INERT_FILTER), *request.get("filters", [])]
            return _warm_run(request, to).decode("utf-8")
    with tempfile.TemporaryDirectory(prefix=".pandoc-", dir=where) as scratch:
        meta, body = _meta_file(scratch, markdown)
        reader = ["-f", MARKDOWN, "--metadata-file", meta, "--lua-filter", str(INERT_FILTER)]
        if not project_files:
            target = ["-o", str(out)] if out else []
            result = run([*reader, "--sandbox", "-t", to, *target, *args], body.encode(), to)
            return result.decode("utf-8")
        tree = run([*reader, "--sandbox", "-t", "json"], body.encode(), "read")
        return write_tree(json.loads(tree), to, out, args)


def write_tree(tree: dict, to: str, out: Path | None = None, args: Sequence[str] = ()) -> str:
    """Write a document tree pandoc read from an intermediate (convert(..., "json"), which
    runs sandboxed) after checking it holds nothing that makes a writer read a file; the
    writer may then read the project's own files (CSS, fonts, cover, reference document)."""
    try:
        _check_tree(tree)
    except RecursionError:
        raise DocumentError("nested too deeply (lists, quotes or brackets)") from None
    if _warm["on"] and out is not None:
        request = _warm_options(args)
        if request is not None:
            request |= {"op": "write", "to": to, "tree": json.dumps(tree), "out": str(out)}
            _warm_run(request, to)
            return ""
    target = ["-o", str(out)] if out else []
    return run(["-f", "json", "-t", to, *target, *args], json.dumps(tree).encode(), to).decode(
        "utf-8"
    )


# The command-line options the warm route takes, each with its field in a request.
_VALUED = {
    "--lua-filter": "filters",
    "--reference-doc": "reference_doc",
    "--epub-embed-font": "fonts",
    "--css": "css",
    "--epub-cover-image": "cover",
}
_FLAGS = {
    "--syntax-highlighting=none": ("highlight", "none"),
    "--wrap=none": ("wrap", "none"),
    "--epub-title-page=true": ("title_page", True),
    "--split-level=1": ("split_level", 1),
}


def _warm_options(args: Sequence[str]) -> dict | None:
    """The request fields for these command-line options, or None when one of them is not
    one the warm route takes (that conversion runs a pandoc of its own)."""
    request: dict = {}
    given = iter(args)
    for arg in given:
        if arg in _FLAGS:
            key, value = _FLAGS[arg]
            request[key] = value
        elif arg in _VALUED:
            value = os.path.abspath(next(given))
            if _VALUED[arg] == "filters":  # run in the order given
                request.setdefault("filters", []).append(value)
            elif _VALUED[arg] == "fonts":  # the command line lists the last given first
                request.setdefault("fonts", []).insert(0, value)
            elif _VALUED[arg] in request:
                return None
            else:
                request[_VALUED[arg]] = value
        else:
            return None
    return request


def _warm_run(request: dict, what: str) -> bytes:
    from .warm_pandoc import servers

    with servers().server(*_warm_command()) as server:
        return server.request(request, what, _limits["seconds"])


def _warm_command() -> tuple[list[str], int]:
    memory_mb = int(_limits["memory_mb"] or PANDOC_MEMORY_MB)
    # Its heap limit is the kernel's (warm_pandoc.py): +RTS -M would only slow it down.
    return [pandoc_path(), "lua", str(SERVER), MARKDOWN], memory_mb


def start_ahead() -> None:
    """A kept pandoc started now, in the background, for this process's first conversion (a
    worker calls it when it starts; set_limits first). Once per process."""
    if _warm["on"] and _ahead["pid"] != os.getpid():
        _ahead["pid"] = os.getpid()
        from .warm_pandoc import servers

        servers().start_spare(*_warm_command())


def tree_meta(
    tree: dict, keep: Sequence[str], strings: dict[str, str | None] | None = None
) -> dict:
    """The tree with only the metadata keys in keep, and plain strings set or replaced."""
    meta = {key: value for key, value in tree.get("meta", {}).items() if key in keep}
    for key, value in (strings or {}).items():
        if value:
            meta[key] = {"t": "MetaString", "c": value}
        else:
            meta.pop(key, None)
    return {**tree, "meta": meta}


def _check_tree(tree: dict) -> None:
    """Refuse a document tree holding anything that makes a writer read a file."""
    allowed_meta = set(_WRITER_META)
    if not set(tree.get("meta", {})) <= allowed_meta:
        raise DocumentError("pandoc: unexpected metadata in the document tree")
    stack: list = [tree.get("blocks", []), tree.get("meta", {})]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("t") in _FETCHING_NODES:
                raise DocumentError(f"pandoc: the document tree holds {node['t']}")
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def pandoc_version() -> str:
    import pypandoc

    return pypandoc.get_pandoc_version()
