"""The commune's petitions as .xlsx, with public-safe columns only.

Never the sender's identity; a denunciation's content only for those who may read it (Luật Tố cáo
2018, Điều 9(1)(b), Điều 56).
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q
from django.utils import timezone

from danvan.documents import xlsx
from danvan.org.access import memberships_in
from danvan.org.models import Role
from danvan.petitions import rules as petition_rules
from danvan.petitions.models import Petition

# Above this many rows a petitions export runs as a background job with a progress page.
INLINE_EXPORT_LIMIT = 5000
SECRET = "(Nội dung tố cáo được bảo mật)"  # noqa: S105 (a placeholder text, not a password)


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
    wb, ws = xlsx.workbook(
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
                xlsx.day_cell(p.received_on),
                p.get_channel_display(),
                p.get_kind_display(),
                p.get_status_display(),
                p.field.name if p.field else "",
                p.village.name if p.village else "",
                p.unit.name if p.unit else "",
                xlsx.day_cell(p.resolve_due),
                xlsx.day_cell(p.answered_on),
                p.signers_count,
                p.content if may_read else SECRET,
            ]
        )
        if progress and i % 2000 == 0:
            progress(int(100 * i / total))
    return xlsx.to_bytes(wb)
