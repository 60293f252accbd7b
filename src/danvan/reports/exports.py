"""Workspace lists as .xlsx (openpyxl): a plan's tasks, the commune's petitions, units' periodic reports.

Petitions are exported with public-safe columns only: never the sender's identity; a denunciation's
content only for those who may read it (Luật Tố cáo 2018, Điều 9(1)(b), Điều 56).
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from danvan.org.access import memberships_in
from danvan.org.models import Role
from danvan.petitions import rules as petition_rules
from danvan.petitions.models import Petition
from danvan.plans.models import Plan, ReportingPeriod
from danvan.plans.rules import is_late
from danvan.plans.selectors import period_statuses, tasks_with_units

# Above this many rows a petitions export runs as a background job with a progress page.
INLINE_EXPORT_LIMIT = 5000
SECRET = "(Nội dung tố cáo được bảo mật)"  # noqa: S105 (a placeholder text, not a password)


def _workbook(title: str, header: list[str], widths: list[int]):
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = title[:31]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    return wb, ws


def _bytes(wb) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _d(day) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def tasks_xlsx(*, plan: Plan) -> bytes:
    """A plan's tasks: reference, content, lead and coordinating units, time frame, status, progress."""
    today = timezone.localdate()
    wb, ws = _workbook(
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
    return _bytes(wb)


def petitions_queryset(*, commune, filters: dict):
    """The petitions list's filters (same names as on the list page: status, kind, field, unit, overdue)."""
    today = timezone.localdate()
    qs = Petition.objects.filter(commune=commune)
    if filters.get("status") in Petition.Status.values:
        qs = qs.filter(status=filters["status"])
    if filters.get("kind") in Petition.Kind.values:
        qs = qs.filter(kind=filters["kind"])
    for key in ("field", "unit"):
        if str(filters.get(key) or "").isdigit():
            qs = qs.filter(**{f"{key}_id": int(filters[key])})
    if filters.get("overdue") in ("on", "1", "true", True):
        qs = qs.filter(
            Q(status__in=petition_rules.PENDING_PROCESSING)
            & (Q(process_due__lt=today) | Q(accept_due__lt=today))
            | Q(status__in=petition_rules.BEING_RESOLVED, resolve_due__lt=today)
        )
    return qs


def _secret_readers(user, commune) -> tuple[bool, set[int]]:
    """(reads every denunciation, units whose denunciations the user reads): leaders and the coordinator
    read all, a unit officer those handled by their unit (as the petition pages decide)."""
    all_ = False
    units: set[int] = set()
    for m in memberships_in(user, commune):
        if m.role in (Role.COMMUNE_LEADER, Role.COORDINATOR):
            all_ = True
        elif m.role == Role.UNIT_OFFICER and m.unit_id:
            units.add(m.unit_id)
    return all_, units


def petitions_xlsx(*, commune, user, filters: dict, progress: Callable[[int], None] | None = None) -> bytes:
    wb, ws = _workbook(
        "Đơn thư",
        [
            "Mã tra cứu",
            "Ngày nhận",
            "Kênh",
            "Loại đơn",
            "Trạng thái",
            "Lĩnh vực",
            "Thôn",
            "Đơn vị xử lý",
            "Hạn giải quyết",
            "Ngày trả lời",
            "Số người đứng đơn",
            "Nội dung",
        ],
        [14, 12, 14, 14, 22, 22, 18, 24, 14, 14, 10, 80],
    )
    reads_all, units = _secret_readers(user, commune)
    qs = (
        petitions_queryset(commune=commune, filters=filters)
        .select_related("field", "village", "unit")
        .only(
            "tracking_code",
            "received_on",
            "channel",
            "kind",
            "kind_hint",
            "status",
            "field__name",
            "village__name",
            "unit__name",
            "unit_id",
            "resolve_due",
            "answered_on",
            "signers_count",
            "content",
        )
        .order_by("-received_on", "-id")
    )
    total = qs.count() or 1
    for i, p in enumerate(qs.iterator(chunk_size=2000), 1):
        secret = Petition.Kind.DENUNCIATION in (p.kind, p.kind_hint)
        may_read = not secret or reads_all or (p.unit_id in units)
        ws.append(
            [
                p.tracking_code,
                _d(p.received_on),
                p.get_channel_display(),
                p.get_kind_display(),
                p.get_status_display(),
                p.field.name if p.field else "",
                p.village.name if p.village else "",
                p.unit.name if p.unit else "",
                _d(p.resolve_due),
                _d(p.answered_on),
                p.signers_count,
                p.content if may_read else SECRET,
            ]
        )
        if progress and i % 2000 == 0:
            progress(int(100 * i / total))
    return _bytes(wb)


def unit_reports_xlsx(*, period: ReportingPeriod) -> bytes:
    """Who must report for a period, where each stands, when submitted, and the figures written."""
    wb, ws = _workbook(
        "Báo cáo đơn vị",
        ["Đơn vị", "Tình trạng", "Ngày nộp", "Nộp đúng hạn", "Số liệu, kết quả chung"],
        [34, 20, 16, 12, 80],
    )
    for s in period_statuses(period=period):
        r = s.report
        submitted_on = timezone.localdate(r.submitted_at) if r and r.submitted_at else None
        on_time = "" if submitted_on is None else ("Có" if submitted_on <= period.due_date else "Không")
        ws.append([s.unit.name, s.label, _d(submitted_on), on_time, r.figures if r else ""])
    return _bytes(wb)
