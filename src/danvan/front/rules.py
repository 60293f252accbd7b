"""When the commune must answer the Front, and when a regulation is next reviewed."""

from __future__ import annotations

import calendar
import datetime as dt

from danvan.law.registry import rule
from danvan.legaltime.calendar import current_calendar

SOON_DAYS = 3  # an answer due within this many days is flagged "sắp đến hạn"
REVIEW_NOTICE_DAYS = 30  # a review due within a month is announced to the leaders


def answer_due(received_on: dt.date) -> dt.date:
    """The answer deadline of a recommendation or social criticism received on that day, from the `law`
    registry (`front.answer_days`; the Law says "kịp thời", the commune's coordination rules the number)."""
    r = rule("front.answer_days", on=received_on).value
    cal = current_calendar()
    if r["working"]:
        return cal.add_working_days(received_on, int(r["days"]))
    return cal.add_calendar_days(received_on, int(r["days"]))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day (31/1 + 1 month → 28 or 29/2)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
