"""The plans' section of the commune's periodic report: tasks by status, late tasks, progress, units' reports.

Registered with `danvan.core.sections`; read-only, and `key_figures` answers for many communes in
four queries whatever their number.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from textwrap import shorten

from django.db.models import Count, Q
from django.utils import timezone

from danvan.core.sections import Chart, Figure, SectionContent, Table, register
from danvan.plans.models import Plan, ReportingPeriod, Task, TaskProgress, UnitReport
from danvan.plans.rules import CLOSED_TASK_STATUSES, DATED

LATE_LIST_LIMIT = 30  # the report lists at most this many late tasks by name; the count has them all

LABELS = {
    "tasks_total": "Tổng số nhiệm vụ",
    "tasks_done": "Nhiệm vụ hoàn thành",
    "tasks_late": "Nhiệm vụ trễ hạn",
    "unit_reports_expected": "Báo cáo đơn vị phải nộp",
    "unit_reports_submitted": "Báo cáo đơn vị đã nộp",
    "unit_reports_late": "Báo cáo đơn vị chậm, chưa nộp",
}


def _as_of(end: dt.date) -> dt.date:
    """Figures are counted as things stand at the end of the period, or today for a running period."""
    return min(end, timezone.localdate())


def _tasks(commune_codes: list[str], start: dt.date, end: dt.date):
    """Tasks of the commune's own issued (or closed) plans for the period's years. Implementing plans of
    units and villages repeat their parent's tasks, so they are left out to count each task once."""
    return Task.objects.filter(
        plan__commune__in=commune_codes,
        plan__status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
        plan__unit__isnull=True,
        plan__village__isnull=True,
    ).filter(
        Q(plan__year__isnull=True) | Q(plan__year__gte=start.year, plan__year__lte=end.year),
        Q(plan__issued_on__isnull=True) | Q(plan__issued_on__lte=end),
    )


def _late_q(as_of: dt.date) -> Q:
    return Q(timeframe__in=list(DATED), due_date__lt=as_of) & ~Q(status__in=CLOSED_TASK_STATUSES)


def _periods(commune_codes: list[str], start: dt.date, end: dt.date):
    return ReportingPeriod.objects.filter(
        plan__commune__in=commune_codes,
        plan__status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
        direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE,
        due_date__gte=start,
        due_date__lte=end,
    )


def _unit_report_rows(commune_codes: list[str], start: dt.date, end: dt.date) -> list[dict]:
    """One row per reporting period due in the period: the units that must report (those leading or
    joining a task of the plan), those that submitted, and those late. Three queries in all."""
    as_of = _as_of(end)
    periods = {
        p["id"]: p
        for p in _periods(commune_codes, start, end).values(
            "id", "name", "due_date", "plan_id", "plan__commune_id"
        )
    }
    if not periods:
        return []
    plan_ids = {p["plan_id"] for p in periods.values()}
    expected: dict[int, set[int]] = defaultdict(set)  # plan id -> units
    for through in (Task.lead_units.through, Task.coordinating_units.through):
        for row in (
            through.objects.filter(task__plan__in=plan_ids).values_list("task__plan_id", "unit_id").distinct()
        ):
            expected[row[0]].add(row[1])
    submitted: dict[int, dict[int, dt.date]] = defaultdict(dict)  # period -> unit -> day submitted
    reports = UnitReport.objects.filter(period__in=list(periods), status=UnitReport.Status.SUBMITTED)
    for period_id, unit_id, at in reports.values_list("period_id", "unit_id", "submitted_at"):
        submitted[period_id][unit_id] = timezone.localdate(at) if at else as_of
    rows = []
    for pid, p in sorted(periods.items(), key=lambda item: (item[1]["due_date"], item[0])):
        units = expected.get(p["plan_id"], set())
        done = {u: day for u, day in submitted[pid].items() if u in units}
        late_submitted = sum(day > p["due_date"] for day in done.values())
        missing = len(units - set(done)) if p["due_date"] < as_of else 0
        rows.append(
            {
                "commune": p["plan__commune_id"],
                "name": p["name"],
                "due": p["due_date"],
                "expected": len(units),
                "submitted": len(done),
                "late": late_submitted + missing,
            }
        )
    return rows


class PlansSection:
    key = "plans"
    title = "Kết quả thực hiện kế hoạch công tác dân vận chính quyền"
    order = 10

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        codes = [getattr(c, "code", c) for c in communes]
        as_of = _as_of(end)
        counts = {
            row["plan__commune_id"]: row
            for row in _tasks(codes, start, end)
            .values("plan__commune_id")
            .annotate(
                # A task cancelled by an adjustment of the plan is no longer owed: not in the total.
                total=Count("id", filter=~Q(status=Task.Status.CANCELLED)),
                done=Count("id", filter=Q(status=Task.Status.DONE)),
                late=Count("id", filter=_late_q(as_of)),
            )
        }
        reports: dict[str, dict[str, int]] = defaultdict(lambda: {"expected": 0, "submitted": 0, "late": 0})
        for row in _unit_report_rows(codes, start, end):
            for k in ("expected", "submitted", "late"):
                reports[row["commune"]][k] += row[k]
        result = {}
        for code in codes:
            c = counts.get(code, {})
            r = reports.get(code, {})
            values = {
                "tasks_total": c.get("total", 0),
                "tasks_done": c.get("done", 0),
                "tasks_late": c.get("late", 0),
                "unit_reports_expected": r.get("expected", 0),
                "unit_reports_submitted": r.get("submitted", 0),
                "unit_reports_late": r.get("late", 0),
            }
            result[code] = [Figure(k, LABELS[k], v) for k, v in values.items()]
        return result

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent:
        as_of = _as_of(end)
        section = SectionContent(title=self.title)
        tasks = _tasks([commune.code], start, end)
        by_status = dict(tasks.values_list("status").annotate(n=Count("id")).order_by())
        ongoing = tasks.filter(timeframe="ongoing").exclude(status=Task.Status.CANCELLED).count()
        late_qs = tasks.filter(_late_q(as_of)).select_related("plan").order_by("due_date", "pk")
        late = list(late_qs[:LATE_LIST_LIMIT])
        late_total = late_qs.count()
        progress_count = TaskProgress.objects.filter(
            task__in=tasks, at__date__gte=start, at__date__lte=end
        ).count()
        report_rows = _unit_report_rows([commune.code], start, end)
        cancelled = by_status.pop(Task.Status.CANCELLED, 0)
        total = sum(by_status.values())
        if not total and not report_rows:
            section.paragraphs.append(
                "Trong kỳ báo cáo, xã chưa có kế hoạch công tác dân vận chính quyền được ban hành trên hệ "
                "thống nên chưa có số liệu về nhiệm vụ và báo cáo của các đơn vị."
            )
            return section
        done = by_status.get(Task.Status.DONE, 0)
        in_progress = by_status.get(Task.Status.IN_PROGRESS, 0)
        not_started = by_status.get(Task.Status.NOT_STARTED, 0)
        section.paragraphs.append(
            f"Tính đến ngày {as_of:%d/%m/%Y}, các kế hoạch của UBND xã có {total} nhiệm vụ, trong đó "
            f"{done} nhiệm vụ đã hoàn thành, {in_progress} đang thực hiện, {not_started} chưa thực hiện; "
            f"{ongoing} nhiệm vụ thực hiện thường xuyên. Có {late_total} nhiệm vụ trễ hạn. "
            f"Trong kỳ, các đơn vị đã cập nhật tiến độ {progress_count} lượt."
            + (f" Ngoài ra, {cancelled} nhiệm vụ đã hủy khi điều chỉnh kế hoạch." if cancelled else "")
        )
        section.tables.append(
            Table(
                caption="Tình hình thực hiện nhiệm vụ",
                header=["Nội dung", "Số nhiệm vụ"],
                rows=[
                    ["Tổng số nhiệm vụ", str(total)],
                    ["Đã hoàn thành", str(done)],
                    ["Đang thực hiện", str(in_progress)],
                    ["Chưa thực hiện", str(not_started)],
                    ["Thực hiện thường xuyên", str(ongoing)],
                    ["Trễ hạn", str(late_total)],
                    *([["Đã hủy khi điều chỉnh kế hoạch", str(cancelled)]] if cancelled else []),
                ],
            )
        )
        section.charts.append(
            Chart(
                title="Nhiệm vụ theo tình trạng",
                labels=["Hoàn thành", "Đang thực hiện", "Chưa thực hiện", "Trễ hạn"],
                values=[done, in_progress, not_started, late_total],
                unit="nhiệm vụ",
            )
        )
        if late:
            more = f" (liệt kê {len(late)}/{late_total})" if late_total > len(late) else ""
            section.tables.append(
                Table(
                    caption=f"Nhiệm vụ trễ hạn{more}",
                    header=["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tiến độ"],
                    rows=[
                        [
                            str(i),
                            shorten(f"{t.ref} {t.content}".strip(), width=200, placeholder="…"),
                            t.lead_text or "—",
                            t.due_label,
                            f"{t.percent}%" if t.percent is not None else t.get_status_display(),
                        ]
                        for i, t in enumerate(late, 1)
                    ],
                )
            )
        if report_rows:
            expected = sum(r["expected"] for r in report_rows)
            submitted = sum(r["submitted"] for r in report_rows)
            late_reports = sum(r["late"] for r in report_rows)
            section.paragraphs.append(
                f"Về chế độ báo cáo, các đơn vị phải nộp {expected} báo cáo trong kỳ; đã nộp {submitted}, "
                f"nộp chậm hoặc chưa nộp {late_reports}."
            )
            section.tables.append(
                Table(
                    caption="Báo cáo định kỳ của các đơn vị",
                    header=["Kỳ báo cáo", "Hạn nộp", "Phải nộp", "Đã nộp", "Chậm, chưa nộp"],
                    rows=[
                        [
                            r["name"],
                            f"{r['due']:%d/%m/%Y}",
                            str(r["expected"]),
                            str(r["submitted"]),
                            str(r["late"]),
                        ]
                        for r in report_rows
                    ],
                )
            )
        else:
            section.paragraphs.append("Trong kỳ không có kỳ báo cáo nào của các đơn vị đến hạn.")
        section.figures.extend(self.key_figures([commune], start, end)[commune.code])
        return section


register(PlansSection())
