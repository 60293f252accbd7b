"""Every write of who is in charge: assignments of officials (to dân vận work, grassroots democracy, ethnic
and religious work, a village) and members of the steering committee for grassroots democracy, each started
and ended with the decision it came from. Each in one transaction with its audit record; a refusal is a
Vietnamese `ServiceError` and changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.assignments.models import Assignment, CommitteeMember
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.org.models import Membership, Role
from danvan.text.normalize import nfc

MANAGE = "assignments.manage"
S = Assignment.Scope


def _require(by, commune: Commune, what: str) -> None:
    if not can(by, MANAGE, commune):
        raise ServiceError(f"Bạn không có quyền {what}.", code="forbidden")


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} tối đa {max_chars} ký tự.", field=field)
    return text


def _start(day: dt.date | None) -> dt.date:
    if day is None:
        raise ServiceError("Vui lòng nhập ngày bắt đầu (dd/mm/yyyy).", field="starts_on")
    if day > timezone.localdate() + dt.timedelta(days=366):
        raise ServiceError("Ngày bắt đầu quá xa.", field="starts_on")
    return day


def assignment_make(
    *,
    by,
    commune: Commune,
    scope: str,
    official,
    starts_on: dt.date | None,
    village=None,
    position: str = "",
    decision: str = "",
) -> Assignment:
    """Put an official of the commune in charge of a line of work or of a village."""
    _require(by, commune, "phân công cán bộ phụ trách")
    if scope not in S.values:
        raise ServiceError("Vui lòng chọn phụ trách việc gì.", field="scope")
    if scope == S.VILLAGE and village is None:
        raise ServiceError("Vui lòng chọn thôn được phân công phụ trách.", field="village")
    if scope != S.VILLAGE:
        village = None
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    if official is None:
        raise ServiceError("Vui lòng chọn cán bộ được phân công.", field="official")
    roles = list(Membership.objects.filter(user=official, commune=commune))
    if not roles:
        raise ServiceError("Người này không có vai trò ở xã.", field="official")
    position = _text(
        position or roles[0].title or Role(roles[0].role).label,
        field="position",
        label="chức vụ",
        max_chars=150,
    )
    decision = _text(decision, field="decision", label="số quyết định", max_chars=60, required=False)
    starts_on = _start(starts_on)
    with transaction.atomic():
        current = Assignment.objects.filter(
            commune=commune, scope=scope, village=village, official=official, ended_on__isnull=True
        )
        if current.exists():
            raise ServiceError("Cán bộ này đang được phân công việc này.", field="official")
        assignment = Assignment.objects.create(
            commune=commune,
            scope=scope,
            village=village,
            official=official,
            position=position,
            starts_on=starts_on,
            decision=decision,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="assignments.assigned",
            obj=assignment,
            commune=commune,
            after=snapshot(assignment, ["scope", "village", "official", "starts_on", "decision"]),
        )
    return assignment


def assignment_end(*, by, assignment: Assignment, on: dt.date | None) -> Assignment:
    return _end(
        by,
        assignment,
        on,
        doing="kết thúc phân công",
        verb="thôi phụ trách",
        already="Phân công này đã kết thúc.",
        action="assignments.ended",
    )


def member_add(
    *,
    by,
    commune: Commune,
    full_name: str,
    role: str,
    office: str,
    starts_on: dt.date | None,
    user=None,
    decision: str = "",
) -> CommitteeMember:
    """Kiện toàn Ban Chỉ đạo: add a member (one head at a time)."""
    _require(by, commune, "kiện toàn Ban Chỉ đạo")
    if user is not None:
        if not Membership.objects.filter(user=user, commune=commune).exists():
            raise ServiceError("Người này không có vai trò ở xã.", field="user")
        full_name = full_name or user.get_full_name() or user.get_username()
    full_name = _text(full_name, field="full_name", label="họ và tên", max_chars=150)
    if role not in CommitteeMember.Role.values:
        raise ServiceError("Vui lòng chọn nhiệm vụ trong Ban.", field="role")
    office = _text(office, field="office", label="chức vụ, đơn vị công tác", max_chars=200)
    decision = _text(decision, field="decision", label="số quyết định", max_chars=60, required=False)
    starts_on = _start(starts_on)
    with transaction.atomic():
        current = CommitteeMember.objects.select_for_update().filter(commune=commune, ended_on__isnull=True)
        if role == CommitteeMember.Role.HEAD and any(m.role == role for m in current):
            raise ServiceError(
                "Ban Chỉ đạo đã có Trưởng ban: cho Trưởng ban cũ thôi tham gia trước.", field="role"
            )
        if any(m.full_name == full_name for m in current):
            raise ServiceError(f"{full_name} đã là thành viên Ban Chỉ đạo.", field="full_name")
        member = CommitteeMember.objects.create(
            commune=commune,
            full_name=full_name,
            user=user,
            role=role,
            office=office,
            starts_on=starts_on,
            decision=decision,
        )
        audit_record(
            actor=by,
            action="assignments.member_added",
            obj=member,
            commune=commune,
            after=snapshot(member, ["full_name", "role", "office", "starts_on", "decision"]),
        )
    return member


def member_end(*, by, member: CommitteeMember, on: dt.date | None) -> CommitteeMember:
    return _end(
        by,
        member,
        on,
        doing="kiện toàn Ban Chỉ đạo",
        verb="thôi tham gia",
        already="Thành viên này đã thôi tham gia.",
        action="assignments.member_ended",
    )


def _end(by, row, on: dt.date | None, *, doing: str, verb: str, already: str, action: str):
    """End an assignment or a committee membership on `on` (not before it began, once only), audited.
    `doing` names the act in the refusal of permission, `verb` the end in the date's messages."""
    _require(by, row.commune, doing)
    if on is None:
        raise ServiceError(f"Vui lòng nhập ngày {verb} (dd/mm/yyyy).", field="on")
    with transaction.atomic():
        locked = type(row).objects.select_for_update().get(pk=row.pk)
        if locked.ended_on:
            raise ServiceError(already, code="already_ended")
        if on < locked.starts_on:
            raise ServiceError(f"Ngày {verb} không được trước ngày bắt đầu.", field="on")
        locked.ended_on = on
        locked.save(update_fields=["ended_on"])
        audit_record(
            actor=by,
            action=action,
            obj=locked,
            commune=locked.commune,
            after={"ended_on": on.isoformat()},
        )
    return locked


def meeting_record(*, by, commune: Commune, held_on: dt.date | None, summary: str, conclusions: str):
    """A meeting of the steering committee with its conclusions (one a line)."""
    from danvan.assignments.models import CommitteeMeeting, Conclusion

    _require(by, commune, "ghi cuộc họp Ban Chỉ đạo")
    if held_on is None:
        raise ServiceError("Vui lòng nhập ngày họp (dd/mm/yyyy).", field="held_on")
    if held_on > timezone.localdate():
        raise ServiceError("Ngày họp không được sau hôm nay.", field="held_on")
    summary = _text(summary, field="summary", label="nội dung họp", max_chars=5000)
    lines = [nfc(line).strip(" -•\t") for line in str(conclusions or "").splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise ServiceError("Vui lòng ghi ít nhất một kết luận (mỗi kết luận một dòng).", field="conclusions")
    if any(len(line) > 2000 for line in lines):
        raise ServiceError("Mỗi kết luận tối đa 2000 ký tự.", field="conclusions")
    with transaction.atomic():
        meeting = CommitteeMeeting.objects.create(
            commune=commune, held_on=held_on, summary=summary, created_by=by
        )
        Conclusion.objects.bulk_create([Conclusion(meeting=meeting, text=line) for line in lines])
        audit_record(
            actor=by,
            action="assignments.meeting_recorded",
            obj=meeting,
            commune=commune,
            after={"held_on": held_on.isoformat(), "conclusions": len(lines)},
        )
    return meeting


def conclusion_to_task(*, by, conclusion, plan, lead_unit, due_date: dt.date | None = None):
    """A conclusion becomes a task of a plan (bổ sung nhiệm vụ through `plans.adjustments.task_add`, with
    the meeting as its reason), linked back. Once only."""
    from danvan.assignments.models import Conclusion
    from danvan.plans.adjustments import task_add
    from danvan.plans.models import Timeframe

    commune = conclusion.meeting.commune
    _require(by, commune, "đưa kết luận vào kế hoạch")
    if not can(by, "plans.manage", commune):
        raise ServiceError("Bạn không có quyền bổ sung nhiệm vụ vào kế hoạch.", code="forbidden")
    if plan is None or plan.commune_id != commune.pk:
        raise ServiceError("Vui lòng chọn kế hoạch của xã.", field="plan")
    if lead_unit is None:
        raise ServiceError("Vui lòng chọn đơn vị chủ trì.", field="lead_unit")
    with transaction.atomic():
        locked = Conclusion.objects.select_for_update().select_related("meeting").get(pk=conclusion.pk)
        if locked.task_id:
            raise ServiceError("Kết luận này đã được đưa vào kế hoạch.", code="already_sent")
        task = task_add(
            plan=plan,
            content=locked.text,
            reason=(
                "Kết luận cuộc họp Ban Chỉ đạo thực hiện dân chủ ở cơ sở ngày "
                f"{locked.meeting.held_on:%d/%m/%Y}"
            ),
            by=by,
            lead_units=[lead_unit],
            timeframe=Timeframe.BY_DATE if due_date else Timeframe.UNSPECIFIED,
            due_date=due_date,
        )
        locked.task = task
        locked.save(update_fields=["task"])
        audit_record(
            actor=by,
            action="assignments.conclusion_to_task",
            obj=locked.meeting,
            commune=commune,
            after={"conclusion": locked.pk, "task": task.pk},
        )
    return task
