"""Reads of notifications for the workspace."""

from __future__ import annotations

from danvan.comms.models import Notification


def notifications_for(*, user, commune, limit: int = 10) -> list[Notification]:
    """The user's newest notifications about this commune."""
    rows = Notification.objects.filter(user=user, commune=commune).order_by("-created_at", "-id")
    return list(rows[:limit])
