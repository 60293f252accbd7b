"""Daily reminders (7:00, `tasks.send_front_reminders` in `core.schedule.DAILY_JOBS`): to the leaders
and the coordinator, the Front's
recommendations whose answer is late or due within 3 days, and the regulations to review within a month.
Each reminder once per item and day (the notification key)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.front import selectors
from danvan.geo.models import Commune
from danvan.org.models import Membership, Role


def _leaders(commune):
    roles = (Role.COMMUNE_LEADER, Role.COORDINATOR)
    return [m.user for m in Membership.objects.filter(commune=commune, role__in=roles).select_related("user")]


def front_reminders_send(today=None) -> int:
    """Send the day's reminders; returns how many notifications were created."""
    today = today or timezone.localdate()
    sent = 0
    for commune in Commune.objects.filter(is_active=True):
        users = None
        for item in selectors.unanswered_due(commune, today):
            users = users if users is not None else _leaders(commune)
            late = "đã quá hạn" if item.answer_due < today else "sắp đến hạn"
            sent += len(
                notify(
                    users=users,
                    text=f"Kiến nghị của {item.get_organisation_display()} “{item.subject}” {late} trả lời "
                    f"({item.answer_due:%d/%m/%Y}).",
                    key=f"front.answer:{item.pk}:{today:%Y%m%d}",
                    url=reverse("front:item", kwargs={"code": commune.code, "pk": item.pk}),
                    commune=commune,
                )
            )
        for regulation in selectors.reviews_due(commune, today):
            users = users if users is not None else _leaders(commune)
            sent += len(
                notify(
                    users=users,
                    text=f"Đến hạn rà soát “{regulation.title}” ({regulation.next_review_on:%d/%m/%Y}).",
                    key=f"front.review:{regulation.pk}:{regulation.next_review_on:%Y%m%d}",
                    url=reverse("front:regulations", kwargs={"code": commune.code}),
                    commune=commune,
                )
            )
    return sent
