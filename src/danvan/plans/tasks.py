"""Background jobs of the plans app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from danvan.plans.services import reminders_send


@task()
def send_reminders() -> int:
    """Daily: remind units of tasks and reports coming due or missed (each reminder once)."""
    return reminders_send(today=timezone.localdate())
