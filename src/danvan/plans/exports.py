"""A plan's tasks and a period's units' reports as .xlsx, for the coordinator's own follow-up."""

from __future__ import annotations

from django.utils import timezone

from danvan.documents import xlsx
from danvan.plans.models import Plan, ReportingPeriod
from danvan.plans.rules import is_late
from danvan.plans.selectors import period_statuses, tasks_with_units


def tasks_xlsx(*, plan: Plan) -> bytes:
    """A plan's tasks: reference, content, lead and coordinating units, time frame, status, progress."""
    today = timezone.localdate()
    wb, ws = xlsx.workbook(
        "Nhiệm vụ",
        [
            "Mục",
            "Nội dung nhiệm vụ",
            "Chủ trì",
            "Phối hợp",
            "Thời gian",
            "Trạng thái",
            "Tiến độ (%)",
            "Trễ hạn",
        ],
        [8, 70, 30, 30, 18, 16, 10, 10],
    )
    for t in tasks_with_units(plan.tasks.order_by("order")):
        ws.append(
            [
                t.ref,
                t.content,
                ", ".join(u.name for u in t.lead_units.all()) or t.lead_text,
                ", ".join(u.name for u in t.coordinating_units.all()) or t.coordinating_text,
                t.due_label,
                t.get_status_display(),
                t.percent,
                "Có" if is_late(t, today) else "",
            ]
        )
    return xlsx.to_bytes(wb)


def unit_reports_xlsx(*, period: ReportingPeriod) -> bytes:
    """Who must report for a period, where each stands, when submitted, and the figures written."""
    wb, ws = xlsx.workbook(
        "Báo cáo đơn vị",
        ["Đơn vị", "Tình trạng", "Ngày nộp", "Nộp đúng hạn", "Số liệu, kết quả chung"],
        [34, 20, 16, 12, 80],
    )
    for s in period_statuses(period=period):
        r = s.report
        submitted_on = timezone.localdate(r.submitted_at) if r and r.submitted_at else None
        on_time = "" if submitted_on is None else ("Có" if submitted_on <= period.due_date else "Không")
        ws.append([s.unit.name, s.label, xlsx.day_cell(submitted_on), on_time, r.figures if r else ""])
    return xlsx.to_bytes(wb)
