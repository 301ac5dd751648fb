"""`publish doctor`: is everything the pipeline needs installed, and what to install if not."""

from __future__ import annotations

from collections.abc import Callable

from . import render
from .errors import PublishError
from .styles import load_style

# Which Debian package provides a free family the styles fall back to.
DEBIAN_PACKAGES = {
    "Noto Serif CJK SC": "fonts-noto-cjk",
    "Noto Sans CJK SC": "fonts-noto-cjk",
    "LXGW WenKai": "fonts-lxgw-wenkai",
    "AR PL UKai CN": "fonts-arphic-ukai",
    "FandolFang": "texlive-lang-chinese (and scripts/setup.sh's fontconfig file)",
    "FandolSong": "texlive-lang-chinese (and scripts/setup.sh's fontconfig file)",
    "FandolHei": "texlive-lang-chinese (and scripts/setup.sh's fontconfig file)",
    "FandolKai": "texlive-lang-chinese (and scripts/setup.sh's fontconfig file)",
}


def diagnose(style_name: str | None, say: Callable[[str], None]) -> int:
    """Print one line per check; return the number of problems."""
    problems = 0

    def check(ok: bool, label: str, detail: str, fix: str = "") -> None:
        nonlocal problems
        problems += not ok
        say(
            f"{'ok     ' if ok else 'MISSING'} {label}: {detail}"
            + (f"\n        fix: {fix}" if fix and not ok else "")
        )

    for tool in render.required_tools():  # what the formats declare they need
        try:
            check(True, tool.name, tool.check())
        except (ImportError, OSError, RuntimeError) as exc:
            check(False, tool.name, str(exc).strip().splitlines()[0], tool.fix)
    names = [style_name] if style_name else sorted(set(render.default_styles().values()))
    for name in names:
        try:
            style = load_style(name)
        except PublishError as exc:
            check(False, "style", str(exc))
            continue
        _fonts(style, check, say)
    say(f"info    warm server: {_server()}")
    return problems


def _server() -> str:
    from .serve import running_server

    pid, others = running_server()
    now = f"runs ({pid}), takes `publish all` and `publish file`" if pid else "none"
    if others:
        now += f"; {others} of other code or another environment (they idle out)"
    return now if pid else now + " (`publish serve --background` starts one)"


def _fonts(style, check, say) -> None:
    about = f" — {style.description}" if style.description else ""
    say(f"style {style.name} ({style.folder}){about}:")
    for role, families in style.font_roles.items():
        font = style.fonts[role]
        if font is None:
            packages = sorted({DEBIAN_PACKAGES[f] for f in families if f in DEBIAN_PACKAGES})
            check(
                False,
                f"  font {role}",
                f"none of {', '.join(families)} is installed",
                f"apt-get install {' '.join(packages)}" if packages else "install one of them",
            )
            continue
        preferred = families[0]
        note = (
            "" if font.family == preferred else f" (fallback; preferred {preferred} not installed)"
        )
        check(True, f"  font {role}", f"{font.family} -> {font.path}:{font.index}{note}")
