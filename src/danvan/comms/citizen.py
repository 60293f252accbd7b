"""Messages to citizens who gave a contact: e-mail when they left one, else their phone (SMS or Zalo,
`DANVAN_PHONE_CHANNEL`), queued in the outbox (comms.outbox) and delivered in the background.

A contact a citizen typed long ago may be wrong; a notice to it must not undo the change that caused it,
so a bad number or address is recorded as a failed message (staff see why in the log) and never raised.
"""

from __future__ import annotations

import logging

from django.utils import timezone

from danvan.comms import rules
from danvan.comms.models import OutboundMessage
from danvan.comms.outbox import message_queue, phone_channel
from danvan.core.errors import ServiceError

logger = logging.getLogger("danvan.comms")


def send_to_citizen(
    *,
    email: str,
    phone: str,
    subject: str,
    text: str,
    key: str,
    purpose: str,
    commune=None,
    source: str = "",
    urgent: bool = False,
    secret: bool = False,
    protected: bool = False,
) -> str:
    """Queue the message; returns the channel chosen, or "" when the citizen left no contact.
    Call inside the caller's transaction. The same `key` twice sends once."""
    if not email and not phone:
        return ""
    channel = rules.EMAIL if email else phone_channel()
    recipient = email or phone
    options = dict(purpose=purpose, key=key, subject=subject, commune=commune, source=source)
    try:
        message_queue(
            channel=channel,
            recipient=recipient,
            text=text,
            urgent=urgent,
            secret=secret,
            protected=protected,
            **options,
        )
    except ServiceError as err:
        logger.warning("Không xếp được tin nhắn %s: %s", key, err.message)
        OutboundMessage.objects.get_or_create(
            key=key[:200],
            defaults=dict(
                channel=channel,
                recipient=str(recipient)[:254],
                text="" if secret else text,
                status=OutboundMessage.Status.FAILED,
                last_error=err.message[:300],
                not_before=timezone.now(),
                protected=protected,
                secret=secret,
                commune=commune,
                subject=subject[:200],
                purpose=purpose[:40],
                source=source[:80],
            ),
        )
    return channel
