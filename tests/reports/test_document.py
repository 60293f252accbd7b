"""The report as .docx in the Nghị định 30/2020 format (read back) and as PDF (rendered to PNG)."""

from __future__ import annotations

import io
from datetime import date

import pypdfium2
from docx import Document
from docx.shared import Mm

from danvan.documents import nd30
from danvan.documents.pdf import render_pdf
from danvan.reports import selectors, services
from tests.reports.conftest import H1


def _issued(data, people):
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    services.section_update(
        section=report.sections.get(key="outlook"), text="Tiếp tục thực hiện kế hoạch.", by=people.coordinator
    )
    return services.report_issue(
        report=report,
        number=5,
        issued_on=date(2026, 7, 5),
        signer_name="Trần Văn Bình",
        signer_title="Phó Chủ tịch",
        signer_on_behalf="KT. CHỦ TỊCH",
        recipients=["Sở Nội vụ", "Lưu: VT"],
        by=people.leader,
    )


def _cell_text(cell) -> list[str]:
    return [p.text for p in cell.paragraphs if p.text]


def test_number_and_date_lines_follow_decree_30():
    assert nd30.number_line(5, "BC-UBND") == "Số: 05/BC-UBND"
    assert nd30.number_line(12, "BC-UBND") == "Số: 12/BC-UBND"
    assert nd30.date_line("Tà Đùng", date(2026, 5, 5)) == "Tà Đùng, ngày 05 tháng 5 năm 2026"
    assert nd30.date_line("Tà Đùng", date(2026, 2, 14)) == "Tà Đùng, ngày 14 tháng 02 năm 2026"


def test_the_docx_has_the_header_number_tables_charts_and_signature(data, people):
    report = _issued(data, people)
    doc = Document(io.BytesIO(nd30.render_docx(selectors.report_document(report))))
    section = doc.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert Mm(30) - Mm(1) < section.left_margin < Mm(35) + Mm(1)
    assert Mm(15) - Mm(1) < section.right_margin < Mm(20) + Mm(1)
    assert Mm(20) - Mm(1) < section.top_margin < Mm(25) + Mm(1)
    assert doc.styles["Normal"].font.name == "Times New Roman"

    header = doc.tables[0]
    left, right = header.rows[0].cells
    assert _cell_text(left)[:2] == ["ỦY BAN NHÂN DÂN", "XÃ TÀ ĐÙNG"]
    assert "Số: 05/BC-UBND" in _cell_text(left)
    assert _cell_text(right)[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    motto = right.paragraphs[1].runs[0]
    assert motto.bold and motto.underline
    assert "Tà Đùng, ngày 05 tháng 7 năm 2026" in _cell_text(right)

    body = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in body
    assert any(t.startswith("Kết quả công tác dân vận chính quyền") for t in body)
    assert any(t.startswith("II. KẾT QUẢ THỰC HIỆN KẾ HOẠCH") for t in body)

    # Real tables: the plans' status table and the petitions' tables, with their header rows.
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables[1:-1]]
    assert ["Nội dung", "Số nhiệm vụ"] in headers and ["Loại đơn", "Số đơn"] in headers
    status_table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "Nội dung" and t.rows[0].cells[1].text == "Số nhiệm vụ"
    )
    assert ["Trễ hạn", "2"] in [[c.text for c in r.cells] for r in status_table.rows]
    # Charts are embedded images (by status, by month); the one-field and one-village charts of this
    # data would be a single bar and are left out.
    assert len(doc.inline_shapes) >= 2
    chart_titles = [c["title"] for s in report.sections.all() for c in s.generated.get("charts", [])]
    assert len(doc.inline_shapes) < len(chart_titles)

    signature = doc.tables[-1]
    recipients, sign = signature.rows[0].cells
    assert _cell_text(recipients) == ["Nơi nhận:", "- Sở Nội vụ;", "- Lưu: VT."]
    nr = recipients.paragraphs[0].runs[0]
    assert nr.bold and nr.italic
    assert _cell_text(sign) == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Văn Bình"]


def test_the_pdf_renders_with_vietnamese_text_and_pages(data, people):
    report = _issued(data, people)
    pdf_bytes = render_pdf(selectors.report_document(report))
    pdf = pypdfium2.PdfDocument(pdf_bytes)
    assert 2 <= len(pdf) <= 8
    image = pdf[0].render(scale=1).to_pil()
    assert image.size[0] > 500
    text = pdf[0].get_textpage().get_text_range()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Số: 05/BC-UBND" in text
    last = pdf[len(pdf) - 1].get_textpage().get_text_range()
    assert "Trần Văn Bình" in last and "Nơi nhận:" in last


def test_a_report_without_data_still_renders(commune, people):
    report = services.report_create(
        commune=commune, start=date(2020, 1, 1), end=date(2020, 12, 31), by=people.coordinator
    )
    doc = Document(io.BytesIO(nd30.render_docx(selectors.report_document(report))))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "không tiếp nhận đơn thư nào" in text and "năm 2020" in text
    assert "Số:       /BC-UBND" in _cell_text(doc.tables[0].rows[0].cells[0])
    assert len(pypdfium2.PdfDocument(render_pdf(selectors.report_document(report)))) >= 1


def test_columns_are_as_wide_as_their_content_needs():
    """An ordinal stays narrow, a date never breaks, the task's text takes the rest of the line."""
    from danvan.core.sections import Table

    table = Table(
        caption="Nhiệm vụ trễ hạn",
        header=["STT", "Nhiệm vụ", "Thời hạn"],
        rows=[
            [
                "1",
                "Hướng dẫn mỗi thôn đăng ký ít nhất một mô hình “Dân vận khéo” với nội dung cụ thể.",
                "28/02/2026",
            ],
            ["2", "Rà soát, sửa đổi quy chế thực hiện dân chủ trong hoạt động của UBND xã.", "31/03/2026"],
        ],
    )
    total = nd30.text_width_mm()
    ordinal, text, due = nd30.column_widths_mm(table, total)
    assert abs(ordinal + text + due - total) < 0.01
    assert ordinal < due < text
    assert due >= len("28/02/2026") * 2.5  # room for the whole date on one line

    doc = nd30.Document(
        header=nd30.Header(issuer="ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG", number="Số: 1/BC-UBND", place_date="Tà Đùng"),
        title="BÁO CÁO",
        subtitle="",
        blocks=[nd30.Block(heading="I.", tables=[table])],
        recipients=["Lưu: VT."],
        signature=nd30.Signature(lines=["TM. ỦY BAN NHÂN DÂN"], name="Nguyễn Văn An"),
    )
    read = Document(io.BytesIO(nd30.render_docx(doc)))
    widths = [c.width for c in read.tables[1].rows[1].cells]
    assert widths[0] < widths[2] < widths[1]
    assert abs(sum(widths) - Mm(total)) < Mm(1)


def test_the_header_keeps_the_motto_on_one_line_in_every_word_processor(data, people):
    """Column widths are written both on the grid (LibreOffice reads those) and on each cell (Word):
    with cells only, LibreOffice split the header evenly and the motto wrapped."""
    report = services.report_create(commune=data, start=H1[0], end=H1[1], by=people.coordinator)
    read = Document(io.BytesIO(nd30.render_docx(selectors.report_document(report))))
    header, signature = read.tables[0], read.tables[-1]
    assert [round(c.width.mm) for c in header.columns] == [65, 100]
    assert [round(c.width.mm) for c in header.rows[0].cells] == [65, 100]
    assert [round(c.width.mm) for c in signature.columns] == [80, 85]
