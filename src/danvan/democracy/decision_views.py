"""Pages for village decisions: household registers, decisions, meetings, ballots, online votes, results.

Staff pages live under /lam-viec/<code>/ and resolve the commune through `org.access.commune_for` first;
villages, households and decisions are then fetched inside that commune (another commune's id is a 404).
A village head works on their own village only: `rules.can_manage_village` decides, the pages refuse
another village with 403 and the services refuse it again. Every refusal from a service is shown as its
Vietnamese message. Secret ballots: no page ever shows which household chose what; the ballot page shows
who handed a ballot in and, once voting has closed, the totals.
"""

from __future__ import annotations

import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.democracy import rules, selectors, services
from danvan.democracy.decision_forms import (
    METHOD_HELP,
    BallotFallbackForm,
    BallotForm,
    CodeRequestForm,
    CommitteeForm,
    DecisionForm,
    HouseholdForm,
    HouseholdImportForm,
    MeetingResultForm,
    OnlineVoteForm,
    OutcomeForm,
)
from danvan.democracy.models import Household, MeetingAttendance, VillageDecision, Vote, VoteReceipt
from danvan.democracy.outcome_document import filename as outcome_filename
from danvan.democracy.outcome_document import outcome_docx
from danvan.democracy.rules import DecisionStatus, Method
from danvan.democracy.services.guards import eligible_households
from danvan.geo.models import Village
from danvan.geo.selectors import commune_by_slug, villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

Status = DecisionStatus
PAGE_SIZE = 50
TEMPLATE_HEADERS = ["Mã hộ", "Chủ hộ", "Người đại diện", "Điện thoại", "Email", "Địa chỉ"]
# Public voting posts per client address in a window: a family or a village head helping neighbours
# on one phone stays far below; someone trying household codes or 6-digit codes does not.
VOTE_LIMIT = 30
VOTE_WINDOW_SECONDS = 10 * 60


# --- helpers --------------------------------------------------------------------------------------


def _village(commune, village_id: int) -> Village:
    return get_object_or_404(Village, commune=commune, pk=village_id)


def _managed_village(request, code: str, village_id: int):
    commune = commune_for(request.user, code, permission="decisions.manage")
    village = _village(commune, village_id)
    if not rules.can_manage_village(request.user, village):
        raise PermissionDenied("Bạn chỉ quản lý sổ hộ và biểu quyết của thôn mình.")
    return commune, village


def _managed_villages(user, commune) -> list[Village]:
    return [v for v in villages_of(commune) if rules.can_manage_village(user, v)]


def _decision(commune, pk: int) -> VillageDecision:
    return get_object_or_404(
        VillageDecision.objects.select_related("village", "commune"), commune=commune, pk=pk
    )


def _managed_decision(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.manage")
    decision = _decision(commune, pk)
    if not rules.can_manage_village(request.user, decision.village):
        raise PermissionDenied("Bạn chỉ quản lý biểu quyết của thôn mình.")
    return commune, decision


def _detail(decision) -> str:
    return reverse("decisions:detail", kwargs={"code": decision.commune_id, "pk": decision.pk})


def _vote_url(request, decision, household_code: str = "") -> str:
    url = reverse("decisions_public:vote", kwargs={"slug": decision.commune.slug, "pk": decision.pk})
    if household_code:
        url += f"?ho={household_code}"
    return request.build_absolute_uri(url)


# --- household register ---------------------------------------------------------------------------


@login_required
def registers(request, code: str):
    """The villages whose register this user keeps, with their household counts."""
    commune = commune_for(request.user, code, permission="decisions.manage")
    villages = _managed_villages(request.user, commune)
    counts = selectors.household_counts(villages)
    rows = [{"village": v, "count": counts.get(v.pk, 0)} for v in villages]
    return render(
        request, "democracy/decisions/registers.html", workspace_context(request, commune, rows=rows)
    )


@login_required
def household_list(request, code: str, village_id: int):
    commune, village = _managed_village(request, code, village_id)
    households = list(selectors.households_of(village))
    return render(
        request,
        "democracy/decisions/households.html",
        workspace_context(
            request,
            commune,
            village=village,
            households=households,
            active=sum(1 for h in households if h.is_active),
        ),
    )


@login_required
def household_add(request, code: str, village_id: int):
    commune, village = _managed_village(request, code, village_id)
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            household = services.household_create(
                village=village,
                code=d["code"],
                head_name=d["head_name"],
                representative_name=d["representative_name"],
                phone=d["phone"],
                email=d["email"],
                address=d["address"],
                by=request.user,
                commune=commune,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã thêm hộ {household.code} – {household.head_name}.")
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_form.html",
        workspace_context(request, commune, village=village, form=form, household=None),
    )


@login_required
def household_edit(request, code: str, village_id: int, pk: int):
    commune, village = _managed_village(request, code, village_id)
    household = get_object_or_404(Household, village=village, pk=pk)
    initial = {
        f: getattr(household, f)
        for f in ("code", "head_name", "representative_name", "phone", "email", "address", "is_active")
    }
    form = HouseholdForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.household_update(
                household=household,
                head_name=d["head_name"],
                representative_name=d["representative_name"],
                phone=d["phone"],
                email=d["email"],
                address=d["address"],
                is_active=d["is_active"],
                by=request.user,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, f"Đã lưu thông tin hộ {household.code}.")
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_form.html",
        workspace_context(request, commune, village=village, form=form, household=household),
    )


@login_required
def household_import(request, code: str, village_id: int):
    commune, village = _managed_village(request, code, village_id)
    form = HouseholdImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = services.household_import(village=village, file=upload, by=request.user, commune=commune)
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(
                request,
                f"Đã nhập sổ hộ {village.name}: {result.created} hộ mới, {result.updated} hộ cập nhật, "
                f"{result.unchanged} hộ không thay đổi.",
            )
            return redirect("decisions:households", code=commune.code, village_id=village.pk)
    return render(
        request,
        "democracy/decisions/household_import.html",
        workspace_context(request, commune, village=village, form=form, headers=TEMPLATE_HEADERS),
    )


@login_required
def household_template(request, code: str):
    """An empty register with the column headers the importer reads, and a sheet explaining them."""
    commune_for(request.user, code, permission="decisions.manage")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Sổ hộ"
    sheet.append(TEMPLATE_HEADERS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (12, 28, 28, 16, 28, 36), strict=True):
        sheet.column_dimensions[column].width = width
        # Text cells: Excel must not turn 0912345678 into a number or H001 into anything else.
        for row in range(2, 1001):
            sheet[f"{column}{row}"].number_format = "@"
    guide = book.create_sheet("Hướng dẫn")
    for line in (
        ["Cột", "Cách ghi"],
        ["Mã hộ", "Bắt buộc; không trùng trong thôn (ví dụ H001). Nhập lại tệp sẽ cập nhật hộ có cùng mã."],
        ["Chủ hộ", "Bắt buộc; họ và tên chủ hộ."],
        ["Người đại diện", "Người đại diện hộ đi họp, biểu quyết (để trống nếu là chủ hộ)."],
        ["Điện thoại", "Để gửi mã biểu quyết trực tuyến; 10 chữ số, ví dụ 0912345678."],
        ["Email", "Không bắt buộc; nếu có, mã biểu quyết được gửi qua email."],
        ["Địa chỉ", "Không bắt buộc."],
        ["", "Nếu có dòng sai, không hộ nào được lưu; trang nhập sẽ báo số dòng cần sửa."],
    ):
        guide.append(line)
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 90
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(
        out.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="mau-so-ho-gia-dinh.xlsx"'
    return response


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
            may_create=bool(_managed_villages(request.user, commune)),
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
    villages = _managed_villages(request.user, commune)
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
                is_secret=d["is_secret"],
                counting_committee=form.committee(),
                by=request.user,
                commune=commune,
            )
        except ServiceError as exc:
            form_error(form, exc)
        else:
            messages.success(request, "Đã tạo nội dung bàn và quyết định (dự thảo).")
            return redirect(_detail(decision))
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
    decision = _decision(commune, pk)
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
            committee_form=CommitteeForm(initial={"names": "\n".join(decision.counting_committee)}),
            result_form=MeetingResultForm(
                initial={
                    "approve": decision.meeting_approve,
                    "reject": decision.meeting_reject,
                    "abstain": decision.meeting_abstain or 0,
                }
            ),
            outcome_form=OutcomeForm(),
            vote_url=_vote_url(request, decision) if decision.method == Method.ONLINE else "",
            register_count=eligible_households(decision).count(),
            may_confirm_register=can(request.user, "decisions.confirm_short_register", commune),
        ),
    )


ACTIONS = {
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
    decision = _decision(commune, pk)
    by = request.user
    try:
        if action == "mo":
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
    return redirect(_detail(decision))


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
                decision=decision, household=household, vote_url=_vote_url(request, decision, household.code)
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
    commune, decision = _managed_decision(request, code, pk)
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
            return redirect(_detail(decision))
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
    _commune, decision = _managed_decision(request, code, pk)
    eligible = set(eligible_households(decision).values_list("pk", flat=True))
    present = len(set(_ids(request.GET.getlist("ho"))) & eligible)
    total = decision.total_households or len(eligible)
    return render(request, "democracy/decisions/_quorum.html", {"q": _quorum(present, total, decision)})


# --- household ballots ----------------------------------------------------------------------------


@login_required
def ballots(request, code: str, pk: int):
    commune, decision = _managed_decision(request, code, pk)
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
    decision = _decision(commune, pk)
    if decision.status not in (Status.RECORDED, Status.PUBLISHED):
        raise Http404("Chưa lập biên bản cho nội dung này.")
    response = HttpResponse(
        outcome_docx(decision),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{outcome_filename(decision)}"'
    return response


# --- the public portal ----------------------------------------------------------------------------


def public_list(request, slug: str):
    """Published results: what was decided in which village, with the counts; nothing per household."""
    commune = commune_by_slug(slug)
    page = Paginator(selectors.published_decisions(commune), PAGE_SIZE).get_page(request.GET.get("trang"))
    results = selectors.results_for(page.object_list)
    open_online = selectors.open_online_decisions(commune)
    return render(
        request,
        "democracy/decisions/public/list.html",
        {
            "commune": commune,
            "page": page,
            "rows": [{"d": d, "result": results[d.pk]} for d in page.object_list],
            "open_online": open_online,
        },
    )


def public_detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    decision = get_object_or_404(selectors.published_decisions(commune), pk=pk)
    result = selectors.results_for([decision])[decision.pk]
    return render(
        request,
        "democracy/decisions/public/detail.html",
        {"commune": commune, "d": decision, "result": result},
    )


def _take_vote_slot(request) -> bool:
    return take_slot(request, scope="decisions:vote", limit=VOTE_LIMIT, window_seconds=VOTE_WINDOW_SECONDS)


def _household_by_code(decision, raw: str) -> Household | None:
    code = " ".join((raw or "").split())
    if not code:
        return None
    return Household.objects.filter(village_id=decision.village_id, code__iexact=code, is_active=True).first()


NO_HOUSEHOLD = "Không tìm thấy mã hộ này trong sổ hộ của thôn. Vui lòng kiểm tra lại hoặc hỏi trưởng thôn."
RATE_LIMITED = "Bạn đã thử quá nhiều lần. Vui lòng đợi 10 phút rồi thử lại, hoặc liên hệ trưởng thôn."


@never_cache
def public_vote(request, slug: str, pk: int):
    """A household representative votes on a phone: ask for a code, then enter it with the choice."""
    commune = commune_by_slug(slug)
    decision = get_object_or_404(
        VillageDecision.objects.select_related("village", "commune"),
        commune=commune,
        pk=pk,
        method=Method.ONLINE,
    )
    if decision.status == Status.DRAFT:
        raise Http404("Nội dung này chưa mở biểu quyết.")
    ho = (request.GET.get("ho") or request.POST.get("household_code") or "").strip()[:30]
    request_form = CodeRequestForm(initial={"household_code": ho})
    vote_form = OnlineVoteForm(initial={"household_code": ho})
    sent_to = ""
    status = 200
    step = request.POST.get("step")
    if request.method == "POST" and step in ("ma", "phieu"):
        bound = CodeRequestForm(request.POST) if step == "ma" else OnlineVoteForm(request.POST)
        if step == "ma":
            request_form = bound
        else:
            vote_form = bound
        if not _take_vote_slot(request):
            bound.is_valid()
            bound.add_error(None, RATE_LIMITED)
            status = 429
        elif bound.is_valid():
            household = _household_by_code(decision, bound.cleaned_data["household_code"])
            if household is None:
                bound.add_error("household_code", NO_HOUSEHOLD)
            elif step == "ma":
                try:
                    sent_to = services.online_code_send(
                        decision=decision,
                        household=household,
                        vote_url=_vote_url(request, decision, household.code),
                    )
                except ServiceError as exc:
                    form_error(bound, exc)
                else:
                    vote_form = OnlineVoteForm(initial={"household_code": household.code})
            else:
                try:
                    receipt = services.online_vote_cast(
                        decision=decision,
                        household=household,
                        code=bound.cleaned_data["code"],
                        choice=bound.cleaned_data["choice"],
                    )
                except ServiceError as exc:
                    form_error(bound, exc)
                else:
                    return render(
                        request,
                        "democracy/decisions/public/voted.html",
                        {"commune": commune, "d": decision, "household": household, "at": receipt.cast_at},
                    )
    now = timezone.now()
    is_open = decision.status == Status.OPEN and not (decision.closes_at and now >= decision.closes_at)
    return render(
        request,
        "democracy/decisions/public/vote.html",
        {
            "commune": commune,
            "d": decision,
            "is_open": is_open,
            "request_form": request_form,
            "vote_form": vote_form,
            "sent_to": sent_to,
            "minutes": rules.ONLINE_CODE_MINUTES,
        },
        status=status,
    )


def public_vote_list(request, slug: str):
    commune = commune_by_slug(slug)
    return render(
        request,
        "democracy/decisions/public/vote_list.html",
        {"commune": commune, "open_online": selectors.open_online_decisions(commune)},
    )
