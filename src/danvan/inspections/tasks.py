"""Background jobs of the inspections app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from danvan.inspections.services import reminders_send


@task()
def send_remedial_reminders() -> int:
    """Daily: remind units of remedial tasks coming due or late (each reminder once)."""
    return reminders_send(today=timezone.localdate())
