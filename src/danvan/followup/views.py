"""Follow-up pages: /lam-viec/<code>/thi-hanh/ (the commune's execution items, late first),
/don-thu/<id>/thi-hanh/moi/ (give an item on a resolved case), /thi-hanh/<id>/ (one item: its result,
evidence, cancellation). Every view resolves the commune first and looks objects up inside it; the
services decide who may write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.followup import selectors, services
from danvan.followup.forms import CancelForm, DoneForm, ItemForm
from danvan.followup.models import ExecutionItem
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.petitions.models import Petition

VIEW = "followup.view"


@login_required
def item_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    today = timezone.localdate()
    late_only = request.GET.get("tre-han") == "1"
    rows = selectors.visible_items(commune, request.user, late_only=late_only, today=today)
    context = workspace_context(
        request, commune, rows=[(i, i.is_late(today)) for i in rows], late_only=late_only, today=today
    )
    return render(request, "followup/list.html", context)


@login_required
def item_new(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    petition = get_object_or_404(Petition.objects.select_related("commune"), pk=pk, commune=commune)
    if not services.may_manage(request.user, petition):
        raise PermissionDenied("Chỉ lãnh đạo và công chức đầu mối được giao việc thi hành quyết định.")
    form = ItemForm(commune, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.execution_add(petition=petition, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code in ("kind", "status"):
                messages.error(request, exc.message)
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
            form_error(form, exc)
        else:
            messages.success(request, "Đã giao việc thi hành quyết định.")
            return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    context = workspace_context(request, commune, petition=petition, form=form)
    return render(request, "followup/new.html", context, status=400 if request.method == "POST" else 200)


def _item(request, code: str, pk: int) -> ExecutionItem:
    commune = commune_for(request.user, code, permission=VIEW)
    item = get_object_or_404(
        ExecutionItem.objects.select_related("petition__commune", "unit", "decision", "commune"),
        pk=pk,
        commune=commune,
    )
    if not services.may_see_item(request.user, item.petition):
        raise PermissionDenied("Bạn không được xem việc thi hành của đơn tố cáo này.")
    return item


def _page(request, item, done=None, cancel=None, status=200):
    today = timezone.localdate()
    may_update = item.status == ExecutionItem.Status.OPEN and services.may_update(request.user, item)
    may_cancel = may_update and services.may_manage(request.user, item.petition)
    context = workspace_context(
        request,
        item.commune,
        item=item,
        late=item.is_late(today),
        done_form=(done or DoneForm(initial={"on": today})) if may_update else None,
        cancel_form=(cancel or CancelForm()) if may_cancel else None,
    )
    return render(request, "followup/item.html", context, status=status)


@login_required
def item_detail(request, code: str, pk: int):
    return _page(request, _item(request, code, pk))


@login_required
@require_POST
def item_done(request, code: str, pk: int):
    item = _item(request, code, pk)
    form = DoneForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.execution_done(item=item, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code in ("forbidden", "bad_transition"):
                messages.error(request, exc.message)
                return redirect("followup:item", code=code, pk=item.pk)
            form_error(form, exc, aliases={"attachment": "evidence"})
        else:
            messages.success(request, "Đã ghi kết quả thi hành.")
            return redirect("followup:item", code=code, pk=item.pk)
    return _page(request, item, done=form, status=400)


@login_required
@require_POST
def item_cancel(request, code: str, pk: int):
    item = _item(request, code, pk)
    form = CancelForm(request.POST)
    if form.is_valid():
        try:
            services.execution_cancel(item=item, by=request.user, reason=form.cleaned_data["reason"])
        except ServiceError as exc:
            if exc.code in ("forbidden", "bad_transition"):
                messages.error(request, exc.message)
                return redirect("followup:item", code=code, pk=item.pk)
            form_error(form, exc, aliases={"result": "reason"})
        else:
            messages.success(request, "Đã ghi việc không phải thi hành.")
            return redirect("followup:item", code=code, pk=item.pk)
    return _page(request, item, cancel=form, status=400)


@login_required
def item_evidence(request, code: str, pk: int):
    item = _item(request, code, pk)
    if not item.evidence:
        raise Http404("Việc này chưa có minh chứng.")
    return FileResponse(
        item.evidence.open("rb"), as_attachment=True, filename=item.evidence_name or "minh-chung"
    )
