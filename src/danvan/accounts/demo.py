"""The demo's accounts with a second factor: enrolled as their owner would (typing the code the app
shows for the key), so `./dvs serve` prints the key to add to an authenticator app."""

from __future__ import annotations

from django_otp.plugins.otp_totp.models import TOTPDevice

from danvan.accounts.rules import must_use_two_factor
from danvan.accounts.services.two_factor import _secret, current_code, enrolment_confirm, enrolment_start


def demo_second_factor(user) -> str:
    """The account's authenticator key in base32 (enrolled once, kept after), or "" when its roles do
    not need one."""
    if not must_use_two_factor(user):
        return ""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        pending = enrolment_start(user).device
        device, _codes = enrolment_confirm(user, token=current_code(pending))
    return _secret(device)
