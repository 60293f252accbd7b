"""Uploads are judged by their bytes: a renamed program is refused, a real PDF or photo is accepted."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.core.errors import ServiceError
from danvan.core.files import check_upload


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf)
    pdf.drawString(72, 720, "Biên bản")
    pdf.save()
    return buf.getvalue()


def _png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buf, "PNG")
    return buf.getvalue()


def test_accepts_a_pdf_and_a_photo_with_checksums():
    pdf = check_upload(SimpleUploadedFile("bien-ban.pdf", _pdf()))
    png = check_upload(SimpleUploadedFile("anh.jpg", _png()))  # the name says JPG; the bytes say PNG
    assert (pdf.kind, png.kind) == ("pdf", "png")
    assert len(pdf.sha256) == 64 and pdf.size > 0


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bao-cao.pdf", b"MZ\x90\x00" + b"\0" * 300, "không phải loại được nhận"),
        ("ghi-chu.pdf", "Xin chào".encode(), "không phải loại được nhận"),
        ("rong.pdf", b"", "rỗng"),
    ],
)
def test_refuses_what_the_bytes_do_not_support(name, data, message):
    with pytest.raises(ServiceError) as err:
        check_upload(SimpleUploadedFile(name, data))
    assert message in err.value.message and name in err.value.message


def test_refuses_a_file_over_the_limit():
    with pytest.raises(ServiceError, match="lớn hơn 1 MB"):
        check_upload(SimpleUploadedFile("to.pdf", _pdf() + b"\0" * (1024 * 1024)), max_bytes=1024 * 1024)
