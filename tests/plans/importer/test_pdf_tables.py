"""A plan's task table in a PDF comes out as clean cells (no "|" or split words in a cell) and its rows
become tasks with their lead, partners and time frame, as from a .docx."""

from __future__ import annotations

import io

import pytest

from danvan.plans.importer import import_plan
from danvan.plans.importer.extract import _cell_lines, _has_rulings, extract_text
from tests.plans.importer.conftest import FONT, make_pdf

HEAD = [
    "ỦY BAN NHÂN DÂN",
    "XÃ TÀ ĐÙNG",
    "Số: 12/KH-UBND",
    "Tà Đùng, ngày 05 tháng 01 năm 2026",
    "KẾ HOẠCH",
    "Công tác dân vận chính quyền năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Nâng cao chất lượng phục vụ Nhân dân.",
    "II. NỘI DUNG",
    "1. Thực hiện các nhiệm vụ tại Phụ lục kèm theo Kế hoạch này.",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Phòng Văn hóa - Xã hội: theo dõi, đôn đốc việc thực hiện Kế hoạch này.",
    "Trên đây là Kế hoạch của UBND xã Tà Đùng./.",
]
TABLE = [
    ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Tổ chức hội nghị quán triệt kế hoạch dân vận chính quyền cho cán bộ, công chức của xã",
     "Phòng Văn hóa – Xã hội", "Văn phòng HĐND và UBND", "Quý I năm 2026"],
    ["2", "Đối thoại với Nhân dân về thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "Công an xã",
     "Trước ngày 30/6/2026"],
    ["3", "Tuyên truyền trên loa truyền thanh các thôn", "Phòng Văn hóa – Xã hội", "", "Thường xuyên"],
]  # fmt: skip


def plan_pdf_with_table() -> bytes:
    if not FONT.exists():
        pytest.skip(f"font {FONT} not installed; needed to write Vietnamese into a test PDF")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(FONT)))
    style = ParagraphStyle("body", fontName="DejaVuSans", fontSize=11, leading=14)
    story = [Paragraph(line, style) for line in HEAD]
    story += [PageBreak(), Paragraph("PHỤ LỤC", style), Paragraph("DANH MỤC NHIỆM VỤ", style)]
    # Narrow columns, so names wrap inside their cells ("Phòng Văn hóa" / "– Xã hội") as in real plans.
    table = Table([[Paragraph(c, style) for c in row] for row in TABLE], colWidths=[28, 170, 95, 95, 85])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story += [table, Paragraph("Ghi chú: các đơn vị báo cáo kết quả hằng quý.", style)]
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()


def test_a_pdf_table_becomes_clean_cells_in_place():
    text = extract_text(plan_pdf_with_table())
    lines = text.split("\n")
    # Each wrapped cell is one line again, between the table's "|" markers, and never carries a "|".
    assert "Phòng Văn hóa – Xã hội" in lines
    assert "Trung tâm Phục vụ hành chính công" in lines
    assert all(line == "|" or "|" not in line for line in lines)
    # The text after the table stays after it.
    assert lines.index("Trung tâm Phục vụ hành chính công") < lines.index(
        "Ghi chú: các đơn vị báo cáo kết quả hằng quý."
    )


def test_a_pdf_tables_rows_become_tasks_with_units_and_dates():
    parsed = import_plan(plan_pdf_with_table(), "ke-hoach.pdf")
    table = {t["ref"]: t for t in parsed["tasks"] if t["ref"].startswith("PL")}
    assert sorted(table) == ["PL.1", "PL.2", "PL.3"]
    assert table["PL.1"]["lead"] == ["Phòng Văn hóa – Xã hội"]
    assert table["PL.1"]["coordinating"] == ["Văn phòng HĐND và UBND"]
    assert table["PL.1"]["timeframe"]["kind"] == "within_quarter"
    assert table["PL.2"]["timeframe"]["date"] == "2026-06-30"
    assert table["PL.3"]["coordinating"] == [] and table["PL.3"]["timeframe"]["kind"] == "ongoing"


def test_a_text_only_pdf_is_not_read_twice():
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(make_pdf("KẾ HOẠCH\nCông tác dân vận năm 2026\n1. Tuyên truyền.")))
    assert not any(_has_rulings(page) for page in reader.pages)


@pytest.mark.parametrize(
    "cell, lines",
    [
        ("Phòng Văn hóa\n– Xã hội", ["Phòng Văn hóa – Xã hội"]),
        ("- Sở Nội vụ;\n- Công an tỉnh", ["- Sở Nội vụ;", "- Công an tỉnh"]),
        ("Trước ngày\n30/6/2026", ["Trước ngày 30/6/2026"]),
        ("", []),
        (None, []),
    ],
)
def test_a_cells_wrapped_lines_join_and_its_items_stay_apart(cell, lines):
    assert _cell_lines(cell) == lines
