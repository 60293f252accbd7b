"""Background jobs of the plans app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from danvan.plans.province import province_reminders_send
from danvan.plans.services import reminders_send


@task()
def send_reminders() -> int:
    """Daily: remind units of tasks and reports coming due or missed, and the coordinator and leaders
    of the commune's own reports to the province (each reminder once)."""
    today = timezone.localdate()
    return reminders_send(today=today) + province_reminders_send(today=today)
