"""Loudspeaker bulletins on the commune portal (/xa/<slug>/loa/): what the loudspeakers read, with the
recorded readings and translations in the commune's minority languages (`?ngon-ngu=kpm`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from danvan.announcements.languages import audio_response
from danvan.announcements.selectors import chosen_version, public_bulletins, public_versions
from danvan.geo.selectors import commune_by_slug


def bulletins(request, slug: str):
    commune = commune_by_slug(slug)
    rows = public_bulletins(commune).prefetch_related("versions__language")
    page = Paginator(rows, 20).get_page(request.GET.get("trang"))
    return render(request, "announcements/public/bulletins.html", {"commune": commune, "page": page})


def bulletin_audio(request, slug: str, pk: int, language: str):
    """A public bulletin's recording in one of the commune's languages; `?tai=1` downloads it."""
    commune = commune_by_slug(slug)
    found = public_bulletins(commune).filter(pk=pk).first()
    version = (
        next((v for v in public_versions(found) if v.language.code == language and v.audio), None)
        if found
        else None
    )
    if version is None:
        raise Http404("Bản tin này chưa có bản ghi âm bằng ngôn ngữ đó.")
    return audio_response(version, download=request.GET.get("tai") == "1")


def bulletin(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    found = public_bulletins(commune).filter(pk=pk).first()
    if found is None:
        raise Http404("Không tìm thấy bản tin loa này.")
    versions = public_versions(found)
    try:
        chosen = chosen_version(versions, request.GET.get("ngon-ngu", ""))
    except LookupError:
        raise Http404("Bản tin này chưa có bản bằng ngôn ngữ đó.") from None
    return render(
        request,
        "announcements/public/bulletin.html",
        {
            "commune": commune,
            "bulletin": found,
            "items": list(found.items.all()),
            "versions": versions,
            "chosen": chosen,
        },
    )
