"""Background jobs of the petitions app."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from danvan.petitions.reminders import petition_reminders_send


@task()
def send_petition_reminders() -> int:
    """Daily: remind units of petition deadlines coming due and escalate overdue ones to leaders."""
    return petition_reminders_send(today=timezone.localdate())
