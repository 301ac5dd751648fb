"""A page saved as Markdown by an archiver (pipeline/markdown_links.py, and the cleaner over it)."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean import load_rules
from pipeline.flow import prepare
from pipeline.markdown_links import card_heads, plain_links

MENU = "\n".join(
    f"* [※{name}※](https://example.org/{slug})"
    for name, slug in [("说说/Talk", "talk"), ("留言/Msg", "msg"), ("归档/File", "file")]
)


def test_links_read_as_their_text_and_link_lines_are_told():
    text, links, pictures = plain_links(
        MENU + "\n\n昨天下午，[![杜郎](https://a.org/x.png)杜郎](https://dujun.io)发消息。\n"
        "![](https://a.org/1.png)\n\\* 网址：<https://h4ck.org.cn/>\n"
    )
    assert "※说说/Talk※" in text and "](" not in text
    assert "昨天下午，杜郎发消息。" in text
    assert "网址：https://h4ck.org.cn/" in text
    assert "※说说/Talk※" in links and not any("昨天" in line for line in links)
    assert [index for index, _ in pictures] == [4, 5]  # named in --explain by the cleaner


def test_a_plain_text_with_one_bracket_pair_is_left_alone():
    text = "见[附件一](附件一.doc)。\n第二行。"
    assert plain_links(text) == (text, (), [])


PAGE = """---
title: WordPress 后台速度优化
url: https://h4ck.org.cn/2025/02/19381
date: 2025-02-20
---

Artificial Intelligence / Reverse Engineering / Internet of Things / Full Stack Developer

{menu}

# WordPress 后台速度优化

2025年2月19日
[55 条评论](https://h4ck.org.cn/2025/02/19381#comments)

昨天下午的时候，朋友发消息，问有没有什么想干的事情，或者想要的插件。当时说没什么想写的东西。

等到了晚上的时候，发现后台加载速度变得很慢，需要等待好几秒才能打开，于是把插件版本回滚了。

但是，回滚之后速度并没有明显的改观，这就变得很奇怪了，只好打开监控工具一项一项地查。

清空记录之后，一切就正常了，后台打开的时间又回到了一秒以内，问题总算解决。

（发表评论请勾选 **在此浏览器中保存我的显示名称、邮箱地址和网站地址。**）

☆版权☆

\\* 网站名称：**[obaby@mars](https://h4ck.org.cn/)**
\\* 本文链接：<https://h4ck.org.cn/2025/02/19381>

[Previous Post](https://h4ck.org.cn/2025/02/19419)
[Next Post](https://h4ck.org.cn/2025/02/19333)

#### 猜你喜欢：

这篇文章写得很好，我也遇到过同样的问题，后来是换了服务器才解决的，谢谢分享经验。
"""


def test_a_blog_page_saved_as_markdown(tmp_path: Path):
    source = tmp_path / "post.md"
    source.write_text(PAGE.format(menu=MENU), encoding="utf-8")
    markdown = prepare(source, source.stem, load_rules()).markdown
    assert "date: '2025-02-19'" in markdown  # the post's own date, not the feed's
    for cruft in (
        "Talk",
        "Reverse Engineering",
        "55 条评论",
        "发表评论请勾选",
        "☆版权☆",
        "本文链接",
        "Previous Post",
        "猜你喜欢",
        "换了服务器",
    ):
        assert cruft not in markdown, cruft
    assert markdown.count("WordPress 后台速度优化") == 1  # the title, once
    assert "清空记录之后，一切就正常了" in markdown


def test_a_link_whose_text_spans_lines_is_a_card_of_link_text_not_a_head():
    text = "\n".join(
        [
            MENU,
            "# 我的2024",
            "今年的旅行少了很多，期待明年能有更长的自驾游。",
            "[",
            "",
            "## 入手比亚乔x7",
            "",
            "](/2021/2021-08-17-the-first-motocycle/)",
            "[ 方括号里的字 ]",
        ]
    )
    plain, link_lines, _ = plain_links(text)
    assert "入手比亚乔x7" in link_lines
    assert "## 入手比亚乔x7" not in plain and "](/2021" not in plain
    assert "[ 方括号里的字 ]" in plain


def _post(body: str, tmp_path: Path) -> str:
    source = tmp_path / "post.md"
    source.write_text(body, encoding="utf-8")
    return prepare(source, source.stem, load_rules()).markdown


ARTICLE = "\n\n".join(
    f"## 第{n}节\n\n这一节写的是我今年的第{n}件事情，经历了很多，也想了很多，收获颇丰。"
    for n in range(1, 6)
)


def test_card_heads_are_headings_wholly_a_link_to_another_page():
    text = "\n".join(
        [
            MENU,
            "## [车里的微光](/2024/07/25/Glimmer-in-the-Taxi/)",
            "## [背景](#背景)",
            "## 写在最后",
            '## [冬日打车日记](https://example.org/2024/01/27/taxi/ "冬日")',
        ]
    )
    assert card_heads(text) == ("## 车里的微光", "## 冬日打车日记")


def test_cards_of_other_posts_under_the_text_go_with_their_teasers(tmp_path: Path):
    cards = "\n\n".join(
        f"## [{title}](/2024/0{n}/01/post-{n}/)\n\n{teaser}"
        for n, (title, teaser) in enumerate(
            [
                ("车里的微光", "出差至上海，一下飞机，我便习惯性地打开手机预约网约车。没想到……"),
                ("冬日打车日记", "今晚打车，司机停在一个靠近上车点拐弯口的路边，一直没开进来。"),
            ],
            1,
        )
    )
    markdown = _post(f"{MENU}\n\n# 2024年终总结\n\n{ARTICLE}\n\n{cards}\n\n© 2024 某某\n", tmp_path)
    assert "车里的微光" not in markdown and "出差至上海" not in markdown
    assert "冬日打车日记" not in markdown and "今晚打车" not in markdown
    assert "第5件事情" in markdown and "# 第5节" in markdown


def test_a_digest_whose_linked_sections_the_text_goes_on_under_keeps_them(tmp_path: Path):
    sections = "\n\n".join(
        f"## [{title}](https://example.org/{n}/)\n\n这篇文章讲了{title}的来龙去脉，值得一读，我也很有收获。"
        for n, title in enumerate(["第一篇好文", "第二篇好文"], 1)
    )
    markdown = _post(
        f"{MENU}\n\n# 本周推荐\n\n{ARTICLE}\n\n{sections}\n\n## 结语\n\n"
        "以上就是本周我读到的文章，下周我们继续，希望大家喜欢，也欢迎推荐。\n",
        tmp_path,
    )
    assert "第一篇好文" in markdown and "第二篇好文" in markdown


def test_a_sidebars_recent_posts_with_their_dates_are_a_block_of_links(tmp_path: Path):
    recent = "\n".join(
        f"-   [{title}](https://example.org/post/{n}.html)\n    \n    2023-0{n}-18 08:38\n    "
        for n, title in enumerate(
            ["《飞驰人生2》观后感", "项目总结：公司主页", "C# 版本特性记录"], 1
        )
    )
    markdown = _post(
        f"{MENU}\n\n### 最新文章\n\n{recent}\n\n# 2024年终总结\n\n{ARTICLE}\n", tmp_path
    )
    for cruft in ("飞驰人生", "项目总结", "版本特性", "2023-03-18"):
        assert cruft not in markdown, cruft
    assert "第1件事情" in markdown


def test_cards_with_a_tag_source_and_date_under_a_box_label_go_whole(tmp_path: Path):
    cards = "\n".join(
        f"* ## [{title}](https://example.org/articles/{n})\n\n"
        f"  [APT](https://example.org/articles?tag=APT)\n"
        f"  [某某研究中心](https://example.org/articles?author=x)\n  2026-01-2{n}\n\n"
        f"  [{teaser}](https://example.org/articles/{n})"
        for n, (title, teaser) in enumerate(
            [
                (
                    "关于防范某组织网络攻击的风险提示",
                    "某组织近期针对政府、能源等机构实施网络攻击，窃取敏感数据。",
                ),
                ("高级持续性威胁十年嬗变", "十年间，APT 有什么趋势性的变化？"),
            ],
            1,
        )
    )
    markdown = _post(f"{MENU}\n\n# 攻击活动分析\n\n{ARTICLE}\n\n相关资讯\n\n{cards}\n", tmp_path)
    for cruft in ("相关资讯", "风险提示", "十年嬗变", "某某研究中心", "2026-01-21", "趋势性的变化"):
        assert cruft not in markdown, cruft
    assert "第5件事情" in markdown


def test_a_post_box_of_quoted_items_with_bold_labels_is_read_as_its_words(tmp_path: Path):
    """> -   **本文链接:** … under the post: the rules see 本文链接: …; a plain quote of the
    author's (> 封面来自…) is not read through its mark."""
    box = (
        "> -   **本文链接:** [https://example.org/post/1.html](https://example.org/post/1.html)\n"
        "> -   **License：** 本作品采用知识共享署名-非商业性使用 4.0 国际许可协议进行许可。"
    )
    markdown = _post(
        f"{MENU}\n\n# 2024年终总结\n\n> 封面来自我自己拍摄的操场阶梯\n\n{ARTICLE}\n\n{box}\n\n"
        "分享职业生涯中的收获与喜悦\n",
        tmp_path,
    )
    assert "本文链接" not in markdown and "License" not in markdown
    assert "分享职业生涯" not in markdown
    assert "封面来自我自己拍摄的操场阶梯" in markdown and "第5件事情" in markdown


def test_a_post_boxs_words_record_no_removal_the_line_does_not_undergo(tmp_path: Path):
    """A rule that strips a span of the box line's bare words removes nothing from the line as
    written: --explain records nothing for it."""
    from pipeline.clean import Removal, _Cleaner

    cleaner = _Cleaner(load_rules(), {})
    line = "> -   {% hint %} 这是作者自己写的一句说明，没有站点的词。"
    assert cleaner.line(line, 7, {"anywhere"}) == line
    assert not [r for r in cleaner.removed if isinstance(r, Removal) and r.line == 7]
