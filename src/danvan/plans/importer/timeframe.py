"""Classify a task's time phrase ("Thường xuyên", "Quý II/2026", "trước ngày 30/5/2026") into a due rule."""

from __future__ import annotations

import re

from danvan.text.dates import find_dates, month_end, parse_half_year_end, parse_month_end, parse_quarter_end
from danvan.text.normalize import fold

ONGOING, BY_DATE, WITHIN_YEAR, WITHIN_QUARTER, UNSPECIFIED = (
    "ongoing",
    "by_date",
    "within_year",
    "within_quarter",
    "unspecified",
)

_ONGOING = re.compile(r"\b(?:thuong xuyen|lien tuc|hang ngay|hang tuan|hang thang)\b")
_EVERY_YEAR = re.compile(r"\bhang nam\b")
_YEAR = re.compile(r"\bnam\s+(\d{4})\b|^\s*(\d{4})\s*$")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*-\s*(\d{4})\b")
# A deadline inside a longer sentence: "hoàn thành trước ngày 30/5/2026", "chậm nhất ngày 10/10/2026".
DEADLINE = re.compile(
    r"(?:trước|chậm nhất|hạn chót|không quá|hoàn thành trong|hoàn thành)\s+(?:là\s+)?(?:ngày\s+)?", re.I
)


def _result(kind: str, when=None, text: str | None = None) -> dict:
    return {"kind": kind, "date": when.isoformat() if when else None, "text": text}


def classify(value: str | None, default_year: int | None = None) -> dict:
    """A timeframe dict {"kind", "date", "text"} for the value of a "Thời gian thực hiện:" field."""
    if not value or not value.strip():
        return _result(UNSPECIFIED)
    text = value.strip().rstrip(".;")
    folded = fold(text)
    if _ONGOING.search(folded):
        return _result(ONGOING, None, text)
    dates = find_dates(text)
    if dates:
        return _result(BY_DATE, dates[-1].value if "den" in folded else dates[0].value, text)
    quarter_end = parse_quarter_end(text)
    if quarter_end:
        return _result(WITHIN_QUARTER, quarter_end, text)
    half_end = parse_half_year_end(text, default_year)
    if half_end:
        return _result(BY_DATE, half_end, text)
    month = parse_month_end(text)
    if month:
        return _result(BY_DATE, month, text)
    if _YEAR_RANGE.search(folded):
        # "2026 - 2030" is a multi-year programme: no single due date to promise.
        return _result(UNSPECIFIED, None, text)
    if _EVERY_YEAR.search(folded):
        return _result(WITHIN_YEAR, None, text)
    year = _YEAR.search(folded)
    if year:
        y = int(year.group(1) or year.group(2))
        return _result(WITHIN_YEAR, month_end(y, 12), text)
    return _result(UNSPECIFIED, None, text)


def deadline_in(text: str) -> dict | None:
    """A deadline written inside a task's own wording, or None: only explicit 'trước ngày …' style ones."""
    for m in DEADLINE.finditer(text):
        tail = text[m.end() : m.end() + 40]
        dates = find_dates(tail)
        if dates and dates[0].start == 0:
            return _result(BY_DATE, dates[0].value, text[m.start() : m.end() + dates[0].end])
        quarter_end = parse_quarter_end(tail[:20])
        if quarter_end and fold(tail).startswith("quy"):
            return _result(WITHIN_QUARTER, quarter_end, text[m.start() : m.end() + 16].strip())
    return None
