"""The reception register (Sổ tiếp công dân, TT 04/2021/TT-TTCP Mẫu 03) for a period, as .xlsx and .docx.

A selector gives the rows as plain text; the two renderers only lay them out. The register holds
personal data: these files are for the commune's own records, downloaded by the roles that keep it.
"""

from __future__ import annotations

import datetime as dt
import io

from danvan.documents import xlsx
from danvan.documents.nd30 import set_widths
from danvan.engagement import selectors
from danvan.engagement.models import ReceptionEntry
from danvan.geo.models import Commune

TITLE = "SỔ TIẾP CÔNG DÂN"

# The columns of Mẫu 03 (TT 04/2021/TT-TTCP), in order.
COLUMNS = [
    "STT",
    "Ngày tiếp",
    "Họ tên – địa chỉ",
    "CCCD/CMND",
    "Nội dung vụ việc",
    "Phân loại đơn/số người",
    "Cơ quan đã giải quyết",
    "Thụ lý",
    "Trả lại đơn và hướng dẫn",
    "Chuyển đơn đến cơ quan có thẩm quyền",
    "Theo dõi kết quả giải quyết",
    "Ghi chú",
]
# Relative widths for the .xlsx sheet (characters) and the .docx table (cm, A4 landscape ≈ 26.7 cm).
_XLSX_WIDTHS = [5, 11, 28, 14, 45, 16, 20, 9, 14, 20, 28, 16]
_DOCX_WIDTHS_CM = [1.1, 2.1, 3.2, 2.0, 4.4, 2.0, 2.0, 2.4, 1.6, 2.2, 2.1, 1.6]


def register_rows(*, commune: Commune, start: dt.date, end: dt.date, viewer=None) -> list[list[str]]:
    """The register's lines as text, one list per line in the column order above; a denouncer's name,
    address and ID number only for a `viewer` entitled to them (`selectors.visitor_hidden`)."""
    rows = []
    entries = selectors.register(commune=commune, start=start, end=end, viewer=viewer)
    for i, e in enumerate(entries, start=1):
        who = e.visitor_name + (f" – {e.visitor_address}" if e.visitor_address else "")
        if e.identity_hidden:
            who = selectors.DENOUNCER_HIDDEN
        kind = f"{e.get_case_type_display()}; {e.people_count} người"
        if e.is_group:
            kind += " (đoàn đông người)"
        accept = "x" if e.handling == ReceptionEntry.Handling.ACCEPT else ""
        if accept and e.petition_id:
            accept = f"x (đơn {e.petition.tracking_code})"
        guide = "x" if e.handling == ReceptionEntry.Handling.GUIDE else ""
        forward = (e.forwarded_to or "x") if e.handling == ReceptionEntry.Handling.FORWARD else ""
        if e.handling == ReceptionEntry.Handling.GUIDE and e.forwarded_to:
            guide = f"x ({e.forwarded_to})"
        rows.append(
            [
                str(i),
                f"{e.received_on:%d/%m/%Y}",
                who,
                "" if e.identity_hidden else e.id_number,
                e.content,
                kind,
                e.handled_before_by,
                accept,
                guide,
                forward,
                e.follow_up,
                e.note,
            ]
        )
    return rows


def _subtitle(commune: Commune, start: dt.date, end: dt.date) -> str:
    return f"UBND {commune.in_sentence} – từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"


def register_xlsx(*, commune: Commune, start: dt.date, end: dt.date, viewer=None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "So tiep cong dan"
    ncol = len(COLUMNS)
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws["A1"].font = Font(name="Times New Roman", bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    ws.append([_subtitle(commune, start, end)])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncol)
    ws["A2"].font = Font(name="Times New Roman", italic=True, size=12)
    ws["A2"].alignment = Alignment(horizontal="center")
    ws.append([])
    ws.append(COLUMNS)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in ws[4]:
        cell.font = Font(name="Times New Roman", bold=True, size=11)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = border
    rows = register_rows(commune=commune, start=start, end=end, viewer=viewer)
    for row in rows:
        # The number and the day as real values: the sheet sorts and filters by date.
        ws.append([int(row[0]), dt.datetime.strptime(row[1], "%d/%m/%Y").date(), *row[2:]])
        for cell in ws[ws.max_row]:
            cell.font = Font(name="Times New Roman", size=11)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            cell.border = border
    if not rows:
        ws.append(["", "Không có lượt tiếp công dân nào trong kỳ."])
    for i, width in enumerate(_XLSX_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A5"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.print_title_rows = "4:4"
    return xlsx.to_bytes(wb, header_row=4)


def register_docx(*, commune: Commune, start: dt.date, end: dt.date, viewer=None) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    # East-Asian font slot too, so Word does not substitute for Vietnamese letters.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(1.5)

    head = doc.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.paragraphs[0].text = f"UBND {commune.name.upper()}"
    left.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].runs[0].bold = True
    p = right.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    run.bold = True
    p2 = right.add_paragraph()
    p2.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p2.add_run("Độc lập - Tự do - Hạnh phúc")
    run.bold = True
    run.underline = True

    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(14)
    sub = doc.add_paragraph()
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = sub.add_run(f"(Từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y})")
    run.italic = True

    rows = register_rows(commune=commune, start=start, end=end, viewer=viewer)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, COLUMNS, strict=True):
        cell.text = ""
        r = cell.paragraphs[0].add_run(text)
        r.bold = True
        r.font.size = Pt(10)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    # Repeat the header row on every page.
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).font.size = Pt(10)
    if not rows:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = "Không có lượt tiếp công dân nào trong kỳ."
    set_widths(table, [Cm(width) for width in _DOCX_WIDTHS_CM])

    note = doc.add_paragraph()
    note.add_run(f"Tổng số lượt tiếp: {len(rows)}.").italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
