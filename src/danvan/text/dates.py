"""Read the date phrases Vietnamese official documents use: days, quarters, half-years, month ends."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from danvan.text.normalize import nfc

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

# Years outside this window are typos or other numbers ("số 2437/2025"), not dates of a plan's world.
_MIN_YEAR, _MAX_YEAR = 1945, 2100

# "14/8/2023", "14-8-2023", "14.8.2023"; the day/month separators must agree so "2021-2025" is not a date.
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/])")
# "ngày 14 tháng 8 năm 2023" (drafts leave the day blank: "ngày    tháng 5 năm 2026" is handled by callers).
_SPELLED = re.compile(r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,\s*)?năm\s+(\d{4})", re.IGNORECASE)
_QUARTER = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\b\s*(?:/\s*|(?:,\s*)?năm\s+)(\d{4})", re.IGNORECASE)
_HALF = re.compile(r"\b6\s+tháng\s+(đầu|cuối)\s+năm\s*(\d{4})?", re.IGNORECASE)
# "tháng 6/2026", "tháng 6 năm 2026"
_MONTH = re.compile(r"\btháng\s+(\d{1,2})\s*(?:/\s*|(?:,\s*)?năm\s+)(\d{4})\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """One date found in a text, with where it was found so callers can look at the words around it."""

    start: int
    end: int
    value: date


def make_date(day: int, month: int, year: int) -> date | None:
    """A valid calendar date, or None ("31/2/2026" is not a date; neither is year 20)."""
    if not (_MIN_YEAR <= year <= _MAX_YEAR):
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def roman_to_int(roman: str) -> int | None:
    """'IV' -> 4 for the small numerals documents use for quarters and sections."""
    return _ROMAN.get(roman.strip().upper())


def month_end(year: int, month: int) -> date | None:
    if not (1 <= month <= 12) or not (_MIN_YEAR <= year <= _MAX_YEAR):
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(quarter: int, year: int) -> date | None:
    """The last day of a quarter: a plan item due 'Quý II/2026' must be done by 30/6/2026."""
    if not (1 <= quarter <= 4):
        return None
    return month_end(year, quarter * 3)


def find_dates(text: str) -> list[DateMatch]:
    """Every full day-month-year date in the text, in order of appearance."""
    text = nfc(text)
    found: list[DateMatch] = []
    for m in _NUMERIC.finditer(text):
        value = make_date(int(m.group(1)), int(m.group(3)), int(m.group(4)))
        if value:
            found.append(DateMatch(m.start(), m.end(), value))
    for m in _SPELLED.finditer(text):
        value = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if value:
            found.append(DateMatch(m.start(), m.end(), value))
    found.sort(key=lambda d: d.start)
    return found


def parse_date(text: str) -> date | None:
    """The first full date in a phrase: 'ngày 14/8/2023', '14-8-2023', 'ngày 14 tháng 8 năm 2023'."""
    found = find_dates(text)
    return found[0].value if found else None


def parse_quarter(text: str) -> tuple[int, int] | None:
    """('Quý IV năm 2025' | 'quý 4/2025') -> (4, 2025)."""
    m = _QUARTER.search(nfc(text))
    if not m:
        return None
    token = m.group(1)
    quarter = int(token) if token.isdigit() else roman_to_int(token)
    year = int(m.group(2))
    if quarter is None or quarter_end(quarter, year) is None:
        return None
    return quarter, year


def parse_quarter_end(text: str) -> date | None:
    found = parse_quarter(text)
    return quarter_end(*found) if found else None


def parse_half_year_end(text: str, default_year: int | None = None) -> date | None:
    """'6 tháng đầu năm 2026' -> 30/6/2026; '6 tháng cuối năm' -> 31/12 of the given or default year."""
    m = _HALF.search(nfc(text))
    if not m:
        return None
    year = int(m.group(2)) if m.group(2) else default_year
    if year is None:
        return None
    return month_end(year, 6 if m.group(1).lower() == "đầu" else 12)


def parse_month_end(text: str) -> date | None:
    """'tháng 6/2026' -> 30/6/2026: a month named as a deadline means its last day."""
    m = _MONTH.search(nfc(text))
    return month_end(int(m.group(2)), int(m.group(1))) if m else None


def reporting_period(today: date) -> tuple[date, date]:
    """The reporting period in progress on `today`: the first half-year until 30 June (the 6-month
    report), then the whole year (the yearly report covers January to December), so in December an
    official sees the year, not the first half."""
    if today.month <= 6:
        return date(today.year, 1, 1), date(today.year, 6, 30)
    return date(today.year, 1, 1), date(today.year, 12, 31)
