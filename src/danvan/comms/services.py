"""Send a notification to staff: stored in-app, e-mailed after commit when the person has an address."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from danvan.comms.models import Notification


def notify(*, users: Iterable, text: str, key: str, url: str = "", commune=None) -> list[Notification]:
    """Notify each user once per `key`; returns the notifications actually created."""
    created = []
    with transaction.atomic():
        for user in {u.pk: u for u in users if u.is_active}.values():
            note, is_new = Notification.objects.get_or_create(
                user=user, key=key, defaults={"text": text[:500], "url": url, "commune": commune}
            )
            if is_new:
                created.append(note)
        emails = [(n.user.email, n.text, n.url) for n in created if n.user.email]
        if emails:
            transaction.on_commit(lambda: _send_emails(emails))
    return created


def _send_emails(emails: list[tuple[str, str, str]]) -> None:
    base = getattr(settings, "DANVAN_SITE_URL", "")
    for address, text, url in emails:
        body = text + (f"\n\nXem chi tiết: {base}{url}" if url else "")
        send_mail("[Dân Vận Số] " + text[:80], body, None, [address], fail_silently=True)
