"""The code an authenticator app shows (RFC 6238: HMAC-SHA-1, 30-second steps, 6 digits, django-otp's
TOTP defaults), standard library only: the locust staff users sign in with it."""

from __future__ import annotations

import hashlib
import hmac
import struct


def totp(key_hex: str, step: int, digits: int = 6) -> str:
    """The code for time step `step` (Unix time // 30) of the hex key django-otp stores."""
    mac = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 10**digits:0{digits}d}"
