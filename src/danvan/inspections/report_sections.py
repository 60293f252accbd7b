"""The inspections section of the commune's periodic report: inspections held in the period, their
findings, and the remedial tasks done, open and late.

Registered with `danvan.core.sections`; read-only; `key_figures` answers for many communes in two
queries whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q
from django.utils import timezone

from danvan.core.sections import Figure, SectionContent, Table, register
from danvan.inspections.models import Inspection, RemedialTask

LABELS = {
    "inspections": "Cuộc kiểm tra, giám sát trong kỳ",
    "findings": "Tồn tại, hạn chế phát hiện",
    "remedies_done": "Nhiệm vụ khắc phục đã xong",
    "remedies_late": "Nhiệm vụ khắc phục quá hạn",
}


def _figures(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    as_of = min(end, timezone.localdate())
    out = {code: dict.fromkeys(LABELS, 0) for code in codes}
    for row in (
        Inspection.objects.filter(commune__in=codes, starts_on__gte=start, starts_on__lte=end)
        .values("commune_id")
        .annotate(inspections=Count("id", distinct=True), findings=Count("findings", distinct=True))
        .order_by()
    ):
        out[row.pop("commune_id")].update(row)
    for row in (
        RemedialTask.objects.filter(commune__in=codes, set_on__lte=end)
        .values("commune_id")
        .annotate(
            remedies_done=Count("id", filter=Q(status="done", done_on__gte=start, done_on__lte=end)),
            remedies_late=Count("id", filter=Q(status="open", due_on__lt=as_of)),
        )
        .order_by()
    ):
        out[row.pop("commune_id")].update(row)
    return out


class InspectionsSection:
    key = "inspections"
    title = "Kiểm tra, giám sát công tác dân vận"
    order = 80

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        return {
            code: [Figure(k, LABELS[k], v) for k, v in f.items()]
            for code, f in _figures(codes, start, end).items()
        }

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        section = SectionContent(title=self.title)
        f = _figures([commune.code], start, end)[commune.code]
        section.figures = [Figure(k, LABELS[k], v) for k, v in f.items()]
        if not f["inspections"] and not f["remedies_late"]:
            section.paragraphs.append("Trong kỳ chưa có cuộc kiểm tra, giám sát công tác dân vận nào.")
            return section
        section.paragraphs.append(
            f"Trong kỳ tiến hành {f['inspections']} cuộc kiểm tra, giám sát, phát hiện "
            f"{f['findings']} tồn tại, hạn chế; {f['remedies_done']} nhiệm vụ khắc phục đã hoàn thành, "
            f"{f['remedies_late']} nhiệm vụ quá hạn."
        )
        rows = (
            Inspection.objects.filter(commune=commune, starts_on__gte=start, starts_on__lte=end)
            .select_related("unit", "village")
            .annotate(n=Count("findings"))
            .order_by("starts_on", "pk")
        )
        section.tables.append(
            Table(
                caption="Các cuộc kiểm tra, giám sát trong kỳ",
                header=["Cuộc kiểm tra", "Nơi được kiểm tra", "Thời gian", "Tồn tại", "Trạng thái"],
                rows=[
                    [i.title, i.subject_name, f"{i.starts_on:%d/%m/%Y}", str(i.n), i.get_status_display()]
                    for i in rows
                ],
            )
        )
        return section


register(InspectionsSection())
