"""The citizen's pages on the portal: the form, tracking by code, rating, statistics and results.

Public pages need no account; the sender's identity is never shown here.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.pagecache import public_page
from danvan.geo.selectors import commune_by_slug
from danvan.petitions import statistics, tracking_page
from danvan.petitions.forms import (
    KIND_HELP,
    REAL_KINDS,
    PublicPetitionForm,
    RatingForm,
    ResultsFilterForm,
    ReviewForm,
)
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_submit
from danvan.petitions.services.held import held_as_uploads, held_files, held_files_keep, held_files_release
from danvan.petitions.services.resident import petition_rate_with_reason
from danvan.petitions.tracking import normalize_tracking_code
from danvan.petitions.views.common import (
    NOT_FOUND_MESSAGE,
    RATE_LIMIT_MESSAGE,
    SUBMIT_LIMIT,
    SUBMIT_WINDOW_SECONDS,
    _apply_error,
    _take_submission_slot,
)
from danvan.petitions.views.resident import map_settings
from danvan.petitions.wording import plain_status
from danvan.text.normalize import fold

Kind = Petition.Kind
Status = Petition.Status

# --- public pages ---------------------------------------------------------------------------------------


def _submitted(request, commune, petition: Petition):
    track = reverse("petitions_public:track", kwargs={"slug": commune.slug})
    response = render(
        request,
        "petitions/public/submitted.html",
        {
            "commune": commune,
            "code": petition.tracking_code,
            "track_url": f"{track}?ma={petition.tracking_code}",
        },
    )
    if request.headers.get("X-Danvan-Upload"):
        # The form's script (petitions/report.js) shows this page in place, with no second request on a
        # network that may have just dropped, and puts this address in the history for a reload.
        done = reverse("petitions_public:submitted", kwargs={"slug": commune.slug})
        response["X-Danvan-Done"] = f"{done}?ma={petition.tracking_code}"
    return response


@never_cache
def public_submitted(request, slug: str):
    """Where the form's script lands after a submission: the tracking code, as without the script."""
    commune = commune_by_slug(slug)
    petition = _find_in_commune(commune, (request.GET.get("ma") or "")[:40])
    if petition is None:
        raise Http404(NOT_FOUND_MESSAGE)
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


def _hold(form, commune, token: str, ticked: set[int], uploads) -> list:
    """After a refusal: let go of the held files the resident unticked, hold the new ones (unless the
    files themselves were refused), and return what the page lists."""
    held_files_release(commune=commune, client_token=token, keep_ids=ticked)
    if form.errors.get("attachments"):
        uploads = []
    try:
        return held_files_keep(commune=commune, client_token=token, uploads=uploads)
    except ServiceError as exc:
        _apply_error(form, exc)
        return held_files(commune=commune, client_token=token)


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
        # Without the form's script, files of a refused try are held on the server (services.held);
        # the script keeps them in the page and sends them itself.
        scripted = bool(request.headers.get("X-Danvan-Upload"))
        ticked = {int(i) for i in request.POST.getlist("giu_tep") if i.isdigit()}
        all_held = [] if scripted else held_files(commune=commune, client_token=token)
        held = [h for h in all_held if h.pk in ticked]
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
                    petition = petition_submit(
                        commune=commune,
                        content=d["content"],
                        kind_hint=d["kind_hint"],
                        village=d["village"],
                        address=d["address"],
                        lat=d["lat"],
                        lng=d["lng"],
                        identity=form.identity(),
                        attachments=[*d["attachments"], *held_as_uploads(held)],
                        client_token=d["client_token"] or None,
                        publish_consent=d["publish_consent"],
                        place_from_photo=d["place_from_photo"],
                    )
                except ServiceError as exc:
                    _apply_error(form, exc)
                else:
                    if all_held:  # nothing held for this form (the usual case): no query to let go of it
                        held_files_release(commune=commune, client_token=token)
                    return _submitted(request, commune, petition)
        if not scripted and token:
            held = _hold(form, commune, token, ticked, request.FILES.getlist("attachments"))
    else:
        held = []
        form = PublicPetitionForm(commune=commune, initial={"client_token": uuid.uuid4().hex})
    if request.method == "POST" and status == 200 and request.headers.get("X-Danvan-Upload"):
        status = 400  # refused: the form's script keeps the files it holds and shows the page's messages
    kinds = list(zip(form["kind_hint"], [KIND_HELP[k] for k in REAL_KINDS], strict=False))
    return render(
        request,
        "petitions/public/submit.html",
        {"commune": commune, "form": form, "kinds": kinds, "map": map_settings(), "held": held},
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


@public_page("petitions", "petitions.new")  # a new đơn counts at once
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


# Cached on the server for anonymous visitors (a staff action on the case invalidates it at once), but
# never kept by the browser: the page shows what the sender wrote, on what may be a shared computer.
@public_page("petitions", "org")  # the unit's name
@never_cache
def public_track(request, slug: str):
    commune = commune_by_slug(slug)
    raw = (request.GET.get("ma") or "").strip()[:40]
    found = tracking_page.tracking_case(commune, raw) if raw else None
    context = {
        "commune": commune,
        "code": raw,
        "info": None,
        "not_found": bool(raw) and found is None,
        "not_found_message": NOT_FOUND_MESSAGE,
    }
    if found is not None:
        info = tracking_page.tracking_info(found)
        for step in info["steps"]:
            step["plain"] = plain_status(step["status"])  # the resident's words, not the legal ones
        extras = tracking_page.tracking_extras(found)
        context |= {
            "info": info,
            "plain_status": plain_status(found.status),
            "sent": extras["sent"],
            "rated": extras["rated"],
            "review_requested_at": extras["review_requested_at"],
            "review_form": ReviewForm(initial={"ma": found.tracking_code}) if extras["may_review"] else None,
            # Once per case: the form only while the finished case is not rated.
            "rating_form": (
                RatingForm(initial={"ma": found.tracking_code})
                if found.status in tracking_page.FINISHED and found.rating is None
                else None
            ),
        }
    return render(
        request, "petitions/public/track.html", context, status=404 if context["not_found"] else 200
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
    d = form.cleaned_data
    try:
        rated = petition_rate_with_reason(
            petition=petition,
            rating=d["rating"],
            tracking_code=petition.tracking_code,
            reason=d["reason"],
            review=d["review"],
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        thanks = "Cảm ơn bạn đã đánh giá kết quả giải quyết."
        if rated.review_requested_at:
            thanks += " Đề nghị xem xét lại của bạn đã được gửi tới lãnh đạo xã."
        messages.success(request, thanks)
    return redirect(track)


# --- public: results --------------------------------------------------------------------------------------

RESULTS_PAGE_SIZE = 20


@public_page("petitions")
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
