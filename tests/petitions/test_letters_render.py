"""The decision on a complaint rendered once through LibreOffice to a PNG, to check the layout a clerk
prints: one A4 page or more, ink in the header band (issuer and motto), the body below it, and nothing
outside the ND 30 margins. Skipped where LibreOffice (soffice) or pdftoppm is not installed."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date

import pytest
from PIL import Image

from danvan.documents import nd30
from danvan.outgoing import sources
from danvan.petitions.services.letters import letter_issue
from tests.petitions.conftest import accepted
from tests.petitions.test_letters import DECISION

pytestmark = pytest.mark.django_db
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")


@pytest.mark.skipif(not (SOFFICE and PDFTOPPM), reason="LibreOffice (soffice) và pdftoppm chưa cài")
def test_the_decision_renders_on_a4_within_the_margins(tmp_path, commune, people, unit):
    complaint = accepted(commune, people, unit, "complaint")
    document = letter_issue(
        petition=complaint,
        key="quyet-dinh-giai-quyet-khieu-nai",
        by=people.leader,
        issued_on=date(2026, 3, 10),
        signer_name="Nguyễn Văn Chủ",
        **DECISION,
    )
    docx = tmp_path / "quyet-dinh.docx"
    docx.write_bytes(nd30.render_docx(sources.as_nd30(document, people.leader)))
    subprocess.run(
        [
            SOFFICE,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(docx),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "50", str(tmp_path / "quyet-dinh.pdf"), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages, "no page rendered"
    first = Image.open(pages[0]).convert("L")
    width, height = first.size
    assert abs(height / width - 297 / 210) < 0.02  # A4 portrait
    ink = first.point(lambda v: 255 if v < 128 else 0)
    left, top, right, _bottom = ink.getbbox()
    # ND 30 margins: left 30 mm, right 15 mm, top 20 mm (a little tolerance for rounding).
    assert left >= width * 25 / 210 and right <= width * (1 - 12 / 210) and top >= height * 15 / 297
    header = ink.crop((0, 0, width, int(height * 0.2)))
    assert header.getbbox() is not None  # issuer, number, motto, date at the top
    assert ink.crop((0, int(height * 0.3), width, height)).getbbox() is not None  # the body follows
