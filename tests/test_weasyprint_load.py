"""weasyprint's import through pipeline/render/weasyprint_load.py, and finding pandoc without
running it: the same libraries and binary as the standard lookups, without their subprocesses."""

from __future__ import annotations

import ctypes.util
import os
import subprocess
import sys
from pathlib import Path

import pypandoc
import pytest

from pipeline.render.pandoc import pandoc_path
from pipeline.render.weasyprint_load import ldconfig_lookup

ROOT = Path(__file__).resolve().parent.parent
# Every name weasyprint 70's text/ffi.py tries for a library, in its order.
WEASYPRINT_NAMES = [
    "libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0", "libpango-1.0-0", "pango-1.0-0",
    "pango-1.0", "libharfbuzz-0", "harfbuzz", "libharfbuzz-subset-0", "harfbuzz-subset",
    "libfontconfig-1", "fontconfig-1", "fontconfig", "libpangoft2-1.0-0", "pangoft2-1.0-0",
    "pangoft2-1.0",
]  # fmt: skip

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldconfig")


@linux_only
def test_ldconfig_lookup_answers_as_ctypes_does():
    lookup = ldconfig_lookup()
    assert lookup is not None
    found = {name: lookup(name) for name in WEASYPRINT_NAMES}
    assert found["pango-1.0"] == "libpango-1.0.so.0"
    assert found["libgobject-2.0-0"] is None
    for name in WEASYPRINT_NAMES:
        assert found[name] == ctypes.util.find_library(name), name


def _in_fresh_python(code: str, **env: str) -> str:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
    ).stdout.strip()


@linux_only
def test_weasyprint_loads_without_running_a_compiler():
    # ctypes' fallbacks (gcc, then ld) are what made the import slow: none of them may run, and
    # find_library is ctypes' own again afterwards.
    code = """
import ctypes.util
calls = []
for name in ("_findLib_gcc", "_findLib_ld"):
    original = getattr(ctypes.util, name)
    setattr(ctypes.util, name, lambda n, o=original, f=name: (calls.append(f), o(n))[1])
standard = ctypes.util.find_library
from pipeline.render.weasyprint_load import load
weasyprint = load()
print(len(calls), ctypes.util.find_library is standard, hasattr(weasyprint, "HTML"))
"""
    assert _in_fresh_python(code) == "0 True True"


def test_weasyprint_loads_when_the_quick_lookup_finds_nothing():
    # A machine whose libraries the ldconfig cache does not list: the standard lookup, as before.
    code = """
from pipeline.render import weasyprint_load
weasyprint_load.ldconfig_lookup = lambda: (lambda name: None)
weasyprint = weasyprint_load.load()
print(hasattr(weasyprint, "HTML"), weasyprint.__version__.split(".")[0])
"""
    assert _in_fresh_python(code) == "True 70"


def test_pandoc_is_the_one_pypandoc_binary_ships(monkeypatch):
    shipped = Path(pypandoc.__file__).resolve().parent / "files" / "pandoc"
    assert pandoc_path() == str(shipped)
    version = subprocess.run([pandoc_path(), "--version"], capture_output=True, text=True)
    assert version.stdout.split()[1] == pypandoc.get_pandoc_version()
    pandoc_path.cache_clear()
    monkeypatch.setenv("PYPANDOC_PANDOC", "/opt/pandoc/bin/pandoc")
    try:
        assert pandoc_path() == "/opt/pandoc/bin/pandoc"
    finally:
        pandoc_path.cache_clear()


_DECLARATIONS = """
from pipeline.render.weasyprint_load import load
weasyprint = load()
from weasyprint.text import ffi
kept = ffi.ffi._ffi
pdf = weasyprint.HTML(string="<p style='font-family: Noto Serif CJK SC'>中文 text</p>").write_pdf()
# Alive until the interpreter's exit, as a worker's warm fonts are: their destructors call into
# the libraries then (the process must still end cleanly).
from weasyprint.text.fonts import FontConfiguration
fonts = FontConfiguration()
print(type(kept).__module__, ffi.TO_UNITS, len(pdf) > 1000)
"""


def test_weasyprint_declarations_are_parsed_once_and_kept(tmp_path: Path):
    # The first import parses weasyprint's C declarations (cffi.api's FFI) and keeps the parse;
    # the next loads it (the backend's own FFI, no parser) and lays out and writes the same way.
    cache = {"XDG_CACHE_HOME": str(tmp_path)}
    assert _in_fresh_python(_DECLARATIONS, **cache) == "cffi.api 1024 True"
    kept = list((tmp_path / "publish").glob("cffi-*.py"))
    assert len(kept) == 1 and "_cffi_backend" in kept[0].read_text()
    assert _in_fresh_python(_DECLARATIONS, **cache) == "_cffi_backend 1024 True"
    # A kept file that cannot be read is parsed again, and replaced.
    kept[0].write_text("ffi = (")
    assert _in_fresh_python(_DECLARATIONS, **cache) == "cffi.api 1024 True"
    assert _in_fresh_python(_DECLARATIONS, **cache) == "_cffi_backend 1024 True"
    assert not list((tmp_path / "publish").glob("*.tmp"))


def test_a_run_with_kept_declarations_ends_cleanly(tmp_path: Path):
    # A run of two workers prepares weasyprint in its coordinator before forking them; at the
    # coordinator's exit, objects that call into Pango as they go must still find it loaded.
    from conftest import run_publish

    folder = tmp_path / "input"
    folder.mkdir()
    for number in range(3):
        (folder / f"{number}.txt").write_text(f"通知{number}\n\n请各单位做好准备工作。\n", "utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    for attempt in ("parsed", "kept"):
        out = tmp_path / attempt
        result = run_publish(
            "all", "-i", str(folder), "-o", str(out), "--formats", "md,pdf", "--jobs", "2", env=env
        )
        assert result.returncode == 0, (attempt, result.returncode, result.stderr[-500:])
    assert list((tmp_path / "cache" / "publish").glob("cffi-*.py"))


def test_font_tools_modules_weasyprint_does_not_use_load_when_used():
    """fontTools.subset and fontTools.varLib.instancer, which weasyprint imports for fonts
    publish never gives it, are not run by its import nor by a PDF of the style's fonts (each
    subset by HarfBuzz); used, they are fontTools' own: the subsetter subsets, the instancer
    is the real one, and both import as usual afterwards."""
    code = """
import io, sys
from pipeline.render.weasyprint_load import load
weasyprint = load()
html = "<p style='font-family: FandolFang'>中文 text 2025</p>"
pdf = weasyprint.HTML(string=html).write_pdf()
ran = [n for n in ("fontTools.subset", "fontTools.varLib.instancer")
       if type(sys.modules.get(n)).__name__ == "module"]
from weasyprint.pdf import fonts
from fontTools.ttLib import TTFont
from fontTools.subset import Subsetter
import fontTools.varLib.instancer as instancer
font = TTFont("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/FandolFang-Regular.otf")
subsetter = fonts.subset.Subsetter()
subsetter.populate(unicodes=[ord("中")])
subsetter.subset(font)
try:  # the real instancer's answer for a font that is not variable
    fonts.instantiateVariableFont(font, {})
except ValueError as error:
    refused = str(error)
print(pdf[:5] == b"%PDF-", ran, Subsetter is fonts.subset.Subsetter, len(font.getGlyphOrder()) < 10,
      refused, instancer.instantiateVariableFont.__module__)
"""
    assert _in_fresh_python(code) == (
        "True [] True True Missing required table fvar fontTools.varLib.instancer"
    )
