"""The interface language chooser: a plain link per language (no form, no script), so a page carries no
per-visitor token and stays cacheable; the choice is a cookie read by core/interface_language.py."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache


@never_cache
def choose_language(request, language: str):
    if language not in dict(settings.LANGUAGES):
        raise Http404("Chưa có bản dịch giao diện bằng ngôn ngữ này.")
    target = request.GET.get("tiep", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response
