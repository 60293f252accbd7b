"""The generic HTTP SMS gateway adapter against a local fake gateway: what it sends, how it reads
each kind of answer."""

from __future__ import annotations

from danvan.comms.senders.base import INVALID, RETRY, SENT, Delivery
from danvan.comms.senders.http_sms import HttpSmsSender

MSG = Delivery(recipient="0912345678", text="UBND xã: đơn mã K7M – Đã tiếp nhận.", key="petition-step:1")


def gateway(url, **more):
    return HttpSmsSender(
        {
            "url": url + "/send",
            "auth_header": "X-Api-Key",
            "auth_value": "bi-mat",
            "phone_field": "to",
            "text_field": "content",
            "id_field": "ref",
            "extra": {"brandname": "UBND XA"},
            **more,
        }
    )


def test_success_posts_the_configured_fields_and_keeps_the_gateway_id(fake_server):
    fake_server.answer("/send", (200, {"message_id": "abc-1"}))
    result = gateway(fake_server.url).send(MSG)
    assert (result.outcome, result.provider_id) == (SENT, "abc-1")
    [req] = fake_server.on("/send")
    assert req.headers["x-api-key"] == "bi-mat"
    assert req.json() == {
        "brandname": "UBND XA",
        "to": "84912345678",
        "content": MSG.text,
        "ref": "petition-step:1",
    }


def test_rate_limited_and_server_error_are_retried_invalid_number_is_not(fake_server):
    fake_server.answer("/send", (429, {"error": "too many"}), (500, {}), (400, {"error": "bad phone"}))
    sender = gateway(fake_server.url)
    assert [sender.send(MSG).outcome for _ in range(3)] == [RETRY, RETRY, INVALID]


def test_a_gateway_that_answers_200_with_a_code(fake_server):
    fake_server.answer(
        "/send", (200, {"code": "0", "message_id": "x"}), (200, {"code": "101"}), (200, {"code": "429"})
    )
    sender = gateway(
        fake_server.url,
        code_field="code",
        success_codes=["0"],
        invalid_codes=["101"],
        rate_limited_codes=["429"],
    )
    results = [sender.send(MSG) for _ in range(3)]
    assert [r.outcome for r in results] == [SENT, INVALID, RETRY]
    assert "mã 101" in results[1].detail


def test_a_gateway_that_is_down_is_retried():
    result = gateway("http://127.0.0.1:9").send(MSG)  # nothing listens on the discard port
    assert result.outcome == RETRY and "Không kết nối" in result.detail
