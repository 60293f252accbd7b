"""Zalo Notification Service (ZNS) through the commune's Zalo Official Account.

Zalo's documented API: a template message is a POST to `/message/template` with the OA's access token
in the `access_token` header and `{"phone": "84…", "template_id", "template_data", "tracking_id"}`; the
answer is `{"error": 0, "data": {"msg_id": …}}` or a negative error code. An access token lives about 25
hours; a new one comes from `POST oauth.zaloapp.com/v4/oa/access_token` (header `secret_key`, form
`app_id`, `refresh_token`, `grant_type=refresh_token`), which also returns a NEW refresh token: the old
one is spent, so both are stored (comms.models.ProviderToken) and replaced under a row lock.

`DANVAN_ZALO` (dict or JSON): app_id, secret_key, refresh_token (the first one, from the OA's
admin page), template_id, text_param (the template's parameter that takes our text; "content"),
and optionally api_url, oauth_url, and error code lists to override the defaults below.
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.comms.models import ProviderToken
from danvan.comms.phones import international
from danvan.comms.senders.base import INVALID, RETRY, SENT, Delivery, SendResult, http_call

API_URL = "https://business.openapi.zalo.me/message/template"
OAUTH_URL = "https://oauth.zaloapp.com/v4/oa/access_token"
PROVIDER = "zalo_oa"
# ZNS error codes (developers.zalo.me, "Bảng mã lỗi ZNS").
TOKEN_ERRORS = {-124}  # access token invalid or expired
INVALID_ERRORS = {-108, -118, -139}  # invalid phone, no Zalo account, user refuses ZNS
RATE_ERRORS = {-1, -32, -144}  # request rate exceeded, daily quota exceeded


def zalo_config() -> dict:
    raw = getattr(settings, "DANVAN_ZALO", {}) or {}
    return json.loads(raw) if isinstance(raw, str) else dict(raw)


class ZaloZnsSender:
    def __init__(self, config: dict | None = None) -> None:
        self.config = config if config is not None else zalo_config()
        for key in ("app_id", "secret_key", "template_id"):
            if not self.config.get(key):
                raise ValueError(f"DANVAN_ZALO cần có {key}.")

    # --- the access token ---

    def access_token(self, *, force: bool = False) -> str:
        """A valid access token, refreshed when it is (nearly) expired or Zalo refused it."""
        with transaction.atomic():
            row, _ = ProviderToken.objects.select_for_update().get_or_create(
                provider=PROVIDER, defaults={"refresh_token": self.config.get("refresh_token", "")}
            )
            fresh = (
                row.access_token and row.expires_at and row.expires_at > timezone.now() + timedelta(minutes=5)
            )
            if fresh and not force:
                return row.access_token
            answer = http_call(
                self.config.get("oauth_url", OAUTH_URL),
                data=urllib.parse.urlencode(
                    {
                        "app_id": self.config["app_id"],
                        "refresh_token": row.refresh_token,
                        "grant_type": "refresh_token",
                    }
                ).encode(),
                headers={
                    "secret_key": self.config["secret_key"],
                    "Content-Type": "application/x-www-form-urlencoded",
                },
            )
            body = answer.body if isinstance(answer.body, dict) else {}
            if answer.status != 200 or not body.get("access_token"):
                return ""
            row.access_token = body["access_token"]
            row.refresh_token = body.get("refresh_token") or row.refresh_token
            row.expires_at = timezone.now() + timedelta(seconds=int(body.get("expires_in") or 3600))
            row.save()
            return row.access_token

    # --- sending ---

    def send(self, delivery: Delivery) -> SendResult:
        token = self.access_token()
        if not token:
            return SendResult(RETRY, "Không lấy được mã truy cập Zalo OA (kiểm tra refresh token).")
        result, code = self._post(delivery, token)
        if code in set(self.config.get("token_errors", TOKEN_ERRORS)):
            token = self.access_token(force=True)
            if not token:
                return SendResult(RETRY, "Mã truy cập Zalo hết hạn và không làm mới được.")
            result, _ = self._post(delivery, token)
        return result

    def _post(self, delivery: Delivery, token: str) -> tuple[SendResult, int | None]:
        c = self.config
        payload = {
            "phone": international(delivery.recipient),
            "template_id": c["template_id"],
            "template_data": {c.get("text_param", "content"): delivery.text},
            "tracking_id": delivery.key[:48],
        }
        answer = http_call(
            c.get("api_url", API_URL),
            data=json.dumps(payload).encode(),
            headers={"access_token": token, "Content-Type": "application/json"},
        )
        if answer.status == 0:
            return SendResult(RETRY, "Không kết nối được Zalo."), None
        body = answer.body if isinstance(answer.body, dict) else {}
        if answer.status != 200 or "error" not in body:
            return SendResult(RETRY, f"Zalo lỗi (HTTP {answer.status})."), None
        code = int(body["error"])
        if code == 0:
            return SendResult(SENT, provider_id=str((body.get("data") or {}).get("msg_id", ""))), 0
        detail = f"Zalo trả mã lỗi {code}: {body.get('message', '')}"[:300]
        if code in set(c.get("invalid_errors", INVALID_ERRORS)):
            return SendResult(INVALID, detail), code
        return SendResult(RETRY, detail), code
