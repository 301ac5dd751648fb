"""The catalogue: `output/index.html`, one entry per published document, and its search index.

Built from the state database at the end of a run that changed something (and whenever it is
missing), so it lists every document of the library, not only this run's. Per document: title,
date, source, author, page count, whether the site withheld text, a thumbnail of the PDF's first
page, and links to every format written and to the Markdown. Entries are grouped by the folders
of the input folder; documents that failed are listed apart with their reason.

Everything it writes lies in the output folder and every link is relative, so the catalogue
works from disk (file://) and from any static server. The page reads without script; a small
script (no framework, nothing fetched from the network) adds the search box and sorting. The
search index holds each document's title and text; it is a JSON array wrapped in one line of
JavaScript (`_library/search.js`), because browsers refuse `fetch()` of a file on disk but load
a script beside the page.

Thumbnails are rendered with pypdfium2 and named by the PDF's SHA-256, so an unchanged PDF is
never rendered twice. What the catalogue read from each PDF (hash, page count) and Markdown
file (front matter, text) is kept in `_library/cache.json` by path, size and modification time,
so a run that changed one document reads one document again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape, unescape
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import quote

from . import frontmatter
from .jobs import Outcome, Result
from .render.webpage import FORMAT_LABELS, finish_page
from .settings import Settings
from .state import State
from .styles import Style, load_style
from .webfonts import FONTS_FOLDER, FontLibrary, family_name, font_faces

INDEX = "index.html"
LIBRARY = "_library"
THUMBS = f"{LIBRARY}/thumbs"
SEARCH = f"{LIBRARY}/search.js"
CACHE = f"{LIBRARY}/cache.json"  # what was read from each PDF and Markdown file, by size and time
THUMB_WIDTH = 300  # pixels: shown 150 CSS pixels wide, sharp on high-density screens
# libwebp's effort (0-6): 2 encodes a page in a quarter less time than the default 4, for 2%
# more bytes (11.9 against 15.4 ms a thumbnail with its rendering; 16.0 against 15.7 kB).
THUMB_EFFORT = 2
# The order of an entry's links; the first present one is where its title leads.
LINK_ORDER = ("html", "pdf", "docx", "epub", "txt", "md")
LINK_LABELS = {"html": "网页", **FORMAT_LABELS}


@dataclass
class Entry:
    input: str
    name: str  # output stem relative to the output folder
    title: str = ""
    subtitle: str = ""
    date: str = ""
    source: str = ""
    author: str = ""
    withheld: int = 0
    pages: int | None = None
    thumb: str | None = None  # relative to the output folder
    links: dict[str, str] = field(default_factory=dict)  # format -> output path
    markdown: str = ""  # the intermediate's path; its text is read when the index is written
    error: str | None = None

    @property
    def folder(self) -> str:
        parent = PurePosixPath(self.input).parent.as_posix()
        return "" if parent == "." else parent


# ---------------------------------------------------------------- collecting the entries


_MARKUP = re.compile(r"\{[#.][^}]*\}|^:::.*$|^#+ |\\(?=[^\s])", re.M)


def plain_text(body: str) -> str:
    """The Markdown body as plain text for searching: markup and line breaks removed."""
    return re.sub(r"\s+", " ", _MARKUP.sub("", body)).strip()


def entries(
    output_dir: Path, input_dir: Path, documents: dict, fresh_pdfs: dict | None = None
) -> tuple[list[Entry], list[Entry]]:
    """(published, failed) from the state database's rows; fresh_pdfs: what was read from the
    PDFs placed during this run (their thumbnails made as they came), by path."""
    fresh_pdfs = fresh_pdfs or {}
    cache_path = output_dir / CACHE
    try:
        cache = json.loads(cache_path.read_text("utf-8"))
        old_pdfs, old_texts = cache["pdf"], cache["md"]
    except (OSError, ValueError, KeyError, TypeError):
        old_pdfs, old_texts = {}, {}
    pdf_cache: dict = {}  # only the documents listed now are kept
    text_cache: dict = {}
    published, failed = [], []
    for key, row in sorted(documents.items()):
        outputs = [o for o in json.loads(row["outputs"]) if (output_dir / o).is_file()]
        if row["status"] != "published":
            if (input_dir / key).exists():  # an input deleted since is no longer in the library
                failed.append(Entry(key, key, title=PurePosixPath(key).name, error=row["error"]))
            continue
        by_format = {PurePosixPath(o).suffix.lstrip("."): o for o in outputs}
        if "md" not in by_format:
            continue  # the intermediate was deleted by hand: nothing to show
        md = by_format["md"]
        text_cache[md] = facts = _text_facts(output_dir / md, old_texts.get(md))
        entry = Entry(
            key,
            md[: -len(".md")],
            links={fmt: by_format[fmt] for fmt in LINK_ORDER if fmt in by_format},
            markdown=md,
            **{name: facts[name] for name in _TEXT_FACTS},
        )
        entry.title = entry.title or PurePosixPath(key).stem
        if "pdf" in by_format:
            pdf = by_format["pdf"]
            pdf_cache[pdf] = fresh_pdfs.get(pdf) or old_pdfs.get(pdf)  # size and time checked
            entry.pages, entry.thumb = _pdf_facts(output_dir, pdf, pdf_cache)
        published.append(entry)
    cache = {"pdf": pdf_cache, "md": text_cache}
    _write_atomic(cache_path, json.dumps(cache, ensure_ascii=False).encode())
    return published, failed


# The text itself is not among them: the search index is written one document at a time,
# so the catalogue's memory does not grow with the library's text.
_TEXT_FACTS = ("title", "subtitle", "date", "source", "author", "withheld")


def _text_facts(md: Path, known: dict | None) -> dict:
    """What the catalogue shows of a document's Markdown, read again only when it changed."""
    stat = md.stat()
    if (
        known
        and known.get("size") == stat.st_size
        and known.get("mtime_ns") == stat.st_mtime_ns
        and "text" not in known  # a cache written when it held the text
    ):
        return known
    markdown = md.read_text("utf-8")
    meta = frontmatter.read(markdown)
    return {
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "title": str(meta.get("title") or ""),
        "subtitle": str(meta.get("subtitle", "")),
        "date": str(meta.get("date", "")),
        "source": str(meta.get("source", "")),
        "author": str(meta.get("author", "")),
        "withheld": int(meta.get("withheld_chars") or 0),
    }


def _search_text(md: Path) -> str:
    try:
        return plain_text(frontmatter.split(md.read_text("utf-8"))[1])
    except (OSError, UnicodeDecodeError):  # removed or replaced since it was listed
        return ""


def _write_search_index(output_dir: Path, published: list[Entry]) -> None:
    """The search index (a script the page loads), one document's text at a time."""
    with _atomic(output_dir / SEARCH) as out:
        out.write(b"window.PUBLISH_SEARCH = [")
        for n, entry in enumerate(published):
            item = {
                "id": n,
                "title": entry.title,
                "text": _search_text(output_dir / entry.markdown),
            }
            line = ("," if n else "") + json.dumps(item, ensure_ascii=False, separators=(",", ":"))
            out.write(line.encode("utf-8"))
        out.write(b"];\n")


def _pdf_facts(
    output_dir: Path, pdf: str, cache: dict, path: Path | None = None
) -> tuple[int | None, str | None]:
    """(page count, thumbnail path) of a PDF, rendering the thumbnail if it is not there yet;
    path: where the PDF is now, when not in place yet (its size and time stay when it is
    renamed into place, so the facts cached under its final name still hold then)."""
    path = path or output_dir / pdf
    stat = path.stat()
    known = cache.get(pdf)
    if not (known and known["size"] == stat.st_size and known["mtime_ns"] == stat.st_mtime_ns):
        with open(path, "rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()
        known = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}
        cache[pdf] = known
    thumb = f"{THUMBS}/{known['sha256'][:20]}.webp"
    if "pages" in known and (output_dir / thumb).is_file():
        return known["pages"], thumb
    try:
        known["pages"] = _render_thumbnail(path, output_dir / thumb)
    except Exception:  # a PDF pdfium cannot read: list the document without a picture
        known.pop("pages", None)
        return None, None
    return known["pages"], thumb


def _render_thumbnail(pdf: Path, target: Path) -> int:
    """Render the first page to target (WebP); return the page count."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[0]
        bitmap = page.render(scale=THUMB_WIDTH / page.get_width())
        out = io.BytesIO()
        bitmap.to_pil().convert("RGB").save(out, "WEBP", quality=80, method=THUMB_EFFORT)
        target.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(target, out.getvalue())
        return len(document)
    finally:
        document.close()


# ---------------------------------------------------------------- writing the page


def href(path: str) -> str:
    return quote(path, safe="/")


def _sort_key(entry: Entry) -> tuple:
    return (entry.date == "", [-ord(ch) for ch in entry.date], entry.title)


def _entry_html(entry: Entry, index: int) -> str:
    first = next(iter(entry.links.values()), None)
    title = escape(entry.title)
    heading = f'<a href="{href(first)}">{title}</a>' if first else title
    facts = [escape(entry.date)] if entry.date else []
    if entry.source:
        facts.append(f"来源：{escape(entry.source)}")
    if entry.author:
        facts.append(f"作者：{escape(entry.author)}")
    if entry.pages:
        facts.append(f"{entry.pages} 页")
    withheld = (
        f'<p class="withheld">原网站隐藏了约 {entry.withheld:,} 字，未能收录</p>'
        if entry.withheld
        else ""
    )
    links = " ".join(
        f'<a href="{href(path)}">{LINK_LABELS[fmt]}</a>' for fmt, path in entry.links.items()
    )
    thumb = (
        f'<a class="thumb" href="{href(first)}" tabindex="-1" aria-hidden="true">'
        f'<img src="{href(entry.thumb)}" alt="" width="150" height="212" loading="lazy"></a>'
        if entry.thumb and first
        else '<span class="thumb"></span>'
    )
    subtitle = f'<p class="subtitle">{escape(entry.subtitle)}</p>' if entry.subtitle else ""
    return (
        f'<li class="doc" data-id="{index}" data-date="{escape(entry.date)}" '
        f'data-title="{escape(entry.title)}">{thumb}<div class="info">'
        f"<h3>{heading}</h3>{subtitle}"
        f'<p class="facts">{" · ".join(facts)}</p>{withheld}'
        f'<p class="links">{links}</p>'
        f'<p class="file">{escape(entry.input)}</p></div></li>'
    )


def render(published: list[Entry], failed: list[Entry], font_css: str, family: str) -> str:
    """The whole catalogue page."""
    groups: dict[str, list[Entry]] = {}
    for entry in sorted(published, key=_sort_key):
        groups.setdefault(entry.folder, []).append(entry)
    ids = {id(e): n for n, e in enumerate(published)}
    sections = []
    for folder in sorted(groups, key=lambda f: (f != "", f)):
        label = escape(folder + "/") if folder else "文档"
        items = "\n".join(_entry_html(e, ids[id(e)]) for e in groups[folder])
        sections.append(
            f'<section class="folder"><h2>{label} <span class="count">'
            f"{len(groups[folder])}</span></h2>\n<ol>\n{items}\n</ol></section>"
        )
    failures = ""
    if failed:
        rows = "\n".join(
            f'<li><span class="file">{escape(e.input)}</span> '
            f'<span class="reason">{escape(e.error or "")}</span></li>'
            for e in failed
        )
        failures = (
            f'<section class="failed" id="failed"><h2>未能发布 <span class="count">'
            f"{len(failed)}</span></h2>\n<ul>\n{rows}\n</ul></section>"
        )
    empty = "" if published else '<p class="empty">还没有发布的文档。</p>'
    return PAGE.format(
        fonts=font_css,
        family=family,
        count=len(published),
        updated=time.strftime("%Y-%m-%d %H:%M"),
        sections="\n".join(sections) + empty,
        failed=failures,
        search=SEARCH,
        script=SCRIPT,
    )


class Library:
    """What the batch runner does for the library as a whole: finish each HTML page as it is
    published (shared fonts, links to the other formats), and rewrite the catalogue at the end
    of a run."""

    def __init__(self, settings: Settings, html_style: Style | None) -> None:
        self.settings = settings
        self.html_style = html_style
        self._fonts: FontLibrary | None = None
        self.pdf_facts: dict = {}  # the PDFs placed in this run: page count, hash, thumbnail

    @property
    def fonts(self) -> FontLibrary:
        if self._fonts is None:
            self._fonts = FontLibrary(self.settings.output_dir)
        return self._fonts

    def finish(self, outcome: Outcome) -> None:
        """Fill in a just-published page; a page that cannot be finished still reads (in the
        reader's fonts), with a warning. A just-published PDF's thumbnail is made now, while
        the workers go on, not all at once when the catalogue is written at the run's end."""
        pdfs = [o for o in outcome.outputs if o.endswith(".pdf")]
        if outcome.status == "published" and pdfs:
            with contextlib.suppress(OSError):  # gone already: the catalogue does without it
                _pdf_facts(self.settings.output_dir, pdfs[0], self.pdf_facts)
        pages = [o for o in outcome.outputs if o.endswith(".html")]
        if outcome.status != "published" or not pages or self.html_style is None:
            return
        try:
            finish_page(
                self.settings.output_dir, pages[0], outcome.outputs, self.html_style, self.fonts
            )
        except Exception as exc:  # a font that cannot be subset: the page still reads
            outcome.warnings.append(f"{pages[0]}: web fonts not filled in: {exc}")

    def share_done(self, name: str, result: Result) -> None:
        """A share of a document split across workers is in: its PDF's thumbnail is made now,
        from the scratch copy, while the other share still works (at the end of a one-document
        run it was the last wait before the catalogue)."""
        pdf = result.files.get(".pdf")
        if result.outcome.status == "published" and isinstance(pdf, Path):
            with contextlib.suppress(OSError):
                _pdf_facts(self.settings.output_dir, f"{name}.pdf", self.pdf_facts, pdf)

    def prepare(self) -> None:
        """What the catalogue will need loaded (the thumbnail renderer, the page's font, the
        WOFF2 writer), done while the workers start: at the end of a small run it would be the
        run's last wait."""
        from .fonts import subset, uncovered
        from .webfonts import woff2

        with contextlib.suppress(Exception):  # a failure here is met again, and reported, later
            import pypdfium2  # noqa: F401
            from PIL import Image, WebPImagePlugin  # noqa: F401

            style = self.html_style or load_style(self.settings.style_for("html") or "reading")
            body = style.font("body")
            uncovered("", [body])  # the face and its character map, read once
            woff2(subset(body, "一"))  # fontTools' WOFF2 writer and the tables it loads

    def catalogue(self, state: State, changed: bool) -> None:
        """Rewrite output/index.html after a run that changed something, when it is missing,
        and when a document was recorded after it was written (a run stopped in between)."""
        documents = state.documents()
        index = self.settings.output_dir / INDEX
        if not changed and index.exists():
            latest = max((row["updated"] for row in documents.values()), default=0.0)
            if index.stat().st_mtime >= latest:
                return
        style = self.html_style or load_style(self.settings.style_for("html") or "reading")
        build(
            self.settings.output_dir,
            self.settings.input_dir,
            documents,
            style,
            self.fonts,
            self.pdf_facts,
        )


def build(
    output_dir: Path,
    input_dir: Path,
    documents: dict,
    style: Style,
    library: FontLibrary | None = None,
    fresh_pdfs: dict | None = None,
) -> Path:
    """Write output/index.html and its search index; return the page's path."""
    published, failed = entries(output_dir, input_dir, documents, fresh_pdfs)
    _write_search_index(output_dir, published)
    page = render(published, failed, "", "")
    body_font = style.font("body")
    library = library or FontLibrary(output_dir)
    files = library.fonts_for(body_font, unescape(re.sub(r"<[^>]*>", "", page)))
    fonts = font_faces({family_name(body_font): files}, FONTS_FOLDER + "/")
    page = render(published, failed, fonts, family_name(body_font))
    target = output_dir / INDEX
    _write_atomic(target, page.encode("utf-8"))
    _prune_thumbnails(output_dir, {entry.thumb for entry in published if entry.thumb})
    return target


_THUMB_NAME = re.compile(r"[0-9a-f]{20}\.webp")


def _prune_thumbnails(output_dir: Path, shown: set[str]) -> None:
    """Delete the thumbnails the catalogue no longer shows: a thumbnail is named by its PDF's
    content, so each change of a document leaves the last one behind, and a deleted document
    its own (the library would grow with every edit). Only files of a thumbnail's name go."""
    try:
        found = list(os.scandir(output_dir / THUMBS))
    except FileNotFoundError:
        return
    for file in found:
        if _THUMB_NAME.fullmatch(file.name) and f"{THUMBS}/{file.name}" not in shown:
            with contextlib.suppress(OSError):
                os.unlink(file.path)


def _write_atomic(path: Path, data: bytes) -> None:
    with _atomic(path) as out:
        out.write(data)


@contextlib.contextmanager
def _atomic(path: Path) -> Iterator[BinaryIO]:
    """A file written beside path and renamed onto it when the block ends without error."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(scratch, "wb") as out:
            yield out
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)


# ---------------------------------------------------------------- the page's parts

PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="publish">
<title>文库</title>
<style>
{fonts}
:root {{ color-scheme: light dark; --muted: #666; --line: #ccc8; }}
@media (prefers-color-scheme: dark) {{ :root {{ --muted: #aaa; }} }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0; font-family: "{family}", "Noto Serif CJK SC", serif; line-height: 1.6; }}
header.top, main {{ max-width: 60em; margin: 0 auto; padding: 0 1em; }}
header.top {{ padding-top: 1em; }}
header.top h1 {{ margin: 0.2em 0; font-size: 1.6em; }}
header.top p {{ margin: 0; color: var(--muted); font-size: 0.9em; }}
.tools {{ display: flex; flex-wrap: wrap; gap: 0.5em; margin: 1em 0; }}
.tools input {{ flex: 1 1 16em; font: inherit; padding: 0.4em 0.6em; }}
.tools select {{ font: inherit; padding: 0.3em; }}
h2 {{ font-size: 1.15em; border-bottom: 1px solid var(--line); padding-bottom: 0.2em; margin: 1.5em 0 0.5em; }}
h2 .count {{ color: var(--muted); font-weight: normal; font-size: 0.8em; }}
ol, ul {{ list-style: none; margin: 0; padding: 0; }}
li.doc {{ display: flex; gap: 1em; padding: 0.8em 0; border-bottom: 1px solid var(--line); }}
li.doc[hidden], section[hidden] {{ display: none; }}
.thumb {{ flex: 0 0 auto; width: 150px; }}
.thumb img {{ display: block; width: 150px; height: auto; border: 1px solid var(--line); background: #fff; }}
.info {{ flex: 1 1 auto; min-width: 0; }}
.info h3 {{ margin: 0 0 0.2em; font-size: 1.05em; line-height: 1.45; }}
.info h3 a {{ text-decoration: none; }}
.info h3 a:hover {{ text-decoration: underline; }}
.info p {{ margin: 0.15em 0; font-size: 0.9em; }}
.subtitle, .facts, .file {{ color: var(--muted); }}
.file {{ font-family: ui-monospace, monospace; font-size: 0.8em !important; overflow-wrap: anywhere; }}
.withheld {{ display: inline-block; border: 1px solid currentColor; padding: 0 0.4em; opacity: 0.8; }}
.links a {{ margin-right: 0.8em; }}
.failed li {{ padding: 0.4em 0; border-bottom: 1px solid var(--line); }}
.failed .reason {{ display: block; color: var(--muted); font-size: 0.9em; }}
.empty, .nothing {{ color: var(--muted); }}
@media (max-width: 34em) {{
  li.doc {{ gap: 0.7em; }}
  .thumb, .thumb img {{ width: 84px; }}
}}
</style>
</head>
<body>
<header class="top">
<h1>文库</h1>
<p>{count} 篇文档 · 更新于 {updated}</p>
<div class="tools" id="tools" hidden>
<input type="search" id="search" placeholder="搜索标题或全文" aria-label="搜索标题或全文" autocomplete="off">
<select id="sort" aria-label="排序"><option value="date">按日期</option><option value="title">按标题</option></select>
</div>
</header>
<main>
<p class="nothing" id="nothing" hidden>没有匹配的文档。</p>
{sections}
{failed}
</main>
<script>
window.PUBLISH_SEARCH_SRC = "{search}";
{script}
</script>
</body>
</html>
"""

SCRIPT = """(function () {
  var tools = document.getElementById("tools");
  var box = document.getElementById("search");
  var sort = document.getElementById("sort");
  var nothing = document.getElementById("nothing");
  var docs = Array.prototype.slice.call(document.querySelectorAll("li.doc"));
  var texts = null;
  tools.hidden = false;
  function loadIndex(then) {
    if (texts) { then(); return; }
    if (window.PUBLISH_SEARCH) { index(); then(); return; }
    var script = document.createElement("script");
    script.src = window.PUBLISH_SEARCH_SRC;
    script.onload = function () { index(); then(); };
    script.onerror = then;
    document.head.appendChild(script);
  }
  function index() {
    texts = {};
    (window.PUBLISH_SEARCH || []).forEach(function (d) {
      texts[d.id] = (d.title + " " + d.text).toLowerCase();
    });
  }
  function filter() {
    var terms = box.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var shown = 0;
    docs.forEach(function (li) {
      var hay = texts && texts[li.dataset.id] !== undefined
        ? texts[li.dataset.id] : li.dataset.title.toLowerCase();
      var hit = terms.every(function (t) { return hay.indexOf(t) !== -1; });
      li.hidden = !hit;
      if (hit) shown++;
    });
    document.querySelectorAll("section.folder").forEach(function (section) {
      section.hidden = !section.querySelector("li.doc:not([hidden])");
    });
    nothing.hidden = shown > 0 || docs.length === 0;
  }
  function reorder() {
    var byTitle = sort.value === "title";
    document.querySelectorAll("section.folder ol").forEach(function (list) {
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        if (!byTitle && a.dataset.date !== b.dataset.date) {
          return a.dataset.date < b.dataset.date ? 1 : -1;
        }
        return a.dataset.title.localeCompare(b.dataset.title, "zh-CN");
      });
      items.forEach(function (li) { list.appendChild(li); });
    });
  }
  box.addEventListener("focus", function () { loadIndex(filter); });
  box.addEventListener("input", function () { loadIndex(filter); });
  sort.addEventListener("change", reorder);
})();"""
