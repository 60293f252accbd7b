"""A generic HTTP/JSON SMS gateway: the brandname SMS providers in Vietnam all take a POST with the
number, the text and a key, and answer with a code. Which fields and codes is configuration
(`DANVAN_SMS_GATEWAY`, a dict or JSON), so one adapter serves any of them:

    {"url": "https://sms.example.vn/api/send",
     "auth_header": "Authorization", "auth_value": "Bearer …",
     "phone_field": "phone", "text_field": "message", "id_field": "request_id",
     "phone_format": "84",                      # or "0"
     "extra": {"brandname": "UBND XA TA DUNG"},  # sent with every request
     "code_field": "code", "success_codes": ["0"], "rate_limited_codes": ["429"],
     "invalid_codes": ["101"], "message_id_field": "message_id"}

Without `code_field` the HTTP status decides: 2xx sent, 429 rate-limited, 400/422 invalid number,
anything else (5xx, no answer) retried later.
"""

from __future__ import annotations

import json

from django.conf import settings

from danvan.comms.phones import international
from danvan.comms.senders.base import INVALID, RETRY, SENT, Delivery, SendResult, http_call


def gateway_config() -> dict:
    raw = getattr(settings, "DANVAN_SMS_GATEWAY", {}) or {}
    return json.loads(raw) if isinstance(raw, str) else dict(raw)


class HttpSmsSender:
    def __init__(self, config: dict | None = None) -> None:
        self.config = config if config is not None else gateway_config()
        if not self.config.get("url"):
            raise ValueError("DANVAN_SMS_GATEWAY cần có url của cổng SMS.")

    def send(self, delivery: Delivery) -> SendResult:
        c = self.config
        phone = (
            international(delivery.recipient) if c.get("phone_format", "84") == "84" else delivery.recipient
        )
        payload = {
            **c.get("extra", {}),
            c.get("phone_field", "phone"): phone,
            c.get("text_field", "message"): delivery.text,
        }
        if c.get("id_field"):
            payload[c["id_field"]] = delivery.key
        headers = {"Content-Type": "application/json; charset=utf-8", "Accept": "application/json"}
        if c.get("auth_header"):
            headers[c["auth_header"]] = c.get("auth_value", "")
        answer = http_call(
            c["url"], data=json.dumps(payload).encode(), headers=headers, timeout=c.get("timeout", 10)
        )
        return self._read(answer.status, answer.body)

    def _read(self, status: int, body) -> SendResult:
        c = self.config
        body = body if isinstance(body, dict) else {}
        provider_id = str(body.get(c.get("message_id_field", "message_id"), "") or "")
        if status == 0:
            return SendResult(RETRY, "Không kết nối được cổng SMS.")
        code_field = c.get("code_field")
        if code_field and 200 <= status < 300 and code_field in body:
            code = str(body[code_field])
            if code in [str(x) for x in c.get("success_codes", ["0"])]:
                return SendResult(SENT, provider_id=provider_id)
            if code in [str(x) for x in c.get("invalid_codes", [])]:
                return SendResult(INVALID, f"Cổng SMS: số điện thoại không nhận được tin (mã {code}).")
            if code in [str(x) for x in c.get("rate_limited_codes", [])]:
                return SendResult(RETRY, f"Cổng SMS báo gửi quá nhanh (mã {code}).")
            return SendResult(RETRY, f"Cổng SMS trả mã {code}.")
        if 200 <= status < 300:
            return SendResult(SENT, provider_id=provider_id)
        if status == 429:
            return SendResult(RETRY, "Cổng SMS báo gửi quá nhanh (HTTP 429).")
        if status in (400, 422):
            return SendResult(INVALID, f"Cổng SMS từ chối số điện thoại (HTTP {status}).")
        return SendResult(RETRY, f"Cổng SMS lỗi (HTTP {status}).")
