"""Read stage: input bytes -> text.

Encodings are detected from the bytes, never guessed from the file extension. HTML (by
extension or by content) is reduced to one line per block; Markdown with front matter is taken
as already structured.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import re
import stat
from dataclasses import replace
from pathlib import Path

from . import frontmatter
from .document import FRONT_MATTER_KEYS, Document
from .errors import DocumentError
from .thresholds import limit

MAX_INPUT_BYTES = 16 * 1024 * 1024  # a 范文 page is well under 1 MB; more is not a document

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_TAG = re.compile(r"<(?:p|br|div|span|h[1-6]|strong|li|td|table|font|b|a)\b[^<>]*>", re.I)
_LINK_TAG = re.compile(r"<a\b", re.I)
_HTML_START = re.compile(r"\s*<(?:!doctype|html|head|body|meta|p|div)\b", re.I)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise DocumentError for bytes that are not text."""
    if not data.strip():
        raise DocumentError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _normalise_newlines(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise DocumentError(
                    f"has a {encoding} byte-order mark but is not {encoding}"
                ) from exc
    if b"\x00" in data:
        raise DocumentError("not a text file (contains NUL bytes)")
    text, encoding = _decode_without_bom(data)
    if len(_CONTROL.findall(text)) > max(3, len(text) // 1000):
        raise DocumentError("not a text file (control characters)")
    return _normalise_newlines(text), encoding


def _decode_without_bom(data: bytes) -> tuple[str, str]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Chinese sites serve GBK/GB18030 far more often than anything else. When only GB18030
    # decodes the bytes, that settles it (statistical detectors misjudge short or mostly-ASCII
    # files, such as HTML); when Big5 decodes them too, charset-normalizer decides.
    candidates = [enc for enc in ("gb18030", "big5") if _decodes(data, enc)]
    if candidates == ["gb18030"]:
        return data.decode("gb18030"), "gb18030"
    from charset_normalizer import from_bytes

    best = from_bytes(
        data, cp_isolation=candidates or ["gb18030", "big5", "utf_16", "cp1252"]
    ).best()
    if best is None:
        raise DocumentError("not a text file: no encoding (UTF-8, GB18030, Big5) decodes it")
    encoding = "gb18030" if best.encoding in {"gb2312", "gbk"} else best.encoding
    return data.decode(encoding), encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_like_html(path: Path, text: str) -> bool:
    if path.suffix.lower() in {".html", ".htm", ".xhtml"}:
        return True
    if _HTML_START.match(text):
        return True
    head = text[:20000]
    tags = _HTML_TAG.findall(head)
    if len(tags) < 3:
        return False
    if path.suffix.lower() in {".md", ".markdown"}:
        return True  # Markdown's own HTML blocks: the file is read as the page it renders
    if all(_LINK_TAG.match(tag) for tag in tags):
        return (
            False  # links alone (<a href="tel:…">, 使用<a>能…): a post's samples, no page's markup
        )
    # A text file whose tags stand on a few of its lines (a sample, a tag's name) is text.
    lines = [line.strip() for line in head.split("\n") if line.strip()]
    tagged = sum(len(line) for line in lines if _HTML_TAG.search(line))
    return tagged >= limit("read", "html_tagged_share") * sum(len(line) for line in lines)


class NotRegularFile(OSError):
    """A FIFO, device or folder where a file was expected."""


def open_regular(path: Path) -> io.BufferedReader:
    """Open a regular file for reading, never blocking: a FIFO swapped in after discovery is
    refused (OSError), not waited on."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    return os.fdopen(fd, "rb")


def read(doc: Document) -> Document:
    """Decode doc.source; set kind, text and (for HTML) the page title."""
    path = doc.source
    try:
        with open_regular(path) as handle:
            before = os.fstat(handle.fileno())
            if before.st_size > MAX_INPUT_BYTES:
                raise DocumentError(
                    f"too large ({before.st_size // 1024 // 1024} MB; the limit is 16 MB)"
                )
            data = handle.read(MAX_INPUT_BYTES + 1)
            after = os.fstat(handle.fileno())
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > MAX_INPUT_BYTES or (before.st_size, before.st_mtime_ns) != (
        after.st_size,
        after.st_mtime_ns,
    ):
        raise DocumentError("changed while being read (still being written?); read again next run")
    text, _ = decode(data)
    if path.suffix.lower() in {".md", ".markdown"} and frontmatter.opens_with_block(text):
        markdown = _markdown_input(doc, text)
        if markdown is not None:
            return markdown
    if looks_like_html(path, text):
        from .html_text import html_to_text

        # A page saved as Markdown whose body is the page's HTML (a read-later export, a
        # static site's source): its front matter and the Markdown lines above the first tag
        # stay lines of their own, for the clean stage to read, ahead of the HTML's text.
        above, text = _markdown_above_html(path, text)
        body, title, hints = html_to_text(text)
        if not body.strip():
            raise DocumentError("no content: the HTML page has no main text")
        evidence = replace(
            doc.evidence,
            aligned_right=tuple(hints.right),
            link_lines=tuple(hints.links),
            captions=tuple(hints.captions),
            title_from="the page's <title>" if title else doc.evidence.title_from,
        )
        meta = {**doc.meta, "title": title} if title else doc.meta
        return doc.with_(kind="html", text=above + body, meta=meta, evidence=evidence)
    return doc.with_(kind="text", text=text)


_TAG_LINE = re.compile(r"^[ \t]*<[A-Za-z!/]", re.M)


def _markdown_above_html(path: Path, text: str) -> tuple[str, str]:
    """(the Markdown text above a Markdown file's HTML body, that HTML); ("", text) for a page
    that is HTML from its start or no Markdown file with front matter."""
    if path.suffix.lower() not in {".md", ".markdown"}:
        return "", text
    found = frontmatter.find(text)
    if not found:
        return "", text
    tag = _TAG_LINE.search(text, found[1])
    start = tag.start() if tag else len(text)
    return text[:start], text[start:]


def _markdown_input(doc: Document, text: str) -> Document | None:
    """A Markdown input with front matter of ours: the block validated and written again by
    the project (unknown keys dropped with a warning), so nothing of the user's YAML goes
    further. None for front matter of other tools (a page to clean). Invalid YAML fails."""
    yaml_text, body = frontmatter.split(text.lstrip("\ufeff"))
    if not yaml_text and body == text.lstrip("\ufeff"):
        return None  # opened with --- but never closed: a rule line, not front matter
    data = frontmatter.load(yaml_text)  # invalid YAML fails the document
    if isinstance(data, dict) and "lang" not in data and not set(data) <= set(FRONT_MATTER_KEYS):
        return None
    meta, warnings = frontmatter.validate(data)
    doc = doc.with_(kind="markdown", text=frontmatter.write(meta) + body)
    for warning in warnings:
        doc = doc.warn(warning)
    return doc
