"""Administrator's corrections to the working-day calendar."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.legaltime.models import CalendarOverride

_FIELDS = ["day", "kind", "reason", "decision_number"]


def calendar_override_set(
    *, day: date, kind: str, reason: str, decision_number: str = "", by
) -> CalendarOverride:
    """Mark one date as a day off or a working day, citing the Government's decision."""
    reason = " ".join((reason or "").split())
    decision_number = (decision_number or "").strip()
    if kind not in CalendarOverride.Kind.values:
        raise ServiceError("Loại điều chỉnh phải là “ngày nghỉ” hoặc “ngày làm việc”.", field="kind")
    if not reason:
        raise ServiceError("Vui lòng ghi lý do điều chỉnh lịch (ví dụ: nghỉ bù Quốc khánh).", field="reason")
    if len(reason) > 255 or len(decision_number) > 60:
        raise ServiceError("Lý do hoặc số văn bản quá dài.", field="reason")
    with transaction.atomic():
        existing = CalendarOverride.objects.select_for_update().filter(day=day).first()
        before = snapshot(existing, _FIELDS) if existing else None
        override = existing or CalendarOverride(
            day=day, created_by=by if by and by.is_authenticated else None
        )
        override.kind, override.reason, override.decision_number = kind, reason, decision_number
        override.save()
        audit_record(
            actor=by,
            action="legaltime.override_set",
            obj=override,
            before=before,
            after=snapshot(override, _FIELDS),
        )
    return override


def calendar_override_remove(*, override: CalendarOverride, by) -> None:
    with transaction.atomic():
        before = snapshot(override, _FIELDS)
        audit_record(actor=by, action="legaltime.override_remove", obj=override, before=before)
        CalendarOverride.objects.filter(pk=override.pk).delete()
