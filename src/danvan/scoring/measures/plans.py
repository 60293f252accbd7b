"""Measures read from `plans`: tasks done on time, units' reports sent on time."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Min, Q
from django.utils import timezone

from danvan.plans.models import Plan, ReportingPeriod, Task, UnitReport
from danvan.plans.rules import DATED
from danvan.scoring.measures.base import Measure, year_bounds

TASKS = "plans.tasks_on_time"
REPORTS = "plans.reports_on_time"
LISTED = 5  # evidence names at most this many late items


def _owed_tasks(codes: list[str], year: int, as_of: dt.date):
    """Dated tasks of the communes' own issued plans due in the year by `as_of` (cancelled ones are no
    longer owed), with the day each was first reported done."""
    start, end = year_bounds(year, as_of)
    return (
        Task.objects.filter(
            plan__commune__in=codes,
            plan__status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
            plan__unit__isnull=True,
            plan__village__isnull=True,
            timeframe__in=list(DATED),
            due_date__gte=start,
            due_date__lte=end,
        )
        .exclude(status=Task.Status.CANCELLED)
        .annotate(done_at=Min("progress__at", filter=Q(progress__status=Task.Status.DONE)))
    )


def _on_time(row) -> bool:
    return row["status"] == Task.Status.DONE and (
        row["done_at"] is None or timezone.localdate(row["done_at"]) <= row["due_date"]
    )


def _task_measures(rows, key_name: str) -> dict:
    done: dict = defaultdict(int)
    total: dict = defaultdict(int)
    late: dict = defaultdict(list)
    for row in rows:
        subject = row[key_name]
        if subject is None:
            continue
        total[subject] += 1
        if _on_time(row):
            done[subject] += 1
        else:
            late[subject].append(row["ref"] or f"#{row['id']}")
    out = {}
    for subject, n in total.items():
        names = late[subject]
        tail = (
            f"; chưa đúng hạn: {', '.join(names[:LISTED])}{'…' if len(names) > LISTED else ''}"
            if names
            else ""
        )
        out[subject] = Measure(done[subject], n, f"{done[subject]}/{n} nhiệm vụ hoàn thành đúng hạn{tail}")
    return out


def _report_rows(codes: list[str], year: int, as_of: dt.date):
    """(commune, unit, on time) for every report owed by a unit for a period due in the year by `as_of`:
    the units leading or joining a task of the plan owe it. Three queries."""
    start, end = year_bounds(year, as_of)
    periods = {
        p["id"]: p
        for p in ReportingPeriod.objects.filter(
            plan__commune__in=codes,
            plan__status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
            direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE,
            due_date__gte=start,
            due_date__lte=end,
        ).values("id", "due_date", "plan_id", "plan__commune_id")
    }
    if not periods:
        return []
    plan_ids = {p["plan_id"] for p in periods.values()}
    owing: dict[int, set[int]] = defaultdict(set)
    for through in (Task.lead_units.through, Task.coordinating_units.through):
        for plan_id, unit_id in (
            through.objects.filter(task__plan__in=plan_ids).values_list("task__plan_id", "unit_id").distinct()
        ):
            owing[plan_id].add(unit_id)
    sent = {
        (period_id, unit_id): at
        for period_id, unit_id, at in UnitReport.objects.filter(
            period__in=list(periods), status=UnitReport.Status.SUBMITTED
        ).values_list("period_id", "unit_id", "submitted_at")
    }
    rows = []
    for pid, p in periods.items():
        for unit_id in owing.get(p["plan_id"], ()):
            at = sent.get((pid, unit_id))
            on_time = at is not None and timezone.localdate(at) <= p["due_date"]
            rows.append((p["plan__commune_id"], unit_id, on_time))
    return rows


def _report_measures(rows, index: int) -> dict:
    done: dict = defaultdict(int)
    total: dict = defaultdict(int)
    for row in rows:
        total[row[index]] += 1
        done[row[index]] += row[2]
    return {s: Measure(done[s], n, f"{done[s]}/{n} báo cáo nộp đúng hạn") for s, n in total.items()}


def for_units(keys, *, commune, year, as_of, targets) -> dict:
    out = {}
    if TASKS in keys:
        rows = _owed_tasks([commune.code], year, as_of).values(
            "id", "ref", "status", "due_date", "done_at", "lead_units"
        )
        out[TASKS] = _task_measures(rows, "lead_units")
    if REPORTS in keys:
        out[REPORTS] = _report_measures(_report_rows([commune.code], year, as_of), 1)
    return out


def for_communes(keys, *, codes, year, as_of, targets) -> dict:
    out = {}
    if TASKS in keys:
        rows = _owed_tasks(codes, year, as_of).values(
            "id", "ref", "status", "due_date", "done_at", "plan__commune_id"
        )
        out[TASKS] = _task_measures(rows, "plan__commune_id")
    if REPORTS in keys:
        out[REPORTS] = _report_measures(_report_rows(codes, year, as_of), 0)
    return out
