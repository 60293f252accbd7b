"""Measures read from `petitions`: petitions resolved on time (answered by their deadline), with those
still open past it counted as late."""

from __future__ import annotations

from django.db.models import Count, F, Q

from danvan.petitions.models import Petition
from danvan.petitions.statistics import BEING_RESOLVED, FINISHED
from danvan.scoring.measures.base import Measure, year_bounds

ON_TIME = "petitions.on_time"


def _counts(codes: list[str], year: int, as_of, group: str):
    start, end = year_bounds(year, as_of)
    answered = Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    return (
        Petition.objects.filter(commune__in=codes, received_on__gte=start, received_on__lte=end)
        .exclude(status=Petition.Status.SPLIT)
        .values(group)
        .annotate(
            on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
            open_overdue=Count("id", filter=Q(status__in=list(BEING_RESOLVED), resolve_due__lt=end)),
        )
        .order_by()
    )


def _measures(rows, group: str) -> dict:
    out = {}
    for row in rows:
        if row[group] is None:
            continue
        total = row["on_time"] + row["late"] + row["open_overdue"]
        if not total:
            continue
        text = f"{row['on_time']}/{total} đơn giải quyết đúng hạn"
        if row["late"] or row["open_overdue"]:
            text += f" (trả lời trễ: {row['late']}, đang quá hạn: {row['open_overdue']})"
        out[row[group]] = Measure(row["on_time"], total, text)
    return out


def for_units(keys, *, commune, year, as_of, targets) -> dict:
    if ON_TIME not in keys:
        return {}
    return {ON_TIME: _measures(_counts([commune.code], year, as_of, "unit_id"), "unit_id")}


def for_communes(keys, *, codes, year, as_of, targets) -> dict:
    if ON_TIME not in keys:
        return {}
    return {ON_TIME: _measures(_counts(codes, year, as_of, "commune_id"), "commune_id")}
