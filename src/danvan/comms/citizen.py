"""Messages to citizens who gave a contact: e-mail through Django's mail, a phone through a pluggable sender.

No SMS or Zalo gateway can be assumed (each province contracts its own), so the phone channel is a
dotted path in `DANVAN_PHONE_SENDER` naming a function `(phone, text) -> None`; until one is set the
message is only logged, which suits development and tests and must not be left on in production
because the log then holds what was sent (a voting code, a case's status).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger("danvan.comms")

PhoneSender = Callable[[str, str], None]


def log_phone_sender(phone: str, text: str) -> None:
    """The default phone sender: it only writes the message to the log."""
    logger.info("Tin nhắn tới %s: %s", phone, text)


def phone_sender() -> PhoneSender:
    path = getattr(settings, "DANVAN_PHONE_SENDER", "")
    return import_string(path) if path else log_phone_sender


def send_to_citizen(*, email: str, phone: str, subject: str, text: str) -> str:
    """Send by e-mail when there is an address, else to the phone; returns the channel used, or ""
    when the citizen left neither. A failing gateway is logged, never raised: the case has moved on
    whatever the message did."""
    try:
        if email:
            send_mail(f"[Dân Vận Số] {subject}", text, None, [email], fail_silently=False)
            return "email"
        if phone:
            phone_sender()(phone, text)
            return "phone"
    except Exception:  # a gateway's own errors are many and not ours to sort
        logger.exception("Không gửi được tin nhắn tới người dân (%s)", "e-mail" if email else "điện thoại")
        return ""
    return ""
