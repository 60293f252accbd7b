"""The province's pages under /tinh/<province code>/cham-diem/: its framework for communes (and one for
communes to adopt for their units), the ranking of every commune with the computed criteria filled from
each commune's data, thresholds, and the same exports. Outside the user's watch a province is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import watched_provinces
from danvan.scoring import exports, selectors, services
from danvan.scoring.forms import BandsForm
from danvan.scoring.models import Framework
from danvan.scoring.views import DOCX, XLSX, _as_of, _year


def _province(request, province_code: str):
    province = watched_provinces(request.user).filter(code=province_code).first()
    if province is None:
        raise Http404("Không tìm thấy tỉnh này trong phạm vi theo dõi của bạn.")
    return province


def _page(request, province, *, bands_form=None, status=200):
    year = _year(request)
    frameworks = selectors.province_frameworks(province=province, year=year)
    framework = frameworks.get("communes")
    ranking = selectors.ranking(framework=framework, as_of=_as_of(framework)) if framework else None
    if framework and bands_form is None:
        bands_form = BandsForm(
            initial={("pass_" if k == "pass" else k): v for k, v in ranking.thresholds.items()}
        )
    return render(
        request,
        "scoring/province.html",
        {
            "province": province,
            "year": year,
            "framework": framework,
            "units_framework": frameworks.get("units"),
            "ranking": ranking,
            "bands_form": bands_form,
        },
        status=status,
    )


@login_required
def province_index(request, province_code: str):
    return _page(request, _province(request, province_code))


@login_required
@require_POST
def province_create(request, province_code: str, subject: str):
    province = _province(request, province_code)
    year = _year(request)
    try:
        services.framework_create_default(by=request.user, province=province, year=year, subject=subject)
    except ServiceError as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã lập bộ tiêu chí năm {year}.")
    return redirect(f"/tinh/{province.code}/cham-diem/?nam={year}")


def _framework(province, pk) -> Framework:
    framework = Framework.objects.filter(pk=pk, province=province, subject="communes").first()
    if framework is None:
        raise Http404("Không tìm thấy bộ tiêu chí này.")
    return framework


@login_required
@require_POST
def province_bands(request, province_code: str, pk: int):
    province = _province(request, province_code)
    framework = _framework(province, pk)
    form = BandsForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.bands_set(
                by=request.user,
                framework=framework,
                excellent=d["excellent"],
                good=d["good"],
                pass_=d["pass_"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form_error(form, exc)
        else:
            messages.success(request, "Đã lưu ngưỡng xếp loại.")
            return redirect(f"/tinh/{province.code}/cham-diem/?nam={framework.year}")
    request.GET = request.GET.copy()
    request.GET["nam"] = str(framework.year)
    return _page(request, province, bands_form=form, status=400)


@login_required
def province_export(request, province_code: str, pk: int, fmt: str):
    province = _province(request, province_code)
    framework = _framework(province, pk)
    if fmt not in ("xlsx", "docx"):
        raise Http404("Không có định dạng này.")
    ranking = selectors.ranking(framework=framework, as_of=_as_of(framework))
    if fmt == "xlsx":
        response = HttpResponse(exports.ranking_xlsx(ranking), content_type=XLSX)
    else:
        data = exports.ranking_docx(
            ranking,
            place=province.short_name,
            issuer="SỞ NỘI VỤ",
            issuer_parent=f"UBND {province.full_name.upper()}",
            symbol="BC-SNV",
        )
        response = HttpResponse(data, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="xep-loai-xa-{framework.year}.{fmt}"'
    return response
