"""The “tình hình tư tưởng, dư luận Nhân dân” summary as an ND 30 .docx: the edited text, then the
period's tables and a chart (restricted entries are counted, never quoted)."""

from __future__ import annotations

from danvan.documents import nd30
from danvan.documents.blocks import Chart, Table
from danvan.opinion import selectors
from danvan.opinion.models import Level, OpinionSummary

SYMBOL = "BC-UBND"


def tables_and_chart(commune, start, end) -> tuple[list[Table], list[Chart]]:
    f = selectors.period_figures(commune, start, end)
    if not f.total:
        return [], []
    levels = Table(
        caption="Ý kiến, dư luận theo mức độ",
        header=["Mức độ", "Số ý kiến"],
        rows=[[Level(k).label, str(v)] for k, v in f.by_level.items()] + [["Cộng", str(f.total)]],
    )
    fields = Table(
        caption="Ý kiến, dư luận theo lĩnh vực",
        header=["Lĩnh vực", "Số ý kiến", "Trong đó bức xúc, nguy cơ điểm nóng"],
        rows=[[name, str(n), str(s)] for name, n, s in f.by_field],
    )
    villages = Table(
        caption="Ý kiến, dư luận theo thôn, tổ dân phố",
        header=["Thôn, tổ dân phố", "Số ý kiến", "Trong đó bức xúc, nguy cơ điểm nóng"],
        rows=[[name, str(n), str(s)] for name, n, s in f.by_village],
    )
    chart = Chart(
        title="Ý kiến, dư luận theo lĩnh vực",
        labels=[name for name, _, _ in f.by_field],
        values=[float(n) for _, n, _ in f.by_field],
        unit="ý kiến",
    )
    return [levels, fields, villages], [chart]


def summary_document(summary: OpinionSummary) -> nd30.Document:
    commune = summary.commune
    parent, issuer = nd30.issuer_lines(commune)
    paragraphs = [line.strip() for line in summary.text.splitlines() if line.strip()]
    tables, charts = tables_and_chart(commune, summary.start, summary.end)
    return nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(summary.number, SYMBOL),
            place_date=nd30.date_line(commune.short_name, summary.issued_on),
        ),
        title="Báo cáo",
        subtitle=summary.title,
        blocks=[
            nd30.Block(heading="I. TÌNH HÌNH TƯ TƯỞNG, DƯ LUẬN NHÂN DÂN", paragraphs=paragraphs),
            nd30.Block(heading="II. SỐ LIỆU TỔNG HỢP", tables=tables, charts=charts),
        ],
        recipients=["Ban Thường vụ Đảng ủy xã", "Thường trực HĐND xã", "Ủy ban MTTQ Việt Nam xã", "Lưu: VT"],
        signature=nd30.Signature(lines=["TM. Ủy ban nhân dân", "Chủ tịch"], name=""),
    )


def summary_docx(summary: OpinionSummary) -> bytes:
    return nd30.render_docx(summary_document(summary))


def summary_filename(summary: OpinionSummary) -> str:
    return f"tinh-hinh-du-luan-{summary.commune_id}-{summary.start:%Y%m%d}-{summary.end:%Y%m%d}.docx"
