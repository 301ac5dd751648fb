"""Tables stay tables: a pipe table of a text or Markdown input and an HTML <table> come through
cleaning and title choice as one table of all their rows, wherever they stand."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest

from conftest import publish_texts
from pipeline.clean import join_hard_wrapped, load_rules
from pipeline.flow import prepare

BEFORE = "下面这张表比较了两种存储方式的价格和功能，供读者在选择之前参考使用，请仔细阅读。"
AFTER = "以上就是两种方式的比较结果，读者可以根据自己的需要做出选择，不必拘泥于一种方式。"
HEADER = ("存储方式", "Web存储", "本地存储")


def long_rows(count: int) -> list[tuple[str, str, str]]:
    return [
        (
            f"第{i}项",
            f"基本功能免费；扩展功能需购买付费会员，另有说明{i}",
            f"承诺对个人用户永久免费{i}",
        )
        for i in range(1, count + 1)
    ]


def pipe_table(rows: list[tuple[str, str, str]]) -> str:
    lines = [HEADER, *rows]
    text = ["| " + " | ".join(cells) + " |" for cells in lines]
    return "\n".join([text[0], "| ---- | ---- | ---- |", *text[1:]])


def html_table(rows: list[tuple[str, str, str]]) -> str:
    head = "<tr>" + "".join(f"<th>{cell}</th>" for cell in HEADER) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table>{head}{body}</table>"


def tables(tmp_path: Path, name: str, text: str) -> tuple[dict, list[list[list[str]]], str]:
    """(front matter, each table of the intermediate as its rows of cell texts, the Markdown)."""
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    doc = prepare(source, source.stem, load_rules())
    found = []
    for block in doc.parsed.ast["blocks"]:
        if block["t"] == "Table":
            _, _, _, head, bodies, _ = block["c"]
            rows = head[1] + [row for body in bodies for row in body[3]]
            found.append([[_cell_text(cell) for cell in row[1]] for row in rows])
    return doc.meta, found, doc.markdown


def _cell_text(cell: list) -> str:
    from pipeline.intermediate import block_text

    return "".join(block_text(block) for block in cell[4])


def expected(rows: list[tuple[str, str, str]]) -> list[list[str]]:
    return [list(HEADER), *[list(row) for row in rows]]


@pytest.mark.parametrize("count", [5, 6, 8])
@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_pipe_table_of_long_rows_keeps_every_row(tmp_path, count, suffix):
    rows = long_rows(count)
    text = f"# 存储方式对比\n\n{BEFORE}\n\n{pipe_table(rows)}\n\n{AFTER}\n"
    _, found, markdown = tables(tmp_path, "page" + suffix, text)
    assert found == [expected(rows)], markdown


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_a_pipe_table_at_the_start_stays_a_table_and_gives_no_title(tmp_path, suffix):
    rows = [("第1项", "基本功能免费", "永久免费1"), ("第2项", "基本功能免费", "永久免费2")]
    text = f"{pipe_table(rows)}\n\n{AFTER}\n"
    meta, found, markdown = tables(tmp_path, "存储对比" + suffix, text)
    assert found == [expected(rows)], markdown
    assert "|" not in meta["title"]
    assert "\\|" not in markdown


def test_an_html_table_of_long_rows_keeps_every_row(tmp_path):
    rows = long_rows(8)
    page = (
        "<html><head><title>存储方式对比</title></head><body><h1>存储方式对比</h1>"
        f"<p>{BEFORE}</p>{html_table(rows)}<p>{AFTER}</p></body></html>"
    )
    _, found, markdown = tables(tmp_path, "page.html", page)
    assert found == [expected(rows)], markdown


def test_an_html_table_at_the_start_stays_a_table_and_gives_no_title(tmp_path):
    rows = [("第1项", "基本功能免费", "永久免费1"), ("第2项", "基本功能免费", "永久免费2")]
    page = f"<html><body>{html_table(rows)}<p>{AFTER}</p></body></html>"
    meta, found, markdown = tables(tmp_path, "存储对比.html", page)
    assert found == [expected(rows)], markdown
    assert "|" not in meta["title"]


def test_hard_wrapped_prose_beside_a_table_is_joined_and_the_rows_are_not():
    wrapped = [
        "各单位要高度重视，切实加强组织领导，明确责任分工，确",
        "保各项工作按时保质完成，不走过场，认真抓好落实，切实",
        "做到有部署有检查有落实，确保取得实效，并及时报送情况。",
    ]
    table = pipe_table(long_rows(6)).split("\n")
    lines = [*wrapped, "", *wrapped, "", *table, "", *wrapped]
    joined = [line for _, line in join_hard_wrapped(list(enumerate(lines, 1)))]
    assert joined.count("".join(wrapped)) == 3
    assert [line for line in joined if line.startswith("|")] == table


def test_two_tables_one_under_the_other_stay_two_tables(tmp_path):
    rows, more = long_rows(2), long_rows(4)[2:]
    text = f"# 存储方式对比\n\n{BEFORE}\n\n{pipe_table(rows)}\n\n{pipe_table(more)}\n\n{AFTER}\n"
    _, found, markdown = tables(tmp_path, "page.txt", text)
    assert found == [expected(rows), expected(more)], markdown


def test_two_html_tables_one_under_the_other_stay_two_tables(tmp_path):
    rows, more = long_rows(2), long_rows(4)[2:]
    page = (
        "<html><head><title>存储方式对比</title></head><body><h1>存储方式对比</h1>"
        f"<p>{BEFORE}</p>{html_table(rows)}{html_table(more)}<p>{AFTER}</p></body></html>"
    )
    _, found, markdown = tables(tmp_path, "page.html", page)
    assert found == [expected(rows), expected(more)], markdown


def test_a_date_in_a_tables_cell_is_not_the_documents_date(tmp_path):
    rows = [("第1项", "开始日期", "2024年1月10日"), ("第2项", "结束日期", "2024年3月1日")]
    text = f"存储方式对比\n\n{BEFORE}\n\n{pipe_table(rows)}\n\n{AFTER}\n"
    meta, found, markdown = tables(tmp_path, "page.txt", text)
    assert found == [expected(rows)], markdown
    assert not meta.get("date"), markdown


def test_a_pipe_table_of_long_rows_is_a_table_in_pdf_docx_and_epub(tmp_path):
    rows = long_rows(8)
    text = f"# 存储方式对比\n\n{BEFORE}\n\n{pipe_table(rows)}\n\n{AFTER}\n"
    result, out = publish_texts(tmp_path, {"page.txt": text}, "--formats", "md,pdf,docx,epub")
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(out / "page.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert document.count("<w:tbl>") == 1
    assert len(re.findall(r"<w:tr[ >]", document)) == len(rows) + 1
    with zipfile.ZipFile(out / "page.epub") as archive:
        xhtml = "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.endswith(".xhtml")
        )
    assert xhtml.count("<table") == 1
    assert len(re.findall(r"<tr[ >]", xhtml)) == len(rows) + 1
    layout = subprocess.run(
        ["pdftotext", "-layout", str(out / "page.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    starts = [line.split()[0] for line in layout.split("\n") if line.strip()]
    for first, *_ in rows:  # each row's first cell opens a line of its own, beside its row
        assert first in starts, layout
    assert "|" not in layout


@pytest.mark.parametrize("separator", ["|-|-|-|", "|:-|:-:|-:|", "| -- | -- | -- |"])
def test_a_separator_of_short_dashes_makes_a_table_as_for_pandoc(tmp_path, separator):
    rows = long_rows(2)
    table = pipe_table(rows).split("\n")
    table[1] = separator
    text = f"# 存储方式对比\n\n{BEFORE}\n\n" + "\n".join(table) + f"\n\n{AFTER}\n"
    _, found, markdown = tables(tmp_path, "page.md", text)
    assert found == [expected(rows)], markdown


def test_a_pipe_table_without_its_outer_pipes_is_a_table(tmp_path):
    rows = long_rows(6)
    table = [line.strip("| ") for line in pipe_table(rows).split("\n")]
    text = f"# 存储方式对比\n\n{BEFORE}\n\n" + "\n".join(table) + f"\n\n{AFTER}\n"
    _, found, markdown = tables(tmp_path, "page.md", text)
    assert found == [expected(rows)], markdown


def test_a_line_of_words_parted_by_bars_over_a_rule_is_no_table(tmp_path):
    text = f"# 存储方式对比\n\n首页 | 新闻 | 关于我们\n\n{BEFORE}\n\n----\n\n{AFTER}\n"
    _, found, _ = tables(tmp_path, "page.md", text)
    assert found == []
