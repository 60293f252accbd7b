"""Deliver a household's online voting code to its contact through the outbox (comms): e-mail, or the
phone channel. The code is urgent (someone waits for it, so no quiet hours) and secret (its text is
wiped from the log once delivered; only a hash is kept by democracy)."""

from __future__ import annotations

from danvan.comms.citizen import send_to_citizen


def send_code(*, email: str, phone: str, text: str, key: str, commune=None) -> str:
    """Queue the code; call inside the transaction that stored its hash. Returns the channel."""
    return send_to_citizen(
        email=email,
        phone=phone,
        subject="Mã biểu quyết trực tuyến",
        text=text,
        key=key,
        purpose="vote_code",
        commune=commune,
        urgent=True,
        secret=True,
    )
