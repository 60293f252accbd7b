"""Staff pages of commitments and their progress, under /lam-viec/<code>/cam-ket/."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name, sniff_kind
from danvan.core.forms import form_error
from danvan.engagement import rules, selectors, services
from danvan.engagement.forms import (
    CommitmentFilterForm,
    ProgressForm,
    StatusForm,
)
from danvan.engagement.models import (
    Commitment,
)
from danvan.engagement.views.common import MANAGE, UPDATE, VIEW, page_context
from danvan.org.access import can, commune_for

# --- commitments -----------------------------------------------------------------------------------------


@login_required
def commitments(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    form = CommitmentFilterForm(request.GET or None, commune=commune)
    status, unit_id, late = "", None, False
    if form.is_valid():
        status = form.cleaned_data["status"]
        unit_id = form.cleaned_data["unit"].pk if form.cleaned_data["unit"] else None
        late = form.cleaned_data["tre_han"]
    rows = list(selectors.commitments(commune=commune, status=status, unit_id=unit_id, late=late)[:500])
    today = timezone.localdate()
    return render(
        request,
        "engagement/commitments.html",
        page_context(
            request,
            commune,
            form=form,
            rows=[(c, rules.commitment_is_late(c, today)) for c in rows],
            late_count=len(selectors.late_commitments(commune, today)),
        ),
    )


def _commitment(commune, pk) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "unit", "dialogue", "voter_petition", "reception_entry", "question"
        ),
        pk=pk,
        commune=commune,
    )


def _commitment_page(request, commune, commitment, *, progress_form=None, status_form=None, status=200):
    today = timezone.localdate()
    return render(
        request,
        "engagement/commitment.html",
        page_context(
            request,
            commune,
            c=commitment,
            late=rules.commitment_is_late(commitment, today),
            progress=list(commitment.progress.select_related("by")),
            may_update=services.may_update_commitment(request.user, commitment),
            progress_form=progress_form or ProgressForm(),
            status_form=status_form
            or StatusForm(initial={"status": "done" if commitment.status == "open" else "open"}),
            may_see_entry=can(request.user, MANAGE, commune),
        ),
        status=status,
    )


@login_required
def commitment_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _commitment_page(request, commune, _commitment(commune, pk))


@login_required
@require_POST
def commitment_progress(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=UPDATE)
    commitment = _commitment(commune, pk)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.commitment_progress_add(
                by=request.user,
                commitment=commitment,
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form.add_error("evidence" if exc.field == "attachment" else None, exc.message)
        else:
            messages.success(request, "Đã cập nhật tiến độ.")
            return redirect("engagement:commitment", code=commune.code, pk=commitment.pk)
    return _commitment_page(request, commune, commitment, progress_form=form, status=400)


@login_required
@require_POST
def commitment_status(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=UPDATE)
    commitment = _commitment(commune, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_set_status(
                by=request.user,
                commitment=commitment,
                status=form.cleaned_data["status"],
                result=form.cleaned_data["result"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form_error(form, exc)
        else:
            messages.success(request, "Đã cập nhật trạng thái cam kết.")
            return redirect("engagement:commitment", code=commune.code, pk=commitment.pk)
    return _commitment_page(request, commune, commitment, status_form=form, status=400)


@login_required
def commitment_evidence(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    commitment = _commitment(commune, pk)
    if not commitment.evidence:
        raise Http404("Cam kết chưa có minh chứng.")
    name = download_name(commitment.evidence_name, sniff_kind(commitment.evidence), fallback="minh-chung")
    response = FileResponse(commitment.evidence.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
