"""Checks every scoring service shares: who may manage a framework, who self-assesses for a subject,
who reviews, and one status move under a row lock."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.org.access import can, is_system_admin, memberships_in, watched_provinces
from danvan.org.models import Role
from danvan.scoring import rules
from danvan.scoring.models import Assessment, Framework
from danvan.text.normalize import nfc

AUDIT_FIELDS = ["framework", "commune", "unit", "status", "return_reason"]


def may_manage(user, framework: Framework) -> bool:
    """A commune's framework: its leaders and coordinator; a province's: its province viewers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if framework.commune_id:
        return can(user, "scoring.manage", framework.commune)
    return watched_provinces(user).filter(pk=framework.province_id).exists()


def may_manage_province(user, province) -> bool:
    return (
        getattr(user, "is_authenticated", False) and watched_provinces(user).filter(pk=province.pk).exists()
    )


def may_self_assess(user, assessment: Assessment) -> bool:
    """A unit's officer (or the commune's coordinator and leaders) for a unit; the commune's leaders and
    coordinator for the commune's own sheet under the province's framework."""
    if not getattr(user, "is_authenticated", False) or not can(
        user, "scoring.self_assess", assessment.commune
    ):
        return False
    if can(user, "scoring.manage", assessment.commune) and not _is_province_only(user, assessment):
        return True
    if assessment.unit_id is None:
        return False
    return any(
        m.role == Role.UNIT_OFFICER and m.unit_id == assessment.unit_id
        for m in memberships_in(user, assessment.commune)
    )


def _is_province_only(user, assessment: Assessment) -> bool:
    """A province viewer reviews communes' sheets; they never fill one in."""
    return not memberships_in(user, assessment.commune) and not is_system_admin(user)


def may_review(user, assessment: Assessment) -> bool:
    """The framework's owner reviews: the commune for its units, the province for its communes."""
    return may_manage(user, assessment.framework)


def clean_text(value, *, field: str, label: str, required: bool = True, max_chars: int = 3_000) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label[:1].upper()}{label[1:]} dài quá {max_chars} ký tự.", field=field)
    return text


def clean_points(value, *, max_points: Decimal, field: str = "points") -> Decimal:
    try:
        points = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        raise ServiceError("Điểm phải là một số.", field=field) from None
    if not points.is_finite() or points < 0 or points > max_points:
        raise ServiceError(f"Điểm phải từ 0 đến {max_points.normalize():f}.", field=field)
    if points != rules.quantize(points):
        raise ServiceError("Điểm chấm theo bước 0,25.", field=field)
    return points


def move(*, by, assessment: Assessment, to: str, action: str, changes: dict | None = None) -> Assessment:
    """Move a locked assessment to `to` if the table allows it, with other field changes, and audit it."""
    if not rules.may_move(assessment.status, to):
        raise ServiceError(
            f"Phiếu đang ở trạng thái “{assessment.get_status_display().lower()}”: không thể chuyển sang "
            f"“{Assessment.Status(to).label.lower()}”.",
            code="bad_transition",
        )
    before = snapshot(assessment, AUDIT_FIELDS)
    assessment.status = to
    for name, value in (changes or {}).items():
        setattr(assessment, name, value)
    assessment.save(update_fields=["status", *(changes or {})])
    audit_record(
        actor=by, action=action, obj=assessment, before=before, after=snapshot(assessment, AUDIT_FIELDS)
    )
    return assessment


def now():
    return timezone.now()
