"""Cruft told by its shape, probed on made-up pages (no site's words): each kind of site line
placed where sites put it in an article written for the probe, in other words than any dev
page's, and the author's look-alikes beside it, which stay."""

from __future__ import annotations

import pytest

from pipeline.clean import load_rules
from pipeline.flow import prepare

LEAD = "今年春天，河东村的二十户果农第一次把自家的苹果卖到了三百公里外的城市超市。"
SECOND = "合作社的会计老周说，去年冬天大家一起凑钱买了冷库，苹果才放得住、运得出。"
THIRD = "村里的年轻人回来了几个，有人负责拍视频，有人跑物流，果园的活也有人接手了。"
FOURTH = "到了秋天，合作社打算再添两台分拣机，让每一箱苹果的大小都差不多。"


def _publish(tmp_path, lines: list[str]):
    source = tmp_path / "probe.txt"
    source.write_text("\n\n".join(lines), encoding="utf-8")
    doc = prepare(source, source.stem, load_rules())
    return doc, {removal.text: removal.rule for removal in doc.removed}


@pytest.mark.parametrize("label", ["简介", "簡介", "摘要：", "【导读】", "内容提要:"])
def test_a_labelled_box_repeating_the_lead_goes(tmp_path, label):
    box = label + LEAD
    doc, removed = _publish(tmp_path, ["果农的冷库", box, LEAD, SECOND, THIRD, FOURTH])
    assert box in removed  # site-preview (a rule may know the label: guide-label)
    assert LEAD in doc.markdown and FOURTH in doc.markdown


def test_a_summary_box_saying_a_sentence_of_the_text_again_goes(tmp_path):
    box = "摘要：" + SECOND
    doc, removed = _publish(
        tmp_path, ["果农的冷库", "河东村合作社", box, "通讯员 王小林", LEAD + SECOND, THIRD, FOURTH]
    )
    assert removed.get(box) == "site-preview"
    assert SECOND in doc.markdown


def test_an_abstract_of_its_own_stays(tmp_path):
    """A paper's abstract says what the body does not say word for word: the author's."""
    abstract = "摘要：本文以河东村合作社为例，讨论冷库投资对果农收入和外出务工人员返乡的影响。"
    doc, removed = _publish(tmp_path, ["果农的冷库", abstract, LEAD, SECOND, THIRD, FOURTH])
    assert abstract not in removed
    assert "冷库投资对果农收入" in doc.markdown


def test_a_refrain_without_a_label_stays_twice(tmp_path):
    doc, _ = _publish(tmp_path, ["果农的冷库", LEAD, LEAD, SECOND, THIRD, FOURTH])
    assert doc.markdown.count(LEAD) == 2


@pytest.mark.parametrize("marker", ["P. 12", "p.7", "Page 3", "第 3 页"])
def test_a_page_marker_alone_on_its_line_goes(tmp_path, marker):
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, marker, THIRD, FOURTH])
    assert removed.get(marker) == "pagination"
    assert THIRD in doc.markdown


def test_a_page_marker_at_the_end_of_a_line_cut_by_the_page_break_goes(tmp_path):
    cut = "合作社的会计老周说，去年冬天大家一起凑钱买了冷库，"
    doc, removed = _publish(
        tmp_path, ["果农的冷库", LEAD, cut + "-3-", "苹果才放得住、运得出。", THIRD, FOURTH]
    )
    assert removed.get("-3-") == "page-marker-inline"
    assert cut in doc.markdown and "-3-" not in doc.markdown


@pytest.mark.parametrize(
    "line", ["详见 P. 12 的表格，合作社的账目都在上面。", "温度在-1～-5度之间，冷库要保温。"]
)
def test_a_page_number_inside_a_sentence_stays(tmp_path, line):
    doc, _ = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, line, THIRD, FOURTH])
    assert line.replace(",", "，") in doc.markdown or line in doc.markdown


@pytest.mark.parametrize("field", ["- 点阅：1,208", "- 歸檔日期:113/02/08", "- 收录：2024-03-07"])
def test_a_date_or_count_field_beside_the_record_goes(tmp_path, field):
    """Read through its mark: whatever its label says, a field of a date or a count alone
    in the run of fields the rules read as the page's record is the record's."""
    record = ["- 发布单位：河东村合作社", "- 发布时间：2024-03-05", field]
    doc, removed = _publish(tmp_path, ["果农的冷库", *record, LEAD, SECOND, THIRD, FOURTH])
    assert removed.get(field) == "record-field"
    assert doc.meta.get("date") == "2024-03-05"
    assert LEAD in doc.markdown


def test_a_field_of_the_text_away_from_the_record_stays(tmp_path):
    field = "报名截止：2024年3月20日"
    page = ["果农的冷库", "- 发布时间：2024-03-05", LEAD, SECOND, field, THIRD, FOURTH]
    doc, removed = _publish(tmp_path, page)
    assert field not in removed
    assert "报名截止" in doc.markdown


def test_an_event_time_under_the_record_stays(tmp_path):
    field = "时间：5月20日上午9时"
    page = ["果农的冷库", "来源：河东村合作社 发布时间：2024-03-05", field, LEAD, SECOND, THIRD]
    doc, _ = _publish(tmp_path, page)
    assert "5月20日上午9时" in doc.markdown


def test_a_date_field_stays_on_a_page_not_dated_yet(tmp_path):
    """The page's only date may be the one the structure stage reads from it."""
    field = "- 整理日期:2021/5/11"
    page = ["果农的冷库", "- 发布单位：河东村合作社", field, LEAD, SECOND, THIRD, FOURTH]
    _, removed = _publish(tmp_path, page)
    assert field not in removed


PIECE = "果农合作社工作总结篇一"
BLURB = "年底到了，很多合作社都要写工作总结。那么工作总结怎么写才好呢？"


def test_a_collections_blurb_above_its_first_piece_goes(tmp_path):
    doc, removed = _publish(tmp_path, ["果农合作社工作总结（精选5篇）", BLURB, PIECE, LEAD, SECOND])
    assert removed.get(BLURB) == "collection-intro"
    assert LEAD in doc.markdown and "果农合作社工作总结" in doc.markdown


@pytest.mark.parametrize("head", ["（一）工作目标", "附件1", "2017年(1)"])
def test_a_documents_preamble_above_its_first_part_stays(tmp_path, head):
    preamble = "为做好今年的果品销售工作，结合我村实际，制定本方案。"
    doc, removed = _publish(tmp_path, ["河东村果品销售方案", preamble, head, LEAD, SECOND])
    assert preamble not in removed
    assert "制定本方案" in doc.markdown


def test_a_preamble_announcing_the_first_piece_stays(tmp_path):
    preamble = "现将我社去年的工作总结印发如下："
    _, removed = _publish(tmp_path, ["果农合作社", preamble, PIECE, LEAD, SECOND])
    assert preamble not in removed


@pytest.mark.parametrize(
    ("byline", "source"),
    [
        ("河东日报 | 2024-05-06", "河东日报"),
        ("2024年5月6日 | 河东日报", "河东日报"),
        ("Updated 2024-05-06", None),
    ],
)
def test_a_date_and_source_byline_is_read_through_its_bar(tmp_path, byline, source):
    doc, removed = _publish(tmp_path, ["果农的冷库", byline, LEAD, SECOND, THIRD, FOURTH])
    assert byline in removed
    assert doc.meta.get("date") == "2024-05-06"
    assert doc.meta.get("source") == source


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("跳到正文", "skip-link"),
        ("Skip to main content", "skip-link"),
        ("1552人已围观", "onlooker-count"),
        ("展开剩余85%", "fold-button"),
        ("最后修改：2024-05-06", "update-record-line"),
        ("请关闭广告拦截插件后刷新页面", "adblock-nag"),
        ("Page 3 of 9", "pagination"),
    ],
)
@pytest.mark.parametrize("where", ["head", "middle", "tail"])
def test_an_everyday_site_line_goes_wherever_it_stands(tmp_path, line, rule, where):
    at = {"head": 1, "middle": 3, "tail": 5}[where]
    page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH]
    page.insert(at, line)
    doc, removed = _publish(tmp_path, page)
    assert removed.get(line) == rule
    assert all(paragraph in doc.markdown for paragraph in (LEAD, SECOND, THIRD, FOURTH))


@pytest.mark.parametrize("label", ["Copy", "复制代码", "複製代碼", "有用", "AI 代码解读"])
def test_a_button_label_the_page_repeats_goes(tmp_path, label):
    page = ["果农的冷库", LEAD, label, SECOND, THIRD, label, FOURTH]
    doc, removed = _publish(tmp_path, page)
    assert label in removed  # repeated-button (a rule may know the label: site-ui-words)
    assert f"\n{label}\n" not in doc.markdown


def test_a_button_word_said_once_stays(tmp_path):
    """运行 once between paragraphs may be the text's own word (a heading, a step)."""
    _, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, "运行", THIRD, FOURTH])
    assert "运行" not in removed


def test_a_takedown_notice_with_an_address_goes_an_authors_address_stays(tmp_path):
    notice = "以上内容整理自网络，若有异议请来信guonong@example.com，我们会尽快删除。"
    contact = "订购苹果请发邮件至guonong@example.com，我们当天回复。"
    page = ["果农的冷库", LEAD, SECOND, THIRD, contact, FOURTH, notice]
    doc, removed = _publish(tmp_path, page)
    assert removed.get(notice) == "takedown-contact"
    assert contact not in removed and "订购苹果请发邮件" in doc.markdown


CLOSINGS = [
    "本站所载稿件部分来自网络，版权归原作者所有，如涉及权利问题请与本网联系。",
    "本平台刊发的文章仅代表作者本人观点，不代表本平台立场。",
    "本公众号推送的图文均注明出处，若有侵权请留言，我们会及时删除。",
]


@pytest.mark.parametrize("closing", CLOSINGS)
def test_a_sites_closing_disclaimer_paragraph_goes(tmp_path, closing):
    """The site speaking of itself (本站, 本平台, 本公众号) and of rights or liability after
    the text, in any words: a disclaimer, never the author's."""
    page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH, closing]
    doc, removed = _publish(tmp_path, page)
    assert removed.get(closing) == "site-disclaimer"
    assert FOURTH in doc.markdown


@pytest.mark.parametrize(
    "line",
    [
        "合作社的冷库由老周负责，本站的分拣线由小李看管。",
        "苹果包装上的图案已经注册，别人不许转载宣传图，侵权要负责任。",
    ],
)
def test_the_authors_words_on_rights_or_a_station_stay(tmp_path, line):
    page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH, line]
    doc, removed = _publish(tmp_path, page)
    assert line not in removed
    assert line[:8] in doc.markdown


@pytest.mark.parametrize(
    "call",
    [
        "更多果园管理的文章请点击：果园管理大全",
        "想读更多种植范文，敬请关注农家网种植频道。",
        "有兴趣的朋友不妨读读这篇由果农站为您提供的文章。",
        "需要的朋友们跟着小编来一起看看吧！",
    ],
)
@pytest.mark.parametrize("where", ["first", "last"])
def test_a_sites_call_to_its_reader_goes_from_the_paragraph(tmp_path, call, where):
    """The site pointing its reader to more of its pages, or naming itself as the text's
    provider, glued to the first or last paragraph: the call goes, the paragraph stays."""
    if where == "first":  # a call without a sentence's end stands on a line of its own
        opening = [call + LEAD] if call.endswith(("。", "！")) else [call, LEAD]
        page = ["果农的冷库", *opening, SECOND, THIRD, FOURTH]
    else:
        page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH + call]
    doc, removed = _publish(tmp_path, page)
    assert removed.get(call) == "reader-call"
    assert LEAD in doc.markdown and FOURTH in doc.markdown


def test_more_information_from_the_author_stays(tmp_path):
    line = "更多报名信息请访问合作社的网站，或者打电话问老周。"
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, THIRD, FOURTH + line])
    assert line not in removed
    assert "更多报名信息" in doc.markdown


@pytest.mark.parametrize(
    "stamp",
    [
        "【河东晚报】本文网址：http://www.example.com/news/2024/518.html",
        "原文：https://example.org/p/77",
    ],
)
@pytest.mark.parametrize("where", ["top", "end", "glued"])
def test_a_stamp_of_the_original_address_goes(tmp_path, stamp, where):
    """A label of the text's origin and an address, nothing else: the copy's stamp, under the
    byline, at the end, or glued after the last sentence."""
    if where == "top":
        page = ["果农的冷库", "作者：王小林", stamp, LEAD, SECOND, THIRD, FOURTH]
    elif where == "end":
        page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH, stamp]
    else:
        page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH + stamp]
    doc, removed = _publish(tmp_path, page)
    assert removed.get(stamp) == "source-stamp"
    assert "example" not in doc.markdown
    assert FOURTH in doc.markdown


def test_the_authors_own_address_line_stays(tmp_path):
    line = "项目地址：https://example.org/hedong/cold-store"
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, line, THIRD, FOURTH])
    assert line not in removed
    assert "hedong/cold-store" in doc.markdown


def test_letter_spaced_review_credits_go(tmp_path):
    """A 公众号's closing credits, labels and names spaced out (一 审：王 林): each a credit."""
    credits = ["编 辑：李 芳", "一 审：周 敏", "二 审：赵立新", "三 审：孙 强"]
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, THIRD, FOURTH, *credits])
    assert all(credit in removed for credit in credits)
    assert "审" not in doc.markdown


def test_a_trials_stage_in_the_text_stays(tmp_path):
    line = "一审：判处被告赔偿果农损失两万元"
    _, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, line, THIRD, FOURTH])
    assert line not in removed


@pytest.mark.parametrize(
    "salt",
    ["~w·w^w.g`u¢o_n/o-n+g.c§o*m′", "?最[新(-章^节£尽¥在`果§农~网{", "h^e~d`o·n¢g-s_h/u+o%"],
)
@pytest.mark.parametrize("where", ["after", "inside"])
def test_a_name_spelled_with_symbols_between_its_characters_goes(tmp_path, salt, where):
    """A text site's anti-copy string glued into a sentence: characters each followed by a
    symbol or two of many kinds, with marks no sentence or formula writes (¢ ^ ~ `)."""
    cut = SECOND.index("，") + 1
    line = SECOND + salt if where == "after" else SECOND[:cut] + salt + SECOND[cut:]
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, line, THIRD, FOURTH])
    assert removed.get(salt) == "salted-junk"
    assert SECOND in doc.markdown.replace("\n", "")


def test_a_salted_name_ending_the_line_goes_whole(tmp_path):
    salt = "h^e~d`o·n¢g-s_h/u+o"
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND + salt, THIRD, FOURTH])
    assert removed.get(salt) == "salted-junk"
    assert SECOND in doc.markdown


@pytest.mark.parametrize(
    "line",
    [
        "按公式a+b-c*d/e^f算下来，每箱苹果的成本是三十二元。",
        "冷库的温度曲线存放在/data/2024/cold/store/log目录下。",
        "请来自阿布·杜勒的客商先看样品，再谈价格。",
        "代码写成for(i=0;i<n;i++){t^=k~m;}就能统计箱数。",
    ],
)
def test_formulas_paths_names_and_code_stay(tmp_path, line):
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, line, THIRD, FOURTH])
    assert not any(rule == "salted-junk" for rule in removed.values())
    assert line[:6] in doc.markdown


def test_on_a_jammed_page_a_run_with_fewer_symbols_goes_too(tmp_path):
    """A forum's jammer draws its characters at random: where two runs of it were found, a run
    of letter-figure pairs with two kinds of symbol glued to a head is its too."""
    page = [
        "果农的冷库",
        "a7 K# p$ Q2 z& m* " + LEAD,
        SECOND + " v% H3 d@ x! B6 t^",
        '一、冷库怎么建2 R8 W5 k" n4 k- j',
        THIRD,
        FOURTH,
    ]
    doc, removed = _publish(tmp_path, page)
    assert removed.get('2 R8 W5 k" n4 k- j') == "anti-copy-jammer"
    assert "# 一、冷库怎么建" in doc.markdown


def test_pairs_of_letters_and_figures_stay_on_a_page_without_a_jammer(tmp_path):
    line = '型号对照：2 R8 W5 k" n4 k- j，以说明书为准。'
    doc, _ = _publish(tmp_path, ["果农的冷库", LEAD, line, THIRD, FOURTH])
    assert "W5" in doc.markdown


def test_a_platforms_stamp_after_paragraph_upon_paragraph_goes(tmp_path):
    """The same Latin stamp with a random tail after each paragraph's last sentence and on a
    line of its own: a watermark, told by its repetition."""
    tails = ["kQ7rTzP2mX", "Ab3VnL9wYe", "Zt5HsKd1Qo", "pR8eWm2NcU", "Gy4JbF6tLs"]
    stamps = [f"418Do not repost.GUOYUAN{tail}" for tail in tails]
    page = [
        "果农的冷库",
        LEAD + stamps[0],
        stamps[1],
        SECOND + stamps[2],
        THIRD + stamps[3],
        stamps[4],
        FOURTH,
    ]
    doc, removed = _publish(tmp_path, page)
    assert all(removed.get(stamp) == "watermark" for stamp in stamps)
    assert all(p in doc.markdown for p in (LEAD, SECOND, THIRD, FOURTH))


def test_a_tutorials_commands_said_again_stay(tmp_path):
    lines = [f"安装第{n}个依赖：npm install --save-dev plugin-{n}" for n in "一二三四"]
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, *lines, THIRD, FOURTH])
    assert not any(rule == "watermark" for rule in removed.values())
    assert doc.markdown.count("npm install --save-dev") == 4


@pytest.mark.parametrize("clock", ["• 3月14日 星期四", "河东晚报 2024年05月06日 星期一"])
def test_a_mastheads_clock_line_over_the_headline_goes(tmp_path, clock):
    doc, removed = _publish(tmp_path, [clock, "果农的冷库", LEAD, SECOND, THIRD, FOURTH])
    assert removed.get(clock) == "clock-line"
    assert LEAD in doc.markdown


def test_a_diarys_date_line_stays(tmp_path):
    line = "3月14日 星期四"
    doc, removed = _publish(tmp_path, ["果农日记", line, LEAD, SECOND, THIRD, FOURTH])
    assert line not in removed
    assert "星期四" in doc.markdown


@pytest.mark.parametrize("where", ["under-byline", "end"])
def test_a_print_editions_stamp_goes_and_dates_the_page(tmp_path, where):
    stamp = "《河东晚报》（2024年05月06日 003版）"
    page = ["果农的冷库", LEAD, SECOND, THIRD, FOURTH]
    page.insert(1 if where == "under-byline" else 5, stamp)
    doc, removed = _publish(tmp_path, page)
    assert removed.get(stamp) == "edition-stamp"
    assert doc.meta.get("date") == "2024-05-06"
    assert doc.meta.get("source") == "河东晚报"


@pytest.mark.parametrize(
    "notice",
    ["订阅本报电子版，即可阅读全文。", "免费预览结束，到果农网获取全文", "登录会员后可查看全文"],
)
def test_a_line_asking_the_reader_to_act_for_the_rest_is_a_withheld_notice(tmp_path, notice):
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, notice])
    assert removed.get(notice) == "withheld-act-to-read"
    assert doc.meta.get("withheld") is True
    assert SECOND in doc.markdown


def test_the_authors_sentence_on_logging_in_to_read_stays(tmp_path):
    line = "果农登录合作社的网站后，可以在线阅读全文版的种植手册，也能下载表格。"
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, SECOND, line, THIRD, FOURTH])
    assert line not in removed
    assert "在线阅读全文版" in doc.markdown


@pytest.mark.parametrize("name", ["3021.png", "QQ截图20240506093000.jpg", "image.png"])
def test_a_pictures_file_name_left_on_a_line_goes(tmp_path, name):
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, name, SECOND, THIRD, FOURTH])
    assert removed.get(name) in {"file-name-line", "picture-file-line"}
    assert LEAD in doc.markdown and SECOND in doc.markdown


def test_a_pictures_file_name_under_a_notices_attachment_goes(tmp_path):
    """A notice's list of attachments keeps its files' names; a screenshot's is no
    attachment."""
    name = "QQ截图20240506093000.jpg"
    page = ["果农的冷库", LEAD, SECOND, "附件：冷库建设方案", name, THIRD, FOURTH]
    doc, removed = _publish(tmp_path, page)
    assert removed.get(name) == "picture-file-line"
    assert "冷库建设方案" in doc.markdown


def test_a_machine_made_picture_name_inside_a_line_goes_a_typed_one_stays(tmp_path):
    line = "冷库的温度曲线见下 5F3A9C1E.gif 每天早晚各记一次。"
    typed = "宣传图请保存为 apple.png 再发给老周。"
    doc, removed = _publish(tmp_path, ["果农的冷库", LEAD, line, typed, THIRD, FOURTH])
    assert removed.get("5F3A9C1E.gif") == "picture-file-name"
    assert "每天早晚各记一次" in doc.markdown
    assert typed not in removed and "apple.png" in doc.markdown


@pytest.mark.parametrize("default", ["Untitled Document", "无标题文档", "New Page 1"])
def test_an_editors_default_title_over_the_page_goes(tmp_path, default):
    doc, removed = _publish(tmp_path, [default, "果农的冷库", LEAD, SECOND, THIRD, FOURTH])
    assert removed.get(default) == "editor-default-title"
    assert doc.meta.get("title") == "果农的冷库"
