"""weasyprint's import without the slow search for its system libraries.

weasyprint (text/ffi.py) opens GObject, Pango, HarfBuzz and fontconfig through cffi, trying
several names per library, most of which do not exist on Linux. cffi looks up each name that is
not a file with ctypes.util.find_library, and on Linux every miss runs `ldconfig -p`, then gcc
and ld as subprocesses: about sixteen compiler runs, half of the import's time on a quiet machine.
Here find_library answers from one reading of the ldconfig cache, in the same way ctypes reads
it, while weasyprint loads. Should weasyprint then fail to find a library, the import is tried
again with ctypes' own lookup: the result is never other than without this module, only faster.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from types import ModuleType

_lock = threading.Lock()
# ctypes.util's own map (_findSoname_ldconfig): the ABI tag the ldconfig cache lists a library
# of this machine's word size under.
_ABI = {
    "x86_64-64": "libc6,x86-64",
    "ppc64-64": "libc6,64bit",
    "sparc64-64": "libc6,64bit",
    "s390x-64": "libc6,64bit",
    "ia64-64": "libc6,IA-64",
}


def load() -> ModuleType:
    """`import weasyprint`, once per process."""
    module = sys.modules.get("weasyprint")
    if module is not None and hasattr(module, "HTML"):
        return module
    with _lock:
        if sys.platform.startswith("linux"):
            lookup = ldconfig_lookup()
            if lookup is not None:
                try:
                    with _find_library(lookup):
                        import weasyprint
                    return weasyprint
                except OSError:
                    _forget_weasyprint()  # then the standard lookup, below
        import weasyprint

        return weasyprint


def ldconfig_lookup() -> Callable[[str], str | None] | None:
    """find_library's answer from one reading of the ldconfig cache (None: no cache to read)."""
    try:
        listing = subprocess.run(
            ["/sbin/ldconfig", "-p"],
            capture_output=True,
            env={"LC_ALL": "C", "LANG": "C"},
            timeout=10,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    abi = _ABI.get(machine, "libc6")

    def find(name: str) -> str | None:
        pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({abi}"
        found = re.search(os.fsencode(pattern), listing)
        return os.fsdecode(found.group(1)) if found else None

    return find


class _find_library:
    """ctypes.util.find_library replaced for the duration of a `with`."""

    def __init__(self, lookup: Callable[[str], str | None]) -> None:
        self.lookup = lookup

    def __enter__(self) -> None:
        self.saved = ctypes.util.find_library
        setattr(ctypes.util, "find_library", self.lookup)  # noqa: B010 (mypy: the stub's signature)

    def __exit__(self, *exc: object) -> None:
        setattr(ctypes.util, "find_library", self.saved)  # noqa: B010


def _forget_weasyprint() -> None:
    for name in [n for n in sys.modules if n == "weasyprint" or n.startswith("weasyprint.")]:
        del sys.modules[name]
