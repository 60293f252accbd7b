"""Reads of the public-opinion log, each in a fixed number of queries: the entries a user may read,
the period's figures, one place's picture (entries, petitions and hotspots on the same topic and
village), open alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from danvan.geo.models import Commune
from danvan.opinion import rules
from danvan.opinion.models import Level, OpinionAlert, OpinionEntry
from danvan.org.access import can, memberships_in, roles_in
from danvan.org.models import Role
from danvan.petitions.models import HotspotAlert, Petition

OPEN_PETITION_EXCLUDED = ("closed", "split", "forwarded", "guided", "returned")


def visible_entries(user, commune: Commune) -> QuerySet[OpinionEntry]:
    """The entries this user may read: restricted ones only with `opinion.view_restricted` or as their
    author; a village head (with no other role here) only their own village's and their own."""
    qs = OpinionEntry.objects.filter(commune=commune)
    if not can(user, "opinion.view_restricted", commune):
        qs = qs.filter(Q(restricted=False) | Q(recorded_by=user))
    if not roles_in(user, commune) & rules.ANY_VILLAGE:
        own = [m.village_id for m in memberships_in(user, commune) if m.role == Role.VILLAGE_HEAD]
        qs = qs.filter(Q(village__in=own) | Q(recorded_by=user))
    return qs


def entry_list(
    user,
    commune: Commune,
    *,
    village_id: int | None = None,
    field_id: int | None = None,
    level: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[OpinionEntry]:
    qs = visible_entries(user, commune).select_related("village", "field", "recorded_by")
    if village_id:
        qs = qs.filter(village_id=village_id)
    if field_id:
        qs = qs.filter(field_id=field_id)
    if level:
        qs = qs.filter(level=level)
    if start:
        qs = qs.filter(observed_on__gte=start)
    if end:
        qs = qs.filter(observed_on__lte=end)
    return qs


def open_alerts(commune: Commune) -> QuerySet[OpinionAlert]:
    return (
        OpinionAlert.objects.filter(commune=commune, status=OpinionAlert.Status.OPEN)
        .select_related("village", "field")
        .annotate(entry_count=Count("entries"))
    )


@dataclass
class PeriodFigures:
    total: int = 0
    people: int = 0
    by_level: dict[str, int] = field(default_factory=dict)
    by_field: list[tuple[str, int, int]] = field(default_factory=list)  # name, entries, serious
    by_village: list[tuple[str, int, int]] = field(default_factory=list)
    alerts: int = 0
    notable: list[OpinionEntry] = field(default_factory=list)


SERIOUS = Q(level__in=[Level.FRUSTRATED, Level.HOTSPOT_RISK])


def period_figures(commune: Commune, start: dt.date, end: dt.date) -> PeriodFigures:
    """The period's counts (restricted entries counted, never quoted) and the notable items: the
    entries at “bức xúc” or above that are not restricted. Five queries."""
    qs = OpinionEntry.objects.filter(commune=commune, observed_on__gte=start, observed_on__lte=end)
    out = PeriodFigures(by_level=dict.fromkeys(Level.values, 0))
    for row in qs.values("level").annotate(n=Count("id"), p=Count("people_count")):
        out.by_level[row["level"]] = row["n"]
    out.total = sum(out.by_level.values())
    out.people = sum(p for p in qs.values_list("people_count", flat=True) if p)
    out.by_field = [
        (r["field__name"] or "Chưa rõ lĩnh vực", r["n"], r["s"])
        for r in qs.values("field__name")
        .annotate(n=Count("id"), s=Count("id", filter=SERIOUS))
        .order_by("-n")
    ]
    out.by_village = [
        (r["village__name"] or "Toàn xã", r["n"], r["s"])
        for r in qs.values("village__name")
        .annotate(n=Count("id"), s=Count("id", filter=SERIOUS))
        .order_by("-n")
    ]
    out.alerts = OpinionAlert.objects.filter(
        commune=commune, raised_at__date__gte=start, raised_at__date__lte=end
    ).count()
    out.notable = list(
        qs.filter(SERIOUS, restricted=False)
        .select_related("village", "field")
        .order_by("observed_on", "id")[:20]
    )
    return out


@dataclass
class Place:
    """One picture per place: what people say, the petitions and the petition hotspots on the same
    topic in the same village."""

    village: object
    field: object
    entries: list[OpinionEntry]
    petitions: list[Petition]
    denunciations: int
    hotspots: list[HotspotAlert]
    alerts: list[OpinionAlert]


def place(user, commune: Commune, *, village, field) -> Place:
    """Five queries whatever the number of rows. A denunciation is counted, never listed: its content
    is not for everyone."""
    village_id = village.pk if village else None
    field_id = field.pk if field else None
    entries = list(
        entry_list(user, commune)
        .filter(village_id=village_id, field_id=field_id)
        .order_by("-observed_on", "-id")[:100]
    )
    petitions_qs = Petition.objects.filter(commune=commune, village_id=village_id, field_id=field_id).exclude(
        status__in=OPEN_PETITION_EXCLUDED
    )
    petitions = list(
        petitions_qs.exclude(kind="denunciation")
        .only("id", "tracking_code", "kind", "status", "received_on", "signers_count", "commune_id")
        .order_by("-received_on", "-id")[:100]
    )
    denunciations = petitions_qs.filter(kind="denunciation").count()
    hotspots = list(
        HotspotAlert.objects.filter(commune=commune, village_id=village_id, field_id=field_id)
        .exclude(status="resolved")
        .order_by("-raised_at")
    )
    alerts = list(
        OpinionAlert.objects.filter(commune=commune, key=rules.place_key(village_id, field_id))
        .select_related("village", "field", "acknowledged_by")
        .order_by("-raised_at")[:20]
    )
    return Place(
        village=village,
        field=field,
        entries=entries,
        petitions=petitions,
        denunciations=denunciations,
        hotspots=hotspots,
        alerts=alerts,
    )
