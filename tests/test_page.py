"""Page chrome signals (pipeline/page.py): where the article starts in a page saved whole."""

from __future__ import annotations

from pipeline.page import article_start

HELP_BOX = [
    "欢迎来到三一办公! | 帮助中心",
    "全部分类",
    "• 办公文档>",
    "友情提示",
    "2、PDF文件下载后,可能会被浏览器默认打开,此种情况可以点击浏览器菜单,保存网页到桌面。",
    "3、本站不支持迅雷下载,请使用电脑自带的IE浏览器,或者360浏览器、谷歌浏览器下载即可。",
    "4、本站资源下载后的文档和图纸-无水印,预览文档经过压缩,下载后原文更清晰。",
    "5、试题试卷类文档,如果标题没有明确说明有答案则都视为没有答案,请知晓。",
]
ARTICLE = [
    "第六讲 组织",
    "组织是管理的基本职能之一，它把人、财、物按目标结合起来，使工作得以开展。",
    "组织设计要从目标出发，明确分工，规定职责，理顺关系，保证信息畅通。",
    "组织变革是组织适应环境变化的过程，需要领导推动，也需要员工参与。",
]


def test_an_item_that_goes_on_numbering_a_chrome_list_is_chrome():
    lines = HELP_BOX + ARTICLE
    assert article_start(lines) == len(HELP_BOX)


def test_a_numbered_list_of_the_article_is_not_chrome():
    items = [
        "1、组织是管理的基本职能之一，它把人、财、物按目标结合起来，使工作得以开展。",
        "2、组织设计要从目标出发，明确分工，规定职责，理顺关系，保证信息畅通。",
        "3、组织变革是组织适应环境变化的过程，需要领导推动，也需要员工参与。",
    ]
    assert article_start(items) == 0
    assert 0 < article_start(HELP_BOX[:4] + items) <= 4  # the list is the article's


def test_one_chrome_item_does_not_make_the_list_the_sites():
    items = [
        "1、登录后下载",
        "2、组织设计要从目标出发，明确分工，规定职责，理顺关系，保证信息畅通。",
        "3、组织变革是组织适应环境变化的过程，需要领导推动，也需要员工参与。",
        "4、组织是管理的基本职能之一，它把人、财、物按目标结合起来，使工作得以开展。",
    ]
    assert article_start(items) <= 1


def test_below_a_preview_notice_in_the_head_only_chrome_goes(tmp_path):
    from pipeline.clean import load_rules
    from pipeline.flow import prepare

    page = "\n".join(
        [
            "• 沒有找到結果。",
            "目 錄",
            'Share "目 錄"',
            "Copied!",
            "208",
            "加載中.... (立即查看全文)",
            "全文",
            "活動照片(嘉義市團體第三名) 學生心得",
            "探索波浪發電的秘密(嘉義市第",
            "29",
            "屆第三名)",
            "校 長 的 話",
            *ARTICLE[1:],
        ]
    )
    source = tmp_path / "booklet.txt"
    source.write_text(page, encoding="utf-8")
    markdown = prepare(source, source.stem, load_rules()).markdown
    assert "title: 目錄" in markdown  # set out letter by letter, written closed up
    assert "withheld: true" in markdown
    assert "活動照片" in markdown and "探索波浪發電的秘密" in markdown
    assert "Copied" not in markdown and "立即查看全文" not in markdown


def _publish(tmp_path, text: str):
    from pipeline.clean import load_rules
    from pipeline.flow import prepare

    source = tmp_path / "page.txt"
    source.write_text(text, encoding="utf-8")
    return prepare(source, source.stem, load_rules())


def test_a_sites_abstract_of_the_document_goes_the_text_stays(tmp_path):
    page = "\n".join(
        [
            "为了正常的体验网站,请在浏览器设置里面开启Javascript功能!",
            "首页 > 主板信息披露业务备忘录第7号—信息披露公告格式(DOC 114页)",
            "主板信息披露业务备忘录第7号—信息披露公告格式(DOC 114页)",
            "用户头像 个人认证",
            "举报",
            "主板信息披露业务备忘录第7号—信息披露公告格式(DOC 114页)主板信息披露业务备忘录第7号"
            "——信息披露公告格式第1号上市公司...",
            *ARTICLE[1:],
        ]
    )
    doc = _publish(tmp_path, page)
    assert doc.evidence.title_candidates[-1][0] == "主板信息披露业务备忘录第7号——信息披露公告格式"
    assert "Javascript" not in doc.markdown and "上市公司..." not in doc.markdown
    assert "site-abstract" in {removal.rule for removal in doc.removed}
    assert "组织设计要从目标出发" in doc.markdown


def test_a_document_sites_label_over_the_text_starts_the_article():
    lines = [
        "书签 分享 收藏 举报 版权申诉 / 23",
        "上传文档赚钱",
        "配套讲稿:",
        "如PPT文件的首页显示word图标,表示该PPT已包含配套word讲稿。双击word图标可打开word文档。",
        "特殊限制:",
        "部分文档作品中含有的国旗、国徽等图片,仅作为作品整体效果示例展示,禁止商用。设计者仅对作品中独创性部分享有著作权。",
        "资源描述:",
        *ARTICLE,
    ]
    assert article_start(lines) == 7


def test_the_articles_second_copy_and_another_storys_teaser_go(tmp_path):
    first = "昨日（1日），新任外交部驻港特派员公署特派员刘光源拜会全国政协副主席梁振英。"
    second = "刘光源对梁振英为「一国两制」事业所作贡献表示敬意，双方就维护国家安全等进行了交流。"
    teaser = "今年是香港特别行政区成立及《基本法》实施25周年，律政司举办《基本法》法律论"
    page = "\n\n".join(["刘光源拜会梁振英", first, second, first, second, teaser])
    doc = _publish(tmp_path, page)
    assert doc.markdown.count(first) == 1 and teaser not in doc.markdown
    rules = {removal.rule for removal in doc.removed}
    assert {"repeated-copy", "other-story"} <= rules


def test_a_repeated_paragraph_with_the_story_going_on_keeps_the_rest(tmp_path):
    first = "昨日（1日），新任外交部驻港特派员公署特派员刘光源拜会全国政协副主席梁振英。"
    second = "刘光源对梁振英为「一国两制」事业所作贡献表示敬意，双方就维护国家安全等进行了交流。"
    more = "梁振英表示，刘光源特派员履新以来积极开展工作，双方将继续保持密切沟通与交流合作。"
    doc = _publish(tmp_path, "\n\n".join(["刘光源拜会梁振英", first, second, first, second, more]))
    assert more in doc.markdown


def test_a_sites_preview_above_the_document_in_full_goes(tmp_path):
    opening = "1、由部门实物负责人对部门商品进行实物订货，依据部门库存量、销售量、节假日、天气等，写清楚订货品种。"
    rest = "2、将订货需求做入电脑系统，打印订货单，并传真与供应商订货，传真完毕必须电话询问供应商是否收到订货单。"
    preview = opening + "2、将订货需求做入电脑系统，打印订货单..."
    doc = _publish(tmp_path, "\n\n".join(["商品订货流程", preview, opening, rest]))
    assert "订货单..." not in doc.markdown and "订货单……" not in doc.markdown
    assert opening in doc.markdown and rest in doc.markdown
    assert "site-preview" in {removal.rule for removal in doc.removed}


def test_a_line_opening_with_a_closing_mark_joins_the_line_above(tmp_path):
    page = "科展作品目錄\n\n「POP-UP\n\n」—立體書中三角立基的研究\n\n" + "\n\n".join(ARTICLE[1:])
    doc = _publish(tmp_path, page)
    assert "「POP-UP」—立體書中三角立基的研究" in doc.markdown


GOV_PAGE = """<html><head><title>我县召开安全生产工作会议_工作动态_XX县人民政府</title></head><body>
<div class="main"><h1>我县召开安全生产工作会议</h1>
<p>3月4日，我县召开全县安全生产工作会议，总结去年安全生产工作，部署今年重点任务。</p>
<p>会议指出，去年以来，全县上下认真贯彻落实上级决策部署，安全生产形势总体平稳。</p>
<p>会议强调，要坚持人民至上、生命至上，压紧压实各方责任，坚决防范遏制重特大事故发生。</p>
<div class="related"><h3>相关新闻</h3><ul><li><a href="/1">我县开展消防安全大检查</a></li>
<li><a href="/2">县长带队督查安全生产工作</a></li><li><a href="/3">我县召开防汛工作会议</a></li></ul>
</div></div>
<div class="side"><h3>热点排行</h3><ul><li><a href="/4">关于2024年春节放假的通知</a></li>
<li><a href="/5">县政府常务会议召开</a></li></ul></div></body></html>"""


def test_a_box_of_links_goes_with_its_label(tmp_path):
    from pipeline.clean import load_rules
    from pipeline.flow import prepare

    source = tmp_path / "page.html"
    source.write_text(GOV_PAGE, encoding="utf-8")
    markdown = prepare(source, source.stem, load_rules()).markdown
    assert "相关新闻" not in markdown and "热点排行" not in markdown
    assert "消防安全大检查" not in markdown
    assert "坚决防范遏制重特大事故发生" in markdown


def test_a_copy_farms_tags_glued_after_paragraphs_go(tmp_path):
    lines = [
        "详解 ERC20 代币及众筹",
        "编者按：本文系讲师在开发者大会上的分享整理，帮助开发者成长。前端",
        "熊丽兵老师目前在登链科技担任 CTO，对底层公链技术有深刻研究。bash",
        "很高兴参加此次举办的活动，今天我带来的分享主题是智能合约的开发。微信",
        "我今天分享内容分为四个部分，相信在场的观众坚持到现在有点疲惫。",
        "智能合约全栈介绍 - Howard | Jeth 第一期github",
    ]
    doc = _publish(tmp_path, "\n\n".join(lines))
    for tag in ("前端", "bash", "微信", "github"):
        assert tag not in doc.markdown
    assert "帮助开发者成长。" in doc.markdown and "有点疲惫。" in doc.markdown


def test_one_word_after_a_last_sentence_is_the_texts(tmp_path):
    doc = _publish(tmp_path, "\n\n".join([*ARTICLE, "让我们一起努力。加油"]))
    assert "努力。加油" in doc.markdown


def test_a_forums_anti_copy_jammer_goes_before_the_article_is_looked_for(tmp_path):
    page = "\n".join(
        [
            "设为首页收藏本站",
            "查看: 8901|回复: 67",
            "[工程技术] 汽车大屏是智商税吗",
            "[复制链接]",
            "跳转到指定楼层",
            ". {* t6 p8 g2 v; y3 p\" M* f# H# _7 Q( }- F3 j* e5 _2 g' O",
            "观网风闻里有一篇文章，质疑汽车大屏的必要性，引起了很多讨论。",
            "7 Z, X# ]+ f+ h8 N6 l6 |4 _",
            "0 }0 I& S  E6 s* i# b  ~) Q特斯拉是大屏的先驱，中控台上一块纵向的大屏。& \\7 ^3 d7 M( R",
            "沃尔沃是紧跟者之一，也用了纵向的大屏，但是尺寸小一些。0 |7 A9 r4 x1 n) {",
        ]
    )
    doc = _publish(tmp_path, page)
    assert "观网风闻里有一篇文章" in doc.markdown and "特斯拉是大屏的先驱" in doc.markdown
    assert "t6 p8" not in doc.markdown and "d7 M(" not in doc.markdown
    assert "title: 汽车大屏是智商税吗" in doc.markdown


def test_a_labelled_cut_copy_of_the_opening_goes(tmp_path):
    first = (
        "随着团省委三下乡活动的启动，我们化学化工学院的服务分队于7月6日启程出发到镇进行实践考察。"
    )
    second = "漫长的旅程本是压抑和沉闷的，更不用说是在烈日炎炎的夏日酷暑中，但大家并没有倒头大睡。"
    teaser = "推荐阅读：" + (first + second)[:60]
    doc = _publish(tmp_path, "\n\n".join(["三下乡实践考察心得", teaser, first, second, ARTICLE[1]]))
    assert "推荐阅读" not in doc.markdown and first in doc.markdown and second in doc.markdown


def test_a_paragraph_naming_a_sites_things_in_passing_is_not_chrome():
    """A long line of the article that speaks of 会员 or 下载 is prose; a site's notice as long
    is dense with its phrases."""
    from pipeline.page import is_chrome

    paragraph = (
        "题目需要我们回答购买各种光盘的数量，使百分之九十五的会员能看到他想看的，并且要怎么分配"
        "才能使满意度达到最大；我们建立以总的购买数最小、会员满意度最大为双目标的规划模型，"
        "先用层次分析法确定权重，再把双目标化为单目标求解，最后对模型的稳定性作了检验和讨论，"
        "结果表明该方案在不同的需求分布下都能保持较高的满意度。"
    )
    notice = (
        "3. 本页资料由用户主动上传，其收益全归该用户。本站仅提供信息存储空间，仅对该用户上传内容的"
        "表现方式做保护处理，对上传内容本身不做任何修改或编辑。若此文所含内容侵犯了您的版权或隐私，"
        "请立即通知本站（点击联系客服），我们立即给予删除！请根据预览情况，自愿下载本文。本站不保证下载资源的准确性、安全性和完整性，"
        "同时也不承担用户因使用这些下载资源造成的任何损失。"
    )
    assert len(paragraph) > 150 and len(notice) > 150
    assert not is_chrome(paragraph)
    assert is_chrome(notice)
    lines = [paragraph, *ARTICLE[1:]]
    assert article_start(lines) == 0


def test_a_paragraph_naming_one_site_thing_again_and_again_is_not_chrome():
    """A paragraph on a search tool says 搜索 three times: its subject, not a site's two
    things; a site's download help saying 下载 twice while speaking of itself is the site's."""
    from pipeline.page import is_chrome

    paragraph = (
        "Everything 是一款非常实用的文件名搜索工具，你可以用它在 Windows 上快速搜索到需要的文件。"
        "而 Everything 1.5 是正在频繁开发中的测试版本，后台更新、搜索速度更快。"
    )
    help_line = "本站不支持迅雷下载，请使用电脑自带的IE浏览器或者360浏览器、谷歌浏览器下载即可。"
    menu = "登录 注册 找回密码 会员中心 上传文档 我的收藏 帮助中心 意见反馈 手机版 网站导航"
    assert 40 < len(paragraph) <= 150
    assert not is_chrome(paragraph)
    assert is_chrome(help_line) and is_chrome(menu)


def test_a_site_phrase_that_is_the_pages_subject_is_no_chrome():
    """An essay on 公众号 under its headline: its opening sentences name the site phrase and are
    the article's; the library's lines above them are still the site's."""
    lines = [
        "我所有的朋友都去做微信公众号了",
        "来源 :公务员文萃 | 被引量 : 0次 | 上传用户:SYNJONES123",
        "下载到本地 , 更方便阅读",
        "声明 : 本文档内容版权归属内容提供方 , 如果您对本文有版权争议 , 可与客服联系进行内容授权或下架",
        "一夜之间,我所有的朋友都去做微信公众号了。",
        "在政府工作的朋友,在事业单位工作的朋友,在学校还没毕业的朋友……一夜之间,全部做起了微信公众号。",
        "于是,我的手机从早振到晚,随时随地都在接收推送,每一篇读完,都让人立志做更好的自己。",
        "朋友们成天为内容操碎了心,毕竟现在的微信公众号多如牛毛,读者又傲娇,动不动就太长不看。",
        "做一个微信公众号并不难,难的是日复一日地写下去,还要写得有人愿意读,愿意转给朋友看。",
    ]
    from pipeline.page import page_topic

    assert "公众号" in page_topic(lines)
    assert article_start(lines) == 4
    assert article_start(lines[1:]) == 3  # the same without the headline (cleaned once)
    assert not page_topic(HELP_BOX)  # a help box speaks of 下载 as often, in numbered items


def test_bulleted_items_a_sentence_announces_are_the_texts_list_not_a_menu():
    announced = [
        "蓝牙",
        "Android 平台包含蓝牙网络堆栈支持，凭借此项支持，设备能以无线方式与其他蓝牙设备交换数据。",
        "使用 Bluetooth API，Android 应用可执行以下操作：",
        "• 扫描其他蓝牙设备",
        "• 建立 RFCOMM 通道",
        "• 管理多个连接",
        *ARTICLE[1:],
    ]
    assert article_start(announced) == 0
    menu = ["• 办公文档", "• PPT模板", "• 合同范本", "• 工作总结", *ARTICLE]
    assert article_start(menu) == 4  # bullets nothing announces stay the site's


def test_a_records_labelled_fields_above_its_text_open_the_article():
    record = [
        "簡易檢索 / 詳目顯示",
        "研究生: 鄭勝雄",
        "論文名稱: 高中生使用Blog行為之研究",
        "指導教授: 陳昭珍",
        "學位類別: 碩士",
        "中文關鍵詞: 部落格使用者行為",
        "相關次數: 點閱:280下載:2",
    ]
    assert article_start(record + ARTICLE[1:]) == 1
    menu = ["首页 | 登录 | 注册", "作者: 张三", "下载: 10次", *ARTICLE]
    assert article_start(menu) == 3  # one field is no record: the head is the site's


def test_a_records_field_values_on_the_lines_under_it_are_the_records():
    record = [
        "題名 爭議性行銷方式之公平交易法規研究-以比較廣告為例",
        "作者 黃蓮瑛",
        "貢獻者 樓永堅",
        "關鍵詞 行銷",
        "Comparative Advertising",
        "Advertising Creativity",
        "Free Competition",
        "Fair Competition",
        "Consumer Protection",
        "日期 2007",
        "上傳時間 18-Sep-2009 14:47:02 (UTC+8)",
    ]
    assert article_start(record + ARTICLE[1:]) == 0


def test_a_code_blocks_braces_are_no_page_debris_above_the_article():
    lines = [
        "首页 | 登录 | 注册",
        "如果你在使用这个模板，你可以在 package.json 中发现下列三个命令:",
        "```json",
        "{",
        '  "docs:dev": "vuepress dev src"',
        "}",
        "```",
        *ARTICLE,
    ]
    assert article_start(lines) == 1


def test_an_e_papers_list_of_pages_and_its_bracketed_byline_go(tmp_path):
    """An e-paper's page: the issue's pages (01版:要闻 …) above the headline are its menu; the
    date in brackets before the source label is the byline's date."""
    pages = ["01版:要闻", "02版:权威发布", "第03版：国内新闻", "A4版:新华关注·各地"]
    byline = "( 2023-01-05 ) 稿件来源:新华每日电讯"
    body = [
        "新华社沈阳1月4日电 眼下的东北还是一片冰天雪地，但随着疫情防控措施调整优化，辽宁各地着力推进复工复产。",
        "辽东，本溪市桓仁满族自治县八里甸子镇滴水成冰，建设者们冒着严寒往来穿梭，掀起了冬季施工的热潮。",
    ]
    doc = _publish(tmp_path, "\n".join([*pages, "辽宁经济社会加快复苏观察", byline, *body]))
    assert not any(page in doc.markdown for page in pages)
    assert byline not in doc.markdown and all(line in doc.markdown for line in body)
    assert str(doc.meta["date"]) == "2023-01-05" and doc.meta["source"] == "新华每日电讯"


def test_a_writing_credit_gives_the_author_and_goes(tmp_path):
    """文/张三, 本报记者 张三, 张三/文 and the like under a headline: the writer's credit."""
    body = [
        "三月十二日上午，某某市在城郊公园举行春季义务植树活动，市领导和近千名干部群众参加了这次活动。",
        "大家挥锹铲土、扶苗填坑，一棵棵树苗很快在公园里扎下了根，为城市增添了新的绿色。",
    ]
    for credit in ("文/张三", "文 | 张三 图 | 李四", "撰文 张三", "张三/文", "本报记者 张三"):
        doc = _publish(tmp_path, "\n\n".join(["某某市举行春季植树活动", credit, *body]))
        assert doc.meta.get("author") == "张三", credit
        assert credit not in doc.markdown and all(line in doc.markdown for line in body)


def test_a_byline_whose_fields_a_spaced_mark_sets_apart_is_read(tmp_path):
    """某某 ? 来源:X ? 作者:Y ? date ? 次阅读 (icons saved as ?) and 作者：X · 来源：Y: a byline."""
    from pipeline.clean import load_rules, parse_meta_line

    labels = load_rules().labels
    line = "SUYb_GeWu_IOT ? 来源:杨湘祁 ? 作者:电子发烧友 ? 2019-03-14 16:01 ? 次阅读"
    assert parse_meta_line(line, labels) == [
        ("来源", "杨湘祁"),
        ("作者", "电子发烧友"),
        ("时间", "2019-03-14"),
    ]
    assert parse_meta_line("作者：张三 · 来源：人民网 · 2024-01-05", labels)
    # One label among sentences is no byline.
    assert parse_meta_line("他说 ? 这件事情我们以后再谈吧，好不好 ? 来源:人民网", labels) is None
    body = "手机用户的提速降费能够通过一纸文件自上而下推行，物联网用户的情况却要复杂得多，需要分别看待。"
    doc = _publish(tmp_path, "\n\n".join(["3天内不再提示", "物联网的提速降费", line, body, body]))
    assert str(doc.meta["date"]) == "2019-03-14" and "次阅读" not in doc.markdown
    assert doc.meta["title"] == "物联网的提速降费"


def test_a_sentence_of_clauses_naming_a_sites_things_is_no_chrome_above_the_article(tmp_path):
    """A tutorial on a site's own things (微信, 注册, 下载) opens with sentences that name them:
    the page's head is cut above them, never through them; a widget's short line (加载中，
    请稍候。) and a site speaking of itself (本站…) or to its reader (欢迎关注…) are chrome."""
    from pipeline.page import says_a_sentence

    opening = [
        "本文记录一下入门的过程。",
        "打开微信公众平台官网，点击立即注册，选择小程序，按照提示填写邮箱、密码等信息，"
        "完成注册后登录后台，在开发管理中找到AppID，后面创建项目时会用到。",
        "然后下载并安装微信开发者工具，新建项目时填入刚才的AppID，选择不使用云服务，"
        "模板选择JavaScript基础模板即可。",
        "项目创建好以后，可以看到目录里有app.js、app.json、app.wxss三个文件，以及pages目录。",
        "每个页面由四个文件组成，分别是页面的逻辑、结构、样式和配置，名字相同，后缀不同。",
    ]
    head = ["登录 注册 写文章", "首页 下载APP 会员 IT技术"]
    assert says_a_sentence(opening[1]) and says_a_sentence(opening[2])
    assert not says_a_sentence("调查问题加载中，请稍候。")
    assert not says_a_sentence("欢迎关注我们的微信公众号，每天为你推送最新的技术文章，不见不散！")
    assert not says_a_sentence(HELP_BOX[6])  # 本站资源下载后的文档…
    assert article_start(head + opening) == len(head)
    doc = _publish(tmp_path, "\n".join(head + opening))
    assert all(line in doc.markdown for line in opening)
    assert "写文章" not in doc.markdown


def test_a_refrain_said_twice_is_no_sites_preview(tmp_path):
    """A line said twice, one right under the other (a song's refrain), is the text's both
    times: a site's preview is a cut copy, shorter than the line it copies."""
    refrain = "啊，春天，你是多么美好，你给大地带来了生机和希望！"
    page = [
        "春天的歌",
        "春天来了，春天来了，小草从地下探出头来，看看这个美丽的世界。",
        refrain,
        refrain,
        "夏天来了，夏天来了，荷花在池塘里静静地开放，蜻蜓在荷叶上歇息。",
    ]
    doc = _publish(tmp_path, "\n".join(page))
    assert doc.markdown.count(refrain) == 2


def test_a_forum_floors_header_and_its_posters_name_go_the_first_as_author(tmp_path):
    page = [
        "#### 法鲁西奥",
        "##### 1# 楼主 发表于 2024-6-20 15:27",
        "B站发布了最新的轻量级开源大模型系列，该模型专为对话和角色扮演设计，先看一下官方演示。",
        "#### kiddolck",
        "##### 2# 发表于 2024-6-20 15:29",
        "话说，在市面上已经有这么多大模型的情况下，为什么b站仍然选择自研大模型呢，为了财报吗？",
    ]
    doc = _publish(tmp_path, "\n".join(page))
    assert "发表于" not in doc.markdown.split("---")[-1]
    assert "kiddolck" not in doc.markdown and "# 法鲁西奥" not in doc.markdown
    assert "author: 法鲁西奥" in doc.markdown and "date: '2024-06-20'" in doc.markdown
    assert page[2] in doc.markdown and page[5] in doc.markdown


def test_markdown_bullets_a_sentence_announces_are_the_texts_list():
    """A Markdown list's items (- …) under the text's line announcing them are its list, as
    bulleted ones (• …) are, though an item names a site phrase (上传): the article's start is
    not cut through them."""
    lines = [
        "首页 时间轴 分类 友链 留言板 关于",
        "## 关于 Qexo",
        "2024年，Qexo 新增了以下功能：",
        "- 图床支持远程图片删除",
        "- 支持手动图片上传",
        "- 灯箱图片查看",
        "同时，我修复了大量 Bug，并对性能和安全方面进行了优化，考虑到时间有限，新的一年会慢一些。",
        "明年的计划是继续完善文档，把常见问题整理成一页，方便新用户上手，也欢迎大家提出建议。",
    ]
    assert article_start(lines) == 1


def test_a_documents_number_in_the_pages_head_is_the_documents():
    from pipeline.page import head_sentences

    prose = "各市人民政府，省政府各厅委、各直属机构：现将有关事项通知如下，请认真贯彻执行。"
    lines = [
        "?",
        "辽政办〔2022〕43号",
        "?",
        "省政府办公厅关于印发工作规范的通知",
        prose,
        prose,
        prose,
    ]
    start = article_start(lines)
    assert start > 1
    assert 1 in head_sentences(lines, start)


def test_a_markdown_task_lists_escaped_marks_are_no_jammer(tmp_path):
    from pipeline.copies import jammer

    lines = ["-   \\[ \\] CR # 121", "-   \\[ X \\] LeetCode: 613 target 1000"]
    assert jammer(lines, 1) == (lines, [])


def test_a_post_that_opens_with_its_sentences_has_no_page_head():
    """One line naming a site's thing (…抓取微博, a post's title in the author's list) under
    more of the author's sentences above it does not make what is above it the site's."""
    lines = [
        "2023年过完了，是时候来个总结了。",
        "博客",
        "2023年一共更新了15篇内容，共计12000字，比去年多了一倍。",
        "访问Top3的文章：",
        "将博客部署到星际文件系统(IPFS)",
        "利用Github Actions定时抓取微博",
        "优化博客的累计布局偏移(CLS)问题",
        *ARTICLE[1:],
    ]
    assert article_start(lines) == 0
    assert article_start(HELP_BOX + ARTICLE) == len(HELP_BOX)  # the site's head still goes


def test_a_bulleted_list_with_prose_items_is_the_texts_whatever_words_it_names():
    """• 充值和提现功能 names a site's thing (充值), but the list it heads holds the author's
    prose: its items are the text's, and the report above them is no page head."""
    lines = [
        "elm项目新增电子钱包",
        "一、需求分析:增加电子钱包功能",
        "饿了吧项目原先没有电子钱包功能,支付都是通过银行卡或第三方支付完成,局限性很大。",
        "2. 功能需求",
        "  • 充值和提现功能",
        "  • 用户可以向钱包充值和从钱包中提现。",
        "  • 奖励和手续费规则应支持动态设置,以应对不同的市场情况,由运营人员调整。",
        "  • 支付过程应保证交易的原子性,确保支付成功后资金准确转入收款方钱包。",
        *ARTICLE[1:],
    ]
    assert article_start(lines) == 0
    assert (
        article_start(["• 首页", "• 充值中心", "• 登录", *ARTICLE]) == 3
    )  # a menu stays the site's


def test_an_archivers_feed_is_no_source_the_articles_line_is(tmp_path):
    page = "\n".join(
        [
            "---",
            "title: AI 网关 LiteLLM 曝严重 SQL 注入漏洞",
            "source: Doonsec's feed",
            "date: 2026-04-30",
            "---",
            "",
            ARTICLE[1],
            ARTICLE[2],
            "来源：Cyber Press / Sysdig",
        ]
    )
    doc = _publish(tmp_path, page)
    assert doc.meta.get("source") == "Cyber Press / Sysdig"


def test_a_themes_box_of_heading_labels_under_the_post_gives_its_author_and_date(tmp_path):
    """###### 作者 / Zar\\_SY / ###### 发布于 / 2024-12-31: each label over its value, the
    value as the Markdown page means it (no escape)."""
    page = "\n\n".join(
        [
            "# 2024年小结",
            *ARTICLE[1:],
            "###### 作者",
            "Zar\\_SY",
            "###### 发布于",
            "2024-12-31",
            "###### 许可协议",
            "CC BY 4.0",
        ]
    )
    doc = _publish(tmp_path, page)
    assert doc.meta.get("author") == "Zar_SY"
    assert str(doc.meta.get("date")) == "2024-12-31"


def test_a_byline_under_the_headline_goes_under_a_long_sidebar(tmp_path):
    """The sidebar's lines above the headline are kept until the page head takes them: the
    byline right under the "# " headline is read by its shape all the same."""
    sidebar = [f"- [分类{n}](https://example.org/c/{n}.html){n}" for n in range(1, 14)]
    page = "\n\n".join(
        [
            "## 老高",
            "Shenyang, China",
            *sidebar,
            "# [2024 年终总结](/post/work/summary-2024.html)",
            "[2024-12-31 17:18](https://example.org/post/1.html)   [工作感悟](/c/1.html)   "
            "字数统计：1839字 阅读时长：4分",
            "## 故瓦新苔难怀古",
            "借年末自己写的一首七律的颔联概括一下今年的心境吧，基本上每一年都是在和懒做斗争。",
            "再次迎来新的项目，也迎来了框架再次进化的机会，这次有一个坚实的进步。",
        ]
    )
    markdown = _publish(tmp_path, page).markdown
    assert "字数统计" not in markdown and "阅读时长" not in markdown
    assert "date: '2024-12-31'" in markdown
    assert "借年末自己写的一首七律" in markdown


def test_a_boxs_label_marked_as_a_bold_heading_is_read_as_its_words(tmp_path):
    """### **相关文章** is the label 相关文章 to the rules, as ### 相关文章 and **相关文章** are."""
    page = "\n\n".join(
        [
            "项目介绍",
            "这是一个开源的自动投递工具，支持多个招聘平台，可以定时投递简历，节省大量时间。",
            "使用之前请先阅读文档，按照步骤配置好账号和投递条件，然后运行即可，非常方便。",
            "### **相关文章**",
            "一个开源项目的集合地",
            "快速入门指南",
        ]
    )
    markdown = _publish(tmp_path, page).markdown
    assert "相关文章" not in markdown and "快速入门指南" not in markdown
    assert "然后运行即可" in markdown


def test_a_portals_dated_list_of_other_stories_goes_with_its_label():
    """理论新闻精选： over titles each with its date and time under it (the time glued to the
    date as a reader joins them): the portal's box, label and all."""
    from pipeline.clean import _link_block

    stories = [
        "加快法治体系建设 提升依法治理效能",
        "倾听历史回响 激发精神伟力",
        "铭记历史，汲取奋进力量",
    ]
    texts = ["一段文章的正文，写得很长，有很多句子。最后一句话。", "理论新闻精选："]
    for n, story in enumerate(stories):
        texts += [story, f"2020年07月0{n + 6}日13:36:14"]
    found = _link_block(texts, set(stories))
    assert found == set(range(1, len(texts)))
    texts[1] = "我今年写的几篇文章如下："  # the text's own announcement: its list
    assert not _link_block(texts, set(stories))


def test_rows_of_a_footers_links_with_a_rule_between_are_one_block():
    from pipeline.clean import _link_block

    share = "Share this post via WhatsApp Share this post on Facebook Tweet this post"
    home = "Longlin's Blog on Github Send an email to Longlin's Blog"
    texts = [
        "一段文章的正文，写得很长，有很多句子。最后一句话。",
        "Share this post on:",
        share,
        "---",
        home,
    ]
    assert _link_block(texts, {share, home}) == {2, 3, 4}
    assert not _link_block(texts[:4], {share, home})  # one row of links alone: no block


def test_a_sites_tagline_of_topics_between_dots_is_chrome():
    from pipeline.page import is_chrome

    assert is_chrome("期货 · 量化 · AI · 终身学习")
    assert is_chrome("AI / IoT / Web / Cloud")
    assert not is_chrome("春天来了，花开了 · 夏天")
    assert not is_chrome("张三·李四")


def test_a_tag_written_in_the_text_is_no_breadcrumb():
    """A post's HTML sample (<!-- 拨打电话 -->, 使用<a>能…，使用<input>能…): the tags' > are
    no breadcrumb's arrows, so the article does not start under them."""
    from pipeline.page import is_chrome

    assert not is_chrome("<!-- 拨打电话 -->")
    assert not is_chrome(
        "使用<a>能快速调用移动设备的电话/短信/邮件三大通讯功能,使用<input>能快速调用图库"
    )
    assert is_chrome("首页 > 新闻中心 > 正文")
    assert is_chrome("办公文档>")


PROSE_LINES = [
    "近年来，我市老年人口持续增长，社区养老服务需求日益多样化，现有服务供给在数量和质量上都存在不足。",
    "为摸清底数，调研组先后走访了十二个街道、三十多个社区，召开座谈会八次，收集意见建议一百余条。",
    "调研发现，社区养老服务设施布局不均衡，部分老旧小区缺少活动场所，专业护理人员严重短缺。",
]


def test_html_samples_written_as_text_lines_are_the_authors_code(tmp_path):
    """A post's HTML samples without a fence (a comment in Chinese over each element) are kept
    as written, as a fenced block's lines are; a lone leftover tag is still markup."""
    from pipeline.clean import load_rules
    from pipeline.flow import prepare
    from pipeline.page import markup_sample_lines

    samples = [
        "<!-- 拨打电话 -->",
        '<a href="tel:10086">拨打电话给10086</a>',
        "<!-- 多选文件 -->",
        '<input type="file" multiple>',
    ]
    assert markup_sample_lines(["调用系统功能", *samples, "复制代码"]) == [1, 2, 3, 4]
    assert markup_sample_lines(['<i class="icon icon-lock"></i>', "</div>"]) == []
    prose = "使用<a>能快速调用电话功能，关键在于调用格式一定要准确，否则会被浏览器忽略。"
    source = tmp_path / "page.txt"
    text = "\n\n".join(["混合开发指南", prose, *samples, *PROSE_LINES])  # read as text, not HTML
    source.write_text(text, encoding="utf-8")
    markdown = prepare(source, source.stem, load_rules()).markdown.replace("\\", "")
    assert all(sample in markdown for sample in samples)  # as written, Markdown's escapes off
    assert prose in markdown  # its tags in a sentence are words on a page on HTML
