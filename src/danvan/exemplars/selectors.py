"""Reads for the “Dân vận khéo” pages, each in a fixed number of queries: the coordinator's filtered
list, the year's registration overview (who has registered, who is late or missing), one model with
everything its page shows, and the portal's recognised models."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from danvan.exemplars import rules
from danvan.exemplars.models import Exemplar, ExemplarField, Progress, RegistrationCall
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit


def fields_for(commune: Commune) -> QuerySet[ExemplarField]:
    return ExemplarField.objects.filter(Q(commune__isnull=True) | Q(commune=commune), is_active=True)


def exemplars(
    *,
    commune: Commune,
    year: int | None = None,
    status: str = "",
    field_id: int | None = None,
    kind: str = "",
    unit_id: int | None = None,
    village_id: int | None = None,
    query: str = "",
) -> QuerySet[Exemplar]:
    qs = Exemplar.objects.filter(commune=commune).select_related("field", "unit", "village", "commendation")
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    if field_id:
        qs = qs.filter(field_id=field_id)
    if kind:
        qs = qs.filter(registrant_kind=kind)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if village_id:
        qs = qs.filter(Q(village_id=village_id) | Q(villages__id=village_id)).distinct()
    if query:
        qs = qs.filter(
            Q(name__icontains=query) | Q(builders__icontains=query) | Q(registrant_name__icontains=query)
        )
    return qs.order_by("name", "id")


@dataclass
class Overview:
    """Who registered a model this year: "6/8 đơn vị, 4/6 thôn đã đăng ký", late ones, by status."""

    year: int
    call: RegistrationCall | None
    units_total: int
    villages_total: int
    units_registered: list[Unit] = field(default_factory=list)
    units_missing: list[Unit] = field(default_factory=list)
    villages_registered: list[Village] = field(default_factory=list)
    villages_missing: list[Village] = field(default_factory=list)
    late: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    total: int = 0


def overview(*, commune: Commune, year: int) -> Overview:
    """Four queries whatever the number of units, villages or models."""
    call = RegistrationCall.objects.filter(commune=commune, year=year).select_related("task").first()
    units = list(Unit.objects.filter(commune=commune, is_active=True).order_by("sort_order", "name"))
    villages = list(Village.objects.filter(commune=commune, is_active=True).order_by("name"))
    rows = list(
        Exemplar.objects.filter(commune=commune, year=year).values_list(
            "registrant_kind", "unit_id", "village_id", "registered_on", "status"
        )
    )
    unit_ids = {u for kind, u, _v, _d, _s in rows if kind == "unit"}
    village_ids = {v for kind, _u, v, _d, _s in rows if kind == "village"}
    result = Overview(
        year=year,
        call=call,
        units_total=len(units),
        villages_total=len(villages),
        units_registered=[u for u in units if u.pk in unit_ids],
        units_missing=[u for u in units if u.pk not in unit_ids],
        villages_registered=[v for v in villages if v.pk in village_ids],
        villages_missing=[v for v in villages if v.pk not in village_ids],
        total=len(rows),
    )
    deadline = call.deadline if call else None
    result.late = sum(1 for *_x, on, _s in rows if rules.is_late(on, deadline))
    for *_x, status in rows:
        result.by_status[status] = result.by_status.get(status, 0) + 1
    return result


def exemplar_detail(*, commune: Commune, pk: int) -> Exemplar | None:
    """One model of the commune with its targets, places, progress, scores, decision and replicas."""
    return (
        Exemplar.objects.filter(commune=commune, pk=pk)
        .select_related("field", "unit", "village", "task", "origin__commune", "commendation", "created_by")
        .prefetch_related(
            "targets",
            "villages",
            Prefetch("progress", queryset=Progress.objects.select_related("by")),
            "council_scores__member",
            Prefetch("replicas", queryset=Exemplar.objects.select_related("commune", "unit", "village")),
        )
        .first()
    )


def public_exemplars(*, commune: Commune) -> QuerySet[Exemplar]:
    """Recognised models whose registrant agreed to publish them, with their decision and places."""
    return (
        Exemplar.objects.filter(commune=commune, status__in=rules.RECOGNISED, public_consent=True)
        .select_related("field", "unit", "village", "commendation")
        .prefetch_related("villages")
        .annotate(replica_count=Count("replicas"))
        .order_by("-year", "name")
    )


def public_exemplar(*, commune: Commune, pk: int) -> Exemplar | None:
    return (
        Exemplar.objects.filter(commune=commune, pk=pk, status__in=rules.RECOGNISED, public_consent=True)
        .select_related("field", "unit", "village", "commendation", "origin__commune")
        .prefetch_related(
            "targets",
            "villages",
            Prefetch("progress", queryset=Progress.objects.filter(evidence_public=True), to_attr="photos"),
            Prefetch(
                "replicas",
                queryset=Exemplar.objects.select_related("commune", "unit", "village"),
            ),
        )
        .first()
    )
