"""Two middlewares for staff accounts (after django-otp's OTPMiddleware in settings.MIDDLEWARE).

`SecondFactorMiddleware`: a person who signed in with their password but must still give the code
(or must first enrol an authenticator app) can open nothing but those two pages and log-out.
`SessionListMiddleware`: keeps the account page's list of open sessions current.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from danvan.accounts.rules import must_use_two_factor
from danvan.accounts.services.sessions import session_record
from danvan.accounts.services.two_factor import has_second_factor

VERIFY_URL = "web:otp_verify"
FREE_KEY = "_danvan_2fa_free"
FREE_SECONDS = 300
ENROL_URL = "web:otp_enrol"


def second_factor_step(user) -> str | None:
    """'verify' when the person has an app and has not given its code in this session, 'enrol' when
    they must have one and have none, None when nothing more is asked."""
    if not user.is_authenticated or getattr(user, "otp_device", None) is not None:
        return None
    if has_second_factor(user):
        return "verify"
    if must_use_two_factor(user):
        return "enrol"
    return None


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        owes = (
            user is not None
            and user.is_authenticated
            and not self._open_to_all(request.path)
            and not self._recently_free(request, user)
        )
        if owes:
            step = second_factor_step(user)
            if step is not None:
                return self._refuse(request, step)
            request.session[FREE_KEY] = [user.pk, time.time()]
        return self.get_response(request)

    @staticmethod
    def _recently_free(request, user) -> bool:
        """An account that owes nothing (no app, no role that needs one) is checked again every few
        minutes, not on every request: a role granted meanwhile is enforced within FREE_SECONDS."""
        if getattr(user, "otp_device", None) is not None:
            return True  # verified in this session
        free = request.session.get(FREE_KEY)
        return bool(free and free[0] == user.pk and 0 <= time.time() - free[1] < FREE_SECONDS)

    @staticmethod
    def _open_to_all(path: str) -> bool:
        allowed = (reverse(VERIFY_URL), reverse(ENROL_URL), reverse("web:logout"))
        return path in allowed or path.startswith((settings.STATIC_URL, "/open311/"))

    @staticmethod
    def _refuse(request, step: str):
        if request.path.startswith("/api/"):
            return JsonResponse(
                {
                    "error": {
                        "code": "second_factor_required",
                        "message": "Cần nhập mã xác thực hai bước trước khi dùng API bằng phiên đăng nhập.",
                        "field": None,
                    }
                },
                status=403,
            )
        target = reverse(VERIFY_URL if step == "verify" else ENROL_URL)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)


class SessionListMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is not None and user.is_authenticated and session is not None and session.session_key:
            session_record(request)  # before the view: the account page shows this request
        return self.get_response(request)
