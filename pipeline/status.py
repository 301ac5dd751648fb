"""`publish status`: what is published, failed, pending (never run) or stale (changed since)."""

from __future__ import annotations

import json

from .batch import discover, fingerprint, is_current, run_key
from .clean import load_rules
from .settings import Settings
from .state import State
from .styles import load_styles


def collect(settings: Settings) -> list[dict]:
    key = run_key(
        settings,
        load_styles(settings.style_names()),
        load_rules(settings.rules_files, settings.skip_rules),
    )
    found, skipped = discover(settings)
    known = (
        State(settings.state_dir / "state.db").documents() if settings.state_dir.exists() else {}
    )
    rows = []
    for path, input_key in found:
        current = fingerprint(path, input_key, key)
        row = known.get(input_key)
        if row is None:
            status = "pending"
        elif is_current(row, current, settings.output_dir):
            status = "published"
        elif row["status"] == "failed" and row["fingerprint"] == current:
            status = "failed"  # tried with these very inputs and options
        else:
            status = "stale"  # changed since, or an output is gone: the next run rebuilds it
        rows.append(
            {
                "input": input_key,
                "status": status,
                "outputs": json.loads(row["outputs"]) if row else [],
                "warnings": json.loads(row["warnings"]) if row else [],
                "error": row["error"] if row else None,
            }
        )
    rows += [
        {"input": o.input, "status": "skipped", "outputs": [], "warnings": [], "error": o.error}
        for o in skipped
    ]
    return sorted(rows, key=lambda r: r["input"])
