"""Background jobs of the front app."""

from __future__ import annotations

from django_tasks import task

from danvan.front.reminders import front_reminders_send


@task()
def send_front_reminders() -> int:
    """Daily: late or soon-due answers to the Front, regulations to review."""
    return front_reminders_send()
