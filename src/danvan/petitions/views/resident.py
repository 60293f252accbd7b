"""The resident's pages after sending: what they sent and their voice on the tracking page, a request to
look again, "đơn của tôi" after a one-time code, and the public map of published cases.

No account: the tracking code opens one case, a one-time code to the contact the sender left opens all
of theirs. The sender's identity is never shown, only matched.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from danvan.core.errors import ServiceError
from danvan.core.ratelimit import take_slot
from danvan.geo.selectors import commune_by_slug
from danvan.petitions.forms import CodeForm, ContactForm, ResultsFilterForm, ReviewForm
from danvan.petitions.models import Attachment, Petition
from danvan.petitions.services import resident
from danvan.petitions.tracking import normalize_tracking_code
from danvan.petitions.views.common import NOT_FOUND_MESSAGE
from danvan.petitions.wording import plain_status

Status = Petition.Status
Kind = Petition.Kind
IMAGE_KINDS = ("jpg", "png", "webp")


def map_settings() -> dict:
    """What the small Leaflet map needs: the tile server (empty: none), its credit and where to open."""
    try:
        lat, lng = (float(x) for x in settings.MAP_CENTER.split(","))
    except (AttributeError, ValueError):
        lat, lng = 16.0, 106.0
    return {
        "tiles": getattr(settings, "MAP_TILE_URL", ""),
        "attribution": getattr(settings, "MAP_ATTRIBUTION", ""),
        "lat": lat,
        "lng": lng,
    }


def track_extras(petition: Petition | None) -> dict:
    """For the tracking page: what the sender sent (text and files), their rating and its reason, and
    whether they may still ask to look again (2 queries)."""
    if petition is None:
        return {}
    p = Petition.objects.only(
        "id",
        "kind",
        "kind_hint",
        "publish_consent",
        "content",
        "status",
        "rating",
        "rated_at",
        "rating_reason",
        "review_requested_at",
        "tracking_code",
    ).get(pk=petition.pk)
    # A denunciation's text can point at the denouncer and its code may have been shared: it is shown
    # only in "đơn của tôi", after the one-time code. Photos only where the sender agreed to publish.
    denunciation = Kind.DENUNCIATION in (p.kind, p.kind_hint)
    files = list(Attachment.objects.filter(petition=p).only("id", "name", "kind", "size").order_by("id"))
    photos_shown = p.publish_consent and not denunciation
    may_review = (
        p.status in (Status.RESOLVED, Status.CLOSED)
        and p.rating is not None
        and p.rating <= resident.UNHAPPY
        and p.review_requested_at is None
    )
    return {
        "sent": {
            "content": None if denunciation else p.content,
            "files": files,
            "image_kinds": IMAGE_KINDS if photos_shown else (),
        },
        "plain_status": plain_status(p.status),
        "rated": {"rating": p.rating, "at": p.rated_at, "reason": p.rating_reason} if p.rating else None,
        "review_requested_at": p.review_requested_at,
        "review_form": ReviewForm(initial={"ma": p.tracking_code}) if may_review else None,
    }


def _by_code(commune, code: str) -> Petition | None:
    normalized = normalize_tracking_code(code)
    if normalized is None:
        return None
    return Petition.objects.filter(commune=commune, tracking_code=normalized).first()


def _track_url(commune, code: str) -> str:
    return reverse("petitions_public:track", kwargs={"slug": commune.slug}) + f"?ma={code}"


@require_POST
def public_review(request, slug: str):
    """Đề nghị xem xét lại from the tracking page."""
    commune = commune_by_slug(slug)
    form = ReviewForm(request.POST)
    petition = _by_code(commune, request.POST.get("ma", "")[:40]) if form.is_valid() else None
    if petition is None:
        raise Http404(NOT_FOUND_MESSAGE)
    try:
        resident.review_request(
            petition=petition, tracking_code=petition.tracking_code, reason=form.cleaned_data["reason"]
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Đề nghị xem xét lại của bạn đã được gửi tới lãnh đạo xã.")
    return redirect(_track_url(commune, petition.tracking_code))


@never_cache
def public_photo(request, slug: str, attachment_id: int):
    """A photo the sender attached, for the sender's own tracking page (the code in the address proves
    nothing more than the page itself does). Stored files carry no metadata (core.images)."""
    commune = commune_by_slug(slug)
    petition = _by_code(commune, request.GET.get("ma", "")[:40])
    if petition is None:
        raise Http404(NOT_FOUND_MESSAGE)
    if not petition.publish_consent or Kind.DENUNCIATION in (petition.kind, petition.kind_hint):
        raise Http404("Không tìm thấy ảnh.")
    att = Attachment.objects.filter(petition=petition, pk=attachment_id, kind__in=IMAGE_KINDS).first()
    if att is None:
        raise Http404("Không tìm thấy ảnh.")
    response = FileResponse(att.file.open("rb"), content_type=att.mime or "image/jpeg")
    response["Content-Disposition"] = "inline"
    return response


# --- "đơn của tôi" ---------------------------------------------------------------------------------------

SESSION_KEY = "don_cua_toi"


def _opened(request, commune) -> str | None:
    """The contact whose cases this browser may list, while the code's window lasts."""
    data = request.session.get(SESSION_KEY) or {}
    entry = data.get(str(commune.pk))
    if not entry or entry.get("until", 0) < timezone.now().timestamp():
        return None
    return entry.get("contact")


@never_cache
def my_cases(request, slug: str):
    """Đơn của tôi: 1) the phone or e-mail left in the petitions, 2) the code sent to it, 3) the list."""
    commune = commune_by_slug(slug)
    contact = _opened(request, commune)
    pending = request.session.get(f"{SESSION_KEY}_pending_{commune.pk}")
    contact_form, code_form, status = ContactForm(), None, 200
    if request.method == "POST":
        step = request.POST.get("buoc")
        if step == "thoat":
            request.session.pop(SESSION_KEY, None)
            return redirect(reverse("petitions_public:mine", kwargs={"slug": commune.slug}))
        if step == "gui-ma":
            contact_form = ContactForm(request.POST)
            if contact_form.is_valid():
                if not take_slot(request, scope="petitions:resident_code", limit=5, window_seconds=3600):
                    contact_form.add_error(None, "Bạn đã yêu cầu nhiều mã quá. Vui lòng thử lại sau một giờ.")
                    status = 429
                else:
                    try:
                        normalized = resident.contact_normalize(contact_form.cleaned_data["contact"])
                        resident.my_cases_code_send(commune=commune, contact=normalized)
                    except ServiceError as exc:
                        contact_form.add_error("contact", exc.message)
                        status = 400
                    else:
                        request.session[f"{SESSION_KEY}_pending_{commune.pk}"] = normalized
                        return redirect(
                            reverse("petitions_public:mine", kwargs={"slug": commune.slug}) + "?ma=1"
                        )
            else:
                status = 400
        elif step == "nhap-ma" and pending:
            code_form = CodeForm(request.POST)
            if code_form.is_valid():
                try:
                    normalized = resident.my_cases_code_check(
                        commune=commune, contact=pending, code=code_form.cleaned_data["code"]
                    )
                except ServiceError as exc:
                    code_form.add_error("code", exc.message)
                    status = 400
                else:
                    until = timezone.now() + timedelta(minutes=resident.OPEN_MINUTES)
                    data = request.session.get(SESSION_KEY) or {}
                    data[str(commune.pk)] = {"contact": normalized, "until": until.timestamp()}
                    request.session[SESSION_KEY] = data
                    request.session.pop(f"{SESSION_KEY}_pending_{commune.pk}", None)
                    request.session.cycle_key()
                    return redirect(reverse("petitions_public:mine", kwargs={"slug": commune.slug}))
            else:
                status = 400
    if contact is None and pending and request.GET.get("ma") and code_form is None:
        code_form = CodeForm()
    cases = []
    if contact is not None:
        cases = [
            {
                "code": p.tracking_code,
                "received_on": p.received_on,
                "kind": p.get_kind_hint_display() if p.kind == Kind.UNCLASSIFIED else p.get_kind_display(),
                "status": plain_status(p.status),
                "excerpt": p.content[:140],
            }
            for p in resident.cases_of_contact(commune, contact).only(
                "tracking_code", "received_on", "kind", "kind_hint", "status", "content"
            )
        ]
    return render(
        request,
        "petitions/public/mine.html",
        {
            "commune": commune,
            "contact_form": contact_form,
            "code_form": code_form if contact is None and pending else None,
            "opened": contact is not None,
            "cases": cases,
            "minutes": resident.CODE_MINUTES,
        },
        status=status,
    )


# --- public map --------------------------------------------------------------------------------------------


def public_map(request, slug: str):
    """Bản đồ phản ánh: published answers (sender's consent) by village and field, as a list that
    works on any phone and, where a place was given, pins on a small map (loaded on demand)."""
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
        .only("id", "answered_on", "answer", "latitude", "longitude", "field__name", "village__name")
        .order_by("-answered_on", "-id")
    )
    if form.is_bound and form.is_valid():
        if form.cleaned_data["field"]:
            qs = qs.filter(field=form.cleaned_data["field"])
        if form.cleaned_data["village"]:
            qs = qs.filter(village=form.cleaned_data["village"])
    rows = list(qs[:200])
    by_village: dict[str, int] = {}
    for p in rows:
        name = p.village.name if p.village else "Chưa rõ thôn"
        by_village[name] = by_village.get(name, 0) + 1
    pins = [
        {
            "lat": float(p.latitude),
            "lng": float(p.longitude),
            "label": (p.field.name if p.field else "Phản ánh"),
        }
        for p in rows
        if p.latitude is not None and p.longitude is not None
    ]
    return render(
        request,
        "petitions/public/map.html",
        {
            "commune": commune,
            "form": form,
            "rows": rows,
            "by_village": sorted(by_village.items()),
            "pins": pins,
            "map": map_settings(),
        },
    )
