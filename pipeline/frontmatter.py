"""YAML front matter: the one place that finds, reads and writes it."""

from __future__ import annotations

import re

import yaml

from .document import FRONT_MATTER_KEYS
from .errors import DocumentError

# At the very start of a text (a BOM or blank lines may come first).
_BLOCK = re.compile(r"\A[\s\ufeff]*---\n(.*?)\n(?:---|\.\.\.)\n", re.S)


def find(text: str) -> tuple[dict, int] | None:
    """(mapping, characters the block spans) when text opens with YAML front matter."""
    match = _BLOCK.match(text)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    return (data, match.end()) if isinstance(data, dict) else None


def split(markdown: str) -> tuple[str, str]:
    """(YAML text, Markdown body)."""
    match = _BLOCK.match(markdown)
    return (match.group(1), markdown[match.end() :]) if match else ("", markdown)


def read(markdown: str) -> dict:
    """The front matter of an intermediate, values as strings (numbers kept)."""
    yaml_text, _ = split(markdown)
    if not yaml_text:
        return {}
    try:
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        raise DocumentError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        return {}
    return {str(k): (v if isinstance(v, int | float) else str(v)) for k, v in data.items()}


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
