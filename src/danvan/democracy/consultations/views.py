"""Pages of consultations: staff under /lam-viec/<code>/lay-y-kien/, the portal under /xa/<slug>/lay-y-kien/
(residents comment there, limited per client address)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.democracy.consultations import forms as f
from danvan.democracy.consultations import services
from danvan.democracy.consultations.models import CommentGroup, Consultation, ConsultationComment
from danvan.democracy.consultations.rules import CommentStatus, ConsultationStatus
from danvan.democracy.consultations.services import public_consultation, public_consultations
from danvan.democracy.pages import (
    COMMENT_LIMIT,
    COMMENT_WINDOW_SECONDS,
    FIELD_ALIASES,
    RATE_LIMIT_MESSAGE,
    file_response,
    page_context,
)
from danvan.geo.selectors import commune_by_slug
from danvan.org.access import commune_for

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
        page_context(request, commune, "consultations", items=items, today=timezone.localdate()),
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
                form_error(form, exc, FIELD_ALIASES)
            else:
                messages.success(
                    request, "Đã lập đợt lấy ý kiến. Kiểm tra rồi bấm “Đăng lên cổng thông tin”."
                )
                return redirect("democracy:consultation_detail", code=commune.code, pk=item.pk)
    else:
        form = f.ConsultationCreateForm()
    return render(
        request,
        "democracy/consultations/create.html",
        page_context(request, commune, "consultations", form=form),
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
        request, "democracy/consultations/detail.html", page_context(request, commune, "consultations", **ctx)
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
            form_error(form, exc, FIELD_ALIASES)
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
            form_error(form, exc, FIELD_ALIASES)
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
            form_error(form, exc, FIELD_ALIASES)
        else:
            messages.success(request, "Đã công bố kết quả lấy ý kiến trên cổng thông tin.")
            return _back(commune, c)
    return _consultation_page(request, commune, c, conclude_form=form)


@login_required
def consultation_file(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="democracy.view")
    c = _consultation(commune, pk)
    return file_response(c.file, c.file_name, c.file_kind, c.file_mime)


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
                    form_error(form, exc, FIELD_ALIASES)
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
    return file_response(c.file, c.file_name, c.file_kind, c.file_mime)
