"""Mediation pages under /lam-viec/<code>/hoa-giai/: the year's figures and the teams with what they lack,
the cases, one team, one case with its next steps, and the year's statistics as .xlsx.

Every view resolves the commune first (`commune_for`) and looks objects up inside it; the services
decide who may write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.documents import xlsx
from danvan.geo.selectors import villages_of
from danvan.mediation import rules, selectors, services
from danvan.mediation.forms import (
    AssignForm,
    CaseForm,
    EndForm,
    LeaveForm,
    MediatorForm,
    OutOfScopeForm,
    StartForm,
    TeamForm,
)
from danvan.mediation.models import Case, Mediator, Team
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW, WRITE, MANAGE = "mediation.view", "mediation.write", "mediation.manage"
S = Case.Status


def _year(request) -> int:
    raw = request.GET.get("nam", "")
    today = timezone.localdate()
    return int(raw) if raw.isdigit() and 2014 <= int(raw) <= today.year + 1 else today.year


@login_required
def mediation_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    year = _year(request)
    status = request.GET.get("ket-qua", "")
    today = timezone.localdate()
    found = list(selectors.cases(commune, year=year, status=status)[:200])
    context = workspace_context(
        request,
        commune,
        year=year,
        years=list(range(today.year, 2013, -1))[:6],
        status=status,
        statuses=S.choices,
        stats=selectors.year_statistics(commune, year),
        teams=selectors.teams_with_problems(commune, today),
        cases=[(c, rules.start_late(c, today)) for c in found],
        may_write=can(request.user, WRITE, commune),
        may_manage=can(request.user, MANAGE, commune),
    )
    return render(request, "mediation/list.html", context)


@login_required
def team_new(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    villages = list(villages_of(commune).filter(is_active=True))
    form = TeamForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        village = next(v for v in villages if str(v.pk) == d["village"])
        try:
            team = services.team_save(
                by=request.user,
                commune=commune,
                village=village,
                name=d["name"],
                established_on=d["established_on"],
                minority_area=d["minority_area"],
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã lập tổ hòa giải; thêm các hòa giải viên của tổ.")
            return redirect("mediation:team", code=commune.code, pk=team.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "mediation/team_new.html", workspace_context(request, commune, form=form), status=status
    )


def _team(commune, pk: int) -> Team:
    return get_object_or_404(Team.objects.select_related("village", "commune"), pk=pk, commune=commune)


@login_required
def team_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    team = _team(commune, pk)
    form = MediatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.mediator_add(by=request.user, team=team, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã thêm hòa giải viên.")
            return redirect("mediation:team", code=commune.code, pk=team.pk)
    today = timezone.localdate()
    mediators = list(team.mediators.all())
    current = [m for m in mediators if m.left_on is None or m.left_on > today]
    context = workspace_context(
        request,
        commune,
        team=team,
        mediators=mediators,
        problems=rules.team_problems(team, current, today),
        form=form,
        leave_form=LeaveForm(initial={"on": today}),
        may_manage=can(request.user, MANAGE, commune),
    )
    status = 400 if request.method == "POST" else 200
    return render(request, "mediation/team.html", context, status=status)


@login_required
@require_POST
def mediator_leave(request, code: str, pk: int, mediator_id: int):
    commune = commune_for(request.user, code, permission=VIEW)
    team = _team(commune, pk)
    mediator = get_object_or_404(Mediator, pk=mediator_id, team=team)
    form = LeaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Ngày thôi làm hòa giải viên không hợp lệ (dd/mm/yyyy).")
    else:
        try:
            services.mediator_leave(by=request.user, mediator=mediator, on=form.cleaned_data["on"])
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã ghi nhận {mediator.full_name} thôi làm hòa giải viên.")
    return redirect("mediation:team", code=commune.code, pk=team.pk)


@login_required
def case_new(request, code: str):
    commune = commune_for(request.user, code, permission=WRITE)
    teams = list(Team.objects.filter(commune=commune, is_active=True).select_related("village"))
    petition = None
    raw = request.POST.get("petition") or request.GET.get("don")
    if raw:
        from danvan.petitions.models import Petition

        petition = Petition.objects.filter(commune=commune, pk=int(raw) if str(raw).isdigit() else 0).first()
        if petition is None or Petition.Kind.DENUNCIATION in (petition.kind, petition.kind_hint):
            raise Http404("Không tìm thấy đơn để chuyển hòa giải.")  # a denunciation is never mediated
    initial = {"received_on": timezone.localdate(), "basis": Case.Basis.ASSIGNED}
    if petition is not None:
        team = next((t for t in teams if t.village_id == petition.village_id), None)
        initial |= {"summary": petition.content, "petition": petition.pk, "team": team.pk if team else ""}
    form = CaseForm(request.POST or None, teams=teams, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        team = next(t for t in teams if str(t.pk) == d["team"])
        try:
            case = services.case_open(
                by=request.user,
                team=team,
                received_on=d["received_on"],
                basis=d["basis"],
                matter=d["matter"],
                parties=d["parties"],
                summary=d["summary"],
                petition=petition,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi nhận vụ, việc; phân công hòa giải viên để bắt đầu hòa giải.")
            return redirect("mediation:case", code=commune.code, pk=case.pk)
    context = workspace_context(request, commune, form=form, petition=petition)
    status = 400 if request.method == "POST" else 200
    return render(request, "mediation/case_new.html", context, status=status)


def _case(commune, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.select_related("team__village", "petition", "follow_up_petition"), pk=pk, commune=commune
    )


def _forms(case: Case, today, bound: tuple[str, object] | None = None) -> dict:
    """The forms of the steps open to this case now."""
    mediators = Mediator.objects.filter(team=case.team, left_on__isnull=True)
    blank = {
        "assign": lambda: AssignForm(mediators=mediators, initial={"on": today}, prefix="assign"),
        "start": lambda: StartForm(initial={"on": today}, prefix="start"),
        "end": lambda: EndForm(initial={"on": today}, prefix="end"),
        "out_of_scope": lambda: OutOfScopeForm(prefix="out_of_scope"),
    }
    open_steps = []
    if case.status == S.RECEIVED:
        open_steps = ["assign", "start", "out_of_scope"]
    elif case.status == S.MEDIATING:
        open_steps = ["end"]
    elif case.status == S.FAILED:
        open_steps = ["start"]
    forms = {name: blank[name]() for name in open_steps}
    if bound:
        forms[bound[0]] = bound[1]
    return forms


@login_required
def case_detail(request, code: str, pk: int, bound=None, status: int = 200):
    commune = commune_for(request.user, code, permission=VIEW)
    case = _case(commune, pk)
    today = timezone.localdate()
    context = workspace_context(
        request,
        commune,
        case=case,
        mediators=list(case.mediators.all()),
        start_due=rules.start_due(case),
        start_late=rules.start_late(case, today),
        forms=_forms(case, today, bound) if can(request.user, WRITE, commune) else {},
        may_write=can(request.user, WRITE, commune),
    )
    return render(request, "mediation/case.html", context, status=status)


@login_required
@require_POST
def case_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission=VIEW)
    case = _case(commune, pk)
    if action == "chuyen-don":
        try:
            petition = services.case_to_petition(by=request.user, case=case)
        except ServiceError as exc:
            messages.error(request, exc.message)
            return redirect("mediation:case", code=commune.code, pk=case.pk)
        messages.success(request, f"Đã ghi nhận thành đơn mã {petition.tracking_code}.")
        return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    mediators = Mediator.objects.filter(team=case.team, left_on__isnull=True)
    makers = {
        "assign": (
            lambda: AssignForm(request.POST, mediators=mediators, prefix="assign"),
            services.case_assign,
            lambda d: {"mediator_ids": d["mediators"], "on": d["on"]},
        ),
        "start": (
            lambda: StartForm(request.POST, prefix="start"),
            services.case_start,
            lambda d: {"on": d["on"]},
        ),
        "end": (lambda: EndForm(request.POST, prefix="end"), services.case_end, lambda d: d),
        "out_of_scope": (
            lambda: OutOfScopeForm(request.POST, prefix="out_of_scope"),
            services.case_out_of_scope,
            lambda d: {"reason": d["reason"]},
        ),
    }
    if action not in makers:
        raise Http404("Không có thao tác này.")
    make_form, service, args = makers[action]
    form = make_form()
    if form.is_valid():
        try:
            service(by=request.user, case=case, **args(form.cleaned_data))
        except ServiceError as exc:
            if exc.code in ("forbidden", "bad_transition"):
                messages.error(request, exc.message)
                return redirect("mediation:case", code=commune.code, pk=case.pk)
            form_error(
                form,
                exc,
                aliases={
                    "assigned_on": "on",
                    "started_on": "on",
                    "ended_on": "on",
                    "agreement": "agreement" if action == "end" else "reason",
                },
            )
        else:
            messages.success(request, "Đã cập nhật vụ, việc hòa giải.")
            return redirect("mediation:case", code=commune.code, pk=case.pk)
    return case_detail(request, code, pk, bound=(action, form), status=400)


@login_required
def statistics_xlsx(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    year = _year(request)
    stats = selectors.year_statistics(commune, year)
    wb, ws = xlsx.workbook(f"Hòa giải {year}", ["Chỉ tiêu", "Số lượng"], [60, 14])
    for label, value in [
        ("Số tổ hòa giải", stats.teams),
        ("Số hòa giải viên", stats.mediators),
        ("  trong đó nữ", stats.women),
        ("  trong đó người dân tộc thiểu số", stats.minority),
        ("Vụ, việc tiếp nhận", stats.received),
        ("Hòa giải thành", stats.succeeded),
        ("Hòa giải không thành", stats.failed),
        ("Các bên yêu cầu chấm dứt", stats.stopped),
        ("Không thuộc phạm vi hòa giải ở cơ sở", stats.out_of_scope),
        ("Đang hòa giải", stats.open),
        *((f"Loại: {name}", n) for name, n in stats.by_matter),
    ]:
        ws.append([label, value])
    response = HttpResponse(
        xlsx.to_bytes(wb), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="hoa-giai-{commune.code}-{year}.xlsx"'
    return response
