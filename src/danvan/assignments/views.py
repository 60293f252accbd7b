"""The who-is-in-charge page under /lam-viec/<code>/phu-trach/: the officials in charge of each line of work
and of each village (with the villages nobody is in charge of), the steering committee, and their decisions
as ND 30 .docx drafts.

Every view resolves the commune first (`commune_for`) and looks objects up inside it; the services decide
who may write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.assignments import documents, selectors, services
from danvan.assignments.forms import AssignmentForm, EndForm, MeetingForm, MemberForm, ToTaskForm
from danvan.assignments.models import Assignment, CommitteeMeeting, CommitteeMember, Conclusion
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.documents.nd30 import render_docx
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW, MANAGE = "assignments.view", "assignments.manage"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _choices(commune):
    users = (
        get_user_model()
        .objects.filter(memberships__commune=commune, is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )
    return list(users), list(villages_of(commune).filter(is_active=True))


def _task_choices(commune):
    from danvan.org.models import Unit
    from danvan.plans.models import Plan

    plans = list(Plan.objects.filter(commune=commune).exclude(status=Plan.Status.CLOSED).order_by("-year"))
    return plans, list(Unit.objects.filter(commune=commune, is_active=True))


def _page(request, commune, assignment_form=None, member_form=None, meeting_form=None, status=200):
    users, villages = _choices(commune)
    plans, units = _task_choices(commune)
    today = timezone.localdate()
    current = selectors.current_assignments(commune)
    context = workspace_context(
        request,
        commune,
        by_scope=[
            (label, [a for a in current if a.scope == value]) for value, label in Assignment.Scope.choices
        ],
        uncovered=selectors.villages_without(commune, current),
        committee=selectors.committee(commune),
        assignment_form=assignment_form
        or AssignmentForm(users=users, villages=villages, initial={"starts_on": today}),
        member_form=member_form or MemberForm(users=users, initial={"starts_on": today}),
        end_form=EndForm(initial={"on": today}),
        meetings=list(
            CommitteeMeeting.objects.filter(commune=commune).prefetch_related("conclusions__task__plan")[:20]
        ),
        meeting_form=meeting_form or MeetingForm(initial={"held_on": today}),
        task_form=ToTaskForm(plans=plans, units=units),
        may_add_tasks=can(request.user, "plans.manage", commune) and bool(plans),
        may_manage=can(request.user, MANAGE, commune),
    )
    return render(request, "assignments/overview.html", context, status=status)


@login_required
def overview(request, code: str):
    return _page(request, commune_for(request.user, code, permission=VIEW))


@login_required
@require_POST
def assign(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    users, villages = _choices(commune)
    form = AssignmentForm(request.POST, users=users, villages=villages)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.assignment_make(
                by=request.user,
                commune=commune,
                scope=d["scope"],
                official=next((u for u in users if str(u.pk) == d["official"]), None),
                village=next((v for v in villages if str(v.pk) == d["village"]), None),
                position=d["position"],
                starts_on=d["starts_on"],
                decision=d["decision"],
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã phân công cán bộ phụ trách.")
            return redirect("assignments:overview", code=commune.code)
    return _page(request, commune, assignment_form=form, status=400)


@login_required
@require_POST
def member_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    users, _ = _choices(commune)
    form = MemberForm(request.POST, users=users)
    if form.is_valid():
        d = form.cleaned_data
        try:
            services.member_add(
                by=request.user,
                commune=commune,
                user=next((u for u in users if str(u.pk) == d["user"]), None),
                full_name=d["full_name"],
                role=d["role"],
                office=d["office"],
                starts_on=d["starts_on"],
                decision=d["decision"],
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm thành viên Ban Chỉ đạo.")
            return redirect("assignments:overview", code=commune.code)
    return _page(request, commune, member_form=form, status=400)


def _end(request, code: str, model, pk: int, service, arg: str, done: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    obj = get_object_or_404(model, pk=pk, commune=commune)
    form = EndForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày không hợp lệ (dd/mm/yyyy).")
    else:
        try:
            service(by=request.user, on=form.cleaned_data["on"], **{arg: obj})
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, done)
    return redirect("assignments:overview", code=commune.code)


@login_required
@require_POST
def assignment_end(request, code: str, pk: int):
    return _end(
        request, code, Assignment, pk, services.assignment_end, "assignment", "Đã kết thúc phân công."
    )


@login_required
@require_POST
def member_end(request, code: str, pk: int):
    return _end(
        request, code, CommitteeMember, pk, services.member_end, "member", "Đã ghi thành viên thôi tham gia."
    )


def _docx(document, filename: str) -> HttpResponse:
    response = HttpResponse(render_docx(document), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def assignment_docx(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return _docx(documents.assignment_decision(commune), f"quyet-dinh-phan-cong-{commune.code}.docx")


@login_required
def committee_docx(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    return _docx(documents.committee_decision(commune), f"quyet-dinh-ban-chi-dao-{commune.code}.docx")


@login_required
@require_POST
def meeting_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    form = MeetingForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record(by=request.user, commune=commune, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi cuộc họp Ban Chỉ đạo và các kết luận.")
            return redirect("assignments:overview", code=commune.code)
    return _page(request, commune, meeting_form=form, status=400)


@login_required
@require_POST
def conclusion_to_task(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    conclusion = get_object_or_404(
        Conclusion.objects.select_related("meeting__commune"), pk=pk, meeting__commune=commune
    )
    plans, units = _task_choices(commune)
    form = ToTaskForm(request.POST, plans=plans, units=units)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("assignments:overview", code=commune.code)
    d = form.cleaned_data
    try:
        task = services.conclusion_to_task(
            by=request.user,
            conclusion=conclusion,
            plan=next((p for p in plans if str(p.pk) == d["plan"]), None),
            lead_unit=next((u for u in units if str(u.pk) == d["lead_unit"]), None),
            due_date=d["due_date"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("assignments:overview", code=commune.code)
    messages.success(request, "Đã bổ sung kết luận thành nhiệm vụ của kế hoạch.")
    return redirect("plans:task", code=commune.code, plan_id=task.plan_id, task_id=task.pk)
