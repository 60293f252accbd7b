"""The complaint dialogue on the staff side: schedule it, record its minutes, download its documents.

Reached from the complaint's page; every view resolves the commune first (`commune_for`), then the
petition and the dialogue inside it, so another commune's ids are a 404. The services decide who may
write (the commune's petition handlers)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context
from danvan.petitions import dialogue_documents
from danvan.petitions.dialogue_forms import DialogueRecordForm, DialogueScheduleForm
from danvan.petitions.models import ComplaintDialogue, Petition
from danvan.petitions.services.dialogue import (
    DIALOGUE_STATUSES,
    complaint_dialogue_record,
    complaint_dialogue_schedule,
    dialogue_needed_note,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def dialogue_context(petition: Petition, handler: bool) -> dict:
    """What the complaint's page shows of its dialogues (nothing for other kinds)."""
    if petition.kind != Petition.Kind.COMPLAINT:
        return {}
    return {
        "dialogues": list(petition.complaint_dialogues.all()),
        "dialogue_note": dialogue_needed_note(petition) if petition.status in DIALOGUE_STATUSES else "",
        "may_schedule_dialogue": handler and petition.status in DIALOGUE_STATUSES,
    }


def _complaint(commune, pk: int) -> Petition:
    petition = get_object_or_404(Petition.objects.select_related("commune"), pk=pk, commune=commune)
    if petition.kind != Petition.Kind.COMPLAINT:
        raise Http404("Chỉ đơn khiếu nại mới có đối thoại giải quyết khiếu nại.")
    return petition


def _dialogue(petition: Petition, dialogue_id: int) -> ComplaintDialogue:
    return get_object_or_404(
        ComplaintDialogue.objects.select_related("petition__commune"), pk=dialogue_id, petition=petition
    )


@login_required
def dialogue_new(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _complaint(commune, pk)
    form = DialogueScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_dialogue_schedule(petition=petition, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code == "forbidden":
                messages.error(request, exc.message)
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
            form_error(form, exc)
        else:
            messages.success(request, "Đã lên lịch đối thoại; tải thông báo gửi những người được mời.")
            return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    context = workspace_context(request, commune, petition=petition, form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/dialogue_new.html", context, status=status)


@login_required
def dialogue_record(request, code: str, pk: int, dialogue_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _complaint(commune, pk)
    dialogue = _dialogue(petition, dialogue_id)
    form = DialogueRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            complaint_dialogue_record(dialogue=dialogue, by=request.user, **form.cleaned_data)
        except ServiceError as exc:
            if exc.code in ("forbidden", "already_recorded"):
                messages.error(request, exc.message)
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
            form_error(form, exc)
        else:
            messages.success(request, "Đã ghi biên bản đối thoại.")
            return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    context = workspace_context(request, commune, petition=petition, dialogue=dialogue, form=form)
    status = 400 if request.method == "POST" else 200
    return render(request, "petitions/dialogue_record.html", context, status=status)


def _docx(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def dialogue_notice(request, code: str, pk: int, dialogue_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    dialogue = _dialogue(_complaint(commune, pk), dialogue_id)
    return _docx(
        dialogue_documents.notice_docx(dialogue, request.user), f"thong-bao-doi-thoai-{dialogue.pk}.docx"
    )


@login_required
def dialogue_minutes(request, code: str, pk: int, dialogue_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    dialogue = _dialogue(_complaint(commune, pk), dialogue_id)
    if dialogue.held_on is None:
        raise Http404("Chưa ghi biên bản buổi đối thoại này.")
    return _docx(
        dialogue_documents.minutes_docx(dialogue, request.user), f"bien-ban-doi-thoai-{dialogue.pk}.docx"
    )
