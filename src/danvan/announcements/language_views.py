"""Staff pages of content in the commune's minority languages, under /lam-viec/<code>/: the list of
languages (ngon-ngu/), a post's translations (tin-tuc/<pk>/ban-dich/), a bulletin's versions with their
recordings (loa/<pk>/ngon-ngu/)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from danvan.announcements import languages as services
from danvan.announcements.language_forms import BulletinVersionForm, LanguageForm, PostVersionForm
from danvan.announcements.models import Bulletin, BulletinVersion, Language, Post, PostVersion
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.access import can, commune_for
from danvan.org.pages import workspace_context

VIEW, WRITE, MANAGE = "announcements.view", services.WRITE, services.MANAGE


def _active(commune) -> list[Language]:
    return list(Language.objects.filter(commune=commune, is_active=True))


def language_list(request, code: str):
    commune = commune_for(request.user, code, permission=VIEW)
    form = LanguageForm(request.POST or None)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=MANAGE)
        if form.is_valid():
            try:
                language = services.language_add(by=request.user, commune=commune, **form.cleaned_data)
            except ServiceError as err:
                form_error(form, err)
            else:
                messages.success(request, f"Đã thêm {language.name} vào danh sách ngôn ngữ của xã.")
                return redirect("announcements:languages", code=commune.code)
    context = workspace_context(
        request,
        commune,
        languages=Language.objects.filter(commune=commune).order_by("-is_active", "name"),
        form=form,
        manage=can(request.user, MANAGE, commune),
    )
    return render(
        request, "announcements/languages.html", context, status=400 if request.method == "POST" else 200
    )


@require_POST
def language_stop(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=MANAGE)
    language = get_object_or_404(Language, pk=pk, commune=commune)
    services.language_stop(by=request.user, language=language)
    messages.success(request, f"Xã thôi dùng {language.name}; các bản đã viết vẫn được giữ.")
    return redirect("announcements:languages", code=commune.code)


def _pick(languages, raw) -> Language | None:
    return next((x for x in languages if str(x.pk) == str(raw)), None)


def post_versions(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    post = get_object_or_404(Post, pk=pk, commune=commune)
    languages = _active(commune)
    versions = list(post.versions.select_related("language", "recorded_by"))
    chosen = next((v for v in versions if str(v.language_id) == request.GET.get("ngon-ngu")), None)
    initial = (
        {f: getattr(chosen, f) for f in ("title", "body", "translator", "translated_on")}
        | {"language": chosen.language_id}
        if chosen
        else {}
    )
    form = PostVersionForm(request.POST or None, languages=languages, initial=initial)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=WRITE)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.post_version_save(
                    by=request.user,
                    post=post,
                    language=_pick(languages, d.pop("language")),
                    **d,
                )
            except ServiceError as err:
                form_error(form, err)
            else:
                messages.success(request, "Đã lưu bản dịch.")
                return redirect("announcements:post_versions", code=commune.code, pk=post.pk)
    context = workspace_context(
        request,
        commune,
        post=post,
        versions=versions,
        languages=languages,
        form=form,
        write=can(request.user, WRITE, commune),
    )
    return render(
        request, "announcements/post_versions.html", context, status=400 if request.method == "POST" else 200
    )


@require_POST
def post_version_remove(request, code: str, pk: int, vid: int):
    commune = commune_for(request.user, code, permission=WRITE)
    version = get_object_or_404(PostVersion, pk=vid, post__pk=pk, post__commune=commune)
    services.post_version_remove(by=request.user, version=version)
    messages.success(request, f"Đã xóa bản {version.language.name}.")
    return redirect("announcements:post_versions", code=commune.code, pk=pk)


def bulletin_versions(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    languages = _active(commune)
    form = BulletinVersionForm(request.POST or None, request.FILES or None, languages=languages)
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=WRITE)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.bulletin_version_save(
                    by=request.user,
                    bulletin=bulletin,
                    language=_pick(languages, d.pop("language")),
                    **d,
                )
            except ServiceError as err:
                form_error(form, err)
            else:
                messages.success(request, "Đã lưu bản tin tiếng dân tộc.")
                return redirect("announcements:bulletin", code=commune.code, pk=bulletin.pk)
    context = workspace_context(
        request,
        commune,
        bulletin=bulletin,
        versions=list(bulletin.versions.select_related("language")),
        languages=languages,
        form=form,
        write=can(request.user, WRITE, commune),
    )
    return render(
        request,
        "announcements/bulletin_versions.html",
        context,
        status=400 if request.method == "POST" else 200,
    )


def bulletin_version_audio(request, code: str, pk: int, vid: int):
    """The recording for staff and the village loudspeaker operator, before the air date too."""
    commune = commune_for(request.user, code, permission=VIEW)
    version = get_object_or_404(
        BulletinVersion.objects.select_related("bulletin", "language"),
        pk=vid,
        bulletin__pk=pk,
        bulletin__commune=commune,
    )
    if not version.audio:
        raise Http404("Bản này chưa có bản ghi âm.")
    return services.audio_response(version, download=request.GET.get("tai") == "1")


@require_POST
def bulletin_version_remove(request, code: str, pk: int, vid: int):
    commune = commune_for(request.user, code, permission=WRITE)
    version = get_object_or_404(BulletinVersion, pk=vid, bulletin__pk=pk, bulletin__commune=commune)
    services.bulletin_version_remove(by=request.user, version=version)
    messages.success(request, f"Đã xóa bản {version.language.name}.")
    return redirect("announcements:bulletin", code=commune.code, pk=pk)
