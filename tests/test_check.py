"""`publish check` measures real renders against the style; LibreOffice's PDF of our DOCX too."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import libreoffice_pdf, run_publish


def _check(path: Path, *args: str):
    return run_publish("check", str(path), *args)


@pytest.mark.parametrize("fixture", ["published_long", "published_speech"])
def test_gongwen_pdf_passes_check(fixture: str, request):
    output = request.getfixturevalue(fixture)
    (pdf,) = output.glob("*.pdf")
    result = _check(pdf)
    assert result.returncode == 0, result.stdout
    for measure in ("lines on a full page", "characters on a full line", "page numbers",
                    "top margin", "left margin", "right margin", "title size", "body size"):  # fmt: skip
        assert f"ok   {measure}" in result.stdout, measure


def test_check_fails_against_the_wrong_style(published_long: Path):
    result = _check(published_long / "long.pdf", "--style", "reading")
    assert result.returncode == 1
    assert "MISS page size" in result.stdout


def test_gongwen_docx_passes_check(published_long: Path):
    result = _check(published_long / "long.docx")
    assert result.returncode == 0, result.stdout
    assert "ok   body East Asian font" in result.stdout


@pytest.mark.libreoffice
@pytest.mark.parametrize("fixture", ["published_long", "published_speech"])
def test_libreoffice_pdf_of_the_docx_passes_check(fixture: str, request, tmp_path: Path):
    (docx,) = request.getfixturevalue(fixture).glob("*.docx")
    result = _check(libreoffice_pdf(docx, tmp_path))
    assert result.returncode == 0, result.stdout


def test_check_rejects_other_files(tmp_path: Path):
    other = tmp_path / "x.txt"
    other.write_text("x")
    assert _check(other).returncode == 2


@pytest.fixture(scope="module")
def published_corpus(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus = Path(__file__).parent / "corpus"
    result = run_publish("all", "-i", str(corpus), "-o", str(out), "--formats", "md,pdf")
    assert result.returncode == 0, result.stderr
    return out


def test_every_corpus_pdf_passes_check(published_corpus: Path):
    pdfs = sorted(published_corpus.glob("*.pdf"))
    assert len(pdfs) >= 16
    for pdf in pdfs:
        result = _check(pdf)
        assert result.returncode == 0, result.stdout
