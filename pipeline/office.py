"""LibreOffice's own PDF of a DOCX: how a word processor lays the DOCX out, for `publish check`
to measure (characters lost, characters a line) and for the tests.

LibreOffice is optional at run time (only `publish check` of a DOCX uses it); each conversion
runs with a profile of its own in the output folder, so concurrent conversions and a user's
running LibreOffice never meet.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

CONVERT_TIMEOUT_S = 180


class OfficeError(RuntimeError):
    """LibreOffice could not convert the file (the message says why, in one line)."""


def office_binary() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def office_pdf(docx: Path, outdir: Path) -> Path:
    """Convert docx to outdir/<stem>.pdf with LibreOffice and return that path."""
    office = office_binary()
    if office is None:
        raise OfficeError("LibreOffice is not installed")
    profile = (outdir / "profile").resolve()
    try:
        result = subprocess.run(
            [
                office,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(outdir),
                str(docx),
            ],
            capture_output=True,
            text=True,
            timeout=CONVERT_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        raise OfficeError(f"LibreOffice took over {CONVERT_TIMEOUT_S} s") from None
    pdf = outdir / f"{docx.stem}.pdf"
    if result.returncode != 0 or not pdf.is_file():
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no PDF written"]
        raise OfficeError(f"LibreOffice did not convert it: {last[0]}")
    return pdf
