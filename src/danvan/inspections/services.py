"""Every write about inspections: plan one, record findings (each may become a unit's remedial task
with a deadline in working days), conclude it, report a remedial task done; and the daily reminders.
Each checks who acts, validates (a ServiceError in Vietnamese, nothing saved), writes in one
transaction and audits there."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.inspections import rules
from danvan.inspections.models import Finding, Inspection, RemedialTask
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import can, memberships_in, roles_in
from danvan.org.models import Membership, Role
from danvan.text.normalize import nfc

FIELDS = [
    "title",
    "kind",
    "unit",
    "village",
    "scope",
    "inspectors",
    "starts_on",
    "ends_on",
    "status",
    "conclusion",
    "concluded_on",
]


def _require(by, commune, permission: str, what: str) -> None:
    if by is None or not getattr(by, "is_authenticated", False) or not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def _text(value, *, field: str, label: str, required: bool = True, max_chars: int = 5_000) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label[:1].upper()}{label[1:]} dài quá {max_chars} ký tự.", field=field)
    return text


def inspection_plan(
    *,
    by,
    commune,
    title: str,
    kind: str,
    scope: str,
    inspectors: str,
    starts_on: dt.date,
    ends_on: dt.date,
    unit=None,
    village=None,
) -> Inspection:
    """Plan an inspection (or a supervision) of one unit or one village of the commune."""
    _require(by, commune, "inspections.manage", "lập kế hoạch kiểm tra")
    if (unit is None) == (village is None):
        raise ServiceError("Chọn một đơn vị hoặc một thôn được kiểm tra.", field="unit")
    if unit is not None and unit.commune_id != commune.code:
        raise ServiceError("Đơn vị không thuộc xã này.", field="unit")
    if village is not None and village.commune_id != commune.code:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    if kind not in Inspection.Kind.values:
        raise ServiceError("Hình thức không hợp lệ.", field="kind")
    if starts_on is None or ends_on is None or ends_on < starts_on:
        raise ServiceError("Ngày kết thúc không được trước ngày bắt đầu.", field="ends_on")
    with transaction.atomic():
        inspection = Inspection.objects.create(
            commune=commune,
            kind=kind,
            unit=unit,
            village=village,
            starts_on=starts_on,
            ends_on=ends_on,
            title=" ".join(_text(title, field="title", label="tên cuộc kiểm tra", max_chars=300).split()),
            scope=_text(scope, field="scope", label="nội dung kiểm tra"),
            inspectors=_text(inspectors, field="inspectors", label="thành phần đoàn kiểm tra", max_chars=500),
            created_by=by,
        )
        audit_record(actor=by, action="inspections.plan", obj=inspection, after=snapshot(inspection, FIELDS))
    return inspection


def finding_add(
    *,
    by,
    inspection: Inspection,
    text: str,
    recommendation: str = "",
    unit=None,
    task: str = "",
    working_days: int | None = None,
    on: dt.date | None = None,
) -> Finding:
    """Record a finding; with a unit and a task it becomes that unit's remedial task, due `working_days`
    working days after `on` (the legal working calendar: weekends, holidays, make-up days)."""
    _require(by, inspection.commune, "inspections.manage", "ghi kết quả kiểm tra")
    text = _text(text, field="text", label="tồn tại, hạn chế")
    recommendation = _text(recommendation, field="recommendation", label="kiến nghị", required=False)
    task = _text(task, field="task", label="nội dung khắc phục", required=False)
    on = on or timezone.localdate()
    if unit is not None or task:
        if unit is None or unit.commune_id != inspection.commune_id or not unit.is_active:
            raise ServiceError("Chọn đơn vị khắc phục của xã.", field="unit")
        if not task:
            raise ServiceError("Vui lòng nhập nội dung khắc phục.", field="task")
        if working_days is None or not 1 <= int(working_days) <= rules.MAX_REMEDY_WORKING_DAYS:
            raise ServiceError(
                f"Thời hạn khắc phục từ 1 đến {rules.MAX_REMEDY_WORKING_DAYS} ngày làm việc.",
                field="working_days",
            )
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.status == Inspection.Status.CONCLUDED:
            raise ServiceError("Cuộc kiểm tra đã kết luận: không thêm được tồn tại.", code="bad_state")
        finding = Finding.objects.create(
            inspection=locked, order=locked.findings.count() + 1, text=text, recommendation=recommendation
        )
        after = {"finding": finding.pk, "text": text}
        if unit is not None:
            due = current_calendar().add_working_days(on, int(working_days))
            remedial = RemedialTask.objects.create(
                finding=finding,
                commune=locked.commune,
                unit=unit,
                content=task,
                working_days=int(working_days),
                set_on=on,
                due_on=due,
            )
            after.update(task=remedial.pk, unit=unit.pk, due_on=due.isoformat())
            url = f"/lam-viec/{locked.commune_id}/kiem-tra/{locked.pk}/"
            users = [
                m.user
                for m in Membership.objects.filter(
                    unit=unit, is_active=True, role=Role.UNIT_OFFICER
                ).select_related("user")
            ]
            notify(
                users=users,
                text=f"Nhiệm vụ khắc phục sau kiểm tra, hạn {due:%d/%m/%Y}: {task[:120]}",
                key=f"remedial:{remedial.pk}:set",
                url=url,
                commune=locked.commune,
            )
        audit_record(actor=by, action="inspections.finding", obj=locked, after=after)
    return finding


def inspection_conclude(
    *, by, inspection: Inspection, conclusion: str, on: dt.date | None = None
) -> Inspection:
    """Write the conclusion; the inspection report (.docx) is then issued from it."""
    _require(by, inspection.commune, "inspections.manage", "kết luận kiểm tra")
    conclusion = _text(conclusion, field="conclusion", label="kết luận")
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if locked.status == Inspection.Status.CONCLUDED:
            raise ServiceError("Cuộc kiểm tra đã kết luận.", code="bad_state")
        if on < locked.starts_on:
            raise ServiceError("Ngày kết luận không được trước ngày bắt đầu kiểm tra.", field="on")
        before = snapshot(locked, FIELDS)
        locked.status, locked.conclusion, locked.concluded_on = Inspection.Status.CONCLUDED, conclusion, on
        locked.save(update_fields=["status", "conclusion", "concluded_on"])
        audit_record(
            actor=by, action="inspections.conclude", obj=locked, before=before, after=snapshot(locked, FIELDS)
        )
    return locked


def may_remedy(user, task: RemedialTask) -> bool:
    """The unit's officer, or the commune's coordinator and leaders."""
    if not getattr(user, "is_authenticated", False) or not can(user, "inspections.remedy", task.commune):
        return False
    if roles_in(user, task.commune) & rules.MANAGERS:
        return True
    return any(
        m.role == Role.UNIT_OFFICER and m.unit_id == task.unit_id for m in memberships_in(user, task.commune)
    )


def remedial_done(
    *, by, task: RemedialTask, result: str, evidence=None, on: dt.date | None = None
) -> RemedialTask:
    """The unit reports a remedial task done, with what it did and, if it has one, an evidence file."""
    if not may_remedy(by, task):
        raise ServiceError("Bạn chỉ báo cáo được nhiệm vụ khắc phục của đơn vị mình.", code="forbidden")
    result = _text(result, field="result", label="kết quả khắc phục")
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ServiceError("Ngày khắc phục xong không được sau hôm nay.", field="on")
    checked = check_upload(evidence) if evidence is not None else None
    with transaction.atomic():
        locked = RemedialTask.objects.select_for_update().get(pk=task.pk)
        if locked.status == RemedialTask.Status.DONE:
            raise ServiceError("Nhiệm vụ này đã báo cáo khắc phục xong.", code="bad_state")
        if on < locked.set_on:
            raise ServiceError("Ngày khắc phục xong không được trước ngày giao.", field="on")
        locked.status, locked.done_on, locked.result, locked.done_by = (
            RemedialTask.Status.DONE,
            on,
            result,
            by,
        )
        if checked is not None:
            locked.evidence = evidence
            locked.evidence_name = (getattr(evidence, "name", "") or "minh-chung")[:255]
            locked.evidence_kind, locked.evidence_sha256 = checked.kind, checked.sha256
        locked.save()
        audit_record(
            actor=by,
            action="inspections.remedied",
            obj=locked,
            after={
                "done_on": on.isoformat(),
                "late": on > locked.due_on,
                "evidence_sha256": locked.evidence_sha256,
            },
        )
    return locked


def reminders_send(*, today: dt.date) -> int:
    """Daily: remind a unit's officers of a remedial task coming due and, once it is late, the unit and
    the commune's coordinator and leaders. Each reminder goes once (the notification key)."""
    cal = current_calendar()
    soon = cal.add_working_days(today, rules.REMIND_BEFORE_WORKING_DAYS)
    sent = 0
    tasks = list(
        RemedialTask.objects.filter(status=RemedialTask.Status.OPEN, due_on__lte=soon).select_related(
            "commune", "finding__inspection"
        )
    )
    if not tasks:
        return 0
    members = list(
        Membership.objects.filter(is_active=True, commune__in={t.commune_id for t in tasks})
        .filter(role__in=[Role.UNIT_OFFICER, Role.COORDINATOR, Role.COMMUNE_LEADER])
        .select_related("user")
    )
    for task in tasks:
        unit_users = [m.user for m in members if m.role == Role.UNIT_OFFICER and m.unit_id == task.unit_id]
        url = f"/lam-viec/{task.commune_id}/kiem-tra/{task.finding.inspection_id}/"
        if task.due_on < today:
            managers = [
                m.user for m in members if m.commune_id == task.commune_id and m.role != Role.UNIT_OFFICER
            ]
            text = (
                f"Nhiệm vụ khắc phục sau kiểm tra đã quá hạn ({task.due_on:%d/%m/%Y}): {task.content[:120]}"
            )
            sent += len(
                notify(
                    users=unit_users + managers,
                    text=text,
                    key=f"remedial:{task.pk}:late",
                    url=url,
                    commune=task.commune,
                )
            )
        else:
            text = (
                f"Nhiệm vụ khắc phục sau kiểm tra đến hạn ngày {task.due_on:%d/%m/%Y}: {task.content[:120]}"
            )
            sent += len(
                notify(
                    users=unit_users, text=text, key=f"remedial:{task.pk}:soon", url=url, commune=task.commune
                )
            )
    return sent
