"""What the mediation pages and the report read: teams with what they lack, cases filtered, the year's
statistics the commune reports (counts only: parties' names never leave the case page)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from danvan.mediation import rules
from danvan.mediation.models import Case, Mediator, Team

S = Case.Status


def teams_with_problems(commune, today: dt.date) -> list[tuple[Team, list[Mediator], list[str]]]:
    """Each active team, its current mediators and what it lacks under the law (2 queries)."""
    current = Mediator.objects.filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
    teams = (
        Team.objects.filter(commune=commune, is_active=True)
        .select_related("village")
        .prefetch_related(Prefetch("mediators", queryset=current, to_attr="current"))
    )
    return [(t, t.current, rules.team_problems(t, t.current, today)) for t in teams]


def cases(commune, *, year: int | None = None, status: str = "", team_id: int | None = None):
    qs = Case.objects.filter(commune=commune).select_related("team__village")
    if year:
        qs = qs.filter(received_on__year=year)
    if status in S.values:
        qs = qs.filter(status=status)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs


@dataclass
class YearStatistics:
    """The yearly figures of grassroots mediation a commune reports upwards."""

    year: int
    received: int = 0
    succeeded: int = 0
    failed: int = 0
    stopped: int = 0
    out_of_scope: int = 0
    open: int = 0
    by_matter: list[tuple[str, int]] = field(default_factory=list)
    teams: int = 0
    mediators: int = 0
    women: int = 0
    minority: int = 0

    @property
    def success_percent(self) -> int | None:
        ended = self.succeeded + self.failed + self.stopped
        return round(100 * self.succeeded / ended) if ended else None


def _counts(codes: list[str], start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    out = {
        c: {"received": 0, "succeeded": 0, "failed": 0, "stopped": 0, "out_of_scope": 0, "open": 0}
        for c in codes
    }
    rows = (
        Case.objects.filter(commune__in=codes, received_on__gte=start, received_on__lte=end)
        .values("commune_id")
        .annotate(
            received=Count("id"),
            succeeded=Count("id", filter=Q(status=S.SUCCEEDED)),
            failed=Count("id", filter=Q(status=S.FAILED)),
            stopped=Count("id", filter=Q(status=S.STOPPED)),
            out_of_scope=Count("id", filter=Q(status=S.OUT_OF_SCOPE)),
            open=Count("id", filter=Q(status__in=[S.RECEIVED, S.MEDIATING])),
        )
    )
    for row in rows:
        out[row.pop("commune_id")].update(row)
    return out


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """Case counts for many communes in one query (the report's key figures)."""
    return _counts([getattr(c, "code", c) for c in communes], start, end)


def year_statistics(commune, year: int) -> YearStatistics:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    stats = YearStatistics(year=year, **_counts([commune.code], start, end)[commune.code])
    labels = dict(Case.Matter.choices)
    stats.by_matter = [
        (labels.get(r["matter"], r["matter"]), r["n"])
        for r in Case.objects.filter(commune=commune, received_on__year=year)
        .values("matter")
        .annotate(n=Count("id"))
        .order_by("-n", "matter")
    ]
    on = min(end, dt.date.today())
    active = Mediator.objects.filter(team__commune=commune, team__is_active=True).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=on)
    )
    people = active.aggregate(
        n=Count("id"),
        women=Count("id", filter=Q(gender=Mediator.Gender.FEMALE)),
        minority=Count("id", filter=Q(ethnic_minority=True)),
    )
    stats.teams = Team.objects.filter(commune=commune, is_active=True).count()
    stats.mediators, stats.women, stats.minority = people["n"], people["women"], people["minority"]
    return stats
