"""The scoring section of the commune's periodic report: the ranking of the commune's units for the
year the period ends in (bands, each unit's total), and how many sheets are sent and reviewed.

Registered with `danvan.core.sections`; read-only; `key_figures` answers for many communes in one
query whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.scoring import rules, selectors
from danvan.scoring.models import Assessment, Framework

LABELS = {
    "sheets_submitted": "Phiếu tự chấm của đơn vị đã gửi",
    "sheets_reviewed": "Phiếu chấm đã thẩm định",
}


class ScoringSection:
    key = "scoring"
    title = "Chấm điểm, xếp loại công tác dân vận của các đơn vị"
    order = 75

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        rows = {
            r["commune_id"]: r
            for r in Assessment.objects.filter(
                commune__in=codes, framework__subject=Framework.Subject.UNITS, framework__year=end.year
            )
            .values("commune_id")
            .annotate(
                sheets_submitted=Count("id", filter=~Q(status=Assessment.Status.DRAFT)),
                sheets_reviewed=Count("id", filter=Q(status=Assessment.Status.REVIEWED)),
            )
            .order_by()
        }
        return {
            code: [Figure(k, label, rows.get(code, {}).get(k, 0)) for k, label in LABELS.items()]
            for code in codes
        }

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        section = SectionContent(title=self.title)
        framework = selectors.commune_framework(commune=commune, year=end.year)
        if framework is None:
            section.paragraphs.append(
                f"Năm {end.year} xã chưa lập bộ tiêu chí chấm điểm, xếp loại các đơn vị."
            )
            return section
        as_of = min(end, timezone.localdate())
        ranking = selectors.ranking(framework=framework, as_of=as_of)
        reviewed = sum(
            1 for r in ranking.rows if r.assessment and r.assessment.status == Assessment.Status.REVIEWED
        )
        submitted = sum(
            1 for r in ranking.rows if r.assessment and r.assessment.status != Assessment.Status.DRAFT
        )
        counts = ranking.band_counts()
        section.paragraphs.append(
            f"Theo {framework.title.lower()} (tính đến ngày {as_of:%d/%m/%Y}), "
            f"{len(ranking.rows)} đơn vị được chấm: "
            + ", ".join(f"{n} {label.lower()}" for label, n in counts)
            + f". {submitted} đơn vị đã gửi phiếu tự chấm, {reviewed} phiếu đã thẩm định; "
            "điểm tự chấm chưa thẩm định là tạm tính. Các tiêu chí về nhiệm vụ, báo cáo, đơn thư, "
            "cam kết và mô hình được tính từ dữ liệu."
        )
        section.tables.append(
            Table(
                caption=f"Kết quả chấm điểm, xếp loại năm {framework.year}",
                header=["Hạng", "Đơn vị", "Tổng điểm", "Xếp loại"],
                rows=[
                    [str(r.rank), r.name, f"{r.total.normalize():f}".replace(".", ","), r.band_label]
                    for r in ranking.rows
                ],
            )
        )
        section.charts.append(
            Chart(
                title="Số đơn vị theo xếp loại",
                labels=[c[0] for c in counts],
                values=[float(c[1]) for c in counts],
                unit="đơn vị",
            )
        )
        section.figures.extend(
            [
                Figure("sheets_submitted", LABELS["sheets_submitted"], submitted),
                Figure("sheets_reviewed", LABELS["sheets_reviewed"], reviewed),
                *(
                    Figure(f"band_{b}", f"Đơn vị xếp loại {rules.BAND_LABELS[b].lower()}", n)
                    for b, (_, n) in zip((*rules.BAND_ORDER, "fail"), counts, strict=True)
                ),
            ]
        )
        return section


register(ScoringSection())
