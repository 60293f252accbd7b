"""Staff pages of voters' petitions, under /lam-viec/<code>/kien-nghi-cu-tri/."""

from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.engagement import selectors, services
from danvan.engagement.forms import (
    AssignForm,
    CommitmentForm,
    VoterAnswerForm,
    VoterMeetingForm,
    VoterPetitionForm,
)
from danvan.engagement.models import (
    VoterMeeting,
    VoterPetition,
)
from danvan.engagement.views.common import MANAGE, VIEW, page_context
from danvan.org.access import commune_for

# --- voters' petitions -----------------------------------------------------------------------------------


@login_required
def voters(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    status = 200
    form = VoterMeetingForm(commune=commune)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=MANAGE)
        form = VoterMeetingForm(request.POST, commune=commune)
        if form.is_valid():
            try:
                meeting = services.voter_meeting_record(by=request.user, commune=commune, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã ghi hội nghị tiếp xúc cử tri.")
                return redirect("engagement:voter_meeting", code=commune.code, pk=meeting.pk)
        status = 400
    return render(
        request,
        "engagement/voters.html",
        page_context(request, commune, meetings=selectors.voter_meetings(commune=commune), form=form),
        status=status,
    )


def _meeting_page(request, commune, meeting, *, form=None, status=200):
    petitions = list(
        meeting.petitions.select_related("unit").prefetch_related("commitments").order_by("topic", "id")
    )
    groups = [(topic, list(items)) for topic, items in groupby(petitions, key=lambda p: p.topic)]
    return render(
        request,
        "engagement/voter_meeting.html",
        page_context(
            request,
            commune,
            meeting=meeting,
            groups=groups,
            form=form or VoterPetitionForm(commune=commune),
            assign_form=AssignForm(commune=commune),
            answer_form=VoterAnswerForm(initial={"on": timezone.localdate(), "publish": True}),
            commit_form=CommitmentForm(commune=commune),
            topics=sorted({p.topic for p in VoterPetition.objects.filter(commune=commune).only("topic")}),
        ),
        status=status,
    )


@login_required
def voter_meeting(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    meeting = get_object_or_404(VoterMeeting.objects.prefetch_related("villages"), pk=pk, commune=commune)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=MANAGE)
        form = VoterPetitionForm(request.POST, commune=commune)
        if form.is_valid():
            try:
                services.voter_petition_add(by=request.user, meeting=meeting, **form.cleaned_data)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                messages.success(request, "Đã thêm kiến nghị.")
                return redirect("engagement:voter_meeting", code=commune.code, pk=meeting.pk)
        return _meeting_page(request, commune, meeting, form=form, status=400)
    return _meeting_page(request, commune, meeting)


@login_required
@require_POST
def voter_petition_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    petition = get_object_or_404(VoterPetition.objects.select_related("meeting"), pk=pk, commune=commune)
    try:
        if action == "giao":
            form = AssignForm(request.POST, commune=commune)
            form.is_valid()
            services.voter_petition_assign(
                by=request.user, petition=petition, unit=form.cleaned_data.get("unit")
            )
            text = "Đã giao đơn vị tham mưu trả lời."
        elif action == "tra-loi":
            form = VoterAnswerForm(request.POST)
            form.is_valid()
            d = form.cleaned_data
            services.voter_petition_answer(
                by=request.user,
                petition=petition,
                answer=d.get("answer", ""),
                on=d.get("on"),
                publish=d.get("publish"),
            )
            text = "Đã ghi trả lời kiến nghị cử tri."
        elif action == "cam-ket":
            form = CommitmentForm(request.POST, commune=commune)
            form.is_valid()
            services.commitment_create(by=request.user, voter_petition=petition, **form.cleaned_data)
            text = "Đã ghi cam kết."
        else:
            raise Http404
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, text)
    return redirect("engagement:voter_meeting", code=commune.code, pk=petition.meeting_id)
