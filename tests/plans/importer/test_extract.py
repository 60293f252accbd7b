"""Reading uploads: .txt/.docx/.pdf give the same plan; unreadable files get a specific Vietnamese message."""

import io
import zipfile

import pytest

from danvan.plans.importer import PlanImportError, extract_text, import_plan, parse_plan_text
from danvan.plans.importer.extract import detect_kind

PLANS = ["ta-dung-2026", "hong-phong-2026", "binh-chuong-2026"]


def _key_results(plan: dict) -> dict:
    return {
        "title": plan["title"],
        "number": plan["number"],
        "year": plan["year"],
        "issuer": plan["issuer"],
        "basis": [plan["citations"][i]["number"] for i in plan["basis"]],
        "citations": sorted(c["number"] or c["title"] for c in plan["citations"]),
        "reporting": [r["due"] for r in plan["reporting"]],
    }


@pytest.mark.parametrize("name", PLANS)
def test_docx_gives_the_same_plan_as_text(name, samples, render):
    text = samples(f"plans/{name}.txt")
    from_text = parse_plan_text(text)
    data = render.docx(text)
    assert detect_kind(data) == "docx"
    from_docx = import_plan(data, f"{name}.docx")
    assert _key_results(from_docx) == _key_results(from_text)
    assert len(from_docx["tasks"]) == len(from_text["tasks"])
    assert from_docx["signer"] == from_text["signer"]
    assert from_docx["recipients"] == from_text["recipients"]


@pytest.mark.parametrize("name", PLANS)
def test_pdf_gives_the_same_plan_as_text(name, samples, render):
    text = samples(f"plans/{name}.txt")
    from_text = parse_plan_text(text)
    data = render.pdf(text)
    extracted = extract_text(data, f"{name}.pdf")
    # The PDF really is wrapped to the page and numbered: lines break mid-sentence, page numbers stand alone.
    lines = extracted.split("\n")
    assert "2" in [line.strip() for line in lines]
    assert len(lines) > len([p for p in text.split("\n") if p.strip()])
    from_pdf = parse_plan_text(extracted)
    assert _key_results(from_pdf) == _key_results(from_text)
    # A wrapped heading can rarely be read as a new item; allow one task of difference.
    assert abs(len(from_pdf["tasks"]) - len(from_text["tasks"])) <= 1
    assert from_pdf["signer"] == from_text["signer"]


def test_txt_with_bom_and_nfd_is_normalised(fixture_text):
    import unicodedata

    text = fixture_text("suoi-may-2026.txt")
    data = b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).encode("utf-8")
    assert extract_text(data, "plan.txt") == text
    assert import_plan(data)["number"] == "15/KH-UBND"


def test_path_input(tmp_path, fixture_text, render):
    path = tmp_path / "ke-hoach.bin"  # the name says nothing: the content decides
    path.write_bytes(render.docx(fixture_text("suoi-may-2026.txt")))
    assert import_plan(path)["title"].startswith("Tuyên truyền phòng, chống cháy rừng")


def test_docx_tables_are_read_in_document_order(fixture_text):
    from docx import Document

    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ SUỐI MÂY"
    table.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    document.add_paragraph("KẾ HOẠCH")
    buffer = io.BytesIO()
    document.save(buffer)
    text = extract_text(buffer.getvalue())
    assert text.index("XÃ SUỐI MÂY") < text.index("CỘNG HÒA") < text.index("KẾ HOẠCH")


def test_docx_footnotes_are_read(samples, render):
    plan = import_plan(render.docx(samples("plans/binh-chuong-2026.txt")))
    # 114-KL/TW is cited only in footnote 1, which a .docx keeps in word/footnotes.xml.
    assert "114-KL/TW" in [c["number"] for c in plan["citations"]]
    assert any(note.startswith("Luật Thực hiện dân chủ ở cơ sở năm 2022") for note in plan["footnotes"])


# ---------------------------------------------------------------- refusals


def _refused(data: bytes, filename: str) -> PlanImportError:
    with pytest.raises(PlanImportError) as err:
        import_plan(data, filename)
    return err.value


def test_empty_file():
    err = _refused(b"", "ke-hoach.docx")
    assert err.code == PlanImportError.EMPTY
    assert err.message == "Tệp rỗng: không có nội dung để nhập."
    assert _refused(b"  \n\n ", "ke-hoach.txt").code == PlanImportError.EMPTY


def test_text_that_is_not_a_plan():
    err = _refused("Danh sách mua sắm: gạo, muối, nước mắm.\nGhi chú: mua trước thứ Bảy.".encode(), "x.txt")
    assert err.code == PlanImportError.NOT_A_PLAN
    assert "Không nhận ra đây là một kế hoạch" in err.message


def test_pdf_without_text_layer(render):
    err = _refused(render.blank_pdf(), "scan.pdf")
    assert err.code == PlanImportError.NO_TEXT_LAYER
    assert "tệp PDF không có lớp văn bản" in err.message


def test_legacy_doc():
    fake_doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "WordDocument".encode("utf-16-le")
    err = _refused(fake_doc, "ke-hoach.doc")
    assert err.code == PlanImportError.LEGACY_DOC
    assert ".doc" in err.message and ".docx" in err.message


def test_password_protected_office_file():
    encrypted = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptedPackage".encode("utf-16-le")
    err = _refused(encrypted, "ke-hoach.docx")
    assert err.code == PlanImportError.ENCRYPTED
    assert "mật khẩu" in err.message


def test_password_protected_pdf(render, fixture_text):
    data = render.pdf(fixture_text("suoi-may-2026.txt"), encrypt_with="matkhau")
    err = _refused(data, "ke-hoach.pdf")
    assert err.code == PlanImportError.ENCRYPTED
    assert "mật khẩu" in err.message


def test_unsupported_and_corrupt_files():
    # A photo of the page is a scan: say so, rather than "unsupported format".
    photo = _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "anh.png")
    assert photo.code == PlanImportError.NO_TEXT_LAYER and "bản scan" in photo.message
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("data.csv", "a,b")
    assert _refused(buffer.getvalue(), "ke-hoach.docx").code == PlanImportError.UNSUPPORTED
    assert _refused(b"%PDF-1.7\n garbage", "hong.pdf").code in (
        PlanImportError.CORRUPT,
        PlanImportError.NO_TEXT_LAYER,
    )
    err = _refused("Kế hoạch".encode("utf-16-le"), "ke-hoach.txt")
    assert err.code == PlanImportError.UNSUPPORTED


def test_non_utf8_text():
    # Legacy Vietnamese encodings (TCVN3, Windows-1258) are not valid UTF-8.
    err = _refused(b"K\xd5 HO\xb8CH s\xe8 12/KH-UBND", "ke-hoach.txt")
    assert "UTF-8" in err.message
