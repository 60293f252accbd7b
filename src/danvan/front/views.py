"""The Front's voice on the staff side (/lam-viec/<code>/mat-tran/…: recommendations and social criticism,
one with its answer, the regulations register) and on the portal (/xa/<slug>/mat-tran/: the answers the
commune published). Every staff view resolves the commune first and looks objects up inside it; the
services decide who may write."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.front import selectors, services
from danvan.front.forms import ActivityForm, AnswerForm, RecommendationForm, RegulationForm, ReviewForm
from danvan.front.models import FrontRecommendation, JointActivity, Regulation
from danvan.geo.selectors import commune_by_slug
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW = "front.view"


@login_required
def recommendation_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    today = timezone.localdate()
    rows = selectors.recommendations(commune)
    context = workspace_context(
        request,
        commune,
        rows=[(r, r.is_late(today)) for r in rows],
        may_record=can(request.user, services.RECORD, commune),
    )
    return render(request, "front/list.html", context)


@login_required
def recommendation_new(request, code: str):
    commune = commune_for(request.user, code, permission=services.RECORD)
    form = RecommendationForm(commune, request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.recommendation_record(commune=commune, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã ghi nhận; hạn trả lời {item.answer_due:%d/%m/%Y}.")
            return redirect("front:item", code=commune.code, pk=item.pk)
    context = workspace_context(request, commune, form=form)
    return render(request, "front/new.html", context, status=400 if request.method == "POST" else 200)


def _answer_page(request, commune, item, form=None, status=200):
    today = timezone.localdate()
    may_answer = not item.answer and can(request.user, services.ANSWER, commune)
    context = workspace_context(
        request,
        commune,
        item=item,
        late=item.is_late(today),
        form=(form or AnswerForm(initial={"answered_on": today})) if may_answer else None,
    )
    return render(request, "front/item.html", context, status=status)


@login_required
def recommendation_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    item = get_object_or_404(FrontRecommendation.objects.select_related("unit"), pk=pk, commune=commune)
    if request.method != "POST":
        return _answer_page(request, commune, item)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            services.recommendation_answer(item=item, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code in ("forbidden", "already_answered"):
                messages.error(request, exc.message)
                return redirect("front:item", code=commune.code, pk=item.pk)
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi nội dung trả lời.")
            return redirect("front:item", code=commune.code, pk=item.pk)
    return _answer_page(request, commune, item, form=form, status=400)


def _regulations_page(request, commune, form=None, review=None, status=200):
    today = timezone.localdate()
    manages = can(request.user, services.REGULATIONS, commune)
    context = workspace_context(
        request,
        commune,
        rows=[(r, r.review_due(today)) for r in selectors.regulations(commune)],
        form=(form or RegulationForm()) if manages else None,
        review_form=(review or ReviewForm(initial={"reviewed_on": today})) if manages else None,
    )
    return render(request, "front/regulations.html", context, status=status)


@login_required
def regulation_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    if request.method != "POST":
        return _regulations_page(request, commune)
    form = RegulationForm(request.POST)
    if form.is_valid():
        try:
            services.regulation_add(commune=commune, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã vào sổ quy chế.")
            return redirect("front:regulations", code=commune.code)
    return _regulations_page(request, commune, form=form, status=400)


@login_required
@require_POST
def regulation_review(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    regulation = get_object_or_404(Regulation, pk=pk, commune=commune)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.regulation_review(regulation=regulation, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code in ("forbidden", "bad_transition"):
                messages.error(request, exc.message)
                return redirect("front:regulations", code=commune.code)
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi kết quả rà soát.")
            return redirect("front:regulations", code=commune.code)
    return _regulations_page(request, commune, review=form, status=400)


@login_required
def activity_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    may_write = can(request.user, services.RECORD, commune)
    form = ActivityForm(request.POST or None) if may_write else None
    status = 200
    if request.method == "POST":
        if form is None:
            return redirect("front:activities", code=commune.code)
        if form.is_valid():
            try:
                services.activity_add(commune=commune, by=request.user, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã đưa vào lịch hoạt động phối hợp.")
                return redirect("front:activities", code=commune.code)
        status = 400
    today = timezone.localdate()
    context = workspace_context(
        request,
        commune,
        rows=selectors.activities(commune, since=today - timedelta(days=30)),
        form=form,
        may_write=may_write,
        today=today,
    )
    return render(request, "front/activities.html", context, status=status)


@login_required
@require_POST
def activity_cancel(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    activity = get_object_or_404(JointActivity, pk=pk, commune=commune)
    try:
        services.activity_cancel(activity=activity, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã hủy hoạt động.")
    return redirect("front:activities", code=commune.code)


def public_answers(request, slug: str):
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    context = {
        "commune": commune,
        "rows": selectors.public_answers(commune),
        "activities": selectors.activities(commune, since=today, public_only=True),
    }
    return render(request, "front/public.html", context)
