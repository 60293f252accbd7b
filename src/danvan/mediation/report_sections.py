"""The grassroots mediation section of the commune's periodic report: cases received in the period and how
they ended, by matter, and the teams. Counts only; registered with `danvan.core.sections`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count

from danvan.core.sections import Figure, SectionContent, Table, register
from danvan.mediation.models import Case
from danvan.mediation.selectors import period_counts

LABELS = {
    "received": "Vụ, việc hòa giải tiếp nhận",
    "succeeded": "Hòa giải thành",
    "failed": "Hòa giải không thành",
    "stopped": "Các bên yêu cầu chấm dứt",
    "out_of_scope": "Không thuộc phạm vi hòa giải ở cơ sở",
    "open": "Đang hòa giải",
}


class MediationSection:
    key = "mediation"
    title = "Hòa giải ở cơ sở"
    order = 45

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        counts = period_counts(communes, start, end)
        return {code: [Figure(k, LABELS[k], v) for k, v in f.items()] for code, f in counts.items()}

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        f = period_counts([commune], start, end)[commune.code]
        section = SectionContent(title=self.title)
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not f["received"]:
            section.paragraphs.append("Trong kỳ, các tổ hòa giải chưa tiếp nhận vụ, việc nào.")
            return section
        ended = f["succeeded"] + f["failed"] + f["stopped"]
        rate = f"; tỷ lệ hòa giải thành {round(100 * f['succeeded'] / ended)}%" if ended else ""
        section.paragraphs.append(
            f"Các tổ hòa giải tiếp nhận {f['received']} vụ, việc; hòa giải thành {f['succeeded']}, không "
            f"thành {f['failed']}, các bên yêu cầu chấm dứt {f['stopped']}, không thuộc phạm vi hòa giải "
            f"{f['out_of_scope']}, đang hòa giải {f['open']}{rate}."
        )
        labels = dict(Case.Matter.choices)
        rows = (
            Case.objects.filter(commune=commune, received_on__gte=start, received_on__lte=end)
            .values("matter")
            .annotate(n=Count("id"))
            .order_by("-n", "matter")
        )
        section.tables.append(
            Table(
                caption="Vụ, việc hòa giải theo loại",
                header=["Loại vụ, việc", "Số vụ, việc"],
                rows=[[labels.get(r["matter"], r["matter"]), str(r["n"])] for r in rows],
            )
        )
        return section


register(MediationSection())
