"""Recording what people say (a phone form filled in under a minute) and the alert it may raise."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Village
from danvan.opinion import rules
from danvan.opinion.models import Level, OpinionAlert, OpinionEntry, Source
from danvan.org.access import can, memberships_in, roles_in
from danvan.org.models import Membership, Role
from danvan.petitions.models import Field

ENTRY_FIELDS = [
    "observed_on",
    "village",
    "field",
    "summary",
    "people_count",
    "level",
    "source",
    "proposed_handling",
    "restricted",
]
# Who is told of an alert: the leaders and the coordinator (the đầu mối theo dõi, tổng hợp).
ALERTED_ROLES = (Role.COMMUNE_LEADER, Role.COORDINATOR)


@dataclass(frozen=True)
class EntryInput:
    observed_on: dt.date | None
    village: Village | None
    field: Field | None
    summary: str
    level: str = Level.STABLE
    source: str = Source.MEETING
    people_count: int | None = None
    proposed_handling: str = ""
    restricted: bool = False


def _clean(text: str, *, field: str, label: str, max_chars: int, required: bool) -> str:
    text = (text or "").strip()
    if required and not text:
        raise ServiceError(f"Vui lòng ghi {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} dài quá {max_chars} ký tự.", field=field)
    return text


def _check(by, commune: Commune, data: EntryInput) -> None:
    if not can(by, "opinion.record", commune):
        raise ServiceError("Vai trò của bạn không được ghi phiếu nắm tình hình.", code="forbidden")
    roles = roles_in(by, commune)
    if not roles & rules.ANY_VILLAGE:
        own = {m.village_id for m in memberships_in(by, commune) if m.role == Role.VILLAGE_HEAD}
        if data.village is None or data.village.pk not in own:
            raise ServiceError("Trưởng thôn chỉ ghi phiếu cho thôn của mình.", field="village")
    if data.village is not None and data.village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    if data.field is not None and data.field.commune_id not in (None, commune.pk):
        raise ServiceError("Lĩnh vực không thuộc xã này.", field="field")
    if not isinstance(data.observed_on, dt.date):
        raise ServiceError("Vui lòng chọn ngày nắm được.", field="observed_on")
    today = timezone.localdate()
    if data.observed_on > today:
        raise ServiceError("Ngày nắm được không thể ở tương lai.", field="observed_on")
    if data.observed_on < today - dt.timedelta(days=366):
        raise ServiceError("Ngày nắm được đã quá một năm.", field="observed_on")
    if data.level not in Level.values:
        raise ServiceError("Vui lòng chọn mức độ.", field="level")
    if data.source not in Source.values:
        raise ServiceError("Vui lòng chọn nguồn.", field="source")
    if data.people_count is not None and not 0 < int(data.people_count) <= rules.MAX_PEOPLE:
        raise ServiceError("Số người không hợp lệ.", field="people_count")


def entry_record(*, by, commune: Commune, data: EntryInput, client_token: str = "") -> OpinionEntry:
    """Record one entry. A retry with the same `client_token` returns the first entry unchanged. May
    raise an alert to the leaders (rules.alert_reason), in the same transaction."""
    token = (client_token or "").strip()[:64] or None
    if token:
        existing = OpinionEntry.objects.filter(commune=commune, client_token=token).first()
        if existing is not None:
            return existing
    _check(by, commune, data)
    summary = _clean(
        data.summary,
        field="summary",
        label="ý kiến người dân",
        max_chars=rules.MAX_SUMMARY_CHARS,
        required=True,
    )
    handling = _clean(
        data.proposed_handling,
        field="proposed_handling",
        label="đề xuất xử lý",
        max_chars=rules.MAX_HANDLING_CHARS,
        required=False,
    )
    restricted = bool(data.restricted) or data.source in rules.ALWAYS_RESTRICTED_SOURCES
    try:
        with transaction.atomic():
            entry = OpinionEntry.objects.create(
                commune=commune,
                observed_on=data.observed_on,
                village=data.village,
                field=data.field,
                summary=summary,
                people_count=data.people_count,
                level=data.level,
                source=data.source,
                proposed_handling=handling,
                restricted=restricted,
                recorded_by=by,
                client_token=token,
            )
            audit_record(
                actor=by, action="opinion.entry_record", obj=entry, after=snapshot(entry, ENTRY_FIELDS)
            )
            _maybe_alert(entry)
    except IntegrityError:
        # Two taps of the same form at once: the other request made it.
        existing = OpinionEntry.objects.filter(commune=commune, client_token=token).first()
        if existing is None:
            raise
        return existing
    return entry


def _maybe_alert(entry: OpinionEntry) -> OpinionAlert | None:
    """Raise (or add this entry to) the open alert of the entry's place when the rules say so."""
    same_place = OpinionEntry.objects.filter(
        commune=entry.commune_id, village=entry.village_id, field=entry.field_id
    ).exclude(pk=entry.pk)
    previous = (
        same_place.filter(
            observed_on__lte=entry.observed_on,
            observed_on__gte=entry.observed_on - dt.timedelta(days=rules.RISING_WINDOW_DAYS),
        )
        .order_by("-observed_on", "-id")
        .values_list("level", flat=True)
        .first()
    )
    recent = (
        same_place.filter(
            observed_on__gte=entry.observed_on - dt.timedelta(days=rules.REPEAT_WINDOW_DAYS),
            observed_on__lte=entry.observed_on,
        ).count()
        + 1
    )
    # Entries without a village or field are one place each only when both are set.
    if entry.village_id is None and entry.field_id is None:
        recent, previous = 1, None
    reason = rules.alert_reason(level=entry.level, previous_level=previous, recent_same_place=recent)
    key = rules.place_key(entry.village_id, entry.field_id)
    alert = (
        OpinionAlert.objects.select_for_update()
        .filter(commune=entry.commune_id, key=key, status=OpinionAlert.Status.OPEN)
        .first()
    )
    if reason is None and alert is None:
        return None
    escalated = False
    if alert is None:
        alert = OpinionAlert.objects.create(
            commune=entry.commune,
            key=key,
            village=entry.village,
            field=entry.field,
            reason=reason,
            level=entry.level,
        )
        escalated = True
        audit_record(
            actor=entry.recorded_by,
            action="opinion.alert_raise",
            obj=alert,
            after=snapshot(alert, ["key", "reason", "level"]),
        )
    elif rules.rank(entry.level) > rules.rank(alert.level):
        before = snapshot(alert, ["reason", "level"])
        alert.level = entry.level
        if reason is not None:
            alert.reason = reason
        alert.save(update_fields=["level", "reason"])
        escalated = True
        audit_record(
            actor=entry.recorded_by,
            action="opinion.alert_escalate",
            obj=alert,
            before=before,
            after=snapshot(alert, ["reason", "level"]),
        )
    alert.entries.add(entry)
    if escalated:
        _notify(alert, entry)
    return alert


def _place_words(alert: OpinionAlert) -> str:
    where = alert.village.name if alert.village else "toàn xã"
    topic = f"lĩnh vực {alert.field.name.lower()}" if alert.field else "chưa rõ lĩnh vực"
    return f"{where}, {topic}"


def _notify(alert: OpinionAlert, entry: OpinionEntry) -> None:
    users = [
        m.user
        for m in Membership.objects.filter(
            commune=alert.commune_id, role__in=ALERTED_ROLES, is_active=True
        ).select_related("user")
    ]
    level = Level(alert.level).label.lower()
    text = (
        f"Cảnh báo dư luận ({OpinionAlert.Reason(alert.reason).label.lower()}): "
        f"{_place_words(alert)} – mức độ {level}."
    )
    notify(
        users=users,
        text=text,
        key=f"opinion-alert:{alert.pk}:{alert.level}",
        url=reverse("opinion:alert", args=[alert.commune_id, alert.pk]),
        commune=alert.commune,
    )


def alert_acknowledge(*, by, alert: OpinionAlert, direction: str) -> OpinionAlert:
    """The leader has taken note and says what to do; the alert closes, so a new rise alerts again."""
    if not can(by, "opinion.handle_alerts", alert.commune):
        raise ServiceError("Chỉ lãnh đạo xã, công chức đầu mối xử lý cảnh báo.", code="forbidden")
    direction = _clean(direction, field="direction", label="chỉ đạo xử lý", max_chars=1000, required=True)
    with transaction.atomic():
        locked = OpinionAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.status != OpinionAlert.Status.OPEN:
            raise ServiceError("Cảnh báo này đã được xử lý.", code="already_handled")
        before = snapshot(locked, ["status", "direction"])
        locked.status = OpinionAlert.Status.ACKNOWLEDGED
        locked.acknowledged_by, locked.acknowledged_at = by, timezone.now()
        locked.direction = direction
        locked.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "direction"])
        audit_record(
            actor=by,
            action="opinion.alert_acknowledge",
            obj=locked,
            before=before,
            after=snapshot(locked, ["status", "direction"]),
        )
    return locked
