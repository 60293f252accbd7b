"""Responses that must not be kept by a browser or a proxy: staff pages and every file download.

An office computer is shared and sessions end when the browser closes; a page of personal data left
in the browser's cache (or a proxy's) would outlive the session. Public portal pages stay cacheable.
"""

from __future__ import annotations

from django.utils.cache import patch_cache_control

# Everything under these is for signed-in staff or API clients.
PRIVATE_PREFIXES = ("/lam-viec/", "/tinh/", "/quan-tri/", "/api/", "/tai-khoan/")


def _is_download(response) -> bool:
    return response.get("Content-Disposition", "").lower().startswith("attachment")


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        if "no-store" in response.get("Cache-Control", ""):
            return response  # the view said so already
        if signed_in or request.path.startswith(PRIVATE_PREFIXES) or _is_download(response):
            patch_cache_control(response, private=True, no_store=True)
        return response
