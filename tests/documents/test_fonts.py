"""The PDF is set in a Times-metric font that writes Vietnamese, found wherever the system keeps it."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from danvan.documents import fonts, nd30
from danvan.documents.pdf import render_pdf


def _document() -> nd30.Document:
    return nd30.Document(
        header=nd30.Header(
            issuer="ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG",
            number="Số: 05/BC-UBND",
            place_date="Tà Đùng, ngày 03 tháng 12",
        ),
        title="Báo cáo",
        subtitle="Kết quả thực hiện dân chủ ở cơ sở",
        blocks=[nd30.Block(heading="I. ĐẶC ĐIỂM TÌNH HÌNH", paragraphs=["Nhân dân được biết, được bàn."])],
        recipients=["Lưu: VT"],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"], name="Trần Văn Bình"),
    )


def _times_metric_installed() -> bool:
    return fonts.is_times_metric(fonts.serif_family()[0])


def test_the_chosen_family_writes_every_vietnamese_letter():
    name, paths = fonts.serif_family()
    assert all(p.exists() for p in paths)
    assert fonts._writes_vietnamese(paths[0]), name


def test_liberation_serif_is_found_in_debians_liberation2_folder_or_through_fontconfig():
    folder = Path("/usr/share/fonts/truetype/liberation2")
    if not (folder / "LiberationSerif-Regular.ttf").exists():
        pytest.skip("fonts-liberation2 is not installed here (.ci/run installs it)")
    name, paths = fonts.serif_family()
    assert name in {"Times New Roman", "Liberation Serif"}
    if name == "Liberation Serif":
        assert fonts._writes_vietnamese(paths[0])
        assert paths[0].parent.name != "liberation" or fonts._writes_vietnamese(paths[0])


def test_the_pdf_embeds_a_times_metric_font():
    if not _times_metric_installed():
        pytest.skip("no Times-metric font with Vietnamese installed (apt-get install fonts-liberation2)")
    data = render_pdf(_document())
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]))
    assert names and all(fonts.is_times_metric(n.split("+")[-1].lstrip("/")) for n in names), names
    if shutil.which("pdffonts"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(data)
            f.flush()
            listing = subprocess.run(["pdffonts", f.name], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(fonts.is_times_metric(r.split()[0].split("+")[-1]) for r in rows), listing
        assert all(" yes " in r for r in rows)  # embedded


def test_times_metric_names():
    assert fonts.is_times_metric("LiberationSerif-Bold")
    assert fonts.is_times_metric("Times New Roman")
    assert not fonts.is_times_metric("DejaVuSerif")
