"""Classify a task's time phrase ("Thường xuyên", "Quý II/2026", "trước ngày 30/5/2026") into a due rule."""

from __future__ import annotations

import re

from danvan.text.dates import (
    find_dates,
    make_date,
    month_end,
    parse_half_year_end,
    parse_month_end,
    parse_quarter_end,
    quarter_end,
    roman_to_int,
)
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
        # Yearly work in a one-year plan is due by that year's end; without a year it is standing work.
        if default_year:
            return _result(WITHIN_YEAR, month_end(default_year, 12), text)
        return _result(ONGOING, None, text)
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


# ---------------------------------------------------------------- time frames written inside a sentence

_DAY_MONTH = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})(?![\d/.-]*\d)")
_IN_QUARTER = re.compile(
    r"\b(?:trong|vào|trước|hết|cuối|đến)\s+(?:hết\s+)?quý\s+(IV|I{1,3}|[1-4])\b"
    r"(?:\s*(?:/|năm)\s*(\d{4}))?",
    re.I,
)
_IN_MONTH = re.compile(
    r"\b(?:trong|vào|trước|hết|cuối|đến)\s+(?:hết\s+)?tháng\s+(\d{1,2})\b(?:\s*(?:/|năm)\s*(\d{4}))?", re.I
)
_HALF_YEAR = re.compile(r"\b(?:trong\s+)?6\s+tháng\s+(đầu|cuối)\s+năm\b(?:\s*(\d{4}))?", re.I)
# Recurring or standing work: it is reported on every period and is never "done".
_RECURRING = re.compile(
    r"\b(?:thường xuyên|liên tục|hằng ngày|hàng ngày|hằng tuần|hàng tuần|hằng tháng|hàng tháng|"
    r"hằng quý|hàng quý|định kỳ(?:\s+(?:hằng|hàng)?\s*(?:6 tháng|tháng|quý|năm))?)\b",
    re.I,
)
_NOUN_BEFORE = re.compile(r"(?:nhiệm vụ|công việc|hoạt động|chi|kinh phí|chuyên môn)\s+$", re.I)
_YEARLY = re.compile(r"\b(?:hằng|hàng)\s+năm\b", re.I)
# Any wording that states when: used to measure how many stated time frames were understood.
TIME_WORDING = re.compile(
    r"\b(?:trước|chậm nhất|hạn chót|không quá)\s+(?:là\s+)?(?:ngày\s+)?\d{1,2}[/.-]\d{1,2}"
    r"|\b(?:trong|vào|trước|hết|cuối|đến)\s+(?:hết\s+)?(?:quý\s+(?:IV|I{1,3}|[1-4])|tháng\s+\d{1,2})\b"
    r"|\b6\s+tháng\s+(?:đầu|cuối)\s+năm\b"
    r"|\b(?:thường xuyên|liên tục|định kỳ|hằng|hàng)\s+(?:năm|quý|tháng|tuần|ngày)\b"
    r"|\b(?:thường xuyên|liên tục|định kỳ)\b",
    re.I,
)


# Cheap first look: a sentence without any of these words states no time frame.
_ANY_TIME_WORD = re.compile(
    r"trước|chậm nhất|hạn chót|không quá|hoàn thành|quý|tháng|thường xuyên|liên tục|hằng|hàng|định kỳ", re.I
)


def states_time(text: str) -> bool:
    """Whether a sentence says when something is to be done (whatever the form)."""
    text = text or ""
    return any(
        not _NOUN_BEFORE.search(text[max(0, m.start() - 20) : m.start()]) for m in TIME_WORDING.finditer(text)
    )


def _quarter_token(token: str) -> int | None:
    return int(token) if token.isdigit() else roman_to_int(token.upper())


def timeframe_in(text: str, year: int | None = None) -> dict | None:
    """The time frame a task or duty sentence states, or None.

    In order of precision: a deadline date ("trước ngày 30/5/2026", "chậm nhất ngày 15/5" in the plan's
    year), a quarter or month ("trong quý III", "trong tháng 6/2026"), half a year, then standing work
    ("thường xuyên", "định kỳ 6 tháng", "hằng tháng"), then yearly work ("hằng năm": by the plan's year end).
    `text` of the result is the phrase as written, so a preview can highlight it.
    """
    if not text or not _ANY_TIME_WORD.search(text):
        return None
    found = deadline_in(text)
    if found:
        return found
    for m in DEADLINE.finditer(text):
        tail = text[m.end() : m.end() + 12]
        dm = _DAY_MONTH.match(tail)
        if dm and year:
            when = make_date(int(dm.group(1)), int(dm.group(2)), year)
            if when:
                return _result(BY_DATE, when, text[m.start() : m.end() + dm.end()].strip())
    m = _IN_QUARTER.search(text)
    if m:
        q = _quarter_token(m.group(1))
        y = int(m.group(2)) if m.group(2) else year
        end = quarter_end(q, y) if q and y else None
        if end:
            return _result(WITHIN_QUARTER, end, m.group(0).strip())
    m = _IN_MONTH.search(text)
    if m:
        y = int(m.group(2)) if m.group(2) else year
        end = month_end(y, int(m.group(1))) if y and 1 <= int(m.group(1)) <= 12 else None
        if end:
            return _result(BY_DATE, end, m.group(0).strip())
    m = _HALF_YEAR.search(text)
    if m:
        y = int(m.group(2)) if m.group(2) else year
        if y:
            return _result(BY_DATE, month_end(y, 6 if fold(m.group(1)) == "dau" else 12), m.group(0).strip())
    for m in _RECURRING.finditer(text):
        # "nhiệm vụ thường xuyên", "chi thường xuyên": a kind of work or spending, not a time frame.
        if not _NOUN_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            return _result(ONGOING, None, m.group(0).strip())
    m = _YEARLY.search(text)
    if m:
        if year:
            return _result(WITHIN_YEAR, month_end(year, 12), m.group(0).strip())
        return _result(ONGOING, None, m.group(0).strip())
    return None
