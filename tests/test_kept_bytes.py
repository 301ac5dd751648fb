"""Bytes derived once per machine (cache.kept_bytes): built once per key, read back equal,
rebuilt when damaged, and the folder bounded; the DOCX reference is kept this way."""

from __future__ import annotations

import zipfile
from io import BytesIO

import pytest

from pipeline import cache


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "publish"


def _counting(payload: bytes):
    calls = []

    def build() -> bytes:
        calls.append(1)
        return payload

    return build, calls


def test_built_once_per_key_and_read_back_equal(folder):
    build, calls = _counting(b"made from a and b")
    assert cache.kept_bytes("thing", ["a", "b"], build) == b"made from a and b"
    assert cache.kept_bytes("thing", ["a", "b"], build) == b"made from a and b"
    assert len(calls) == 1
    other, other_calls = _counting(b"made from a and c")
    assert cache.kept_bytes("thing", ["a", "c"], other) == b"made from a and c"
    assert len(other_calls) == 1  # another key: built, not the first one's bytes


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty"])
def test_a_damaged_file_is_built_again(folder, damage):
    build, calls = _counting(b"x" * 1000)
    cache.kept_bytes("thing", ["k"], build)
    [path] = folder.glob("thing-*")
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[-1] ^= 0xFF
    elif damage == "truncate":
        data = data[:500]
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert cache.kept_bytes("thing", ["k"], build) == b"x" * 1000
    assert len(calls) == 2


def test_the_folder_keeps_a_bounded_number_per_kind(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_KEPT", 3)
    for index in range(6):
        cache.kept_bytes("thing", [str(index)], lambda: b"payload")
    cache.kept_bytes("other", ["0"], lambda: b"payload")
    assert len(list(folder.glob("thing-*"))) == 3
    assert len(list(folder.glob("other-*"))) == 1


def test_an_unwritable_cache_costs_only_the_building(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build, calls = _counting(b"bytes")
    assert cache.kept_bytes("thing", ["k"], build) == b"bytes"
    assert cache.kept_bytes("thing", ["k"], build) == b"bytes"
    assert len(calls) == 2


def test_the_docx_reference_kept_is_the_one_built(folder):
    from pipeline.render import docx
    from pipeline.render.docx_reference import build_reference
    from pipeline.styles import load_style

    style = load_style("gongwen")
    docx._reference.cache_clear()
    kept = docx._reference(style)
    docx._reference.cache_clear()
    assert docx._reference(style) == kept  # read back from the cache folder
    assert len(list(folder.glob("docx-reference-*"))) == 1
    fresh = build_reference(style)
    names = zipfile.ZipFile(BytesIO(kept)).namelist()
    assert names == zipfile.ZipFile(BytesIO(fresh)).namelist()
    for name in names:  # python-docx writes the same parts, byte for byte
        assert zipfile.ZipFile(BytesIO(kept)).read(name) == zipfile.ZipFile(BytesIO(fresh)).read(
            name
        )


def test_building_the_word_index_leaves_only_the_latest_indexes(folder):
    import os

    from pipeline import title_lines

    folder.mkdir(parents=True)
    for age in range(5):  # indexes of earlier installs, oldest first
        stale = folder / f"jieba-words-6-1-{age}.sqlite"
        stale.write_bytes(b"old")
        os.utime(stale, (1_000_000 + age, 1_000_000 + age))
    fresh = folder / "jieba-words-6-2-9.sqlite"
    title_lines._build(fresh)
    left = sorted(p.name for p in folder.glob("jieba-*"))
    assert len(left) == title_lines.KEPT_INDEXES
    assert fresh.name in left and "jieba-words-6-1-4.sqlite" in left
    assert "jieba-words-6-1-0.sqlite" not in left
