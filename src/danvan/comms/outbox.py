"""The one way the product writes to people: queue a message, deliver it in the background.

`message_queue` stores the message in the caller's transaction (so a rolled-back change sends nothing
and a committed one is never lost) and enqueues its delivery after commit. `message_deliver`, run by
the worker, claims the message, calls the channel's sender and records the outcome; a temporary
failure (rate limit, gateway down) is retried with back-off until rules.MAX_ATTEMPTS, then the message
is marked failed and stays in the log, where staff can send it again.

Messages are not audit events one by one: the row itself is the record of what was sent, when and how
it went; the action that caused it (a petition step, an announcement) is audited by its own service.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.comms import rules
from danvan.comms.models import OutboundMessage
from danvan.comms.phones import normalize_phone
from danvan.comms.senders import Delivery, SendResult, sender_for
from danvan.comms.senders.base import INVALID, RETRY, SENT
from danvan.core.audit import audit_record
from danvan.core.background import enqueue_on_commit
from danvan.core.errors import ServiceError

logger = logging.getLogger("danvan.comms")
Status = OutboundMessage.Status
WIPED = "(nội dung mật đã xóa sau khi gửi)"


def phone_channel() -> str:
    """The channel a phone number is reached on: "sms" (default) or "zalo" (`DANVAN_PHONE_CHANNEL`)."""
    channel = getattr(settings, "DANVAN_PHONE_CHANNEL", rules.SMS) or rules.SMS
    return channel if channel in (rules.SMS, rules.ZALO) else rules.SMS


def recipient_clean(channel: str, recipient: str) -> str:
    """The recipient in stored form; a clear Vietnamese refusal for a bad number or address."""
    if channel in (rules.SMS, rules.ZALO):
        return normalize_phone(recipient)
    address = str(recipient or "").strip().lower()
    if "@" not in address or len(address) > 254 or " " in address:
        raise ServiceError("Địa chỉ thư điện tử không hợp lệ.", code="invalid_email")
    return address


def message_queue(
    *,
    channel: str,
    recipient: str,
    text: str,
    purpose: str,
    key: str,
    subject: str = "",
    commune=None,
    source: str = "",
    urgent: bool = False,
    secret: bool = False,
    protected: bool = False,
    send_after: datetime | None = None,
) -> OutboundMessage:
    """Queue one message (not before `send_after` when given); the same `key` again returns the first
    message and sends nothing new.
    Raises ServiceError (nothing stored) for a bad recipient or a text too long for the channel."""
    if channel not in (rules.SMS, rules.ZALO, rules.EMAIL):
        raise ServiceError("Kênh gửi không hợp lệ.", code="invalid_channel")
    text = str(text or "").strip()
    if not text:
        raise ServiceError("Tin nhắn không có nội dung.", code="empty_text")
    too_long = rules.too_long_message(channel, text)
    if too_long:
        raise ServiceError(too_long, code="too_long")
    to = recipient_clean(channel, recipient)
    with transaction.atomic():
        existing = OutboundMessage.objects.filter(key=key[:200]).first()
        if existing is not None:
            return existing
        now = timezone.now()
        message = OutboundMessage.objects.create(
            commune=commune,
            channel=channel,
            recipient=to,
            subject=subject[:200],
            text=text,
            purpose=purpose[:40],
            source=source[:80],
            key=key[:200],
            urgent=urgent,
            secret=secret,
            protected=protected,
            not_before=now if urgent else _first_send_time(to, max(now, send_after or now)),
        )
        _schedule(message)
    return message


def _first_send_time(recipient: str, now: datetime) -> datetime:
    """Not in quiet hours, and after the recipient's daily cap: the next morning once it is reached."""
    at = rules.next_allowed_time(now)
    local_day = timezone.localtime(at).date()
    start = timezone.make_aware(datetime.combine(local_day, datetime.min.time()))
    same_day = OutboundMessage.objects.filter(
        recipient=recipient, urgent=False, not_before__gte=start, not_before__lt=start + timedelta(days=1)
    ).count()
    if same_day >= rules.daily_limit():
        return rules.next_allowed_time(start + timedelta(days=1))
    return at


# Named by its path: the tasks module imports this one (see core.background).
DELIVER = "danvan.comms.tasks.deliver_message"


def _schedule(message: OutboundMessage) -> None:
    if message.urgent and message.attempts == 0:
        # Someone is waiting for this code: the first try goes out as soon as the row is committed,
        # in this process; a failure is retried by the worker like any other message.
        pk = message.pk
        transaction.on_commit(lambda: message_deliver(pk))
    elif message.not_before <= timezone.now():
        enqueue_on_commit(DELIVER, message.pk)
    else:
        enqueue_on_commit(DELIVER, message.pk, run_after=message.not_before)


def message_deliver(message_id: int, *, now: datetime | None = None) -> str:
    """Try to deliver one queued message that is due; returns its status afterwards ("" if unknown).
    Safe to call twice at once: the first caller claims the message by pushing its time forward."""
    now = now or timezone.now()
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            return ""
        if message.status != Status.QUEUED or message.not_before > now:
            return message.status
        message.attempts += 1
        message.not_before = now + rules.backoff(message.attempts)  # the claim, and the next retry
        message.save(update_fields=["attempts", "not_before"])
    delivery = Delivery(
        recipient=message.recipient, text=message.text, subject=message.subject, key=message.key
    )
    try:
        result = sender_for(message.channel).send(delivery)
    except Exception as err:  # a sender's own failure (bad settings, a bug) must not lose the message
        logger.exception("Bộ gửi %s lỗi", message.channel)
        result = SendResult(RETRY, f"Bộ gửi lỗi: {type(err).__name__}")
    return _record(message.pk, result, now=now)


def _record(message_id: int, result: SendResult, *, now: datetime) -> str:
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message_id)
        message.last_error = result.detail[:300] if result.outcome != SENT else ""
        if result.outcome == SENT:
            message.status, message.sent_at, message.provider_id = Status.SENT, now, result.provider_id[:100]
        elif result.outcome == INVALID or message.attempts >= rules.MAX_ATTEMPTS:
            message.status = Status.FAILED
        if message.secret and message.status != Status.QUEUED:
            message.text = WIPED
        message.save()
        if message.status == Status.QUEUED:
            _schedule(message)
    return message.status


def message_retry(*, by, message: OutboundMessage) -> OutboundMessage:
    """Staff send a failed message again (after the gateway was fixed): attempts start over."""
    with transaction.atomic():
        message = OutboundMessage.objects.select_for_update().get(pk=message.pk)
        if message.status != Status.FAILED:
            raise ServiceError("Chỉ gửi lại được tin đã gửi không được.", code="not_failed")
        if message.secret:
            raise ServiceError("Tin chứa mã bí mật không gửi lại được: hãy cấp mã mới.", code="secret")
        message.status, message.attempts, message.not_before = Status.QUEUED, 0, timezone.now()
        message.save(update_fields=["status", "attempts", "not_before"])
        _schedule(message)
        audit_record(
            actor=by,
            action="comms.message_retry",
            obj=message,
            commune=message.commune,
            after={"channel": message.channel},
        )
    return message


def deliver_due(*, now: datetime | None = None, limit: int = 500) -> int:
    """Deliver queued messages whose time has come (a sweep, in case a worker lost its job)."""
    now = now or timezone.now()
    ids = list(
        OutboundMessage.objects.filter(status=Status.QUEUED, not_before__lte=now)
        .order_by("not_before")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in ids if message_deliver(pk, now=now) == Status.SENT)
