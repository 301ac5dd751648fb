"""Which text files are read as HTML (pipeline.read.looks_like_html)."""

from __future__ import annotations

from pathlib import Path

from pipeline.read import looks_like_html

POST = "\n".join(
    [
        "Markdown语法说明",
        "Markdown是一种可以使用普通文本编辑器编写的标记语言，通过简单的标记语法，"
        "它可以使普通文本内容具有一定的格式。",
        "不在 Markdown 涵盖范围之内的标签，都可以直接在文档里面用 HTML 撰写。",
        "注意:",
        "<div>、<table>、<pre>、<p>",
        "等标签必须在前后加上空行与其他内容隔开，并且开始与结束标签不能用空格或者制表符来缩进。",
        "另外，Markdown 语法在 HTML 区段标签间是有效的。",
    ]
)


def test_a_post_naming_tags_on_one_line_is_text():
    assert not looks_like_html(Path("post.txt"), POST)


def test_a_page_whose_lines_carry_tags_is_html():
    page = "\n".join(f"<p>第{n}段，正文的句子。<br/>又一句。</p>" for n in range(5))
    assert looks_like_html(Path("page.txt"), "标题\n" + page)


def test_markdown_with_html_blocks_and_html_files_stay_html():
    assert looks_like_html(Path("post.md"), POST)
    assert looks_like_html(Path("post.html"), "正文")
    assert looks_like_html(Path("post.txt"), "<div>正文</div>")


def test_a_short_post_whose_only_tags_are_links_is_text(tmp_path):
    """A short post on HTML whose samples are links (使用<a>能…, <a href="tel:10086">…</a>,
    with comments and <input> beside them): a page's markup always holds more than links, so
    the file is read as text, whatever share of it the samples take."""
    from pipeline.read import looks_like_html

    text = "\n\n".join(
        [
            "混合开发指南",
            "使用<a>能快速调用电话功能，关键在于调用格式一定要准确。",
            "<!-- 拨打电话 -->",
            '<a href="tel:10086">拨打电话给10086</a>',
            '<input type="file" multiple>',
            "使用<a>能快速调用电话功能。",
        ]
    )
    assert not looks_like_html(tmp_path / "post.txt", text)
    assert looks_like_html(tmp_path / "page.txt", "<p>一</p>\n<p>二</p>\n<div>三</div>")
