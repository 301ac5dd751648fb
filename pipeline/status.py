"""`publish status`: what is published, failed, pending (never run) or stale (changed since).

It looks at the input folder exactly as `publish all` does (batch.plan): a file the run would
refuse is listed with the same reason, and nothing here opens anything but regular files.
"""

from __future__ import annotations

import json

from .batch import fingerprint, is_current, plan, run_key
from .clean import load_rules
from .settings import Settings
from .state import State
from .styles import load_styles


def collect(settings: Settings) -> list[dict]:
    """One row per input. Raises sqlite3.DatabaseError for an unusable state database."""
    key = run_key(
        settings,
        load_styles(settings.style_names()),
        load_rules(settings.rules_files, settings.skip_rules),
    )
    chosen, problems = plan(settings, None)
    known = {}
    if (settings.state_dir / "state.db").exists():
        state = State(settings.state_dir / "state.db")
        try:
            known = state.documents()
        finally:
            state.close()
    rows = []
    for input_key, (path, name) in chosen.items():
        row = known.get(input_key)
        try:
            current = fingerprint(path, input_key, name, key)
        except OSError as exc:
            rows.append(_row(input_key, "failed", row, f"cannot read: {exc.strerror or exc}"))
            continue
        if row is None:
            status = "pending"
        elif is_current(row, current, settings.output_dir):
            status = "published"
        elif row["status"] == "failed" and row["fingerprint"] == current:
            status = "failed"  # tried with these very inputs and options
        else:
            status = "stale"  # changed since, or an output is gone: the next run rebuilds it
        rows.append(_row(input_key, status, row, row["error"] if row else None))
    rows += [_row(o.input, o.status, None, o.error) for o in problems]
    return sorted(rows, key=lambda r: r["input"])


def _row(key: str, status: str, row, error: str | None) -> dict:
    return {
        "input": key,
        "status": status,
        "outputs": json.loads(row["outputs"]) if row else [],
        "warnings": json.loads(row["warnings"]) if row else [],
        "error": error,
    }
