"""weasyprint's import without the slow search for its system libraries.

weasyprint (text/ffi.py) opens GObject, Pango, HarfBuzz and fontconfig through cffi, trying
several names per library, most of which do not exist on Linux. cffi looks up each name that is
not a file with ctypes.util.find_library, and on Linux every miss runs `ldconfig -p`, then gcc
and ld as subprocesses: about sixteen compiler runs, half of the import's time on a quiet machine.
Here find_library answers from one reading of the ldconfig cache, in the same way ctypes reads
it, while weasyprint loads. Should weasyprint then fail to find a library, the import is tried
again with ctypes' own lookup: the result is never other than without this module, only faster.

And the C declarations weasyprint gives cffi are parsed once per machine, not at every import
(see "the C declarations, kept" below); and the two fontTools modules weasyprint imports only for
fonts publish never gives it are loaded when first used, not with weasyprint (see "fontTools,
when used" below).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import hashlib
import importlib.abc
import importlib.util
import io
import os
import re
import struct
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
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
        try:
            with _declarations_kept(), _font_tools_when_used():
                return _import_fast()
        except OSError:
            _forget_weasyprint()  # then the standard import, below
        import weasyprint

        return weasyprint


def _import_fast() -> ModuleType:
    if sys.platform.startswith("linux"):
        lookup = ldconfig_lookup()
        if lookup is not None:
            with _find_library(lookup):
                import weasyprint
            return weasyprint
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


# ---------------------------------------------------------------- the C declarations, kept

# weasyprint/text/ffi.py declares the C functions it calls in one cffi.FFI().cdef(...) string,
# which cffi parses with pycparser at every import: a tenth of a second or more. cffi's
# out-of-line ABI mode keeps a parse as a Python module (the types serialised): made once per
# declarations (by their hash) in the cache folder and loaded from then on. The libraries are
# opened by the same names, through the same dlopen.


class _KeptFFI:
    """cffi.FFI() for the duration of weasyprint's import: its cdef() loads the kept parse of
    the same declarations (or parses them, and keeps the parse); everything else is the
    parsed FFI's."""

    def __init__(self, real_ffi: type, *args: object, **kwargs: object) -> None:
        self._real_ffi, self._args, self._kwargs = real_ffi, args, kwargs
        self._ffi: object | None = None

    def cdef(self, source: str, *args: object, **kwargs: object) -> None:
        if self._ffi is not None or args or kwargs:
            self._parsed().cdef(source, *args, **kwargs)  # not the one call seen: parse it
            return
        path = kept_declarations_path(source)
        try:
            self._ffi = _load_module(path).ffi
            return
        except (OSError, ImportError, AttributeError, SyntaxError):
            pass
        ffi = self._parsed()
        ffi.cdef(source)
        _keep(ffi, path)

    def dlopen(self, name: str, flags: int = 0):
        # The backend's own FFI closes a library when the object it returns is collected, at
        # the interpreter's exit before the objects whose destructors call into it (weasyprint's
        # ffi.gc): a crash on the way out. A library opened here stays loaded.
        ffi = self._parsed()
        return ffi.dlopen(name, flags | getattr(ffi, "RTLD_NODELETE", 0))

    def _parsed(self):
        if self._ffi is None:
            self._ffi = self._real_ffi(*self._args, **self._kwargs)
        return self._ffi

    def __getattr__(self, name: str):
        return getattr(self._parsed(), name)


def kept_declarations_path(source: str) -> Path:
    import cffi

    from ..cache import cache_dir

    digest = hashlib.sha256(source.encode()).hexdigest()[:20]
    return cache_dir() / f"cffi-{cffi.__version__}-{digest}.py"


def _module_name(path: Path) -> str:
    return path.stem.replace(".", "_").replace("-", "_")


def _load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_publish_kept_{_module_name(path)}", path)
    if spec is None or spec.loader is None:
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _keep(ffi, path: Path) -> None:
    """Write the parse of ffi's declarations as an out-of-line ABI module, whole or not at all
    (a cache: a failure only costs the next import its parse)."""
    temporary = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        ffi.set_source(_module_name(path), None)
        with contextlib.redirect_stdout(io.StringIO()):  # cffi says "generating <file>"
            ffi.emit_python_code(str(temporary))
        os.replace(temporary, path)
    except Exception:  # a cache write never fails the import
        with contextlib.suppress(OSError):
            temporary.unlink()


class _declarations_kept:
    """cffi.FFI replaced by _KeptFFI for the duration of a `with`."""

    def __enter__(self) -> None:
        import cffi

        self.saved = cffi.FFI
        saved = self.saved
        cffi.FFI = lambda *args, **kwargs: _KeptFFI(saved, *args, **kwargs)

    def __exit__(self, *exc: object) -> None:
        import cffi

        cffi.FFI = self.saved


# ---------------------------------------------------------------- fontTools, when used

# weasyprint.pdf.fonts imports fontTools.subset (its subsetter when HarfBuzz's is missing or
# fails) and fontTools.varLib.instancer (for variable fonts): about 75 ms of weasyprint's
# 200 ms import, for code a PDF of publish's static fonts, subset by HarfBuzz, never runs. For
# the import's duration the first is imported lazily (importlib's LazyLoader: the module runs
# at its first attribute access) and the second is a stand-in whose one function weasyprint
# takes imports the real module when called. Both are then what an import gives anyone else.

_DEFERRED = "fontTools.subset"
_INSTANCER = "fontTools.varLib.instancer"


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Finds _DEFERRED as the path finders do, with its loader made lazy."""

    def find_spec(self, name, path, target=None):
        if name != _DEFERRED:
            return None
        sys.meta_path.remove(self)  # the spec the other finders give
        try:
            spec = importlib.util.find_spec(name)
        finally:
            sys.meta_path.insert(0, self)
        if spec is None or spec.loader is None:
            return None
        spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


def instantiate_variable_font(*args, **kwargs):
    """fontTools.varLib.instancer.instantiateVariableFont, imported when called."""
    from fontTools.varLib.instancer import instantiateVariableFont

    return instantiateVariableFont(*args, **kwargs)


@contextlib.contextmanager
def _font_tools_when_used():
    finder = _LazyFinder()
    stand_in = None
    if _DEFERRED not in sys.modules:
        sys.meta_path.insert(0, finder)
    if _INSTANCER not in sys.modules:
        stand_in = ModuleType(_INSTANCER)
        stand_in.instantiateVariableFont = instantiate_variable_font
        sys.modules[_INSTANCER] = stand_in
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)
        if stand_in is not None and sys.modules.get(_INSTANCER) is stand_in:
            del sys.modules[_INSTANCER]
