"""Real renders, checked by what they contain: text extracted back, fonts, styles, outline."""

from __future__ import annotations

import io
import itertools
import re
import statistics
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document as open_docx
from docx.oxml.ns import qn
from pypdf import PdfReader

from conftest import EPUBCHECK, ROOT, SPEECH_SAMPLE, libreoffice_pdf, publish_texts, run_publish
from pipeline.styles import letter_spacing_pt, load_style


def _front_matter(md: Path) -> dict:
    return yaml.safe_load(md.read_text("utf-8").split("---\n")[1])


def _paragraphs(source: Path) -> list[str]:
    """The author's paragraphs of a raw input, as the PDF must show them (punctuation aside)."""
    text = source.read_text("utf-8")
    return [line.strip() for line in text.splitlines()[3:] if len(line.strip()) > 20]


def _pdf_body_and_footers(pdf: Path) -> tuple[str, list[str]]:
    """Text of the text area of every page, and each page's footer text (spaces removed)."""
    import pdfplumber

    body, footers = [], []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            split = page.height - 35 / 25.4 * 72  # the bottom margin holds the page number
            body.append(page.crop((0, 0, page.width, split)).extract_text())
            footer = page.crop((0, split, page.width, page.height)).extract_text()
            footers.append(re.sub(r"\s+", "", footer))
    return "\n".join(body), footers


def _squash(text: str) -> str:
    # Compare letters only: punctuation is normalised and lines are broken in the PDF.
    return re.sub(r"[\W_]+", "", text)


def _outline_titles(reader: PdfReader) -> list[str]:
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


# ---------------------------------------------------------------- the seed speech sample


def test_speech_markdown(published_speech: Path):
    md = published_speech / "speech.md"
    meta = _front_matter(md)
    assert meta["title"].startswith("在专题学习总书记")
    assert meta["date"] == "2025-08"
    assert meta["source"] == "网友投稿"
    assert meta["withheld_chars"] == 5967
    assert meta["lang"] == "zh-CN"
    body = md.read_text("utf-8").split("---\n", 2)[2]
    for cruft in ("更新时间", "网友投稿", "此处隐藏", "下载后查看", "猜你喜欢"):
        assert cruft not in body
    assert "\n# 一、深化认识，深刻把握新时代党的组织路线的精髓要义与实践伟力\n" in body
    assert len(re.findall(r"^## （[一二三]）.*\{#run-in-\d+ \.run-in\}$", body, re.M)) >= 3
    assert "〔编者注：此处原文约 5,967 字被来源网站隐藏" in body
    assert "以上发言，不妥之处，请同志们批评指正，谢谢大家！" in body


def test_speech_pdf_text_fonts_and_outline(published_speech: Path):
    pdf = published_speech / "speech.pdf"
    text, footers = _pdf_body_and_footers(pdf)
    assert footers == [f"—{n}—" for n in range(1, len(footers) + 1)]
    flat = _squash(text)
    for paragraph in _paragraphs(SPEECH_SAMPLE):
        if "此处隐藏" in paragraph or "更新时间" in paragraph:
            continue
        assert _squash(paragraph) in flat, paragraph[:30]
    assert "此处隐藏" not in text and "猜你喜欢" not in text
    fonts = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(row.split()[-5:-2] == ["yes", "yes", "yes"] for row in rows), fonts
    body = load_style("gongwen").font("body").family.replace(" ", "-")
    assert any(f"+{body}" in row for row in rows), fonts  # the style's body face, subset
    reader = PdfReader(pdf)
    titles = _outline_titles(reader)
    assert any(t.startswith("一、深化认识") for t in titles)
    assert sum(t.startswith(("（一）", "（二）", "（三）")) for t in titles) >= 3
    assert reader.metadata.title.startswith("在专题学习总书记")
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=0.5)  # A4


def test_speech_docx_styles_and_east_asian_fonts(published_speech: Path):
    document = open_docx(published_speech / "speech.docx")
    by_style = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert any(t.startswith("一、深化认识") for t in by_style["Heading 1"])
    assert sum(t.startswith("（") for t in by_style["Heading 2"]) >= 3
    assert by_style["Title"][0].startswith("在专题学习总书记")
    assert "Withheld Note" in by_style
    body = document.styles["Body Text"]
    fonts = body.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == load_style("gongwen").font("body").family
    assert fonts.get(qn("w:eastAsiaTheme")) is None
    heading = document.styles["Heading 1"].element
    assert heading.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"
    assert document.core_properties.title.startswith("在专题学习总书记")


@pytest.mark.libreoffice
@pytest.mark.parametrize("which", ["speech", "own"])
def test_docx_opens_in_libreoffice(which: str, request, tmp_path: Path):
    if which == "speech":
        docx = request.getfixturevalue("published_speech") / "speech.docx"
    else:
        docx = request.getfixturevalue("published_inputs") / "speech-study-session.docx"
    pdf = libreoffice_pdf(docx, tmp_path)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "一、" in text and "谢谢大家" in text


def _epubcheck(epub: Path) -> None:
    if not EPUBCHECK.exists():
        pytest.fail("epubcheck is not installed: mark the test @pytest.mark.epubcheck")
    result = subprocess.run(
        ["java", "-jar", str(EPUBCHECK), str(epub)], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 fatals / 0 errors / 0 warnings" in result.stdout, result.stdout


@pytest.mark.epubcheck
def test_speech_epub_passes_epubcheck(published_speech: Path):
    epub = published_speech / "speech.epub"
    assert epub.stat().st_size < 1_000_000
    with zipfile.ZipFile(epub) as archive:
        names = archive.namelist()
        fonts = [n for n in names if n.startswith("EPUB/fonts/")]
        assert fonts, names
        opf = archive.read("EPUB/content.opf").decode()
        nav = archive.read("EPUB/nav.xhtml").decode()
    assert "<dc:language>zh-CN</dc:language>" in opf
    assert "在专题学习总书记" in opf
    assert "一、深化认识" in nav and "（一）党的坚强领导" in nav
    with zipfile.ZipFile(epub) as archive:
        title_page = archive.read("EPUB/text/title_page.xhtml").decode()
    # The splitter's lines, breakable inside only at its points (<wbr />, keep-all).
    assert "<br />" in title_page and "第二十一次" in title_page.replace("<wbr />", "")
    assert "第二十<wbr />一次" not in title_page
    _epubcheck(epub)


# ---------------------------------------------------------------- the project's own samples


def test_inputs_publish_every_format(published_inputs: Path):
    for stem in ("speech-study-session", "notice-water-outage", "report-first-half"):
        for ext in ("md", "pdf", "docx", "epub"):
            assert (published_inputs / f"{stem}.{ext}").stat().st_size > 0, (stem, ext)
    leftovers = list((published_inputs / ".publish" / "tmp").glob("*"))
    assert leftovers == []


def test_notice_signature_is_right_aligned(published_inputs: Path):
    document = open_docx(published_inputs / "notice-water-outage.docx")
    signature = [p for p in document.paragraphs if p.style.name == "Signature"]
    assert [p.text for p in signature] == ["XX市XX物业服务有限公司", "二〇二五年六月十六日"]
    import pdfplumber

    with pdfplumber.open(published_inputs / "notice-water-outage.pdf") as pdf:
        page = pdf.pages[0]
        words = page.extract_words()
        date = next(w for w in words if "二〇二五年" in w["text"])
        assert date["x1"] > page.width * 0.6  # at the right, not indented from the left


def test_pdf_streams_are_deflated_at_zlibs_default_level(published_speech: Path):
    """Every deflated stream of the PDF (page contents, font files) is its data deflated at
    pipeline/render/pdf_streams.LEVEL: the same zlib gives the same bytes for the same level."""
    import zlib

    from pipeline.render.pdf_streams import LEVEL

    reader = PdfReader(published_speech / "speech.pdf")
    checked = 0
    for number in sorted({number for numbers in reader.xref.values() for number in numbers}):
        stream = reader.get_object(number)
        if not hasattr(stream, "get") or stream.get("/Filter") != "/FlateDecode":
            continue
        raw = stream._data  # the stored, deflated bytes
        data = zlib.decompress(raw)
        deflate = zlib.compressobj(LEVEL)
        assert deflate.compress(data) + deflate.flush() == raw, number
        checked += 1
    assert checked >= 5


def test_pdf_page_numbers_alternate_sides(published_inputs: Path):
    import pdfplumber

    with pdfplumber.open(published_inputs / "speech-study-session.pdf") as pdf:
        assert len(pdf.pages) >= 2
        for number, page in enumerate(pdf.pages, 1):
            footer = [w for w in page.extract_words() if w["top"] > page.height - 35 / 25.4 * 72]
            assert "".join(w["text"] for w in footer) == f"—{number}—"
            left, right = min(w["x0"] for w in footer), max(w["x1"] for w in footer)
            if number % 2:  # odd pages: outside edge is the right
                assert right > page.width * 0.8
            else:
                assert left < page.width * 0.2


def test_docx_run_in_headings_join_their_paragraph(published_inputs: Path):
    document = open_docx(published_inputs / "speech-study-session.docx")
    joined = [
        p.text
        for p in document.paragraphs
        if p._p.pPr is not None and p._p.pPr.find(f"{qn('w:rPr')}/{qn('w:specVanish')}") is not None
    ]
    assert joined == [
        "（一）学思用贯通是党员干部的基本功。",
        "（二）知信行统一是检验成效的试金石。",
        "1.压实工作责任。",
        "2.强化督导检查。",
    ]


@pytest.mark.parametrize("style_name", ["reading", "gongwen"])
def test_cover_outlines_are_the_fonts_own(style_name: str):
    """The cover's glyphs, drawn by HarfBuzz, are the outlines fontTools reads from the same
    subset of each style's title face, written the same: path data and advance."""
    from fontTools.pens.svgPathPen import SVGPathPen
    from fontTools.ttLib import TTFont

    from pipeline.fonts import subset
    from pipeline.render.cover import _font_glyphs
    from pipeline.styles import load_style

    text = "在全市基层治理能力提升专题研讨会上的发言：夯实基础（2025年8月）ABC xyz,.%"
    font_bytes = subset(load_style(style_name).font("title"), text)
    drawn = _font_glyphs(font_bytes)
    font = TTFont(io.BytesIO(font_bytes))
    glyphs, cmap, advances = font.getGlyphSet(), font.getBestCmap(), font["hmtx"].metrics
    for ch in text:
        pen = SVGPathPen(glyphs)
        glyphs[cmap[ord(ch)]].draw(pen)
        expected = (pen.getCommands(), advances[cmap[ord(ch)]][0], font["head"].unitsPerEm)
        assert drawn(ch) == expected, ch
    assert drawn("\U00031350") == ("", None, font["head"].unitsPerEm)  # not in the font


def test_epub_cover_and_reading_style(published_inputs: Path):
    with zipfile.ZipFile(published_inputs / "speech-study-session.epub") as archive:
        names = archive.namelist()
        opf = archive.read("EPUB/content.opf").decode()
        css = archive.read("EPUB/styles/stylesheet1.css").decode()
        (cover,) = [n for n in names if n.startswith("EPUB/media/") and n.endswith(".svg")]
        svg = archive.read(cover).decode()
        font_bytes = sum(archive.getinfo(n).file_size for n in names if n.startswith("EPUB/fonts/"))
    assert 'properties="cover-image"' in opf
    assert "<title>在主题教育专题读书班上的交流发言" in svg and svg.count("<path") > 20
    assert "line-height: 1.8" in css  # the reading style, EPUB's default
    assert 'font-family: "publish-body"; src: url("../fonts/publish-' in css
    assert "text-spacing-trim" in css
    # reading: headings 1 and 2 are bold, from the families' Bold faces, not a synthetic bold
    assert re.search(
        r'"publish-heading1"; src: url\("../fonts/publish-\d+-bold.otf"\); font-weight: 700', css
    )
    assert any(n.endswith("-bold.otf") for n in names)
    assert font_bytes < 500_000


def test_rare_characters_are_reported(tmp_path: Path):
    # U+31350 is in CJK Extension H (Unicode 15), which none of the free fonts covers.
    rare = "生僻字\n\n这碗\U00031350\U00031350面很好吃。\n"
    result, out = publish_texts(tmp_path, {"rare.txt": rare}, "--formats", "md,pdf")
    assert result.returncode == 0
    assert (
        "warning: rare.txt: 1 character(s) no font of the style covers: \U00031350" in result.stderr
    )
    args = ("all", "-i", str(tmp_path / "input"), "-o", str(out), "--formats", "md,pdf")
    strict = run_publish(*args, "--strict", "--force")
    assert strict.returncode == 1
    assert "FAILED rare.txt: 1 character(s) no font of the style covers" in strict.stderr


def test_archival_and_tagged_pdf(tmp_path: Path):
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "notice.html").write_text(
        (ROOT / "input" / "notice-water-outage.html").read_text("utf-8"), "utf-8"
    )
    result = run_publish(
        "all",
        "-i",
        str(folder),
        "-o",
        str(tmp_path / "out"),
        "--formats",
        "pdf",
        "--pdf-variant",
        "pdf/a-3b",
        "--tagged-pdf",
    )
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / "notice.pdf")
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and "/OutputIntents" in root
    assert root["/Lang"] == "zh-CN"
    assert b"pdfaid:part" in root["/Metadata"].get_object().get_data()
    assert reader.metadata.title == "停水通知"


def test_docx_style_list_has_no_highlighting_clutter(published_inputs: Path):
    document = open_docx(published_inputs / "report-first-half.docx")
    names = [s.name for s in document.styles]
    assert not [n for n in names if n.endswith("Tok")]
    assert {"Withheld Note", "Signature", "Heading 1", "Body Text"} <= set(names)
    defaults = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert defaults.get(qn("w:eastAsiaTheme")) is None
    assert defaults.get(qn("w:eastAsia")) == load_style("gongwen").font("body").family


def test_subtitle_and_byline_in_every_format(tmp_path: Path):
    source = ROOT / "tests" / "cases" / "speech-subtitle-byline" / "input.txt"
    result, out = publish_texts(tmp_path, {"speech.txt": source.read_text("utf-8")})
    assert result.returncode == 0, result.stderr
    document = open_docx(out / "speech.docx")
    by_style = {p.style.name: p.text for p in document.paragraphs}
    assert by_style["Subtitle"] == "——在2025年度总结表彰大会上的讲话"
    assert [p.text for p in document.paragraphs if p.style.name == "Byline"] == [
        "王某某",
        "（2025年1月10日）",
    ]
    import pdfplumber

    with pdfplumber.open(out / "speech.pdf") as pdf:
        page = pdf.pages[0]
        line = next(w for w in page.extract_words() if "王某某" in w["text"])
        assert (
            abs((line["x0"] + line["x1"]) / 2 - page.width * (28 + (210 - 28 - 26) / 2) / 210) < 10
        )
    with zipfile.ZipFile(out / "speech.epub") as archive:
        title_page = archive.read("EPUB/text/title_page.xhtml").decode()
    assert "——在2025年度总结表彰大会上的讲话" in title_page


@pytest.mark.epubcheck
def test_emoji_come_from_the_symbols_face(tmp_path: Path):
    """A comment thread's emoji (👍 💭 ✔), which no CJK face has, are drawn from the style's
    symbols face (never a missing-glyph box): in the PDF's fonts and text layer, and embedded
    in the EPUB."""
    from pypdf import PdfReader

    thread = (
        "---\ntitle: 评论\nlang: zh-CN\n---\n\n"
        "讲得真好，一看就懂 👍336 💭北京，已收藏 ✔。\n\n说得对，我们当时也是这样学的。\n"
    )
    result, out = publish_texts(tmp_path, {"thread.md": thread}, "--formats", "md,pdf,epub")
    assert result.returncode == 0, result.stderr
    symbols = load_style("gongwen").fonts["symbols"]
    assert symbols is not None, "the symbols face (fonts-symbola) is not installed"
    pdf = out / "thread.pdf"
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(pdf).pages
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
    }
    assert any(symbols.family.replace(" ", "") in name for name in fonts), fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "👍336" in text.replace(" ", "") and "✔" in text
    with zipfile.ZipFile(out / "thread.epub") as archive:
        css = "".join(archive.read(n).decode() for n in archive.namelist() if n.endswith(".css"))
    assert '"publish-symbols"' in css
    _epubcheck(out / "thread.epub")


@pytest.mark.epubcheck
def test_epub_dates_are_iso(tmp_path: Path):
    files = {
        "blog.txt": "心得体会\n\n2017年12月13日 20:42:49[name](https://blog.example.com/name)"
        "阅读数：1264\n\n学习使我进步，我要坚持学习。\n",
        "edited.md": "---\ntitle: 手工编辑\ndate: 二〇二五年春\nlang: zh-CN\n---\n\n正文。\n",
    }
    result, out = publish_texts(tmp_path, files, "--formats", "epub")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "blog.epub") as archive:
        assert ">2017-12-13</dc:date>" in archive.read("EPUB/content.opf").decode()
    with zipfile.ZipFile(out / "edited.epub") as archive:
        assert "></dc:date>" not in archive.read("EPUB/content.opf").decode()
    for name in ("blog.epub", "edited.epub"):
        _epubcheck(out / name)


@pytest.mark.epubcheck
def test_epub_contents_stay_in_order_when_a_heading_shares_the_titles_identifier(tmp_path):
    # The text before the first level-1 heading is a chapter under the title, whose automatic
    # identifier (2024年终总结 without its digits) is a later heading's: 年终总结.
    body = (
        "开头的话。\n\n## 出游\n\n出游的事。\n\n## 读书\n\n读书的事。\n\n# 年终总结\n\n总结的话。\n"
    )
    text = f"---\ntitle: 2024年终总结\nlang: zh-CN\n---\n\n{body}"
    result, out = publish_texts(tmp_path, {"t.md": text}, "--formats", "epub")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "t.epub") as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
    targets = re.findall(r'href="text/(ch\d+\.xhtml)#([^"]+)"', nav)
    assert len({anchor for _, anchor in targets}) == len(targets), targets  # no anchor twice
    assert [chapter for chapter, _ in targets] == sorted(chapter for chapter, _ in targets)
    _epubcheck(out / "t.epub")


# ---------------------------------------------------------------- Chinese typesetting in weasyprint


def test_weasyprint_is_the_version_the_cjk_layout_was_tested_on():
    """pipeline/render/weasyprint_cjk.py patches weasyprint's inline layout: a new weasyprint
    must be tested (and SUPPORTED widened) before it is used."""
    import inspect

    import weasyprint
    from weasyprint.layout import inline
    from weasyprint.text import line_break

    from pipeline.render import weasyprint_cjk

    assert weasyprint.__version__.startswith(weasyprint_cjk.SUPPORTED)
    # What the module relies on: text_align calls justify_line(context, line, offset) for a
    # justified line, and Layout.set_text(text, justify) builds the attributes Pango draws with.
    assert "justify_line(context, line, offset)" in inspect.getsource(inline.text_align)
    assert list(inspect.signature(line_break.Layout.set_text).parameters) == [
        "self",
        "text",
        "justify",
    ]
    assert "self.set_text(self.text, justify=True)" in inspect.getsource(
        line_break.Layout.reactivate
    )


def test_justified_chinese_reaches_the_margin_and_extracts_unchanged(tmp_path: Path):
    """A line that ends early (a closing quote may not start a line; a Latin word did not fit)
    is spread to the right margin, and the text layer holds no inserted space."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.check_lines import compare_text, pdftotext_text
    from pipeline.render import weasyprint_cjk
    from pipeline.render.breaks import add_break_opportunities

    weasyprint_cjk.install()
    text = (
        "总书记强调“加强党的组织建设”，这是我们党在长期实践中形成的宝贵经验，要始终坚持；"
        "学习 Python 与 weasyprint 的同志们要注意方法，学以致用，“知行合一”。"
        "祝你在猪年的日子里，“钱”程似锦，“富”如东海，“瘦”比南山，“性”福美满；"
        "根据《上海证券交易所科创板股票上市规则》（以下简称“《上市规则》”）、"
        "见https://club.example.com/thread-7657428-1-2.html的帖子。" * 3
    )
    html = (
        '<html lang="zh-CN"><body style="font-family: FandolFang; font-size: 16pt; '
        'text-align: justify; margin: 0; width: 442pt; letter-spacing: -0.21pt">'
        f"<p>{add_break_opportunities(text)}</p></body></html>"
    )
    pdf = tmp_path / "j.pdf"
    HTML(string=html).write_pdf(pdf, stylesheets=[])
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        lines = page.extract_text_lines()
        extracted = page.extract_text()
    # The measure's end: a line ending in a stop set half width (its pair's quote went to the
    # next line) has the glyph box of a full-width mark reaching half a cell past it.
    right = statistics.median(line["x1"] for line in lines)
    assert len(lines) > 4
    for line in lines[:-1]:
        assert line["x1"] > right - 0.5, line["text"]
    # The same characters in the same order; a space only where the text has one (a line may
    # end at one of its spaces).
    assert compare_text(extracted, text) is None
    assert compare_text(pdftotext_text(pdf) or text, text, True) is None
    assert compare_text("总书记强 调", "总书记强调")  # the comparison does see an inserted space


def _reading_lines(tmp_path: Path, paragraph: str, indent: bool = True):
    """One paragraph set as the reading style sets it (11 pt Noto Serif CJK SC, A5's
    116 mm measure), with its break opportunities: its lines (pdfplumber), the measure's right
    edge, the text pdfplumber and pdftotext extract."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.check_lines import pdftotext_text
    from pipeline.render import weasyprint_cjk
    from pipeline.render.breaks import add_break_opportunities

    weasyprint_cjk.install()
    width = 116 / 25.4 * 72
    html = (
        '<html lang="zh-CN"><head><style>@page { margin: 0 }</style></head>'
        '<body style="font-family: Noto Serif CJK SC; font-size: 11pt; '
        f'text-align: justify; margin: 0; width: {width}pt">'
        f'<p style="text-indent: {2 if indent else 0}em; margin: 0">'
        f"{add_break_opportunities(paragraph)}</p></body></html>"
    )
    pdf = tmp_path / "r.pdf"
    HTML(string=html).write_pdf(pdf, stylesheets=[])
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        lines, extracted = page.extract_text_lines(), page.extract_text()
    return lines, width, extracted, pdftotext_text(pdf)


def test_line_adjustment_sets_marks_half_width(tmp_path: Path):
    """A line whose next group may not be split (2.08%”；) and is too wide to pull up by
    tightening the gaps alone would end short, its gaps at the most a reader's extraction takes
    for no space: it takes the group with the mark ending it set half width (CLREQ/JLREQ line
    adjustment). The text layer is unchanged."""
    from pipeline.check_lines import compare_text

    text = (
        "韩文秀介绍，《报告》的修改内容主要包括：在2016年工作回顾部分，补充了“全社会研发经费"
        "支出与国内生产总值之比达到2.08%”；在做好今年政府工作要把握的几点中，补充了“提高全要素"
        "生产率”；在去库存和房地产市场调控部分，补充了“健全购租并举的住房制度”。"
    )
    lines, right, extracted, poppler = _reading_lines(tmp_path, text)
    assert any(line["text"].endswith("2.08%”；") for line in lines), [ln["text"] for ln in lines]
    for line in lines[:-1]:
        assert line["x1"] > right - 0.5, line["text"]
    assert compare_text(extracted, text) is None
    assert compare_text(poppler or text, text, True) is None


def test_spaced_latin_lines_reach_the_margin_as_drawn(tmp_path: Path):
    """A line of a URL broken anywhere is justified by spacing its letters; weasyprint draws
    each spaced glyph up to a thousandth of an em short (_drawn_width), which over 55 letters
    left the line half a point short: the spacing is fitted to the drawn width."""
    from pipeline.check_lines import compare_text

    text = (
        "系统修复痕迹：https://gitee.com/nbacheng/nbcio-boot/blob/master/nbcio-module-estar/"
        "src/main/java/com/nbcio/modules/estar/bs/service/impl/DataSetParamServiceImpl.java"
    )
    lines, right, extracted, _ = _reading_lines(tmp_path, text)
    assert len(lines) == 3
    for line in lines[:-1]:
        assert abs(line["x1"] - right) < 0.25, (line["text"], right - line["x1"])
    assert compare_text(extracted, text) is None


def test_heading_never_ends_on_one_character(tmp_path: Path):
    """A heading's last two characters are joined (an invisible word joiner): a heading one
    character too long for its line ends on two; the joiner is not in the text layer."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.render import weasyprint_cjk
    from pipeline.render.breaks import keep_heading_ends

    weasyprint_cjk.install()
    heading = "一、关于进一步加强和改进机关事务管理工作的若干意见的建议书"
    assert len(heading) == 29  # one more than a line holds
    html = (
        '<html lang="zh-CN"><head><style>h2 { font-size: 16pt; font-weight: normal; text-align: left }</style>'
        '</head><body style="font-family: FandolFang; font-size: 16pt; '
        'text-align: justify; margin: 0; width: 442pt; letter-spacing: -0.21pt">'
        + keep_heading_ends(f"<h2>{heading}</h2>")
        + "</body></html>"
    )
    pdf = tmp_path / "h.pdf"
    HTML(string=html).write_pdf(pdf, stylesheets=[])
    with pdfplumber.open(pdf) as document:
        lines = [line["text"] for line in document.pages[0].extract_text_lines()]
    assert lines[-1] == "议书" and "".join(lines) == heading
    assert (
        keep_heading_ends('<h3 class="run-in">一、总则</h3>') == '<h3 class="run-in">一、总则</h3>'
    )


def test_a_paragraph_never_ends_on_one_character(tmp_path: Path):
    """A paragraph one character too long for its lines does not end on a line of one: its
    last two characters are joined by an invisible word joiner, so they go up together (the
    line set tighter) or down together, the line before still reaching the margin;
    without the joiner that last line holds one character, which `publish check` reports."""
    from pipeline.check_lines import compare_text, lone_character
    from pipeline.render.breaks import WORD_JOINER, ZWSP, join_last_two, keep_paragraph_ends

    text = (
        "建立常态化的需求收集机制，通过入户走访、议事协商、线上征集等方式，及时掌握群众所思所盼。"
        "围绕一老一小、就业帮扶、邻里互助等领域，推出一批群众看得见、摸得着的服务项目，做到需求在"
        "哪里，服务就跟进到哪里。"
    )
    for extra in range(10, 30):  # the first length whose last line is one character and 。
        lines, _, _, _ = _reading_lines(tmp_path, text[:-1] + "里" * extra + "。")
        if lone_character(lines[-1]["text"]):
            break
    else:
        raise AssertionError("no length ends on one character")
    paragraph = text[:-1] + "里" * extra + "。"
    joined = keep_paragraph_ends(f"<p>{paragraph}</p>")
    assert joined == f"<p>{paragraph[:-2]}{WORD_JOINER}{paragraph[-2:]}</p>"
    lines, right, extracted, _ = _reading_lines(tmp_path, joined[3:-4])
    # The pair went up (the line set tighter to take it) or down, never apart.
    assert not lone_character(lines[-1]["text"]) and lines[-1]["text"].endswith("里里。")
    for line in lines[:-1]:
        assert line["x1"] > right - 0.5, line["text"]
    assert compare_text(extracted, paragraph) is None  # the joiner is not in the text layer
    assert keep_paragraph_ends("<li>一项</li>") == "<li>一项</li>"  # too short to matter
    assert keep_paragraph_ends("<p>Latin words.</p>") == "<p>Latin words.</p>"
    assert keep_paragraph_ends("<p>做到<strong>全面加强</strong></p>") == (
        f"<p>做到<strong>全面加{WORD_JOINER}强</strong></p>"
    )
    # The last letter before the inline tags and marks that close the block.
    assert keep_paragraph_ends("<p>应该明确表示<strong>不知道</strong>。</p>") == (
        f"<p>应该明确表示<strong>不知{WORD_JOINER}道</strong>。</p>"
    )
    # Across a digit, a sign, a space; with the opening marks before it (their break taken out).
    for text, joined in (
        ("院臺專字第1090105987號）", f"院臺專字第1090105987{WORD_JOINER}號）"),
        ("×时×分至×时×分。", f"×时×分至×时×{WORD_JOINER}分。"),
        ("都开始补 GSD 了。", f"都开始补 GSD {WORD_JOINER}了。"),
        (f"《公司法》{ZWSP}《中", f"《公司法》{WORD_JOINER}《中"),
        (f"不一样呢？{ZWSP}“", f"不一样{WORD_JOINER}呢？{ZWSP}“"),
    ):
        assert join_last_two(text) == joined, text


def test_check_reports_a_paragraph_ending_on_one_character(tmp_path: Path):
    """`publish check`'s line findings: a two-line paragraph whose last line is `里。` is
    reported once; with its end joined (the renderer's HTML) it is not."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.check import _lines
    from pipeline.check_lines import line_findings
    from pipeline.render import weasyprint_cjk
    from pipeline.render.breaks import keep_paragraph_ends

    weasyprint_cjk.install()
    width = 116 / 25.4 * 72
    paragraph = (
        # one 里 more than a tightened second line takes (24 and fewer: it takes 里。 up)
        "推出一批群众看得见、摸得着的服务项目，做到需求在哪里，服务就跟进到" + "里" * 26 + "。"
    )

    def findings(body: str):
        html = (
            '<html lang="zh-CN"><head><style>@page { margin: 0 }</style></head>'
            '<body style="font-family: Noto Serif CJK SC; font-size: 11pt; '
            f'text-align: justify; margin: 0; width: {width}pt">{body}</body></html>'
        )
        pdf = tmp_path / "lone.pdf"
        HTML(string=html).write_pdf(pdf, stylesheets=[])
        with pdfplumber.open(pdf) as document:
            lines = _lines(document.pages[0], 1)
        return [ln.text for ln in lines], line_findings(lines, lines, 0.0, width, 11.0, 2)

    plain = "".join(f'<p style="text-indent: 2em; margin: 0">{p}</p>' for p in (paragraph, "完。"))
    texts, found = findings(plain)
    assert texts[-2] == "里。" and found.lone == ["p1: 里。"], texts
    texts, found = findings(keep_paragraph_ends(plain))
    assert found.lone == [] and texts[-2] != "里。", texts


def test_a_fallback_glyph_keeps_the_line_pitch(tmp_path: Path):
    """A subscript FandolFang lacks (₅, drawn from another face) does not make its line taller:
    every line stays on the 28.95 pt grid."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.check import _lines
    from pipeline.render import weasyprint_cjk

    weasyprint_cjk.install()
    from itertools import pairwise

    paragraphs = "".join(
        f'<p style="margin: 0">第{n}只猴子拿走后剩下的桃子数量是x₅，我们设这个数为x₄。</p>'
        for n in range(6)
    )
    html = (
        '<html lang="zh-CN"><body style="font-family: FandolFang; font-size: 16pt; '
        f'line-height: 28.95pt; margin: 0; width: 442pt">{paragraphs}</body></html>'
    )
    pdf = tmp_path / "f.pdf"
    HTML(string=html).write_pdf(pdf, stylesheets=[])
    with pdfplumber.open(pdf) as document:
        page = document.pages[0]
        fonts = {c["fontname"].split("+")[-1] for c in page.chars}
        tops = [line.top for line in _lines(page, 1)]
    assert len(fonts) > 1  # the subscripts did come from another face
    assert all(abs(b - a - 28.95) < 0.05 for a, b in pairwise(tops)), tops


def test_ordered_list_markers_print_as_the_source_wrote_them():
    """(1), a., 1) stay in the PDF's text as written: the HTML list would draw 1., 2."""
    from pipeline.render.html import LIST_MARKERS_FILTER
    from pipeline.render.pandoc import convert

    html = convert(
        "特点：\n\n(1) 在一个\n\n(2) 第二\n\nc. 其次\nd. 再次\n",
        "html5",
        args=["--lua-filter", str(LIST_MARKERS_FILTER)],
    )
    assert "<ol" not in html
    assert "<p>(1)在一个</p>" in html and "<p>(2)第二</p>" in html
    assert "<p>c.其次</p>" in html and "<p>d.再次</p>" in html


def test_latin_words_among_chinese_break_at_syllables_with_a_hyphen(tmp_path: Path):
    """A line that ends inside a Latin word among Chinese text ends at one of its syllables with
    a hyphen (U+2010, drawn, no character of the source: `publish check` reads the text as the
    Markdown's); a code still breaks anywhere without one; every line still reaches the margin."""
    from conftest import publish_texts

    body = "".join(
        "很" * n
        + "今天要分享的调查报告，看看这份关于Kubernetes和information的报告。"
        + "规范JGJ130-2011已经发布。"
        for n in range(28)  # line ends at many places in the words
    )
    result, out = publish_texts(tmp_path, {"t.txt": f"关于调查报告的说明\n\n{body}\n"})
    assert result.returncode == 0, result.stderr
    lines = subprocess.run(
        ["pdftotext", str(out / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    hyphenated = [(a, b) for a, b in itertools.pairwise(lines) if a.endswith("\u2010")]
    assert len(hyphenated) >= 3, lines
    for line, after in hyphenated:
        word = re.findall("[A-Za-z]+$", line[:-1])[0] + re.findall("^[A-Za-z]+", after)[0]
        assert word in ("Kubernetes", "information"), (line, after)
    for line, after in itertools.pairwise(lines):  # no word broken without one
        code = re.search("JGJ[0-9-]*$", line) or after.startswith(("GJ", "J1"))  # breaks anywhere
        if line[-1:].isascii() and line[-1:].isalpha() and after[:1].isalpha() and not code:
            assert not after[:1].isascii(), (line, after)
    check = run_publish("check", str(out / "t.pdf"))
    assert "MISS" not in check.stdout, check.stdout


def test_break_opportunities_pango_lacks():
    """A zero-width space where Chinese text may break and Pango would not: before an opening
    quote, after a closing one, inside URLs and hashes, inside a Latin word set among Chinese
    text; never inside Latin running text or a tag."""
    from pipeline.render.breaks import SYLLABLE, ZWSP, add_break_opportunities

    def marked(html: str) -> str:
        return add_break_opportunities(html).replace(SYLLABLE, "-").replace(ZWSP, "|")

    assert marked("东海，“瘦”比南山") == "东海，|“瘦”|比南山"
    assert marked("“瘦”，好") == "“瘦”，好"  # a stop may not start a line
    assert marked("（“好”）") == "（“好”）"  # nor may an opening mark end one
    # A word among Chinese breaks at its syllables, two letters before a break, three after
    assert marked("使用Kubernetes集群") == "使用Ku-ber-netes集群"
    assert marked("的information。") == "的in-for-ma-tion。"
    assert marked("但之后Docker公司") == "但之后Docker公司"  # Dock-er: two letters after
    # an identifier (a capital after a small letter) or a code breaks anywhere, as before
    assert marked("使用NashornSandbox沙箱") == "使用Na|s|h|o|r|n|S|a|n|d|box沙箱"
    assert marked("但之后Docker2公司") == "但之后Do|c|k|er2公司"
    assert marked("靈能/etc...超複") == "靈能/etc...超複"  # too short to leave both pieces theirs
    # a word in emphasis between Chinese characters is among them
    assert marked("幻觉。<strong>TruthfulQA</strong> （Lin") == (
        "幻觉。<strong>Tr|u|t|h|f|u|lQA</strong> （Lin"
    )
    assert marked("The <strong>TruthfulQA</strong> set") == "The <strong>TruthfulQA</strong> set"
    assert marked("好</p><p>TruthfulQA is") == "好</p><p>TruthfulQA is"  # a block's end
    # a formula: signs and letters of other scripts, broken as code is
    assert marked("提示，𝑥→𝑞~1~,...,𝑞~𝑁~ ）构建") == "提示，𝑥|→|𝑞|~|1|~,...,|𝑞|~|𝑁|~ ）构建"
    assert marked("服务中心：XX221XX315") == "服务中心：XX|2|2|1|X|X|315"  # never `XX221XX3 | 15`
    assert marked("The Ten Computational Canons") == "The Ten Computational Canons"
    # A phrase of a few words between Chinese characters is a term: its words break too; a
    # sentence of Latin running text keeps its words whole.
    assert (
        marked("架構圖(langchain pythonlangchain JS/TS的")
        == "架構圖(langchain python-langchain JS/TS的"
    )
    sentence = "In Node.js, files and modules are in one-to-one correspondence. - Node 文件"
    assert marked(sentence) == sentence
    assert (
        marked('见<a href="https://a.bc/defgh">链接</a>')
        == '见<a href="https://a.bc/defgh">链接</a>'
    )
    assert marked("见https://a.bc/d。") == "见h|t|t|p|s|:|/|/|a|.|b|c|/|d。"
    assert marked("规范》JGJ130-2009.《施") == "规范》JG|J|1|3|0|-|2|009.《施"
    assert marked("电话13800138000。") == "电话13800138000。"  # a number stays whole
    assert marked("地址为“154.56.47.207”，") == "地址为|“154.|56.|47.|207”，"  # an IP address
    assert marked("版本3.10.4.1234发布") == "版本3.10.4.1234发布"  # not one
    assert marked("为-9223372036854775808至") == "为-" + "|".join("9223372036854775808") + "至"
    assert marked("议案……………………1") == "议案……|……|……|……1"  # a leader, by pairs
    assert marked("他说……好") == "他说……好"
    assert marked("| -- | " + "-" * 14 + " |") == "| -- | " + "|".join("-" * 14) + " |"
    assert marked("复杂度）\n。2、") == "复杂度）。2、"  # a space between two marks is not set
    assert marked("纲要（2010-2020年）") == "纲要（2010-|2020年）"  # a range of numbers
    assert marked("找到3000~5000 元") == "找到3000~|5000 元"
    assert marked("the Safe,Secure,and Trustworthy") == "the Safe,|Secure,|and Trustworthy"
    # A run of code breaks between any two characters, never inside an entity, before a
    # closing bracket or punctuation, or after an opening bracket.
    assert (
        marked("response.setHeader(&quot;Cache-Control&quot;,&quot;no-cache&quot;);")
        == "|".join("response")
        + ".|"
        + "|".join("setHeader")
        + "|(&quot;|"
        + "|".join("Cache-Control")
        + "|&quot;,|&quot;|"
        + "|".join("no-cache")
        + "|&quot;);"
    )
    assert (
        marked("&lt;Meta HTTP-EQUIV=&quot;Pragma&quot;&gt;")
        == "&lt;Meta " + "|".join("HTTP-EQUIV=") + "|&quot;|" + "|".join("Pragma") + "|&quot;|&gt;"
    )
    # A word among Chinese, wrapped in a page's escaped emphasis marks, breaks as a word does.
    assert marked(r"使用\*\*Photoshop\*\*沙箱") == r"使用\*\*Pho-to-shop\*\*沙箱"
    assert marked("A&amp;B,C") == "A&amp;B,|C"  # an entity's semicolon is no comma
    assert marked("版本v1.2.3发布") == "版本v1|.|2.3发布"  # no code signs: a word among Chinese
    assert (
        marked(r"在%APPDATA%\Microsoft\Windows下")
        == "在%" + "|".join(r"APPDATA%\Microsoft\Windows") + "下"
    )  # a Windows path, broken anywhere


def test_marks_parted_by_inline_tags_are_compressed():
    """`瘟疫）</strong>，`: two marks in two text boxes, which the compression inside a box never
    pairs; the one the table compresses is wrapped for the font's half-width form."""
    from pipeline.render.breaks import compress_across_tags

    assert compress_across_tags("<p>瘟疫）</strong>，它</p>") == (
        '<p>瘟疫<span class="halt">）</span></strong>，它</p>'
    )
    assert compress_across_tags("<p>执行」</strong> ，贴上</p>") == (
        '<p>执行<span class="halt">」</span></strong>，贴上</p>'
    )  # the space Markdown's emphasis wanted is not set between the pair
    assert compress_across_tags("<p>说<em>“好</em>”。</p>") == "<p>说<em>“好</em>”。</p>"
    assert compress_across_tags("<p>好。</p><p>“对</p>") == "<p>好。</p><p>“对</p>"  # blocks
    assert compress_across_tags("<p>（<strong>“是</strong></p>") == (
        '<p>（<strong><span class="halt">“</span>是</strong></p>'
    )
    # a run-in heading's end and its paragraph's start share a line; a block heading does not
    assert compress_across_tags('<h2 class="run-in">文种。</h2>\n<p>（一）好</p>') == (
        '<h2 class="run-in">文种<span class="halt">。</span></h2>\n<p>（一）好</p>'
    )
    assert (
        compress_across_tags("<h2>文种。</h2>\n<p>（一）好</p>")
        == "<h2>文种。</h2>\n<p>（一）好</p>"
    )


def test_punctuation_compression_table():
    """Of two adjacent marks the table names the one set half width; the style's body faces
    have a half-width form (halt) for every mark it may compress."""
    import uharfbuzz as hb

    from pipeline.render.compression import half_width_positions, marks

    assert half_width_positions("“加强”。") == [3]  # ”。: the quote
    assert half_width_positions("（“知行”）。") == [
        1,
        4,
        5,
    ]  # （“ the quote; ”） and ）。 the first
    assert half_width_positions("他说：“好。”") == [2, 5]
    assert half_width_positions("中文，没有成对的标点。") == []
    for name in ("gongwen", "reading"):
        font = load_style(name).font("body")
        hb_font = hb.Font(hb.Face(hb.Blob.from_file_path(str(font.path)), font.index))
        for mark, kind in marks().items():
            if kind == "middle" and name == "reading":
                continue  # Noto's U+00B7 is proportional already
            advances = []
            for features in ({}, {"halt": True}):
                buffer = hb.Buffer()
                buffer.add_str(mark)
                buffer.guess_segment_properties()
                hb.shape(hb_font, buffer, features)
                advances.append(buffer.glyph_positions[0].x_advance)
            assert advances[1] * 2 == advances[0], (name, mark)


NOTICE = (
    "关于开展2025年度安全生产大检查的通知\n\n各科室、各下属单位：\n\n"
    "为切实做好安全生产工作，根据上级部署，决定开展安全生产大检查。现将有关事项通知如下：\n\n"
    "一、检查时间\n\n2025年7月1日至7月15日。\n\n"
    "附件：1.安全生产检查表\n2.自查报告模板（请各单位结合实际认真填写，按时报送，逾期不报的予以通报）\n\n"
    "XX市XX局办公室\n二〇二五年六月二十日\n"
)


def test_notice_parts_placed_after_gb_t_9704(tmp_path: Path):
    """Addressee flush left; attachment notes after a blank line, "2." under "1.", a long name
    going on under its first character; a blank line, the signature, the date two cells right
    of the signature's start (§7.3.4, §7.3.5)."""
    import pdfplumber

    result, out = publish_texts(tmp_path, {"notice.txt": NOTICE}, "--formats", "md,pdf,docx")
    assert result.returncode == 0, result.stderr
    md = (out / "notice.md").read_text("utf-8")
    assert '::: {.addressee custom-style="Addressee"}\n各科室、各下属单位：\n:::' in md
    assert '::: {.attachments custom-style="Attachment"}\n附件：1.安全生产检查表' in md
    with pdfplumber.open(out / "notice.pdf") as pdf:
        lines = {ln["text"]: ln for ln in pdf.pages[0].extract_text_lines()}
    style = load_style("gongwen")
    cell = style.text.size_pt + letter_spacing_pt(style)
    left = style.page.margin_left_mm / 25.4 * 72
    right = (style.page.width_mm - style.page.margin_right_mm) / 25.4 * 72

    def starting(prefix: str) -> dict:
        return next(ln for text, ln in lines.items() if text.startswith(prefix))

    assert abs(starting("各科室、")["x0"] - left) < 1
    attach, second = starting("附件："), starting("2.自查")
    assert abs(attach["x0"] - left - 2 * cell) < 1.5
    one = next(c for c in attach["chars"] if c["text"] == "1")
    assert abs(second["x0"] - one["x0"]) < 1  # "2." under "1."
    wrapped = next(
        ln for text, ln in lines.items() if text.startswith("时报送") or "逾期" in text[:8]
    )
    name = next(c for c in second["chars"] if c["text"] == "自")
    assert abs(wrapped["x0"] - name["x0"]) < 1
    signature, date = starting("XX市"), starting("二〇二五")
    assert abs(signature["x1"] - (right - 2 * cell)) > -1  # at least two cells from the margin
    assert abs(date["x0"] - signature["x0"] - 2 * cell) < 1.5
    assert date["x1"] <= right - 2 * cell + 1
    assert signature["top"] - attach["top"] > 2 * style.text.line_pitch_pt  # a blank line
    document = open_docx(out / "notice.docx")
    names = [p.style.name for p in document.paragraphs]
    assert "Addressee" in names and names.count("Attachment") == 2
    sig = [p for p in document.paragraphs if p.style.name == "Signature"]
    assert sig[0].paragraph_format.space_before.pt == pytest.approx(style.text.line_pitch_pt)
    assert sig[1].paragraph_format.right_indent < sig[0].paragraph_format.right_indent
    # Kept whole and with the paragraph above it (GB/T 9704 §7.3.5), as in the PDF.
    elements = [p._p for p in document.paragraphs]
    above = document.paragraphs[elements.index(sig[0]._p) - 1]
    assert above.paragraph_format.keep_with_next and sig[0].paragraph_format.keep_with_next


def test_the_signature_never_stands_alone_on_the_last_page(tmp_path: Path):
    """Notices of one more line each: where the signature no longer fits, the line above it goes
    over with it (GB/T 9704 §7.3.5), and `publish check` counts that page as full."""
    import pdfplumber

    item = "一是加强组织领导，明确责任分工，确保各项工作落实。"
    texts = {
        f"n{lines}.txt": "关于做好近期工作的通知\n\n各科室：\n\n"
        + "\n\n".join([item] * lines)
        + "\n\n特此通知。\n\nXX市XX局办公室\n二〇二五年六月二十日\n"
        for lines in range(14, 22)
    }
    result, out = publish_texts(tmp_path, texts, "--formats", "md,pdf")
    assert result.returncode == 0, result.stderr
    over = 0
    for name in texts:
        pdf_path = out / name.replace(".txt", ".pdf")
        with pdfplumber.open(pdf_path) as pdf:
            last = pdf.pages[-1].extract_text_lines()
            over += len(pdf.pages) > 1
        texts_on_last = [ln["text"] for ln in last]
        at = next(i for i, text in enumerate(texts_on_last) if text.startswith("XX市XX局"))
        assert at > 0 and texts_on_last[at - 1] == "特此通知。", (name, texts_on_last)
        check = run_publish("check", str(pdf_path))
        assert check.returncode == 0, (name, check.stdout)
    assert over  # some notice ran over a page (the case looked at was met)


def test_real_pages_keep_the_grid(tmp_path: Path):
    """A hash or URL longer than a line wraps inside the measure; a page in traditional script
    is set in its traditional twin faces, on the full grid."""
    folder = tmp_path / "input"
    folder.mkdir()
    (folder / "hash.txt").write_text(
        "链接测试\n\n校验值：9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        "9f86d081884c7d659a2feaa0c55ad015 以上为文件哈希值，请核对后再使用。\n",
        "utf-8",
    )
    traditional = "這些們說過的話，讓我們記住為什麼出發，並且認真對待每一個決定。" * 8
    (folder / "tw.txt").write_text("畢業致辭\n\n" + "\n\n".join([traditional] * 6) + "\n", "utf-8")
    result = run_publish(
        "all", "-i", str(folder), "-o", str(tmp_path / "out"), "--formats", "md,pdf"
    )
    assert result.returncode == 0, result.stderr
    assert "tw.txt: style gongwen: body" not in result.stderr  # the traditional twin first
    for name in ("hash", "tw"):
        check = run_publish("check", str(tmp_path / "out" / f"{name}.pdf"))
        assert check.returncode == 0, check.stdout
    fonts = subprocess.run(
        ["pdffonts", str(tmp_path / "out" / "tw.pdf")], capture_output=True, text=True
    ).stdout
    assert "FandolFang" not in fonts  # one face for the body, not a patchwork


def test_word_spaces_open_at_most_half_an_em():
    """A line of Latin words whose spaces would each open wider than half an em is left ragged
    (pdftotext and viewers' copy read wider gaps as columns); Chinese gaps take slack first."""
    from pipeline.render.weasyprint_cjk import SPACE_WIDEN_MAX_EM, left_ragged

    size = 11.0
    widest = SPACE_WIDEN_MAX_EM * size
    assert left_ragged("animation:namedurationtiming-functiondelay", 3, 3 * widest + 1, size)
    assert not left_ragged("animation:namedurationtiming-functiondelay", 3, 3 * widest, size)
    assert not left_ragged("中文没有空格的一行文字", 0, 40.0, size)  # no word space to open
    assert not left_ragged("整数有效范围为中文很多的一行字", 1, 5.0, size)  # Chinese gaps take it


def test_short_table_columns_are_kept_whole():
    from pipeline.render.tables import keep_short_columns

    html = (
        "<table><thead><tr><th>存储方式</th><th>Web存储</th></tr></thead><tbody>"
        '<tr><td style="x">功能</td><td>基本功能免费；扩展功能需购买付费会员</td></tr>'
        "</tbody></table>"
    )
    marked = keep_short_columns(html, 28)
    assert (
        '<th class="short">存储方式</th>' in marked and '<td style="x" class="short">功能' in marked
    )
    assert "<th>Web存储</th>" in marked  # its column holds a long cell: it wraps
    # Too many short columns for the measure: the narrowest are kept whole, the others wrap.
    wide = "<table><tr>" + "".join(f"<td>{'字' * 7}{i}</td>" for i in range(5)) + "</tr></table>"
    assert 0 < keep_short_columns(wide, 28).count('class="short"') < 5
    # Merged cells: left to the automatic layout.
    merged = '<table><tr><td colspan="2">存储方式</td></tr><tr><td>甲</td><td>乙</td></tr></table>'
    assert keep_short_columns(merged, 28) == merged


def test_word_spaces_on_either_side_of_a_change_of_face_take_the_slack(tmp_path: Path):
    """A line of Latin text whose word spaces close one text box and open the next (a bold
    run between them) is justified by those spaces like any other."""
    lines, _, _, _ = _reading_lines(
        tmp_path,
        "见 QdIO.png) <strong>`http://localhost:8080/about`</strong> ![](/images/6e0530b4-jFafjBe.png)"
        " 兩個頁面，網址不同，但是 nav 的部份並沒有更新。" * 2,
    )
    right = statistics.median(line["x1"] for line in lines)
    assert len(lines) > 2
    for line in lines[:-1]:
        assert line["x1"] > right - 0.5, line["text"]


def test_a_right_to_left_quotation_is_justified_in_one_face(tmp_path: Path):
    """Arabic in a Chinese paragraph, drawn from a fallback face: set in that one face, spaces
    included, its lines reach the margin like the rest (left as it comes, they end short)."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.render import weasyprint_cjk
    from pipeline.render.breaks import add_break_opportunities
    from pipeline.render.script_runs import face_for, set_in_one_face

    if face_for("ابة") is None:
        pytest.skip("no installed face has Arabic")
    weasyprint_cjk.install()
    arabic = "مشروع جديد للأمانة السورية للتنمية يهدف إلى دعم الأبطال في الجيش العربي السوري "
    paragraph = (
        f"应用名称为“{arabic * 3}”（译：叙利亚发展信托基金的一个新项目）。钓鱼页面宣称是新项目。"
    )

    def right_ends(html_text: str) -> tuple[list[float], float]:
        html = (
            '<html lang="zh-CN"><body style="font-family: Noto Serif CJK SC; font-size: 11pt; '
            f'text-align: justify; margin: 0; width: 300pt"><p>{html_text}</p></body></html>'
        )
        pdf = tmp_path / "a.pdf"
        HTML(string=html).write_pdf(pdf, stylesheets=[])
        with pdfplumber.open(pdf) as document:
            lines = document.pages[0].extract_text_lines()
        ends = [line["x1"] for line in lines[:-1]]
        return ends, max(ends)

    ends, right = right_ends(set_in_one_face(add_break_opportunities(paragraph)))
    assert len(ends) >= 3 and all(end > right - 0.5 for end in ends), ends
    ends, right = right_ends(add_break_opportunities(paragraph))
    assert any(end < right - 2 for end in ends)  # the fault this mends


@pytest.mark.epubcheck
def test_traditional_script_is_tagged_and_set_in_traditional_faces(tmp_path: Path):
    """A text in traditional script is tagged zh-Hant in every format and set in the faces' TC
    twins (Taiwan's glyph forms, punctuation centred in its square), not in SC faces."""
    notice = (
        "關於舉辦社區運動會的通知\n\n各位居民：\n\n為豐富社區文化生活，經研究決定，"
        "於本月舉辦運動會。現將有關事項通知如下：\n\n一、報名時間\n\n請於週五前到服務中心登記，"
        "逾期不再受理。這次活動由社區委員會負責組織。\n"
    )
    result, out = publish_texts(tmp_path, {"notice.txt": notice})
    assert result.returncode == 0, result.stderr
    assert _front_matter(out / "notice.md")["lang"] == "zh-Hant"
    fonts = {
        str(font["/BaseFont"])
        for page in PdfReader(out / "notice.pdf").pages
        for font in (f.get_object() for f in page["/Resources"]["/Font"].values())
    }
    assert any("CJK-TC" in name for name in fonts), fonts
    assert not any("CJK-SC" in name for name in fonts), fonts
    styles = zipfile.ZipFile(out / "notice.docx").read("word/styles.xml").decode()
    assert 'w:eastAsia="zh-Hant"' in styles and 'w:eastAsia="Noto Serif CJK TC"' in styles
    assert 'w:eastAsia="Noto Serif CJK SC"' not in styles
    with zipfile.ZipFile(out / "notice.epub") as archive:
        opf = archive.read("EPUB/content.opf").decode()
    assert "<dc:language>zh-Hant</dc:language>" in opf
    _epubcheck(out / "notice.epub")
    from fontTools.ttLib import TTFont

    page = (out / "notice.html").read_text("utf-8")
    assert 'lang="zh-Hant"' in page and ">目錄</a>" in page
    used = re.findall(r"url\(\"?([^)\"]+\.woff2)", page)
    web_faces = {TTFont(out / name)["name"].getDebugName(1) for name in used}
    assert "Noto Serif CJK TC" in web_faces and "Noto Serif CJK SC" not in web_faces, web_faces


@pytest.mark.parametrize(("lang", "face"), [("zh-Hant", "TC"), ("zh-CN", "SC")])
def test_a_question_mark_and_a_closing_quote_take_a_cell_and_a_half(
    tmp_path: Path, lang: str, face: str
):
    """？」 mid-line: the pair takes one and a half cells. Simplified faces set ？ half width;
    traditional ones centre ？ and have no half-width form of it, so 」 gives up its half."""
    import pdfplumber
    from weasyprint import HTML

    from pipeline.render import weasyprint_cjk

    weasyprint_cjk.install()
    html = (
        f'<html lang="{lang}"><body style="font-family: Noto Serif CJK {face}; font-size: 16pt;'
        ' margin: 0; width: 480pt"><p>他問：「為什麼？」我們都笑了。</p></body></html>'
    )
    pdf = tmp_path / "q.pdf"
    HTML(string=html).write_pdf(pdf, stylesheets=[])
    with pdfplumber.open(pdf) as document:
        chars = document.pages[0].chars
    at = next(i for i, c in enumerate(chars) if c["text"] == "？")
    question, quote, after = (chars[at + k]["x0"] for k in range(3))
    cells = (quote - question) / 16, (after - quote) / 16
    if face == "TC":
        assert cells == pytest.approx((1.0, 0.5), abs=0.02), cells
    else:
        assert cells == pytest.approx((0.5, 1.0), abs=0.02), cells


def test_a_body_face_lacking_a_rare_character_or_two_stays(tmp_path: Path):
    """One rare character (屛, not in GB 2312) keeps a 公文 in FandolFang (仿宋): the character
    comes from the fallback face and the run says so; the whole text is not set in 宋."""
    text = (
        "融媒体建设现场会召开\n\n会议首先观摩了便民服务中心党政集中宣传平台及“三屛一声”示范点的"
        "建设及运营情况。在随后召开的座谈会上，各县区委宣传部主要负责人作了大会交流发言。\n"
    )
    result, out = publish_texts(tmp_path, {"rare.txt": text}, "--formats", "md,pdf")
    assert result.returncode == 0, result.stderr
    assert "body kept in FandolFang; the 1 of its characters it lacks come from" in result.stderr
    fonts = subprocess.run(
        ["pdffonts", str(out / "rare.pdf")], capture_output=True, text=True
    ).stdout
    assert "FandolFang" in fonts and "Noto-Serif-CJK" in fonts, fonts
    check = run_publish("check", str(out / "rare.pdf"))
    assert check.returncode == 0, check.stdout


def test_chinese_and_latin_text_set_apart(tmp_path: Path):
    """Between a Chinese character and a Latin letter or digit the PDF sets a small gap (CSS
    text-autospace, CLREQ), as wide as a reader's extraction still reads as no space: the text
    layer is the source's (no inserted spaces), no line starts or ends with the gap, justified
    lines still reach the margin, and the gap keeps its width on lines spread or tightened."""
    import pdfplumber

    from pipeline.render.weasyprint_cjk import SPACE_GAP_EM

    sentence = "今年我们使用Python3和Excel完成了2024年度的统计工作，共计100份报表。"
    body = "".join("很" * n + sentence for n in range(12))
    result, out = publish_texts(tmp_path, {"t.txt": f"关于使用Python编程的通知\n\n{body}\n"})
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", str(out / "t.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "使用Python3和Excel完成了2024年度" in text.replace("\n", "")
    assert " " not in text.replace("\n", "").strip()
    with pdfplumber.open(out / "t.pdf") as pdf:
        page = pdf.pages[0]
        footer = page.height - 35 / 25.4 * 72  # the bottom margin holds the page number
        chars = [c for c in page.chars if c["text"].strip() and c["top"] < footer]
    body_chars = [c for c in chars if c["size"] < max(c["size"] for c in chars)]
    size = body_chars[0]["size"]
    lines: dict[float, list[dict]] = {}
    for c in body_chars:
        lines.setdefault(round(c["top"]), []).append(c)
    left = min(c["x0"] for c in body_chars)
    right = max(c["x1"] for c in body_chars)
    script_gaps, apart = [], []
    ordered = [sorted(line, key=lambda c: c["x0"]) for _, line in sorted(lines.items())]
    for line in ordered[:-1]:  # justified lines (not a paragraph's last)
        assert abs(line[-1]["x1"] - right) < 1, "".join(c["text"] for c in line)
    for line in ordered:
        if line[0]["text"].isascii():  # a line starting with Latin text: at the margin
            assert abs(line[0]["x0"] - left) < 0.5, "".join(c["text"] for c in line)
        han, scripts = [], []
        for a, b in itertools.pairwise(line):
            if a["text"] in "，。" or b["text"] in "，。":
                continue
            kinds = {a["text"].isascii(), b["text"].isascii()}
            if kinds == {True, False}:
                scripts.append(b["x0"] - a["x1"])
            elif kinds == {False}:
                han.append(b["x0"] - a["x1"])
        script_gaps += scripts
        if han and scripts:
            apart.append(min(scripts) - max(han))
    assert len(script_gaps) > 40
    # the gap between the scripts: under extraction's word space (0.1 em), 0.09 em on lines
    # set as they fall or spread, and on a line tightened taken up by as much as its Chinese
    # gaps; wider than every Chinese gap of its line
    script_gaps.sort()
    apart.sort()
    assert script_gaps[-1] < 0.1 * size, script_gaps[-1]
    assert script_gaps[len(script_gaps) // 2] > 0.085 * size, script_gaps
    assert script_gaps[0] > 0.035 * size, script_gaps
    assert apart[0] > 0.02 * size, apart
    assert apart[len(apart) // 2] > 0.05 * size, apart
    assert SPACE_GAP_EM < 0.1
    check = run_publish("check", str(out / "t.pdf"))
    assert "MISS" not in check.stdout, check.stdout


def test_autospace_marks_script_changes_outside_code():
    """AUTOSPACE goes between a Chinese character and a Latin letter or digit, either way; not
    beside marks, not across tags, not in code."""
    from pipeline.render.breaks import AUTOSPACE, add_autospace

    def marked(html: str) -> str:
        return add_autospace(html).replace(AUTOSPACE, "^")

    assert marked("使用Python3和Excel，于2024年。") == "使用^Python3^和^Excel，于^2024^年。"
    assert marked("（A）类、B类") == "（A）类、B^类"  # marks have their own blank halves
    assert marked("使用<strong>Python</strong>编程") == "使用<strong>Python</strong>编程"
    assert marked("<p>见<code>a中b</code>及<pre>x中</pre>。</p>") == (
        "<p>见<code>a中b</code>及<pre>x中</pre>。</p>"
    )
    assert marked("かなABC、ㄅX、Ωα中") == "かな^ABC、ㄅ^X、Ωα^中"


def test_bold_text_is_drawn_in_a_bold_face(tmp_path: Path):
    """`**…**` in the body is set in a bold face in every format that embeds its fonts: the
    PDF's 仿宋 body has no bold face (nor does weasyprint draw a synthetic one), so the style's
    `strong` role (FandolSong Bold) sets it; the EPUB embeds the body's bold face for it,
    declared at weight 700, holding its characters."""
    import io
    import zipfile

    import pdfplumber
    from fontTools.ttLib import TTFont

    from pipeline.fonts import find_font

    text = "关于加粗文字的说明\n\n这是一段正文，其中**务必按时提交**，而后文照常继续。\n"
    result, out = publish_texts(tmp_path, {"t.md": text})
    assert result.returncode == 0, result.stderr
    with pdfplumber.open(out / "t.pdf") as pdf:
        faces = {c["text"]: c["fontname"] for c in pdf.pages[0].chars}
    # weasyprint names a face asked bold "<family>-Bold" whether or not the family has one (a
    # regular face drawn as it is): the family must have a real bold face
    families = {faces[ch].split("+")[-1].rsplit("-", 1)[0] for ch in "务必按时提交"}
    assert all(find_font(family, bold=True) for family in families), faces
    assert all("Bold" in faces[ch] for ch in "务必按时提交"), faces
    assert not any("Bold" in faces[ch] for ch in "正而后继续"), faces
    with zipfile.ZipFile(out / "t.epub") as epub:
        css = next(epub.read(n).decode() for n in epub.namelist() if n.endswith(".css"))
        bold = [n for n in epub.namelist() if n.endswith("-bold.otf")]
        assert bold, epub.namelist()
        held = {chr(code) for code in TTFont(io.BytesIO(epub.read(bold[0]))).getBestCmap()}
    assert "font-weight: 700" in css
    assert set("务必按时提交") <= held
