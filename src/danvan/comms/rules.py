"""The rules of outbound messages to people: channel limits, quiet hours, daily caps, retries.

None of these come from law; they are the commune's policy and every one can be changed in settings.
The SMS figures are those of the GSM standard (3GPP TS 23.038/23.040): a text in the GSM 7-bit alphabet
fits 160 characters in one segment (153 when split), anything else (Vietnamese with diacritics) is sent
as UCS-2: 70 characters in one segment, 67 when split.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

SMS = "sms"
ZALO = "zalo"
EMAIL = "email"

# GSM 03.38 basic alphabet (the extension table's characters count twice).
_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
    "¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")

# Longest text each channel takes. SMS: brandname gateways in Vietnam concatenate up to a few
# segments; past 5 a text costs more than it informs. ZNS: the content parameter of a template.
MAX_SMS_SEGMENTS = 5
MAX_CHARS = {ZALO: 2000, EMAIL: 20000}


def sms_segments(text: str) -> int:
    """How many SMS segments the text costs (0 for an empty text)."""
    if not text:
        return 0
    if all(c in _GSM_BASIC or c in _GSM_EXTENDED for c in text):
        units = sum(2 if c in _GSM_EXTENDED else 1 for c in text)
        single, part = 160, 153
    else:
        # UCS-2 counts UTF-16 code units: a character outside the BMP takes two.
        units = sum(2 if ord(c) > 0xFFFF else 1 for c in text)
        single, part = 70, 67
    return 1 if units <= single else -(-units // part)


def too_long_message(channel: str, text: str) -> str:
    """The Vietnamese refusal for a text over the channel's length, or "" when it fits."""
    if channel == SMS:
        n = sms_segments(text)
        if n > MAX_SMS_SEGMENTS:
            return (
                f"Tin nhắn SMS quá dài: {n} phần tin (tối đa {MAX_SMS_SEGMENTS}). "
                "Hãy rút gọn nội dung; tin tiếng Việt có dấu dài 67 ký tự mỗi phần."
            )
        return ""
    limit = MAX_CHARS.get(channel)
    if limit and len(text) > limit:
        return f"Nội dung quá dài cho kênh này: {len(text)} ký tự (tối đa {limit})."
    return ""


# --- quiet hours and the daily cap -----------------------------------------------------------------


def quiet_hours() -> tuple[time, time]:
    """(start, end) of the night when nothing non-urgent is sent, local time; 21:00–07:00 by default."""
    start, end = getattr(settings, "DANVAN_QUIET_HOURS", (21, 7))
    return time(int(start)), time(int(end))


def next_allowed_time(at: datetime) -> datetime:
    """`at` itself outside quiet hours, else the end of the quiet night (local)."""
    start, end = quiet_hours()
    local = timezone.localtime(at)
    now = local.time()
    in_quiet = (now >= start or now < end) if start > end else (start <= now < end)
    if not in_quiet:
        return at
    day = local.date() if now < end else local.date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, end))


def daily_limit() -> int:
    """Non-urgent messages one recipient gets in one local day; more wait for the next morning."""
    return int(getattr(settings, "DANVAN_MESSAGES_PER_RECIPIENT_PER_DAY", 5))


# --- retries ---------------------------------------------------------------------------------------

MAX_ATTEMPTS = 5
# Seconds to wait before attempt n+1 after n failed ones: 1, 5, 30 minutes, then 2 hours.
BACKOFF_SECONDS = (60, 300, 1800, 7200)


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=BACKOFF_SECONDS[min(attempts, len(BACKOFF_SECONDS)) - 1])
