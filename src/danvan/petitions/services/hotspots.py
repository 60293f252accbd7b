"""Hotspots (điểm nóng): several petitions on the same field in one village within a short window, or
one petition signed by many people (đông người), raise one alert to the commune's leaders.

One alert per cluster: while an alert for a cluster is not resolved, later petitions of that cluster
join it and nobody is notified again (a DB constraint keeps one unresolved alert per cluster key).
Detection runs when a petition is received or classified (a couple of indexed queries) and in the
daily job, which catches clusters that only formed as the window moved. Messages name the field,
the village, the number of petitions and tracking codes only: never content or senders.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.models import Membership, Role
from danvan.petitions import rules
from danvan.petitions.models import Field, HotspotAlert, Petition
from danvan.petitions.services.common import clean_text, require_role

Reason = HotspotAlert.Reason
AlertStatus = HotspotAlert.Status
MANAGERS = {Role.COMMUNE_LEADER, Role.COORDINATOR}
_Member = HotspotAlert.petitions.through


def cluster_key(village_id: int, field_id: int) -> str:
    return f"cluster:{village_id}:{field_id}"


def _leaders(commune: Commune) -> list:
    rows = Membership.objects.filter(commune=commune, role=Role.COMMUNE_LEADER, is_active=True)
    return [m.user for m in rows.select_related("user")]


def _url(commune: Commune) -> str:
    return reverse("petitions:hotspots", kwargs={"code": commune.code})


def _raise(
    commune: Commune, *, reason: str, key: str, petitions: list[Petition], village=None, field=None, text: str
) -> HotspotAlert | None:
    """Create the alert for a cluster and notify the leaders, or add the petitions to the cluster's
    unresolved alert. Returns the alert only when it was newly raised."""
    with transaction.atomic():
        existing = (
            HotspotAlert.objects.filter(commune=commune, key=key).exclude(status=AlertStatus.RESOLVED).first()
        )
        if existing is not None:
            existing.petitions.add(*petitions)
            return None
        try:
            with transaction.atomic():
                alert = HotspotAlert.objects.create(
                    commune=commune, reason=reason, key=key, village=village, field=field
                )
        except IntegrityError:  # raised meanwhile by another request: join it
            existing = (
                HotspotAlert.objects.filter(commune=commune, key=key)
                .exclude(status=AlertStatus.RESOLVED)
                .get()
            )
            existing.petitions.add(*petitions)
            return None
        alert.petitions.add(*petitions)
        audit_record(
            actor="hệ thống",
            action="petitions.hotspot_raise",
            obj=alert,
            commune=commune,
            after={"reason": reason, "key": key, "petitions": [p.tracking_code for p in petitions]},
        )
        notify(
            users=_leaders(commune), text=text, key=f"hotspot:{alert.pk}", url=_url(commune), commune=commune
        )
    return alert


def _cluster_members(commune_id: int, village_id: int, field_id: int, until: date):
    """Petitions of one cluster in the window ending `until`: not split parents (their parts count),
    not linked duplicates (the same case sent again), not already in a resolved alert of the cluster."""
    since = until - timedelta(days=rules.hotspot_window_days())
    resolved = _Member.objects.filter(
        hotspotalert__key=cluster_key(village_id, field_id), hotspotalert__status=AlertStatus.RESOLVED
    ).values("petition_id")
    return (
        Petition.objects.filter(
            commune_id=commune_id,
            village_id=village_id,
            field_id=field_id,
            received_on__gt=since,
            received_on__lte=until,
            duplicate_of__isnull=True,
        )
        .exclude(status=Petition.Status.SPLIT)
        .exclude(pk__in=resolved)
        .only("id", "tracking_code")
    )


def _check_cluster(commune: Commune, village, field: Field, until: date) -> HotspotAlert | None:
    members = list(_cluster_members(commune.pk, village.pk, field.pk, until))
    if len(members) < rules.hotspot_min_petitions():
        return None
    text = (
        f"Cảnh báo điểm nóng: {len(members)} đơn về lĩnh vực {field.name} tại {village.name} "
        f"trong {rules.hotspot_window_days()} ngày."
    )
    return _raise(
        commune,
        reason=Reason.CLUSTER,
        key=cluster_key(village.pk, field.pk),
        petitions=members,
        village=village,
        field=field,
        text=text,
    )


def _check_mass(petition: Petition) -> HotspotAlert | None:
    if petition.signers_count < rules.MASS_PETITION_MIN_SIGNERS or petition.status not in rules.OPEN_STATUSES:
        return None
    text = (
        f"Cảnh báo điểm nóng: đơn {petition.tracking_code} có {petition.signers_count} người đứng đơn "
        "(đông người)."
    )
    return _raise(
        petition.commune,
        reason=Reason.MASS,
        key=f"mass:{petition.pk}",
        petitions=[petition],
        village=petition.village,
        text=text,
    )


def hotspot_check(petition: Petition) -> list[HotspotAlert]:
    """Raise the alerts this petition completes, if any (call in the service's transaction)."""
    raised = [_check_mass(petition)]
    if petition.village_id and petition.field_id and petition.status != Petition.Status.SPLIT:
        raised.append(
            _check_cluster(petition.commune, petition.village, petition.field, petition.received_on)
        )
    return [a for a in raised if a is not None]


def scan_clusters(today: date):
    """The daily scan's first read, over every active commune: (commune, village, field) with enough
    petitions in the window ending today (also measured by bench/explain_petition_indexes.py)."""
    since = today - timedelta(days=rules.hotspot_window_days())
    return (
        Petition.objects.filter(
            commune__is_active=True,
            received_on__gt=since,
            received_on__lte=today,
            village__isnull=False,
            field__isnull=False,
            duplicate_of__isnull=True,
        )
        .exclude(status=Petition.Status.SPLIT)
        .values("commune_id", "village_id", "field_id")
        .annotate(n=Count("id"))
        .filter(n__gte=rules.hotspot_min_petitions())
    )


def scan_mass_petitions():
    """The daily scan's second read: open mass petitions with no alert yet, over every active commune."""
    has_mass_alert = _Member.objects.filter(hotspotalert__reason=Reason.MASS).values("petition_id")
    return (
        Petition.objects.filter(
            commune__is_active=True,
            signers_count__gte=rules.MASS_PETITION_MIN_SIGNERS,
            status__in=rules.OPEN_STATUSES,
        )
        .exclude(pk__in=has_mass_alert)
        .exclude(parent_id__in=has_mass_alert)  # the parts of a split mass petition: its alert covers them
        .select_related("commune", "village")
    )


def hotspots_scan(*, today: date) -> list[HotspotAlert]:
    """The daily pass over every active commune: clusters in the window ending today and mass petitions
    that have no alert yet. Returns the alerts newly raised."""
    raised = []
    for row in scan_clusters(today):
        commune = Commune.objects.get(pk=row["commune_id"])
        village = commune.villages.get(pk=row["village_id"])
        field = Field.objects.get(pk=row["field_id"])
        alert = _check_cluster(commune, village, field, today)
        if alert is not None:
            raised.append(alert)
    for petition in scan_mass_petitions():
        alert = _check_mass(petition)
        if alert is not None:
            raised.append(alert)
    return raised


def _change(
    alert: HotspotAlert, by, *, allowed_from: set[str], to: str, action: str, **fields
) -> HotspotAlert:
    require_role(by, alert.commune, MANAGERS, "xử lý cảnh báo điểm nóng")
    with transaction.atomic():
        locked = HotspotAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.status not in allowed_from:
            raise ServiceError(
                f"Cảnh báo này đang ở trạng thái “{locked.get_status_display()}”.", code="bad_transition"
            )
        before = {"status": locked.status}
        HotspotAlert.objects.filter(pk=locked.pk).update(status=to, **fields)
        locked.refresh_from_db()
        audit_record(
            actor=by,
            action=f"petitions.hotspot_{action}",
            obj=locked,
            commune=locked.commune,
            before=before,
            after={"status": to, **({"note": fields["note"]} if "note" in fields else {})},
        )
    return locked


def hotspot_acknowledge(*, alert: HotspotAlert, by) -> HotspotAlert:
    """The leader or coordinator has taken note and is dealing with the hotspot (nắm tình hình)."""
    return _change(
        alert,
        by,
        allowed_from={AlertStatus.OPEN},
        to=AlertStatus.ACKNOWLEDGED,
        action="acknowledge",
        acknowledged_by=by,
        acknowledged_at=timezone.now(),
    )


def hotspot_resolve(*, alert: HotspotAlert, note: str, by) -> HotspotAlert:
    """The hotspot is settled, with what was done. Later petitions start a new cluster."""
    text = clean_text(note, field="note", label="kết quả xử lý điểm nóng", max_chars=2000)
    return _change(
        alert,
        by,
        allowed_from={AlertStatus.OPEN, AlertStatus.ACKNOWLEDGED},
        to=AlertStatus.RESOLVED,
        action="resolve",
        resolved_by=by,
        resolved_at=timezone.now(),
        note=text,
    )
