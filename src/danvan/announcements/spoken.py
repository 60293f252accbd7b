"""A post's text as it is read on the village loudspeaker (bản đọc trên loa): what the eye skims, the
ear must hear in full words.

A reader (or the offline voice) reading "UBND xã họp lúc 19h30 ngày 05/12/2026, xem tại https://…"
stumbles over the abbreviations, reads the date as numbers and the address letter by letter. This
spells them out: abbreviations of the administration, dates, times, units and percentages; web
addresses become "xem trên cổng thông tin của xã". The staff can edit the result before it is read.
"""

from __future__ import annotations

import re

# Abbreviations common in commune notices -> the words read aloud. Our own list; the longest first so
# "HĐND và UBND" is not read half-expanded.
ABBREVIATIONS = {
    "HĐND": "Hội đồng nhân dân",
    "UBND": "Ủy ban nhân dân",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "TDP": "tổ dân phố",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "CCCD": "căn cước công dân",
    "CMND": "chứng minh nhân dân",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "GCN": "giấy chứng nhận",
    "QSDĐ": "quyền sử dụng đất",
    "ATTP": "an toàn thực phẩm",
    "PCCC": "phòng cháy chữa cháy",
    "ANTT": "an ninh trật tự",
    "TTHC": "thủ tục hành chính",
    "CLB": "câu lạc bộ",
    "NVH": "nhà văn hóa",
    "SĐT": "số điện thoại",
    "VNĐ": "đồng",
    "TP.": "thành phố",
}
_ABBREVIATION = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(k) for k in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")(?![\w])"
)
_URL = re.compile(r"(?:https?://|www\.)\S+?(?=[.,;:!?)]?(?:\s|$))", re.IGNORECASE)
_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# "ngày 5/12" only: a bare "1/2" may be a half.
_DAY_MONTH = re.compile(r"\b([Nn]gày)\s+(\d{1,2})/(\d{1,2})\b(?!/)")
_TIME_H = re.compile(r"\b(\d{1,2})\s*[hH]\s*(\d{2})?\b")
_TIME_COLON = re.compile(r"\b(\d{1,2}):(\d{2})\b")
_UNITS = [
    (re.compile(r"(\d)\s*m2\b"), r"\1 mét vuông"),
    (re.compile(r"(\d)\s*m²"), r"\1 mét vuông"),
    (re.compile(r"(\d)\s*km\b"), r"\1 ki-lô-mét"),
    (re.compile(r"(\d)\s*kg\b"), r"\1 ki-lô-gam"),
    (re.compile(r"(\d)\s*ha\b"), r"\1 héc-ta"),
    (re.compile(r"(\d)\s*%"), r"\1 phần trăm"),
    (re.compile(r"(\d)\s*(?:đ|đồng)\b"), r"\1 đồng"),
]
_SPACES = re.compile(r"[ \t]+")


def _time(match: re.Match) -> str:
    hour, minute = int(match.group(1)), match.group(2)
    if hour > 24 or (minute and int(minute) > 59):
        return match.group(0)
    if minute and int(minute):
        return f"{hour} giờ {int(minute)} phút"
    return f"{hour} giờ"


def _date(match: re.Match) -> str:
    day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    return f"ngày {day} tháng {month} năm {year}"


def _day_month(match: re.Match) -> str:
    day, month = int(match.group(2)), int(match.group(3))
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return match.group(0)
    return f"{match.group(1)} {day} tháng {month}"


def spoken_text(text: str) -> str:
    """The text with abbreviations, dates, times, units and web addresses written out for reading aloud."""
    out = _URL.sub("trên cổng thông tin của xã", text or "")
    out = _DAY_MONTH.sub(_day_month, out)
    out = _DATE.sub(_date, out)
    out = _TIME_H.sub(_time, out)
    out = _TIME_COLON.sub(_time, out)
    for pattern, words in _UNITS:
        out = pattern.sub(words, out)
    out = _ABBREVIATION.sub(lambda m: ABBREVIATIONS[m.group(1)], out)
    # "ngày ngày 5 tháng 12": a date already introduced by "ngày" keeps one.
    out = re.sub(r"\b([Nn]gày)\s+ngày\b", r"\1", out)
    lines = [_SPACES.sub(" ", line).strip() for line in out.splitlines()]
    return "\n".join(line for line in lines if line)
