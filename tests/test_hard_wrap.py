"""Hard-wrapped text (clean.join_hard_wrapped): a paragraph's lines join, a heading or a list's
item under a full line never does; a text measured again without its chrome joins as a second
cleaning would."""

from pipeline.clean import join_hard_wrapped

WRAPPED = [
    "地方创生提出以来，受到跨领域各层级和各单位所关注。如何整合",
    "相关资源应用，共同推展创生行动，也成为地方政府和各界行动者的关",
    "切主题。特别是对乡镇市区层级的地方公所来说，在财政收支划分体系",
    "下，必须高度仰赖县市与中央资源才能推展策略性工作，因而更必须关",
    "注中央所能提供的资源项目与内容。",
]


def _joined(lines: list[str]) -> list[str]:
    return [line for _, line in join_hard_wrapped(list(enumerate(lines)))]


def test_a_wrapped_paragraph_joins():
    assert _joined(WRAPPED) == ["".join(WRAPPED)]


def test_a_heading_or_an_item_under_a_full_line_stays_apart():
    for head in ("## 一、背景", "一、工作回顾", "（二）主要做法", "- 第一项", "第三条 附则"):
        lines = [*WRAPPED[:2], head, *WRAPPED[2:]]
        assert head in _joined(lines), head


def test_a_byline_that_fills_the_width_joins_nothing():
    byline = "发布日期:2005-06-09 浏览次数:19071234567890"
    assert len(byline) >= len(WRAPPED[0]) - 2
    assert _joined([byline, *WRAPPED]) == [byline, "".join(WRAPPED)]
