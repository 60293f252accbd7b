"""Điều chỉnh, bổ sung kế hoạch: every change to a plan's tasks once drawn up, with its reason and history.

Each change is one function: it checks the plan may still change, writes the task, a `TaskChange`
(the task's history: who, when, what from → to, why) and an audit record in one transaction, and
notifies the members of every unit the change touches (before or after) once the plan is issued.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F, Max

from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.org.models import Membership, Unit
from danvan.plans.models import Plan, Task, TaskChange, Timeframe
from danvan.plans.rules import DATED

REASON_MAX = 1000
CONTENT_MAX = 5000
# A split makes at most this many tasks: a longer list is a new plan, not an adjustment.
SPLIT_MAX_PARTS = 10


# --- checks ----------------------------------------------------------------------------------------


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError(
            "Vui lòng ghi lý do điều chỉnh (ví dụ: theo chỉ đạo của Chủ tịch UBND xã).", field="reason"
        )
    if len(reason) > REASON_MAX:
        raise ServiceError(f"Lý do dài quá {REASON_MAX} ký tự.", field="reason")
    return reason


def _content(content: str) -> str:
    content = " ".join((content or "").split())
    if not content:
        raise ServiceError("Vui lòng nhập nội dung nhiệm vụ.", field="content")
    if len(content) > CONTENT_MAX:
        raise ServiceError(f"Nội dung nhiệm vụ dài quá {CONTENT_MAX} ký tự.", field="content")
    return content


def _ref(ref: str) -> str:
    ref = " ".join((ref or "").split())
    if len(ref) > 30:
        raise ServiceError("Số mục dài quá 30 ký tự.", field="ref")
    return ref


def _open_plan(plan: Plan) -> Plan:
    """The plan, locked: two coordinators adjusting at once change it one after the other."""
    plan = Plan.objects.select_for_update().select_related("commune").get(pk=plan.pk)
    if plan.status == Plan.Status.CLOSED:
        raise ServiceError("Kế hoạch đã kết thúc, không điều chỉnh được nữa.", code="closed")
    return plan


def _open_task(task: Task) -> tuple[Task, Plan]:
    plan = _open_plan(task.plan)
    task = Task.objects.select_for_update().get(pk=task.pk, plan=plan)
    if task.status == Task.Status.CANCELLED:
        raise ServiceError("Nhiệm vụ đã hủy, không điều chỉnh được nữa.", code="cancelled")
    return task, plan


def _units(plan: Plan, units, *, field: str) -> list[Unit]:
    units = list({u.pk: u for u in units or []}.values())
    if any(u.commune_id != plan.commune_id for u in units):
        raise ServiceError("Đơn vị đã chọn không thuộc xã của kế hoạch.", field=field)
    return sorted(units, key=lambda u: (u.sort_order, u.name))


def _timeframe(timeframe: str, due_date: date | None) -> tuple[str, date | None]:
    if timeframe not in Timeframe.values:
        raise ServiceError("Thời gian thực hiện không hợp lệ.", field="timeframe")
    if timeframe in DATED:
        if due_date is None:
            raise ServiceError("Vui lòng nhập ngày hạn cho nhiệm vụ có thời hạn.", field="due_date")
        if not 2000 <= due_date.year <= 2100:
            raise ServiceError("Ngày hạn không hợp lệ.", field="due_date")
        return timeframe, due_date
    # "Thường xuyên" and "không ghi thời hạn" carry no date: a stale one would make the task late.
    return timeframe, None


# --- words for the history page --------------------------------------------------------------------


def _names(units) -> str:
    return "; ".join(u.name for u in units) or "—"


def _due_words(timeframe: str, due_date: date | None) -> str:
    return Task(timeframe=timeframe, due_date=due_date).due_label


def _diff(label: str, before: str, after: str) -> list[dict]:
    return [] if before == after else [{"field": label, "before": before, "after": after}]


# --- recording -------------------------------------------------------------------------------------


def _record(
    *, task: Task, plan: Plan, kind: str, changes: list[dict], reason: str, by, units: set[Unit]
) -> TaskChange:
    change = TaskChange.objects.create(
        task=task,
        kind=kind,
        changes=changes,
        reason=reason,
        by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit_record(
        actor=by,
        action=f"plans.task_{kind}",
        obj=task,
        commune=plan.commune,
        before={c["field"]: c["before"] for c in changes},
        after={**{c["field"]: c["after"] for c in changes}, "lý do": reason},
    )
    # A draft is still being written: its units hear of their tasks when it is issued.
    if plan.status == Plan.Status.ISSUED and units:
        users = [
            m.user for m in Membership.objects.filter(unit__in=units, is_active=True).select_related("user")
        ]
        what = " ".join(filter(None, [TaskChange.Kind(kind).label, task.ref]))
        notify(
            users=users,
            text=f"{what} ({plan.number or plan.title[:60]}): {task.content[:100]} – Lý do: {reason[:150]}",
            key=f"task:{task.pk}:change:{change.pk}",
            url=f"/lam-viec/{plan.commune_id}/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/",
            commune=plan.commune,
        )
    return change


def _task_units(task: Task) -> set[Unit]:
    return {*task.lead_units.all(), *task.coordinating_units.all()}


# --- the changes -----------------------------------------------------------------------------------


def task_add(
    *,
    plan: Plan,
    content: str,
    reason: str,
    by,
    ref: str = "",
    lead_units=(),
    coordinating_units=(),
    timeframe: str = Timeframe.UNSPECIFIED,
    due_date: date | None = None,
) -> Task:
    """Bổ sung nhiệm vụ: a new task at the end of the plan, with its units and time frame."""
    content, ref, reason = _content(content), _ref(ref), _reason(reason)
    timeframe, due_date = _timeframe(timeframe, due_date)
    with transaction.atomic():
        plan = _open_plan(plan)
        leads = _units(plan, lead_units, field="lead_units")
        coords = [u for u in _units(plan, coordinating_units, field="coordinating_units") if u not in leads]
        order = (plan.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
        task = Task.objects.create(
            plan=plan,
            ref=ref,
            order=order,
            content=content,
            lead_text=_names(leads) if leads else "",
            coordinating_text=_names(coords) if coords else "",
            timeframe=timeframe,
            due_date=due_date,
        )
        task.lead_units.set(leads)
        task.coordinating_units.set(coords)
        changes = [
            {"field": "Nội dung", "before": "", "after": content},
            {"field": "Chủ trì", "before": "", "after": _names(leads)},
            {"field": "Phối hợp", "before": "", "after": _names(coords)},
            {"field": "Thời gian", "before": "", "after": task.due_label},
        ]
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.ADD,
            changes=changes,
            reason=reason,
            by=by,
            units={*leads, *coords},
        )
    return task


def task_edit(*, task: Task, content: str, reason: str, by, ref: str | None = None) -> Task:
    """Sửa nội dung (and the item number) of a task."""
    content, reason = _content(content), _reason(reason)
    with transaction.atomic():
        task, plan = _open_task(task)
        new_ref = task.ref if ref is None else _ref(ref)
        changes = _diff("Nội dung", task.content, content) + _diff("Mục", task.ref, new_ref)
        if not changes:
            raise ServiceError("Nội dung không thay đổi; không có gì để lưu.", code="unchanged")
        task.content, task.ref = content, new_ref
        task.save(update_fields=["content", "ref", "updated_at"])
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.EDIT,
            changes=changes,
            reason=reason,
            by=by,
            units=_task_units(task),
        )
    return task


def task_reassign(*, task: Task, lead_units, coordinating_units, reason: str, by) -> Task:
    """Giao lại: change the lead (chủ trì) and partner (phối hợp) units; both old and new units hear."""
    reason = _reason(reason)
    with transaction.atomic():
        task, plan = _open_task(task)
        leads = _units(plan, lead_units, field="lead_units")
        coords = [u for u in _units(plan, coordinating_units, field="coordinating_units") if u not in leads]
        old_leads = sorted(task.lead_units.all(), key=lambda u: (u.sort_order, u.name))
        old_coords = sorted(task.coordinating_units.all(), key=lambda u: (u.sort_order, u.name))
        changes = _diff("Chủ trì", _names(old_leads), _names(leads)) + _diff(
            "Phối hợp", _names(old_coords), _names(coords)
        )
        if not changes:
            raise ServiceError("Đơn vị chủ trì và phối hợp không thay đổi.", code="unchanged")
        task.lead_units.set(leads)
        task.coordinating_units.set(coords)
        task.save(update_fields=["updated_at"])
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.REASSIGN,
            changes=changes,
            reason=reason,
            by=by,
            units={*old_leads, *old_coords, *leads, *coords},
        )
    return task


def task_redate(*, task: Task, timeframe: str, due_date: date | None, reason: str, by) -> Task:
    """Đổi thời hạn: a new time frame or date; a task moved past today stops being late."""
    reason = _reason(reason)
    timeframe, due_date = _timeframe(timeframe, due_date)
    with transaction.atomic():
        task, plan = _open_task(task)
        if timeframe == Timeframe.ONGOING and task.status == Task.Status.DONE:
            raise ServiceError(
                "Nhiệm vụ đã hoàn thành không chuyển thành nhiệm vụ thường xuyên được.", field="timeframe"
            )
        before = _due_words(task.timeframe, task.due_date)
        after = _due_words(timeframe, due_date)
        if (task.timeframe, task.due_date) == (timeframe, due_date):
            raise ServiceError("Thời hạn không thay đổi.", code="unchanged")
        task.timeframe, task.due_date = timeframe, due_date
        task.save(update_fields=["timeframe", "due_date", "updated_at"])
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.REDATE,
            changes=[{"field": "Thời gian", "before": before, "after": after}],
            reason=reason,
            by=by,
            units=_task_units(task),
        )
    return task


def task_cancel(*, task: Task, reason: str, by) -> Task:
    """Hủy nhiệm vụ: kept with its history and progress, shown as cancelled, never late or reminded."""
    reason = _reason(reason)
    with transaction.atomic():
        task, plan = _open_task(task)
        before = task.get_status_display()
        task.status = Task.Status.CANCELLED
        task.save(update_fields=["status", "updated_at"])
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.CANCEL,
            changes=[{"field": "Tình trạng", "before": before, "after": task.get_status_display()}],
            reason=reason,
            by=by,
            units=_task_units(task),
        )
    return task


def task_split(*, task: Task, parts: list[str], reason: str, by) -> list[Task]:
    """Tách nhiệm vụ: the task keeps the first part; each other part becomes a task right after it,
    with the same units and time frame. Returns every part, the original first."""
    reason = _reason(reason)
    parts = [" ".join(p.split()) for p in parts or [] if p and p.strip()]
    if len(parts) < 2:
        raise ServiceError("Nhập ít nhất hai phần, mỗi phần một dòng, để tách nhiệm vụ.", field="parts")
    if len(parts) > SPLIT_MAX_PARTS:
        raise ServiceError(f"Tách được tối đa {SPLIT_MAX_PARTS} phần.", field="parts")
    parts = [_content(p) for p in parts]
    with transaction.atomic():
        task, plan = _open_task(task)
        leads = list(task.lead_units.all())
        coords = list(task.coordinating_units.all())
        extra = len(parts) - 1
        # Make room right after the task, so the new parts read in place in the plan.
        plan.tasks.filter(order__gt=task.order).update(order=F("order") + extra)
        before = task.content
        task.content = parts[0]
        task.save(update_fields=["content", "updated_at"])
        created = []
        for i, text in enumerate(parts[1:], start=2):
            new = Task.objects.create(
                plan=plan,
                ref=f"{task.ref}.{i}" if task.ref else "",
                order=task.order + i - 1,
                content=text,
                lead_text=task.lead_text,
                coordinating_text=task.coordinating_text,
                timeframe=task.timeframe,
                due_date=task.due_date,
                timeframe_text=task.timeframe_text,
                status=task.status if task.status != Task.Status.DONE else Task.Status.NOT_STARTED,
            )
            new.lead_units.set(leads)
            new.coordinating_units.set(coords)
            created.append(new)
            _record(
                task=new,
                plan=plan,
                kind=TaskChange.Kind.SPLIT,
                changes=[{"field": "Nội dung", "before": f"(tách từ nhiệm vụ {task.ref})", "after": text}],
                reason=reason,
                by=by,
                units=set(),  # the units hear once, on the original task
            )
        _record(
            task=task,
            plan=plan,
            kind=TaskChange.Kind.SPLIT,
            changes=[
                {"field": "Nội dung", "before": before, "after": parts[0]},
                {
                    "field": "Tách thành",
                    "before": "",
                    "after": "; ".join(n.ref or n.content[:40] for n in created),
                },
            ],
            reason=reason,
            by=by,
            units={*leads, *coords},
        )
    return [task, *created]
