"""HTML pages to text (pipeline/html_text.py): what the parsers are given and what is walked."""

from __future__ import annotations

from pipeline.html_text import html_to_text

ARTICLE = (
    "<p>第十届全国人民代表大会常务委员会第二十八次会议，听取了财政部部长代表国务院所作的说明，"
    "会议同意国务院提出的议案，同意财政经济委员会在审查报告中提出的建议。</p>"
    "<p>会议决定：批准发行特别国债购买外汇，批准年末国债余额限额调整，会议要求各方认真执行。</p>"
)


def test_a_page_closed_after_its_header_keeps_the_article_under_it():
    page = (
        "<html><head><title>决议</title></head><body><div>首页 | 登录</div></body></html>"
        f"<!--end header--><div class='content'>{ARTICLE}</div></body></html>"
    )
    text, _, _ = html_to_text(page)
    assert "会议决定：批准发行特别国债购买外汇" in text


def test_a_comment_in_the_page_is_no_text_of_it():
    fragment = f"<div><!-- 文章标题 begin -->决议<!-- 文章标题 end -->{ARTICLE}</div>"
    text, _, _ = html_to_text(fragment)
    assert "begin" not in text and "决议" in text


MENU = "".join(f"<li><a href='/{n}'>栏目{n}</a></li>" for n in range(12))


def test_an_article_inside_a_form_or_a_header_is_walked():
    # A text's body in a <form> (a server page's layout) or a <header>: the
    # extractor finds the text there, and the walk takes it, leaving the menu out.
    lead = "<p>（2007年6月29日第十届全国人民代表大会常务委员会第二十八次会议通过）</p>"
    for wrapper in ("form", "header"):
        page = (
            "<html><head><title>决议</title></head><body>"
            f"<nav><ul>{MENU}</ul></nav><div class='content'><h1>关于批准发行特别国债的决议</h1>"
            f"{lead}<{wrapper}><nav><ul>{MENU}</ul></nav>{ARTICLE}</{wrapper}></div>"
            "<footer>版权所有 某某网</footer></body></html>"
        )
        text, _, _ = html_to_text(page)
        assert "会议决定：批准发行特别国债购买外汇" in text, wrapper
        assert "栏目3" not in text, wrapper


def test_a_menu_bar_with_a_tagline_stays_out_of_the_walk():
    # A <header> of links with the site's tagline, which the extractor may keep as prose: the
    # header is still the site's (mostly link text).
    tagline = "今日股市行情_明日大盘_今日股市_股票行情 - 明日大盘网，权威股市行情资讯网站"
    page = (
        "<html><head><title>决议</title></head><body>"
        f"<header><p>{tagline}</p><ul>{MENU}{MENU}</ul></header>"
        f"<div class='content'>{ARTICLE}</div></body></html>"
    )
    text, _, _ = html_to_text(page)
    assert "会议决定" in text and "栏目3" not in text


def test_markdown_with_a_few_tags_keeps_its_paragraphs_and_blocks():
    """A text or Markdown file with a few inline tags is read as an HTML fragment: its blank
    lines still part its paragraphs, and a line opening a block (#, -, >) is a line of its own,
    so its first post is not run into one line with the whole thread."""
    text = (
        "#### 法鲁西奥\n"
        "##### 1# 楼主 发表于 2024-6-20 15:27\n\n"
        "B站发布了最新的轻量级开源大模型系列。\n\n"
        "包含以下模型：\n\n"
        "- Index-1.9B base : 基座模型\n"
        "- Index-1.9B chat : 对话模型\n\n"
        '详见 <a href="https://example.com">官网</a>，<strong>欢迎试用</strong>。<br>'
        '<img src="x.png"> <a href="https://example.com/b">镜像站</a>\n'
    )
    body, _, _ = html_to_text(text)
    lines = [line for line in body.split("\n") if line]
    assert lines[:6] == [
        "#### 法鲁西奥",
        "##### 1# 楼主 发表于 2024-6-20 15:27",
        "B站发布了最新的轻量级开源大模型系列。",
        "包含以下模型：",
        "- Index-1.9B base : 基座模型",
        "- Index-1.9B chat : 对话模型",
    ]


def test_a_cms_fragments_paragraphs_in_tags_are_read_as_before():
    body, _, _ = html_to_text("<p>第一段，\n接着写。</p>\n<p>第二段。</p>")
    assert [line for line in body.split("\n") if line] == ["第一段， 接着写。", "第二段。"]


def test_the_headline_right_above_the_kept_text_is_walked_with_it():
    # An <h5> headline over the date line and the article: the extractor keeps the article
    # from the date line on; the headline above it is the page's, and is walked with it.
    page = (
        "<html><head><title>新闻动态--某某学会官网</title></head><body>"
        f"<nav><ul>{MENU}</ul></nav><div><h3>首页 - 新闻动态</h3></div>"
        "<div class='news'><h5>2019年学术年会在重庆成功举行！</h5>"
        "<div>发布时间：2019-05-18 来源：某某学会</div>"
        f"<div class='detail'>{ARTICLE}</div></div><footer>版权所有</footer></body></html>"
    )
    text, _, _ = html_to_text(page)
    assert "2019年学术年会在重庆成功举行！" in text and "首页 - 新闻动态" not in text
