"""Reads of posts for the portal and the workspace."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from danvan.announcements.models import Post


def published_posts(commune, *, category: str = "", now=None) -> QuerySet[Post]:
    """Posts on the portal now: published, not expired, newest first."""
    now = now or timezone.now()
    rows = Post.objects.filter(commune=commune, to_portal=True, publish_at__lte=now).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )
    if category:
        rows = rows.filter(category=category)
    return rows.prefetch_related("villages").order_by("-publish_at", "-id")


def latest_posts(commune, *, limit: int = 3) -> list[Post]:
    return list(published_posts(commune)[:limit])


def staff_posts(commune) -> QuerySet[Post]:
    return Post.objects.filter(commune=commune).prefetch_related("villages").order_by("-publish_at", "-id")
