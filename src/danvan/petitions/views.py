"""Petition pages: the citizen's form and tracking page on the portal, the staff list, intake and handling.

Public pages need no account; staff pages live under /lam-viec/<code>/don-thu/ and resolve the commune
through `org.access.commune_for` first, then fetch every object inside that commune (another commune's
id is a 404). The services decide who may do what; the views only hide the buttons a user cannot use
and refuse a write from a role that only reads. The sender's identity is read only through
`services.identity_for` (which logs every read) and is never put into a list, a URL or a message.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.files import download_name
from danvan.core.ratelimit import take_slot
from danvan.geo.selectors import commune_by_slug
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import commune_for, memberships_in
from danvan.org.pages import workspace_context
from danvan.petitions import rules, selectors, services, statistics
from danvan.petitions.duplicates import possible_duplicates
from danvan.petitions.forms import (
    KIND_HELP,
    REAL_KINDS,
    AcceptForm,
    ClassifyForm,
    FilterForm,
    HotspotResolveForm,
    LetterForm,
    PublicPetitionForm,
    PurposeForm,
    RatingForm,
    ReasonForm,
    RecordForm,
    ResolveForm,
    ResultsFilterForm,
    ResumeForm,
    SecondRoundForm,
    SplitForm,
    SuspendForm,
    WithdrawPartForm,
)
from danvan.petitions.models import Attachment, HotspotAlert, Petition, PetitionStep, PetitionSuggestion
from danvan.petitions.permissions import available_actions, is_denunciation, may_see_content
from danvan.petitions.tracking import normalize_tracking_code
from danvan.text.normalize import fold

Kind = Petition.Kind
Status = Petition.Status

# Public submissions per client address in a window: enough for a family sharing a phone, too few
# for a script filling the commune's inbox.
SUBMIT_LIMIT = 5
SUBMIT_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã gửi quá {limit} đơn trong {minutes} phút từ cùng một thiết bị, mạng. "
    "Vui lòng đợi ít phút rồi gửi lại, hoặc gọi điện, đến trực tiếp UBND xã."
)
NOT_FOUND_MESSAGE = (
    "Không tìm thấy đơn với mã tra cứu này tại xã. Vui lòng kiểm tra lại mã (10 ký tự, dạng ABC-DEF-2345)."
)
PAGE_SIZE = 50
# Service error fields that have another name (or no field) on the forms.
_FIELD_ALIASES = {"attachment": "attachments", "identity": None, "client_token": None}

# --- helpers --------------------------------------------------------------------------------------------


def _apply_error(form, exc: ServiceError) -> None:
    field = _FIELD_ALIASES.get(exc.field, exc.field)
    form.add_error(field if field in form.fields else None, exc.message)


def _take_submission_slot(request) -> bool:
    """Count one submission for this address; False once the window's limit is passed."""
    return take_slot(
        request, scope="petitions:submit", limit=SUBMIT_LIMIT, window_seconds=SUBMIT_WINDOW_SECONDS
    )


def _own_roles(user, commune) -> set[str]:
    """The roles held in this commune itself (what the services check), not over it."""
    return {m.role for m in memberships_in(user, commune)}


def _due_info(due, today, cal) -> dict | None:
    if due is None:
        return None
    if due < today:
        return {"due": due, "late": True, "days_late": (today - due).days}
    try:
        left = cal.count_working_days(today, due)
    except ValueError:
        left = None
    return {"due": due, "late": False, "left": left}


# --- public pages ---------------------------------------------------------------------------------------


def _submitted(request, commune, petition: Petition):
    track = reverse("petitions_public:track", kwargs={"slug": commune.slug})
    return render(
        request,
        "petitions/public/submitted.html",
        {
            "commune": commune,
            "code": petition.tracking_code,
            "track_url": f"{track}?ma={petition.tracking_code}",
        },
    )


@never_cache  # the form carries a one-time client_token: a cached copy would share it between people
def public_submit(request, slug: str):
    commune = commune_by_slug(slug)
    status = 200
    if request.method == "POST":
        form = PublicPetitionForm(request.POST, request.FILES, commune=commune)
        token = (request.POST.get("client_token") or "").strip()[:64]
        # A retry of a submission that went through (double tap, reload, lost connection): the same code.
        existing = token and Petition.objects.filter(commune=commune, client_token=token).first()
        if existing:
            return _submitted(request, commune, existing)
        if form.is_valid():
            if not _take_submission_slot(request):
                form.add_error(
                    None,
                    RATE_LIMIT_MESSAGE.format(limit=SUBMIT_LIMIT, minutes=SUBMIT_WINDOW_SECONDS // 60),
                )
                status = 429
            else:
                d = form.cleaned_data
                try:
                    petition = services.petition_submit(
                        commune=commune,
                        content=d["content"],
                        kind_hint=d["kind_hint"],
                        village=d["village"],
                        address=d["address"],
                        lat=d["lat"],
                        lng=d["lng"],
                        identity=form.identity(),
                        attachments=d["attachments"],
                        client_token=d["client_token"] or None,
                        publish_consent=d["publish_consent"],
                    )
                except ServiceError as exc:
                    _apply_error(form, exc)
                else:
                    return _submitted(request, commune, petition)
    else:
        form = PublicPetitionForm(commune=commune, initial={"client_token": uuid.uuid4().hex})
    kinds = list(zip(form["kind_hint"], [KIND_HELP[k] for k in REAL_KINDS], strict=False))
    return render(
        request,
        "petitions/public/submit.html",
        {"commune": commune, "form": form, "kinds": kinds},
        status=status,
    )


def _find_in_commune(commune, code: str) -> Petition | None:
    normalized = normalize_tracking_code(code)
    if normalized is None:
        return None
    return (
        Petition.objects.filter(commune=commune, tracking_code=normalized)
        .only("id", "tracking_code", "rating")
        .first()
    )


def public_statistics(request, slug: str):
    """The commune's petition figures for a year, for residents and the press."""
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("nam", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, 2020), today.year)
    stats = statistics.public_statistics(commune=commune, year=year, today=today)
    months = [(i + 1, n, round(100 * n / stats.month_peak)) for i, n in enumerate(stats.by_month)]
    return render(
        request,
        "petitions/public/statistics.html",
        {
            "commune": commune,
            "stats": stats,
            "months": months,
            "years": range(max(2020, today.year - 4), today.year + 1),
        },
    )


@never_cache
def public_track(request, slug: str):
    commune = commune_by_slug(slug)
    raw = (request.GET.get("ma") or "").strip()[:40]
    info = None
    rating_form = None
    status = 200
    if raw:
        found = _find_in_commune(commune, raw)
        info = selectors.public_status(found.tracking_code) if found else None
        if info is None:
            status = 404
        elif info["status"] in (Status.RESOLVED, Status.CLOSED) and found.rating is None:
            rating_form = RatingForm(initial={"ma": info["tracking_code"]})  # once per case
    return render(
        request,
        "petitions/public/track.html",
        {
            "commune": commune,
            "code": raw,
            "info": info,
            "not_found": bool(raw) and info is None,
            "not_found_message": NOT_FOUND_MESSAGE,
            "rating_form": rating_form,
        },
        status=status,
    )


@require_POST
def public_rate(request, slug: str):
    commune = commune_by_slug(slug)
    form = RatingForm(request.POST)
    code = (request.POST.get("ma") or "").strip()[:40]
    petition = _find_in_commune(commune, code)
    if petition is None:
        return render(
            request,
            "petitions/public/track.html",
            {"commune": commune, "code": code, "not_found": True, "not_found_message": NOT_FOUND_MESSAGE},
            status=404,
        )
    track = reverse("petitions_public:track", kwargs={"slug": commune.slug}) + f"?ma={petition.tracking_code}"
    if not form.is_valid():
        messages.error(request, "Vui lòng chọn mức đánh giá từ 1 đến 5.")
        return redirect(track)
    try:
        services.petition_rate(
            petition=petition, rating=form.cleaned_data["rating"], tracking_code=petition.tracking_code
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Cảm ơn bạn đã đánh giá kết quả giải quyết.")
    return redirect(track)


# --- staff: lists ------------------------------------------------------------------------------------------

_LIST_ONLY = (
    "id",
    "commune_id",
    "tracking_code",
    "kind",
    "kind_hint",
    "complaint_round",
    "status",
    "channel",
    "received_on",
    "content",
    "signers_count",
    "process_due",
    "accept_due",
    "resolve_due",
    "unit__id",
    "unit__name",
    "field__id",
    "field__name",
    "village__id",
    "village__name",
)


def _overdue_q(today):
    return Q(status__in=rules.PENDING_PROCESSING) & (Q(process_due__lt=today) | Q(accept_due__lt=today)) | Q(
        status__in=rules.BEING_RESOLVED, resolve_due__lt=today
    )


def _row(petition, today, cal) -> dict:
    return {
        "p": petition,
        "due": _due_info(rules.current_due(petition), today, cal),
        "secret": is_denunciation(petition),
    }


@login_required
def petition_list(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    today = timezone.localdate()
    form = FilterForm(request.GET or None, commune=commune)
    qs = Petition.objects.filter(commune=commune).select_related("unit", "field", "village").only(*_LIST_ONLY)
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["status"]:
            qs = qs.filter(status=d["status"])
        if d["kind"]:
            qs = qs.filter(kind=d["kind"])
        if d["field"]:
            qs = qs.filter(field=d["field"])
        if d["unit"]:
            qs = qs.filter(unit=d["unit"])
        if d["overdue"]:
            qs = qs.filter(_overdue_q(today))
    page = Paginator(qs.order_by("-received_on", "-id"), PAGE_SIZE).get_page(request.GET.get("trang"))
    cal = current_calendar()
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "petitions/list.html",
        workspace_context(
            request,
            commune,
            form=form,
            page=page,
            rows=[_row(p, today, cal) for p in page],
            query=query.urlencode(),
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
        ),
    )


@login_required
def petition_deadlines(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    today = timezone.localdate()
    cal = current_calendar()
    # Paged in SQL: a commune with a backlog must not load every late case to show the first ones.
    page = Paginator(selectors.overdue_queryset(commune=commune, today=today), PAGE_SIZE).get_page(
        request.GET.get("trang")
    )
    return render(
        request,
        "petitions/deadlines.html",
        workspace_context(
            request,
            commune,
            overdue=selectors.overdue_rows(page.object_list, today),
            overdue_page=page,
            due_soon=selectors.due_soon(commune=commune, today=today, cal=cal),
            today=today,
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
        ),
    )


@login_required
def petition_record(request, code: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    if not _own_roles(request.user, commune) & services.RECORDERS:
        raise PermissionDenied("Vai trò của bạn chỉ được xem đơn thư, không được ghi nhận đơn.")
    if request.method == "POST":
        form = RecordForm(request.POST, request.FILES, commune=commune)
        if form.is_valid():
            d = form.cleaned_data
            try:
                petition = services.petition_record(
                    by=request.user,
                    commune=commune,
                    channel=d["channel"],
                    received_on=d["received_on"],
                    content=d["content"],
                    kind_hint=d["kind_hint"] or None,
                    village=d["village"],
                    address=d["address"],
                    lat=d["lat"],
                    lng=d["lng"],
                    identity=form.identity(),
                    attachments=d["attachments"],
                    client_token=d["client_token"] or None,
                    publish_consent=d["publish_consent"],
                    signers_count=d["signers_count"],
                    decision_known_on=d["decision_known_on"],
                )
            except ServiceError as exc:
                _apply_error(form, exc)
            else:
                messages.success(request, f"Đã ghi nhận đơn. Mã tra cứu: {petition.tracking_code}.")
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
    else:
        form = RecordForm(
            commune=commune,
            initial={
                "received_on": timezone.localdate(),
                "client_token": uuid.uuid4().hex,
                "signers_count": 1,
            },
        )
    return render(request, "petitions/record.html", workspace_context(request, commune, form=form))


# --- staff: one petition -------------------------------------------------------------------------------

# URL word -> (service action, form class, button label, success message)
ACTIONS: dict[str, tuple[str, type | None, str, str]] = {
    "phan-loai": ("classify", ClassifyForm, "Phân loại đơn", "Đã phân loại đơn."),
    "tach-don": ("split", SplitForm, "Tách đơn", "Đã tách đơn."),
    "chuyen-don": ("forward", LetterForm, "Chuyển đơn đến cơ quan có thẩm quyền", "Đã chuyển đơn."),
    "huong-dan": ("guide", LetterForm, "Hướng dẫn người gửi", "Đã ghi nhận văn bản hướng dẫn."),
    "tra-lai": ("return", LetterForm, "Trả lại đơn", "Đã trả lại đơn."),
    "thu-ly": ("accept", AcceptForm, "Thụ lý đơn", "Đã thụ lý đơn."),
    "xac-minh": ("verify", None, "Bắt đầu xác minh", "Đã chuyển sang xác minh."),
    "gia-han": ("extend", ReasonForm, "Gia hạn giải quyết", "Đã gia hạn giải quyết."),
    "giai-quyet": ("resolve", ResolveForm, "Ghi kết quả giải quyết", "Đã ghi kết quả giải quyết."),
    "ket-thuc": ("close", None, "Kết thúc đơn", "Đã kết thúc đơn."),
    "xem-xet-lai": ("reopen", ReasonForm, "Xem xét lại", "Đã mở lại đơn để xem xét."),
    "khieu-nai-lan-hai": (
        "second_round",
        SecondRoundForm,
        "Ghi nhận khiếu nại lần hai",
        "Đã ghi nhận khiếu nại lần hai và chuyển đến người có thẩm quyền giải quyết.",
    ),
    "tam-dinh-chi": ("suspend", SuspendForm, "Tạm đình chỉ giải quyết", "Đã tạm đình chỉ giải quyết."),
    "tiep-tuc": (
        "resume",
        ResumeForm,
        "Tiếp tục giải quyết",
        "Đã tiếp tục giải quyết; hạn mới đã được tính.",
    ),
    "rut-mot-phan": (
        "withdraw_part",
        WithdrawPartForm,
        "Ghi nhận rút một phần khiếu nại",
        "Đã ghi nhận phần khiếu nại được rút.",
    ),
}


def _petition(commune, pk: int) -> Petition:
    # Looked up inside the commune: another commune's petition id is a 404.
    return get_object_or_404(
        Petition.objects.select_related(
            "commune", "unit", "field", "village", "parent", "accepted_by", "duplicate_of"
        ),
        pk=pk,
        commune=commune,
    )


def _available(petition: Petition, roles: set[str]) -> list[str]:
    """The action slugs of this page that the user may try now (see permissions.available_actions)."""
    slugs = {name: slug for slug, (name, *_rest) in ACTIONS.items()}
    return [slugs[name] for name in available_actions(petition, roles)]


def _blank_form(action: str, petition: Petition):
    form_class = ACTIONS[action][1]
    if form_class is None:
        return None
    today = timezone.localdate()
    if form_class is ClassifyForm:
        # A suggestion pre-fills what is still empty; the officer confirms or changes it.
        suggestion = _suggestion(petition)
        initial = {
            "kind": petition.kind if petition.kind != Kind.UNCLASSIFIED else petition.kind_hint,
            "complexity": petition.complexity,
            "eligible": "yes",
            "field": petition.field_id or (suggestion.field_id if suggestion else None),
            "unit": petition.unit_id or (suggestion.unit_id if suggestion else None),
            "decision_known_on": petition.decision_known_on,
        }
        if initial["kind"] == Kind.UNCLASSIFIED:
            initial["kind"] = ""
        return ClassifyForm(commune=petition.commune, initial=initial, prefix=action)
    if form_class is AcceptForm:
        return AcceptForm(initial={"on": today}, prefix=action)
    if form_class in (ResolveForm, SuspendForm, ResumeForm):
        return form_class(initial={"on": today}, prefix=action)
    return form_class(prefix=action)


def _suggestion(petition: Petition) -> PetitionSuggestion | None:
    if not hasattr(petition, "_suggestion_cache"):
        petition._suggestion_cache = (
            PetitionSuggestion.objects.filter(petition=petition).select_related("field", "unit").first()
        )
    return petition._suggestion_cache


def _bound_form(action: str, petition: Petition, data):
    form_class = ACTIONS[action][1]
    if form_class is None:
        return None
    if form_class is ClassifyForm:
        return ClassifyForm(data, commune=petition.commune, prefix=action)
    return form_class(data, prefix=action)


def _run(name: str, petition: Petition, form, user):
    """Call the one service for an action; returns the petition to show next."""
    d = form.cleaned_data if form is not None else {}
    if name == "classify":
        return services.petition_classify(
            petition=petition,
            kind=d["kind"],
            complaint_round=d["complaint_round"] if d["kind"] == Kind.COMPLAINT else None,
            eligible=d["eligible"],
            ineligible_reason=d["ineligible_reason"],
            field=d["field"],
            unit=d["unit"],
            complexity=d["complexity"],
            several_places=d["several_places"],
            decision_known_on=d["decision_known_on"],
            by=user,
        )
    if name == "split":
        children = services.petition_split(petition=petition, parts=form.parts(), by=user)
        return children[0] if children else petition
    if name in ("forward", "guide", "return"):
        fn = {
            "forward": services.petition_forward,
            "guide": services.petition_guide,
            "return": services.petition_return,
        }[name]
        return fn(petition=petition, letter_text=d["letter_text"], by=user)
    if name == "accept":
        return services.petition_accept(petition=petition, on=d["on"], by=user)
    if name == "verify":
        return services.petition_start_verification(petition=petition, by=user)
    if name == "extend":
        return services.petition_extend(petition=petition, reason=d["reason"], by=user)
    if name == "resolve":
        return services.petition_resolve(
            petition=petition, answer=d["answer"], on=d["on"], publish=d["publish"], by=user
        )
    if name == "close":
        return services.petition_close(petition=petition, by=user)
    if name == "reopen":
        return services.petition_reopen(petition=petition, reason=d["reason"], by=user)
    if name == "second_round":
        return services.complaint_second_round(
            petition=petition, by=user, decision_received_on=d.get("decision_received_on")
        )
    if name == "suspend":
        return services.complaint_suspend(petition=petition, reason=d["reason"], on=d["on"], by=user)
    if name == "resume":
        return services.complaint_resume(petition=petition, on=d["on"], by=user)
    if name == "withdraw_part":
        return services.complaint_withdraw_part(petition=petition, part=d["part"], by=user)
    raise Http404


def _detail(
    request,
    commune,
    petition,
    *,
    bound=None,
    identity=None,
    identity_read=False,
    identity_form=None,
    status=200,
):
    today = timezone.localdate()
    cal = current_calendar()
    roles = _own_roles(request.user, commune)
    available = _available(petition, roles)
    if bound and bound[0] not in available:
        available.append(bound[0])  # a refused try stays on screen with its reason
    actions = []
    for action in available:
        form = bound[1] if bound and bound[0] == action else _blank_form(action, petition)
        actions.append(
            {
                "slug": action,
                "label": ACTIONS[action][2],
                "form": form,
                "open": bool(bound and bound[0] == action),
                "url": reverse(
                    "petitions:action", kwargs={"code": commune.code, "pk": petition.pk, "action": action}
                ),
            }
        )
    secret_ok = may_see_content(request.user, petition)
    denunciation = is_denunciation(petition)
    handler = bool(roles & services.HANDLERS)
    duplicates = []
    if handler and secret_ok:
        duplicates = possible_duplicates(petition, viewer=request.user, include_denunciations=True)
    if identity_form is None:
        initial = {} if denunciation else {"purpose": "Liên hệ người gửi để xử lý đơn"}
        identity_form = PurposeForm(initial=initial)
    dues = [
        ("Hạn xử lý đơn (phân loại, chuyển, hướng dẫn hoặc thụ lý)", petition.process_due),
        ("Hạn thụ lý", petition.accept_due),
        ("Hạn thông báo thụ lý", petition.notify_due),
        ("Hạn giải quyết", petition.resolve_due),
    ]
    return render(
        request,
        "petitions/detail.html",
        workspace_context(
            request,
            commune,
            p=petition,
            current=_due_info(rules.current_due(petition), today, cal),
            dues=[(label, d) for label, d in dues if d],
            steps=PetitionStep.objects.filter(petition=petition).select_related("by"),
            attachments=list(petition.attachments.all()) if secret_ok else [],
            children=list(petition.children.only("id", "tracking_code", "status", "kind", "parent_id")),
            secret_ok=secret_ok,
            denunciation=denunciation,
            actions=actions,
            identity=identity,
            identity_read=identity_read,
            identity_form=identity_form,
            may_act=bool(roles & services.RECORDERS),
            handler=handler,
            duplicates=duplicates,
            suggestion=_suggestion(petition) if "phan-loai" in available else None,
            hotspots=list(petition.hotspots.exclude(status=HotspotAlert.Status.RESOLVED)),
        ),
        status=status,
    )


@login_required
def petition_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    return _detail(request, commune, petition)


@login_required
@require_POST
def petition_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    if action not in ACTIONS:
        raise Http404("Không có thao tác này.")
    if not _own_roles(request.user, commune) & services.RECORDERS:
        raise PermissionDenied("Vai trò của bạn chỉ được xem đơn thư, không được xử lý đơn.")
    name, _form_class, _label, done = ACTIONS[action]
    form = _bound_form(action, petition, request.POST)
    if form is None or form.is_valid():
        try:
            result = _run(name, petition, form, request.user)
        except ServiceError as exc:
            if form is None:
                messages.error(request, exc.message)
                return redirect("petitions:detail", code=commune.code, pk=petition.pk)
            _apply_error(form, exc)
        else:
            messages.success(request, done)
            # A second complaint round is a new case: show it; every other action stays on this one.
            target = result if name == "second_round" else petition
            return redirect("petitions:detail", code=commune.code, pk=target.pk)
    petition = _petition(commune, pk)  # nothing changed; show it as it is
    return _detail(request, commune, petition, bound=(action, form))


@login_required
@require_POST
def petition_identity(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    form = PurposeForm(request.POST)
    if not form.is_valid():
        return _detail(request, commune, petition, identity_form=form)
    try:
        identity = services.identity_for(
            petition=petition, user=request.user, purpose=form.cleaned_data["purpose"]
        )
    except ServiceError as exc:
        _apply_error(form, exc)
        return _detail(request, commune, petition, identity_form=form, status=403)
    return _detail(request, commune, petition, identity=identity, identity_read=True, identity_form=form)


@login_required
def attachment_download(request, code: str, pk: int, attachment_id: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, petition=petition)
    if not may_see_content(request.user, petition):
        raise PermissionDenied("Tệp của đơn tố cáo chỉ cán bộ được giao xử lý được xem.")
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=download_name(attachment.name, attachment.kind, fallback=f"tep-{attachment.pk}"),
        content_type=attachment.mime or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- staff: duplicates --------------------------------------------------------------------------------------


def _handler_only(request, commune) -> None:
    if not _own_roles(request.user, commune) & services.HANDLERS:
        raise PermissionDenied("Vai trò của bạn không được xử lý đơn trùng.")


@login_required
@require_POST
def duplicate_link(request, code: str, pk: int, other: int):
    """Link this petition to `other` as its duplicate: it is handled together with it."""
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    original = _petition(commune, other)
    _handler_only(request, commune)
    try:
        services.petition_link_duplicate(petition=petition, original=original, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã gộp đơn {petition.tracking_code} vào đơn {original.tracking_code}.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


@login_required
@require_POST
def duplicate_dismiss(request, code: str, pk: int, other: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    that = _petition(commune, other)
    _handler_only(request, commune)
    try:
        services.petition_dismiss_duplicate(petition=petition, other=that, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã ghi nhận: đơn {that.tracking_code} không trùng với đơn này.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


@login_required
@require_POST
def duplicate_unlink(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="workspace.view")
    petition = _petition(commune, pk)
    _handler_only(request, commune)
    try:
        services.petition_unlink_duplicate(petition=petition, by=request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đơn được xử lý riêng, không còn gộp với đơn khác.")
    return redirect("petitions:detail", code=commune.code, pk=petition.pk)


# --- staff: hotspots ----------------------------------------------------------------------------------------


def _may_manage_hotspots(user, commune) -> bool:
    return bool(_own_roles(user, commune) & services.HOTSPOT_MANAGERS)


@login_required
def hotspot_list(request, code: str):
    """Điểm nóng: open alerts with their petitions, then the last ones resolved (3 queries)."""
    commune = commune_for(request.user, code, permission="workspace.view")
    petitions = Prefetch(
        "petitions",
        queryset=Petition.objects.select_related("village").only(
            "id",
            "tracking_code",
            "kind",
            "kind_hint",
            "status",
            "received_on",
            "signers_count",
            "village__name",
        ),
    )
    alerts = (
        HotspotAlert.objects.filter(commune=commune)
        .select_related("village", "field")
        .prefetch_related(petitions)
    )
    open_alerts = list(alerts.exclude(status=HotspotAlert.Status.RESOLVED).order_by("-raised_at", "-id"))
    resolved = list(alerts.filter(status=HotspotAlert.Status.RESOLVED).order_by("-resolved_at", "-id")[:20])
    return render(
        request,
        "petitions/hotspots.html",
        workspace_context(
            request,
            commune,
            open_alerts=open_alerts,
            resolved=resolved,
            may_manage=_may_manage_hotspots(request.user, commune),
            may_record=bool(_own_roles(request.user, commune) & services.RECORDERS),
            resolve_form=HotspotResolveForm(),
        ),
    )


@login_required
@require_POST
def hotspot_action(request, code: str, pk: int, action: str):
    commune = commune_for(request.user, code, permission="workspace.view")
    alert = get_object_or_404(HotspotAlert.objects.select_related("commune"), pk=pk, commune=commune)
    if action not in ("nam-tinh-hinh", "da-xu-ly"):
        raise Http404("Không có thao tác này.")
    if not _may_manage_hotspots(request.user, commune):
        raise PermissionDenied("Chỉ lãnh đạo và công chức đầu mối xử lý cảnh báo điểm nóng.")
    try:
        if action == "nam-tinh-hinh":
            services.hotspot_acknowledge(alert=alert, by=request.user)
            messages.success(request, "Đã ghi nhận: lãnh đạo đã nắm tình hình điểm nóng.")
        else:
            form = HotspotResolveForm(request.POST)
            note = form.cleaned_data["note"] if form.is_valid() else ""
            services.hotspot_resolve(alert=alert, note=note, by=request.user)
            messages.success(request, "Đã ghi nhận kết quả xử lý điểm nóng.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("petitions:hotspots", code=commune.code)


# --- public: results --------------------------------------------------------------------------------------

RESULTS_PAGE_SIZE = 20


def public_results(request, slug: str):
    """Kết quả giải quyết đã công khai: resolved cases whose sender agreed to publication, searchable by
    field, village, month and words of the answer. Never a denunciation, never the sender, never the
    citizen's own text: only the kind, field, village, dates and the answer the commune published
    (3 queries for the page whatever the volume: filters' choices, count, rows)."""
    commune = commune_by_slug(slug)
    form = ResultsFilterForm(request.GET or None, commune=commune)
    qs = (
        Petition.objects.filter(
            commune=commune,
            status__in=(Status.RESOLVED, Status.CLOSED),
            publish_consent=True,
            answer_published=True,
        )
        .exclude(kind=Kind.DENUNCIATION)
        .exclude(kind_hint=Kind.DENUNCIATION)
        .select_related("field", "village")
        .only("id", "kind", "received_on", "answered_on", "answer", "field__name", "village__name")
        .order_by("-answered_on", "-id")
    )
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        if d["field"]:
            qs = qs.filter(field=d["field"])
        if d["village"]:
            qs = qs.filter(village=d["village"])
        if d["month"]:
            qs = qs.filter(answered_on__year=d["month"].year, answered_on__month=d["month"].month)
        if d["q"]:
            for word in fold(d["q"]).split()[:8]:
                qs = qs.filter(answer_folded__contains=word)
    page = Paginator(qs, RESULTS_PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "petitions/public/results.html",
        {"commune": commune, "form": form, "page": page, "query": query.urlencode()},
    )
