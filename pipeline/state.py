"""The state database (SQLite, WAL): one row per document, one row per run.

Only the batch runner's parent process writes to it, after a document's outputs are in place,
so a crash can leave a document unrecorded (it is rebuilt next run) but never half-recorded.
"""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    input TEXT PRIMARY KEY,      -- path relative to the input folder
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL,        -- published | failed
    outputs TEXT NOT NULL,       -- JSON list of paths relative to the output folder
    warnings TEXT NOT NULL,      -- JSON list
    removed TEXT NOT NULL,       -- JSON list of {rule, line, text}
    error TEXT,
    seconds REAL,
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    finished REAL,
    totals TEXT                  -- JSON {published, unchanged, failed, skipped}
);
"""


_LISTED = "input, fingerprint, status, outputs, warnings, error, seconds, updated"


class State:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, timeout=30, isolation_level=None)
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    def documents(self) -> dict[str, sqlite3.Row]:
        """Every document's row less its removals: they are written for the record, and a run
        or the catalogue that reads every row at once need not hold them all in memory."""
        return {row["input"]: row for row in self.db.execute(f"SELECT {_LISTED} FROM documents")}

    def record(
        self,
        input_key: str,
        fingerprint: str,
        status: str,
        outputs: list[str],
        warnings: list[str],
        removed: list[dict],
        error: str | None,
        seconds: float,
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                input_key,
                fingerprint,
                status,
                json.dumps(outputs, ensure_ascii=False),
                json.dumps(warnings, ensure_ascii=False),
                json.dumps(removed, ensure_ascii=False),
                error,
                seconds,
                time.time(),
            ),
        )

    def forget(self, input_key: str) -> None:
        self.db.execute("DELETE FROM documents WHERE input = ?", (input_key,))

    def start_run(self) -> int:
        cursor = self.db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),))
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def finish_run(self, run_id: int, totals: dict) -> None:
        self.db.execute(
            "UPDATE runs SET finished = ?, totals = ? WHERE id = ?",
            (time.time(), json.dumps(totals), run_id),
        )
