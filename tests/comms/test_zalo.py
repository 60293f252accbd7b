"""The Zalo ZNS adapter against a local fake of Zalo's OAuth and message endpoints."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.comms.models import ProviderToken
from danvan.comms.senders.base import INVALID, RETRY, SENT, Delivery
from danvan.comms.senders.zalo import PROVIDER, ZaloZnsSender

pytestmark = pytest.mark.django_db
MSG = Delivery(recipient="0912345678", text="Mã xác nhận: 123456", key="sub-code:7")


def zalo(url):
    return ZaloZnsSender(
        {
            "app_id": "app1",
            "secret_key": "khoa",
            "refresh_token": "rt-0",
            "template_id": "tpl9",
            "api_url": url + "/message/template",
            "oauth_url": url + "/v4/oa/access_token",
        }
    )


def tokens(n):
    return (200, {"access_token": f"at-{n}", "refresh_token": f"rt-{n}", "expires_in": "90000"})


def test_first_send_gets_a_token_then_sends_the_template(fake_server):
    fake_server.answer("/v4/oa/access_token", tokens(1))
    fake_server.answer(
        "/message/template", (200, {"error": 0, "message": "Success", "data": {"msg_id": "z1"}})
    )
    result = zalo(fake_server.url).send(MSG)
    assert (result.outcome, result.provider_id) == (SENT, "z1")
    [auth] = fake_server.on("/v4/oa/access_token")
    assert auth.headers["secret_key"] == "khoa"
    assert auth.body.decode() == "app_id=app1&refresh_token=rt-0&grant_type=refresh_token"
    [sent] = fake_server.on("/message/template")
    assert sent.headers["access_token"] == "at-1"
    assert sent.json() == {
        "phone": "84912345678",
        "template_id": "tpl9",
        "template_data": {"content": "Mã xác nhận: 123456"},
        "tracking_id": "sub-code:7",
    }
    # The refresh token is spent on use: the new one is kept for next time.
    assert ProviderToken.objects.get(provider=PROVIDER).refresh_token == "rt-1"


def test_an_expired_token_is_refreshed_and_the_message_sent_again(fake_server):
    ProviderToken.objects.create(
        provider=PROVIDER,
        access_token="at-old",
        refresh_token="rt-5",
        expires_at=timezone.now() + timedelta(hours=5),
    )
    fake_server.answer("/v4/oa/access_token", tokens(6))
    fake_server.answer(
        "/message/template",
        (200, {"error": -124, "message": "Access token is invalid"}),
        (200, {"error": 0, "data": {"msg_id": "z2"}}),
    )
    assert zalo(fake_server.url).send(MSG).outcome == SENT
    assert [r.headers["access_token"] for r in fake_server.on("/message/template")] == ["at-old", "at-6"]
    assert "refresh_token=rt-5" in fake_server.on("/v4/oa/access_token")[0].body.decode()


def test_invalid_number_stops_rate_limit_retries(fake_server):
    fake_server.answer("/v4/oa/access_token", tokens(1))
    fake_server.answer(
        "/message/template",
        (200, {"error": -108, "message": "Phone number is invalid"}),
        (200, {"error": -144, "message": "Quota exceeded"}),
    )
    sender = zalo(fake_server.url)
    first, second = sender.send(MSG), sender.send(MSG)
    assert (first.outcome, second.outcome) == (INVALID, RETRY)
    assert "-108" in first.detail


def test_a_refused_refresh_is_retried_later_not_sent(fake_server):
    fake_server.answer("/v4/oa/access_token", (400, {"error": -14014, "error_name": "Invalid refresh token"}))
    result = zalo(fake_server.url).send(MSG)
    assert result.outcome == RETRY and fake_server.on("/message/template") == []
