"""Demo reports, dated as they would have happened: the last finished period's report issued a few days
after its end (so the province sees it on time), and the report of the period in progress drafted,
written and submitted for the Chairman's signature. Written through the services; idempotent."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.geo.models import Commune
from danvan.org.models import Membership, Role
from danvan.reports import selectors, services
from danvan.reports.models import Report
from danvan.reports.selectors import standard_period
from danvan.text.dates import reporting_period

OUTLOOK = (
    "Tiếp tục tổ chức tiếp công dân định kỳ và đối thoại với Nhân dân mỗi quý.\n"
    "Hoàn thành các nhiệm vụ còn trễ hạn của kế hoạch dân vận chính quyền trước ngày 31/12.\n"
    "Đôn đốc các thôn hoàn thiện sổ hộ gia đình để biểu quyết đúng tỷ lệ trên tổng số hộ."
)
PROPOSALS = "Đề nghị Sở Nội vụ tổ chức tập huấn sử dụng hệ thống cho trưởng thôn, tổ trưởng tổ dân phố."


def _user(commune: Commune, role: str):
    m = (
        Membership.objects.filter(commune=commune, role=role, is_active=True)
        .select_related("user")
        .order_by("id")
        .first()
    )
    return m.user if m else None


def _finished_period(today: dt.date) -> tuple[str, dt.date, dt.date]:
    """The last period whose report is due by now: the first half once July has begun, else last year."""
    if today.month >= 7:
        return Report.Kind.SIX_MONTHS, *standard_period(Report.Kind.SIX_MONTHS, today.year)
    return Report.Kind.YEAR, *standard_period(Report.Kind.YEAR, today.year - 1)


def _write(report: Report, by) -> None:
    texts = {}
    for s in report.sections.all():
        if s.key == "outlook" and not s.text:
            texts[s.pk] = OUTLOOK
        elif s.key == "proposals" and not s.text:
            texts[s.pk] = PROPOSALS
    services.report_save(report=report, texts=texts, by=by)


def demo_reports(commune: Commune) -> None:
    coordinator, leader = _user(commune, Role.COORDINATOR), _user(commune, Role.COMMUNE_LEADER)
    if coordinator is None or leader is None:
        return
    today = timezone.localdate()
    reports = Report.objects.filter(commune=commune)
    kind, start, end = _finished_period(today)
    if not reports.filter(start=start, end=end).exists():
        report = services.report_create(commune=commune, start=start, end=end, kind=kind, by=coordinator)
        _write(report, coordinator)
        services.report_submit(report=report, by=coordinator)
        issued_on = min(end + dt.timedelta(days=5), today)
        services.report_issue(
            report=report,
            number=selectors.next_number(commune, issued_on.year),
            issued_on=issued_on,
            signer_name=leader.get_full_name() or leader.username,
            signer_title="CHỦ TỊCH",
            signer_on_behalf="",
            recipients=["Sở Nội vụ tỉnh (để báo cáo)", "Thường trực Đảng ủy xã", "Lưu: VT"],
            by=leader,
        )
    start, end = reporting_period(today)
    if end != start and not reports.filter(start=start, end=end).exists():
        kind = Report.Kind.SIX_MONTHS if end.month == 6 else Report.Kind.YEAR
        report = services.report_create(commune=commune, start=start, end=end, kind=kind, by=coordinator)
        _write(report, coordinator)
        services.report_submit(report=report, by=coordinator)
