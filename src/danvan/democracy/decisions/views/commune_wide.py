"""Contribution matters for the whole commune, /lam-viec/<code>/ban-quyet-dinh/toan-xa/…: the list, a new
matter (one draft decision per village), each village's result and the commune-wide count (at least two
thirds of all villages, Luật THDCCS 2022 Điều 21 khoản 1)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.democracy.decisions import rules, services
from danvan.democracy.decisions.forms import CommuneDecisionForm
from danvan.democracy.decisions.models import CommuneDecision
from danvan.org.access import can, commune_for, memberships_in
from danvan.org.pages import workspace_context


def _may_lead(user, commune) -> bool:
    return getattr(user, "is_superuser", False) or any(
        m.role in rules.MANAGERS for m in memberships_in(user, commune)
    )


@login_required
def commune_decisions(request, code: str):
    commune = commune_for(request.user, code, permission="decisions.view")
    may_lead = can(request.user, "decisions.manage", commune) and _may_lead(request.user, commune)
    form = CommuneDecisionForm(request.POST or None)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission="decisions.manage")
        if form.is_valid():
            d = form.cleaned_data
            try:
                cd = services.commune_decision_create(
                    commune=commune,
                    matter=d["matter"],
                    title=d["title"],
                    description=d["description"],
                    method=d["method"],
                    noticed_on=d["noticed_on"],
                    by=request.user,
                )
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã tạo nội dung toàn xã và dự thảo cho từng thôn.")
                return redirect(reverse("decisions:commune_detail", args=[commune.code, cd.pk]))
    items = CommuneDecision.objects.filter(commune=commune).order_by("-created_at", "-id")[:100]
    rows = [{"cd": cd, "tally": services.commune_decision_tally(cd)} for cd in items]
    return render(
        request,
        "democracy/decisions/commune_list.html",
        workspace_context(
            request,
            commune,
            rows=rows,
            form=form,
            may_lead=may_lead,
            share=rules.commune_wide_threshold(),
        ),
        status=400 if request.method == "POST" else 200,
    )


@login_required
def commune_decision_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.view")
    cd = get_object_or_404(CommuneDecision, commune=commune, pk=pk)
    parts = cd.village_decisions.select_related("village").order_by("village__name")
    return render(
        request,
        "democracy/decisions/commune_detail.html",
        workspace_context(
            request,
            commune,
            cd=cd,
            parts=parts,
            tally=services.commune_decision_tally(cd),
            may_lead=can(request.user, "decisions.manage", commune) and _may_lead(request.user, commune),
        ),
    )


@login_required
@require_POST
def commune_decision_conclude(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.manage")
    cd = get_object_or_404(CommuneDecision, commune=commune, pk=pk)
    try:
        services.commune_decision_conclude(decision=cd, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã tổng hợp kết quả toàn xã.")
    return redirect(reverse("decisions:commune_detail", args=[commune.code, cd.pk]))
