"""Tracking codes (mã tra cứu): unguessable, and easy to read aloud over the phone.

Ten characters from a 30-symbol alphabet (digits 2–9 and the capital letters without I, L, O, U),
shown as three groups `K7M-Q9P-2XT4`. 0/O, 1/I/L look alike on paper; U is dropped like in
Crockford's base32 so that V/U are not confused when dictated. 30**10 ≈ 5.9·10**14 codes (≈49 bits):
guessing a live code by trying codes on the public page is hopeless, even before rate limiting.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10
GROUPS = (3, 3, 4)
PATTERN = re.compile(rf"^[{ALPHABET}]{{3}}-[{ALPHABET}]{{3}}-[{ALPHABET}]{{4}}$")


def _format(raw: str) -> str:
    out, i = [], 0
    for size in GROUPS:
        out.append(raw[i : i + size])
        i += size
    return "-".join(out)


def new_tracking_code() -> str:
    """A fresh random code such as `K7M-Q9P-2XT4` (the caller retries on a unique clash)."""
    return _format("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def normalize_tracking_code(text: str | None) -> str | None:
    """What a citizen typed (`k7m q9p 2xt4`, `K7MQ9P2XT4`) in the stored form, or None if it cannot be
    a code. Look-alikes are mapped the way people misread them (O→0 is impossible: no 0 is used,
    so an O is simply invalid)."""
    raw = re.sub(r"[\s\-.]", "", (text or "").upper())
    if len(raw) != LENGTH or any(c not in ALPHABET for c in raw):
        return None
    return _format(raw)
