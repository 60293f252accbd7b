"""Staff pages of a village decision under /lam-viec/<code>/ban-quyet-dinh/: list, create, detail and
its actions, the meeting's attendance sheet with a live count, household ballots, the outcome document."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.democracy.decisions import rules, selectors, services
from danvan.democracy.decisions.forms import (
    METHOD_HELP,
    BallotFallbackForm,
    BallotForm,
    CommitteeForm,
    DecisionForm,
    MeetingResultForm,
    NoticeForm,
    OutcomeForm,
)
from danvan.democracy.decisions.models import MeetingAttendance, Vote, VoteReceipt
from danvan.democracy.decisions.outcome_document import filename as outcome_filename
from danvan.democracy.decisions.outcome_document import outcome_docx
from danvan.democracy.decisions.rules import Method
from danvan.democracy.decisions.services.checks import eligible_households
from danvan.democracy.decisions.views.common import (
    PAGE_SIZE,
    Status,
    decision_or_404,
    detail_url,
    managed_decision,
    managed_villages,
    vote_url,
)
from danvan.geo.models import Village
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

# --- decisions: list, create, detail --------------------------------------------------------------


@login_required
def decision_list(request, code: str):
    commune = commune_for(request.user, code, permission="decisions.view")
    villages = list(villages_of(commune))
    qs = selectors.decisions_of_commune(commune)
    chosen = None
    try:
        chosen = int(request.GET.get("thon") or 0) or None
    except ValueError:
        chosen = None
    if chosen:
        qs = qs.filter(village_id=chosen)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    results = selectors.results_for(page.object_list)
    rows = [{"d": d, "result": results[d.pk]} for d in page.object_list]
    return render(
        request,
        "democracy/decisions/list.html",
        workspace_context(
            request,
            commune,
            page=page,
            rows=rows,
            villages=villages,
            chosen=chosen,
            may_create=bool(managed_villages(request.user, commune)),
        ),
    )


@login_required
def decision_methods(request, code: str):
    """The method choices for a matter (htmx swaps them in when the matter changes)."""
    commune = commune_for(request.user, code, permission="decisions.manage")
    matter = request.GET.get("matter", "")
    form = DecisionForm(villages=Village.objects.filter(commune=commune), initial={"matter": matter})
    return render(
        request,
        "democracy/decisions/_methods.html",
        {"field": form["method"], "help": METHOD_HELP, "matter": matter, "offered": form.offered},
    )


@login_required
def decision_create(request, code: str):
    commune = commune_for(request.user, code, permission="decisions.manage")
    villages = managed_villages(request.user, commune)
    if not villages:
        raise PermissionDenied("Bạn chưa được giao quản lý thôn nào.")
    qs = Village.objects.filter(pk__in=[v.pk for v in villages]).order_by("name")
    initial = {"village": villages[0].pk if len(villages) == 1 else None, "is_secret": True}
    form = DecisionForm(request.POST or None, villages=qs, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            decision = services.decision_create(
                village=d["village"],
                matter=d["matter"],
                method=d["method"],
                title=d["title"],
                description=d["description"],
                opens_at=d["opens_at"],
                closes_at=d["closes_at"],
                noticed_on=d["noticed_on"],
                is_secret=d["is_secret"],
                counting_committee=form.committee(),
                by=request.user,
                commune=commune,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã tạo nội dung bàn và quyết định (dự thảo).")
            return redirect(detail_url(decision))
    return render(
        request,
        "democracy/decisions/create.html",
        workspace_context(request, commune, form=form, help=METHOD_HELP),
    )


def _actions(user, decision, commune) -> dict:
    """Which buttons the page shows; the services check again on every post."""
    manage = rules.can_manage_village(user, decision.village)
    s = decision.status
    meeting = decision.method == Method.MEETING and not decision.fell_back_to_ballot
    draft_online = decision.method == Method.ONLINE and s == Status.DRAFT
    return {
        "manage": manage,
        "open": manage and s in (Status.DRAFT,),
        "notice": manage and s == Status.DRAFT and decision.method in rules.NOTICE_METHODS,
        "agree_head": draft_online
        and not decision.online_agreed_by_head
        and rules.can_agree_as(user, decision.village, "village_head"),
        "agree_front": draft_online
        and not decision.online_agreed_by_front
        and rules.can_agree_as(user, decision.village, "front"),
        "attendance": manage and meeting and s in (Status.OPEN, Status.NEEDS_MEETING),
        "meeting_result": manage
        and meeting
        and s in (Status.OPEN, Status.CLOSED)
        and bool(decision.quorum_met),
        "ballots": manage
        and (s == Status.NEEDS_BALLOT or (decision.method == Method.BALLOT and s == Status.OPEN)),
        "send_codes": manage and decision.method == Method.ONLINE and s == Status.OPEN,
        "close": manage
        and (
            s == Status.NEEDS_BALLOT
            or (s == Status.OPEN and (not meeting or decision.meeting_approve is not None))
        ),
        "committee": manage and s not in (Status.RECORDED, Status.PUBLISHED),
        "record": manage and s == Status.CLOSED,
        "publish": manage and s == Status.RECORDED,
        "document": s in (Status.RECORDED, Status.PUBLISHED),
    }


def _show_counts(decision) -> bool:
    """A secret ballot's running totals stay hidden until voting ends: watched one by one beside the list
    of who handed in, they would tell how each household voted."""
    if decision.method == Method.MEETING and not decision.fell_back_to_ballot:
        return decision.meeting_approve is not None
    if decision.status in (Status.CLOSED, Status.RECORDED, Status.PUBLISHED):
        return True
    return not decision.is_secret


@login_required
def decision_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.view")
    decision = decision_or_404(commune, pk)
    actions = _actions(request.user, decision, commune)
    tally = services.decision_tally(decision) if decision.status != Status.DRAFT else None
    return render(
        request,
        "democracy/decisions/detail.html",
        workspace_context(
            request,
            commune,
            decision=decision,
            a=actions,
            tally=tally,
            show_counts=_show_counts(decision),
            needed=tally.needed if tally else None,
            threshold=rules.decision_threshold(decision),
            notice_form=NoticeForm(initial={"noticed_on": decision.noticed_on}),
            notice_earliest=rules.earliest_start(decision.noticed_on) if decision.noticed_on else None,
            committee_form=CommitteeForm(initial={"names": "\n".join(decision.counting_committee)}),
            result_form=MeetingResultForm(
                initial={
                    "approve": decision.meeting_approve,
                    "reject": decision.meeting_reject,
                    "abstain": decision.meeting_abstain or 0,
                }
            ),
            outcome_form=OutcomeForm(),
            vote_url=vote_url(request, decision) if decision.method == Method.ONLINE else "",
            register_count=eligible_households(decision).count(),
            may_confirm_register=can(request.user, "decisions.confirm_short_register", commune),
        ),
    )


ACTIONS = {
    "thong-bao": ("decisions.manage", "Đã ghi ngày thông báo tới các hộ."),
    "mo": ("decisions.manage", "Đã mở biểu quyết."),
    "dong-y-truong-thon": ("decisions.view", "Đã ghi nhận trưởng thôn đồng ý biểu quyết trực tuyến."),
    "dong-y-mat-tran": ("decisions.view", "Đã ghi nhận Ban công tác Mặt trận đồng ý biểu quyết trực tuyến."),
    "ban-kiem-phieu": ("decisions.manage", "Đã lưu ban kiểm phiếu."),
    "ket-qua-hoi-nghi": ("decisions.manage", "Đã ghi kết quả biểu quyết tại hội nghị."),
    "ket-thuc": ("decisions.manage", "Đã kết thúc biểu quyết."),
    "lap-bien-ban": ("decisions.manage", "Đã lập biên bản và báo cáo UBND xã."),
    "cong-bo": ("decisions.manage", "Đã công bố kết quả trên cổng thông tin của xã."),
    "gui-ma": ("decisions.manage", ""),
}


@login_required
@require_POST
def decision_action(request, code: str, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    permission, done = ACTIONS[action]
    commune = commune_for(request.user, code, permission=permission)
    decision = decision_or_404(commune, pk)
    by = request.user
    try:
        if action == "thong-bao":
            form = NoticeForm(request.POST)
            if not form.is_valid():
                raise ServiceError("Vui lòng nhập ngày thông báo tới các hộ (dd/mm/yyyy).")
            services.decision_record_notice(decision=decision, on=form.cleaned_data["noticed_on"], by=by)
        elif action == "mo":
            reason = request.POST.get("ly_do_so_ho", "")
            services.decision_open(decision=decision, by=by, short_register_reason=reason)
        elif action == "dong-y-truong-thon":
            services.decision_agree_online(decision=decision, by=by, as_role="village_head")
        elif action == "dong-y-mat-tran":
            services.decision_agree_online(decision=decision, by=by, as_role="front")
        elif action == "ban-kiem-phieu":
            form = CommitteeForm(request.POST)
            if not form.is_valid():
                raise ServiceError("Vui lòng nhập tên các thành viên ban kiểm phiếu, mỗi dòng một tên.")
            services.decision_set_counting_committee(decision=decision, names=form.names_list(), by=by)
        elif action == "ket-qua-hoi-nghi":
            form = MeetingResultForm(request.POST)
            if not form.is_valid():
                raise ServiceError("Số phiếu phải là số nguyên không âm.")
            d = form.cleaned_data
            services.meeting_record_result(
                decision=decision, approve=d["approve"], reject=d["reject"], abstain=d["abstain"] or 0, by=by
            )
        elif action == "ket-thuc":
            services.decision_close(decision=decision, by=by)
        elif action == "lap-bien-ban":
            form = OutcomeForm(request.POST)
            minutes = form.cleaned_data["minutes"] if form.is_valid() else ""
            services.decision_record_outcome(decision=decision, by=by, minutes=minutes)
        elif action == "cong-bo":
            services.decision_publish(decision=decision, by=by)
        elif action == "gui-ma":
            done = _send_codes(request, decision)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(detail_url(decision))


def _send_codes(request, decision) -> str:
    """A code to every household that has not voted and has a contact; each send is its own service call."""
    if not rules.can_manage_village(request.user, decision.village):
        raise ServiceError("Bạn không có quyền quản lý biểu quyết của thôn này.", code="forbidden")
    if decision.method != Method.ONLINE or decision.status != Status.OPEN:
        raise ServiceError("Chỉ gửi mã khi nội dung biểu quyết trực tuyến đang mở.", code="bad_status")
    voted = VoteReceipt.objects.filter(decision=decision).values("household_id")
    pending = list(eligible_households(decision).exclude(pk__in=voted).order_by("code"))
    sent, failed, no_contact = 0, [], 0
    for household in pending:
        if not household.phone and not household.email:
            no_contact += 1
            continue
        try:
            services.online_code_send(
                decision=decision, household=household, vote_url=vote_url(request, decision, household.code)
            )
        except ServiceError as exc:
            failed.append(f"hộ {household.code}: {exc.message}")
        else:
            sent += 1
    text = f"Đã gửi mã biểu quyết tới {sent} hộ."
    if no_contact:
        text += f" {no_contact} hộ chưa có số điện thoại hoặc email trong sổ hộ."
    if failed:
        text += " Không gửi được: " + "; ".join(failed[:5]) + ("…" if len(failed) > 5 else "")
    return text


# --- the meeting: attendance sheet with a live quorum count ---------------------------------------


def _quorum(present: int, total: int, decision) -> dict:
    """Whether those present can still reach the decision's threshold (there is no fixed quorum)."""
    threshold = rules.decision_threshold(decision)
    return {
        "present": present,
        "total": total,
        "needed": threshold.needed(total),
        "ok": rules.has_quorum(present, total, threshold=threshold),
        "threshold": threshold,
    }


@login_required
def attendance(request, code: str, pk: int):
    commune, decision = managed_decision(request, code, pk)
    households = list(eligible_households(decision).order_by("code"))
    total = decision.total_households or len(households)
    fallback = BallotFallbackForm(request.POST or None)
    if request.method == "POST":
        ids = _ids(request.POST.getlist("ho"))
        closes = fallback.cleaned_data.get("ballot_closes_at") if fallback.is_valid() else None
        try:
            result = services.meeting_record_attendance(
                decision=decision, present_households=ids, by=request.user, ballot_closes_at=closes
            )
        except ServiceError as exc:
            messages.error(request, exc.message)
            present = set(ids)
        else:
            (messages.success if result.quorum else messages.warning)(request, result.message)
            return redirect(detail_url(decision))
    else:
        present = set(
            MeetingAttendance.objects.filter(decision=decision, present=True).values_list(
                "household_id", flat=True
            )
        )
    return render(
        request,
        "democracy/decisions/attendance.html",
        workspace_context(
            request,
            commune,
            decision=decision,
            households=households,
            present=present,
            q=_quorum(len(present & {h.pk for h in households}), total, decision),
            fallback=fallback,
        ),
    )


def _ids(values) -> list[int]:
    out = []
    for v in values:
        try:
            out.append(int(v))
        except (TypeError, ValueError):
            continue
    return out


@login_required
def attendance_count(request, code: str, pk: int):
    """The live count under the sheet: reads the ticked boxes, writes nothing."""
    _commune, decision = managed_decision(request, code, pk)
    eligible = set(eligible_households(decision).values_list("pk", flat=True))
    present = len(set(_ids(request.GET.getlist("ho"))) & eligible)
    total = decision.total_households or len(eligible)
    return render(request, "democracy/decisions/_quorum.html", {"q": _quorum(present, total, decision)})


# --- household ballots ----------------------------------------------------------------------------


@login_required
def ballots(request, code: str, pk: int):
    commune, decision = managed_decision(request, code, pk)
    voted_ids = VoteReceipt.objects.filter(decision=decision).values("household_id")
    pending = eligible_households(decision).exclude(pk__in=voted_ids).order_by("code")
    form = BallotForm(request.POST or None, households=pending)
    if request.method == "POST" and form.is_valid():
        household = form.cleaned_data["household"]
        try:
            services.ballot_cast(
                decision=decision, household=household, choice=form.cleaned_data["choice"], by=request.user
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            # The message names the household, never its choice.
            messages.success(request, f"Đã ghi nhận phiếu của hộ {household.code}.")
            return redirect("decisions:ballots", code=commune.code, pk=decision.pk)
    handed_in = list(
        VoteReceipt.objects.filter(decision=decision)
        .select_related("household")
        .only("household__code", "household__head_name", "household__representative_name", "channel")
        .order_by("household__code")
    )
    open_votes = (
        []
        if decision.is_secret
        else list(
            Vote.objects.filter(decision=decision).select_related("household").order_by("household__code")
        )
    )
    return render(
        request,
        "democracy/decisions/ballots.html",
        workspace_context(
            request,
            commune,
            decision=decision,
            form=form,
            handed_in=handed_in,
            open_votes=open_votes,
            pending_count=pending.count(),
        ),
    )


# --- the outcome document -------------------------------------------------------------------------


@login_required
def document(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.view")
    decision = decision_or_404(commune, pk)
    if decision.status not in (Status.RECORDED, Status.PUBLISHED):
        raise Http404("Chưa lập biên bản cho nội dung này.")
    response = HttpResponse(
        outcome_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{outcome_filename(decision)}"'
    return response
