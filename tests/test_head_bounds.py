"""Bounds on the rules of the page's head (rules/10-head.toml, where = "head"): what stands
under the article's first paragraph is the text's."""

from __future__ import annotations

from pathlib import Path

from pipeline.clean import clean, load_rules
from pipeline.document import Document

RULES = load_rules()
TEXT = [
    "春节放假安排的通知",
    "根据国务院办公厅通知精神，现将春节放假安排通知如下，请各部门做好值班和安全工作。",
    "节假日期间，各部门要妥善安排好值班和安全、保卫等工作，遇有重大突发事件及时报告。",
]


def _cleaned(lines: list[str]) -> Document:
    return clean(Document(source=Path("page.txt"), name="page", text="\n".join(lines)), RULES)


def test_a_date_alone_under_the_paragraphs_is_the_texts_own():
    doc = _cleaned([*TEXT, "2012-3-5"])
    assert doc.text.split("\n")[-1] == "2012-3-5"


def test_a_dated_byline_under_the_title_still_goes():
    doc = _cleaned([TEXT[0], "人民网 2012-03-05 10:12", *TEXT[1:]])
    assert "人民网" not in doc.text and doc.meta["date"] == "2012-03-05"


def test_a_papers_abstract_over_its_keywords_stays_a_sites_teaser_goes():
    abstract = "【摘要】知识技术密集性是如今高新技术企业的一大标志，人力资源对企业的发展至关重要。"
    doc = _cleaned([abstract, "【关键词】技术企业；人才流失原因；解决对策", *TEXT[1:]])
    assert "知识技术密集性" in doc.text
    doc = _cleaned([abstract, *TEXT[1:]])
    assert "知识技术密集性" not in doc.text


def test_a_name_between_the_headline_and_its_byline_is_the_author_a_subtitle_is_not():
    doc = _cleaned([TEXT[0], "Shaform", "2024-12-30 10:12", *TEXT[1:]])
    assert doc.meta["author"] == "Shaform" and "Shaform" not in doc.text
    doc = _cleaned([TEXT[0], "张明 作者", "2024-12-30 10:12", *TEXT[1:]])
    assert doc.meta["author"] == "张明"
    doc = _cleaned([TEXT[0], "辽宁经济社会加快复苏观察", "2024-12-30 10:12", *TEXT[1:]])
    assert "author" not in doc.meta and "辽宁经济社会加快复苏观察" in doc.text


def test_a_byline_of_fields_set_far_apart_goes_a_forms_row_stays():
    byline = (
        "上传处室：宣传研究处    整理上传人：王明    发表日期:2024/6/4 9:28:08    点击量:882 次"
    )
    doc = _cleaned([TEXT[0], byline, *TEXT[1:]])
    assert "宣传研究处" not in doc.text and doc.meta["date"].startswith("2024/6/4")
    row = "姓名：王明    性别：男    日期：2024-06-04"
    doc = _cleaned([TEXT[0], row, *TEXT[1:]])
    assert "性别：男" in doc.text


def test_a_link_under_a_short_address_label_is_the_texts():
    doc = _cleaned([*TEXT, "项目地址：", "https://github.com/example/project", *TEXT[1:]])
    assert "https://github.com/example/project" in doc.text
    doc = _cleaned([*TEXT, "https://www.example.com/article/123.html", *TEXT[1:]])
    assert "example.com" not in doc.text


def test_a_mirrors_host_glued_to_the_bylines_date_goes_with_it():
    doc = _cleaned([TEXT[0], "//example.com2016-01-22来源: 中国纪检监察报", *TEXT[1:]])
    assert "example.com" not in doc.text and doc.meta["source"] == "中国纪检监察报"


def test_a_byline_by_its_shape_reads_past_its_sources_address_and_an_english_date():
    from pipeline.bylines import byline_shape

    assert byline_shape(
        "中共湖北省委统一战线工作部 http://www.hbtyzx.gov.cn/ 2016-06-27 09:56:51【阅读 】"
    )
    assert byline_shape("Dec 31, 2024 10:00") and byline_shape("31 Dec 2024 10:00")
    assert not byline_shape("会议时间 2024年5月6日 14:00")
    assert byline_shape("admin102025-03-14 18:05:53")  # a user's name and number run on
    assert not byline_shape("admin102025-03-14")


def test_a_record_with_its_labels_set_out_letter_by_letter_is_read_as_its_pairs():
    lines = ["发 布 机 构 市人民政府办公室 发 文 日 期 2019-11-29", "索   引   号 20191202-189769"]
    doc = _cleaned([TEXT[0], *lines, *TEXT[1:]])
    assert "20191202" not in doc.text and doc.meta["source"] == "市人民政府办公室"
    doc = _cleaned([*TEXT, "我 们 的 家"])
    assert "我 们 的 家" in doc.text


def test_a_menu_set_out_letter_by_letter_is_chrome():
    from pipeline.page import is_chrome

    assert is_chrome("首     页 政 务 公 开 网 上 办 事 互 动 交 流")
    assert not is_chrome("春 眠 不 觉 晓")


def test_the_file_names_a_notice_lists_as_its_attachments_stay():
    doc = _cleaned([*TEXT, "附件:1.国际会议申报须知.doc", "2.2010年度国际会议计划表.doc"])
    assert "2.2010年度国际会议计划表.doc" in doc.text
    doc = _cleaned([*TEXT, "物业管理质量手册.docx"])
    assert "物业管理质量手册" not in doc.text


def test_links_the_text_announces_are_no_box_of_the_sites():
    from pipeline.clean import _link_block

    texts = [
        "访问Top3的文章：",
        "将博客部署到星际文件系统",
        "利用Github Actions定时抓取微博",
        TEXT[1],
    ]
    assert _link_block(texts, set(texts[1:3])) == set()
    texts[0] = "相关文章："
    assert {1, 2} <= _link_block(texts, set(texts[1:3]))
