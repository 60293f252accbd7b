"""Possible duplicates and hotspots (điểm nóng): link, dismiss, unlink; acknowledge, resolve."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.petitions import services
from danvan.petitions.action_forms import HotspotResolveForm
from danvan.petitions.models import HotspotAlert, Petition
from danvan.petitions.views.case import _petition
from danvan.petitions.views.common import (
    _own_roles,
)

Status = Petition.Status

# --- staff: duplicates --------------------------------------------------------------------------------------


def _handler_only(request, commune) -> None:
    if not _own_roles(request.user, commune) & services.HANDLERS:
        raise PermissionDenied("Vai trò của bạn không được xử lý đơn trùng.")


@login_required
@require_POST
def duplicate_link(request, code: str, pk: int, other: int):
    """Link this petition to `other` as its duplicate: it is handled together with it."""
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    original = _petition(commune, other)
    _handler_only(request, commune)
    try:
        services.petition_link_duplicate(petition=petition, original=original, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã gộp đơn {petition.tracking_code} vào đơn {original.tracking_code}.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


@login_required
@require_POST
def duplicate_dismiss(request, code: str, pk: int, other: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    that = _petition(commune, other)
    _handler_only(request, commune)
    try:
        services.petition_dismiss_duplicate(petition=petition, other=that, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ghi nhận: đơn {that.tracking_code} không trùng với đơn này.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


@login_required
@require_POST
def duplicate_unlink(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    _handler_only(request, commune)
    try:
        services.petition_unlink_duplicate(petition=petition, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đơn được xử lý riêng, không còn gộp với đơn khác.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


# --- staff: hotspots ----------------------------------------------------------------------------------------


def _may_manage_hotspots(user, commune) -> bool:
    return bool(_own_roles(user, commune) & services.HOTSPOT_MANAGERS)


@login_required
def hotspot_list(request, code: str):
    """Điểm nóng: open alerts with their petitions, then the last ones resolved (3 queries)."""
    commune = commune_for(request.user, code, permission="workspace.view")
    petitions = Prefetch(
        "petitions",
        queryset=Petition.objects.select_related("village").only(
            "id",
            "tracking_code",
            "kind",
            "kind_hint",
            "status",
            "received_on",
            "signers_count",
            "village__name",
        ),
    )
    alerts = (
        HotspotAlert.objects.filter(commune=commune)
        .select_related("village", "field")
        .prefetch_related(petitions)
    )
    open_alerts = list(alerts.exclude(status=HotspotAlert.Status.RESOLVED).order_by("-raised_at", "-id"))
    resolved = list(alerts.filter(status=HotspotAlert.Status.RESOLVED).order_by("-resolved_at", "-id")[:20])
    return render(
        request,
        "petitions/hotspots.html",
        workspace_context(
            request,
            commune,
            open_alerts=open_alerts,
            resolved=resolved,
            may_manage=_may_manage_hotspots(request.user, commune),
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
            resolve_form=HotspotResolveForm(),
        ),
    )


@login_required
@require_POST
def hotspot_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    alert = get_object_or_404(HotspotAlert.objects.select_related("commune"), pk=pk, commune=commune)
    if action not in ("nam-tinh-hinh", "da-xu-ly"):
        raise Http404("Không có thao tác này.")
    if not _may_manage_hotspots(request.user, commune):
        raise PermissionDenied("Chỉ lãnh đạo và công chức đầu mối xử lý cảnh báo điểm nóng.")
    try:
        if action == "nam-tinh-hinh":
            services.hotspot_acknowledge(alert=alert, by=request.user)
            messages.success(request, "Đã ghi nhận: lãnh đạo đã nắm tình hình điểm nóng.")
        else:
            form = HotspotResolveForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.hotspot_resolve(alert=alert, note=note, by=request.user)
            messages.success(request, "Đã ghi nhận kết quả xử lý điểm nóng.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("petitions:hotspots", code=commune.code)
