"""Staff pages for inspections under /lam-viec/<code>/kiem-tra/: the list (with the plan form and the
user's own unit's remedial tasks), one inspection with its findings, remedial tasks and conclusion,
its report as .docx, and a remedial task reported done.

Every view resolves the commune through `org.access.commune_for` and looks objects up inside it; writes
go through `inspections.services`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.forms import form_error
from danvan.inspections import selectors, services
from danvan.inspections.document import inspection_report_docx
from danvan.inspections.forms import ConcludeForm, DoneForm, FindingForm, PlanForm
from danvan.inspections.models import RemedialTask
from danvan.org.access import can, commune_for, memberships_in
from danvan.org.models import Role
from danvan.org.pages import workspace_context

VIEW = "inspections.view"
MANAGE = "inspections.manage"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _refuse(exc: ServiceError):
    if exc.code == "forbidden":
        raise PermissionDenied(exc.message)


def _list(request, commune, *, form=None, status=200):
    today = timezone.localdate()
    own = [
        m.unit_id for m in memberships_in(request.user, commune) if m.role == Role.UNIT_OFFICER and m.unit_id
    ]
    may_manage = can(request.user, MANAGE, commune)
    return render(
        request,
        "inspections/list.html",
        workspace_context(
            request,
            commune,
            today=today,
            rows=list(selectors.inspections(commune=commune)[:300]),
            my_tasks=list(selectors.remedial_tasks(commune=commune, unit_ids=own, open_only=True))
            if own
            else [],
            late=list(selectors.late_tasks(commune=commune, today=today)[:100]),
            may_manage=may_manage,
            form=form or (PlanForm(commune=commune) if may_manage else None),
        ),
        status=status,
    )


@login_required
def inspection_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=MANAGE)
        form = PlanForm(request.POST, commune=commune)
        if form.is_valid():
            try:
                inspection = services.inspection_plan(by=request.user, commune=commune, **form.cleaned_data)
            except ServiceError as exc:
                _refuse(exc)
                form_error(form, exc)
            else:
                messages.success(request, f"Đã lập kế hoạch “{inspection.title}”.")
                return redirect("inspections:detail", code=commune.code, pk=inspection.pk)
        return _list(request, commune, form=form, status=400)
    return _list(request, commune)


def _inspection(commune, pk):
    inspection = selectors.inspection_detail(commune=commune, pk=pk)
    if inspection is None:
        raise Http404("Không tìm thấy cuộc kiểm tra này.")
    return inspection


def _detail(request, commune, inspection, *, forms=None, status=200):
    forms = forms or {}
    findings = selectors.findings_of(inspection)
    may_manage = can(request.user, MANAGE, commune)
    open_ = inspection.status == "planned"
    rows = []
    for f in findings:
        task = getattr(f, "task", None) if hasattr(f, "task") else None
        done_form = None
        if task and task.status == "open" and services.may_remedy(request.user, task):
            done_form = forms.get(task.pk) or DoneForm(prefix=f"t{task.pk}")
        rows.append((f, task, done_form))
    return render(
        request,
        "inspections/detail.html",
        workspace_context(
            request,
            commune,
            inspection=inspection,
            rows=rows,
            today=timezone.localdate(),
            may_manage=may_manage,
            finding_form=(forms.get("finding") or FindingForm(commune=commune))
            if may_manage and open_
            else None,
            conclude_form=(forms.get("conclude") or ConcludeForm()) if may_manage and open_ else None,
        ),
        status=status,
    )


@login_required
def detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _detail(request, commune, _inspection(commune, pk))


@login_required
@require_POST
def finding(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    inspection = _inspection(commune, pk)
    form = FindingForm(request.POST, commune=commune)
    if form.is_valid():
        try:
            services.finding_add(by=request.user, inspection=inspection, **form.cleaned_data)
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi tồn tại, hạn chế.")
            return redirect("inspections:detail", code=commune.code, pk=inspection.pk)
    return _detail(request, commune, inspection, forms={"finding": form}, status=400)


@login_required
@require_POST
def conclude(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    inspection = _inspection(commune, pk)
    form = ConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.inspection_conclude(
                by=request.user, inspection=inspection, conclusion=form.cleaned_data["conclusion"]
            )
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc)
        else:
            messages.success(request, "Đã kết luận. Có thể tải báo cáo kết quả kiểm tra.")
            return redirect("inspections:detail", code=commune.code, pk=inspection.pk)
    return _detail(request, commune, inspection, forms={"conclude": form}, status=400)


@login_required
def report(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    inspection = _inspection(commune, pk)
    response = HttpResponse(
        inspection_report_docx(inspection, selectors.findings_of(inspection)), content_type=DOCX
    )
    response["Content-Disposition"] = f'attachment; filename="bao-cao-kiem-tra-{inspection.pk}.docx"'
    return response


def _task(commune, task_id) -> RemedialTask:
    task = (
        RemedialTask.objects.filter(pk=task_id, commune=commune)
        .select_related("finding__inspection", "commune")
        .first()
    )
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ khắc phục này.")
    return task


@login_required
@require_POST
def task_done(request, code: str, task_id: int):
    commune = commune_for(request.user, code, permission="inspections.remedy")
    task = _task(commune, task_id)
    form = DoneForm(request.POST, request.FILES, prefix=f"t{task.pk}")
    if form.is_valid():
        try:
            services.remedial_done(
                by=request.user,
                task=task,
                result=form.cleaned_data["result"],
                evidence=form.cleaned_data["evidence"],
            )
        except ServiceError as exc:
            _refuse(exc)
            form_error(form, exc, {"attachment": "evidence"})
        else:
            messages.success(request, "Đã báo cáo khắc phục xong.")
            return redirect("inspections:detail", code=commune.code, pk=task.finding.inspection_id)
    inspection = _inspection(commune, task.finding.inspection_id)
    return _detail(request, commune, inspection, forms={task.pk: form}, status=400)


@login_required
def task_evidence(request, code: str, task_id: int):
    commune = commune_for(request.user, code, permission=VIEW)
    task = _task(commune, task_id)
    if not task.evidence:
        raise Http404("Không có tệp minh chứng.")
    return FileResponse(
        task.evidence.open("rb"),
        as_attachment=True,
        filename=download_name(task.evidence_name, task.evidence_kind, fallback="minh-chung"),
    )
