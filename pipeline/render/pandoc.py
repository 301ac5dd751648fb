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
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pypandoc

from .. import frontmatter
from ..children import die_with_parent
from ..errors import DocumentError
from ..settings import PANDOC_MEMORY_MB

MARKDOWN = (
    "markdown-raw_html-raw_tex-raw_attribute-smart-citations-implicit_figures"
    "-tex_math_dollars-tex_math_single_backslash-yaml_metadata_block"
)
INERT_FILTER = Path(__file__).with_name("inert.lua")

# The limits every pandoc run gets; the batch sets them from its settings in each worker.
_limits: dict[str, float | None] = {"memory_mb": PANDOC_MEMORY_MB, "seconds": None}

# Metadata the writers use; anything else in the front matter stays out of pandoc.
_WRITER_META = ("title", "subtitle", "author", "date", "lang")
# Document tree nodes that make a writer read a file or embed something.
_FETCHING_NODES = {"Image", "RawBlock", "RawInline"}


def set_limits(memory_mb: int | None = None, seconds: float | None = None) -> None:
    """Heap limit (MB) and time limit (seconds) of every later pandoc run in this process."""
    if memory_mb is not None:
        _limits["memory_mb"] = memory_mb
    _limits["seconds"] = seconds


def pandoc_path() -> str:
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


def _meta_file(folder: str, markdown: str) -> tuple[str, str]:
    """(path of a JSON metadata file in folder, Markdown body) for an intermediate."""
    yaml_text, body = frontmatter.split(markdown)
    meta, _ = frontmatter.parse(yaml_text)
    chosen = {key: str(meta[key]) for key in _WRITER_META if meta.get(key) not in (None, "")}
    path = os.path.join(folder, "meta.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(chosen, handle, ensure_ascii=False)
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
    where = out.parent if out else None  # the document's scratch folder, when there is one
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
    target = ["-o", str(out)] if out else []
    return run(["-f", "json", "-t", to, *target, *args], json.dumps(tree).encode(), to).decode(
        "utf-8"
    )


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
    return pypandoc.get_pandoc_version()
