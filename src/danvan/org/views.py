"""Activation pages for the system administrator and a province: /tinh/<code>/kich-hoat/..."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from danvan.core.errors import ServiceError
from danvan.geo.agencies import agencies_of
from danvan.geo.models import Commune, Province
from danvan.org.access import watched_provinces
from danvan.org.activation import agency_onboard, commune_onboard, may_activate
from danvan.org.forms import ActivationForm, AgencyForm
from danvan.org.services import STANDARD_UNITS
from danvan.text.normalize import fold


def _province(request, province_code: str) -> Province:
    # A province outside the user's watch is not found: its existence is not at stake, but the
    # answer stays the same as for the province's other pages.
    province = watched_provinces(request.user).filter(code=province_code).first()
    if province is None:
        raise Http404("Không tìm thấy tỉnh này trong phạm vi của bạn.")
    return province


@login_required
def commune_choose(request, province_code: str):
    """The province's communes not yet on the platform, searchable by name."""
    province = _province(request, province_code)
    query = " ".join(request.GET.get("q", "").split())[:100]
    communes = Commune.objects.filter(province=province, is_active=False).exclude(
        division_type=Commune.DivisionType.AGENCY
    )
    communes = communes.order_by("name")
    if query:
        key = fold(query)
        communes = [c for c in communes if key in fold(c.name)]
    else:
        communes = list(communes[:200])
    active = Commune.objects.filter(province=province, is_active=True).exclude(
        division_type=Commune.DivisionType.AGENCY
    )
    return render(
        request,
        "org/activate_choose.html",
        {
            "province": province,
            "communes": communes[:200],
            "query": query,
            "active": active.order_by("name"),
            "agencies": agencies_of(province),
        },
    )


@never_cache
@login_required
def commune_activate_page(request, province_code: str, commune_code: str):
    province = _province(request, province_code)
    commune = Commune.objects.filter(code=commune_code, province=province).select_related("province").first()
    if commune is None or commune.is_agency or not may_activate(request.user, commune):
        raise Http404("Không tìm thấy xã, phường này trong tỉnh.")
    form = ActivationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = commune_onboard(
                    commune=commune,
                    villages=form.cleaned_data["villages"],
                    village_kind=form.cleaned_data["village_kind"],
                    extra_units=form.cleaned_data["extra_units"],
                    accounts=form.accounts(),
                    by=request.user,
                )
            except ServiceError as exc:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            else:
                # The one-time passwords are in this answer only; never_cache keeps it out of caches.
                return render(request, "org/activate_done.html", {"province": province, "result": result})
        status = 400
    return render(
        request,
        "org/activate.html",
        {"province": province, "commune": commune, "form": form, "standard_units": STANDARD_UNITS},
        status=status,
    )


@never_cache
@login_required
def agency_add_page(request, province_code: str):
    """Add a provincial agency as a body with its internal units and first accounts."""
    province = _province(request, province_code)
    form = AgencyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = agency_onboard(
                    province=province,
                    name=form.cleaned_data["name"],
                    units=form.cleaned_data["extra_units"],
                    accounts=form.accounts(),
                    by=request.user,
                )
            except ServiceError as exc:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            else:
                return render(request, "org/activate_done.html", {"province": province, "result": result})
        status = 400
    return render(request, "org/agency_add.html", {"province": province, "form": form}, status=status)
