"""Daily background jobs: which exist, and enqueueing each once a day after its hour."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from danvan.core.models import ScheduledRun


@dataclass(frozen=True)
class DailyJob:
    name: str
    task_path: str  # dotted path of a django-tasks Task
    hour: int  # local time (Asia/Ho_Chi_Minh) after which it runs


# Reminders go out at 7:00, when officials start work, not in the middle of the night.
DAILY_JOBS: list[DailyJob] = [
    DailyJob("plans.reminders", "danvan.plans.tasks.send_reminders", hour=7),
    DailyJob("petitions.reminders", "danvan.petitions.tasks.send_petition_reminders", hour=7),
    # Messages held over the quiet night go out in the morning (each is also enqueued for its time;
    # this sweep catches any whose job was lost).
    DailyJob("comms.deliver_due", "danvan.comms.tasks.deliver_due_messages", hour=7),
    DailyJob("inspections.reminders", "danvan.inspections.tasks.send_remedial_reminders", hour=7),
    DailyJob("petitions.purge_held_files", "danvan.petitions.tasks.purge_held_files", hour=7),
    DailyJob("front.reminders", "danvan.front.tasks.send_front_reminders", hour=7),
]


def run_due_jobs(*, now: datetime | None = None) -> list[str]:
    """Enqueue every job whose hour has passed today and that has not been enqueued today."""
    local = timezone.localtime(now or timezone.now())
    enqueued = []
    for job in DAILY_JOBS:
        if local.hour < job.hour:
            continue
        try:
            with transaction.atomic():
                ScheduledRun.objects.create(name=job.name, day=local.date())
                task = import_string(job.task_path)
                transaction.on_commit(task.enqueue)
        except IntegrityError:
            continue  # already enqueued today, here or by another scheduler
        enqueued.append(job.name)
    return enqueued
