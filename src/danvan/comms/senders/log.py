"""Senders that do not reach a network: the log (development, tests) and a plain function (older setups)."""

from __future__ import annotations

import logging

from django.utils.module_loading import import_string

from danvan.comms.senders.base import SENT, Delivery, SendResult

logger = logging.getLogger("danvan.comms")


class LogSender:
    """Writes the message to the log: the default until the province's gateway is configured. Must not
    stay on in production, because the log then holds what was sent (a case's status)."""

    def send(self, delivery: Delivery) -> SendResult:
        logger.info("Tin nhắn tới %s: %s", delivery.recipient, delivery.text)
        return SendResult(SENT, provider_id="log")


class FunctionSender:
    """A function `(phone, text) -> None` named by `DANVAN_PHONE_SENDER` (the setting before adapters):
    returning means sent, raising means try again later."""

    def __init__(self, path: str) -> None:
        self.function = import_string(path)

    def send(self, delivery: Delivery) -> SendResult:
        self.function(delivery.recipient, delivery.text)
        return SendResult(SENT, provider_id="function")
