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
    assert "title: 目 錄" in markdown
    assert "withheld: true" in markdown
    assert "活動照片" in markdown and "探索波浪發電的秘密" in markdown
    assert "Copied" not in markdown and "立即查看全文" not in markdown


def _publish(tmp_path, text: str):
    from pipeline.clean import load_rules
    from pipeline.flow import prepare

    source = tmp_path / "page.txt"
    source.write_text(text, encoding="utf-8")
    return prepare(source, source.stem, load_rules())


LISTING = """港府政情

反對歐洲議會通過涉港所謂決議

特區政府強烈反對歐洲議會通過涉及香港的所謂決議，並就歐洲議會涉港所謂決議中的抹黑和失實內容，予以強烈譴責。發言人表示，政府會繼續密切留意有關情況，並在適當時候作出回應。

城巴輸入司機符人手比例要求

運輸署澄清，城巴有限公司持有相關客運營業證提供非專營巴士服務，其輸入司機符合人手比例規定。發言人表示，政府會繼續密切留意有關情況，並在適當時候作出回應。

李家超晤海合會秘書長

行政長官李家超在禮賓府與訪港的海灣阿拉伯國家合作委員會秘書長會面，就雙方加強合作交換意見。發言人表示，政府會繼續密切留意有關情況，並在適當時候作出回應。

蔡傑銘任特首辦常秘

政府宣布，現任行政長官私人秘書蔡傑銘5月14日出任行政長官辦公室常任秘書長，接替退休前休假的鄭鍾偉。發言人表示，政府會繼續密切留意有關情況，並在適當時候作出回應。
"""

ARTICLE_WITH_HEADS = """做好新时代宣传工作

宣传工作要坚持正确导向

宣传工作必须坚持正确政治方向，把握正确舆论导向，宣传工作者要站稳人民立场，讲好宣传故事。

宣传工作要贴近群众

宣传工作要深入基层、贴近群众，用群众听得懂的语言讲道理，让宣传工作更接地气、更有温度。

宣传工作要创新方法

宣传工作要适应新的传播格局，善用新媒体新技术，推动宣传工作理念、内容、形式和手段创新。
"""


def test_a_listing_of_headlines_each_over_its_own_summary_is_refused(tmp_path):
    import pytest

    from pipeline.errors import DocumentError

    with pytest.raises(DocumentError, match="listing page"):
        _publish(tmp_path, LISTING)


def test_an_article_with_heads_over_one_paragraph_each_is_published(tmp_path):
    doc = _publish(tmp_path, ARTICLE_WITH_HEADS)
    assert "宣传工作要创新方法" in doc.markdown
