"""Staff pages of the reception schedule and register, under /lam-viec/<code>/tiep-dan/.

The register holds personal data: only the roles that keep it (engagement.manage) open it."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.engagement import exports, rules, selectors, services
from danvan.engagement.forms import (
    CommitmentForm,
    EntryForm,
    FollowUpForm,
    SessionForm,
)
from danvan.engagement.models import (
    ReceptionEntry,
    ReceptionSession,
)
from danvan.engagement.views.common import MANAGE, VIEW, page_context, register_period
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import commune_for

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
        page_context(
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
    start, end, form = register_period(request)
    entries = selectors.register(commune=commune, start=start, end=end, viewer=request.user)
    counts = {h: sum(1 for e in entries if e.handling == h) for h in ReceptionEntry.Handling.values}
    return render(
        request,
        "engagement/register.html",
        page_context(
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
        page_context(request, commune, form=form, group_min=rules.GROUP_VISIT_MIN_PEOPLE),
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
        page_context(
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
    start, end, _ = register_period(request)
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
    start, end, _ = register_period(request)
    data = exports.register_docx(commune=commune, start=start, end=end, viewer=request.user)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(commune, start, end, "docx")}"'
    response["Cache-Control"] = "private, no-store"
    return response
