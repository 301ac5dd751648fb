"""The head model (pipeline/head_model.py): features of a made-up text, the weights file, the
hook that adds and vetoes plain heads (off unless thresholds are set), --explain's words."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

import quality
from conftest import load_script
from pipeline import head_model
from pipeline.document import Document
from pipeline.structure import structure

PROSE = "各单位要高度重视，切实加强组织领导，明确责任分工，确保各项工作按时保质完成，不走过场。"
TITLE = "测试文档的标题"


def _structured(text: str):
    source = f"{TITLE}\n{text}"
    return structure(Document(Path("doc.txt"), "doc", text=source, meta={"title": TITLE}))


def test_the_weights_file_names_the_features_in_order():
    data = json.loads(head_model.WEIGHTS_FILE.read_text("utf-8"))
    assert [item["feature"] for item in data["features"]] == list(head_model.FEATURES)
    assert all(item["scale"] > 0 for item in data["features"])


def test_features_read_the_lines_shape_and_its_neighbours():
    lines = [PROSE, "基本规范", PROSE, "这是一句话。", PROSE]
    page = head_model.page_of(lines, [None] * len(lines))
    head = dict(
        zip(head_model.FEATURES, head_model.features(lines, 1, [None] * 5, page), strict=True)
    )
    said = dict(
        zip(head_model.FEATURES, head_model.features(lines, 3, [None] * 5, page), strict=True)
    )
    assert head["ends_sentence"] == 0 and said["ends_sentence"] == 1
    assert head["next_prose"] == 1 and head["prev_prose"] == 1
    assert head["length_to_median"] < 0.2
    assert head_model.candidate(lines, 1, [None] * 5, set())
    assert not head_model.candidate(lines, 0, [None] * 5, set())  # prose is no candidate
    assert not head_model.candidate(lines, 1, [None] * 5, {1})  # a spared line
    assert not head_model.candidate(["1、总则", PROSE], 0, [None, None], set())  # numbered


def test_the_model_is_off_unless_its_thresholds_are_set():
    text = "\n".join([PROSE, "基本规范", PROSE, "行内代码", PROSE])
    if head_model.ADD_AT is None and head_model.VETO_AT is None:
        assert not any("head-model" in line for line in _structured(text).explained)


def test_explain_names_the_model_and_its_score_for_what_it_adds_and_vetoes(monkeypatch):
    text = "\n".join([PROSE, "基本规范", PROSE, "我们先来看一个例子：", PROSE])
    monkeypatch.setattr(head_model, "ADD_AT", 0.0)
    monkeypatch.setattr(head_model, "VETO_AT", None)
    doc = _structured(text)
    added = [line for line in doc.explained if "head-model" in line]
    assert added and all(line.startswith("heading ") for line in added)
    assert all(line.rstrip(")").rsplit("(", 1)[1].replace(".", "").isdigit() for line in added)
    heads = [text for _, text in quality.parse_markdown(doc.markdown)[2]]
    assert heads == ["基本规范", "我们先来看一个例子："]  # (the rules' head, the model's)
    monkeypatch.setattr(head_model, "ADD_AT", None)
    monkeypatch.setattr(head_model, "VETO_AT", 1.0)
    doc = _structured(text)
    assert quality.parse_markdown(doc.markdown)[2] == []
    vetoed = [line for line in doc.explained if "head-model" in line]
    assert vetoed and all(line.startswith("no heading: ") for line in vetoed)
    assert any("基本规范" in line and line.endswith(")") for line in vetoed)


def _script():
    return load_script("train_head_model")


@pytest.mark.skipif(
    importlib.util.find_spec("sklearn") is None, reason="scikit-learn (the test extra) is missing"
)
def test_training_is_deterministic_and_writes_the_features_in_order():
    """The same lines train the same weights, byte for byte, in the file's layout. (Whether the
    committed file is what the dev pages train today: `train_head_model.py --check`, by hand,
    since every change to the rules changes the lines the model is trained on.)"""
    script = _script()
    lines = [PROSE, "基本规范", PROSE, "这是一句话。", PROSE, "行内代码", PROSE]
    headings = [None] * len(lines)
    page = head_model.page_of(lines, headings)
    rows = [
        ("a", head_model.features(lines, i, headings, page), int(i in {1, 5}), 0, lines[i])
        for i in range(len(lines))
    ] * 3
    first, second = script.trained(rows), script.trained(list(rows))
    assert first == second
    data = json.loads(first)
    assert [item["feature"] for item in data["features"]] == list(head_model.FEATURES)
    assert first.count("\n") == len(head_model.FEATURES) + 8  # one line per feature
