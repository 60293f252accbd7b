"""Administrative documents in the Nghị định 30/2020/NĐ-CP format, written with python-docx.

The header (issuing body and national motto side by side, number, place and date), the title, the
"Nơi nhận:" list and the signature block are written once here, for every module that issues a
document. A document is first described as plain data (`Document`), then rendered: `render_docx`
here, `documents.pdf.render_pdf` for PDF.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from danvan.documents.blocks import Chart, Table

# Nghị định 30/2020/NĐ-CP, Phụ lục I (thể thức và kỹ thuật trình bày văn bản hành chính).
FONT = "Times New Roman"
BODY_PT = 14  # body 13–14 pt
MOTTO_PT = 13  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": capitals, bold, 12–13 pt
MOTTO_SUB_PT = 14  # "Độc lập - Tự do - Hạnh phúc": bold, 13–14 pt, underlined
RECIPIENTS_TITLE_PT = 12  # "Nơi nhận:" bold italic 12 pt
RECIPIENTS_PT = 11  # the list 11 pt
PAGE_MM = (210, 297)  # A4
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}  # top/bottom 20–25, left 30–35, right 15–20
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_SUB = "Độc lập - Tự do - Hạnh phúc"


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05/BC-UBND" (numbers under 10 padded with 0); an unnumbered draft reads "Số:     /BC-UBND"."""
    if number is None:
        return f"Số:       /{symbol}"
    return f"Số: {number:02d}/{symbol}"


def date_line(place: str, day: dt.date | None) -> str:
    """ "Tà Đùng, ngày 05 tháng 5 năm 2026": days under 10 and months 1 and 2 padded with 0."""
    if day is None:
        return f"{place}, ngày     tháng     năm     "
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass
class Header:
    """The two-column header: issuing body (with its superior, if any) and number, motto and date."""

    issuer: str  # "ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG" (written in capitals, bold)
    number: str  # number_line(...)
    place_date: str  # date_line(...)
    issuer_parent: str = ""  # e.g. "UBND TỈNH LÂM ĐỒNG" above "SỞ NỘI VỤ"


@dataclass
class Signature:
    """ "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH", then the signer's name."""

    lines: list[str]
    name: str


@dataclass
class Block:
    """One section of the body: a heading, paragraphs, real tables and chart images."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Document:
    header: Header
    title: str  # "BÁO CÁO"
    subtitle: str  # "Kết quả công tác dân vận chính quyền 6 tháng đầu năm 2026"
    blocks: list[Block]
    recipients: list[str]
    signature: Signature


def issuer_lines(commune) -> tuple[str, str]:
    """("", "ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG") for a commune: since 1/7/2025 the commune sits directly under
    the province, and its People's Committee is the issuing body."""
    return "", f"ỦY BAN NHÂN DÂN {commune.name.upper()}"


# --- python-docx helpers --------------------------------------------------------------------------------


def _set_font(run, size: float, *, bold=False, italic=False, underline=False) -> None:
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    run.underline = underline
    # Word picks East Asian / complex-script fonts from rFonts; set them all so Vietnamese stays in Times.
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), FONT)


def _para(
    container,
    text: str = "",
    *,
    size=BODY_PT,
    bold=False,
    italic=False,
    underline=False,
    align=WD_ALIGN_PARAGRAPH.JUSTIFY,
    space_after=6,
    indent_first=False,
):
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    if indent_first:
        p.paragraph_format.first_line_indent = Mm(10)
    if text:
        _set_font(p.add_run(text), size, bold=bold, italic=italic, underline=underline)
    return p


def no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def keep_with_next(paragraph) -> None:
    """The paragraph stays on the page of the next one (a heading, a caption, a line of "Nơi nhận")."""
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.keep_together = True


def keep_table_together(table, *, with_next: bool = False) -> None:
    """No row of `table` splits across pages and its rows stay on one page (a signature block); with
    `with_next`, the table also stays with the paragraph after it."""
    rows = list(table.rows)
    for i, row in enumerate(rows):
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.append(OxmlElement("w:cantSplit"))
        last = i == len(rows) - 1
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_together = True
                if not last or with_next:
                    paragraph.paragraph_format.keep_with_next = True


def _first_cell_paragraph(cell):
    # A new cell holds one empty paragraph; reuse it so the cell does not start with a blank line.
    return cell.paragraphs[0]


def _cell_line(cell, text, *, first=False, **kwargs):
    if first:
        p = _first_cell_paragraph(cell)
        p.alignment = kwargs.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_after = Pt(0)
        _set_font(p.add_run(text), kwargs.pop("size", 13), **kwargs)
        return p
    kwargs.setdefault("align", WD_ALIGN_PARAGRAPH.CENTER)
    kwargs.setdefault("space_after", 0)
    kwargs.setdefault("size", 13)
    return _para(cell, text, **kwargs)


def _page_number_header(section) -> None:
    """Page numbers centred at the top, not on the first page (Nghị định 30/2020, Phụ lục I)."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _set_font(run, BODY_PT)
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def new_document():
    """An empty A4 document with Nghị định 30 margins, Times New Roman body and top-centred page numbers."""
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    _page_number_header(section)
    return doc


def set_widths(table, widths) -> None:
    """Fix a table's column widths for every reader: Word reads each cell's width, LibreOffice the
    columns' (without both, LibreOffice splits the line evenly and the motto wraps)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=False):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=False):
            cell.width = width


def add_header(doc, header: Header) -> None:
    """The issuing body and number on the left, the national motto and the place-date line on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    set_widths(table, [Mm(65), Mm(100)])
    left, right = table.rows[0].cells
    first = True
    if header.issuer_parent:
        _cell_line(left, header.issuer_parent.upper(), first=True)
        first = False
    for i, line in enumerate(_issuer_split(header.issuer.upper())):
        _cell_line(left, line, first=first and i == 0, bold=True)
    _cell_line(left, "———", size=10)
    _cell_line(left, header.number)
    _cell_line(right, MOTTO, first=True, bold=True, size=MOTTO_PT)
    _cell_line(right, MOTTO_SUB, bold=True, underline=True, size=MOTTO_SUB_PT)
    _cell_line(right, "")
    _cell_line(right, header.place_date, italic=True, size=BODY_PT)


def _issuer_split(issuer: str) -> list[str]:
    """ "ỦY BAN NHÂN DÂN XÃ TÀ ĐÙNG" on two lines, as it is printed: the body, then the place."""
    prefix = "ỦY BAN NHÂN DÂN "
    if issuer.startswith(prefix) and len(issuer) > len(prefix):
        return [prefix.strip(), issuer[len(prefix) :]]
    return [issuer]


def add_title(doc, title: str, subtitle: str = "") -> None:
    _para(doc, "", space_after=6)
    _para(doc, title.upper(), bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    if subtitle:
        _para(doc, subtitle, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, "———", size=10, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)


def column_widths_mm(table: Table, total: float) -> list[float]:
    """Each column's width: first room for its longest word (a date, a number, a header word never
    breaks), then the rest shared by how much text the column holds, so an ordinal stays narrow and a
    task's text gets the room instead of being squeezed into a ribbon."""
    mins, weights = [], []
    for j, head in enumerate(table.header):
        cells = [str(row[j]) for row in table.rows if j < len(row)]
        longest_word = max((len(w) for c in [head, *cells] for w in c.split()), default=1)
        mins.append(longest_word * _MM_PER_CHAR + _CELL_PADDING_MM)
        weights.append(min(sum(map(len, cells)) / len(cells), 80) if cells else len(head))
    if sum(mins) >= total:
        return [m * total / sum(mins) for m in mins]
    extra, weight = total - sum(mins), sum(weights) or 1
    return [m + extra * w / weight for m, w in zip(mins, weights, strict=True)]


# A 12-pt serif letter is up to 2.5 mm wide (bold, and wider faces than Times such as DejaVu Serif);
# a cell has about 2.5 mm of padding each side.
_MM_PER_CHAR = 2.5
_CELL_PADDING_MM = 5


def is_number(value: str) -> bool:
    """A count or a percentage ("1.250", "87,5%"): right-aligned in a table so the digits line up."""
    return value.replace("%", "").replace(",", "").replace(".", "").strip().isdigit()


def text_width_mm() -> float:
    return 210 - MARGINS_MM["left"] - MARGINS_MM["right"]


def add_table(doc, table: Table) -> None:
    """A real table with a bold header row repeated on every page; numbers right-aligned; columns as wide
    as their content needs; the caption never left alone at the foot of a page."""
    caption = _para(
        doc, table.caption, bold=True, italic=True, size=13, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=3
    )
    keep_with_next(caption)
    t = doc.add_table(rows=1, cols=len(table.header))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(w) for w in column_widths_mm(table, text_width_mm())]
    set_widths(t, widths)
    header_pr = t.rows[0]._tr.get_or_add_trPr()
    header_pr.append(OxmlElement("w:tblHeader"))
    header_pr.append(OxmlElement("w:cantSplit"))
    for cell, head in zip(t.rows[0].cells, table.header, strict=False):
        p = _first_cell_paragraph(cell)
        keep_with_next(p)  # the header row stays with the first row
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _set_font(p.add_run(head), 12, bold=True)
    # Row by row: python-docx's table.cell(i, j) walks the whole grid each time (quadratic on big tables).
    for row in table.rows:
        for cell, value, width in zip(t.add_row().cells, row, widths, strict=False):
            cell.width = width
            p = _first_cell_paragraph(cell)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if is_number(value) else WD_ALIGN_PARAGRAPH.LEFT
            _set_font(p.add_run(value), 12)
    _para(doc, "", space_after=6)


def drawable(chart: Chart) -> bool:
    from danvan.documents.charts import drawable as worth_drawing

    return worth_drawing(chart)


def add_chart(doc, chart: Chart) -> None:
    from danvan.documents.charts import chart_png

    png = chart_png(chart)
    p = _para(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    keep_with_next(p)  # the picture stays with its caption below
    p.add_run().add_picture(io.BytesIO(png), width=Mm(150))
    _para(doc, chart.title, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)


def add_recipients_and_signature(doc, recipients: list[str], signature: Signature) -> None:
    """ "Nơi nhận:" (bold italic 12 pt, list 11 pt) on the left, the signature block on the right."""
    table = doc.add_table(rows=1, cols=2)
    no_borders(table)
    set_widths(table, [Mm(80), Mm(85)])
    left, right = table.rows[0].cells
    p = _first_cell_paragraph(left)
    _set_font(p.add_run("Nơi nhận:"), RECIPIENTS_TITLE_PT, bold=True, italic=True)
    items = [r.strip() for r in recipients if r.strip()]
    for i, item in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        _para(
            left,
            f"- {item.rstrip(';.')}{end}",
            size=RECIPIENTS_PT,
            align=WD_ALIGN_PARAGRAPH.LEFT,
            space_after=0,
        )
    for i, line in enumerate(signature.lines):
        _cell_line(right, line.upper(), first=i == 0, bold=True, size=BODY_PT)
    for _ in range(4):  # room for the signature and the seal
        _cell_line(right, "")
    _cell_line(right, signature.name, bold=True, size=BODY_PT)
    keep_table_together(table)


def render_docx(document: Document) -> bytes:
    doc = new_document()
    add_header(doc, document.header)
    add_title(doc, document.title, document.subtitle)
    for block in document.blocks:
        if block.heading:
            keep_with_next(_para(doc, block.heading, bold=True, align=WD_ALIGN_PARAGRAPH.LEFT))
        for text in block.paragraphs:
            _para(doc, text, indent_first=True)
        for table in block.tables:
            add_table(doc, table)
        for chart in block.charts:
            if drawable(chart):
                add_chart(doc, chart)
    if document.blocks and doc.paragraphs:
        # The signature is never alone on the last page: the last paragraph of the body goes with it.
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    add_recipients_and_signature(doc, document.recipients, document.signature)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
