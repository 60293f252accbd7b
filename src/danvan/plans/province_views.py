"""Pages for the commune's reports to the province: marking one sent, and the province's list of
communes late with theirs (/tinh/<code>/han-bao-cao/)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import DATE_ERRORS, DATE_FORMATS, DateInput, form_error
from danvan.org.access import commune_for, watched_provinces
from danvan.plans.implementing import implementations, plan_parent_set, province_plan_publish, province_plans
from danvan.plans.models import ReportingPeriod
from danvan.plans.province import province_deadlines, province_report_mark_sent
from danvan.plans.views import _plan


class SentForm(forms.Form):
    sent_on = forms.DateField(
        label="Ngày gửi",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={**DATE_ERRORS, "required": "Vui lòng nhập ngày gửi báo cáo."},
    )
    reference = forms.CharField(
        label="Số, ký hiệu báo cáo",
        max_length=60,
        required=False,
        error_messages={"max_length": "Số, ký hiệu dài quá 60 ký tự."},
    )


class PublishForm(forms.Form):
    number = forms.CharField(
        label="Số, ký hiệu",
        max_length=60,
        error_messages={
            "required": "Vui lòng nhập số, ký hiệu kế hoạch.",
            "max_length": "Số dài quá 60 ký tự.",
        },
    )
    title = forms.CharField(
        label="Trích yếu",
        max_length=300,
        error_messages={"required": "Vui lòng nhập trích yếu.", "max_length": "Trích yếu dài quá 300 ký tự."},
    )
    issued_on = forms.DateField(
        label="Ngày ban hành",
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages={**DATE_ERRORS, "required": "Vui lòng nhập ngày ban hành."},
    )
    due_on = forms.DateField(
        label="Hạn các xã, cơ quan ban hành kế hoạch thực hiện",
        required=False,
        input_formats=DATE_FORMATS,
        widget=DateInput,
        error_messages=DATE_ERRORS,
    )


@login_required
@require_POST
def period_mark_sent(request, code: str, plan_id: int, period_id: int):
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    period = get_object_or_404(ReportingPeriod, pk=period_id, plan=plan)
    form = SentForm(request.POST)
    if form.is_valid():
        try:
            province_report_mark_sent(
                period=period, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã ghi nhận báo cáo đã gửi tỉnh.")
    else:
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("plans:period", code=commune.code, plan_id=plan.pk, period_id=period.pk)


def _watched(request, province_code: str):
    # The same rule as the province's report pages: outside the user's watch it is not found.
    province = watched_provinces(request.user).filter(code=province_code).first()
    if province is None:
        raise Http404("Không tìm thấy tỉnh này trong phạm vi theo dõi của bạn.")
    return province


@login_required
@require_POST
def plan_parent(request, code: str, plan_id: int):
    """Link the commune's plan to the province's plan it implements (from those known in the province)."""
    commune = commune_for(request.user, code, permission="plans.manage")
    plan = _plan(commune, plan_id)
    value = request.POST.get("document", "")
    document = None
    if value:
        document = province_plans(commune.province).filter(pk=value if value.isdigit() else 0).first()
        if document is None:
            messages.error(request, "Kế hoạch cấp tỉnh đã chọn không có trong danh sách.")
            return redirect("plans:overview", code=commune.code, plan_id=plan.pk)
    try:
        plan_parent_set(plan=plan, document=document, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"Đã ghi: thực hiện {document}." if document else "Đã bỏ liên kết kế hoạch cấp trên."
        )
    return redirect("plans:overview", code=commune.code, plan_id=plan.pk)


@login_required
def province_implementing_page(request, province_code: str):
    """Which communes have issued their plan implementing one of the province's plans, and when."""
    province = _watched(request, province_code)
    form = PublishForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                publication = province_plan_publish(province=province, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, f"Đã công bố {publication.document}: các xã, cơ quan lập kế hoạch thực hiện."
                )
                url = reverse("reports_province:implementing", args=[province.code])
                return redirect(f"{url}?van-ban={publication.document_id}")
        status = 400
    documents = list(province_plans(province))
    chosen = request.GET.get("van-ban", "")
    document = next((d for d in documents if str(d.pk) == chosen), documents[0] if documents else None)
    rows = implementations(province=province, document=document) if document else []
    return render(
        request,
        "plans/province_implementing.html",
        {
            "province": province,
            "documents": documents,
            "document": document,
            "rows": rows,
            "issued": sum(r.issued for r in rows),
            "late": [r.commune.code for r in rows if r.late(timezone.localdate())],
            "form": form,
        },
        status=status,
    )


@login_required
def province_deadlines_page(request, province_code: str):
    province = _watched(request, province_code)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), 2100)
    rows = province_deadlines(province=province, year=year, today=today)
    return render(
        request,
        "plans/province_deadlines.html",
        {
            "province": province,
            "rows": rows,
            "year": year,
            "years": range(year - 1, year + 2),
            "late": sum(r.late for r in rows),
            "late_communes": len({r.period.plan.commune_id for r in rows if r.late}),
        },
    )
