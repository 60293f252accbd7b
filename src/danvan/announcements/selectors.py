"""Reads of posts for the portal and the workspace."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from danvan.announcements.models import Bulletin, Post


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


def next_portal_change(commune, *, now=None) -> datetime | None:
    """When the commune's portal posts next change by themselves: the next scheduled post is published or
    a shown one expires (one query). The page cache keeps the portal no longer than that."""
    now = now or timezone.now()
    found = Post.objects.filter(commune=commune, to_portal=True).aggregate(
        publish=Min("publish_at", filter=Q(publish_at__gt=now)),
        expire=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    return min((t for t in found.values() if t is not None), default=None)


def staff_posts(commune) -> QuerySet[Post]:
    return Post.objects.filter(commune=commune).prefetch_related("villages").order_by("-publish_at", "-id")


def public_bulletins(commune, *, today=None) -> QuerySet[Bulletin]:
    """Bulletins on the portal: from their air date on (a bulletin for tomorrow is still being written)."""
    today = today or timezone.localdate()
    return Bulletin.objects.filter(commune=commune, air_date__lte=today).order_by("-air_date", "-id")


def public_versions(obj) -> list:
    """A post's or bulletin's versions in the languages the commune still offers, by language name."""
    return [v for v in obj.versions.select_related("language") if v.language.is_active]


def chosen_version(versions: list, code: str):
    """The version the resident asked for by its ISO 639-3 code (`?ngon-ngu=kpm`); None for Vietnamese.
    Raises LookupError for a language this content has no version in."""
    if not code or code == "vie":
        return None
    for version in versions:
        if version.language.code == code:
            return version
    raise LookupError(code)
