"""The browsable library without a browser: HTML pages, shared web fonts, the catalogue."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
from fontTools.ttLib import TTFont

from conftest import CASES, run_publish
from pipeline import frontmatter
from pipeline.catalogue import plain_text
from pipeline.webfonts import FONTS_FOLDER, WebFont


def publish(base: Path, *args: str):
    return run_publish("all", "-i", str(base / "input"), "-o", str(base / "output"), *args)


def page_text(page: Path) -> str:
    """The text of a page's document body (title block and link bar left out)."""
    tree = lxml.html.parse(str(page)).getroot()
    main = tree.find(".//main")
    for header in main.findall("header"):
        main.remove(header)
    return main.text_content()


def markdown_text(md: Path) -> str:
    return plain_text(frontmatter.split(md.read_text("utf-8"))[1])


def no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


def local_links(page: Path) -> list[str]:
    tree = lxml.html.parse(str(page)).getroot()
    links = [a.get("href") for a in tree.iter("a")] + [i.get("src") for i in tree.iter("img")]
    links += re.findall(r'url\("([^"]+)"\)', "".join(s.text or "" for s in tree.iter("style")))
    links += [s.get("src") for s in tree.iter("script") if s.get("src")]
    return [unquote(link) for link in links if link]


def page_fonts(page: Path) -> list[Path]:
    css = "".join(s.text or "" for s in lxml.html.parse(str(page)).getroot().iter("style"))
    return [(page.parent / unquote(u)).resolve() for u in re.findall(r'url\("([^"]+)"\)', css)]


def cmap_chars(font: Path) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(font.read_bytes())).getBestCmap()}


@pytest.mark.shared_samples
def test_speech_page_has_every_paragraph_and_its_fonts_cover_them(published_speech: Path):
    page, md = published_speech / "speech.html", published_speech / "speech.md"
    text = page_text(page)
    assert no_space(text) == no_space(markdown_text(md))
    tree = lxml.html.parse(str(page)).getroot()
    assert tree.get("lang") == "zh-CN"
    assert not list(tree.iter("script"))  # nothing needs a script to be read
    title = tree.find(".//header//h1").text_content()
    assert title == frontmatter.read(md.read_text("utf-8"))["title"]
    covered = set().union(*(cmap_chars(f) for f in page_fonts(page)))
    shown = set(re.sub(r"[\n\r\t]", "", tree.find(".//body").text_content()))
    assert shown - covered == set()
    assert {f.suffix for f in page_fonts(page)} == {".woff2"}


def test_pages_have_structure_and_relative_links(published_inputs: Path):
    for stem in ("speech-study-session", "notice-water-outage", "report-first-half"):
        page = published_inputs / f"{stem}.html"
        for link in local_links(page):
            assert not re.match(r"^[a-z]+:|^/", link), link  # relative: output/ can move
            assert (page.parent / link).is_file(), (stem, link)
    speech = lxml.html.parse(str(published_inputs / "speech-study-session.html")).getroot()
    assert speech.xpath("//div[@class='run-in-block']/h2[contains(@class, 'run-in')]")
    assert "2,480" in speech.xpath("string(//div[contains(@class, 'withheld')])")
    notice = lxml.html.parse(str(published_inputs / "notice-water-outage.html")).getroot()
    assert notice.xpath("//div[contains(@class, 'signature')]/p")


def test_catalogue_lists_every_document(published_inputs: Path):
    index = published_inputs / "index.html"
    tree = lxml.html.parse(str(index)).getroot()
    entries = tree.xpath("//li[@class='doc']")
    assert len(entries) == 3
    titles = [e.get("data-title") for e in entries]
    assert "2025年上半年办公室工作总结" in titles
    speech = next(e for e in entries if "以学促干" in e.get("data-title"))
    assert "2 页" in speech.text_content() and "2,480" in speech.text_content()
    assert [a.text for a in speech.xpath(".//p[@class='links']/a")] == [
        "网页",
        "PDF",
        "DOCX",
        "EPUB",
        "Markdown",
    ]
    for link in local_links(index):
        assert (published_inputs / link).is_file(), link
    thumbs = tree.xpath("//li[@class='doc']//img/@src")
    assert len(thumbs) == 3 and all(t.endswith(".webp") for t in thumbs)
    search = (published_inputs / "_library" / "search.js").read_text("utf-8")
    payload = json.loads(search[search.index("[") : search.rindex("]") + 1])
    assert any("读书班" in d["text"] and "以学促干" in d["title"] for d in payload)
    markdowns = sorted(published_inputs.rglob("*.md"))
    assert sorted(d["text"] for d in payload) == sorted(markdown_text(md) for md in markdowns)
    # The catalogue's cache holds what the page lists, never the text (read one document at a
    # time when the index is written): its memory does not grow with the library's text.
    cache = json.loads((published_inputs / "_library" / "cache.json").read_text("utf-8"))
    assert cache["md"] and all("text" not in facts for facts in cache["md"].values())


def test_catalogue_follows_the_library(tmp_path: Path):
    (tmp_path / "input" / "sub").mkdir(parents=True)
    shutil.copy(CASES / "speech-study-session" / "input.txt", tmp_path / "input" / "speech.txt")
    shutil.copy(CASES / "report-gb18030-crlf" / "input.txt", tmp_path / "input" / "sub" / "r.txt")
    (tmp_path / "input" / "empty.txt").write_text("\n", "utf-8")
    assert publish(tmp_path, "--formats", "md,pdf,html").returncode == 1
    out = tmp_path / "output"
    index = out / "index.html"
    tree = lxml.html.parse(str(index)).getroot()
    assert [h.text.strip() for h in tree.xpath("//section[@class='folder']/h2")] == [
        "文档",
        "sub/",
    ]
    failed = tree.xpath("//section[@id='failed']//li")
    assert len(failed) == 1 and "empty.txt" in failed[0].text_content()
    assert failed[0].xpath("string(.//span[@class='reason'])").strip()

    # Nothing changed: the catalogue and the thumbnails stay as they are.
    thumbs = {p: p.stat().st_mtime_ns for p in (out / "_library" / "thumbs").iterdir()}
    fonts = {p: p.stat().st_mtime_ns for p in (out / FONTS_FOLDER).iterdir()}
    (tmp_path / "input" / "empty.txt").unlink()
    stamp = index.stat().st_mtime_ns
    assert publish(tmp_path, "--formats", "md,pdf,html").returncode == 0
    assert index.stat().st_mtime_ns == stamp
    # A new document: the catalogue is rewritten; other thumbnails and fonts are kept as they
    # were, and the new page reuses fonts the others made.
    shutil.copy(CASES / "notice-water-outage" / "input.html", tmp_path / "input" / "n.html")
    assert publish(tmp_path, "--formats", "md,pdf,html").returncode == 0
    tree = lxml.html.parse(str(index)).getroot()
    assert len(tree.xpath("//li[@class='doc']")) == 3
    assert not tree.xpath("//section[@id='failed']")  # its input is gone
    assert all(p.stat().st_mtime_ns == t for p, t in thumbs.items())
    assert all(p.stat().st_mtime_ns == t for p, t in fonts.items())
    assert set(page_fonts(out / "n.html")) & set(fonts)
    # Deleted by hand: written again by the next run, even with nothing to publish.
    index.unlink()
    assert publish(tmp_path, "--formats", "md,pdf,html").returncode == 0
    assert index.is_file()
    # Older than the last document recorded (a run stopped before its catalogue): rewritten.
    os.utime(index, (0, 0))
    assert publish(tmp_path, "--formats", "md,pdf,html").returncode == 0
    assert index.stat().st_mtime > 0


def test_unicode_range_merges_runs():
    font = WebFont("x.woff2", frozenset("abcz一"))
    assert font.unicode_range() == "U+61-63, U+7A, U+4E00"


@pytest.mark.parametrize("formats", ["md,pdf", "md,html"])
def test_links_follow_the_formats_written(tmp_path: Path, formats: str):
    (tmp_path / "input").mkdir()
    shutil.copy(CASES / "speech-study-session" / "input.txt", tmp_path / "input" / "s.txt")
    assert publish(tmp_path, "--formats", formats).returncode == 0
    out = tmp_path / "output"
    for link in local_links(out / "index.html"):
        assert (out / link).is_file(), link
    entry = lxml.html.parse(str(out / "index.html")).getroot().xpath("//li[@class='doc']")[0]
    first = entry.xpath(".//h3/a/@href")[0]
    assert first == ("s.pdf" if formats == "md,pdf" else "s.html")
    assert bool(entry.xpath(".//img")) == ("pdf" in formats)


def test_a_split_documents_thumbnail_is_made_when_its_pdf_share_is_in(tmp_path: Path):
    """A PDF share's thumbnail is made from its scratch copy while the other share works; once
    the PDF is renamed into place, the catalogue finds it made and renders nothing more."""
    from pypdf import PdfWriter

    from pipeline import catalogue
    from pipeline.executor import Outcome, Result, Status
    from pipeline.settings import Settings

    out, scratch = tmp_path / "output", tmp_path / "scratch"
    scratch.mkdir()
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    pdf = scratch / "share.pdf"
    with open(pdf, "wb") as handle:
        writer.write(handle)
    library = catalogue.Library(Settings(input_dir=tmp_path / "in", output_dir=out), None)
    share = Result(Outcome("k", Status.PUBLISHED, ["a/doc.pdf"]), {".pdf": pdf}, scratch)
    library.share_done("a/doc", share)
    thumbs = list((out / "_library" / "thumbs").iterdir())
    assert len(thumbs) == 1 and library.pdf_facts["a/doc.pdf"]["pages"] == 3
    made = thumbs[0].stat().st_mtime_ns
    (out / "a").mkdir(parents=True)
    os.replace(pdf, out / "a" / "doc.pdf")  # as executor.place puts it
    rendered = []
    real = catalogue._render_thumbnail
    catalogue._render_thumbnail = lambda *args: rendered.append(args) or real(*args)
    try:
        library.finish(Outcome("k", Status.PUBLISHED, ["a/doc.pdf"]))
        assert catalogue._pdf_facts(out, "a/doc.pdf", library.pdf_facts) == (
            3,
            f"_library/thumbs/{thumbs[0].name}",
        )
    finally:
        catalogue._render_thumbnail = real
    assert rendered == [] and thumbs[0].stat().st_mtime_ns == made
    # A failed share, or one without a PDF, makes nothing.
    failed = Result(Outcome("j", Status.FAILED, error="x"), {".pdf": out / "a" / "doc.pdf"})
    library.share_done("b/other", failed)
    library.share_done("c/none", Result(Outcome("i", Status.PUBLISHED, ["c/none.md"])))
    assert set(library.pdf_facts) == {"a/doc.pdf"}


def test_thumbnails_the_catalogue_no_longer_shows_are_deleted(tmp_path: Path):
    """A thumbnail is named by its PDF's content: a changed document's old one, and a deleted
    document's, go when the catalogue is written; the others stay as they were."""
    source = tmp_path / "input"
    source.mkdir()
    text = (CASES / "speech-study-session" / "input.txt").read_text("utf-8")
    (source / "a.txt").write_text(text, "utf-8")
    (source / "b.txt").write_text(text.replace("交流发言", "交流发言（二）", 1), "utf-8")
    assert publish(tmp_path, "--formats", "md,pdf").returncode == 0
    thumbs = tmp_path / "output" / "_library" / "thumbs"
    first = {p.name: p.stat().st_mtime_ns for p in thumbs.iterdir()}
    assert len(first) == 2
    (thumbs / "notes.txt").write_text("not a thumbnail")  # never touched
    (source / "a.txt").write_text(text.replace("交流发言", "交流发言（修订）", 1), "utf-8")
    assert publish(tmp_path, "--formats", "md,pdf").returncode == 0
    second = {p.name: p.stat().st_mtime_ns for p in thumbs.iterdir()}
    assert len(second) == 3 and "notes.txt" in second
    kept = set(first) & set(second)
    assert len(kept) == 1 and all(second[name] == first[name] for name in kept)
    shown = lxml.html.parse(str(tmp_path / "output" / "index.html")).getroot()
    sources = {Path(src).name for src in shown.xpath("//li[@class='doc']//img/@src")}
    assert sources == set(second) - {"notes.txt"}
    (source / "b.txt").unlink()
    assert publish(tmp_path, "--formats", "md,pdf", "--prune").returncode == 0
    assert len([p for p in thumbs.iterdir() if p.suffix == ".webp"]) == 1


def test_a_truetype_subset_as_woff2_keeps_its_outlines():
    """WOFF2 without the glyph transform (webfonts.TRANSFORMED_TABLES): the outlines read back
    from the file are the subset's, point for point."""
    import io

    from fontTools.ttLib import TTFont

    from pipeline.fonts import resolve, subset
    from pipeline.webfonts import woff2

    face = resolve(["LXGW WenKai"])  # TrueType outlines (glyf)
    assert face is not None, "LXGW WenKai (fonts-lxgw-wenkai) is installed by the setup"
    plain = TTFont(io.BytesIO(subset(face, "文库 Publish 2025")))
    packed = TTFont(io.BytesIO(woff2(subset(face, "文库 Publish 2025"))))
    assert packed.flavor == "woff2" and "glyf" in plain
    assert packed.getGlyphOrder() == plain.getGlyphOrder()
    for name in plain.getGlyphOrder():
        ours, theirs = packed["glyf"], plain["glyf"]
        assert list(ours[name].getCoordinates(ours)[0]) == list(
            theirs[name].getCoordinates(theirs)[0]
        )
