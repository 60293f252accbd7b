"""The key format and its hash: `dvs_<prefix>.<secret>`; only the SHA-256 of the whole key is stored."""

from __future__ import annotations

import hashlib
import re
import secrets

KEY_PATTERN = re.compile(r"^dvs_([0-9a-f]{12})\.([A-Za-z0-9_\-]{20,100})$")


def new_key() -> tuple[str, str]:
    """(prefix, key): 48 random bits to find the row, 256 to prove the caller holds the key."""
    prefix = secrets.token_hex(6)
    return prefix, f"dvs_{prefix}.{secrets.token_urlsafe(32)}"


def hash_key(key: str) -> str:
    # A plain SHA-256 suffices: the secret is 256 random bits, not a password a person chose.
    return hashlib.sha256(key.encode()).hexdigest()


def split_key(key: str) -> str | None:
    """The prefix of a well-formed key, or None."""
    match = KEY_PATTERN.match(key.strip())
    return match.group(1) if match else None
