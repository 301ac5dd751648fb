"""The Markdown intermediate read once into a typed form: what renderers act on.

The intermediate stays Markdown, because users edit it. pandoc parses it (one run, into its
JSON AST: the same reader every renderer's pandoc uses), and `Intermediate` reads that by node
type and attribute, the way pandoc's Lua filters do: headings with their level, identifier and
classes (a run-in heading carries marks.RUN_IN), and the blocks structure marked by class
(marks.WITHHELD, BYLINE, SIGNATURE) with their text. A renderer asks "the run-in headings" or
"the withheld notes" here and never re-matches the Markdown's text, so a hand-edited
intermediate with other wording, attributes in another order or two equal headings is read
exactly as pandoc reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from . import marks


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    identifier: str  # the anchor the outlines link to (and DOCX's bookmark)
    classes: tuple[str, ...]

    @property
    def run_in(self) -> bool:
        return marks.RUN_IN in self.classes


@dataclass(frozen=True)
class Marked:
    """A block structure marked by class (marks.WITHHELD, BYLINE, SIGNATURE, ...)."""

    kind: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class Intermediate:
    ast: dict  # pandoc's JSON AST of the whole intermediate
    headings: tuple[Heading, ...]
    marked: tuple[Marked, ...]
    text: str  # every block's text, one block a line (what the fonts must cover)
    strong: str = ""  # the text set bold in the blocks (headings aside): a bold face must cover it

    def run_ins(self) -> tuple[Heading, ...]:
        return tuple(h for h in self.headings if h.run_in)

    def of_kind(self, kind: str) -> tuple[Marked, ...]:
        return tuple(m for m in self.marked if m.kind == kind)


def parse(markdown: str) -> Intermediate:
    """Parse an intermediate with pandoc (raises errors.DocumentError when pandoc cannot)."""
    from .render.pandoc import convert

    return read_ast(json.loads(convert(markdown, "json")))


def read_ast(ast: dict) -> Intermediate:
    headings: list[Heading] = []
    marked: list[Marked] = []
    lines: list[str] = []
    strong: list[str] = []

    def walk(blocks: list[dict]) -> None:
        for block in blocks:
            kind, content = block["t"], _content(block)
            if kind == "Header":
                level, (identifier, classes, _), inlines = content
                headings.append(Heading(level, stringify(inlines), identifier, tuple(classes)))
                lines.append(stringify(inlines))
            elif kind == "Div":
                (_, classes, _), children = content
                known = [c for c in classes if c in marks.DOCX_STYLES]
                if known:
                    texts = tuple(block_text(child) for child in children)
                    marked.append(Marked(known[0], tuple(t for t in texts if t)))
                walk(children)
            elif kind in {"Para", "Plain"}:
                lines.append(stringify(content))
                strong.extend(_strong_texts(content))
            elif kind in {"BlockQuote"}:
                walk(content)
            elif kind in {"BulletList", "OrderedList"}:
                items = content if kind == "BulletList" else content[1]
                for item in items:
                    walk(item)
            elif kind == "Table":
                lines.append(_table_text(content))
            elif kind == "LineBlock":
                lines.extend(stringify(line) for line in content)
            elif kind == "CodeBlock":
                lines.append(content[1])

    walk(ast.get("blocks", []))
    return Intermediate(ast, tuple(headings), tuple(marked), "\n".join(lines), "".join(strong))


def _strong_texts(inlines: list[dict]) -> list[str]:
    """The text of the Strong nodes among inline nodes (and inside their other inlines)."""
    found: list[str] = []
    for node in inlines:
        content = _content(node)
        if node["t"] == "Strong":
            found.append(stringify(content))
        elif node["t"] in {"Emph", "Underline", "Strikeout", "Superscript", "Subscript"}:
            found.extend(_strong_texts(content))
        elif node["t"] in {"Link", "Span", "Quoted"}:
            found.extend(_strong_texts(content[1]))
    return found


def block_text(block: dict) -> str:
    """The text of one block (its paragraphs' text for a container)."""
    kind, content = block["t"], _content(block)
    if kind in {"Para", "Plain"}:
        return stringify(content)
    if kind == "Header":
        return stringify(content[2])
    if kind == "Div":
        return "\n".join(block_text(child) for child in content[1])
    return ""


def stringify(inlines: list[dict]) -> str:
    """The text of inline nodes, as pandoc.utils.stringify gives it."""
    parts: list[str] = []
    for node in inlines:
        kind, content = node["t"], _content(node)
        if kind == "Str":
            parts.append(content)
        elif kind in {"Space", "SoftBreak"}:
            parts.append(" ")
        elif kind == "LineBreak":
            parts.append("\n")
        elif kind in {"Code", "Math", "RawInline"}:
            parts.append(content[1])
        elif kind in {"Emph", "Strong", "Strikeout", "Superscript", "Subscript", "SmallCaps"}:
            parts.append(stringify(content))
        elif kind in {"Underline"}:
            parts.append(stringify(content))
        elif kind == "Quoted":
            quote = "“”" if content[0]["t"] == "DoubleQuote" else "‘’"
            parts.append(quote[0] + stringify(content[1]) + quote[1])
        elif kind in {"Link", "Image", "Span"}:
            parts.append(stringify(content[1]))
        elif kind == "Cite":
            parts.append(stringify(content[1]))
        elif kind == "Note":
            parts.append("".join(block_text(b) for b in content))
    return "".join(parts)


def _table_text(content: list[Any]) -> str:
    """Every cell's text of a pandoc Table node."""
    texts: list[str] = []

    def cells(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("t") in {"Para", "Plain"}:
                texts.append(stringify(node["c"]))
                return
            for value in node.values():
                cells(value)
        elif isinstance(node, list):
            for value in node:
                cells(value)

    cells(content)
    return " ".join(t for t in texts if t)


def _content(node: dict) -> Any:
    return node.get("c")
