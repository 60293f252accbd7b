"""Staff pages of content in the commune's minority languages, under /lam-viec/<code>/: the list of
languages (ngon-ngu/), a post's translations (tin-tuc/<pk>/ban-dich/), a bulletin's versions with their
recordings (loa/<pk>/ngon-ngu/)."""

from __future__ import annotations

from functools import partial

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
    return _versions_page(
        request,
        code,
        commune,
        languages,
        PostVersionForm(request.POST or None, languages=languages, initial=initial),
        save=partial(services.post_version_save, post=post),
        saved="Đã lưu bản dịch.",
        back=("announcements:post_versions", post.pk),
        template="announcements/post_versions.html",
        post=post,
        versions=versions,
    )


@require_POST
def post_version_remove(request, code: str, pk: int, vid: int):
    return _version_remove(
        request,
        code,
        pk,
        vid,
        model=PostVersion,
        owner="post",
        remove=services.post_version_remove,
        back="announcements:post_versions",
    )


def bulletin_versions(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission=VIEW)
    bulletin = get_object_or_404(Bulletin, pk=pk, commune=commune)
    languages = _active(commune)
    return _versions_page(
        request,
        code,
        commune,
        languages,
        BulletinVersionForm(request.POST or None, request.FILES or None, languages=languages),
        save=partial(services.bulletin_version_save, bulletin=bulletin),
        saved="Đã lưu bản tin tiếng dân tộc.",
        back=("announcements:bulletin", bulletin.pk),
        template="announcements/bulletin_versions.html",
        bulletin=bulletin,
        versions=list(bulletin.versions.select_related("language")),
    )


def _versions_page(
    request, code: str, commune, languages, form, *, save, saved: str, back, template: str, **context
):
    """A post's or a bulletin's page of versions: on POST (write permission checked again) the form goes
    to `save`, a refusal shows on the form with a 400, success goes `back` (url name, pk) with `saved`."""
    if request.method == "POST":
        commune = commune_for(request.user, code, permission=WRITE)
        if form.is_valid():
            d = form.cleaned_data
            try:
                save(by=request.user, language=_pick(languages, d.pop("language")), **d)
            except ServiceError as err:
                form_error(form, err)
            else:
                messages.success(request, saved)
                return redirect(back[0], code=commune.code, pk=back[1])
    context = workspace_context(
        request,
        commune,
        languages=languages,
        form=form,
        write=can(request.user, WRITE, commune),
        **context,
    )
    return render(request, template, context, status=400 if request.method == "POST" else 200)


def _version_remove(request, code: str, pk: int, vid: int, *, model, owner: str, remove, back: str):
    """Remove the version `vid` of the commune's post or bulletin `pk` (`owner` names which), then `back` to
    its page."""
    commune = commune_for(request.user, code, permission=WRITE)
    version = get_object_or_404(model, pk=vid, **{f"{owner}__pk": pk, f"{owner}__commune": commune})
    remove(by=request.user, version=version)
    messages.success(request, f"Đã xóa bản {version.language.name}.")
    return redirect(back, code=commune.code, pk=pk)


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
    return _version_remove(
        request,
        code,
        pk,
        vid,
        model=BulletinVersion,
        owner="bulletin",
        remove=services.bulletin_version_remove,
        back="announcements:bulletin",
    )
