"""Pages for keeping a plan alive: adjusting tasks after issue, the adjustment history, new plans
without a file (blank, or last year's copied)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.plans import adjustments, drafting
from danvan.plans.adjust_forms import (
    BlankPlanForm,
    TaskAddForm,
    TaskAssignForm,
    TaskCancelForm,
    TaskDatesForm,
    TaskEditForm,
    TaskSplitForm,
)
from danvan.plans.implementing import plan_start_from, province_plans
from danvan.plans.models import Plan, Task, TaskChange
from danvan.plans.views import _plan

# Which form each button of the adjustment page posts, and the service it calls.
ACTIONS = {
    "edit": TaskEditForm,
    "assign": TaskAssignForm,
    "dates": TaskDatesForm,
    "split": TaskSplitForm,
    "cancel": TaskCancelForm,
}
DONE_MESSAGES = {
    "edit": "Đã sửa nội dung nhiệm vụ.",
    "assign": "Đã giao lại đơn vị thực hiện.",
    "dates": "Đã đổi thời hạn nhiệm vụ.",
    "split": "Đã tách nhiệm vụ.",
    "cancel": "Đã hủy nhiệm vụ.",
}


def _draft_reason(plan: Plan) -> dict:
    # A draft is still being written: the reason is filled in, the coordinator may change it.
    return {"reason": "Soạn dự thảo kế hoạch"} if plan.status == Plan.Status.DRAFT else {}


def _forms(task: Task, plan: Plan, data=None, action: str | None = None) -> dict:
    leads, coords = list(task.lead_units.all()), list(task.coordinating_units.all())
    reason = _draft_reason(plan)
    initial = {
        "edit": {"ref": task.ref, "content": task.content, **reason},
        "assign": {"lead_units": leads, "coordinating_units": coords, **reason},
        "dates": {"timeframe": task.timeframe, "due_date": task.due_date, **reason},
        "split": {"parts": task.content, **reason},
        "cancel": reason,
    }
    forms = {}
    for name, cls in ACTIONS.items():
        bound = data if name == action else None
        form = cls(bound, prefix=name, initial=initial[name])
        if isinstance(form, TaskAssignForm):
            form.set_units(plan.commune, keep=[*leads, *coords])
        forms[name] = form
    return forms


def _apply(action: str, task: Task, form, by) -> None:
    data = form.cleaned_data
    if action == "edit":
        adjustments.task_edit(
            task=task, content=data["content"], ref=data["ref"], reason=data["reason"], by=by
        )
    elif action == "assign":
        adjustments.task_reassign(
            task=task,
            lead_units=data["lead_units"],
            coordinating_units=data["coordinating_units"],
            reason=data["reason"],
            by=by,
        )
    elif action == "dates":
        adjustments.task_redate(
            task=task, timeframe=data["timeframe"], due_date=data["due_date"], reason=data["reason"], by=by
        )
    elif action == "split":
        adjustments.task_split(task=task, parts=data["parts"], reason=data["reason"], by=by)
    else:
        adjustments.task_cancel(task=task, reason=data["reason"], by=by)


@login_required
def task_adjust(request, code: str, plan_id: int, task_id: int):
    """Điều chỉnh nhiệm vụ: one page, one small form per kind of change, each with its reason."""
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    task = get_object_or_404(
        Task.objects.prefetch_related("lead_units", "coordinating_units"), pk=task_id, plan=plan
    )
    action = request.POST.get("action") if request.method == "POST" else None
    if action is not None and action not in ACTIONS:
        action = None
    forms = _forms(task, plan, request.POST if action else None, action)
    status = 200
    if request.method == "POST":
        form = forms.get(action)
        if form is None:
            messages.error(request, "Yêu cầu điều chỉnh không hợp lệ.")
            status = 400
        elif form.is_valid():
            try:
                _apply(action, task, form, request.user)
            except ServiceError as exc:
                form_error(form, exc)
                status = 400
            else:
                messages.success(request, DONE_MESSAGES[action])
                return redirect("plans:task", code=commune.code, plan_id=plan.pk, task_id=task.pk)
        else:
            status = 400
    return render(
        request,
        "plans/adjust.html",
        workspace_context(
            request,
            commune,
            plan=plan,
            task=task,
            forms=forms,
            action=action,
            closed=plan.status == Plan.Status.CLOSED,
            cancelled=task.status == Task.Status.CANCELLED,
        ),
        status=status,
    )


@login_required
def task_add(request, code: str, plan_id: int):
    """Bổ sung nhiệm vụ into a plan (a draft being written, or an issued plan, with a reason)."""
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    form = TaskAddForm(request.POST or None, initial=_draft_reason(plan))
    form.set_units(commune)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                task = adjustments.task_add(plan=plan, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã bổ sung nhiệm vụ vào kế hoạch.")
                if "another" in request.POST:
                    return redirect("plans:task_add", code=commune.code, plan_id=plan.pk)
                return redirect("plans:task", code=commune.code, plan_id=plan.pk, task_id=task.pk)
        status = 400
    return render(
        request,
        "plans/task_add.html",
        workspace_context(request, commune, plan=plan, form=form, closed=plan.status == Plan.Status.CLOSED),
        status=status,
    )


@login_required
def plan_changes(request, code: str, plan_id: int):
    """Lịch sử điều chỉnh of the whole plan, newest first."""
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    changes = TaskChange.objects.filter(task__plan=plan).select_related("task", "by")[:500]
    return render(
        request, "plans/changes.html", workspace_context(request, commune, plan=plan, changes=changes)
    )


@login_required
def plan_new(request, code: str):
    """A plan without a file: blank, or a copy of a past plan with every date a year on."""
    commune = commune_for(request.user, code, permission="plans.manage")
    form = BlankPlanForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                plan = drafting.plan_create_blank(commune=commune, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã tạo dự thảo kế hoạch. Hãy bổ sung các nhiệm vụ rồi ban hành.")
                return redirect("plans:overview", code=commune.code, plan_id=plan.pk)
        status = 400
    sources = (
        Plan.objects.filter(commune=commune, unit__isnull=True, village__isnull=True)
        .exclude(year__isnull=True, issued_on__isnull=True)
        .order_by("-year", "-created_at")[:10]
    )
    return render(
        request,
        "plans/new.html",
        workspace_context(
            request, commune, form=form, sources=sources, province_plans=province_plans(commune.province)[:20]
        ),
        status=status,
    )


@login_required
@require_POST
def plan_from_province(request, code: str):
    """Start the commune's (or agency's) own plan from a plan the province published."""
    commune = commune_for(request.user, code, permission="plans.manage")
    value = request.POST.get("document", "")
    document = province_plans(commune.province).filter(pk=value if value.isdigit() else 0).first()
    if document is None:
        messages.error(request, "Kế hoạch cấp tỉnh đã chọn không có trong danh sách.")
        return redirect("plans:new", code=commune.code)
    year = document.issued_on.year if document.issued_on else timezone.localdate().year
    try:
        plan = plan_start_from(
            commune=commune, document=document, year=request.POST.get("year") or year, by=request.user
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("plans:new", code=commune.code)
    messages.success(request, f"Đã tạo dự thảo thực hiện {document}. Hãy bổ sung các nhiệm vụ rồi ban hành.")
    return redirect("plans:overview", code=commune.code, plan_id=plan.pk)


@login_required
@require_POST
def plan_copy(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission="plans.manage")
    source = _plan(commune, plan_id)
    try:
        plan = drafting.plan_copy_next_year(source=source, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("plans:new", code=commune.code)
    messages.success(
        request,
        f"Đã tạo dự thảo năm {plan.year} từ kế hoạch năm {source.year or source.issued_on.year}: "
        "các ngày đã lùi một năm. Hãy xem lại, điều chỉnh rồi ban hành.",
    )
    return redirect("plans:overview", code=commune.code, plan_id=plan.pk)
