"""Deliver a household's online voting code to its contact: e-mail, or a pluggable phone sender."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("danvan.democracy")

PhoneSender = Callable[[str, str], None]


def log_phone_sender(phone: str, text: str) -> None:
    """The default until an SMS/Zalo gateway is configured: it only logs, so development and tests need
    no provider. It logs the message, code included: do not run it in production."""
    logger.info("Mã biểu quyết gửi tới %s: %s", phone, text)


def phone_sender() -> PhoneSender:
    # Read from settings if a deployment names one (a dotted path), without requiring the setting.
    path = getattr(settings, "DANVAN_VOTE_CODE_PHONE_SENDER", "")
    return import_string(path) if path else log_phone_sender


def send_code_email(address: str, text: str) -> None:
    send_mail("[Dân Vận Số] Mã biểu quyết trực tuyến", text, None, [address], fail_silently=True)


def send_code(*, email: str, phone: str, text: str) -> None:
    """E-mail when the household gave one (the channel comms uses), else the phone sender."""
    if email:
        send_code_email(email, text)
    else:
        phone_sender()(phone, text)
