"""The outbox: one message per key, quiet hours, the daily cap, retries with back-off, failure kept."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from danvan.comms import outbox
from danvan.comms.citizen import send_to_citizen
from danvan.comms.models import OutboundMessage
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOON = datetime(2026, 12, 2, 12, 0, tzinfo=HCM)
pytestmark = pytest.mark.django_db(transaction=True)
HTTP_SMS = {"sms": "danvan.comms.senders.http_sms.HttpSmsSender"}


def queue(n=1, **kw):
    args = {
        "channel": "sms",
        "recipient": "0912 345 678",
        "text": "Thông báo",
        "purpose": "test",
        "key": f"k{n}",
    }
    return outbox.message_queue(**{**args, **kw})


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_the_same_key_twice_makes_one_message(commune):
    first = queue(commune=commune)
    again = queue(commune=commune, text="khác")
    assert first.pk == again.pk and OutboundMessage.objects.count() == 1
    assert first.recipient == "0912345678"


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"recipient": "0123"}, "invalid_phone"),
        ({"text": "Đ" * 400}, "too_long"),
        ({"text": " "}, "empty_text"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_stored(kw, code):
    with pytest.raises(ServiceError) as err:
        queue(**kw)
    assert err.value.code == code
    assert not OutboundMessage.objects.exists()


def test_a_citizens_bad_number_is_kept_as_a_failed_message_with_the_reason():
    channel = send_to_citizen(email="", phone="12345", subject="s", text="t", key="x", purpose="test")
    message = OutboundMessage.objects.get()
    assert (
        channel == "sms" and message.status == "failed" and "Số điện thoại không hợp lệ" in message.last_error
    )


@override_settings(DANVAN_QUIET_HOURS=(21, 7))
def test_a_message_queued_at_night_waits_for_the_morning_an_urgent_one_does_not():
    with time_machine.travel(datetime(2026, 12, 2, 22, 30, tzinfo=HCM), tick=False):
        night = queue(1)
        code = queue(2, urgent=True)
        assert outbox.message_deliver(night.pk) == "queued"
        assert outbox.message_deliver(code.pk) == "sent"
    assert night.not_before == datetime(2026, 12, 3, 7, 0, tzinfo=HCM)
    with time_machine.travel(datetime(2026, 12, 3, 7, 1, tzinfo=HCM), tick=False):
        assert outbox.deliver_due() == 1


@override_settings(DANVAN_MESSAGES_PER_RECIPIENT_PER_DAY=2, DANVAN_QUIET_HOURS=(21, 7))
@time_machine.travel(NOON, tick=False)
def test_past_the_daily_cap_a_message_waits_for_the_next_morning():
    messages = [queue(i) for i in range(3)]
    assert [m.not_before.astimezone(HCM).date() for m in messages] == [
        NOON.date(),
        NOON.date(),
        NOON.date() + timedelta(days=1),
    ]
    assert messages[2].not_before.astimezone(HCM).hour == 7


def test_delivered_by_the_worker_through_the_configured_gateway(fake_server):
    fake_server.answer("/sms", (200, {"message_id": "g1"}))
    with override_settings(
        DANVAN_SENDERS=HTTP_SMS, DANVAN_SMS_GATEWAY=json.dumps({"url": fake_server.url + "/sms"})
    ):
        queue()
        run_worker()
    message = OutboundMessage.objects.get()
    assert (message.status, message.provider_id, message.attempts) == ("sent", "g1", 1)
    assert fake_server.on("/sms")[0].json()["phone"] == "84912345678"


def test_a_gateway_down_is_retried_with_back_off_then_failed_and_kept(fake_server, people):
    fake_server.answer("/sms", (503, {"error": "maintenance"}))
    config = {"DANVAN_SENDERS": HTTP_SMS, "DANVAN_SMS_GATEWAY": {"url": fake_server.url + "/sms"}}
    with override_settings(**config):
        message = queue()
        at = datetime.now(HCM)
        waits = []
        for _ in range(5):
            with time_machine.travel(at, tick=False):
                outbox.message_deliver(message.pk)
            message.refresh_from_db()
            waits.append(round((message.not_before - at).total_seconds()))
            at = message.not_before
        assert message.status == "failed" and message.attempts == 5
        assert waits[:4] == [60, 300, 1800, 7200]
        assert "HTTP 503" in message.last_error and message.text == "Thông báo"  # nothing lost
        # The gateway is back: staff send it again.
        fake_server.answer("/sms", (200, {}))
        outbox.message_retry(by=people.coordinator, message=message)
        assert outbox.message_deliver(message.pk) == "sent"
    assert AuditEvent.objects.filter(action="comms.message_retry").count() == 1
    assert len(fake_server.on("/sms")) == 6


def test_an_invalid_number_at_the_gateway_fails_at_once(fake_server):
    fake_server.answer("/sms", (400, {"error": "invalid phone"}))
    with override_settings(DANVAN_SENDERS=HTTP_SMS, DANVAN_SMS_GATEWAY={"url": fake_server.url + "/sms"}):
        message = queue()
        assert outbox.message_deliver(message.pk) == "failed"


def test_a_secret_code_is_wiped_from_the_log_once_sent_and_never_resent():
    message = queue(
        text="Mã của bạn: 123456", secret=True, urgent=True, channel="email", recipient="a@example.vn"
    )
    assert outbox.message_deliver(message.pk) == "sent"
    message.refresh_from_db()
    assert "123456" not in message.text and "123456" in mail.outbox[0].body


def test_a_legacy_phone_sender_function_still_sends(settings):
    settings.DANVAN_PHONE_SENDER = "tests.comms.test_outbox.remember"
    settings.DANVAN_SENDERS = {}
    message = queue()
    assert outbox.message_deliver(message.pk) == "sent"
    assert SENT_BY_FUNCTION == [("0912345678", "Thông báo")]


SENT_BY_FUNCTION: list = []


def remember(phone, text):
    SENT_BY_FUNCTION.append((phone, text))


def test_an_email_server_that_is_down_is_retried_a_refused_address_is_not(settings):
    from danvan.comms.senders.base import INVALID, RETRY, Delivery
    from danvan.comms.senders.email import EmailSender

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2  # nothing listens
    assert EmailSender().send(Delivery(recipient="a@example.vn", text="t", subject="s")).outcome == RETRY
    settings.EMAIL_BACKEND = "tests.comms.test_outbox.RefusingBackend"
    assert EmailSender().send(Delivery(recipient="a@example.vn", text="t", subject="s")).outcome == INVALID


class RefusingBackend:
    """An e-mail backend whose server refuses every recipient, as SMTP does for an unknown mailbox."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        import smtplib

        raise smtplib.SMTPRecipientsRefused({"a@example.vn": (550, b"No such user")})
