"""Public petition statistics for the commune portal: counts only, never a person or a case's content."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, CharField, Count, IntegerField, OuterRef, Subquery, Value, When

from danvan.geo.models import Village
from danvan.petitions.models import Field, Petition, PetitionTally

S = Petition.Status
FINISHED = [S.RESOLVED, S.CLOSED]
BEING_RESOLVED = [S.ACCEPTED, S.VERIFYING, S.REOPENED, S.IN_REVIEW]
D = PetitionTally.Dimension
UNNAMED = {D.FIELD: "Chưa phân loại", D.VILLAGE: "Không rõ thôn"}


@dataclass
class PublicStatistics:
    year: int
    received: int
    resolved: int
    on_time: int
    late: int
    open_overdue: int
    by_field: list[tuple[str, int]] = field(default_factory=list)
    by_village: list[tuple[str, int]] = field(default_factory=list)
    by_month: list[int] = field(default_factory=lambda: [0] * 12)

    @property
    def on_time_percent(self) -> int | None:
        judged = self.on_time + self.late
        return round(100 * self.on_time / judged) if judged else None

    @property
    def month_peak(self) -> int:
        return max(self.by_month) or 1


def _ranked(counts: dict[str | None, int], unnamed: str) -> list[tuple[str, int]]:
    """Most petitions first, then by name; the unnamed group last among equals, as before."""
    rows = sorted(
        ((n, name) for name, n in counts.items() if n), key=lambda r: (-r[0], r[1] is None, r[1] or "")
    )
    return [(name or unnamed, n) for n, name in rows]


def public_statistics(*, commune, year: int, today: date) -> PublicStatistics:
    """The year's petitions of one commune, in 1 query whatever the volume: the year's tally rows
    (at most 12 × (1 + fields + villages), see `petitions.tallies`) with their field or village name, and
    the count of petitions open past their deadline. A split petition is counted through its parts."""
    first, after = date(year, 1, 1), date(year + 1, 1, 1)
    name = Case(
        When(
            dimension=D.FIELD,
            then=Subquery(Field.objects.filter(pk=OuterRef("key")).values("name")[:1]),
        ),
        When(
            dimension=D.VILLAGE,
            then=Subquery(Village.objects.filter(pk=OuterRef("key")).values("name")[:1]),
        ),
        default=Value(None),
        output_field=CharField(),
    )
    # Open past the deadline depends on today: counted over the partial index of open petitions, in
    # the same query (an uncorrelated scalar subquery, evaluated once). A year with no tally row has no
    # petition, so none open either.
    overdue = (
        Petition.objects.filter(
            commune=commune,
            status__in=BEING_RESOLVED,
            resolve_due__lt=today,
            received_on__gte=first,
            received_on__lt=after,
        )
        .order_by()
        .values("commune")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        PetitionTally.objects.filter(commune=commune, month__gte=first, month__lt=after)
        .annotate(name=name, overdue=Subquery(overdue, output_field=IntegerField()))
        .values_list("dimension", "month", "received", "resolved", "on_time", "late", "name", "overdue")
    )
    totals = {"received": 0, "resolved": 0, "on_time": 0, "late": 0}
    by_month = [0] * 12
    groups: dict[str, dict[str | None, int]] = {D.FIELD: defaultdict(int), D.VILLAGE: defaultdict(int)}
    open_overdue = 0
    for dimension, month, received, resolved, on_time, late, label, overdue_count in rows:
        open_overdue = overdue_count or 0
        if dimension == D.MONTH:
            by_month[month.month - 1] += received
            for key, value in zip(totals, (received, resolved, on_time, late), strict=True):
                totals[key] += value
        else:
            # Grouped by name, as the page always showed them (two fields of one name are one line).
            groups[dimension][label] += received
    return PublicStatistics(
        year=year,
        by_field=_ranked(groups[D.FIELD], UNNAMED[D.FIELD]),
        by_village=_ranked(groups[D.VILLAGE], UNNAMED[D.VILLAGE]),
        by_month=by_month,
        open_overdue=open_overdue,
        **totals,
    )
