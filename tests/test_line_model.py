"""The learned line classifier (pipeline/line_model*.py): its features on lines of known
shapes, its scores, the bounds of what the cleaner's hook lets it remove, its off switch, and
the weights file against the features and the training script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from conftest import load_script
from pipeline import line_model
from pipeline.clean import clean, load_rules
from pipeline.document import Document
from pipeline.line_model_features import FEATURES, features

RULES = load_rules()

PROSE = [
    "这本书我是在去年冬天读完的，那时候刚刚换了工作，每天通勤的路上读上几页，竟然读得入了迷。",
    "作者写的是一个小镇三代人的故事，笔调平实，却处处有温度，让人想起自己的祖父母和他们的老房子。",
    "第二遍读的时候，我更留意作者的结构安排，每一章都从一件小事写起，慢慢铺开到整个时代的变化。",
]
MENU = "首页 | 新闻 | 体育 | 财经 | 登录 | 注册"
COPYRIGHT = "© 2024 某某网 版权所有 京ICP备12345678号"
CRUMB = "首页 > 新闻中心 > 正文"
NUMBERED_HEAD = "一、工作的基本情况"
COUNTS = "阅读 1,234 评论 12 点赞 56"


def _row(lines: list[str], line: str) -> dict[str, float]:
    return dict(zip(FEATURES, features(lines)[lines.index(line)], strict=True))


def _unchanged(lines: list[str], again: bool = True) -> tuple[str, ...]:
    return ("读《小镇往事》",)  # what the structure stage makes of any lines: the same title


def test_features_of_known_shapes():
    page = [CRUMB, NUMBERED_HEAD, *PROSE, MENU, COPYRIGHT, COUNTS]
    menu, copyright_ = _row(page, MENU), _row(page, COPYRIGHT)
    crumb, head, prose = _row(page, CRUMB), _row(page, NUMBERED_HEAD), _row(page, PROSE[1])
    counts = _row(page, COUNTS)
    assert menu["separators"] > 0 and menu["lexicon"] > 0 and menu["short"] == 0  # 28 chars
    assert menu["tail"] == 1 and menu["head"] == 0 and menu["chrome"] == 1
    assert copyright_["copyright"] == 1 and copyright_["digit"] > 0 and copyright_["tail"] == 1
    assert crumb["separators"] > 0 and crumb["head"] == 1 and crumb["short"] == 1
    assert head["numbered"] == 1 and head["sentence_end"] == 0
    assert prose["sentence_end"] == 1 and prose["prose"] == 1 and prose["clause"] == 1
    assert prose["head"] == prose["tail"] == 0 and prose["han"] > 0.8
    assert counts["count"] == 1 and counts["tail"] == 1
    assert [len(row) for row in features(page)] == [len(FEATURES)] * len(page)


def test_shapes_of_dates_counts_paths_latin_words_and_the_texts_words():
    """A forum's relative date, a bare counter, a post's path, English buttons (whole words
    only), symbols; a line that says the prose's frequent words and one that does not."""
    related, own = "另一篇关于旅行的游记", "小镇的故事和作者"
    buttons = "Share this post via WhatsApp"
    page = [*PROSE, *PROSE, "最后回复23年10月", "赞0", "posts/9333/", "108/06/19", buttons]
    page += ["owner7/some-theme"]  # a project named as owner/name: the author's, no address
    page += ["Shareholders", "请点击👉联系", related, own]
    row = {line: _row(page, line) for line in page[6:]}
    assert row["最后回复23年10月"]["date"] == 1 and row["赞0"]["count"] == 1
    assert row["posts/9333/"]["url"] == 1 and row["108/06/19"]["url"] == 0  # a date, no path
    assert row["owner7/some-theme"]["url"] == 0
    assert row[buttons]["lexicon"] > 0 and row["Shareholders"]["lexicon"] == 0
    assert row["请点击👉联系"]["symbols"] > 0 and row[buttons]["symbols"] == 0
    assert row[own]["frequent_overlap"] > row[related]["frequent_overlap"] == 0


def test_traditional_lines_meet_the_lexicon_through_simplified_script():
    simple, traditional = "分享到 微信 微博", "分享到 微信 微博 關注我們"
    page = [*PROSE, simple, traditional]
    assert _row(page, traditional)["lexicon"] > _row(page, simple)["lexicon"]


def test_scores_are_deterministic_and_tell_a_menu_from_prose():
    page = [CRUMB, *PROSE, MENU, COPYRIGHT]
    first, second = line_model.scores(page), line_model.scores(list(page))
    assert first == second
    assert all(0.0 <= score <= 1.0 for score in first)
    assert min(first[page.index(MENU)], first[page.index(COPYRIGHT)]) > max(first[1:4])


def test_the_weights_file_names_the_features_in_order():
    data = json.loads(line_model.WEIGHTS_FILE.read_text("utf-8"))
    assert [item["feature"] for item in data["features"]] == list(FEATURES)
    assert all(item["scale"] > 0 for item in data["features"])


def _script():
    return load_script("train_line_model")


@pytest.mark.skipif(
    importlib.util.find_spec("sklearn") is None, reason="scikit-learn (the test extra) is missing"
)
def test_training_is_deterministic_and_writes_the_features_in_order():
    """The same lines train the same weights, byte for byte, in the file's layout. (Whether the
    committed file is what the dev pages train today: `train_line_model.py --check`, by hand,
    since every change to the rules changes the lines the model is trained on.)"""
    script = _script()
    page = [CRUMB, NUMBERED_HEAD, *PROSE, MENU, COPYRIGHT, COUNTS]
    rows = [("a", "kept", row, int(i in {0, 5, 6, 7}), "") for i, row in enumerate(features(page))]
    rows = [(*row, "") for row in rows] * 3
    first, second = script.trained(rows), script.trained(list(rows))
    assert first == second
    data = json.loads(first)
    assert [item["feature"] for item in data["features"]] == list(FEATURES)
    assert first.count("\n") == len(FEATURES) + 8  # one line per feature


@pytest.fixture
def every_line_scored(monkeypatch):
    """The model on, in every region, at threshold 0: every candidate line goes."""
    config = line_model.settings()
    monkeypatch.setitem(config, "enabled", True)
    monkeypatch.setitem(config, "thresholds", {"head": 0.0, "tail": 0.0, "block": 0.0})
    return config


def test_the_hook_never_removes_a_long_sentence_a_heading_a_numbered_item_code_or_the_title(
    every_line_scored,
):
    long_sentence = (
        "本文的作者保留所有权利，转载请注明出处并附上原文链接，谢谢各位读者的支持与理解。"
    )
    page = [
        "某某学习心得",
        "## 工作总结",
        NUMBERED_HEAD,
        *PROSE,
        "二、下一步打算",
        "相关",
        "推荐",
        "阅读",
        long_sentence,
        "特此通知。",
        "联系我们：",
        "| 项目 | 数量 |",
        "|---|---|",
        "| 图书 | 3 |",
        MENU,
    ]
    kept, removals = line_model.prune(page, page, {}, title="某某学习心得", reading=_unchanged)
    code = ["```java", "lux[0] --> brightness[1]", "......", "lux[2] --> brightness[3]", "```"]
    coded = [*PROSE, *code, *PROSE]
    assert line_model.prune(coded, coded, {}, reading=_unchanged)[0] == coded  # the author's code
    formula = ["$$", "z = y^{3^{-x}}*255", "$$", "$$x_1$$", "$$", "y = 2", "$$"]
    texed = [*PROSE, *formula, *PROSE]
    assert line_model.prune(texed, texed, {}, reading=_unchanged)[0] == texed  # and formulas
    for line in (
        "某某学习心得",
        "## 工作总结",
        NUMBERED_HEAD,
        "二、下一步打算",
        long_sentence,
        "特此通知。",
        "联系我们：",
        "| 图书 | 3 |",
        *PROSE,
    ):
        assert line in kept
    assert MENU not in kept and "相关" not in kept  # the tail and a block of short lines
    assert all(removal.rule == "line-model" and removal.score is not None for removal in removals)


def test_the_hook_spares_the_line_right_above_the_text(every_line_scored):
    page = [CRUMB, "读《小镇往事》", *PROSE]
    kept, _ = line_model.prune(page, page, {}, reading=_unchanged)
    assert kept == page[1:]


def test_the_head_is_pruned_only_when_the_later_stages_are_asked(every_line_scored):
    page = [CRUMB, "读《小镇往事》", *PROSE]
    assert line_model.prune(page, page, {})[0] == page


def test_the_head_keeps_what_the_later_stages_read(every_line_scored):
    """A line the rules read above the text (here a stand-in for a byline they read) stays;
    so does any line whose going changes the title or the headings the structure stage
    makes."""
    read, menu = "登录 | 注册", "首页 | 新闻 | 体育"
    page = [menu, read, CRUMB, "读《小镇往事》", *PROSE]
    kept, _ = line_model.prune(page, page, {}, read=lambda line: line == read, reading=_unchanged)
    assert kept == [read, *page[3:]]

    def title_under_the_menu(lines: list[str], again: bool) -> tuple[str, ...]:
        return (lines[lines.index(menu) + 1] if menu in lines else lines[0],)

    kept, _ = line_model.prune(page, page, {}, reading=title_under_the_menu)
    assert kept == page  # without the menu the title would be another line: nothing goes


def test_a_block_goes_only_when_it_brings_no_heading(every_line_scored):
    """Inside the text a block of short lines goes when the structure stage makes nothing new
    of the text without it (a heading it made of a menu's entry may go with it)."""
    block = ["相关", "推荐", "阅读"]
    page = ["读《小镇往事》", *PROSE[:2], *block, PROSE[2]]
    assert line_model.prune(page, page, {})[0] == page  # not asked: never

    def heading_under(lines: list[str], again: bool) -> tuple[str, ...]:
        heads = ["## 相关"] if "相关" in lines else ["## 第二遍读的时候"]
        return ("读《小镇往事》", *heads)

    assert line_model.prune(page, page, {}, reading=heading_under)[0] == page

    def heading_on(lines: list[str], again: bool) -> tuple[str, ...]:
        return ("读《小镇往事》", *(["## 相关"] if "相关" in lines else []))

    kept, _ = line_model.prune(page, page, {}, reading=heading_on)
    assert not set(block) & set(kept) and all(line in kept for line in PROSE)


def test_the_hook_never_takes_the_whole_text(every_line_scored):
    page = ["首页", "登录", "注册"]
    assert line_model.prune(page, page, {})[0] == page


SITE_TAIL = ["2016 - 2025 某某的博客", "客服小蜜蜂（微信：abc1024）", "+ 加入我的收藏"]


def _page_with_a_site_tail() -> Document:
    """A page whose tail no rule takes: the blog's years, its support contact, a button."""
    lines = ["读《小镇往事》", *PROSE, *SITE_TAIL]
    return Document(source=Path("page.txt"), name="page", text="\n".join(lines))


def test_off_means_off(monkeypatch):
    monkeypatch.setitem(line_model.settings(), "enabled", False)
    monkeypatch.setitem(line_model.settings(), "thresholds", {"tail": 0.0})
    doc = clean(_page_with_a_site_tail(), RULES)
    assert not any(removal.rule == "line-model" for removal in doc.removed)
    assert all(line in doc.text for line in SITE_TAIL)


def test_on_the_cleaner_records_each_removal_with_its_score(monkeypatch):
    monkeypatch.setitem(line_model.settings(), "enabled", True)
    monkeypatch.setitem(line_model.settings(), "thresholds", {"tail": 0.9})
    doc = clean(_page_with_a_site_tail(), RULES)
    scored = {r.text: r.score for r in doc.removed if r.rule == "line-model"}
    assert scored and set(scored) <= set(SITE_TAIL)
    assert all(score is not None and 0.9 <= score <= 1 for score in scored.values())
    assert all(line in doc.text for line in ["读《小镇往事》", *PROSE])


def test_the_lines_above_the_text_the_rules_read():
    from pipeline.clean import _read_above_text

    labels = RULES.labels
    assert _read_above_text("2024年5月6日", labels)  # the document's date
    assert _read_above_text("2024-12-31 17:18  阅读 1,234", labels)  # a byline by its shape
    assert _read_above_text("作者：张三 来源：某某日报", labels)  # a byline's fields
    assert not _read_above_text("分享到", labels) and not _read_above_text(MENU, labels)


@pytest.mark.skipif(
    importlib.util.find_spec("sklearn") is None, reason="scikit-learn (the test extra) is missing"
)
def test_a_regions_threshold_is_the_lowest_cv_keeps_precise():
    """The lowest threshold at which, and above which, CV's removals are precise enough; an
    author's line scored high keeps the threshold above it; a region CV removes too few lines
    in takes the pooled choice, never below the default."""
    script = _script()
    grid = [0.8, 0.85, 0.9, 0.95]
    found = [(0.97, 1), (0.93, 1), (0.88, 1), (0.83, 0), (0.81, 1)]
    assert script._precise_from(found, grid, 1.0) == 0.85
    assert script._precise_from(found, grid, 0.75) == 0.8
    assert script._precise_from([(0.99, 0), (0.9, 1)], grid, 1.0) == 0.95
    tail = [(0.8 + i / 100, 1) for i in range(10)]
    head = [(0.96, 1), (0.95, 0)]
    thresholds, figures = script.choose_thresholds(
        [*((s, t, "tail") for s, t in tail), *((s, t, "head") for s, t in head)]
    )
    assert thresholds["tail"] == 0.8 and figures["tail"] == [10, 10]
    assert thresholds["head"] >= line_model.settings()["cv"]["default"]


def test_a_cv_threshold_is_read_from_the_weights_file(monkeypatch, tmp_path):
    weights = json.loads(line_model.WEIGHTS_FILE.read_text("utf-8"))
    weights["thresholds"] = {"tail": 0.87}
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(weights), "utf-8")
    monkeypatch.setattr(line_model, "WEIGHTS_FILE", path)
    config = line_model.settings()
    monkeypatch.setitem(config, "thresholds", {"tail": "cv", "head": "cv", "block": 0.9})
    assert line_model.settings()["thresholds"] == {
        "tail": 0.87,
        "head": config["cv"]["default"],
        "block": 0.9,
    }
