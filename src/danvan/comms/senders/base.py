"""The contract every channel sender keeps."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

SENT = "sent"
RETRY = "retry"  # rate-limited, server error, network down: try again later
INVALID = "invalid"  # the recipient can never get it (bad number, no Zalo account): stop


@dataclass(frozen=True)
class Delivery:
    """One message as a sender sees it. `recipient` is 0XXXXXXXXX for phones, an address for e-mail."""

    recipient: str
    text: str
    subject: str = ""
    key: str = ""


@dataclass(frozen=True)
class SendResult:
    outcome: str
    detail: str = ""
    provider_id: str = ""


class Sender(Protocol):
    def send(self, delivery: Delivery) -> SendResult: ...


@dataclass(frozen=True)
class HttpAnswer:
    status: int  # 0 when the server could not be reached
    body: Any  # parsed JSON, or the raw text when it is not JSON
    headers: dict


def http_call(
    url: str, *, data: bytes, headers: dict[str, str], timeout: float = 10.0, method: str = "POST"
) -> HttpAnswer:
    """One HTTP request with the standard library; never raises for HTTP or network errors."""
    req = urllib.request.Request(url, data=data, headers=headers, method=method)  # noqa: S310 (URL from settings)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 (URL from settings)
            status, raw, hdrs = resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        status, raw, hdrs = err.code, err.read(), dict(err.headers or {})
    except (urllib.error.URLError, TimeoutError, OSError) as err:
        return HttpAnswer(0, str(getattr(err, "reason", err)), {})
    text = raw.decode("utf-8", "replace")
    try:
        body: Any = json.loads(text) if text else {}
    except ValueError:
        body = text
    return HttpAnswer(status, body, hdrs)
