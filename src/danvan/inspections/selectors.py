"""Reading inspections: the commune's list with counts, one inspection with its findings and tasks, the
remedial tasks of a unit, and the late ones; each in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q

from danvan.inspections.models import Finding, Inspection, RemedialTask


def inspections(*, commune, year: int | None = None):
    qs = Inspection.objects.filter(commune=commune).select_related("unit", "village")
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs.annotate(
        findings_count=Count("findings", distinct=True),
        open_tasks=Count(
            "findings__task", filter=Q(findings__task__status=RemedialTask.Status.OPEN), distinct=True
        ),
    )


def inspection_detail(*, commune, pk: int) -> Inspection | None:
    return Inspection.objects.filter(commune=commune, pk=pk).select_related("unit", "village").first()


def findings_of(inspection: Inspection) -> list[Finding]:
    return list(inspection.findings.select_related("task__unit"))


def remedial_tasks(*, commune, unit_ids=None, open_only: bool = False):
    qs = RemedialTask.objects.filter(commune=commune).select_related("unit", "finding__inspection")
    if unit_ids is not None:
        qs = qs.filter(unit__in=unit_ids)
    if open_only:
        qs = qs.filter(status=RemedialTask.Status.OPEN)
    return qs


def late_tasks(*, commune, today: dt.date):
    return remedial_tasks(commune=commune, open_only=True).filter(due_on__lt=today)
