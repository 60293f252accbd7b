"""Complaints since 1/7/2026 (Luật Khiếu nại 2011 as amended by Luật 136/2025/QH15): suspending and
resuming the resolution with its clock paused, and the complainant withdrawing part of a complaint."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import snapshot
from danvan.core.errors import ServiceError
from danvan.legaltime.calendar import current_calendar
from danvan.org.models import Role
from danvan.petitions import rules
from danvan.petitions.models import Petition
from danvan.petitions.services.common import (
    AUDIT_FIELDS,
    HANDLERS,
    MAX_CONTENT_CHARS,
    Kind,
    Status,
    clean_text,
    lock_petition,
    move_status,
    record_event,
    require_role,
)

AMENDMENT = "Luật Khiếu nại 2011, sửa đổi bởi Luật 136/2025/QH15"


def _check_law(petition: Petition, on: date, what: str, flag: str = "allowed") -> None:
    if petition.kind != Kind.COMPLAINT:
        raise ServiceError(f"Chỉ đơn khiếu nại mới được {what}.", code="not_complaint")
    if not rules.suspension_rule(on).value.get(flag):
        raise ServiceError(
            f"Việc {what} chỉ áp dụng từ ngày 01/07/2026 ({AMENDMENT}).", code="not_in_force", field="on"
        )


def complaint_suspend(*, petition: Petition, reason: str, by, on: date | None = None) -> Petition:
    """Tạm đình chỉ việc giải quyết khiếu nại: the deadline stops running from `on` until resumed."""
    require_role(by, petition.commune, {Role.COMMUNE_LEADER}, "tạm đình chỉ giải quyết khiếu nại")
    day = on or timezone.localdate()
    why = clean_text(reason, field="reason", label="lý do tạm đình chỉ", max_chars=2000)

    def prepare(locked: Petition) -> dict:
        _check_law(locked, day, "tạm đình chỉ giải quyết")
        if locked.accepted_on and day < locked.accepted_on:
            raise ServiceError("Ngày tạm đình chỉ không được trước ngày thụ lý.", field="on")
        return {"suspended_on": day, "suspended_from": locked.status}

    return move_status(
        petition,
        Status.SUSPENDED,
        by,
        action="suspend",
        prepare=prepare,
        note=f"Việc giải quyết khiếu nại được tạm đình chỉ từ ngày {day:%d/%m/%Y}. Lý do: {why}",
    )


def complaint_resume(*, petition: Petition, by, on: date | None = None) -> Petition:
    """Tiếp tục giải quyết: the deadline moves by the days the resolution stood still."""
    require_role(by, petition.commune, {Role.COMMUNE_LEADER}, "tiếp tục giải quyết khiếu nại")
    day = on or timezone.localdate()
    cal = current_calendar()
    with transaction.atomic():
        locked = lock_petition(petition)
        if locked.status != Status.SUSPENDED or locked.suspended_on is None:
            raise ServiceError("Khiếu nại này không đang bị tạm đình chỉ.", code="not_suspended")
        if day < locked.suspended_on:
            raise ServiceError("Ngày tiếp tục không được trước ngày tạm đình chỉ.", field="on")
        paused = (day - locked.suspended_on).days
        new_due = (
            rules.resumed_due(locked.resolve_due, locked.suspended_on, day, cal)
            if locked.resolve_due
            else None
        )
        return move_status(
            locked,
            locked.suspended_from or Status.VERIFYING,
            by,
            action="resume",
            resolve_due=new_due,
            suspended_on=None,
            suspended_from="",
            paused_days=locked.paused_days + paused,
            note=f"Tiếp tục giải quyết khiếu nại từ ngày {day:%d/%m/%Y}"
            + (f"; hạn giải quyết mới: {new_due:%d/%m/%Y}." if new_due else "."),
            extra={"paused_days_now": paused},
        )


def complaint_withdraw_part(*, petition: Petition, part: str, by, on: date | None = None) -> Petition:
    """Người khiếu nại rút một phần khiếu nại: the part withdrawn is recorded; the rest is resolved."""
    require_role(by, petition.commune, HANDLERS, "ghi nhận việc rút một phần khiếu nại")
    day = on or timezone.localdate()
    text = clean_text(part, field="part", label="nội dung rút", max_chars=MAX_CONTENT_CHARS)
    with transaction.atomic():
        locked = lock_petition(petition)
        _check_law(locked, day, "rút một phần khiếu nại", flag="partial_withdrawal")
        if locked.status not in rules.OPEN_STATUSES:
            raise ServiceError("Khiếu nại đã giải quyết xong, không thể rút một phần.", code="bad_status")
        before = snapshot(locked, AUDIT_FIELDS)
        stamp = f"Ngày {day:%d/%m/%Y}: {text}"
        locked.withdrawn_part = f"{locked.withdrawn_part}\n{stamp}".strip()
        locked.save(update_fields=["withdrawn_part"])
        record_event(
            locked,
            by=by,
            action="withdraw_part",
            before=before,
            note="Người khiếu nại đã rút một phần nội dung khiếu nại; phần còn lại tiếp tục được giải quyết.",
        )
    return locked
