"""The same `nd30.Document` as PDF (reportlab), embedding a serif TTF that has Vietnamese glyphs."""

from __future__ import annotations

import io
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as RLTable

from danvan.documents import nd30
from danvan.documents.charts import chart_png, drawable
from danvan.documents.fonts import serif_family


@cache
def font_family() -> str:
    """Register the serif family that writes Vietnamese (documents.fonts) and return its PDF name."""
    _, paths = serif_family()
    names = ["DVSerif", "DVSerif-Bold", "DVSerif-Italic", "DVSerif-BoldItalic"]
    for name, path in zip(names, paths, strict=True):
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        "DVSerif", normal=names[0], bold=names[1], italic=names[2], boldItalic=names[3]
    )
    return "DVSerif"


def _style(
    size=nd30.BODY_PT, align=TA_JUSTIFY, leading=None, indent=0, after=4, with_next=False
) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{align}{indent}{after}{with_next}",
        keepWithNext=1 if with_next else 0,
        fontName=font_family(),
        fontSize=size,
        leading=leading or size * 1.25,
        alignment=align,
        firstLineIndent=indent,
        spaceAfter=after,
    )


def _p(text: str, *, bold=False, italic=False, underline=False, **style) -> Paragraph:
    markup = escape(text)
    if underline:
        markup = f"<u>{markup}</u>"
    if italic:
        markup = f"<i>{markup}</i>"
    if bold:
        markup = f"<b>{markup}</b>"
    return Paragraph(markup, _style(**style))


def _fitting(text: str, room: float) -> float:
    """The motto on one line: 13 or 12 pt with Times; a wider fallback face steps down a little."""
    for size in (13, 12, 11.5, 11, 10.5):
        if pdfmetrics.stringWidth(text, "DVSerif-Bold", size) <= room - 6:
            return size
    return 10


def _plain_table(rows, widths) -> RLTable:
    t = RLTable(rows, colWidths=widths)
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                # reportlab sets each cell's font before drawing it: ours, never Helvetica.
                ("FONT", (0, 0), (-1, -1), font_family(), 11),
            ]
        )
    )
    return t


def _page_number(canvas, doc) -> None:
    # Centred at the top, from page 2 on (Nghị định 30/2020, Phụ lục I).
    if doc.page > 1:
        canvas.setFont(font_family(), 13)
        canvas.drawCentredString(A4[0] / 2, A4[1] - 12 * mm, str(doc.page))


def render_pdf(document: nd30.Document) -> bytes:
    buf = io.BytesIO()
    m = nd30.MARGINS_MM
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        topMargin=m["top"] * mm,
        bottomMargin=m["bottom"] * mm,
        leftMargin=m["left"] * mm,
        rightMargin=m["right"] * mm,
        title=f"{document.title} {document.subtitle}".strip(),
        # The canvas starts in our serif, so no Helvetica is referenced by the file.
        initialFontName=font_family(),
        initialFontSize=nd30.BODY_PT,
    )
    width = A4[0] - (m["left"] + m["right"]) * mm
    h = document.header
    left = []
    if h.issuer_parent:
        left.append(_p(h.issuer_parent.upper(), size=13, align=TA_CENTER, after=0))
    for line in nd30._issuer_split(h.issuer.upper()):
        left.append(_p(line, bold=True, size=13, align=TA_CENTER, after=0))
    left += [_p("———", size=9, align=TA_CENTER, after=0), _p(h.number, size=13, align=TA_CENTER, after=0)]
    right = [
        _p(nd30.MOTTO, bold=True, size=_fitting(nd30.MOTTO, width * 0.62), align=TA_CENTER, after=0),
        _p(nd30.MOTTO_SUB, bold=True, underline=True, size=13, align=TA_CENTER, after=8),
        _p(h.place_date, italic=True, size=13, align=TA_CENTER, after=0),
    ]
    story = [_plain_table([[left, right]], [width * 0.38, width * 0.62]), Spacer(1, 8 * mm)]
    story.append(_p(document.title.upper(), bold=True, align=TA_CENTER, after=0))
    if document.subtitle:
        story.append(_p(document.subtitle, bold=True, align=TA_CENTER, after=0))
    story.append(_p("———", size=9, align=TA_CENTER, after=10))
    for block in document.blocks:
        if block.heading:
            story.append(_p(block.heading, bold=True, align=TA_LEFT, after=4, with_next=True))
        for text in block.paragraphs:
            story.append(_p(text, indent=10 * mm))
        for table in block.tables:
            story.append(
                _p(table.caption, bold=True, italic=True, size=12, align=TA_LEFT, after=2, with_next=True)
            )
            rows = [[_p(c, bold=True, size=11, align=TA_CENTER, after=0) for c in table.header]]
            rows += [
                [_p(c, size=11, align=TA_RIGHT if nd30.is_number(c) else TA_LEFT, after=0) for c in row]
                for row in table.rows
            ]
            t = RLTable(
                rows, colWidths=[w * mm for w in nd30.column_widths_mm(table, width / mm)], repeatRows=1
            )
            t.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("FONT", (0, 0), (-1, -1), font_family(), 11),
                    ]
                )
            )
            story += [t, Spacer(1, 4 * mm)]
        for chart in block.charts:
            if not drawable(chart):
                continue
            picture = Image(io.BytesIO(chart_png(chart)), width=150 * mm, height=150 * mm * 3.0 / 6.3)
            story.append(KeepTogether([picture, _p(chart.title, italic=True, size=12, align=TA_CENTER)]))
    recipients = [_p("Nơi nhận:", bold=True, italic=True, size=12, align=TA_LEFT, after=0)]
    items = [r.strip() for r in document.recipients if r.strip()]
    for i, item in enumerate(items):
        end = "." if i == len(items) - 1 else ";"
        recipients.append(_p(f"- {item.rstrip(';.')}{end}", size=11, align=TA_LEFT, after=0))
    sign = [_p(line.upper(), bold=True, align=TA_CENTER, after=0) for line in document.signature.lines]
    sign += [Spacer(1, 22 * mm), _p(document.signature.name, bold=True, align=TA_CENTER)]
    # "Nơi nhận" and the signature block go to the next page together, never split.
    story += [
        Spacer(1, 6 * mm),
        KeepTogether(_plain_table([[recipients, sign]], [width * 0.48, width * 0.52])),
    ]
    doc.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return buf.getvalue()
