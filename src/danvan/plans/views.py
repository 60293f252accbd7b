"""Plan pages in the staff workspace: list, import with preview, overview, progress, periodic reports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.geo.models import Village
from danvan.org.access import can, commune_for, memberships_in
from danvan.org.models import Role, Unit
from danvan.org.pages import workspace_context
from danvan.plans import selectors, services
from danvan.plans.forms import (
    IssueForm,
    ProgressForm,
    ReturnForm,
)
from danvan.plans.implementing import province_plans
from danvan.plans.matrix import matrix_rows
from danvan.plans.models import Plan, ReportingPeriod, Task, UnitReport
from danvan.plans.rules import CLOSED_TASK_STATUSES


def _plan(commune, plan_id: int) -> Plan:
    # Looked up inside the commune: another commune's plan id is a 404.
    return get_object_or_404(
        Plan.objects.select_related("commune", "unit", "village", "parent", "parent_document"),
        pk=plan_id,
        commune=commune,
    )


def _user_units(user, commune) -> list[Unit]:
    return [m.unit for m in memberships_in(user, commune) if m.unit_id and m.role == Role.UNIT_OFFICER]


def _may_act_for_units(user, commune, units) -> bool:
    """Leaders and the coordinator act for every unit; a unit officer only for their own."""
    if can(user, "plans.manage", commune):
        return True
    mine = {u.pk for u in _user_units(user, commune)}
    return bool(mine & {u.pk for u in units})


@login_required
def plan_list(request, code: str):
    commune = commune_for(request.user, code, permission="plans.view")
    today = timezone.localdate()
    plans = (
        Plan.objects.filter(commune=commune)
        .select_related("unit", "village")
        .annotate(
            task_count=Count("tasks", distinct=True),
            late_count=Count(
                "tasks",
                filter=Q(tasks__due_date__lt=today, tasks__timeframe__in=list(services.DATED))
                & ~Q(tasks__status__in=CLOSED_TASK_STATUSES),
                distinct=True,
            ),
        )
        .order_by("-year", "-created_at")
    )
    return render(
        request,
        "plans/list.html",
        workspace_context(
            request, commune, plans=plans, may_manage=can(request.user, "plans.manage", commune)
        ),
    )


@login_required
def plan_overview(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    overview = selectors.plan_overview(plan=plan, today=timezone.localdate())
    may_manage = can(request.user, "plans.manage", commune)
    return render(
        request,
        "plans/overview.html",
        workspace_context(
            request,
            commune,
            plan=plan,
            ov=overview,
            matrix_rows=matrix_rows(overview, commune.code),
            may_manage=may_manage,
            issue_form=IssueForm(initial={"number": plan.number, "issued_on": plan.issued_on}),
            my_units=_user_units(request.user, commune),
            my_villages=_user_villages(request.user, commune),
            citations=plan.plan_citations.select_related("document"),
            # The province's plans this one may implement: those already known in the province.
            parent_choices=(
                list(province_plans(commune.province))
                if may_manage and not plan.unit_id and not plan.village_id
                else []
            ),
        ),
    )


@login_required
@require_POST
def plan_issue(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    form = IssueForm(request.POST)
    if form.is_valid():
        try:
            services.plan_issue(plan=plan, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã ban hành kế hoạch số {form.cleaned_data['number']}.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("plans:overview", code=commune.code, plan_id=plan.pk)


@login_required
@require_POST
def plan_close(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    try:
        services.plan_close(plan=plan, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã kết thúc kế hoạch.")
    return redirect("plans:overview", code=commune.code, plan_id=plan.pk)


def _user_villages(user, commune) -> list:
    return [m.village for m in memberships_in(user, commune) if m.village_id and m.role == Role.VILLAGE_HEAD]


@login_required
@require_POST
def subplan_create(request, code: str, plan_id: int):
    """A unit (its officer) or a village (its head) starts its own plan from the tasks it carries."""
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    owner = {}
    if request.POST.get("village"):
        village = get_object_or_404(Village, pk=request.POST["village"], commune=commune)
        if not (
            can(request.user, "plans.manage", commune) or village in _user_villages(request.user, commune)
        ):
            raise PermissionDenied("Chỉ trưởng thôn lập kế hoạch của thôn mình.")
        owner = {"village": village}
    else:
        unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0, commune=commune)
        allowed = can(request.user, "plans.update_task", commune) and _may_act_for_units(
            request.user, commune, [unit]
        )
        if not allowed:
            raise PermissionDenied("Bạn chỉ lập kế hoạch cho đơn vị của mình.")
        owner = {"unit": unit}
    try:
        child = services.subplan_create(parent=plan, by=request.user, **owner)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("plans:overview", code=commune.code, plan_id=plan.pk)
    name = next(iter(owner.values())).name
    messages.success(request, f"Đã lập dự thảo kế hoạch của {name}.")
    return redirect("plans:overview", code=commune.code, plan_id=child.pk)


@login_required
def task_detail(request, code: str, plan_id: int, task_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    task = get_object_or_404(selectors.tasks_with_units(Task.objects.filter(plan=plan)), pk=task_id)
    units = [*task.lead_units.all(), *task.coordinating_units.all()]
    may_update = can(request.user, "plans.update_task", commune) and _may_act_for_units(
        request.user, commune, units
    )
    form = ProgressForm(
        request.POST or None, request.FILES or None, initial={"status": task.status, "percent": task.percent}
    )
    if request.method == "POST":
        if not may_update:
            raise PermissionDenied(
                "Chỉ đơn vị chủ trì, phối hợp hoặc công chức đầu mối được cập nhật nhiệm vụ này."
            )
        if form.is_valid():
            mine = [u for u in _user_units(request.user, commune) if u in units]
            try:
                services.task_progress_add(
                    task=task,
                    by=request.user,
                    unit=mine[0] if mine else None,
                    **form.cleaned_data,
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã cập nhật tiến độ.")
                return redirect("plans:task", code=commune.code, plan_id=plan.pk, task_id=task.pk)
    today = timezone.localdate()
    return render(
        request,
        "plans/task.html",
        workspace_context(
            request,
            commune,
            plan=plan,
            task=task,
            form=form,
            may_update=may_update and plan.status != Plan.Status.CLOSED,
            history=task.progress.select_related("by", "unit"),
            late=selectors.is_late(task, today),
            changes=task.changes.select_related("by"),
            may_adjust=can(request.user, "plans.manage", commune) and plan.status != Plan.Status.CLOSED,
        ),
    )


@login_required
def my_tasks(request, code: str):
    commune = commune_for(request.user, code, permission="plans.view")
    units = _user_units(request.user, commune)
    rows = selectors.tasks_of_units(units=units, today=timezone.localdate()) if units else []
    return render(request, "plans/my_tasks.html", workspace_context(request, commune, rows=rows, units=units))


@login_required
def late_tasks(request, code: str):
    commune = commune_for(request.user, code, permission="plans.view")
    rows = selectors.late_tasks(commune=commune, today=timezone.localdate())
    return render(request, "plans/late.html", workspace_context(request, commune, rows=rows))


def _period(plan: Plan, period_id: int) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=period_id, plan=plan)


@login_required
def period_detail(request, code: str, plan_id: int, period_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    period = _period(plan, period_id)
    statuses = selectors.period_statuses(period=period)
    may_review = can(request.user, "plans.review_reports", commune)
    tasks = list(plan.tasks.order_by("order")) if may_review else []
    # Side by side: one row per task, one column per unit that submitted.
    submitted = [s for s in statuses if s.report and s.report.status == UnitReport.Status.SUBMITTED]
    grid = [
        (
            task,
            [next((e.text for e in s.report.entries.all() if e.task_id == task.pk), "") for s in submitted],
        )
        for task in tasks
    ]
    return render(
        request,
        "plans/period.html",
        workspace_context(
            request,
            commune,
            plan=plan,
            period=period,
            statuses=statuses,
            submitted=submitted,
            grid=[(t, texts) for t, texts in grid if any(texts)],
            may_review=may_review,
            today=timezone.localdate(),
            my_units=_user_units(request.user, commune),
        ),
    )


@login_required
def unit_report(request, code: str, plan_id: int, period_id: int, unit_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    plan = _plan(commune, plan_id)
    period = _period(plan, period_id)
    unit = get_object_or_404(Unit, pk=unit_id, commune=commune)
    may_write = can(request.user, "plans.report", commune) and _may_act_for_units(
        request.user, commune, [unit]
    )
    may_review = can(request.user, "plans.review_reports", commune)
    if not (may_write or may_review or can(request.user, "plans.view", commune)):
        raise PermissionDenied
    report = UnitReport.objects.filter(period=period, unit=unit).prefetch_related("entries").first()
    tasks = list(
        Task.objects.filter(plan=plan)
        .filter(Q(lead_units=unit) | Q(coordinating_units=unit))
        .distinct()
        .order_by("order")
    )
    entries = {e.task_id: e.text for e in report.entries.all()} if report else {}
    return_form = ReturnForm(request.POST if request.POST.get("action") == "return" else None)
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action in ("save", "submit"):
                if not may_write:
                    raise PermissionDenied("Chỉ cán bộ của đơn vị được viết báo cáo của đơn vị.")
                texts = {t.pk: request.POST.get(f"task-{t.pk}", "") for t in tasks}
                attachment = request.FILES.get("attachment")
                # Save and submit together: a refused submission leaves no half-saved draft behind.
                with transaction.atomic():
                    report = services.unit_report_save(
                        period=period,
                        unit=unit,
                        entries=texts,
                        figures=request.POST.get("figures", ""),
                        attachment=attachment,
                        by=request.user,
                    )
                    if action == "submit":
                        services.unit_report_submit(report=report, by=request.user)
                messages.success(
                    request, "Đã nộp báo cáo." if action == "submit" else "Đã lưu bản nháp báo cáo."
                )
                return redirect(
                    "plans:unit_report",
                    code=commune.code,
                    plan_id=plan.pk,
                    period_id=period.pk,
                    unit_id=unit.pk,
                )
            if action == "return":
                if not may_review:
                    raise PermissionDenied("Chỉ công chức đầu mối hoặc lãnh đạo được trả lại báo cáo.")
                if report is None:
                    raise ServiceError("Đơn vị chưa có báo cáo để trả lại.")
                if return_form.is_valid():
                    services.unit_report_return(
                        report=report, comment=return_form.cleaned_data["comment"], by=request.user
                    )
                    messages.success(request, f"Đã trả lại báo cáo cho {unit.name}.")
                    return redirect("plans:period", code=commune.code, plan_id=plan.pk, period_id=period.pk)
        except ServiceError as exc:
            error = exc.message
        # Keep what the officer typed when something was refused: nothing typed is lost.
        entries = {t.pk: request.POST.get(f"task-{t.pk}", entries.get(t.pk, "")) for t in tasks}
    editable = may_write and (report is None or report.status != UnitReport.Status.SUBMITTED)
    return render(
        request,
        "plans/unit_report.html",
        workspace_context(
            request,
            commune,
            plan=plan,
            period=period,
            unit=unit,
            report=report,
            rows=[(t, entries.get(t.pk, "")) for t in tasks],
            figures=request.POST.get("figures", report.figures if report else "")
            if request.method == "POST"
            else (report.figures if report else ""),
            editable=editable,
            may_review=may_review and report is not None and report.status == UnitReport.Status.SUBMITTED,
            return_form=return_form,
            error=error,
        ),
    )
