"""Xác thực hai bước: an authenticator app (TOTP, django-otp) plus one-time recovery codes.

Every change is one function, in one transaction, with its audit record. Wrong codes are throttled by
django-otp (1, 2, 4, 8 … seconds between tries, kept in the database, so a new session does not reset
it) and each failure is audited.
"""

from __future__ import annotations

import io
import math
from base64 import b32encode
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.rules import (
    RECOVERY_CODE_COUNT,
    RECOVERY_DEVICE_NAME,
    TOTP_DEVICE_NAME,
)
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.org.access import is_system_admin


@dataclass(frozen=True)
class Enrolment:
    """What the enrolment page shows: the QR code and the same key typed by hand."""

    device: TOTPDevice
    qr_svg: str
    secret: str  # base32, in groups of four


def has_second_factor(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def current_code(device: TOTPDevice, *, unused: bool = False) -> str:
    """The code an authenticator app holding this key shows now (for the demo's own accounts). With
    `unused`, when that code was just used (a code works once), the next one, which the server
    already accepts (one step of tolerance)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if unused and totp.t() <= device.last_t and device.tolerance >= 1:
        totp.drift += device.last_t + 1 - totp.t()
    return f"{totp.token():0{device.digits}d}"


def _secret(device: TOTPDevice) -> str:
    raw = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    out = io.BytesIO()
    image.save(out)
    svg = out.getvalue().decode()
    # Drop the XML declaration: the SVG is placed inside the page.
    return svg[svg.index("<svg") :]


def enrolment_start(user) -> Enrolment:
    """Begin (or resume) enrolment: one unconfirmed key, kept until confirmed so a page reload shows
    the same QR code. Nothing is required of the account until the key is confirmed."""
    if has_second_factor(user):
        raise ServiceError("Tài khoản đã bật xác thực hai bước.", code="already_enrolled")
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
        )
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
            audit_record(actor=user, action="accounts.otp_enrol_start", obj=user)
    return Enrolment(device=device, qr_svg=_qr_svg(device.config_url), secret=_secret(device))


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def _clean(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


def enrolment_confirm(user, *, token: str) -> tuple[TOTPDevice, list[str]]:
    """The person typed the code their app shows: the key is confirmed, any older one removed, and ten
    recovery codes are made. Returns the device (to mark the session verified) and the codes, which
    are shown once and never again (only they are stored, not shown later)."""
    code = _clean(token)
    if not code.isdigit() or len(code) != 6:
        raise ServiceError("Vui lòng nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.", field="token")
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk").first()
        )
        if device is None:
            raise ServiceError("Hãy bắt đầu lại: chưa có khóa nào đang chờ xác nhận.", code="no_enrolment")
        if not device.verify_token(code):
            raise ServiceError(
                "Mã không đúng. Kiểm tra giờ trên điện thoại và nhập mã đang hiện.", field="token"
            )
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit_record(actor=user, action="accounts.otp_enrol", obj=user, after={"recovery_codes": len(codes)})
    return device, codes


def recovery_codes_renew(user) -> list[str]:
    """New recovery codes (the old ones stop working), shown once."""
    if not has_second_factor(user):
        raise ServiceError("Hãy bật xác thực hai bước trước.", code="not_enrolled")
    with transaction.atomic():
        codes = _new_recovery_codes(user)
        audit_record(actor=user, action="accounts.recovery_codes_renew", obj=user)
    return codes


def _wait_message(devices) -> str | None:
    waits, failures = [], 0
    for device in devices:
        allowed, data = device.verify_is_allowed()
        if not allowed and data and data.get("locked_until"):
            waits.append((data["locked_until"] - timezone.now()).total_seconds())
            failures = max(failures, data.get("failure_count", 1))
    if not waits:
        return None
    seconds = max(1, math.ceil(max(waits)))
    wait = f"{seconds} giây" if seconds < 120 else f"{math.ceil(seconds / 60)} phút"
    return f"Đã nhập sai {failures} lần liền. Vui lòng đợi {wait} rồi thử lại."


def second_factor_verify(user, *, token: str):
    """Check a code from the app (6 digits) or a recovery code (8 letters and digits, used once).
    Returns the device that accepted it; raises ServiceError when refused or while throttled. A
    refusal is audited in its own transaction, so it stays recorded."""
    code = _clean(token)
    if not code:
        raise ServiceError("Vui lòng nhập mã xác thực.", field="token")
    devices = [d for d in devices_for_user(user, confirmed=True) if isinstance(d, TOTPDevice | StaticDevice)]
    if not devices:
        raise ServiceError("Tài khoản chưa bật xác thực hai bước.", code="not_enrolled")
    if wait := _wait_message(devices):
        raise ServiceError(wait, code="throttled", field="token")
    kind = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    with transaction.atomic():
        for device in devices:
            if isinstance(device, kind) and device.verify_token(code):
                if kind is StaticDevice:
                    audit_record(
                        actor=user,
                        action="accounts.recovery_code_used",
                        obj=user,
                        after={"left": recovery_codes_left(user)},
                    )
                return device
    with transaction.atomic():
        audit_record(actor=user, action="accounts.otp_failure", obj=user)
    raise ServiceError("Mã xác thực không đúng hoặc đã dùng.", code="wrong_code", field="token")


def second_factor_reset(user, *, by) -> int:
    """Đặt lại xác thực hai bước (a lost phone): a system administrator removes the person's app key
    and recovery codes and ends their sessions; at the next log-in they enrol again. Returns the number
    of devices removed."""
    # `by` None: the server's operator, from the command line (`danvan otp_reset`).
    if by is not None and not (getattr(by, "is_superuser", False) or is_system_admin(by)):
        raise ServiceError("Chỉ quản trị hệ thống được đặt lại xác thực hai bước.", code="forbidden")
    from danvan.accounts.services.sessions import _end_sessions

    with transaction.atomic():
        removed = 0
        for model in (TOTPDevice, StaticDevice):
            removed += model.objects.filter(user=user).delete()[1].get(model._meta.label, 0)
        ended = _end_sessions(user)
        audit_record(
            actor=by,
            action="accounts.otp_reset",
            obj=user,
            after={"devices_removed": removed, "sessions_ended": ended},
        )
    return removed
