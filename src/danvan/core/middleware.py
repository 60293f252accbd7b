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


NUL_MESSAGE = "Địa chỉ hoặc tham số có ký tự không hợp lệ (ký tự NUL)."


class NulCharacterMiddleware:
    """A NUL character (%00) in the address or a query parameter is refused with a Vietnamese 400
    before any view runs: PostgreSQL cannot store or compare it, and a lookup with it would otherwise be
    a 500 (found by schemathesis on Open311's jurisdiction_id). No real input holds one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return self._refuse(request)
        return self.get_response(request)

    @staticmethod
    def _refuse(request):
        from django.http import JsonResponse
        from django.shortcuts import render

        if request.path.startswith("/open311/"):
            return JsonResponse(
                [{"code": 400, "description": NUL_MESSAGE, "error_code": "nul"}], status=400, safe=False
            )
        if request.path.startswith("/api/"):
            return JsonResponse({"error": {"code": "nul", "message": NUL_MESSAGE, "field": None}}, status=400)
        return render(
            request, "web/error.html", {"title": "Yêu cầu không hợp lệ", "message": NUL_MESSAGE}, status=400
        )
