"""A page's table of contents goes, the headings it lists stay (copies.contents_list); a list
item's text is what the cleaning rules read (clean.py)."""

from pathlib import Path

from pipeline.clean import clean, load_rules
from pipeline.copies import contents_list
from pipeline.document import Document
from pipeline.read import read

PROSE = "今年是完全远程工作的第二年，大部分时间在家工作，部分时间在图书馆。收获不少。"


def test_a_list_of_the_headings_below_goes_and_its_label_with_it():
    kept = ["# 2024年终总结", "## 目录", "工作", "生活", "展望", "## 工作", PROSE, "## 生活"]
    kept += [PROSE, "## 展望", PROSE]
    left, removed = contents_list(kept, {})
    assert left == ["# 2024年终总结", "## 工作", PROSE, "## 生活", PROSE, "## 展望", PROSE]
    assert [r.text for r in removed] == ["## 目录", "工作", "生活", "展望"]


def test_an_announced_outline_and_a_single_name_stay():
    outline = ["本文分三部分：", "背景", "方法", "## 背景", PROSE, "## 方法", PROSE]
    assert contents_list(outline, {}) == (outline, [])
    single = [PROSE, "背景", PROSE, "## 背景", PROSE]
    assert contents_list(single, {}) == (single, [])


def test_the_rules_read_a_list_items_text(tmp_path: Path):
    page = tmp_path / "post.md"
    page.write_text(
        "\n\n".join(
            [
                "# 2024年终总结",
                PROSE,
                PROSE,
                "-   本文作者：Homura",
                "-   本文链接：https://homura.live/2025/01/01/summary-2024/",
                "-   版权声明：本博客所有文章除特别声明外，均采用 BY-NC-SA 许可协议。",
            ]
        ),
        encoding="utf-8",
    )
    doc = clean(read(Document(source=page, name="post")), load_rules())
    assert "本文链接" not in doc.text
    assert doc.text.count(PROSE) == 2


def test_a_pages_contents_label_takes_its_list_a_documents_bare_one_only_of_heads_below():
    page = [
        "本文目录一览:- JSP清除页面缓存常用方法",
        "- CI框架常用方法小结",
        "- CSS 清除浮动常用方法",
    ]
    kept = [*page, "JSP清除页面缓存常用方法", PROSE]
    assert contents_list(kept, {})[0] == ["JSP清除页面缓存常用方法", PROSE]
    document = ["目录：", "- 第一部分 工作回顾", "- 第二部分 明年打算", PROSE]
    assert contents_list(document, {})[0] == document
