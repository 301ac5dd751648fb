"""The tools formats declare they need (`Format.tools`), each with its check for `publish doctor`.

Cheap to import: each check imports what it checks.
"""

from __future__ import annotations

import ctypes.util

from . import Tool


def _pandoc() -> str:
    from .pandoc import pandoc_version

    return pandoc_version()


def _weasyprint() -> str:
    from .weasyprint_load import load

    try:
        weasyprint = load()
    except OSError as exc:  # its system libraries (Pango) are missing
        raise OSError(str(exc).splitlines()[0]) from exc
    return weasyprint.__version__


def _harfbuzz_subset() -> str:
    found = ctypes.util.find_library("harfbuzz-subset")
    if not found:
        raise OSError("libharfbuzz-subset not found (PDFs take ~12 s instead of ~1 s)")
    return found


PANDOC = Tool("pandoc", _pandoc, "pip install pypandoc-binary")
WEASYPRINT = Tool(
    "weasyprint",
    _weasyprint,
    "apt-get install libpango-1.0-0 libpangoft2-1.0-0 && pip install weasyprint",
)
HARFBUZZ_SUBSET = Tool(
    "HarfBuzz subsetting", _harfbuzz_subset, "apt-get install libharfbuzz-subset0"
)
