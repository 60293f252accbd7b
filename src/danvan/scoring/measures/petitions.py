"""Measures read from `petitions`: petitions resolved on time (answered by their deadline), with those
still open past it counted as late."""

from __future__ import annotations

from django.db.models import Count, F, Q

from danvan.petitions import tallies
from danvan.petitions.models import Petition
from danvan.petitions.statistics import BEING_RESOLVED, FINISHED
from danvan.scoring.measures.base import Measure, year_bounds

ON_TIME = "petitions.on_time"


def _open_overdue(start, end) -> Q:
    """Received in the year and still being resolved past their deadline at its last counted day: over
    the partial index of open petitions (`petition_open_due`)."""
    return Q(
        status__in=list(BEING_RESOLVED), resolve_due__lt=end, received_on__gte=start, received_on__lte=end
    )


def _commune_counts(codes: list[str], year: int, as_of) -> list[dict]:
    """Per commune, from the petition tallies (whole months) and the rows only for the days of a month
    in progress and the open ones past their deadline: 2 queries, whatever the years of history and
    the number of communes. The same numbers as `_counts` over the rows (a test compares them)."""
    start, end = year_bounds(year, as_of)
    totals = tallies.period_counts(codes, start, end, also={"open_overdue": _open_overdue(start, end)})
    return [{"commune_id": code, **row} for code, row in totals.items()]


def _counts(codes: list[str], year: int, as_of, group: str):
    """The year's petitions counted over the rows, per `group` (the tallies have no unit): one commune's
    year, over `petition_commune_received`."""
    start, end = year_bounds(year, as_of)
    answered = Q(status__in=FINISHED, answered_on__isnull=False, resolve_due__isnull=False)
    return (
        Petition.objects.filter(commune__in=codes, received_on__gte=start, received_on__lte=end)
        .exclude(status=Petition.Status.SPLIT)
        .values(group)
        .annotate(
            on_time=Count("id", filter=answered & Q(answered_on__lte=F("resolve_due"))),
            late=Count("id", filter=answered & Q(answered_on__gt=F("resolve_due"))),
            open_overdue=Count("id", filter=_open_overdue(start, end)),
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
    return {ON_TIME: _measures(_commune_counts(codes, year, as_of), "commune_id")}
