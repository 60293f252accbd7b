"""Staff pages of loudspeaker bulletins (/lam-viec/<code>/loa/): compose, schedule, record airing."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.announcements import loudspeaker as loa
from danvan.announcements.loudspeaker_forms import AiredForm, BroadcastForm, BulletinForm, ItemForm
from danvan.announcements.models import Broadcast, Bulletin, Post
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.geo.selectors import villages_of
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW, WRITE = "announcements.view", "announcements.write"


def bulletins(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    write = can(request.user, WRITE, commune)
    form = BulletinForm(request.POST or None)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=WRITE)
        if form.is_valid():
            try:
                b = loa.bulletin_create(by=request.user, commune=commune, **form.cleaned_data)
            except ServiceError as err:
                form_error(form, err)
            else:
                return redirect("announcements:bulletin", code=commune.code, pk=b.pk)
    rows = Bulletin.objects.filter(commune=commune).prefetch_related("broadcasts")[:100]
    status = 400 if request.method == "POST" else 200
    context = workspace_context(request, commune, bulletins=rows, form=form, write=write)
    return render(request, "announcements/bulletins.html", context, status=status)


def _page(request, commune, bulletin, *, item_form=None, broadcast_form=None, status=200):
    posts = Post.objects.filter(commune=commune).order_by("-publish_at")[:30]
    villages = list(villages_of(commune).filter(is_active=True))
    context = workspace_context(
        request,
        commune,
        bulletin=bulletin,
        items=list(bulletin.items.all()),
        versions=list(bulletin.versions.select_related("language")),
        minutes=loa.bulletin_minutes(bulletin),
        broadcasts=bulletin.broadcasts.prefetch_related("villages"),
        item_form=item_form or ItemForm(posts=posts),
        broadcast_form=broadcast_form
        or BroadcastForm(
            villages=villages, initial={"duration_minutes": max(loa.bulletin_minutes(bulletin), 5)}
        ),
        aired_form=AiredForm(),
        write=can(request.user, WRITE, commune),
        espeak=bool(loa.espeak_path()),
    )
    return render(request, "announcements/bulletin.html", context, status=status)


def bulletin_detail(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    return _page(request, commune, get_object_or_404(Bulletin, pk=pk, commune=commune))


@require_POST
def item_add(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=WRITE)
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    form = ItemForm(request.POST, posts=Post.objects.filter(commune=commune).order_by("-publish_at")[:30])
    if form.is_valid():
        d = form.cleaned_data
        post = Post.objects.filter(commune=commune, pk=d["post"]).first() if d["post"] else None
        try:
            loa.bulletin_item_add(
                by=request.user, bulletin=bulletin, post=post, title=d["title"], text=d["text"]
            )
        except ServiceError as err:
            form_error(form, err)
        else:
            return redirect("announcements:bulletin", code=commune.code, pk=bulletin.pk)
    return _page(request, commune, bulletin, item_form=form, status=400)


@require_POST
def broadcast_add(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=WRITE)
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    form = BroadcastForm(request.POST, villages=list(villages_of(commune).filter(is_active=True)))
    if form.is_valid():
        d = form.cleaned_data
        try:
            loa.broadcast_schedule(
                by=request.user,
                bulletin=bulletin,
                cluster=d["cluster"],
                village_ids=d["villages"],
                at=d["at"],
                duration_minutes=d["duration_minutes"],
                reader=d["reader"],
            )
        except ServiceError as err:
            form_error(form, err)
        else:
            return redirect("announcements:bulletin", code=commune.code, pk=bulletin.pk)
    return _page(request, commune, bulletin, broadcast_form=form, status=400)


@require_POST
def broadcast_aired(request, code: str, pk: int, broadcast_id: int):
    commune = commune_for(request.user, code, permission=WRITE)
    broadcast = get_object_or_404(Broadcast, pk=broadcast_id, bulletin__pk=pk, bulletin__commune=commune)
    form = AiredForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            loa.broadcast_aired(
                by=request.user, broadcast=broadcast, recording=form.cleaned_data["recording"]
            )
            messages.success(request, "Đã ghi nhận lượt phát.")
        except ServiceError as err:
            messages.error(request, err.message)
    return redirect("announcements:bulletin", code=commune.code, pk=pk)


@require_POST
def draft_audio(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=WRITE)
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    try:
        loa.bulletin_draft_audio(by=request.user, bulletin=bulletin)
        messages.success(request, "Đã tạo bản đọc thử bằng giọng máy.")
    except ServiceError as err:
        messages.error(request, err.message)
    return redirect("announcements:bulletin", code=commune.code, pk=pk)
