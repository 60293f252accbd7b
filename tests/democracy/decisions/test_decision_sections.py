"""The village-decisions section of the periodic report: by village, by method, passed or not."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danvan.core.sections import provider
from danvan.democracy import services
from danvan.democracy.decisions.sections import section
from danvan.democracy.rules import Choice, Method
from danvan.geo.models import Village
from tests.democracy.conftest import add_households, make_decision

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def recorded_ballot(village, by, households, approve: int, *, when="2026-03-10 09:00 +0700"):
    with time_machine.travel(when, tick=False):
        d = make_decision(village, by, method=Method.BALLOT)
        services.decision_open(decision=d, by=by)
        for h in households[:approve]:
            services.ballot_cast(decision=d, household=h, choice=Choice.APPROVE, by=by)
        services.decision_close(decision=d, by=by)
        services.decision_record_outcome(decision=d, by=by)
    return d


def recorded_meeting_fallback(village, by, households):
    with time_machine.travel("2026-04-02 08:00 +0700", tick=False):
        d = make_decision(village, by)
        services.decision_open(decision=d, by=by)
        services.meeting_record_attendance(decision=d, present_households=households[:3], by=by)
        for h in households[:8]:
            services.ballot_cast(decision=d, household=h, choice=Choice.APPROVE, by=by)
        services.decision_close(decision=d, by=by)
        services.decision_record_outcome(decision=d, by=by)
    return d


def test_registered_under_its_key():
    assert provider("village_decisions") is section


def test_empty_period_says_so(commune):
    content = section.build(commune, START, END)
    assert "chưa có nội dung nào" in content.paragraphs[0]
    assert not content.tables
    assert {f.key: f.value for f in content.figures}["decisions_recorded"] == 0


def test_section_counts_by_village_and_method(commune, village, people, neighbour):
    head = people.village_head
    thon1 = add_households(village, 10)
    thon2_village = Village.objects.create(commune=commune, name="Thôn 2")
    thon2 = add_households(thon2_village, 10)
    # A contribution (Điều 15 khoản 1) needs at least two thirds of all households (Điều 21(1)).
    recorded_ballot(village, head, thon1, approve=7)  # passes: 7 of 10
    recorded_ballot(village, head, thon1, approve=6)  # fails: 6 of 10 is less than two thirds
    recorded_meeting_fallback(thon2_village, people.coordinator, thon2)  # passes by ballot, 8 of 10
    recorded_ballot(village, head, thon1, approve=9, when="2026-07-15 09:00 +0700")  # next period
    open_one = make_decision(village, head, method=Method.BALLOT)
    services.decision_open(decision=open_one, by=head)

    content = section.build(commune, START, END)
    figures = {f.key: f.value for f in content.figures}
    assert figures == {
        "decisions_recorded": 3,
        "decisions_passed": 2,
        "decisions_passed_percent": 66.7,
        "decisions_fallback": 1,
        "decisions_online": 0,
        "decisions_open": 1,
    }
    assert "ở 2 thôn, tổ dân phố đã bàn và quyết định 3 nội dung" in content.paragraphs[0]
    by_village = content.tables[0]
    assert by_village.rows == [
        ["Thôn 1", "2", "1", "1", "0", "2", "0"],
        ["Thôn 2", "1", "1", "0", "0", "1", "0"],
    ]
    by_method = {row[0]: row[1:] for row in content.tables[1].rows}
    assert by_method == {
        "Phát phiếu lấy ý kiến hộ gia đình": ["2", "1"],
        "Phát phiếu sau hội nghị không đủ số hộ để đạt tỷ lệ": ["1", "1"],
    }
    assert content.charts[0].labels == ["Thôn 1", "Thôn 2"] and content.charts[0].values == [2.0, 1.0]
    text = " ".join(content.paragraphs) + str(content.tables)
    assert "Chủ hộ" not in text  # nothing personal


def test_key_figures_for_many_communes_in_one_query(
    commune, village, people, neighbour, other_commune, django_assert_num_queries
):
    recorded_ballot(village, people.village_head, add_households(village, 4), approve=3)
    with django_assert_num_queries(1):
        figures = section.key_figures([commune, neighbour, other_commune], START, END)
    assert {f.key: f.value for f in figures[commune.code]} == {
        "decisions_recorded": 1,
        "decisions_passed": 1,
        "decisions_passed_percent": 100.0,
    }
    assert {f.key: f.value for f in figures[neighbour.code]}["decisions_recorded"] == 0
    assert set(figures) == {commune.code, neighbour.code, other_commune.code}
