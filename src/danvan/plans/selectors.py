"""Reads for plan pages, written to use a fixed number of queries whatever the plan's size."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, Q, QuerySet

from danvan.org.models import Unit
from danvan.plans.models import Plan, ReportingPeriod, Task, TaskChange, UnitReport
from danvan.plans.rules import CLOSED_TASK_STATUSES, DATED, is_at_risk, is_late

__all__ = ["is_late", "late_tasks", "period_statuses", "plan_overview", "tasks_of_units", "tasks_with_units"]

_UNIT_FIELDS = ("id", "name", "short_name", "sort_order")


def tasks_with_units(queryset: QuerySet[Task]) -> QuerySet[Task]:
    units = Unit.objects.only(*_UNIT_FIELDS)
    return queryset.prefetch_related(
        Prefetch("lead_units", queryset=units), Prefetch("coordinating_units", queryset=units)
    )


@dataclass
class TaskRow:
    task: Task
    late: bool
    at_risk: bool
    cells: list[str] = field(default_factory=list)  # per unit: "C" chủ trì, "P" phối hợp, ""
    change: TaskChange | None = None  # the latest adjustment, shown to the units in "Việc của tôi"
    leads: list[str] = field(
        default_factory=list
    )  # unit names, for the phone where the columns are off-screen
    partners: list[str] = field(default_factory=list)

    @property
    def cancelled(self) -> bool:
        return self.task.status == Task.Status.CANCELLED


@dataclass
class PlanOverview:
    plan: Plan
    units: list[Unit]
    rows: list[TaskRow]
    periods: list[ReportingPeriod]
    late_count: int
    at_risk_count: int
    done_count: int
    cancelled_count: int = 0

    @property
    def active_count(self) -> int:
        return len(self.rows) - self.cancelled_count


def plan_overview(*, plan: Plan, today: date) -> PlanOverview:
    """Units × tasks, late first, then at risk, then the rest in document order (5 queries)."""
    tasks = list(tasks_with_units(plan.tasks.all()).order_by("order"))
    unit_map: dict[int, Unit] = {}
    for task in tasks:
        for unit in [*task.lead_units.all(), *task.coordinating_units.all()]:
            unit_map[unit.pk] = unit
    units = sorted(unit_map.values(), key=lambda u: (u.sort_order, u.name))
    rows = []
    for task in tasks:
        leads = {u.pk for u in task.lead_units.all()}
        coords = {u.pk for u in task.coordinating_units.all()}
        cells = ["C" if u.pk in leads else "P" if u.pk in coords else "" for u in units]
        rows.append(
            TaskRow(
                task,
                is_late(task, today),
                is_at_risk(task, today),
                cells,
                leads=[u.name for u in task.lead_units.all()],
                partners=[u.name for u in task.coordinating_units.all() if u.pk not in leads],
            )
        )
    # Cancelled tasks go last: kept with their history, but no longer owed.
    rows.sort(key=lambda r: (r.cancelled, not r.late, not r.at_risk, r.task.order))
    periods = list(
        plan.periods.prefetch_related(
            Prefetch("unit_reports", queryset=UnitReport.objects.only("id", "period_id", "unit_id", "status"))
        )
    )
    return PlanOverview(
        plan=plan,
        units=units,
        rows=rows,
        periods=periods,
        late_count=sum(r.late for r in rows),
        at_risk_count=sum(r.at_risk for r in rows),
        done_count=sum(r.task.status == Task.Status.DONE for r in rows),
        cancelled_count=sum(r.cancelled for r in rows),
    )


def tasks_of_units(*, units: list[Unit], today: date) -> list[TaskRow]:
    """A unit's "my tasks": what it leads or joins, in issued plans, late and at risk first."""
    qs = (
        Task.objects.filter(Q(lead_units__in=units) | Q(coordinating_units__in=units))
        .filter(plan__status=Plan.Status.ISSUED)
        .select_related("plan")
        .distinct()
    )
    tasks = list(tasks_with_units(qs))
    latest = latest_changes(task_ids=[t.pk for t in tasks], since=today - timedelta(days=RECENT_CHANGE_DAYS))
    rows = [TaskRow(t, is_late(t, today), is_at_risk(t, today), change=latest.get(t.pk)) for t in tasks]
    rows.sort(key=lambda r: (r.cancelled, not r.late, not r.at_risk, r.task.due_date or date.max, r.task.pk))
    return rows


# How long a unit sees "điều chỉnh" beside a task in "Việc của tôi" after the coordinator changed it.
RECENT_CHANGE_DAYS = 30


def latest_changes(*, task_ids: list[int], since: date) -> dict[int, TaskChange]:
    """The latest adjustment of each task made on or after `since` (1 query)."""
    found: dict[int, TaskChange] = {}
    qs = TaskChange.objects.filter(task_id__in=task_ids, at__date__gte=since).order_by(
        "task_id", "-at", "-id"
    )
    for change in qs.only("id", "task_id", "kind", "reason", "at"):
        found.setdefault(change.task_id, change)
    return found


def late_tasks_queryset(*, commune, today: date) -> QuerySet[Task]:
    """The tasks `late_tasks` lists, unordered, for counting: the same rule as `rules.is_late` (a dated
    task, past its date, neither done nor cancelled), in SQL."""
    return Task.objects.filter(
        plan__commune=commune,
        plan__status=Plan.Status.ISSUED,
        due_date__lt=today,
        timeframe__in=DATED,
    ).exclude(status__in=CLOSED_TASK_STATUSES)


def late_tasks(*, commune, today: date) -> list[TaskRow]:
    """Every late task of the commune's issued plans, oldest date first (the leader's view)."""
    qs = (
        Task.objects.filter(plan__commune=commune, plan__status=Plan.Status.ISSUED, due_date__lt=today)
        .exclude(status__in=CLOSED_TASK_STATUSES)
        .select_related("plan")
        .order_by("due_date", "pk")
    )
    return [TaskRow(t, True, False) for t in tasks_with_units(qs) if is_late(t, today)]


@dataclass
class PeriodStatus:
    unit: Unit
    report: UnitReport | None

    @property
    def label(self) -> str:
        return self.report.get_status_display() if self.report else "Chưa nộp"


def period_statuses(*, period: ReportingPeriod) -> list[PeriodStatus]:
    """Which units must report for a period (those leading or joining a task) and where each stands."""
    units = (
        Unit.objects.filter(Q(led_tasks__plan=period.plan) | Q(coordinated_tasks__plan=period.plan))
        .distinct()
        .order_by("sort_order", "name")
    )
    reports = {
        r.unit_id: r for r in period.unit_reports.select_related("submitted_by").prefetch_related("entries")
    }
    return [PeriodStatus(u, reports.get(u.pk)) for u in units]
