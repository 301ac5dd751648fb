"""The cleaning quality gate over tests/corpus/ (and ../shared/samples/ where present).

Scores: cruft fragments gone, content fragments kept, headings found at their level, titles
right. The floors only go up: raise them when the cleaner improves, never lower them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from conftest import SAMPLES
from pipeline.clean import clean, load_rules
from pipeline.document import Document
from pipeline.errors import DocumentError
from pipeline.flow import prepare
from pipeline.read import read

CORPUS = Path(__file__).parent / "corpus"
EXPECTATIONS = tomllib.loads((CORPUS / "expectations.toml").read_text("utf-8"))
RULES = load_rules()

FLOORS = {"cruft_removed": 1.0, "content_kept": 1.0, "headings_found": 1.0, "titles_right": 1.0}

# The shared samples, in the same terms (used when ../shared/samples is beside the checkout).
SAMPLE_EXPECTATIONS = {
    "speech-organization-line.txt": {
        "title": "在专题学习总书记在二十届中央政治局第二十一次集体学习时重要讲话精神研讨交流会上的发言：筑牢根基担使命，聚力笃行启新程",
        "keep": [
            "下面，结合个人学习体会和工作职责，谈几点认识和打算。",
            "以上发言，不妥之处，请同志们批评指正，谢谢大家！",
        ],
        "drop": ["更新时间", "网友投稿", "此处隐藏", "下载后查看", "猜你喜欢"],
        "headings": [
            [1, "一、深化认识，深刻把握新时代党的组织路线的精髓要义与实践伟力"],
            [2, "（一）党的坚强领导：事业发展的根本政治保证。"],
        ],
    },
    "01_51test-newyear-greetings-html.txt": {
        "title": "企业2019年新年贺卡祝词",
        "keep": ["天增岁月人增寿，春满乾坤福满门。", "祝你新年快乐！"],
        "drop": ["导语", "无忧考网", "希望大家能够喜欢", "<p>", "fontstyle", "color="],
        "headings": [[1, "【篇一】"], [1, "【篇二】"], [1, "【篇三】"]],
    },
    "10_property-notice-power-outage-html.txt": {
        "title": "停电通知",
        "keep": [
            "尊敬的各位业主/住户、装修单位：",
            "XX221XX315",
            "XX市XX物业管理有限公司",
            "二〇XX年十二月九日",
            "06:00",
        ],
        "drop": ["&nbsp;", "<p", "text-align"],
        "headings": [],
    },
    "13_steem-xindetihui-copied-md.txt": {
        "title": "学习读后感 My Thoughts after Reading",
        "keep": ["习主席讲，要把“两个维护”体现在履职尽责", "每个人怀着对党、国家、民族的忠诚之心"],
        "drop": [
            "permlink",
            "thumbnail",
            "cdn.steemitimages.com",
            "图片来自网络",
            "synchronized",
            "steemit.com",
            "- - -",
        ],
        "headings": [
            [1, "一、履职尽责、做好本职工作，就是做好“两个维护”"],
            [1, "三、忠诚印寸心，浩然充两间"],
        ],
    },
    "15_dugushici-poem-page-guessyoulike-html.txt": {
        "title": "夜雨",
        "keep": ["我有所念人，隔在远远乡。", "不学头陀法，前心安可忘。", "此诗写于元和六年"],
        "drop": [
            "读古诗词网",
            "转载请注明",
            "dugushici.com",
            "猜你喜欢",
            "友情链接",
            "Copyright",
            "站务邮箱",
            "免责声明",
            "yè yǔ",
            "白居易（772～846）",
        ],
        "headings": [],
    },
    "04_faxx-zuowen-essay-listing-cc.txt": {"error": "listing page"},
}


@dataclass
class Score:
    hits: dict[str, int] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    def count(self, metric: str, ok: bool, what: str) -> None:
        self.totals[metric] = self.totals.get(metric, 0) + 1
        self.hits[metric] = self.hits.get(metric, 0) + ok
        if not ok:
            self.misses.append(f"{metric}: {what}")

    def ratio(self, metric: str) -> float:
        return self.hits.get(metric, 0) / self.totals[metric] if self.totals.get(metric) else 1.0


def _score(source: Path, expected: dict, score: Score) -> None:
    name = source.name
    if "error" in expected:
        try:
            prepare(source, "x", RULES)
        except DocumentError as exc:
            score.count("cruft_removed", expected["error"] in str(exc), f"{name}: {exc}")
        else:
            score.count("cruft_removed", False, f"{name}: published, expected {expected['error']}")
        return
    markdown = prepare(source, "x", RULES).markdown
    _, front, body = markdown.split("---\n", 2)
    meta = yaml.safe_load(front)
    score.count("titles_right", meta["title"] == expected["title"], f"{name}: {meta['title']}")
    for fragment in expected.get("keep", []):
        score.count("content_kept", fragment in body, f"{name}: {fragment}")
    for fragment in expected.get("drop", []):
        score.count("cruft_removed", fragment not in body, f"{name}: {fragment}")
    for level, text in expected.get("headings", []):
        pattern = rf"^{'#' * level} {re.escape(text)}(?: \{{[^}}]*\}})?$"
        score.count("headings_found", re.search(pattern, body, re.M) is not None, f"{name}: {text}")
    for key, value in expected.get("meta", {}).items():
        score.count(
            "content_kept", str(meta.get(key)) == value, f"{name}: meta {key}={meta.get(key)}"
        )
    if expected.get("withheld_mark"):
        score.count("content_kept", "〔编者注" in body, f"{name}: withheld mark")
    if expected.get("signature"):
        block = re.search(r"::: \{\.signature[^}]*\}\n(.*?)\n:::", body, re.S)
        lines = block.group(1).split("\n\n") if block else []
        score.count("content_kept", lines == expected["signature"], f"{name}: signature {lines}")


def _inputs() -> list[tuple[Path, dict]]:
    cases = [(CORPUS / name, expected) for name, expected in EXPECTATIONS.items()]
    if SAMPLES.is_dir():
        cases += [(SAMPLES / name, expected) for name, expected in SAMPLE_EXPECTATIONS.items()]
    return cases


def test_every_corpus_file_has_expectations():
    files = {p.name for p in CORPUS.iterdir() if p.name != "expectations.toml"}
    assert files == set(EXPECTATIONS)


def test_quality_floors():
    score = Score()
    for source, expected in _inputs():
        _score(source, expected, score)
    ratios = {metric: score.ratio(metric) for metric in FLOORS}
    print("quality:", ratios)
    below = {m: r for m, r in ratios.items() if r < FLOORS[m]}
    assert not below, f"below the floors {below}; misses:\n" + "\n".join(score.misses)


SAMPLE_TEXTS = [SAMPLES / n for n, e in SAMPLE_EXPECTATIONS.items() if "error" not in e]


@pytest.mark.parametrize(
    "source", [CORPUS / n for n in EXPECTATIONS] + SAMPLE_TEXTS, ids=lambda p: p.name
)
def test_cleaning_is_idempotent(source: Path):
    if not source.exists():
        pytest.skip("../shared/samples is not beside this checkout")
    once = clean(read(Document(source, "x")), RULES)
    twice = clean(Document(source, "x", text=once.text), RULES)
    assert twice.text == once.text
