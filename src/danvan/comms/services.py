"""Send a notification to staff: stored in-app, and e-mailed through the outbox when the person has an
address (so staff e-mails are retried and logged like every other message)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.comms import rules
from danvan.comms.models import Notification
from danvan.comms.outbox import message_queue
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError


def notify(
    *, users: Iterable, text: str, key: str, url: str = "", commune=None, email_text: str = ""
) -> list[Notification]:
    """Notify each user once per `key`; returns the notifications actually created. `email_text`, when
    given, is the e-mail's body instead of the short in-app line (an invitation's full text)."""
    created = []
    base = getattr(settings, "DANVAN_SITE_URL", "")
    with transaction.atomic():
        for user in {u.pk: u for u in users if u.is_active}.values():
            note, is_new = Notification.objects.get_or_create(
                user=user, key=key, defaults={"text": text[:500], "url": url, "commune": commune}
            )
            if not is_new:
                continue
            created.append(note)
            if user.email:
                body = (email_text or note.text) + (f"\n\nXem chi tiết: {base}{url}" if url else "")
                # A malformed staff address: the in-app notification still reaches them.
                with contextlib.suppress(ServiceError):
                    message_queue(
                        channel=rules.EMAIL,
                        recipient=user.email,
                        subject=note.text[:80],
                        text=body,
                        purpose="staff_notice",
                        key=f"notification:{note.pk}",
                        commune=commune,
                    )
    return created


def notification_mark_read(*, user, notification_id, commune) -> Notification:
    """Đánh dấu đã đọc one of the user's own notifications in this commune (another's is not found)."""
    try:
        pk = int(notification_id)
    except (TypeError, ValueError):
        raise ServiceError("Không tìm thấy thông báo này.", code="not_found") from None
    with transaction.atomic():
        note = Notification.objects.select_for_update().filter(pk=pk, user=user, commune=commune).first()
        if note is None:
            raise ServiceError("Không tìm thấy thông báo này.", code="not_found")
        if note.read_at is None:
            note.read_at = timezone.now()
            note.save(update_fields=["read_at"])
            audit_record(actor=user, action="comms.notification_read", obj=note, commune=commune)
    return note


def notifications_mark_all_read(*, user, commune) -> int:
    """Đánh dấu đã đọc tất cả: every unread notification of the user in this commune; returns how many."""
    with transaction.atomic():
        count = Notification.objects.filter(user=user, commune=commune, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            audit_record(
                actor=user, action="comms.notifications_read_all", commune=commune, after={"count": count}
            )
    return count
