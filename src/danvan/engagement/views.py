"""Staff pages for meeting citizens, under /lam-viec/<code>/: the reception schedule and register,
dialogues, voters' petitions and commitments.

Every view resolves the commune through `org.access.commune_for` (another commune: 404; a role without
the permission: 403) and looks objects up inside it. Writes go through `engagement.services`. The
register holds personal data: only the roles that keep it (engagement.manage) open it.
"""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name, sniff_kind
from danvan.core.forms import form_error
from danvan.engagement import exports, invitations, rules, selectors, services
from danvan.engagement.forms import (
    AnswerForm,
    AssignForm,
    CommitmentFilterForm,
    CommitmentForm,
    DialogueForm,
    EntryForm,
    FollowUpForm,
    MinutesForm,
    PeriodForm,
    ProgressForm,
    QuestionAddForm,
    SessionForm,
    StatusForm,
    VoterAnswerForm,
    VoterMeetingForm,
    VoterPetitionForm,
)
from danvan.engagement.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    ReceptionEntry,
    ReceptionSession,
    VoterMeeting,
    VoterPetition,
)
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import can, commune_for
from danvan.org.models import Unit
from danvan.org.pages import workspace_context
from danvan.text.dates import reporting_period

VIEW = "engagement.view"
MANAGE = "engagement.manage"
UPDATE = "engagement.update_commitment"


def _ctx(request, commune, **extra):
    return workspace_context(
        request,
        commune,
        may_manage=can(request.user, MANAGE, commune),
        **extra,
    )


def _period(request) -> tuple[dt.date, dt.date, PeriodForm]:
    """The register's period from ?tu=&den= (default: the reporting period in progress, up to today,
    shown in the inputs)."""
    today = timezone.localdate()
    start, end = reporting_period(today)[0], today
    form = PeriodForm(request.GET or {"tu": start.isoformat(), "den": end.isoformat()})
    if form.is_valid():
        start = form.cleaned_data["tu"] or start
        end = form.cleaned_data["den"] or end
    if end < start:
        start, end = end, start
    return start, end, form


# --- reception schedule ----------------------------------------------------------------------------------


def _session_page(request, commune, form, status=200):
    today = timezone.localdate()
    weeks = selectors.calendar_weeks(commune=commune, start=today, weeks=rules.SCHEDULE_CHECK_WEEKS)
    past = selectors.schedule(
        commune=commune, start=today - dt.timedelta(days=28), end=today - dt.timedelta(days=1)
    )
    return render(
        request,
        "engagement/schedule.html",
        _ctx(
            request,
            commune,
            weeks=weeks,
            gaps=selectors.chairman_gaps(commune=commune, today=today),
            past=past,
            form=form,
            today=today,
        ),
        status=status,
    )


@login_required
def schedule(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    today = timezone.localdate()
    form = SessionForm(
        commune=commune,
        initial={
            "on": today + dt.timedelta(days=(7 - today.weekday()) % 7 or 7),
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 0),
            "place": "Phòng tiếp công dân, trụ sở UBND xã",
            "host_role": ReceptionSession.HostRole.CHAIRMAN,
            "repeat_weeks": 1,
        },
    )
    return _session_page(request, commune, form)


@login_required
@require_POST
def session_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    form = SessionForm(request.POST, commune=commune)
    if form.is_valid():
        d = form.cleaned_data
        created = []
        try:
            for i in range(d.get("repeat_weeks") or 1):
                created.append(
                    services.reception_session_schedule(
                        by=request.user,
                        commune=commune,
                        on=d["on"] + dt.timedelta(weeks=i),
                        start_time=d["start_time"],
                        end_time=d["end_time"],
                        place=d["place"],
                        host_role=d["host_role"],
                        host_name=d["host_name"],
                        unit=d["unit"],
                        kind=d["kind"],
                        note=d["note"],
                    )
                )
        except ServiceError as exc:
            form_error(form, exc)
            if created:
                messages.success(request, f"Đã xếp {len(created)} buổi tiếp trước khi gặp lỗi.")
        else:
            messages.success(request, f"Đã xếp {len(created)} buổi tiếp công dân.")
            return redirect("engagement:schedule", code=commune.code)
    return _session_page(request, commune, form, status=400)


@login_required
@require_POST
def session_cancel(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    session = get_object_or_404(ReceptionSession, pk=pk, commune=commune)
    try:
        services.reception_session_cancel(
            by=request.user, session=session, reason=request.POST.get("reason") or "Thay đổi lịch công tác"
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đã hủy buổi tiếp.")
    return redirect("engagement:schedule", code=commune.code)


# --- reception register ----------------------------------------------------------------------------------


@login_required
def register(request, code: str):
    # Personal data (names, addresses, ID numbers): only the roles that keep the register.
    commune = commune_for(request.user, code, permission=MANAGE)
    start, end, form = _period(request)
    entries = selectors.register(commune=commune, start=start, end=end, viewer=request.user)
    counts = {h: sum(1 for e in entries if e.handling == h) for h in ReceptionEntry.Handling.values}
    return render(
        request,
        "engagement/register.html",
        _ctx(
            request,
            commune,
            entries=entries,
            denouncer_hidden=selectors.DENOUNCER_HIDDEN,
            form=form,
            start=start,
            end=end,
            counts=[(ReceptionEntry.Handling(h).label, n) for h, n in counts.items()],
            query=f"tu={start:%Y-%m-%d}&den={end:%Y-%m-%d}",
        ),
    )


def _sessions_for_entry(commune):
    today = timezone.localdate()
    return ReceptionSession.objects.filter(
        commune=commune, on__gte=today - dt.timedelta(days=30), on__lte=today
    ).order_by("-on", "start_time")


@login_required
def entry_add(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    sessions = _sessions_for_entry(commune)
    status = 200
    if request.method == "POST":
        form = EntryForm(request.POST, commune=commune, sessions=sessions)
        if form.is_valid():
            d = form.cleaned_data
            try:
                entry = services.reception_entry_record(by=request.user, commune=commune, **d)
            except ServiceError as exc:
                form_error(form, exc)
            else:
                text = "Đã ghi vào sổ tiếp công dân."
                if entry.petition_id:
                    text += f" Đã tạo đơn thư, mã tra cứu {entry.petition.tracking_code}."
                if entry.is_group:
                    text += " Đoàn đông người: đã báo lãnh đạo UBND xã."
                messages.success(request, text)
                return redirect("engagement:entry", code=commune.code, pk=entry.pk)
        status = 400
    else:
        today = timezone.localdate()
        first = sessions.filter(on=today).first()
        form = EntryForm(
            commune=commune,
            sessions=sessions,
            initial={"received_on": today, "session": first, "people_count": 1, "handling": "accept"},
        )
    return render(
        request,
        "engagement/entry_add.html",
        _ctx(request, commune, form=form, group_min=rules.GROUP_VISIT_MIN_PEOPLE),
        status=status,
    )


@login_required
def entry_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    entry = get_object_or_404(
        ReceptionEntry.objects.select_related("petition", "session"), pk=pk, commune=commune
    )
    follow = FollowUpForm(initial={"follow_up": entry.follow_up, "note": entry.note})
    commit = CommitmentForm(commune=commune)
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "follow_up":
            follow = FollowUpForm(request.POST)
            if follow.is_valid():
                try:
                    services.reception_entry_follow_up(by=request.user, entry=entry, **follow.cleaned_data)
                except ServiceError as exc:
                    form_error(follow, exc)
                else:
                    messages.success(request, "Đã cập nhật theo dõi kết quả.")
                    return redirect("engagement:entry", code=commune.code, pk=entry.pk)
        elif which == "commitment":
            commit = CommitmentForm(request.POST, commune=commune)
            if commit.is_valid():
                try:
                    services.commitment_create(by=request.user, reception_entry=entry, **commit.cleaned_data)
                except ServiceError as exc:
                    form_error(commit, exc)
                else:
                    messages.success(request, "Đã ghi cam kết.")
                    return redirect("engagement:entry", code=commune.code, pk=entry.pk)
        status = 400
    return render(
        request,
        "engagement/entry.html",
        _ctx(
            request,
            commune,
            entry=entry,
            answer_due=rules.answer_due(entry.received_on, current_calendar()),
            identity_hidden=selectors.visitor_hidden(entry, request.user),
            denouncer_hidden=selectors.DENOUNCER_HIDDEN,
            follow=follow,
            commit=commit,
            commitments=list(entry.commitments.select_related("unit")),
        ),
        status=status,
    )


def _export_name(commune, start, end, ext) -> str:
    return f"so-tiep-cong-dan-{commune.code}-{start:%Y%m%d}-{end:%Y%m%d}.{ext}"


@login_required
def register_xlsx(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    start, end, _ = _period(request)
    data = exports.register_xlsx(commune=commune, start=start, end=end, viewer=request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(commune, start, end, "xlsx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def register_docx(request, code: str):
    commune = commune_for(request.user, code, permission=MANAGE)
    start, end, _ = _period(request)
    data = exports.register_docx(commune=commune, start=start, end=end, viewer=request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(commune, start, end, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response


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
        _ctx(request, commune, rows=[(d, pending.get(d.pk, 0)) for d in rows]),
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
    return render(request, "engagement/dialogue_add.html", _ctx(request, commune, form=form), status=status)


def _dialogue(commune, pk) -> Dialogue:
    return get_object_or_404(Dialogue.objects.prefetch_related("villages"), pk=pk, commune=commune)


def _dialogue_page(request, commune, dialogue, *, forms=None, status=200):
    forms = forms or {}
    questions = selectors.dialogue_with_questions(dialogue, public=False)
    return render(
        request,
        "engagement/dialogue.html",
        _ctx(
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
        _ctx(request, commune, meetings=selectors.voter_meetings(commune=commune), form=form),
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
        _ctx(
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


# --- commitments -----------------------------------------------------------------------------------------


@login_required
def commitments(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    form = CommitmentFilterForm(request.GET or None, commune=commune)
    status, unit_id, late = "", None, False
    if form.is_valid():
        status = form.cleaned_data["status"]
        unit_id = form.cleaned_data["unit"].pk if form.cleaned_data["unit"] else None
        late = form.cleaned_data["tre_han"]
    rows = list(selectors.commitments(commune=commune, status=status, unit_id=unit_id, late=late)[:500])
    today = timezone.localdate()
    return render(
        request,
        "engagement/commitments.html",
        _ctx(
            request,
            commune,
            form=form,
            rows=[(c, rules.commitment_is_late(c, today)) for c in rows],
            late_count=len(selectors.late_commitments(commune, today)),
        ),
    )


def _commitment(commune, pk) -> Commitment:
    return get_object_or_404(
        Commitment.objects.select_related(
            "unit", "dialogue", "voter_petition", "reception_entry", "question"
        ),
        pk=pk,
        commune=commune,
    )


def _commitment_page(request, commune, commitment, *, progress_form=None, status_form=None, status=200):
    today = timezone.localdate()
    return render(
        request,
        "engagement/commitment.html",
        _ctx(
            request,
            commune,
            c=commitment,
            late=rules.commitment_is_late(commitment, today),
            progress=list(commitment.progress.select_related("by")),
            may_update=services.may_update_commitment(request.user, commitment),
            progress_form=progress_form or ProgressForm(),
            status_form=status_form
            or StatusForm(initial={"status": "done" if commitment.status == "open" else "open"}),
            may_see_entry=can(request.user, MANAGE, commune),
        ),
        status=status,
    )


@login_required
def commitment_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _commitment_page(request, commune, _commitment(commune, pk))


@login_required
@require_POST
def commitment_progress(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=UPDATE)
    commitment = _commitment(commune, pk)
    form = ProgressForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.commitment_progress_add(
                by=request.user,
                commitment=commitment,
                note=form.cleaned_data["note"],
                evidence=form.cleaned_data["evidence"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form.add_error("evidence" if exc.field == "attachment" else None, exc.message)
        else:
            messages.success(request, "Đã cập nhật tiến độ.")
            return redirect("engagement:commitment", code=commune.code, pk=commitment.pk)
    return _commitment_page(request, commune, commitment, progress_form=form, status=400)


@login_required
@require_POST
def commitment_status(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=UPDATE)
    commitment = _commitment(commune, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.commitment_set_status(
                by=request.user,
                commitment=commitment,
                status=form.cleaned_data["status"],
                result=form.cleaned_data["result"],
            )
        except ServiceError as exc:
            if exc.code == "forbidden":
                raise PermissionDenied(exc.message) from None
            form_error(form, exc)
        else:
            messages.success(request, "Đã cập nhật trạng thái cam kết.")
            return redirect("engagement:commitment", code=commune.code, pk=commitment.pk)
    return _commitment_page(request, commune, commitment, status_form=form, status=400)


@login_required
def commitment_evidence(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    commitment = _commitment(commune, pk)
    if not commitment.evidence:
        raise Http404("Cam kết chưa có minh chứng.")
    name = download_name(commitment.evidence_name, sniff_kind(commitment.evidence), fallback="minh-chung")
    response = FileResponse(commitment.evidence.open("rb"), as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return response
