"""The interface language of a request: Vietnamese unless the person chose another one.

Django's LocaleMiddleware would follow the browser's Accept-Language, so a phone set to English would
get an English portal; a commune's portal is Vietnamese first, and a resident who reads K'Ho better
picks it once. So the language comes only from the cookie the chooser sets (`LANGUAGE_COOKIE_NAME`),
and only a language listed in `LANGUAGES` (one a translator compiled a catalogue for) is taken.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def language_from_request(request) -> str:
    """The chosen interface language, or the default (Vietnamese)."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen != settings.LANGUAGE_CODE and chosen in dict(settings.LANGUAGES):
        return chosen
    return settings.LANGUAGE_CODE


class InterfaceLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        if len(settings.LANGUAGES) > 1:
            # The same address gives another language to another cookie: a shared cache must know.
            patch_vary_headers(response, ("Cookie",))
        return response
