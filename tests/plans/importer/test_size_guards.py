"""Files that would unpack too big are refused before they are read; picture-only files are called scans."""

from __future__ import annotations

import io
import zipfile

import pytest

from danvan.plans.importer import PlanImportError, extract, import_plan


def _with_extra_part(docx: bytes, name: str, payload: bytes) -> bytes:
    """The same .docx with one more (deflated) part added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr(name, payload)
    return out.getvalue()


def _refused(data: bytes) -> PlanImportError:
    with pytest.raises(PlanImportError) as err:
        import_plan(data, "ke-hoach.docx")
    return err.value


def test_a_docx_that_unpacks_far_beyond_its_size_is_refused_unread(render, fixture_text, monkeypatch):
    docx = render.docx(fixture_text("suoi-may-2026.txt"))
    # 3 MB of zeros deflate to a few KB: a ratio no real picture or text part has.
    bomb = _with_extra_part(docx, "word/media/image1.png", b"\0" * (3 * 1024 * 1024))
    assert len(bomb) < len(docx) + 20_000

    def never(*args, **kwargs):
        raise AssertionError("python-docx must not open a refused file")

    monkeypatch.setattr("docx.Document", never)
    err = _refused(bomb)
    assert err.code == PlanImportError.TOO_BIG
    assert err.message.startswith("Tệp quá lớn khi giải nén")


def test_too_much_xml_is_refused(render, fixture_text, monkeypatch):
    monkeypatch.setattr(extract, "MAX_XML_BYTES", 64 * 1024)
    docx = render.docx(fixture_text("suoi-may-2026.txt"))
    padded = _with_extra_part(docx, "word/extra.xml", b"<a>" + b"x" * (70 * 1024) + b"</a>")
    assert _refused(padded).code == PlanImportError.TOO_BIG


def test_a_normal_docx_passes_the_guard(render, fixture_text):
    docx = render.docx(fixture_text("suoi-may-2026.txt"))
    extract.check_docx_size(docx)  # no error
    assert import_plan(docx, "ke-hoach.docx")["tasks"]


def test_a_pdf_with_too_many_pages_is_refused(render, fixture_text, monkeypatch):
    monkeypatch.setattr(extract, "MAX_PDF_PAGES", 1)
    pdf = render.pdf(fixture_text("suoi-may-2026.txt"))
    with pytest.raises(PlanImportError) as err:
        import_plan(pdf, "ke-hoach.pdf")
    assert err.value.code == PlanImportError.TOO_BIG


def test_a_docx_with_only_a_scanned_picture_is_called_a_scan(render):
    blank = render.docx("")
    scanned = _with_extra_part(blank, "word/media/image1.jpeg", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 40)
    err = _refused(scanned)
    assert err.code == PlanImportError.NO_TEXT_LAYER
    assert "chỉ có hình ảnh" in err.message
