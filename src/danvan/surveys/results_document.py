"""A survey's results as an ND 30 .docx: the index per aspect with its interval, by village and by month,
each with a chart drawn as an image; then each question's distribution (free text is left out: it may
name people)."""

from __future__ import annotations

from django.utils import timezone

from danvan.documents import nd30
from danvan.documents.blocks import Chart, Table
from danvan.surveys.selectors import Results


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + "%"


def results_document(survey, results: Results) -> nd30.Document:
    commune = survey.commune
    parent, issuer = nd30.issuer_lines(commune)
    o = results.overall
    interval = f" (khoảng tin cậy 95%: {_pct(o.low)}–{_pct(o.high)})" if o.low is not None else ""
    index = nd30.Block(
        heading="I. CHỈ SỐ HÀI LÒNG",
        paragraphs=[
            f"Số phiếu trả lời: {results.responses}. Chỉ số hài lòng chung: {_pct(o.value)}{interval}.",
            "Chỉ số mỗi khía cạnh là tỷ lệ người trả lời “hài lòng” hoặc “rất hài lòng” trên số người "
            "trả lời câu hỏi mức độ hài lòng của khía cạnh đó (phương pháp SIPAS, Quyết định 1001/QĐ-BNV "
            "ngày 11/12/2023).",
        ],
        tables=[
            Table(
                caption="Chỉ số hài lòng theo khía cạnh",
                header=["Khía cạnh", "Số trả lời", "Chỉ số", "Khoảng tin cậy 95%"],
                rows=[
                    [
                        a.label,
                        str(a.index.answers),
                        _pct(a.index.value),
                        f"{_pct(a.index.low)}–{_pct(a.index.high)}" if a.index.answers else "—",
                    ]
                    for a in results.aspects
                ],
            )
        ],
        charts=[
            Chart(
                title="Chỉ số hài lòng theo khía cạnh (%)",
                labels=[a.label for a in results.aspects],
                values=[a.index.value or 0.0 for a in results.aspects],
                unit="%",
            )
        ],
    )
    breakdown = nd30.Block(heading="II. THEO THÔN VÀ THEO THÁNG")
    if results.by_village:
        breakdown.tables.append(
            Table(
                caption="Chỉ số chung theo thôn",
                header=["Thôn", "Số phiếu", "Chỉ số chung"],
                rows=[[name, str(n), _pct(p)] for name, n, p in results.by_village],
            )
        )
        breakdown.charts.append(
            Chart(
                title="Chỉ số chung theo thôn (%)",
                labels=[name for name, _, _ in results.by_village],
                values=[p or 0.0 for _, _, p in results.by_village],
                unit="%",
            )
        )
        breakdown.tables.append(
            Table(
                caption="Chỉ số chung theo tháng",
                header=["Tháng", "Số phiếu", "Chỉ số chung"],
                rows=[[f"{m:%m/%Y}", str(n), _pct(p)] for m, n, p in results.by_month],
            )
        )
    else:
        breakdown.paragraphs.append("Chưa có phiếu trả lời.")
    questions = nd30.Block(heading="III. KẾT QUẢ TỪNG CÂU HỎI")
    for section, rows in results.questions:
        for r in rows:
            if r.counts:
                questions.tables.append(
                    Table(
                        caption=f"{section.title}: {r.question.text}",
                        header=["Trả lời", "Số người"],
                        rows=[[label, str(n)] for label, n in r.counts],
                    )
                )
    return nd30.Document(
        header=nd30.Header(
            issuer=issuer,
            issuer_parent=parent,
            number=nd30.number_line(None, "BC-UBND"),
            place_date=nd30.date_line(commune.short_name, timezone.localdate()),
        ),
        title="Báo cáo",
        subtitle=f"Kết quả {survey.title[0].lower()}{survey.title[1:]}",
        blocks=[index, breakdown, questions],
        recipients=["Thường trực HĐND xã", "Lưu: VT"],
        signature=nd30.Signature(lines=["TM. Ủy ban nhân dân", "Chủ tịch"], name=""),
    )
