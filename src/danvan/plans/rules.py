"""What plans allow and when a task counts as late or at risk."""

from __future__ import annotations

from datetime import date, timedelta

from danvan.plans.models import Plan, Task, Timeframe, UnitReport

# Allowed moves, as data (django-oscar style); one function performs them.
PLAN_TRANSITIONS: dict[str, set[str]] = {
    Plan.Status.DRAFT: {Plan.Status.ISSUED},
    Plan.Status.ISSUED: {Plan.Status.CLOSED},
    Plan.Status.CLOSED: set(),
}
REPORT_TRANSITIONS: dict[str, set[str]] = {
    UnitReport.Status.DRAFT: {UnitReport.Status.SUBMITTED},
    UnitReport.Status.SUBMITTED: {UnitReport.Status.RETURNED},
    UnitReport.Status.RETURNED: {UnitReport.Status.SUBMITTED},
}

DATED = {Timeframe.BY_DATE, Timeframe.WITHIN_QUARTER, Timeframe.WITHIN_YEAR}
# A dated task still open this close to its date is shown as at risk, and its units are reminded.
AT_RISK_DAYS = 7
REMIND_BEFORE_DAYS = 3


def is_late(task: Task, today: date) -> bool:
    """A dated task becomes late the day after its date; an ongoing task is never late."""
    return task.timeframe in DATED and task.due_date is not None and task.due_date < today and not _done(task)


def is_at_risk(task: Task, today: date) -> bool:
    if task.timeframe not in DATED or task.due_date is None or _done(task):
        return False
    return today <= task.due_date <= today + timedelta(days=AT_RISK_DAYS)


# Tasks no longer owed: done, or cancelled by an adjustment of the plan (never late, never reminded).
CLOSED_TASK_STATUSES = (Task.Status.DONE, Task.Status.CANCELLED)


def _done(task: Task) -> bool:
    return task.status in CLOSED_TASK_STATUSES
