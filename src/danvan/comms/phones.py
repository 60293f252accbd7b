"""Vietnamese mobile numbers: one accepted form in, one stored form out (0 + 9 digits)."""

from __future__ import annotations

import re

from danvan.core.errors import ServiceError

# Mobile prefixes after the 2018 renumbering (Thông tư 22/2014/TT-BTTTT as amended; Quyết định
# 798/QĐ-BTTTT): 03x Viettel, 05x Vietnamobile/Reddi, 07x MobiFone, 08x VinaPhone/iTel/Viettel, 09x all.
_MOBILE = re.compile(r"^0(3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$")

INVALID_PHONE = (
    "Số điện thoại không hợp lệ: cần số di động Việt Nam gồm 10 chữ số, bắt đầu bằng 03, 05, 07, 08 "
    "hoặc 09 (ví dụ 0912 345 678), hoặc dạng +84."
)


def normalize_phone(raw: str) -> str:
    """The number as 0XXXXXXXXX; raises ServiceError (code invalid_phone) for anything else."""
    digits = re.sub(r"[\s.\-()]", "", str(raw or ""))
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.match(digits):
        raise ServiceError(INVALID_PHONE, code="invalid_phone")
    return digits


def international(phone: str) -> str:
    """84XXXXXXXXX, the form gateways and Zalo expect."""
    return "84" + phone[1:]


def mask(address: str) -> str:
    """0912345678 → 091*****78; an e-mail keeps its first letter and domain."""
    if "@" in address:
        name, _, domain = address.partition("@")
        return f"{name[:1]}***@{domain}"
    return address[:3] + "*" * max(len(address) - 5, 0) + address[-2:] if len(address) > 5 else "***"
