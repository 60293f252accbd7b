"""The engagement section of the periodic report: figures, prose and tables, nothing personal, and the
province's key figures in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.sections import provider
from danvan.engagement import services
from danvan.engagement.models import Dialogue
from danvan.engagement.report_sections import EngagementSection
from tests.conftest import make_commune
from tests.engagement.conftest import NEXT_MONDAY, TODAY, dialogue, entry_args, session

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 3, 1), dt.date(2026, 3, 31)


def figures(section, commune) -> dict:
    return {f.key: f.value for f in section.key_figures([commune], START, END)[commune.code]}


def fill(commune, people, unit):
    session(commune, people.coordinator, on=TODAY)  # Chairman, week of 2/3
    session(commune, people.coordinator, on=NEXT_MONDAY, host_role="vice_chairman")
    services.reception_entry_record(by=people.coordinator, commune=commune, received_on=TODAY, **entry_args())
    services.reception_entry_record(
        by=people.coordinator,
        commune=commune,
        received_on=TODAY,
        **entry_args(handling="guide", people_count=6),
    )
    d = dialogue(commune, people.coordinator, on=TODAY)
    q = services.dialogue_question_add(by=people.coordinator, dialogue=d, content="Hỏi", answer="Đáp")
    services.dialogue_question_add(by=people.coordinator, dialogue=d, content="Hỏi chưa đáp")
    services.dialogue_record_minutes(by=people.coordinator, dialogue=d, summary="Kết luận")
    services.commitment_create(by=people.coordinator, question=q, content="Làm cầu", unit=unit, due_on=TODAY)
    c2 = services.commitment_create(
        by=people.coordinator, dialogue=d, content="Sửa đèn", unit=unit, due_on=TODAY
    )
    services.commitment_set_status(by=people.coordinator, commitment=c2, status="done", result="Xong")
    meeting = services.voter_meeting_record(
        by=people.coordinator, commune=commune, on=TODAY, place="Hội trường"
    )
    vp = services.voter_petition_add(
        by=people.coordinator, meeting=meeting, topic="Điện", content="Thiếu điện"
    )
    services.voter_petition_add(by=people.coordinator, meeting=meeting, topic="Điện", content="Mất điện")
    services.voter_petition_answer(by=people.leader, petition=vp, answer="Đã đề nghị điện lực")


def test_the_section_is_registered():
    assert isinstance(provider("engagement"), EngagementSection)


def test_key_figures_count_what_happened(commune, people, unit):
    fill(commune, people, unit)
    f = figures(EngagementSection(), commune)
    assert f["reception_sessions"] == 1  # the session next Monday has not been held yet (today is 4/3)
    assert f["chairman_sessions"] == 1
    assert f["chairman_periods"] == 1 and f["chairman_periods_short"] == 0
    assert (f["register_entries"], f["register_accepted"], f["register_guided"], f["group_visits"]) == (
        2,
        1,
        1,
        1,
    )
    assert (f["dialogues_held"], f["questions_answered"]) == (1, 1)
    assert (f["voter_petitions"], f["voter_petitions_answered"]) == (2, 1)
    assert (f["commitments_done"], f["commitments_open"], f["commitments_late"]) == (1, 1, 0)


def test_build_writes_prose_and_tables_without_personal_data(commune, people, unit):
    fill(commune, people, unit)
    content = EngagementSection().build(commune, START, END)
    text = " ".join(content.paragraphs) + str(content.tables)
    assert "1 buổi tiếp công dân" in text and "Chủ tịch" in text
    assert content.tables[0].caption == "Kết quả tiếp công dân"
    for secret in ("Trần Văn Dân", "068123456789"):
        assert secret not in text


def test_a_late_commitment_is_listed_and_a_week_without_the_chairman_is_said(commune, people, unit):
    import time_machine

    fill(commune, people, unit)
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0), tick=False):
        content = EngagementSection().build(commune, START, END)
        f = {x.key: x.value for x in content.figures}
    # Weeks of 2/3 (a Chairman day) and 9/3 (none) ended; the week of 16/3 is still running.
    assert f["commitments_late"] == 1 and f["chairman_periods"] == 2 and f["chairman_periods_short"] == 1
    assert "chưa bảo đảm: tuần 09/03–15/03/2026" in content.paragraphs[0]
    assert "01 ngày trong 01 tuần" in content.paragraphs[0]
    assert content.tables[-1].caption == "Cam kết trễ hạn" and content.tables[-1].rows[0][1] == "Làm cầu"


def test_from_july_2026_the_report_checks_months(commune, people, unit):
    import time_machine

    with time_machine.travel(dt.datetime(2026, 6, 1, 8, 0), tick=False):
        for day in (dt.date(2026, 6, d) for d in (4, 11, 18, 25)):
            session(commune, people.coordinator, on=day)
        session(commune, people.coordinator, on=dt.date(2026, 7, 2))
        session(commune, people.coordinator, on=dt.date(2026, 8, 6))
        session(commune, people.coordinator, on=dt.date(2026, 8, 20))
    with time_machine.travel(dt.datetime(2026, 9, 10, 9, 0), tick=False):
        content = EngagementSection().build(commune, dt.date(2026, 6, 1), dt.date(2026, 9, 30))
        f = {x.key: x.value for x in content.figures}
    # The 5 weeks from 1/6 (the last, 29/6–5/7, holds 2/7), July (1 day of 2: short), August (2: met);
    # September is still running and not yet met, so it is not judged.
    assert f["chairman_periods"] == 7 and f["chairman_periods_short"] == 1
    assert "chưa bảo đảm: tháng 07/2026" in content.paragraphs[0]
    assert "tuần" not in content.paragraphs[0].split("chưa bảo đảm:")[1].split(";")[0]


def test_an_empty_period_says_so(commune):
    content = EngagementSection().build(commune, dt.date(2025, 1, 1), dt.date(2025, 6, 30))
    assert content.paragraphs and "chưa ghi nhận" in content.paragraphs[0]


def test_key_figures_take_the_same_queries_for_one_or_three_communes(
    commune, neighbour, lam_dong, people, unit, django_assert_num_queries
):
    fill(commune, people, unit)
    third = make_commune("24641", "Xã Thứ Ba", lam_dong, "thu-ba")
    section = EngagementSection()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        section.key_figures([commune], START, END)
    with CaptureQueriesContext(connection) as three:
        result = section.key_figures([commune, neighbour, third], START, END)
    assert len(one) == len(three) <= 7
    assert {f.key: f.value for f in result[third.code]}["reception_sessions"] == 0
    assert "reception_sessions" in {f.key for f in result[commune.code]}
    assert Dialogue.objects.count() == 1
