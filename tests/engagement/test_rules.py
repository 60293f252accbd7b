"""Legal rules at their edges: the Chairman's weekly day, group visits, when a dialogue takes questions."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

from danvan.engagement import rules

MONDAY = dt.date(2026, 3, 2)


def test_a_week_with_one_chairman_day_is_fine_and_the_empty_week_is_reported():
    days = [dt.date(2026, 3, 4), dt.date(2026, 3, 20)]  # weeks 1 and 3
    gaps = rules.weeks_without_chairman(days, first_week=dt.date(2026, 3, 5), weeks=3)
    assert gaps == [dt.date(2026, 3, 9)]


def test_the_week_runs_monday_to_sunday():
    # A Sunday belongs to the week that started the Monday before it.
    assert rules.weeks_without_chairman([dt.date(2026, 3, 8)], first_week=MONDAY, weeks=1) == []
    assert rules.weeks_without_chairman([dt.date(2026, 3, 9)], first_week=MONDAY, weeks=1) == [MONDAY]


def test_the_law_asks_at_least_one_day_a_week():
    assert rules.CHAIRMAN_RECEPTION_DAYS_PER_WEEK == 1


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
