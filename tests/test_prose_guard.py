"""The prose guard: a line of the author's prose is never removed on a word match or a position
alone (pipeline/prose_guard.py). Made-up pages: author sentences that open with the words the
removers key on, in the head, the middle and the tail; and the site's own lines they must still
take."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline.clean import load_rules
from pipeline.flow import prepare
from pipeline.prose_guard import author_lines_follow, prose_shaped, spares
from pipeline.script import simplified

TITLE = "关于推进社区养老服务建设的调研报告"
PROSE = [
    "近年来，我市老年人口持续增长，社区养老服务需求日益多样化，现有服务供给在数量和质量上都存在不足。",
    "为摸清底数，调研组先后走访了十二个街道、三十多个社区，召开座谈会八次，收集意见建议一百余条。",
    "调研发现，社区养老服务设施布局不均衡，部分老旧小区缺少活动场所，专业护理人员严重短缺。",
    "下一步，我们将加大财政投入，完善政策体系，推动医养结合，让老年人在家门口享受到便捷服务。",
]
TAIL = [
    "相关推荐",
    "· 市政府召开常务会议",
    "· 全市安全生产工作会议召开",
    "版权所有：某某市人民政府",
]

# Author sentences opening with a rule's words, the rest of the line the author's own clauses.
OPENED_BY_RULE_WORDS = [
    "扫码关注社区公众号的老人越来越多，许多人学会了在手机上查看活动通知和健康知识。",
    "免责声明这类文字，在正式的调研报告中是不应该出现的，写作时要特别注意规范。",
    "转载请注明出处，这是写作的基本规矩，可是很多人并不遵守，这种现象十分普遍。",
]


def _publish(tmp_path: Path, lines: list[str]):
    source = tmp_path / "page.txt"
    source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    return prepare(source, source.stem, load_rules())


def _has(doc, line: str) -> bool:
    return re.sub(r"\s", "", line) in re.sub(r"\s", "", doc.markdown)


@pytest.mark.parametrize("sentence", OPENED_BY_RULE_WORDS)
@pytest.mark.parametrize("where", ["top", "middle", "last"])
def test_an_authors_sentence_opening_with_a_rules_words_is_kept(tmp_path, sentence, where):
    body = {
        "top": [sentence, *PROSE],
        "middle": [*PROSE[:2], sentence, *PROSE[2:]],
        "last": [*PROSE, sentence],
    }[where]
    doc = _publish(tmp_path, [TITLE, *body, *TAIL])
    assert _has(doc, sentence)
    assert all(_has(doc, line) for line in PROSE)
    assert any(sentence in spared for spared in doc.evidence.spared)  # --explain tells it
    assert not _has(doc, "版权所有")


@pytest.mark.parametrize(
    "notice",
    [
        "本文为原创文章，转载请注明出处，如有侵权请联系删除。",
        "（本文系作者原创，转载请注明出处）",
        "扫码关注我们的公众号，获取更多精彩内容。",
    ],
)
def test_a_sites_notice_shaped_as_a_sentence_still_goes(tmp_path, notice):
    doc = _publish(tmp_path, [TITLE, *PROSE, notice])
    assert not _has(doc, notice)


def test_no_rule_example_is_spared():
    """Every line a rule's examples say it takes is still taken: the guard spares only the
    author's clauses past a rule's first one."""
    for rule in load_rules().rules:
        if rule.action not in {"drop-line", "cut-tail"} or rule.names_line:
            continue
        for example in rule.match_examples:
            key = simplified(example)
            assert not spares(rule.regex, key), (rule.id, example)


def test_prose_shape():
    assert prose_shaped(PROSE[0])
    assert not prose_shaped("转载请注明出处")
    assert not prose_shaped("相关推荐：某某市召开常务会议，研究部署下一阶段重点工作安排")  # no 。


def test_a_chrome_phrase_does_not_put_an_authors_sentence_in_the_page_head(tmp_path):
    lines = [
        "首页 | 新闻 | 社区 | 服务",
        "当前位置：首页 > 社区动态",
        "很多老人学会了用微信扫码支付，买菜、缴费、挂号都不用再排队，生活方便了许多。",
        "登录 注册",
        "社区养老服务调研",
        *PROSE,
    ]
    doc = _publish(tmp_path, lines)
    assert _has(doc, lines[2])
    assert not _has(doc, "登录注册") and not _has(doc, "当前位置")
    assert "kept by the prose guard" in doc.explained[0]  # --explain says so


def test_a_site_notice_in_the_head_stays_out(tmp_path):
    notice = "本站不支持迅雷下载，请使用电脑自带的浏览器下载，如遇问题请联系客服处理。"
    doc = _publish(tmp_path, ["首页 | 文档 | 下载", notice, "登录 注册", TITLE, *PROSE])
    assert not _has(doc, notice)


def test_a_notice_above_the_authors_short_lines_goes_alone(tmp_path):
    poem = [
        "附：山居杂诗三首",
        "其一",
        "门前溪水响",
        "屋后竹林深",
        "其二",
        "晨起闻鸟语",
        "夜来听松声",
    ]
    notice = "本文为原创，转载请注明出处。"
    doc = _publish(tmp_path, ["山居杂诗", *PROSE, notice, *poem])
    assert not _has(doc, notice)
    assert all(_has(doc, line) for line in poem)


def test_a_notice_above_the_sites_lines_still_cuts(tmp_path):
    below = [
        "转载，请参考转载声明，注明出处： https://www.example.com/post/1",
        "安全客 - 有思想的新媒体",
    ]
    doc = _publish(tmp_path, [TITLE, *PROSE, "本文由**某某**原创发布", *below])
    assert not any(_has(doc, line) for line in below)


def test_author_lines_follow():
    assert author_lines_follow(["后记", "2024年清明节于北京"])
    assert not author_lines_follow(["> -   **License：**", "本作品采用知识共享许可协议"])
    assert not author_lines_follow(["如需授权，请联系客服"])
    assert not author_lines_follow([])
