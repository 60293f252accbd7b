"""Reads of notifications and of the outbound message log."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from danvan.comms.models import Notification, OutboundMessage
from danvan.comms.phones import normalize_phone
from danvan.core.errors import ServiceError


def notifications_for(*, user, commune, limit: int = 10) -> list[Notification]:
    """The user's newest notifications about this commune."""
    rows = Notification.objects.filter(user=user, commune=commune).order_by("-created_at", "-id")
    return list(rows[:limit])


def message_log(
    *, commune, q: str = "", recipient: str = "", channel: str = "", status: str = "", purpose: str = ""
) -> QuerySet[OutboundMessage]:
    """The commune's messages, newest first. Searching by recipient never matches a denouncer's
    message: a match would tell the searcher that this number denounced someone."""
    rows = OutboundMessage.objects.filter(commune=commune)
    if recipient:
        try:
            wanted = normalize_phone(recipient)
        except ServiceError:
            wanted = recipient.strip().lower()
        rows = rows.filter(recipient=wanted, protected=False)
    if q:
        rows = rows.filter(Q(text__icontains=q) | Q(subject__icontains=q))
    if channel:
        rows = rows.filter(channel=channel)
    if status:
        rows = rows.filter(status=status)
    if purpose:
        rows = rows.filter(purpose=purpose)
    return rows.order_by("-created_at", "-id")
