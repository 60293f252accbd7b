"""Report pages: the commune's reports (assemble, edit by section, issue, download), xlsx exports,
background jobs, and the province's view across its communes.

Commune pages resolve the commune through `org.access.commune_for` first; province pages through
`_province_for`, which answers 404 for a province the user does not follow.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.documents.nd30 import render_docx
from danvan.geo.models import Province
from danvan.org.access import can, commune_for, roles_in
from danvan.org.models import Role
from danvan.org.pages import workspace_context
from danvan.petitions import exports as petition_exports
from danvan.plans import exports as plan_exports
from danvan.plans.models import Plan, ReportingPeriod
from danvan.reports import jobs, selectors, services
from danvan.reports import province as province_page
from danvan.reports.forms import IssueForm, PeriodForm, ProvincePeriodForm, ReturnForm, SectionForm
from danvan.reports.models import Report, ReportJob, ReportSection

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"docx": DOCX, "pdf": "application/pdf", "xlsx": XLSX}


def _file(data: bytes, filename: str, ext: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[ext])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _apply(form, exc: ServiceError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _sees_drafts(user, commune) -> bool:
    """Drafts are the commune's own work: someone who only follows the province sees issued reports."""
    return bool(roles_in(user, commune) - {Role.PROVINCE_VIEWER})


def _reports(request, commune):
    qs = Report.objects.filter(commune=commune).select_related("commune")
    return qs if _sees_drafts(request.user, commune) else qs.filter(status=Report.Status.ISSUED)


# --- the commune's reports -------------------------------------------------------------------------


@login_required
def report_list(request, code: str):
    commune = commune_for(request.user, code, permission="reports.view")
    may_manage = can(request.user, "reports.manage", commune)
    form = PeriodForm(request.POST or None, prefix="ky")
    if request.method == "POST":
        commune = commune_for(request.user, code, permission="reports.manage")
        if form.is_valid():
            kind, start, end = form.period()
            try:
                report = services.report_create(
                    commune=commune, start=start, end=end, kind=kind, by=request.user
                )
            except ServiceError as exc:
                _apply(form, exc)
            else:
                messages.success(request, "Đã tổng hợp dự thảo báo cáo từ số liệu của xã.")
                return redirect("reports:detail", code=commune.code, report_id=report.pk)
    return render(
        request,
        "reports/list.html",
        workspace_context(
            request, commune, reports=_reports(request, commune), form=form, may_manage=may_manage
        ),
    )


def _report(request, commune, report_id: int) -> Report:
    return get_object_or_404(_reports(request, commune), pk=report_id)


def _section_form(section: ReportSection, data=None) -> SectionForm:
    form = SectionForm(data, initial={"text": section.text}, prefix=f"s{section.pk}")
    form.fields["text"].label = f"Nội dung mục “{section.title}”"  # one form, each box named
    return form


def _section_rows(report: Report, data=None) -> list[dict]:
    return [
        {
            "s": s,
            "form": _section_form(s, data),
            "tables": selectors.tables_of(s),
            "figures": selectors.figures_of(s),
            "charts": selectors.charts_of(s),
        }
        for s in report.sections.all()
    ]


def _detail(request, commune, report, *, issue_form=None, return_form=None, data=None, status=200):
    may_manage = can(request.user, "reports.manage", commune)
    may_sign = can(request.user, "reports.sign", commune)
    if issue_form is None:
        issue_form = IssueForm(
            initial={
                "number": selectors.next_number(commune, timezone.localdate().year),
                "issued_on": timezone.localdate(),
                "recipients": "\n".join(report.recipients),
            }
        )
    return render(
        request,
        "reports/detail.html",
        workspace_context(
            request,
            commune,
            report=report,
            sections=_section_rows(report, data),
            may_edit=may_manage and report.status == Report.Status.DRAFT,
            may_sign=may_sign and not report.is_issued,
            empty=services.empty_required(report) if not report.is_issued else [],
            issue_form=issue_form,
            return_form=return_form or ReturnForm(),
        ),
        status=status,
    )


@login_required
def report_detail(request, code: str, report_id: int):
    commune = commune_for(request.user, code, permission="reports.view")
    return _detail(request, commune, _report(request, commune, report_id))


def _texts(request, report: Report) -> dict[int, str]:
    """The editor's textareas ("s<section id>-text"); sections not sent are left as they are."""
    texts = {}
    for s in report.sections.all():
        name = f"s{s.pk}-text"
        if name in request.POST:
            texts[s.pk] = request.POST[name]
    return texts


@login_required
@require_POST
def report_save(request, code: str, report_id: int):
    """The one editor form: every section saved at once (the autosave posts the same form). The
    refresh and "trình ký" buttons are in this form too, so they never lose an unsaved edit."""
    commune = commune_for(request.user, code, permission="reports.manage")
    report = _report(request, commune, report_id)
    autosave = request.headers.get("X-Autosave") == "1"
    try:
        changed = services.report_save(report=report, texts=_texts(request, report), by=request.user)
        refresh = request.POST.get("lay-lai", "")
        if refresh:
            section = get_object_or_404(ReportSection, pk=refresh if refresh.isdigit() else 0, report=report)
            services.section_refresh(section=section, by=request.user)
        if request.POST.get("trinh-ky"):
            services.report_submit(report=report, by=request.user)
    except ServiceError as exc:
        if autosave:
            return JsonResponse({"error": exc.message}, status=400)
        messages.error(request, exc.message)
        report.refresh_from_db()
        return _detail(request, commune, report, data=request.POST, status=400)
    if autosave:
        return JsonResponse(
            {"saved_at": timezone.localtime().strftime("%H:%M:%S"), "changed": [s.pk for s in changed]}
        )
    if request.POST.get("trinh-ky"):
        messages.success(request, "Đã trình ký báo cáo; lãnh đạo UBND xã sẽ ký ban hành hoặc trả lại.")
        return redirect("reports:detail", code=commune.code, report_id=report.pk)
    if refresh:
        messages.success(
            request, "Đã lưu các mục và lấy lại số liệu mới nhất; lời văn đã sửa được giữ nguyên."
        )
        return redirect(reverse("reports:detail", args=[commune.code, report.pk]) + f"#muc-{refresh}")
    n = len(changed)
    messages.success(request, f"Đã lưu {n} mục có thay đổi." if n else "Không có thay đổi nào cần lưu.")
    return redirect("reports:detail", code=commune.code, report_id=report.pk)


@login_required
@require_POST
def report_return(request, code: str, report_id: int):
    commune = commune_for(request.user, code, permission="reports.sign")
    report = _report(request, commune, report_id)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.report_return(report=report, comment=form.cleaned_data["comment"], by=request.user)
        except ServiceError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Đã trả lại báo cáo cho công chức soạn thảo kèm ý kiến.")
            return redirect("reports:detail", code=commune.code, report_id=report.pk)
    return _detail(request, commune, report, return_form=form, status=400)


@login_required
@require_POST
def report_issue(request, code: str, report_id: int):
    commune = commune_for(request.user, code, permission="reports.sign")
    report = _report(request, commune, report_id)
    form = IssueForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.report_issue(
                report=report,
                number=d["number"],
                issued_on=d["issued_on"],
                signer_authority=d["signer_authority"],
                signer_on_behalf=d["signer_on_behalf"],
                signer_title=d["signer_title"],
                signer_name=d["signer_name"],
                recipients=d["recipients"],
                by=request.user,
            )
        except ServiceError as exc:
            _apply(form, exc)
        else:
            messages.success(request, "Đã ban hành báo cáo.")
            return redirect("reports:detail", code=commune.code, report_id=report.pk)
    return _detail(request, commune, report, issue_form=form, status=400)


@login_required
def report_download(request, code: str, report_id: int, fmt: str):
    commune = commune_for(request.user, code, permission="reports.view")
    report = _report(request, commune, report_id)
    document = selectors.report_document(report)
    if fmt == "docx":
        data = render_docx(document)
    elif fmt == "pdf":
        from danvan.documents.pdf import render_pdf

        data = render_pdf(document)
    else:
        raise Http404("Không có định dạng này.")
    return _file(data, selectors.report_filename(report, fmt), fmt)


# --- exports -----------------------------------------------------------------------------------------


@login_required
def export_tasks(request, code: str, plan_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    plan = get_object_or_404(Plan, pk=plan_id, commune=commune)
    return _file(plan_exports.tasks_xlsx(plan=plan), f"nhiem-vu-ke-hoach-{plan.pk}.xlsx", "xlsx")


@login_required
def export_unit_reports(request, code: str, plan_id: int, period_id: int):
    commune = commune_for(request.user, code, permission="plans.view")
    period = get_object_or_404(ReportingPeriod, pk=period_id, plan_id=plan_id, plan__commune=commune)
    return _file(plan_exports.unit_reports_xlsx(period=period), f"bao-cao-don-vi-ky-{period.pk}.xlsx", "xlsx")


@login_required
def export_petitions(request, code: str):
    """Small lists come at once; a large one runs in the background and the job page offers the file."""
    commune = commune_for(request.user, code, permission="workspace.view")
    filters = {k: request.GET.get(k, "") for k in ("status", "kind", "field", "unit", "overdue")}
    count = petition_exports.petitions_queryset(commune=commune, filters=filters).count()
    if count > petition_exports.INLINE_EXPORT_LIMIT or request.GET.get("nen"):
        job = jobs.petition_export_request(commune=commune, filters=filters, by=request.user)
        messages.info(request, f"Danh sách có {count} đơn; tệp đang được chuẩn bị.")
        return redirect("reports:job", code=commune.code, job_id=job.pk)
    data = petition_exports.petitions_xlsx(commune=commune, user=request.user, filters=filters)
    return _file(data, f"don-thu-{commune.code}-{timezone.localdate():%Y%m%d}.xlsx", "xlsx")


def _own_job(request, job_id: int, **where) -> ReportJob:
    # An export carries what its requester may read: only they fetch it.
    return get_object_or_404(ReportJob, pk=job_id, requested_by=request.user, **where)


@login_required
def job_detail(request, code: str, job_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    job = _own_job(request, job_id, commune=commune)
    download = reverse("reports:job_download", args=[commune.code, job.pk])
    template = "reports/_job.html" if request.htmx else "reports/job.html"
    return render(
        request, template, workspace_context(request, commune, job=job, download=download, poll=request.path)
    )


@login_required
def job_download(request, code: str, job_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    job = _own_job(request, job_id, commune=commune, status=ReportJob.Status.DONE)
    return _file(job.file.read(), job.filename, job.filename.rsplit(".", 1)[-1])


# --- the province -----------------------------------------------------------------------------------


def _province_for(request, province_code: str) -> Province:
    province = Province.objects.filter(code=province_code).first()
    if province is None or not jobs.is_province_viewer(request.user, province):
        raise Http404("Không tìm thấy tỉnh này trong phạm vi theo dõi của bạn.")
    return province


def _period_from(form) -> tuple:
    if form.is_valid():
        return form.period()
    return None, None, None


def _province_overview(request, province):
    """(form, overview or None) for the period asked, by default the one in progress."""
    form = ProvincePeriodForm(request.GET or province_page.default_period(timezone.localdate()), prefix="ky")
    _, start, end = _period_from(form)
    due = form.cleaned_data.get("han") if form.is_valid() else None
    overview = None
    if form.is_valid():
        try:
            services.check_period(start, end)
        except ServiceError as exc:
            _apply(form, exc)
        else:
            overview = selectors.province_overview(
                province=province, start=start, end=end, today=timezone.localdate(), due=due
            )
    return form, overview


@login_required
def province_reports(request, province_code: str):
    province = _province_for(request, province_code)
    form, overview = _province_overview(request, province)
    sort = request.GET.get("sap", "ten")
    descending = request.GET.get("chieu") == "giam"
    if overview:
        keys = {c.key for c in overview.columns}

        def key(row):
            if sort == "nop":
                return (row.report is None, row.late)
            if sort in keys:
                value = row.values.get(sort)
                return (value is None, value if value is not None else 0)
            return (False, row.commune.name)

        overview.rows.sort(key=key, reverse=descending)
    query = request.GET.copy()
    for k in ("sap", "chieu"):
        query.pop(k, None)
    if not query:
        query.update(province_page.default_period(timezone.localdate()))
    return render(
        request,
        "reports/province.html",
        {
            "province": province,
            "form": form,
            "overview": overview,
            "indicators": province_page.indicators(overview) if overview else [],
            "sort": sort,
            "descending": descending,
            "query": query.urlencode(),
            "chart": province_page.overdue_chart(overview) if overview else [],
            "jobs": ReportJob.objects.filter(province=province, kind=ReportJob.Kind.PROVINCE_ROLLUP)[:5],
        },
    )


@login_required
def province_reports_xlsx(request, province_code: str):
    province = _province_for(request, province_code)
    form, overview = _province_overview(request, province)
    if overview is None:
        return HttpResponse(
            "Kỳ báo cáo không hợp lệ: " + "; ".join(m for e in form.errors.values() for m in e),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    name = f"bao-cao-cac-xa-{province.code}-{overview.start:%Y%m%d}-{overview.end:%Y%m%d}.xlsx"
    return _file(province_page.overview_xlsx(overview), name, "xlsx")


@login_required
@require_POST
def province_rollup(request, province_code: str):
    province = _province_for(request, province_code)
    form = PeriodForm(request.POST, prefix="ky")
    _, start, end = _period_from(form)
    try:
        job = jobs.rollup_request(province=province, start=start, end=end, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("reports_province:overview", province_code=province.code)
    messages.info(request, "Đã bắt đầu tổng hợp báo cáo của tỉnh.")
    return redirect("reports_province:job", province_code=province.code, job_id=job.pk)


@login_required
def province_job(request, province_code: str, job_id: int):
    province = _province_for(request, province_code)
    job = get_object_or_404(ReportJob, pk=job_id, province=province)
    download = reverse("reports_province:job_download", args=[province.code, job.pk])
    template = "reports/_job.html" if request.htmx else "reports/province_job.html"
    return render(
        request, template, {"province": province, "job": job, "download": download, "poll": request.path}
    )


@login_required
def province_job_download(request, province_code: str, job_id: int):
    province = _province_for(request, province_code)
    job = get_object_or_404(ReportJob, pk=job_id, province=province, status=ReportJob.Status.DONE)
    return _file(job.file.read(), job.filename, job.filename.rsplit(".", 1)[-1])
