"""Deliver a household's online voting code to its contact: e-mail, or the phone sender comms provides."""

from __future__ import annotations

from danvan.comms.citizen import send_to_citizen


def send_code(*, email: str, phone: str, text: str) -> None:
    """E-mail when the household gave one, else its phone (`DANVAN_PHONE_SENDER`)."""
    send_to_citizen(email=email, phone=phone, subject="Mã biểu quyết trực tuyến", text=text)
