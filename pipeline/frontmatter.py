"""YAML front matter: the one place that finds, reads, validates and writes it.

Front matter in an input file is untrusted: it is parsed by a YAML loader that refuses more
than a few aliases (an alias bomb would otherwise expand to gigabytes once a value is turned
into a string) and only the keys the project knows are kept, each as a plain string (numbers
kept). Nothing else of a user's YAML ever reaches pandoc.
"""

from __future__ import annotations

import re

import yaml

from .document import FRONT_MATTER_KEYS
from .errors import DocumentError

# At the very start of a text (a BOM or blank lines may come first).
_BLOCK = re.compile(r"\A[\s\ufeff]*---\n(.*?)\n(?:---|\.\.\.)\n", re.S)
# Opens like front matter (whether or not the block is closed or parses).
_OPENING = re.compile(r"\A[\s\ufeff]*---\n")

MAX_ALIASES = 16  # front matter the project writes has none; a hand-written one, a few
MAX_BYTES = 64 * 1024  # a title block, not a document


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses YAML with more than MAX_ALIASES aliases."""

    _aliases = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases")
        return super().compose_node(parent, index)


def load_yaml(text: str):
    """Parse untrusted YAML (safe types only, few aliases, bounded size). Raises YAMLError."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise yaml.YAMLError(f"longer than {MAX_BYTES // 1024} KB")
    loader = _BoundedLoader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def find(text: str) -> tuple[dict, int] | None:
    """(mapping, characters the block spans) when text opens with YAML front matter."""
    match = _BLOCK.match(text)
    if not match:
        return None
    try:
        data = load_yaml(match.group(1))
    except yaml.YAMLError:
        return None
    return (data, match.end()) if isinstance(data, dict) else None


def opens_with_block(text: str) -> bool:
    """Whether text starts like front matter (`---` on the first non-blank line)."""
    return bool(_OPENING.match(text))


def split(markdown: str) -> tuple[str, str]:
    """(YAML text, Markdown body)."""
    match = _BLOCK.match(markdown)
    return (match.group(1), markdown[match.end() :]) if match else ("", markdown)


def validate(data: object) -> tuple[dict, list[str]]:
    """Known keys with scalar values, as plain strings (numbers kept); and warnings for the
    rest. Raises DocumentError when data is not a mapping."""
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        raise DocumentError("front matter is not a mapping of keys to values")
    meta: dict = {}
    warnings = []
    for key, value in data.items():
        name = str(key)
        if name not in FRONT_MATTER_KEYS:
            warnings.append(f"front matter key {name[:40]!r} is not used; dropped")
        elif isinstance(value, bool) or value is None:
            meta[name] = "" if value is None else str(value).lower()
        elif isinstance(value, int | float):
            meta[name] = value
        elif isinstance(value, list | dict | set | tuple):
            warnings.append(f"front matter key {name!r} is not a plain value; dropped")
        else:  # a block scalar (key: |) ends in a line break that no value keeps
            meta[name] = str(value).strip()
    return meta, warnings


def load(yaml_text: str) -> object:
    """Untrusted front matter YAML parsed (None when empty). Raises DocumentError."""
    try:
        return load_yaml(yaml_text) if yaml_text.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        reason = getattr(exc, "problem", None) or str(exc)
        where = f" (line {mark.line + 1})" if mark else ""
        raise DocumentError(f"front matter is not valid YAML: {reason}{where}") from None


def parse(yaml_text: str) -> tuple[dict, list[str]]:
    """Validated front matter from YAML text (see validate). Raises DocumentError."""
    return validate(load(yaml_text))


def read(markdown: str) -> dict:
    """The front matter of an intermediate, validated (see validate)."""
    yaml_text, _ = split(markdown)
    return parse(yaml_text)[0] if yaml_text else {}


def is_ours(text: str) -> bool:
    """Front matter of an intermediate (published or hand-edited); front matter from other
    tools (blog engines: tags, permalinks) marks a page to clean instead."""
    found = find(text)
    return found is not None and ("lang" in found[0] or set(found[0]) <= set(FRONT_MATTER_KEYS))


def write(meta: dict) -> str:
    """The front matter block for meta, keys in FRONT_MATTER_KEYS order, empty ones left out."""
    ordered = {key: meta[key] for key in FRONT_MATTER_KEYS if meta.get(key) not in (None, "")}
    dumped = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{dumped}---\n"
