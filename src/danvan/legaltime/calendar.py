"""Working days and deadlines: the `holidays` package's Vietnam calendar plus admin overrides.

Rules encoded here:
- Working days skip Saturdays and Sundays, public holidays (Bộ luật Lao động 2019, Điều 112: 1/1,
  Tết Nguyên đán, Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh; holidays on a rest day move to the next
  working day) and the bridge days the Government swaps each year; a swapped Saturday is a working
  day. The `holidays` package (country "VN") carries all of these, including 24/11 from 2026.
- A period counted in days does not count its first day (Bộ luật Dân sự 2015, Điều 147(1)).
- A period of calendar days whose last day is a weekend or holiday ends at the end of the next
  working day (Bộ luật Dân sự 2015, Điều 148(5)).
An administrator's `CalendarOverride` wins over the package for its date.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction

# No legal period we compute runs longer than this; a bound stops a bad input looping for ever.
MAX_SPAN_DAYS = 3660


@lru_cache(maxsize=1)
def _national() -> holidays.HolidayBase:
    # One instance per process; it expands to new years lazily as dates are asked for.
    return holidays.country_holidays("VN", language="vi")


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    reason: str  # why it is (not) a working day, in Vietnamese


class WorkingCalendar:
    """The national calendar with a fixed set of overrides {date: is_working_day}."""

    def __init__(self, overrides: dict[date, bool] | None = None, notes: dict[date, str] | None = None):
        self._overrides = dict(overrides or {})
        self._notes = dict(notes or {})
        self._national = _national()
        # Each day's answer, once: a staff list counts the working days left for every row, each a
        # walk over the same few weeks (the overrides are fixed for the calendar's life: one version of
        # them, shared by the process's requests and threads, which only ever add the same answers).
        self._working: dict[date, bool] = {}

    def describe(self, day: date) -> DayInfo:
        if day in self._overrides:
            note = self._notes.get(day, "")
            kind = "ngày làm việc" if self._overrides[day] else "ngày nghỉ"
            return DayInfo(day, self._overrides[day], f"điều chỉnh: {kind}" + (f" ({note})" if note else ""))
        name = self._national.get(day)
        if day in self._national.weekend_workdays:
            return DayInfo(day, True, "ngày làm bù theo thông báo của Chính phủ")
        if name:
            return DayInfo(day, False, str(name))
        if day.weekday() >= 5:
            return DayInfo(day, False, "Thứ Bảy" if day.weekday() == 5 else "Chủ nhật")
        return DayInfo(day, True, "ngày làm việc")

    def is_working_day(self, day: date) -> bool:
        working = self._working.get(day)
        if working is None:
            working = self._working[day] = self.describe(day).working
        return working

    def add_working_days(self, start: date, n: int) -> date:
        """The date n working days after `start` (start itself not counted, BLDS 2015 Điều 147)."""
        if n < 0:
            raise ValueError("n must not be negative")
        day, counted = start, 0
        for _ in range(MAX_SPAN_DAYS):
            if counted == n:
                return day
            day += timedelta(days=1)
            if self.is_working_day(day):
                counted += 1
        raise ValueError("period too long")

    def add_calendar_days(self, start: date, n: int, *, roll_to_working_day: bool = True) -> date:
        """The date n calendar days after `start`; if it falls on a day off, the next working day
        (BLDS 2015, Điều 148(5))."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n > MAX_SPAN_DAYS:
            raise ValueError("period too long")
        day = start + timedelta(days=n)
        if roll_to_working_day:
            day = self.next_working_day(day, include_today=True)
        return day

    def next_working_day(self, day: date, *, include_today: bool = False) -> date:
        if not include_today:
            day += timedelta(days=1)
        for _ in range(MAX_SPAN_DAYS):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise ValueError("no working day found")

    def count_working_days(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 if end <= start).

        So count_working_days(d, add_working_days(d, n)) == n."""
        if end <= start:
            return 0
        if (end - start).days > MAX_SPAN_DAYS:
            raise ValueError("period too long")
        return sum(
            1 for i in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=i))
        )

    def days_off(self, start: date, end: date) -> list[DayInfo]:
        """Every non-working weekday and every working weekend day between two dates, inclusive:
        what an administrator checks the calendar against."""
        out = []
        for i in range((end - start).days + 1):
            info = self.describe(start + timedelta(days=i))
            weekend = info.day.weekday() >= 5
            if info.working == weekend or info.day in self._overrides:
                out.append(info)
        return out


# --- the calendar in force, shared between requests ------------------------------------------------------
# Every submission computes a legal deadline, so every POST read the overrides table (issue 21). The
# overrides change a few times a year, by an administrator; a deadline must follow such a change at once, on
# every node. So each process keeps the calendar built for one version, and the version lives in the
# shared cache: `calendar_changed` gives it a new, never-repeated value whenever an override is written
# (post_save/post_delete on the model: the audited services, the admin through them, fixtures), after a
# migration or a restore. One cache read a request instead of one query.
VERSION_KEY = "legaltime:calendar-version"
# On a connection whose open transaction changed the calendar, its pending commit-time bump: what it reads
# before it commits (or if it rolls back) is its own, never kept for other requests.
_DIRTY = "_danvan_calendar_dirty"
_held: tuple[str, WorkingCalendar] | None = None  # (version, calendar): replaced whole, never mutated


def _load() -> WorkingCalendar:
    """The calendar with the administrator's overrides as stored now (one query). From the primary: a
    replica's lag of a few seconds would otherwise be kept for the whole version."""
    from danvan.legaltime.models import CalendarOverride

    rows = CalendarOverride.objects.using(DEFAULT_DB_ALIAS).values_list(
        "day", "kind", "reason", "decision_number"
    )
    overrides = {day: kind == CalendarOverride.Kind.WORKING_DAY for day, kind, _, _ in rows}
    notes = {day: " – ".join(x for x in (reason, number) if x) for day, _, reason, number in rows}
    return WorkingCalendar(overrides, notes)


def _version() -> str | None:
    """The version in force; one missing (never set, evicted, a new Redis) is created afresh, never read as
    a default. None when the cache does not answer: then every call reads the table, as before."""
    cache = caches["default"]
    try:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)  # the first process to add wins
            version = cache.get(VERSION_KEY)
    except Exception:  # a cache outage costs a query, never a wrong deadline
        return None
    return version


def _bump() -> None:
    with contextlib.suppress(Exception):  # a cache outage: nothing is served from it either
        caches["default"].set(VERSION_KEY, uuid.uuid4().hex[:16], timeout=None)


def calendar_changed(**_signal_kwargs) -> None:
    """The overrides changed (or may have): every process builds its calendar again. Bumped at once, so the
    writing transaction's next deadline sees its own change, and again on commit, so that a calendar built
    by another request between the two (from the rows before the commit) is never used again."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:

        def committed():
            _bump()

        transaction.on_commit(committed, robust=True)  # a cache outage never undoes a committed write
        # The transaction is "dirty" exactly while this callback waits for its commit: Django drops it on
        # a rollback (of the transaction or of the savepoint that made the change) and runs it on commit,
        # so the mark can never outlive the change, whichever way the transaction ends.
        waiting = [f for f in getattr(connection, _DIRTY, ()) if _pending(connection, f)]
        setattr(connection, _DIRTY, [*waiting, committed])
    _bump()


def _pending(connection, callback) -> bool:
    return any(f is callback for _sids, f, _robust in connection.run_on_commit)


def _dirty(connection) -> bool:
    return any(_pending(connection, f) for f in getattr(connection, _DIRTY, ()))


def current_calendar() -> WorkingCalendar:
    """The calendar with the administrator's overrides as stored now: this process's copy for the version in
    force, built again (one query) when the version moved."""
    global _held
    version = _version()
    shareable = version is not None and not _dirty(connections[DEFAULT_DB_ALIAS])
    held = _held
    if shareable and held is not None and held[0] == version:
        return held[1]
    calendar = _load()
    if shareable:
        _held = (version, calendar)
    return calendar


def is_working_day(day: date) -> bool:
    return current_calendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    return current_calendar().add_working_days(start, n)


def add_calendar_days(start: date, n: int) -> date:
    return current_calendar().add_calendar_days(start, n)


def count_working_days(start: date, end: date) -> int:
    return current_calendar().count_working_days(start, end)
