"""Reads of the audit log for the leaders' and administrators' audit view."""

from __future__ import annotations

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from danvan.core.models import AuditEvent


def audit_events_for_commune(
    *,
    commune,
    object_type: str = "",
    object_id: str = "",
    actor_name: str = "",
    since: date | None = None,
    until: date | None = None,
) -> QuerySet[AuditEvent]:
    """One commune's events, newest first, filtered by object, person and local date range."""
    qs = AuditEvent.objects.filter(commune=commune).select_related("actor")
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if actor_name:
        qs = qs.filter(actor_name__icontains=actor_name)
    tz = timezone.get_current_timezone()
    if since:
        qs = qs.filter(at__gte=timezone.make_aware(datetime.combine(since, time.min), tz))
    if until:
        qs = qs.filter(at__lte=timezone.make_aware(datetime.combine(until, time.max), tz))
    return qs.order_by("-at", "-id")
