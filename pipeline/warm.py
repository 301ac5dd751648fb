"""Each format's once-per-process work (Format.warm: weasyprint's import, parsed CSS, the DOCX
reference), done once per format and style in a process.

In the foreground (a worker pool does it before its workers fork, so they share it), or in the
background: one thread per format, while a lone worker already renders the formats that need no
warming (Markdown, and DOCX and EPUB while weasyprint loads); a format waits for its own warm-up
only when its turn comes (`wait`). A warm-up that fails is not an error here: the format's
render meets the same failure and the document reports it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from . import render

if TYPE_CHECKING:
    from .styles import Style

_started: dict[tuple[str, Style | None], threading.Event] = {}
_lock = threading.Lock()


def warm(
    formats: Iterable[str], styles: Mapping[str, Style], *, background: bool = False
) -> list[threading.Event]:
    """Warm the formats (once per format and style in this process); the events of the
    warm-ups this call started."""
    todo = []
    with _lock:
        for name in formats:
            fmt = render.get(name)
            key = (name, styles.get(name))
            if fmt.warm is None or key in _started:
                continue
            _started[key] = threading.Event()
            todo.append((fmt.warm, key[1], _started[key]))
    for work, style, event in todo:
        if background:
            threading.Thread(target=_run, args=(work, style, event), daemon=True).start()
        else:
            _run(work, style, event)
    return [event for _, _, event in todo]


def _run(work, style, event: threading.Event) -> None:
    try:
        work(style)
    except Exception:
        pass  # the format's render raises it again, as the document's failure
    finally:
        event.set()


def ready(name: str, style: Style | None) -> bool:
    """Nothing of this format's warm-up is still running."""
    event = _started.get((name, style))
    return event is None or event.is_set()


def wait(name: str, style: Style | None) -> None:
    event = _started.get((name, style))
    if event is not None:
        event.wait()
