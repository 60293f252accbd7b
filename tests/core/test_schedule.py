"""Daily jobs are enqueued once a day, after their hour, and run by the database worker."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from danvan.core.models import ScheduledRun
from danvan.core.schedule import DAILY_JOBS, run_due_jobs

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db(transaction=True)


def test_nothing_before_seven_then_once_for_the_day():
    assert run_due_jobs(now=datetime(2026, 11, 25, 6, 59, tzinfo=HCM)) == []
    jobs = [job.name for job in DAILY_JOBS]  # all at 7:00
    assert jobs[:3] == ["plans.reminders", "petitions.reminders", "comms.deliver_due"]
    assert run_due_jobs(now=datetime(2026, 11, 25, 7, 0, tzinfo=HCM)) == jobs
    assert run_due_jobs(now=datetime(2026, 11, 25, 15, 0, tzinfo=HCM)) == []
    assert DBTaskResult.objects.count() == len(jobs)
    # The next day they run again.
    assert run_due_jobs(now=datetime(2026, 11, 26, 7, 30, tzinfo=HCM)) == jobs
    assert ScheduledRun.objects.count() == 2 * len(jobs)


def test_the_enqueued_reminder_jobs_run_in_the_worker():
    run_due_jobs(now=datetime(2026, 11, 25, 8, 0, tzinfo=HCM))
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    results = {r.task_path.rsplit(".", 1)[-1]: r for r in DBTaskResult.objects.all()}
    assert set(results) == {
        "send_reminders",
        "send_petition_reminders",
        "deliver_due_messages",
        "send_remedial_reminders",
        "purge_held_files",
        "send_front_reminders",
    }
    for result in results.values():
        assert result.status == "SUCCESSFUL", result.exception_class_path


def test_scheduler_command_once_at_eight_in_the_morning():
    from io import StringIO

    import time_machine

    out = StringIO()
    with time_machine.travel(datetime(2026, 11, 25, 8, 0, tzinfo=HCM), tick=False):
        call_command("scheduler", "--once", stdout=out)
        call_command("scheduler", "--once", stdout=out)
    assert out.getvalue().count("Đã đưa vào hàng đợi: plans.reminders") == 1
    assert out.getvalue().count("Đã đưa vào hàng đợi: petitions.reminders") == 1
    assert {r.day.isoformat() for r in ScheduledRun.objects.all()} == {"2026-11-25"}
