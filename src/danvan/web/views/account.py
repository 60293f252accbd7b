"""Tài khoản: the second factor (enrolment, the code after the password, recovery codes) and the list
of one's open sessions. Services in danvan.accounts decide and write; these pages only show and call."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from danvan.accounts.middleware import second_factor_step
from danvan.accounts.rules import RECOVERY_CODE_COUNT, must_use_two_factor
from danvan.accounts.services.sessions import sessions_end_others, sessions_of
from danvan.accounts.services.two_factor import (
    enrolment_confirm,
    enrolment_start,
    has_second_factor,
    recovery_codes_left,
    recovery_codes_renew,
    second_factor_verify,
)
from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.org.models import Membership
from danvan.web.forms import EnrolmentForm, SecondFactorForm


def _next(request, default: str = "web:workspace") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return redirect(default).url


@never_cache
@login_required
def account(request):
    user = request.user
    roles = Membership.objects.filter(user=user, is_active=True).select_related(
        "commune", "unit", "village", "province"
    )
    context = {
        "roles": roles,
        "enrolled": has_second_factor(user),
        "required": must_use_two_factor(user),
        "codes_left": recovery_codes_left(user),
        "code_count": RECOVERY_CODE_COUNT,
        "sessions": sessions_of(user, current_key=request.session.session_key),
    }
    return render(request, "web/account.html", context)


@require_POST
@login_required
def end_other_sessions(request):
    ended = sessions_end_others(request.user, current_key=request.session.session_key)
    if ended:
        messages.success(request, f"Đã đăng xuất {ended} phiên khác.")
    else:
        messages.info(request, "Không có phiên nào khác đang mở.")
    return redirect("web:account")


@never_cache
@login_required
def otp_enrol(request):
    """Bật xác thực hai bước: scan the QR code (or type the key), then type the code the app shows."""
    next_url = _next(request)
    try:
        enrolment = enrolment_start(request.user)
    except ServiceError as exc:
        messages.info(request, exc.message)
        return redirect(next_url if request.user.is_verified() else "web:otp_verify")
    form = EnrolmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device, codes = enrolment_confirm(request.user, token=form.cleaned_data["token"])
        except ServiceError as exc:
            form_error(form, exc)
        else:
            otp_login(request, device)
            return _codes_page(request, codes, next_url, first=True)
    context = {
        "form": form,
        "enrolment": enrolment,
        "next": next_url,
        "required": must_use_two_factor(request.user),
    }
    return render(request, "web/otp_enrol.html", context, status=400 if form.errors else 200)


def _codes_page(request, codes, next_url, *, first: bool):
    return render(
        request,
        "web/otp_codes.html",
        {"codes": codes, "next": next_url, "first": first},
    )


@never_cache
@login_required
def otp_verify(request):
    """Nhập mã xác thực: the second step of log-in."""
    next_url = _next(request)
    if request.user.is_verified() or not has_second_factor(request.user):
        return redirect(next_url)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = second_factor_verify(request.user, token=form.cleaned_data["token"])
        except ServiceError as exc:
            form_error(form, exc)
        else:
            otp_login(request, device)
            if device.__class__.__name__ == "StaticDevice":
                left = recovery_codes_left(request.user)
                messages.warning(
                    request, f"Bạn vừa dùng một mã dự phòng; còn {left} mã. Tạo mã mới tại trang Tài khoản."
                )
            return redirect(next_url)
    status = 429 if any("đợi" in e for e in form.errors.get("token", [])) else (400 if form.errors else 200)
    return render(request, "web/otp_verify.html", {"form": form, "next": next_url}, status=status)


@require_POST
@never_cache
@login_required
def recovery_codes_new(request):
    try:
        codes = recovery_codes_renew(request.user)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("web:account")
    return _codes_page(request, codes, redirect("web:account").url, first=False)


def login_next_step(request, default: str) -> str:
    """Where the log-in page sends a person once the password is right: the code, enrolment, or on."""
    step = second_factor_step(request.user)
    if step is None:
        return default
    target = redirect("web:otp_verify" if step == "verify" else "web:otp_enrol").url
    return f"{target}?{urlencode({'next': default})}"
