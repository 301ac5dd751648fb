"""The golden pairs: an input and the exact Markdown intermediate it must give.

Shared by tests/test_golden.py, which compares, and scripts/regen_golden.py, which rewrites
the expected files after an intended change (then review `git diff tests/`). The test never
writes an expected file, so it cannot pass by comparing output with itself.
"""

from __future__ import annotations

from pathlib import Path

from conftest import CASES, SAMPLES
from pipeline.clean import load_rules
from pipeline.flow import prepare

# Shared samples with a reviewed golden file (the sample itself lives in ../shared/samples).
SAMPLE_GOLDENS = Path(__file__).parent / "samples-golden"


def input_of(case: Path) -> Path:
    (found,) = case.glob("input.*")
    return found


def case_pairs() -> list[tuple[Path, Path]]:
    """(input, expected.md) of every case in tests/cases/."""
    cases = sorted(p for p in CASES.iterdir() if p.is_dir())
    return [(input_of(case), case / "expected.md") for case in cases]


def sample_pairs() -> list[tuple[Path, Path]]:
    """(shared sample, its golden) for every golden in tests/samples-golden/."""
    return [(SAMPLES / f"{g.stem}.txt", g) for g in sorted(SAMPLE_GOLDENS.glob("*.md"))]


def markdown_of(source: Path) -> str:
    return prepare(source, "x", load_rules()).markdown
