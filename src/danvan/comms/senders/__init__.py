"""Channel senders: each a small class with `send(delivery) -> SendResult`, chosen in settings.

`DANVAN_SENDERS` maps a channel ("sms", "zalo", "email") to the dotted path of its class; the log sender
is the default for the phone channels, Django's e-mail backends for e-mail. See base.py for the contract.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from danvan.comms.senders.base import Delivery, Sender, SendResult

__all__ = ["Delivery", "SendResult", "Sender", "sender_for"]

DEFAULTS = {
    "sms": "danvan.comms.senders.log.LogSender",
    "zalo": "danvan.comms.senders.log.LogSender",
    "email": "danvan.comms.senders.email.EmailSender",
}


def sender_for(channel: str) -> Sender:
    """The configured sender of a channel. A `DANVAN_PHONE_SENDER` function (the older setting) still
    sends SMS when no SMS sender class is named."""
    configured = dict(getattr(settings, "DANVAN_SENDERS", {}) or {})
    if channel == "sms" and "sms" not in configured and getattr(settings, "DANVAN_PHONE_SENDER", ""):
        return _build("danvan.comms.senders.log.FunctionSender", settings.DANVAN_PHONE_SENDER)
    return _build(configured.get(channel) or DEFAULTS[channel], "")


def _build(path: str, arg: str) -> Sender:
    # Built for each message: cheap, and a change of settings (a new gateway key) applies at once.
    cls = import_string(path)
    return cls(arg) if arg else cls()
