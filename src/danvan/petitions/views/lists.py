"""Staff lists of petitions: the commune's list with filters, deadlines, recording a petition."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.law.registry import rule
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context
from danvan.petitions import rules, selectors, services
from danvan.petitions.action_forms import KindWorkflowForm
from danvan.petitions.forms import FilterForm, RecordForm
from danvan.petitions.kind_steps import OPTIONAL_KINDS, skipped_by_kind
from danvan.petitions.models import Petition
from danvan.petitions.permissions import is_denunciation
from danvan.petitions.views.common import (
    PAGE_SIZE,
    CappedPaginator,
    _apply_error,
    _due_info,
    _own_roles,
)
from danvan.petitions.views.rows import detail_prefix, due_table_row, list_row

# --- staff: lists ------------------------------------------------------------------------------------------

_LIST_ONLY = (
    "id",
    "commune_id",
    "tracking_code",
    "kind",
    "kind_hint",
    "complaint_round",
    "status",
    "channel",
    "received_on",
    "content",
    "signers_count",
    "process_due",
    "accept_due",
    "resolve_due",
    "unit__id",
    "unit__name",
    "field__id",
    "field__name",
    "village__id",
    "village__name",
)


def _overdue_q(today):
    return Q(status__in=rules.PENDING_PROCESSING) & (Q(process_due__lt=today) | Q(accept_due__lt=today)) | Q(
        status__in=rules.BEING_RESOLVED, resolve_due__lt=today
    )


def _row(petition, today, cal) -> dict:
    return {
        "p": petition,
        "due": _due_info(rules.current_due(petition), today, cal),
        "secret": is_denunciation(petition),
    }


@login_required
def petition_list(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    today = timezone.localdate()
    form = FilterForm(request.GET or None, commune=commune)
    qs = Petition.objects.filter(commune=commune).select_related("unit", "field", "village").only(*_LIST_ONLY)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["field"]:
            qs = qs.filter(field=d["field"])
        if d["unit"]:
            qs = qs.filter(unit=d["unit"])
        if d["overdue"]:
            qs = qs.filter(_overdue_q(today))
    wanted = request.GET.get("trang")
    page = CappedPaginator(qs.order_by("-received_on", "-id"), PAGE_SIZE, page=wanted).get_page(wanted)
    cal = current_calendar()
    prefix = detail_prefix(commune.code)
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "petitions/list.html",
        workspace_context(
            request,
            commune,
            form=form,
            page=page,
            rows=[list_row(_row(p, today, cal), prefix) for p in page],
            query=query.urlencode(),
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
        ),
    )


@login_required
def petition_deadlines(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    today = timezone.localdate()
    cal = current_calendar()
    # Paged in SQL: a commune with a backlog must not load every late case to show the first ones.
    page = Paginator(selectors.overdue_queryset(commune=commune, today=today), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    prefix = detail_prefix(commune.code)
    return render(
        request,
        "petitions/deadlines.html",
        workspace_context(
            request,
            commune,
            overdue=[due_table_row(r, prefix) for r in selectors.overdue_rows(page.object_list, today)],
            overdue_page=page,
            due_soon=[
                due_table_row(r, prefix) for r in selectors.due_soon(commune=commune, today=today, cal=cal)
            ],
            today=today,
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
        ),
    )


@login_required
def petition_record(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    if not _own_roles(request.user, commune) & services.RECORDERS:
        raise PermissionDenied("Vai trò của bạn chỉ được xem đơn thư, không được ghi nhận đơn.")
    if request.method == "POST":
        form = RecordForm(request.POST, request.FILES, commune=commune)
        if form.is_valid():
            d = form.cleaned_data
            try:
                petition = services.petition_record(
                    by=request.user,
                    commune=commune,
                    channel=d["channel"],
                    received_on=d["received_on"],
                    content=d["content"],
                    kind_hint=d["kind_hint"] or None,
                    village=d["village"],
                    address=d["address"],
                    lat=d["lat"],
                    lng=d["lng"],
                    identity=form.identity(),
                    attachments=d["attachments"],
                    client_token=d["client_token"] or None,
                    publish_consent=d["publish_consent"],
                    signers_count=d["signers_count"],
                    decision_known_on=d["decision_known_on"],
                )
            except ServiceError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, f"Đã ghi nhận đơn. Mã tra cứu: {petition.tracking_code}.")
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    else:
        form = RecordForm(
            commune=commune,
            initial={
                "received_on": timezone.localdate(),
                "client_token": uuid.uuid4().hex,
                "signers_count": 1,
            },
        )
    return render(request, "petitions/record.html", workspace_context(request, commune, form=form))


@login_required
def petition_workflow(request, code: str):
    """Quy trình theo loại đơn: which steps phản ánh and kiến nghị skip in this commune (the leaders);
    complaints and denunciations are shown with the law that keeps their steps."""
    commune = commune_for(request.user, code, permission="petitions.view_workflow")
    bound = None
    if request.method == "POST":
        commune = commune_for(request.user, code, permission="petitions.configure_workflow")
        posted = next((k for k in OPTIONAL_KINDS if f"{k}-kind" in request.POST), OPTIONAL_KINDS[0])
        bound = KindWorkflowForm(request.POST, prefix=posted)
        if bound.is_valid():
            d = bound.cleaned_data
            try:
                services.kind_workflow_set(
                    commune=commune,
                    kind=d["kind"],
                    skip_acceptance=d["skip_acceptance"],
                    skip_verification=d["skip_verification"],
                    by=request.user,
                )
            except ServiceError as exc:
                _apply_error(bound, exc)
            else:
                messages.success(request, "Đã lưu quy trình xử lý.")
                return redirect("petitions:workflow", code=commune.code)
    skipped = skipped_by_kind(commune)
    kinds = []
    for kind in OPTIONAL_KINDS:
        form = bound if bound is not None and bound.prefix == kind else None
        if form is None:
            form = KindWorkflowForm(
                initial={
                    "kind": kind,
                    "skip_acceptance": rules.ACCEPT in skipped[kind],
                    "skip_verification": rules.VERIFY in skipped[kind],
                },
                prefix=kind,
            )
        kinds.append(
            {"kind": kind, "label": Petition.Kind(kind).label, "form": form, "skipped": skipped[kind]}
        )
    return render(
        request,
        "petitions/workflow.html",
        workspace_context(
            request,
            commune,
            kinds=kinds,
            may_configure=can(request.user, "petitions.configure_workflow", commune),
            required={
                k: rules.required_steps(k) for k in (Petition.Kind.COMPLAINT, Petition.Kind.DENUNCIATION)
            },
            citation=rule("petition.required_steps").citation,
        ),
    )
