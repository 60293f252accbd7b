"""News on the commune portal, and residents' subscriptions (/xa/<slug>/tin-tuc/, /xa/<slug>/nhan-tin/)."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from danvan.announcements import services
from danvan.announcements.forms import ConfirmForm, SubscribeForm
from danvan.announcements.models import Post
from danvan.announcements.selectors import chosen_version, public_versions, published_posts
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.geo.selectors import commune_by_slug, villages_of

SUBSCRIBE_LIMIT, SUBSCRIBE_WINDOW = 5, 15 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã yêu cầu quá nhiều mã từ cùng một thiết bị, mạng. Vui lòng đợi 15 phút rồi thử lại."
)


def news(request, slug: str):
    commune = commune_by_slug(slug)
    category = request.GET.get("loai", "")
    if category not in Post.Category.values:
        category = ""
    page = Paginator(published_posts(commune, category=category), 20).get_page(request.GET.get("trang"))
    return render(
        request,
        "announcements/public/news.html",
        {"commune": commune, "page": page, "categories": Post.Category.choices, "category": category},
    )


def detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    post = published_posts(commune).filter(pk=pk).prefetch_related("files").first()
    if post is None:
        raise Http404("Không tìm thấy tin này, hoặc tin đã hết hạn.")
    versions = public_versions(post)
    try:
        chosen = chosen_version(versions, request.GET.get("ngon-ngu", ""))
    except LookupError:
        raise Http404("Tin này chưa có bản bằng ngôn ngữ đó.") from None
    image = next((f for f in post.files.all() if f.is_image), None)
    site = getattr(settings, "DANVAN_SITE_URL", "") or request.build_absolute_uri("/").rstrip("/")
    return render(
        request,
        "announcements/public/detail.html",
        {
            "commune": commune,
            "post": post,
            "versions": versions,
            "chosen": chosen,
            "og_url": site + request.path,
            "og_image": site + image.file.url if image else "",
            "og_description": " ".join(post.body.split())[:200],
        },
    )


@never_cache
def subscribe(request, slug: str):
    commune = commune_by_slug(slug)
    villages = list(villages_of(commune).filter(is_active=True))
    form = SubscribeForm(request.POST or None, villages=villages)
    if request.method == "POST" and form.is_valid():
        if not take_slot(
            request, scope="announcements:subscribe", limit=SUBSCRIBE_LIMIT, window_seconds=SUBSCRIBE_WINDOW
        ):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            return render(
                request, "announcements/public/subscribe.html", {"commune": commune, "form": form}, status=429
            )
        d = form.cleaned_data
        try:
            sub = services.subscription_request(
                commune=commune,
                channel=d["channel"],
                address=d["address"],
                village_ids=d["villages"],
                consent=d["consent"],
            )
        except ServiceError as err:
            form_error(form, err)
            return render(
                request, "announcements/public/subscribe.html", {"commune": commune, "form": form}, status=400
            )
        confirm = ConfirmForm(initial={"channel": sub.channel, "address": sub.address})
        return render(request, "announcements/public/confirm.html", {"commune": commune, "form": confirm})
    status = 400 if request.method == "POST" else 200
    return render(
        request, "announcements/public/subscribe.html", {"commune": commune, "form": form}, status=status
    )


@never_cache
def confirm(request, slug: str):
    commune = commune_by_slug(slug)
    form = ConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.subscription_confirm(
                commune=commune, channel=d["channel"], address=d["address"], code=d["code"]
            )
        except ServiceError as err:
            form_error(form, err)
        else:
            return render(request, "announcements/public/subscribed.html", {"commune": commune})
    return render(
        request,
        "announcements/public/confirm.html",
        {"commune": commune, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@never_cache
def unsubscribe(request, slug: str, token: str):
    """GET asks, POST stops: a link preview (Zalo, mail scanners) must not unsubscribe anyone."""
    commune = commune_by_slug(slug)
    done = False
    if request.method == "POST":
        if services.subscription_stop(commune=commune, token=token) is None:
            raise Http404("Liên kết hủy nhận tin không đúng.")
        done = True
    return render(
        request, "announcements/public/unsubscribe.html", {"commune": commune, "done": done, "token": token}
    )
