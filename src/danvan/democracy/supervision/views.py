"""Staff pages of supervision under /lam-viec/<code>/giam-sat/: boards, their members, recommendations
and answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.democracy.decisions.models import VillageDecision
from danvan.democracy.decisions.rules import DecisionStatus
from danvan.democracy.disclosures.models import Disclosure
from danvan.democracy.pages import (
    FIELD_ALIASES,
    page_context,
)
from danvan.democracy.supervision import forms as f
from danvan.democracy.supervision import services
from danvan.democracy.supervision.models import InvestmentProject, Recommendation, SupervisionBoard
from danvan.democracy.supervision.rules import BoardKind, RecommendationStatus
from danvan.democracy.supervision.services import boards_of, recommendations_of
from danvan.org.access import can, commune_for
from danvan.org.models import Role
from danvan.petitions import selectors as petition_selectors
from danvan.petitions import statistics as petition_statistics

SUPERVISION_OVERDUE_ROWS = 50

# --- staff: supervision ------------------------------------------------------------------------------------


def _supervision_scope(request, code: str):
    """The commune, and the boards the user sees: all of them for those who manage or answer, their own for a
    member; anyone else may not open the supervision pages."""
    commune = commune_for(request.user, code, permission="democracy.view")
    manager = can(request.user, "democracy.manage_boards", commune) or can(
        request.user, "democracy.answer_recommendations", commune
    )
    if manager:
        return commune, SupervisionBoard.objects.filter(commune=commune), True
    own = boards_of(request.user, commune)
    if not own.exists():
        raise PermissionDenied(
            "Trang giám sát dành cho thành viên Ban Thanh tra nhân dân, Ban Giám sát đầu tư."
        )
    return commune, own, False


@login_required
def supervision(request, code: str):
    commune, boards, manager = _supervision_scope(request, code)
    today = timezone.localdate()
    boards = list(
        boards.annotate(n=Count("members", filter=Q(members__is_active=True))).order_by("kind", "name")
    )
    recs = list(recommendations_of(commune, boards=None if manager else boards))
    projects = list(
        InvestmentProject.objects.filter(commune=commune, board__in=boards).select_related("board")
    )
    # Petitions: public-safe figures only (counts, kinds, units, deadlines), never a sender or a content.
    stats = petition_statistics.public_statistics(commune=commune, year=today.year, today=today)
    overdue = [
        {
            "kind": r.petition.get_kind_display(),
            "received_on": r.petition.received_on,
            "unit": r.petition.unit.name if r.petition.unit else "—",
            "field": r.petition.field.name if r.petition.field else "—",
            "due": r.due,
            "days_late": r.days_late,
        }
        # The most overdue first, at most 50: the count above says how many there are in all.
        for r in petition_selectors.overdue(commune=commune, today=today, limit=SUPERVISION_OVERDUE_ROWS)
    ]
    decisions = (
        VillageDecision.objects.filter(
            commune=commune, status__in=[DecisionStatus.RECORDED, DecisionStatus.PUBLISHED]
        )
        .select_related("village")
        .only("id", "title", "status", "passed", "recorded_at", "village__name")[:20]
    )
    may_recommend = can(request.user, "democracy.recommend", commune) and bool(
        boards_of(request.user, commune).exists()
    )
    return render(
        request,
        "democracy/supervision/home.html",
        page_context(
            request,
            commune,
            "supervision",
            boards=boards,
            recs=recs,
            projects=projects,
            stats=stats,
            petitions_overdue=overdue,
            decisions=decisions,
            today=today,
            manager=manager,
            may_recommend=may_recommend,
            board_form=f.BoardForm(),
            disclosures_recent=Disclosure.objects.filter(commune=commune)
            .select_related("kind")
            .defer("body")[:10],
        ),
    )


@login_required
@require_POST
def board_create(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.manage_boards")
    form = f.BoardForm(request.POST)
    if form.is_valid():
        try:
            board = services.board_create(by=request.user, commune=commune, **form.cleaned_data)
        except ServiceError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "Đã thêm ban.")
            return redirect("democracy:board_detail", code=commune.code, pk=board.pk)
    else:
        messages.error(request, "Nhập đủ loại ban và tên ban.")
    return redirect("democracy:supervision", code=commune.code)


def _supervisors(commune):
    return (
        get_user_model()
        .objects.filter(
            memberships__commune=commune,
            memberships__role=Role.SUPERVISOR,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
    )


@login_required
def board_detail(request, code: str, pk: int):
    commune, boards, _ = _supervision_scope(request, code)
    board = get_object_or_404(boards, pk=pk)
    member_form = f.MemberForm(users=_supervisors(commune))
    project_form = f.ProjectForm()
    if request.method == "POST":
        if not can(request.user, "democracy.manage_boards", commune):
            raise PermissionDenied("Vai trò của bạn không được quản lý ban giám sát.")
        try:
            if request.POST.get("action") == "member":
                member_form = f.MemberForm(request.POST, users=_supervisors(commune))
                if member_form.is_valid():
                    user = _supervisors(commune).filter(pk=member_form.cleaned_data["user"]).first()
                    services.board_member_add(
                        by=request.user, board=board, user=user, position=member_form.cleaned_data["position"]
                    )
                    messages.success(request, "Đã thêm thành viên.")
                    return redirect("democracy:board_detail", code=commune.code, pk=board.pk)
            elif request.POST.get("action") == "remove":
                member = get_object_or_404(board.members, pk=request.POST.get("member"))
                services.board_member_remove(by=request.user, member=member)
                messages.success(request, "Đã cho thôi thành viên.")
                return redirect("democracy:board_detail", code=commune.code, pk=board.pk)
            elif request.POST.get("action") == "project":
                project_form = f.ProjectForm(request.POST)
                if project_form.is_valid():
                    services.project_create(
                        by=request.user, commune=commune, board=board, **project_form.cleaned_data
                    )
                    messages.success(request, "Đã thêm dự án.")
                    return redirect("democracy:board_detail", code=commune.code, pk=board.pk)
        except ServiceError as exc:
            messages.error(request, exc.message)
    members = board.members.filter(is_active=True).select_related("user", "village")
    return render(
        request,
        "democracy/supervision/board.html",
        page_context(
            request,
            commune,
            "supervision",
            board=board,
            members=members,
            projects=board.projects.all(),
            member_form=member_form,
            project_form=project_form,
            is_investment=board.kind == BoardKind.COMMUNITY_INVESTMENT,
        ),
    )


@login_required
def recommendation_send(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.recommend")
    own = list(boards_of(request.user, commune))
    if not own:
        raise PermissionDenied("Chỉ thành viên các ban giám sát gửi được kiến nghị.")
    projects = list(InvestmentProject.objects.filter(board__in=own))
    form = f.RecommendationForm(request.POST or None, boards=own, projects=projects)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        board = next((b for b in own if b.pk == d["board"]), None)
        project = next((p for p in projects if p.pk == d["project"]), None)
        try:
            rec = services.recommendation_send(
                by=request.user,
                board=board,
                subject=d["subject"],
                content=d["content"],
                project=project,
                due_on=d["due_on"],
            )
        except ServiceError as exc:
            form_error(form, exc, FIELD_ALIASES)
        else:
            messages.success(request, "Đã gửi kiến nghị tới UBND xã.")
            return redirect("democracy:recommendation_detail", code=commune.code, pk=rec.pk)
    return render(
        request, "democracy/supervision/send.html", page_context(request, commune, "supervision", form=form)
    )


@login_required
def recommendation_detail(request, code: str, pk: int):
    commune, boards, _ = _supervision_scope(request, code)
    rec = get_object_or_404(
        Recommendation.objects.select_related("board", "project", "sent_by", "answered_by"),
        commune=commune,
        pk=pk,
        board__in=list(boards),
    )
    form = f.AnswerForm()
    if request.method == "POST":
        if not can(request.user, "democracy.answer_recommendations", commune):
            raise PermissionDenied("Vai trò của bạn không được trả lời kiến nghị giám sát.")
        form = f.AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.recommendation_answer(
                    by=request.user, recommendation=rec, answer=form.cleaned_data["answer"]
                )
            except ServiceError as exc:
                form_error(form, exc, FIELD_ALIASES)
            else:
                messages.success(request, "Đã trả lời kiến nghị.")
                return redirect("democracy:recommendation_detail", code=commune.code, pk=rec.pk)
    return render(
        request,
        "democracy/supervision/recommendation.html",
        page_context(
            request,
            commune,
            "supervision",
            rec=rec,
            form=form,
            overdue=rec.is_overdue(timezone.localdate()),
            may_answer_this=rec.status == RecommendationStatus.OPEN
            and can(request.user, "democracy.answer_recommendations", commune),
        ),
    )
