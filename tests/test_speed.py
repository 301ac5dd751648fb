"""What makes small batches fast changes no output: a worker that warms up beside its first
document (weasyprint loading while DOCX and EPUB render, the PDF last) and workers forked from a
coordinator that warmed up once publish the same files (Markdown byte for byte; PDF, DOCX and
EPUB the same text and the same fonts)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

from pypdf import PdfReader

from conftest import CASES, ROOT, run_publish

BENCH_INPUTS = ROOT / "bench" / "inputs"
CORPUS = [
    *sorted(BENCH_INPUTS.iterdir()),
    CASES / "speech-subtitle-byline" / "input.txt",
    CASES / "table-html" / "input.html",
    CASES / "markdown-in-text" / "input.txt",
]
FORMATS = "md,pdf,docx,epub,html"


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for path in CORPUS:
        name = path.name if path.parent == BENCH_INPUTS else f"{path.parent.name}{path.suffix}"
        shutil.copy(path, folder / name)
    return folder


def _pdf(path: Path) -> tuple:
    reader = PdfReader(path)
    fonts = set()
    for page in reader.pages:
        for font in (page.get("/Resources", {}).get("/Font") or {}).values():
            # weasyprint names a subset with a random-looking tag: the face is what counts
            fonts.add(re.sub(r"^[A-Z]{6}\+", "", str(font.get_object().get("/BaseFont"))))
    return [page.extract_text() for page in reader.pages], sorted(fonts)


def _zipped(path: Path, names: re.Pattern) -> dict[str, bytes]:
    """The members that hold text and fonts (not the timestamps and identifiers)."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if names.search(n)}


DOCX_PARTS = re.compile(r"^word/(document|styles|fontTable|numbering)\.xml$")
EPUB_PARTS = re.compile(r"(text/.*\.xhtml|nav\.xhtml|\.css|\.otf|\.svg)$")


def _published(base: Path, jobs: str) -> dict[str, object]:
    out = base / f"out-{jobs}"
    result = run_publish(
        "all", "-i", str(base / "in"), "-o", str(out), "--formats", FORMATS, "--jobs", jobs
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, object] = {}
    for path in sorted(out.glob("*.*")):
        if path.suffix == ".md":
            found[path.name] = path.read_bytes()
        elif path.suffix == ".pdf":
            found[path.name] = _pdf(path)
        elif path.suffix == ".docx":
            found[path.name] = _zipped(path, DOCX_PARTS)
        elif path.suffix == ".epub":
            found[path.name] = _zipped(path, EPUB_PARTS)
    return found


def test_warm_starts_publish_the_same(tmp_path: Path):
    _corpus(tmp_path / "in")
    # --jobs 1: one worker, warmed beside its first document; --jobs 2: two workers forked
    # from a coordinator that warmed up before.
    one, two = _published(tmp_path, "1"), _published(tmp_path, "2")
    assert len(one) == 4 * len(CORPUS)
    assert one.keys() == two.keys()
    for name in one:
        assert one[name] == two[name], name
    fonts = {f for name, pdf in one.items() if name.endswith(".pdf") for f in pdf[1]}
    assert fonts  # the PDFs embed fonts (the comparison above compared something)
