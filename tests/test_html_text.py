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
