"""The page's tail (rules/50-tail.toml, cut-tail): where a tail starts, and the bounds that
keep it from taking author text that goes on after a notice or a box of links."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import clean, load_rules
from pipeline.document import Document

RULES = load_rules()

REVIEW = [
    "一、初读",
    "这本书我是在去年冬天读完的，那时候刚刚换了工作，每天通勤的路上读上几页，竟然读得入了迷。",
    "作者写的是一个小镇三代人的故事，笔调平实，却处处有温度，让人想起自己的祖父母。",
    "二、再读",
    "第二遍读的时候，我更留意作者的结构安排，每一章都从一件小事写起，慢慢铺开到整个时代。",
    "书中有一句话让我印象很深：“日子是一天一天过出来的，不是一年一年想出来的。”",
    "三、余味",
    "合上书以后，我给很久没有联系的老同学打了个电话，聊了很久，也聊起了各自的家乡。",
]
BOOK_CARD = ["书名：小镇往事", "作者：某某", "出版社：某某出版社", "出版时间：2019年", "页数：320"]
SITE_TAIL = ["上一篇：读书笔记两则", "下一篇：春天的约会", "相关文章", "读书心得范文十篇"]


def _cleaned(lines: list[str]) -> tuple[str, list[str]]:
    doc = clean(Document(source=Path("page.txt"), name="page", text="\n".join(lines)), RULES)
    return doc.text, [removal.rule for removal in doc.removed]


def test_a_repost_notice_above_a_review_goes_alone():
    """A notice near the top of a short page (past the first third of its lines), then a book's
    card of short lines and the review with its heads: the notice goes, the review stays."""
    page = [
        "读《小镇往事》",
        "文 / 某某",
        "本文首发于公众号：某某书房（ab-cd）",
        *BOOK_CARD,
        *REVIEW,
    ]
    text, rules = _cleaned(page)
    assert "本文首发于" not in text
    for line in REVIEW:
        assert line in text
    assert rules.count("tail-repost-notice") == 1


def test_a_repost_notice_at_the_end_cuts_the_sites_tail():
    text, rules = _cleaned([*REVIEW, "转载请注明出处：某某读书网", *SITE_TAIL])
    assert REVIEW[-1] in text
    for line in SITE_TAIL:
        assert line not in text
    assert "tail-repost-notice" in rules


def test_a_repost_notice_before_the_tail_goes_as_a_line():
    text, _ = _cleaned(["经授权转载自公众号某某书房", *REVIEW])
    assert "经授权转载" not in text
    assert all(line in text for line in REVIEW)


@pytest.mark.parametrize(
    "paragraph",
    [
        "书中有一句话让我印象很深：“日子是一天一天过出来的，不是一年一年想出来的。”",
        "作者在后记里说，这本书写了十年，改了七稿（最后一稿只删不增）。",
        "合上书以后，我给很久没有联系的老同学打了个电话，聊了很久，也聊起了各自的家乡，聊起小时候一起走过的那条河和河边的",
    ],
)
def test_a_box_of_links_inside_the_article_goes_the_prose_after_it_stays(paragraph):
    """Paragraphs that close with a quote or a bracket, or that a lost line break cut off
    mid-sentence, are prose going on after a box: the box goes, not the rest."""
    last = "后来我又买了两本送给朋友，他们读完也说，这是近年读过的最好的小说。"
    page = [*REVIEW[:3], "相关阅读", "读书笔记两则", paragraph, last]
    text, rules = _cleaned(page)
    assert "读书笔记两则" not in text and "相关阅读" not in text
    assert paragraph in text and last in text
    assert "tail-recommendations" in rules


COMMENTS = [
    "搬砖小能手：大学老师要是都这么简明易懂地讲，科学进步就有指望了，我们当时只会死记。",
    "潇湘夜雨：我以前上大学，老师讲这玩意儿，还没开讲就宣传它特别难，然后让你背下来。",
    "👍🏽78",
]


@pytest.mark.parametrize("label", ["评论区", "2 則留言", "## 发表评论", "共12条评论"])
def test_a_comment_section_goes_though_its_comments_are_prose(label):
    text, rules = _cleaned([*REVIEW, label, *COMMENTS])
    assert REVIEW[-1] in text
    assert "搬砖小能手" not in text and "潇湘夜雨" not in text
    assert "comment-section" in rules


def test_a_sidebars_label_above_the_article_cuts_nothing():
    """A blog's sidebar (最新评论) above the article, past the first third of a short page's
    lines: with no paragraph of the article above it, it is no tail."""
    page = ["isiqi", "浏览: 16493890 次", "社区版块", "存档分类", "最新评论", *REVIEW]
    text, _ = _cleaned(page)
    assert all(line in text for line in REVIEW)


def test_a_box_of_links_under_a_short_article_cuts_the_long_footer_below_it():
    """One paragraph, then the site's related box and a footer of links three times as long:
    the box starts the tail though it stands in the page's first third."""
    footer = [f"兄弟网站{n}" for n in range(20)]
    text, rules = _cleaned([REVIEW[0], REVIEW[1], "相关稿件", "链接：", *footer])
    assert text == "\n".join(REVIEW[:2])
    assert "tail-recommendations" in rules


def test_a_related_box_label_above_the_article_is_dropped_alone():
    text, _ = _cleaned(["相关文章", *REVIEW])
    assert text == "\n".join(REVIEW)


@pytest.mark.parametrize("label", ["评论区", "相关阅读", "版权声明"])
def test_a_tail_word_over_nothing_but_paragraphs_cuts_nothing(label):
    """A tail's label with only the author's paragraphs under it (no name, date, link or
    copyright line: a site's tail always has some) is a word of the article's: it goes alone."""
    page = ["我的读书笔记", *[line for line in REVIEW if "、" not in line[:2]]]
    text, rules = _cleaned([*page[:3], label, *page[3:]])
    assert all(line in text for line in page[1:])
    assert rules.count("page-head") == 0


def _meta(lines: list[str]) -> dict:
    return clean(Document(source=Path("page.txt"), name="page", text="\n".join(lines)), RULES).meta


def test_a_post_box_of_one_pair_lines_under_the_text_is_metadata():
    """本文标题： / 本文作者： / 创建时间： each alone on its line under the text: a theme's post box,
    read as metadata and dropped; the review's own lines stay."""
    box = ["-   本文标题：读后感", "-   本文作者：某某", "-   创建时间：2025-01-01 18:22:15"]
    text, _ = _cleaned(REVIEW + box)
    assert "本文作者" not in text and "创建时间" not in text
    assert REVIEW[-1] in text
    assert _meta(REVIEW + box)["author"] == "某某"


def test_a_meetings_time_and_place_lines_stay():
    """时间： over 地点： in the text is the text's (a notice of a meeting), not a post box."""
    lines = ["时间：5月20日上午9时", "地点：三楼会议室"]
    text, _ = _cleaned(REVIEW[:3] + lines + REVIEW[3:])
    assert "时间：5月20日上午9时" in text and "地点：三楼会议室" in text


@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("來源:新華網(wǎng)", "新華網"),
        ("2009年09月27日 22:24 來源:中國新聞網 發表評論", "中國新聞網"),
        ("2023-07-03 10:22:11来源：湖南日报", "湖南日报"),
        ("( 2023-03-15 ) 稿件来源:新华每日电讯 要 闻", "新华每日电讯"),
    ],
)
def test_a_source_less_its_glosses_and_the_words_run_onto_it(line: str, source: str):
    assert _meta(["某某新闻", line, *REVIEW])["source"] == source


@pytest.mark.parametrize(
    "byline",
    [
        "4012 人参与  2022年05月27日 09:58  分类 : 新媒体运营  评论",
        "2024-12-31 17:18   工作感悟   年终总结  评论 字数统计：1839字 阅读时长：4分",
        "810 字  2 分钟",
        "January 2, 2025 本文有 335 个字 需要花费 1 分钟阅读",
    ],
)
def test_a_byline_by_its_shape_above_the_text_goes_and_dates_it(byline: str):
    text, rules = _cleaned(["读后感", byline, *REVIEW])
    assert byline not in text and "byline-shape" in rules
    assert REVIEW[1] in text


@pytest.mark.parametrize(
    "line",
    [
        "2024年5月6日",  # a notice's date: no time, no counter
        "会议时间 2024年5月6日 14:00",  # the text's event
        "2024年5月6日 10:00，会议在三楼召开。",  # a sentence
    ],
)
def test_a_date_of_the_texts_own_above_it_stays(line: str):
    text, _ = _cleaned(["通知", line, *REVIEW])
    assert line.replace(" ", "") in text.replace(" ", "")


def test_under_the_text_a_related_articles_time_goes_and_the_texts_event_stays():
    text, _ = _cleaned(
        [*REVIEW, "2023年6月9日(周五)上午10:00", "相关报道标题", "2025-06-30 18:10 HKT"]
    )
    assert "2023年6月9日（周五）上午10:00" in text and "HKT" not in text


def test_a_byline_whose_fields_a_box_drawing_bar_sets_apart():
    meta = _meta(["某某心得", "作者:阿不信│2014-06-16 23:05:24│巴幣:8│人氣:573", *REVIEW])
    assert meta["author"] == "阿不信" and meta["date"] == "2014-06-16"
