"""Staff pages of dialogues with citizens, under /lam-viec/<code>/doi-thoai/."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.engagement import invitations, selectors, services
from danvan.engagement.forms import (
    AnswerForm,
    CommitmentForm,
    DialogueForm,
    MinutesForm,
    QuestionAddForm,
)
from danvan.engagement.models import (
    Dialogue,
    DialogueQuestion,
)
from danvan.engagement.views.common import MANAGE, VIEW, page_context
from danvan.org.access import commune_for
from danvan.org.models import Unit

# --- dialogues ---------------------------------------------------------------------------------------------


@login_required
def dialogues(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    rows = list(
        Dialogue.objects.filter(commune=commune).prefetch_related("villages").order_by("-on", "-id")[:100]
    )
    pending = dict(
        DialogueQuestion.objects.filter(dialogue__commune=commune, status=DialogueQuestion.Status.PENDING)
        .values("dialogue_id")
        .annotate(n=Count("id"))
        .values_list("dialogue_id", "n")
    )
    return render(
        request,
        "engagement/dialogues.html",
        page_context(request, commune, rows=[(d, pending.get(d.pk, 0)) for d in rows]),
    )


@login_required
def dialogue_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    status = 200
    if request.method == "POST":
        form = DialogueForm(request.POST, commune=commune)
        if form.is_valid():
            try:
                d = services.dialogue_create(by=request.user, commune=commune, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(
                    request, "Đã tạo hội nghị đối thoại; giấy mời đã đăng trên cổng thông tin của xã."
                )
                return redirect("engagement:dialogue", code=commune.code, pk=d.pk)
        status = 400
    else:
        form = DialogueForm(commune=commune, initial={"start_time": dt.time(8, 0)})
    return render(
        request, "engagement/dialogue_add.html", page_context(request, commune, form=form), status=status
    )


def _dialogue(commune, pk) -> Dialogue:
    return get_object_or_404(Dialogue.objects.prefetch_related("villages"), pk=pk, commune=commune)


def _dialogue_page(request, commune, dialogue, *, forms=None, status=200):
    forms = forms or {}
    questions = selectors.dialogue_with_questions(dialogue, public=False)
    return render(
        request,
        "engagement/dialogue.html",
        page_context(
            request,
            commune,
            d=dialogue,
            questions=questions,
            approved=[q for q in questions if q.status == DialogueQuestion.Status.APPROVED],
            pending=[q for q in questions if q.status == DialogueQuestion.Status.PENDING],
            rejected=[q for q in questions if q.status == DialogueQuestion.Status.REJECTED],
            commitments=list(dialogue.commitments.select_related("unit", "question")),
            add_form=forms.get("add") or QuestionAddForm(commune=commune),
            minutes_form=forms.get("minutes")
            or MinutesForm(
                initial={"summary": dialogue.minutes_summary, "held_on": dialogue.held_on or dialogue.on}
            ),
            commit_form=forms.get("commit") or CommitmentForm(commune=commune),
            units=list(Unit.objects.filter(commune=commune, is_active=True).order_by("sort_order", "name")),
            answer_error=forms.get("answer_error"),
            invitation=invitations.invitation_text(dialogue, portal_url=_portal_url(request, dialogue)),
            today=timezone.localdate(),
        ),
        status=status,
    )


def _portal_url(request, dialogue) -> str:
    return request.build_absolute_uri(
        reverse("engagement_public:dialogue", kwargs={"slug": dialogue.commune.slug, "pk": dialogue.pk})
    )


@login_required
@require_POST
def invitation_send(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    try:
        count = invitations.dialogue_invitation_send(
            by=request.user, dialogue=dialogue, portal_url=_portal_url(request, dialogue)
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã gửi giấy mời tới {count} người (trưởng thôn, Mặt trận).")
    return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)


@login_required
def dialogue_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _dialogue_page(request, commune, _dialogue(commune, pk))


@login_required
@require_POST
def question_add(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    form = QuestionAddForm(request.POST, commune=commune)
    if form.is_valid():
        try:
            services.dialogue_question_add(by=request.user, dialogue=dialogue, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi câu hỏi.")
            return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)
    return _dialogue_page(request, commune, dialogue, forms={"add": form}, status=400)


def _question(dialogue, qid) -> DialogueQuestion:
    return get_object_or_404(DialogueQuestion, pk=qid, dialogue=dialogue)


@login_required
@require_POST
def question_moderate(request, code: str, pk: int, qid: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    question = _question(dialogue, qid)
    approve = request.POST.get("approve") == "1"
    services.dialogue_question_moderate(by=request.user, question=question, approve=approve)
    messages.success(request, "Đã duyệt câu hỏi." if approve else "Đã để câu hỏi ra ngoài đối thoại.")
    return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)


@login_required
@require_POST
def question_answer(request, code: str, pk: int, qid: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    question = _question(dialogue, qid)
    form = AnswerForm(request.POST)
    form.is_valid()
    try:
        services.dialogue_question_answer(
            by=request.user,
            question=question,
            answer=form.cleaned_data.get("answer", ""),
            answered_by=form.cleaned_data.get("answered_by", ""),
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã ghi trả lời.")
    return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)


@login_required
@require_POST
def minutes(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.dialogue_record_minutes(by=request.user, dialogue=dialogue, **form.cleaned_data)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi biên bản; hội nghị ngừng nhận câu hỏi qua cổng thông tin.")
            return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)
    return _dialogue_page(request, commune, dialogue, forms={"minutes": form}, status=400)


@login_required
@require_POST
def dialogue_commitment(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    dialogue = _dialogue(commune, pk)
    form = CommitmentForm(request.POST, commune=commune)
    qid = request.POST.get("question") or ""
    question = _question(dialogue, int(qid)) if qid.isdigit() else None
    if form.is_valid():
        try:
            services.commitment_create(
                by=request.user,
                dialogue=None if question else dialogue,
                question=question,
                **form.cleaned_data,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi cam kết.")
            return redirect("engagement:dialogue", code=commune.code, pk=dialogue.pk)
    return _dialogue_page(request, commune, dialogue, forms={"commit": form}, status=400)
