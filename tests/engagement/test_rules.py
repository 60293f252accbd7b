"""Legal rules at their edges: the Chairman's weekly day, group visits, when a dialogue takes questions."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from danvan.engagement import rules
from danvan.legaltime.calendar import WorkingCalendar

MONDAY = dt.date(2026, 3, 2)


def test_a_week_with_one_chairman_day_is_fine_and_the_empty_week_is_reported():
    days = [dt.date(2026, 3, 4), dt.date(2026, 3, 20)]  # weeks 1 and 3
    gaps = rules.weeks_without_chairman(days, first_week=dt.date(2026, 3, 5), weeks=3)
    assert gaps == [dt.date(2026, 3, 9)]


def test_the_week_runs_monday_to_sunday():
    # A Sunday belongs to the week that started the Monday before it.
    assert rules.weeks_without_chairman([dt.date(2026, 3, 8)], first_week=MONDAY, weeks=1) == []
    assert rules.weeks_without_chairman([dt.date(2026, 3, 9)], first_week=MONDAY, weeks=1) == [MONDAY]


def test_the_law_asked_one_day_a_week_until_june_2026():
    assert rules.CHAIRMAN_RECEPTION_DAYS_PER_WEEK == 1


def test_reception_check_across_june_and_july_2026():
    # June is checked by weeks, July by the month: two Chairman days anywhere in July suffice, and a
    # July week without one is no longer a gap.
    june_and_july = [dt.date(2026, 6, d) for d in (4, 11, 18, 25)] + [
        dt.date(2026, 7, 9),
        dt.date(2026, 7, 30),
    ]
    periods = rules.reception_periods(june_and_july, first=dt.date(2026, 6, 1), last=dt.date(2026, 7, 31))
    assert [(p.per, p.start, p.held, p.short) for p in periods] == [
        ("week", dt.date(2026, 6, 1), 1, False),
        ("week", dt.date(2026, 6, 8), 1, False),
        ("week", dt.date(2026, 6, 15), 1, False),
        ("week", dt.date(2026, 6, 22), 1, False),
        ("week", dt.date(2026, 6, 29), 0, True),  # began on 29/6: still the weekly rule
        ("month", dt.date(2026, 7, 1), 2, False),
    ]
    one_in_july = rules.reception_periods(
        [dt.date(2026, 7, 2)], first=dt.date(2026, 7, 1), last=dt.date(2026, 7, 31)
    )
    assert [(p.label, p.held, p.required, p.short) for p in one_in_july] == [("tháng 07/2026", 1, 2, True)]
    # The week of 29/6 counts a day of 1–5 July for itself and for the month.
    straddle = rules.reception_periods(
        [dt.date(2026, 7, 2)], first=dt.date(2026, 6, 29), last=dt.date(2026, 7, 31)
    )
    assert [(p.per, p.held) for p in straddle] == [("week", 1), ("month", 1)]


def test_answer_to_a_dan_received_at_reception_is_10_working_days():
    # Received Friday 6/2/2026: Mon 9 .. Fri 13 (5), Tết 16–20 off, Mon 23 .. Fri 27/2 (10).
    cal = WorkingCalendar()
    assert rules.answer_due(dt.date(2026, 2, 6), cal) == dt.date(2026, 2, 27)
    # Received Friday 24/4/2026: Mon 27/4 is the day off for Giỗ Tổ (26/4 a Sunday), 30/4 and 1/5 off.
    assert rules.answer_due(dt.date(2026, 4, 24), cal) == dt.date(2026, 5, 13)


def test_group_visit_starts_at_the_petitions_threshold():
    assert not rules.is_group_visit(rules.GROUP_VISIT_MIN_PEOPLE - 1)
    assert rules.is_group_visit(rules.GROUP_VISIT_MIN_PEOPLE)


def test_dialogue_takes_questions_until_its_day_while_open():
    today = dt.date(2026, 3, 4)
    assert rules.accepts_questions(SimpleNamespace(status="open", on=today), today)
    assert not rules.accepts_questions(SimpleNamespace(status="open", on=today - dt.timedelta(days=1)), today)
    assert not rules.accepts_questions(SimpleNamespace(status="held", on=today), today)


def test_only_own_unit_officer_or_a_manager_updates_a_commitment():
    c = SimpleNamespace(unit_id=7)
    assert rules.may_update_commitment([("unit_officer", 7)], c)
    assert not rules.may_update_commitment([("unit_officer", 8)], c)
    assert rules.may_update_commitment([("coordinator", None)], c)
    assert not rules.may_update_commitment([("supervisor", None)], c)


def test_commitment_late_only_when_open_past_due():
    today = dt.date(2026, 3, 4)
    assert rules.commitment_is_late(SimpleNamespace(status="open", due_on=dt.date(2026, 3, 3)), today)
    assert not rules.commitment_is_late(SimpleNamespace(status="open", due_on=today), today)
    assert not rules.commitment_is_late(SimpleNamespace(status="done", due_on=dt.date(2026, 3, 1)), today)
