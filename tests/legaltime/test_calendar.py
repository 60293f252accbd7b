"""The working-day calendar at its edges: Tết, Giỗ Tổ on a Sunday, swapped Saturdays, 24/11, year end."""

from datetime import date

import pytest

from danvan.legaltime.calendar import WorkingCalendar, add_working_days, current_calendar
from danvan.legaltime.models import CalendarOverride
from danvan.legaltime.services import calendar_override_set

cal = WorkingCalendar()


def test_tet_2026_is_skipped_when_adding_working_days():
    # Thursday 12/2/2026 + 3 working days: Fri 13, then Tết 16–20/2 and the weekend, Mon 23, Tue 24.
    assert cal.add_working_days(date(2026, 2, 12), 3) == date(2026, 2, 24)
    for day in range(16, 21):
        assert not cal.is_working_day(date(2026, 2, day))


def test_gio_to_2026_on_sunday_moves_the_day_off_to_monday():
    assert not cal.is_working_day(date(2026, 4, 26))  # Sunday, 10/3 lunar
    assert not cal.is_working_day(date(2026, 4, 27))  # compensatory Monday
    assert cal.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_saturday_22_august_2026_is_worked_in_exchange_for_monday_31_august():
    assert cal.is_working_day(date(2026, 8, 22))
    assert not cal.is_working_day(date(2026, 8, 31))
    # Friday 21/8 + 1 working day is that Saturday, not Monday 24/8.
    assert cal.add_working_days(date(2026, 8, 21), 1) == date(2026, 8, 22)
    # Friday 28/8 + 1: Mon 31/8 bridge, Tue 1/9 and Wed 2/9 Quốc khánh -> Thursday 3/9.
    assert cal.add_working_days(date(2026, 8, 28), 1) == date(2026, 9, 3)


def test_vietnam_culture_day_24_november_2026_is_a_day_off():
    assert not cal.is_working_day(date(2026, 11, 24))
    assert cal.add_working_days(date(2026, 11, 23), 1) == date(2026, 11, 25)


def test_turn_of_the_year():
    # Thursday 31/12/2026 + 1 working day: 1/1/2027 is a holiday, then a weekend.
    assert cal.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert cal.count_working_days(date(2026, 12, 31), date(2027, 1, 4)) == 1


def test_calendar_days_ending_on_a_day_off_roll_to_the_next_working_day():
    # BLDS 2015 Điều 148(5): 6/2/2026 + 10 days = 16/2 (Tết) -> Monday 23/2.
    assert cal.add_calendar_days(date(2026, 2, 6), 10) == date(2026, 2, 23)
    # A period ending on a working day stays where it is.
    assert cal.add_calendar_days(date(2026, 3, 2), 30) == date(2026, 4, 1)


def test_counting_is_the_inverse_of_adding():
    start = date(2026, 1, 20)
    for n in (0, 1, 5, 10, 30, 45):
        assert cal.count_working_days(start, cal.add_working_days(start, n)) == n
    assert cal.count_working_days(date(2026, 3, 10), date(2026, 3, 1)) == 0


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        cal.add_working_days(date(2026, 1, 5), -1)


def test_days_off_lists_what_an_administrator_checks():
    days = cal.days_off(date(2026, 8, 20), date(2026, 9, 5))
    listed = {d.day: d.working for d in days}
    assert listed == {
        date(2026, 8, 22): True,
        date(2026, 8, 31): False,
        date(2026, 9, 1): False,
        date(2026, 9, 2): False,
    }


@pytest.mark.django_db
def test_an_override_changes_the_deadline():
    # The Government adds a day off on Thursday 26/11/2026; a worked Saturday on 28/11 compensates.
    before = add_working_days(date(2026, 11, 25), 1)
    calendar_override_set(
        day=date(2026, 11, 26), kind=CalendarOverride.Kind.DAY_OFF, reason="Nghỉ bù thử", by=None
    )
    calendar_override_set(
        day=date(2026, 11, 28),
        kind=CalendarOverride.Kind.WORKING_DAY,
        reason="Làm bù thử",
        decision_number="01/TB",
        by=None,
    )
    assert before == date(2026, 11, 26)
    assert add_working_days(date(2026, 11, 25), 1) == date(2026, 11, 27)
    assert add_working_days(date(2026, 11, 27), 1) == date(2026, 11, 28)
    assert "Làm bù thử" in current_calendar().describe(date(2026, 11, 28)).reason
