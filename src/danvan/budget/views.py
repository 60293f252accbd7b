"""Budget pages under /lam-viec/<code>/kinh-phi/: every plan with what it planned and spent, one plan's
lines by task and source (and as .xlsx), one line with its expenses and their evidence.

Every view resolves the commune first (`commune_for`) and looks objects up inside it; the services decide
who may write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.budget import selectors, services
from danvan.budget.forms import AllocationForm, AmountForm, ExpenseForm
from danvan.budget.models import Allocation, Expense
from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.forms import form_error
from danvan.documents import xlsx
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context
from danvan.plans.models import Plan, Task

VIEW, MANAGE = "budget.view", "budget.manage"


@login_required
def budget_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    plans = list(Plan.objects.filter(commune=commune).order_by("-year", "-created_at")[:100])
    context = workspace_context(request, commune, plans=selectors.plans_overview(commune, plans))
    return render(request, "budget/list.html", context)


def _plan(commune, plan_id: int) -> Plan:
    return get_object_or_404(Plan, pk=plan_id, commune=commune)


@login_required
def plan_budget(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission=VIEW)
    plan = _plan(commune, plan_id)
    tasks = list(Task.objects.filter(plan=plan).exclude(status=Task.Status.CANCELLED).order_by("order"))
    form = AllocationForm(request.POST or None, tasks=tasks)
    if request.method == "POST":
        commune_for(request.user, code, permission=MANAGE)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.allocation_save(
                    by=request.user,
                    plan=plan,
                    task=next((t for t in tasks if str(t.pk) == d["task"]), None),
                    source=d["source"],
                    amount=d["amount"],
                    note=d["note"],
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã thêm dòng dự toán.")
                return redirect("budget:plan", code=commune.code, plan_id=plan.pk)
    lines = selectors.plan_lines(plan)
    context = workspace_context(
        request,
        commune,
        plan=plan,
        lines=lines,
        totals=selectors.totals(lines),
        form=form,
        may_manage=can(request.user, MANAGE, commune),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "budget/plan.html", context, status=status)


@login_required
def plan_budget_xlsx(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission=VIEW)
    plan = _plan(commune, plan_id)
    wb, ws = xlsx.workbook(
        "Kinh phí",
        ["Mục", "Nhiệm vụ", "Nguồn kinh phí", "Dự toán (đồng)", "Đã chi (đồng)", "Còn lại (đồng)"],
        [8, 60, 34, 18, 18, 18],
    )
    lines = selectors.plan_lines(plan)
    for line in lines:
        task = line.task
        ws.append(
            [
                task.ref if task else "",
                task.content if task else "Chung cho cả kế hoạch",
                line.get_source_display(),
                line.amount,
                line.spent,
                line.left,
            ]
        )
    t = selectors.totals(lines)
    ws.append(["", "Tổng cộng", "", t["planned"], t["spent"], t["planned"] - t["spent"]])
    response = HttpResponse(
        xlsx.to_bytes(wb), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="kinh-phi-ke-hoach-{plan.pk}.xlsx"'
    return response


def _line(commune, pk: int) -> Allocation:
    return get_object_or_404(
        Allocation.objects.select_related("plan", "task", "commune"), pk=pk, commune=commune
    )


@login_required
def line_detail(request, code: str, pk: int, amount_form=None, status: int = 200):
    commune = commune_for(request.user, code, permission=VIEW)
    line = _line(commune, pk)
    form = ExpenseForm(request.POST or None, request.FILES or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and amount_form is None:
        commune_for(request.user, code, permission=MANAGE)
        if form.is_valid():
            try:
                services.expense_record(by=request.user, allocation=line, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc, aliases={"attachment": "evidence"})
            else:
                messages.success(request, "Đã ghi khoản chi.")
                return redirect("budget:line", code=commune.code, pk=line.pk)
        status = 400
    expenses = list(line.expenses.select_related("by"))
    spent = sum(e.amount for e in expenses)
    context = workspace_context(
        request,
        commune,
        line=line,
        expenses=expenses,
        spent=spent,
        left=line.amount - spent,
        form=form if amount_form is None else ExpenseForm(initial={"on": timezone.localdate()}),
        amount_form=amount_form or AmountForm(initial={"amount": f"{line.amount:,}".replace(",", ".")}),
        may_manage=can(request.user, MANAGE, commune),
    )
    return render(request, "budget/line.html", context, status=status)


@login_required
@require_POST
def line_amount(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    line = _line(commune, pk)
    form = AmountForm(request.POST)
    if form.is_valid():
        try:
            services.allocation_save(
                by=request.user,
                plan=line.plan,
                task=line.task,
                source=line.source,
                amount=form.cleaned_data["amount"],
                note=line.note,
                allocation=line,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã điều chỉnh dự toán.")
            return redirect("budget:line", code=commune.code, pk=line.pk)
    return line_detail(request, code, pk, amount_form=form, status=400)


@login_required
@require_POST
def line_remove(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    line = _line(commune, pk)
    try:
        services.allocation_remove(by=request.user, allocation=line)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("budget:line", code=commune.code, pk=line.pk)
    messages.success(request, "Đã xóa dòng dự toán.")
    return redirect("budget:plan", code=commune.code, plan_id=line.plan_id)


@login_required
def evidence(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    expense = get_object_or_404(Expense, pk=pk, allocation__commune=commune)
    if not expense.evidence:
        raise Http404("Khoản chi này không có chứng từ.")
    name = download_name(expense.evidence_name, expense.evidence_kind, fallback="chung-tu")
    return FileResponse(expense.evidence.open("rb"), as_attachment=True, filename=name)
