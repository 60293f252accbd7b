"""Petition deadlines at their edges: Tết, 24/11, weekends, remote and complex cases, extensions."""

from datetime import date

import pytest
from django.test import override_settings

from danvan.legaltime.calendar import WorkingCalendar
from danvan.petitions import rules
from danvan.petitions.models import Petition

pytestmark = pytest.mark.django_db

cal = WorkingCalendar()
K = Petition.Kind
C = Petition.Complexity
S = Petition.Status


def test_complaint_accept_10_working_days_skip_the_weekend_and_tet():
    # Received Friday 6/2/2026: Mon 9 .. Fri 13 (5), Tết Mon 16 .. Fri 20 off, Mon 23 .. Fri 27 (10).
    # 10 days, counted as working days (Luật Khiếu nại Điều 27; TT 07/2013/TT-TTCP Điều 5(1)).
    assert rules.accept_due(date(2026, 2, 6), cal, kind=K.COMPLAINT) == date(2026, 2, 27)


def test_complaint_accept_days_after_1_july_2026_are_a_setting():
    # Received Wednesday 1/7/2026; 10 working days: Thu 2 .. Wed 15/7.
    assert rules.accept_due(date(2026, 7, 1), cal, kind=K.COMPLAINT) == date(2026, 7, 15)
    with override_settings(DANVAN_COMPLAINT_ACCEPT_DAYS=7):
        # 7 working days (the unverified 2026 decree): Thu 2 .. Fri 10/7.
        assert rules.accept_due(date(2026, 7, 1), cal, kind=K.COMPLAINT) == date(2026, 7, 10)
        # A complaint received on 30/6 keeps the rule of its day.
        assert rules.accept_due(date(2026, 6, 30), cal, kind=K.COMPLAINT) == date(2026, 7, 14)


def test_complaint_accepted_before_tet_resolves_30_calendar_days_later_rolled_past_tet():
    # Accepted Monday 19/1/2026: day 30 is Wednesday 18/2, Mùng hai Tết → Monday 23/2.
    due = rules.resolve_due(K.COMPLAINT, date(2026, 1, 19), round=1, cal=cal)
    assert due == date(2026, 2, 23)


@override_settings(DANVAN_COMPLAINT_DAYS_ARE_WORKING=True)
def test_complaint_days_can_be_read_as_working_days_by_setting():
    # 30 working days from Monday 19/1/2026 skip the weekends and the five days of Tết: Monday 9/3.
    assert rules.resolve_due(K.COMPLAINT, date(2026, 1, 19), round=1, cal=cal) == date(2026, 3, 9)


def test_denunciation_classify_7_working_days_across_a_weekend_and_24_november_2026():
    # Friday 20/11/2026: Mon 23 (1), Tue 24 Ngày Văn hóa Việt Nam off, Wed 25 .. Fri 27 (2–4),
    # Mon 30/11 (5), Tue 1/12 (6), Wed 2/12 (7).
    assert rules.process_due(date(2026, 11, 20), cal, kind=K.DENUNCIATION) == date(2026, 12, 2)
    several = rules.process_due(date(2026, 11, 20), cal, kind=K.DENUNCIATION, several_places=True)
    assert several == date(2026, 12, 7)
    assert rules.accept_due(date(2026, 11, 20), cal, kind=K.DENUNCIATION) == date(2026, 12, 2)


def test_denunciation_forward_and_notify_take_5_working_days():
    assert rules.forward_due(date(2026, 11, 20), cal) == date(2026, 11, 30)
    assert rules.notify_due(date(2026, 11, 20), cal) == date(2026, 11, 30)


def test_processing_a_dan_takes_10_working_days_by_default_and_calendar_days_by_setting():
    assert rules.process_due(date(2026, 2, 6), cal) == date(2026, 2, 27)
    with override_settings(DANVAN_PETITION_PROCESS_WORKING_DAYS=False):
        assert rules.process_due(date(2026, 2, 6), cal) == date(2026, 2, 23)


@pytest.mark.parametrize(
    ("round_", "complexity", "remote", "expected"),
    [
        (1, C.NORMAL, False, date(2026, 7, 1)),  # 30 days, Điều 28
        (1, C.COMPLEX, False, date(2026, 7, 16)),  # 45
        (1, C.ESPECIALLY_COMPLEX, False, date(2026, 7, 16)),  # complaints know only "complex"
        (1, C.NORMAL, True, date(2026, 7, 16)),  # remote 45
        (1, C.COMPLEX, True, date(2026, 7, 31)),  # remote complex 60
        (2, C.NORMAL, False, date(2026, 7, 16)),  # 45, Điều 37
        (2, C.COMPLEX, False, date(2026, 7, 31)),  # 60
        (2, C.NORMAL, True, date(2026, 7, 31)),  # remote 60
        (2, C.COMPLEX, True, date(2026, 8, 10)),  # remote complex 70
    ],
)
def test_complaint_resolution_deadlines_by_round_complexity_and_remoteness(
    round_, complexity, remote, expected
):
    due = rules.resolve_due(
        K.COMPLAINT, date(2026, 6, 1), round=round_, complex_level=complexity, remote=remote, cal=cal
    )
    assert due == expected


def test_denunciation_resolves_in_30_days_and_each_extension_adds_at_most_30():
    due = rules.resolve_due(K.DENUNCIATION, date(2026, 6, 1), cal=cal)
    assert due == date(2026, 7, 1)
    assert rules.extension_due(due, cal) == date(2026, 7, 31)


@pytest.mark.parametrize(
    ("kind", "complexity", "allowed"),
    [
        (K.DENUNCIATION, C.NORMAL, 0),
        (K.DENUNCIATION, C.COMPLEX, 1),
        (K.DENUNCIATION, C.ESPECIALLY_COMPLEX, 2),
        (K.COMPLAINT, C.ESPECIALLY_COMPLEX, 0),
        (K.FEEDBACK, C.COMPLEX, 0),
    ],
)
def test_extensions_allowed(kind, complexity, allowed):
    assert rules.extensions_allowed(kind, complexity) == allowed
    assert rules.EXTENSIONS_ALLOWED == {"normal": 0, "complex": 1, "especially_complex": 2}


def test_feedback_resolution_is_commune_policy_in_working_days():
    assert rules.resolve_due(K.FEEDBACK, date(2026, 6, 1), cal=cal) == date(2026, 6, 22)
    with override_settings(DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS=5):
        assert rules.resolve_due(K.RECOMMENDATION, date(2026, 6, 1), cal=cal) == date(2026, 6, 8)


def test_complaint_filing_limit_of_90_days_rolls_past_quoc_khanh():
    # 1/6/2026 + 90 days = Sunday 30/8; 31/8, 1/9 and 2/9 are days off: Thursday 3/9.
    assert rules.complaint_filing_due(date(2026, 6, 1), cal) == date(2026, 9, 3)


def test_second_complaint_may_be_filed_within_30_days_or_45_in_remote_areas():
    assert rules.second_complaint_filing_due(date(2026, 6, 1), remote=False, cal=cal) == date(2026, 7, 1)
    assert rules.second_complaint_filing_due(date(2026, 6, 1), remote=True, cal=cal) == date(2026, 7, 16)


def test_unclassified_petition_has_no_resolution_deadline():
    with pytest.raises(ValueError):
        rules.resolve_due(K.UNCLASSIFIED, date(2026, 6, 1), cal=cal)


def test_the_workflow_table_covers_every_status_and_only_known_ones():
    assert set(rules.TRANSITIONS) == set(S.values)
    assert all(targets <= set(S.values) for targets in rules.TRANSITIONS.values())
    # A case being handled may be suspended (complaints from 1/7/2026; the service checks the law).
    assert rules.TRANSITIONS[S.ACCEPTED] == {S.VERIFYING, S.SUSPENDED}
    assert rules.TRANSITIONS[S.REOPENED] == {S.VERIFYING, S.SUSPENDED}
    assert rules.TRANSITIONS[S.SUSPENDED] == {S.ACCEPTED, S.VERIFYING, S.REOPENED}
    assert S.REOPENED in rules.TRANSITIONS[S.CLOSED]
    assert rules.refusal_message(S.CLASSIFIED, S.RESOLVED) == "Không thể giải quyết khi chưa thụ lý."
