"""The “Dân vận khéo” section of the commune's periodic report: models registered in the period, where
every model of the period's years stands (by field and status), those recognised and replicated.

Registered with `danvan.core.sections`; read-only; `key_figures` answers for many communes in two
queries whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.exemplars.models import Commendation, Exemplar

LABELS = {
    "registered": "Mô hình đăng ký trong kỳ",
    "building": "Mô hình đang xây dựng",
    "evaluated": "Mô hình đã đánh giá, chờ công nhận",
    "recognised": "Mô hình được công nhận trong kỳ",
    "replicas": "Mô hình nhân rộng đăng ký trong kỳ",
    "proposed_province": "Mô hình đề nghị cấp tỉnh công nhận",
}
S = Exemplar.Status


def _figures(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    out = {code: dict.fromkeys(LABELS, 0) for code in codes}
    years = list(range(start.year, end.year + 1))
    for row in (
        Exemplar.objects.filter(commune__in=codes, year__in=years)
        .values("commune_id")
        .annotate(
            registered=Count("id", filter=Q(registered_on__gte=start, registered_on__lte=end)),
            building=Count("id", filter=Q(status=S.BUILDING)),
            evaluated=Count("id", filter=Q(status=S.EVALUATED)),
            replicas=Count(
                "id", filter=Q(origin__isnull=False, registered_on__gte=start, registered_on__lte=end)
            ),
            proposed_province=Count("id", filter=Q(proposed_level=Exemplar.Level.PROVINCE)),
        )
    ):
        f = out[row.pop("commune_id")]
        f.update(row)
    for row in (
        Commendation.objects.filter(exemplar__commune__in=codes, decision_on__gte=start, decision_on__lte=end)
        .values("exemplar__commune_id")
        .annotate(n=Count("id"))
    ):
        out[row["exemplar__commune_id"]]["recognised"] = row["n"]
    return out


class ExemplarsSection:
    key = "exemplars"
    title = "Phong trào thi đua “Dân vận khéo”"
    order = 35

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        figures = _figures(codes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in figures[code].items()] for code in codes}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = _figures([commune.code], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        years = list(range(start.year, end.year + 1))
        rows = list(
            Exemplar.objects.filter(commune=commune, year__in=years)
            .values("field__name", "field__sort_order", "status")
            .annotate(n=Count("id"))
            .order_by("field__sort_order", "field__name")
        )
        if not rows:
            section.paragraphs.append("Trong kỳ chưa có mô hình “Dân vận khéo” nào được đăng ký.")
            return section
        total = sum(r["n"] for r in rows)
        section.paragraphs.append(
            f"Các đơn vị, thôn, tổ chức và cá nhân đăng ký {f['registered']} mô hình “Dân vận khéo” trong kỳ "
            f"(trong đó {f['replicas']} mô hình nhân rộng từ mô hình đã được công nhận); tổng số mô hình "
            f"của năm là {total}. Hiện {f['building']} mô hình đang xây dựng, {f['evaluated']} mô hình đã "
            f"được hội đồng đánh giá và chờ công nhận; {f['recognised']} mô hình được công nhận trong kỳ, "
            f"{f['proposed_province']} mô hình được đề nghị cấp tỉnh công nhận."
        )
        statuses = list(S)
        table: dict[str, list[int]] = {}
        for r in rows:
            counts = table.setdefault(r["field__name"], [0] * len(statuses))
            counts[statuses.index(S(r["status"]))] += r["n"]
        section.tables.append(
            Table(
                caption="Mô hình “Dân vận khéo” theo lĩnh vực và trạng thái",
                header=["Lĩnh vực", *(s.label for s in statuses), "Cộng"],
                rows=[[name, *(str(n) for n in counts), str(sum(counts))] for name, counts in table.items()],
            )
        )
        section.charts.append(
            Chart(
                title="Mô hình theo lĩnh vực",
                labels=list(table),
                values=[float(sum(c)) for c in table.values()],
                unit="mô hình",
            )
        )
        return section


register(ExemplarsSection())
