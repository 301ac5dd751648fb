"""Rewrite the golden Markdown files from what the pipeline makes now; then review the diff.

    .venv/bin/python scripts/regen_golden.py            # every case and shared-sample golden
    .venv/bin/python scripts/regen_golden.py NAME ...   # only these (case folder or golden stem)
    git diff tests/                                     # review, then commit what is intended

The tests (tests/test_golden.py) only compare; this is the one thing that writes the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import golden


def main(names: list[str]) -> int:
    pairs = golden.case_pairs() + golden.sample_pairs()
    chosen = [
        (source, expected)
        for source, expected in pairs
        if not names or expected.parent.name in names or expected.stem in names
    ]
    if names and not chosen:
        print(f"no golden case named {', '.join(names)}", file=sys.stderr)
        return 2
    for source, expected in chosen:
        if not source.exists():
            print(f"missing   {source} (../shared/samples not beside this checkout?)")
            continue
        markdown = golden.markdown_of(source)
        old = expected.read_text("utf-8") if expected.exists() else None
        if markdown != old:
            expected.write_text(markdown, encoding="utf-8")
        print(f"{'same     ' if markdown == old else 'REWRITTEN'} {expected}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
