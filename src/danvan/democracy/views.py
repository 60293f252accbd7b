"""Pages of the disclosure register, consultations and supervision: staff pages under
/lam-viec/<code>/{cong-khai,lay-y-kien,giam-sat}/ and the commune portal's /xa/<slug>/{cong-khai,lay-y-kien}/.

Every staff view resolves the commune with `org.access.commune_for` (another commune: 404; a role without
the permission: 403) and fetches objects inside it. Writes go through `democracy.services` only. Public
pages show approved comments only and nothing personal (no commenter's name or contact).
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.democracy import forms as f
from danvan.democracy import services
from danvan.democracy.models import (
    CommentGroup,
    Consultation,
    ConsultationComment,
    Disclosure,
    DisclosureKind,
    InvestmentProject,
    Recommendation,
    SupervisionBoard,
    VillageDecision,
)
from danvan.democracy.rules import (
    BoardKind,
    CommentStatus,
    ConsultationStatus,
    DecisionStatus,
    DisclosureForm,
    RecommendationStatus,
)
from danvan.democracy.services.consultations import public_consultation, public_consultations
from danvan.democracy.services.disclosures import public_disclosure, public_disclosures
from danvan.democracy.services.supervision import boards_of, recommendations_of
from danvan.geo.selectors import commune_by_slug
from danvan.org.access import can, commune_for
from danvan.org.models import Role
from danvan.org.pages import workspace_context
from danvan.petitions import selectors as petition_selectors
from danvan.petitions import statistics as petition_statistics
from danvan.text.normalize import fold

PAGE_SIZE = 30
# Comments per client address in a window: enough for a family sharing a phone, too few for a script.
COMMENT_LIMIT = 5
COMMENT_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã gửi quá {limit} lần trong {minutes} phút từ cùng một thiết bị, mạng. "
    "Vui lòng đợi ít phút rồi gửi lại."
)
_FIELD_ALIASES = {"forms": "channels", "upload": "file", "reason": "reason"}


def _ctx(request, commune, section: str, **extra):
    may_boards = can(request.user, "democracy.manage_boards", commune)
    may_answer = can(request.user, "democracy.answer_recommendations", commune)
    return workspace_context(
        request,
        commune,
        dem_section=section,
        may_publish=can(request.user, "democracy.publish", commune),
        may_consult=can(request.user, "democracy.manage_consultations", commune),
        may_boards=may_boards,
        may_answer=may_answer,
        # The supervision pages are for those who manage or answer boards, and for the boards' members.
        may_supervision=may_boards or may_answer or boards_of(request.user, commune).exists(),
        **extra,
    )


def _file_response(field, name: str, kind: str, mime: str):
    if not field:
        raise Http404("Nội dung này không có tệp đính kèm.")
    response = FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=download_name(name, kind, fallback="tep"),
        content_type=mime or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- staff: disclosures ------------------------------------------------------------------------------------


@login_required
def disclosures(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.view")
    search = f.SearchForm(request.GET or None)
    qs = Disclosure.objects.filter(commune=commune).select_related("kind").defer("body", "search_text")
    if search.is_valid():
        if search.cleaned_data["loai"]:
            qs = qs.filter(kind=search.cleaned_data["loai"])
        for word in fold(search.cleaned_data["q"] or "").split()[:8]:
            qs = qs.filter(search_text__contains=word)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(
        request,
        "democracy/disclosures/list.html",
        _ctx(request, commune, "disclosures", page=page, search=search, today=timezone.localdate()),
    )


@login_required
def disclosure_publish(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.publish")
    if request.method == "POST":
        form = f.DisclosurePublishForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = services.disclosure_publish(
                    by=request.user,
                    commune=commune,
                    kind=d["kind"],
                    title=d["title"],
                    body=d["body"],
                    upload=d["file"],
                    forms=d["channels"],
                    starts_on=d["starts_on"],
                    ends_on=d["ends_on"],
                    decided_on=d["decided_on"],
                )
            except ServiceError as exc:
                form_error(form, exc, _FIELD_ALIASES)
            else:
                messages.success(request, "Đã đăng nội dung công khai.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=item.pk)
    else:
        form = f.DisclosurePublishForm(
            initial={
                "starts_on": timezone.localdate(),
                "channels": [DisclosureForm.OFFICE_POSTING, DisclosureForm.PORTAL],
            }
        )
    kinds = list(DisclosureKind.objects.filter(is_active=True))
    return render(
        request,
        "democracy/disclosures/publish.html",
        _ctx(request, commune, "disclosures", form=form, kinds=kinds),
    )


def _disclosure(commune, pk: int) -> Disclosure:
    return get_object_or_404(
        Disclosure.objects.select_related("kind", "corrects", "published_by"), commune=commune, pk=pk
    )


@login_required
def disclosure_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    item = _disclosure(commune, pk)
    form = f.DisclosureWithdrawForm()
    if request.method == "POST":
        if not can(request.user, "democracy.publish", commune):
            raise PermissionDenied("Vai trò của bạn không được gỡ nội dung công khai.")
        form = f.DisclosureWithdrawForm(request.POST)
        if form.is_valid():
            try:
                services.disclosure_withdraw(
                    by=request.user, disclosure=item, reason=form.cleaned_data["reason"]
                )
            except ServiceError as exc:
                form_error(form, exc, _FIELD_ALIASES)
            else:
                messages.success(request, "Đã gỡ nội dung công khai.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=item.pk)
    forms_used = [DisclosureForm(x).label for x in item.forms if x in DisclosureForm.values]
    missing = [DisclosureForm(x).label for x in item.kind.required_forms if x not in item.forms]
    return render(
        request,
        "democracy/disclosures/detail.html",
        _ctx(
            request,
            commune,
            "disclosures",
            item=item,
            form=form,
            forms_used=forms_used,
            missing_forms=missing,
        ),
    )


@login_required
def disclosure_correct(request, code: str, pk: int):
    """Đính chính: publish a corrected version; the period keeps counting from the first version."""
    commune = commune_for(request.user, code, permission="democracy.publish")
    item = _disclosure(commune, pk)
    if request.method == "POST":
        form = f.DisclosureCorrectForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                new = services.disclosure_correct(
                    by=request.user,
                    disclosure=item,
                    title=d["title"],
                    body=d["body"],
                    upload=d["file"],
                    forms=d["channels"],
                    ends_on=d["ends_on"],
                    reason=d["reason"],
                )
            except ServiceError as exc:
                form_error(form, exc, _FIELD_ALIASES)
            else:
                messages.success(request, "Đã đăng bản đính chính; bản cũ được lưu lại.")
                return redirect("democracy:disclosure_detail", code=commune.code, pk=new.pk)
    else:
        form = f.DisclosureCorrectForm(
            initial={"title": item.title, "body": item.body, "channels": item.forms, "ends_on": item.ends_on}
        )
    return render(
        request,
        "democracy/disclosures/correct.html",
        _ctx(request, commune, "disclosures", item=item, form=form),
    )


@login_required
def disclosure_file(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    item = _disclosure(commune, pk)
    return _file_response(item.file, item.file_name, item.file_kind, item.file_mime)


@login_required
def compliance(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.view")
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), today.year + 1)
    result = services.disclosure_compliance(commune, year=year)
    return render(
        request,
        "democracy/disclosures/compliance.html",
        _ctx(
            request,
            commune,
            "compliance",
            result=result,
            years=range(max(2020, today.year - 4), today.year + 2),
        ),
    )


# --- staff: consultations ----------------------------------------------------------------------------------


@login_required
def consultations(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.view")
    items = (
        Consultation.objects.filter(commune=commune)
        .annotate(
            pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            approved=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
        )
        .defer("description", "summary")
    )
    return render(
        request,
        "democracy/consultations/list.html",
        _ctx(request, commune, "consultations", items=items, today=timezone.localdate()),
    )


@login_required
def consultation_create(request, code: str):
    commune = commune_for(request.user, code, permission="democracy.manage_consultations")
    if request.method == "POST":
        form = f.ConsultationCreateForm(request.POST, request.FILES)
        if form.is_valid():
            d = form.cleaned_data
            try:
                item = services.consultation_create(
                    by=request.user,
                    commune=commune,
                    matter=d["matter"],
                    title=d["title"],
                    description=d["description"],
                    upload=d["file"],
                    opens_on=d["opens_on"],
                    closes_on=d["closes_on"],
                    questions=form.question_list(),
                )
            except ServiceError as exc:
                form_error(form, exc, _FIELD_ALIASES)
            else:
                messages.success(
                    request, "Đã lập đợt lấy ý kiến. Kiểm tra rồi bấm “Đăng lên cổng thông tin”."
                )
                return redirect("democracy:consultation_detail", code=commune.code, pk=item.pk)
    else:
        form = f.ConsultationCreateForm()
    return render(
        request, "democracy/consultations/create.html", _ctx(request, commune, "consultations", form=form)
    )


def _consultation(commune, pk: int) -> Consultation:
    return get_object_or_404(Consultation, commune=commune, pk=pk)


def _consultation_page(request, commune, c: Consultation, **forms_):
    questions = list(c.questions.all())
    comments = list(c.comments.select_related("question", "group").order_by("status", "created_at", "id"))
    groups = list(c.groups.all())
    today = timezone.localdate()
    ctx = {
        "c": c,
        "questions": questions,
        "pending": [x for x in comments if x.status == CommentStatus.PENDING],
        "approved": [x for x in comments if x.status == CommentStatus.APPROVED],
        "rejected": [x for x in comments if x.status == CommentStatus.REJECTED],
        "groups": groups,
        "is_open": c.is_open_on(today),
        "may_conclude": c.status == ConsultationStatus.PUBLISHED and today > c.closes_on,
        "record_form": forms_.get("record_form")
        or f.RecordCommentForm(questions=questions, initial={"collected_on": min(today, c.closes_on)}),
        "group_form": forms_.get("group_form") or f.GroupForm(),
        "conclude_form": forms_.get("conclude_form") or f.ConcludeForm(initial={"summary": c.summary}),
        "error": forms_.get("error"),
    }
    return render(
        request, "democracy/consultations/detail.html", _ctx(request, commune, "consultations", **ctx)
    )


@login_required
def consultation_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    return _consultation_page(request, commune, _consultation(commune, pk))


def _consultation_post(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.manage_consultations")
    return commune, _consultation(commune, pk)


def _back(commune, c):
    return redirect("democracy:consultation_detail", code=commune.code, pk=c.pk)


@login_required
@require_POST
def consultation_publish(request, code: str, pk: int):
    commune, c = _consultation_post(request, code, pk)
    try:
        services.consultation_publish(by=request.user, consultation=c)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã đăng dự thảo lên cổng thông tin của xã.")
    return _back(commune, c)


@login_required
@require_POST
def comment_moderate(request, code: str, pk: int, comment_id: int):
    commune, c = _consultation_post(request, code, pk)
    comment = get_object_or_404(ConsultationComment, consultation=c, pk=comment_id)
    approve = request.POST.get("action") == "approve"
    try:
        services.comment_moderate(by=request.user, comment=comment, approve=approve)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, "Đã duyệt, ý kiến hiện trên cổng thông tin." if approve else "Đã không đăng ý kiến."
        )
    return _back(commune, c)


@login_required
@require_POST
def comment_record(request, code: str, pk: int):
    commune, c = _consultation_post(request, code, pk)
    form = f.RecordCommentForm(request.POST, questions=list(c.questions.all()))
    if form.is_valid():
        d = form.cleaned_data
        question = c.questions.filter(pk=d["question"]).first() if d["question"] else None
        try:
            services.comment_record(
                by=request.user,
                consultation=c,
                body=d["body"],
                source=d["source"],
                people_count=d["people_count"],
                collected_on=d["collected_on"],
                question=question,
            )
        except ServiceError as exc:
            form_error(form, exc, _FIELD_ALIASES)
        else:
            messages.success(request, "Đã ghi ý kiến.")
            return _back(commune, c)
    return _consultation_page(request, commune, c, record_form=form)


@login_required
@require_POST
def group_save(request, code: str, pk: int):
    commune, c = _consultation_post(request, code, pk)
    group = None
    if request.POST.get("group"):
        group = get_object_or_404(CommentGroup, consultation=c, pk=request.POST["group"])
    form = f.GroupForm(request.POST)
    if form.is_valid():
        try:
            services.comment_group_save(
                by=request.user,
                consultation=c,
                group=group,
                title=form.cleaned_data["title"],
                response=form.cleaned_data["response"],
            )
        except ServiceError as exc:
            form_error(form, exc, _FIELD_ALIASES)
        else:
            messages.success(request, "Đã lưu nhóm ý kiến.")
            return _back(commune, c)
    return _consultation_page(request, commune, c, group_form=form)


@login_required
@require_POST
def comment_assign(request, code: str, pk: int, comment_id: int):
    commune, c = _consultation_post(request, code, pk)
    comment = get_object_or_404(ConsultationComment, consultation=c, pk=comment_id)
    group_id = request.POST.get("group")
    group = get_object_or_404(CommentGroup, consultation=c, pk=group_id) if group_id else None
    try:
        services.comment_assign(by=request.user, comment=comment, group=group)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return _back(commune, c)


@login_required
@require_POST
def consultation_conclude(request, code: str, pk: int):
    commune, c = _consultation_post(request, code, pk)
    form = f.ConcludeForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_conclude(
                by=request.user, consultation=c, summary=form.cleaned_data["summary"]
            )
        except ServiceError as exc:
            form_error(form, exc, _FIELD_ALIASES)
        else:
            messages.success(request, "Đã công bố kết quả lấy ý kiến trên cổng thông tin.")
            return _back(commune, c)
    return _consultation_page(request, commune, c, conclude_form=form)


@login_required
def consultation_file(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    c = _consultation(commune, pk)
    return _file_response(c.file, c.file_name, c.file_kind, c.file_mime)


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
        _ctx(
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
        _ctx(
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
            form_error(form, exc, _FIELD_ALIASES)
        else:
            messages.success(request, "Đã gửi kiến nghị tới UBND xã.")
            return redirect("democracy:recommendation_detail", code=commune.code, pk=rec.pk)
    return render(
        request, "democracy/supervision/send.html", _ctx(request, commune, "supervision", form=form)
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
                form_error(form, exc, _FIELD_ALIASES)
            else:
                messages.success(request, "Đã trả lời kiến nghị.")
                return redirect("democracy:recommendation_detail", code=commune.code, pk=rec.pk)
    return render(
        request,
        "democracy/supervision/recommendation.html",
        _ctx(
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


# --- public portal ---------------------------------------------------------------------------------------


def public_disclosure_list(request, slug: str):
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    search = f.SearchForm(request.GET or None)
    query, kind = "", None
    if search.is_valid():
        query, kind = search.cleaned_data["q"] or "", search.cleaned_data["loai"]
    qs = public_disclosures(commune, today=today, query=query, kind=kind)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    counts = dict(
        public_disclosures(commune, today=today)
        .values("kind_id")
        .annotate(n=Count("id"))
        .values_list("kind_id", "n")
    )
    kinds = [(k, counts.get(k.pk, 0)) for k in DisclosureKind.objects.filter(is_active=True)]
    return render(
        request,
        "democracy/public/disclosures.html",
        {"commune": commune, "page": page, "search": search, "query": query, "kind": kind, "kinds": kinds},
    )


def public_disclosure_detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    item = public_disclosure(commune, pk, today=timezone.localdate())
    if item is None:
        raise Http404("Không tìm thấy nội dung công khai này.")
    forms_used = [DisclosureForm(x).label for x in item.forms if x in DisclosureForm.values]
    return render(
        request,
        "democracy/public/disclosure.html",
        {"commune": commune, "item": item, "forms_used": forms_used},
    )


def public_disclosure_file(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    item = public_disclosure(commune, pk, today=timezone.localdate())
    if item is None:
        raise Http404("Không tìm thấy nội dung công khai này.")
    return _file_response(item.file, item.file_name, item.file_kind, item.file_mime)


def public_consultation_list(request, slug: str):
    commune = commune_by_slug(slug)
    return render(
        request,
        "democracy/public/consultations.html",
        {"commune": commune, "items": public_consultations(commune), "today": timezone.localdate()},
    )


@never_cache  # the comment form carries a one-time client token
def public_consultation_detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    c = public_consultation(commune, pk)
    if c is None:
        raise Http404("Không tìm thấy đợt lấy ý kiến này.")
    questions = list(c.questions.all())
    today = timezone.localdate()
    status = 200
    sent = False
    if request.method == "POST":
        form = f.PublicCommentForm(request.POST, questions=questions)
        token = (request.POST.get("client_token") or "").strip()[:64]
        if token and ConsultationComment.objects.filter(consultation=c, client_token=token).exists():
            sent = True  # a retry of a comment that went through
        elif form.is_valid():
            if not take_slot(
                request, scope="democracy:comment", limit=COMMENT_LIMIT, window_seconds=COMMENT_WINDOW_SECONDS
            ):
                form.add_error(
                    None, RATE_LIMIT_MESSAGE.format(limit=COMMENT_LIMIT, minutes=COMMENT_WINDOW_SECONDS // 60)
                )
                status = 429
            else:
                d = form.cleaned_data
                question = next((q for q in questions if q.pk == d["question"]), None)
                try:
                    services.comment_submit(
                        consultation=c,
                        body=d["body"],
                        question=question,
                        author_name=d["author_name"],
                        author_contact=d["author_contact"],
                        user=request.user if request.user.is_authenticated else None,
                        client_token=d["client_token"] or None,
                    )
                except ServiceError as exc:
                    form_error(form, exc, _FIELD_ALIASES)
                else:
                    sent = True
        if sent:
            form = None
    else:
        form = f.PublicCommentForm(questions=questions, initial={"client_token": uuid.uuid4().hex})
    if c.is_open_on(today) and form is None and not sent:
        form = f.PublicCommentForm(questions=questions, initial={"client_token": uuid.uuid4().hex})
    by_question = {q.pk: [] for q in questions}
    general = []
    for comment in c.public_comments:
        by_question.get(comment.question_id, general).append(comment)
    return render(
        request,
        "democracy/public/consultation.html",
        {
            "commune": commune,
            "c": c,
            "questions": [(q, by_question[q.pk]) for q in questions],
            "general": general,
            "form": form if c.is_open_on(today) else None,
            "sent": sent,
            "is_open": c.is_open_on(today),
            "today": today,
        },
        status=status,
    )


def public_consultation_file(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    c = public_consultation(commune, pk)
    if c is None:
        raise Http404("Không tìm thấy đợt lấy ý kiến này.")
    return _file_response(c.file, c.file_name, c.file_kind, c.file_mime)
