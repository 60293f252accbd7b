"""The working calendar kept between requests (legaltime/calendar.py): a change of the overrides decides
the very next deadline, on this process and on any other, and nothing read from a transaction that rolled
back is ever kept. Every submission computes a deadline from it (issue 21)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from danvan.legaltime import calendar
from danvan.legaltime.calendar import VERSION_KEY, current_calendar
from danvan.legaltime.models import CalendarOverride
from danvan.legaltime.services import calendar_override_remove, calendar_override_set

# Wednesday 17/3/2027: an ordinary working day in the national calendar.
DAY = date(2027, 3, 17)


def _queries(fn):
    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return result, len(ctx.captured_queries)


def _day_off(people):
    return calendar_override_set(
        day=DAY, kind="day_off", reason="Nghỉ bù theo thông báo", decision_number="1/TB-VPCP", by=people.admin
    )


@pytest.mark.django_db(transaction=True)  # committed as served, each call a request of its own
def test_the_calendar_is_read_once_and_an_override_decides_the_next_deadline(people):
    current_calendar()
    cal, queries = _queries(current_calendar)
    assert queries == 0 and cal.is_working_day(DAY)

    override = _day_off(people)
    cal, queries = _queries(current_calendar)
    assert queries == 1 and not cal.is_working_day(DAY)
    assert cal.add_working_days(date(2027, 3, 16), 1) == date(2027, 3, 18)

    calendar_override_remove(override=override, by=people.admin)
    assert current_calendar().is_working_day(DAY)


@pytest.mark.django_db(transaction=True)
def test_a_change_rolled_back_is_never_kept(people):
    current_calendar()
    with pytest.raises(RuntimeError), transaction.atomic():
        _day_off(people)
        assert not current_calendar().is_working_day(DAY)  # the writing transaction sees its own change
        raise RuntimeError("the write fails after the override")
    assert not CalendarOverride.objects.exists()
    assert current_calendar().is_working_day(DAY)


@pytest.mark.django_db(transaction=True)
def test_after_a_rolled_back_change_the_next_requests_share_the_calendar_again(people):
    # A rollback runs no commit hook: the mark of the failed change must still end with it, even when the
    # next requests read the calendar inside a transaction (as every service does), or each of them would
    # read the table for the rest of the process's life.
    with pytest.raises(RuntimeError), transaction.atomic():
        _day_off(people)
        raise RuntimeError("the write fails after the override")
    with transaction.atomic():
        current_calendar()
        cal, queries = _queries(current_calendar)
    assert queries == 0 and cal.is_working_day(DAY)


@pytest.mark.django_db(transaction=True)
def test_another_nodes_change_is_seen_through_the_shared_version(people):
    assert current_calendar().is_working_day(DAY)
    # Another node writes the row and bumps the shared version; nothing of it happens in this process.
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO legaltime_calendaroverride (day, kind, reason, decision_number, created_at) "
            "VALUES (%s, 'day_off', 'Nghỉ bù', '', CURRENT_TIMESTAMP)",
            [DAY],
        )
    caches["default"].set(VERSION_KEY, "another-node", timeout=None)
    assert not current_calendar().is_working_day(DAY)


@pytest.mark.django_db(transaction=True)
def test_an_evicted_version_is_created_afresh_never_read_as_the_old_one(people):
    current_calendar()
    CalendarOverride.objects.bulk_create(  # a write no signal announces (and no service makes)…
        [CalendarOverride(day=DAY, kind="day_off", reason="Nghỉ bù")]
    )
    caches["default"].delete(VERSION_KEY)  # …then the cache lost the version (evicted, a new Redis)
    assert not current_calendar().is_working_day(DAY)


@pytest.mark.django_db(transaction=True)
def test_without_the_cache_every_call_reads_the_table(people, monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionError("Redis không trả lời")

    monkeypatch.setattr(calendar, "caches", {"default": type("Down", (), {"get": down, "set": down})()})
    _day_off(people)  # the bump fails quietly: the write stands
    cal, queries = _queries(current_calendar)
    assert queries == 1 and not cal.is_working_day(DAY)
    assert _queries(current_calendar)[1] == 1
