"""The satisfaction section of the commune's periodic report: the SIPAS-style index per aspect (answers
in the period to the commune's SIPAS surveys) and petition ratings by field and unit.
`key_figures` gives the province the index and ratings across communes in two queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.surveys import ratings, rules, selectors
from danvan.surveys.models import Survey

LABELS = {
    "sipas_answers": "Phiếu khảo sát hài lòng",
    "sipas_index": "Chỉ số hài lòng chung (%)",
    "ratings": "Lượt đánh giá kết quả giải quyết đơn",
    "ratings_satisfied": "Tỷ lệ hài lòng với kết quả giải quyết đơn (%)",
    "ratings_low": "Đánh giá chưa hài lòng",
}


def _pct(value) -> str:
    return "—" if value is None else f"{value:.1f}".replace(".", ",") + "%"


class SatisfactionSection:
    key = "satisfaction"
    title = "Khảo sát, đánh giá sự hài lòng của người dân"
    order = 45

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        sipas = selectors.sipas_by_commune(codes, start, end)
        rated = ratings.rating_figures(codes, start, end)
        return {
            code: [
                Figure("sipas_answers", LABELS["sipas_answers"], sipas[code][0]),
                Figure("sipas_index", LABELS["sipas_index"], sipas[code][1]),
                Figure("ratings", LABELS["ratings"], rated[code]["count"]),
                Figure("ratings_satisfied", LABELS["ratings_satisfied"], rated[code]["satisfied_pct"]),
                Figure("ratings_low", LABELS["ratings_low"], rated[code]["low"]),
            ]
            for code in codes
        }

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        section = SectionContent(title=self.title)
        section.figures = self.key_figures([commune.code], start, end)[commune.code]
        survey_ids = list(Survey.objects.filter(commune=commune, is_sipas=True).values_list("pk", flat=True))
        aspects, overall = selectors.index_of(survey_ids, start=start, end=end)
        if overall.answers:
            interval = (
                f" (khoảng tin cậy 95%: {_pct(overall.low)}–{_pct(overall.high)})"
                if overall.low is not None
                else ""
            )
            section.paragraphs.append(
                f"Trong kỳ, {overall.answers} người trả lời phiếu khảo sát sự hài lòng về giải quyết thủ tục "
                f"hành chính tại xã; chỉ số hài lòng chung đạt {_pct(overall.value)}{interval}. "
                "Chỉ số mỗi khía cạnh là tỷ lệ người trả lời hài lòng hoặc rất hài lòng "
                "(phương pháp SIPAS, Quyết định 1001/QĐ-BNV ngày 11/12/2023)."
            )
            section.tables.append(
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
                        for a in aspects
                    ],
                )
            )
            section.charts.append(
                Chart(
                    title="Chỉ số hài lòng theo khía cạnh (%)",
                    labels=[a.label for a in aspects],
                    values=[a.index.value or 0.0 for a in aspects],
                    unit="%",
                )
            )
        else:
            section.paragraphs.append("Trong kỳ chưa có phiếu khảo sát sự hài lòng nào được trả lời.")
        summary = ratings.rating_summary(commune, start, end)
        if summary.total.count:
            section.paragraphs.append(
                f"Người gửi đơn đã đánh giá kết quả giải quyết {summary.total.count} lượt, điểm trung bình "
                f"{summary.total.average}/5; {_pct(summary.total.satisfied_pct)} hài lòng, "
                f"{summary.total.low} lượt chưa hài lòng (từ {rules.LOW_RATING} sao trở xuống)."
            )
            for caption, rows in (
                ("theo lĩnh vực", summary.by_field),
                ("theo đơn vị giải quyết", summary.by_unit),
            ):
                section.tables.append(
                    Table(
                        caption=f"Đánh giá kết quả giải quyết đơn {caption}",
                        header=[
                            caption.removeprefix("theo ").capitalize(),
                            "Lượt đánh giá",
                            "Điểm trung bình",
                            "Hài lòng",
                            "Chưa hài lòng",
                        ],
                        rows=[
                            [r.label, str(r.count), str(r.average), _pct(r.satisfied_pct), str(r.low)]
                            for r in rows
                        ],
                    )
                )
        return section


register(SatisfactionSection())
