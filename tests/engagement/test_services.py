"""Engagement services: what is saved, what is refused (in Vietnamese, nothing saved), what is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.engagement import selectors, services
from danvan.engagement.models import (
    Commitment,
    CommitmentProgress,
    Dialogue,
    DialogueQuestion,
    ReceptionEntry,
    ReceptionSession,
    VoterPetition,
)
from danvan.petitions.models import Petition, PetitionIdentity
from tests.engagement.conftest import NEXT_MONDAY, TODAY, audits, dialogue, entry_args, session

pytestmark = pytest.mark.django_db


def png() -> SimpleUploadedFile:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buf, "PNG")
    return SimpleUploadedFile("minh-chung.png", buf.getvalue())


# --- schedule ----------------------------------------------------------------


def test_scheduling_a_session_saves_it_with_an_audit_record(commune, people):
    s = session(commune, people.coordinator, on=NEXT_MONDAY)
    assert s.commune == commune and s.host_role == "chairman"
    event = AuditEvent.objects.get(action="engagement.session_schedule")
    assert event.object_id == str(s.pk) and event.actor == people.coordinator


def test_a_session_in_the_past_is_refused_in_vietnamese(commune, people):
    with pytest.raises(ServiceError) as err:
        session(commune, people.coordinator, on=TODAY - dt.timedelta(days=1))
    assert "ngày đã qua" in err.value.message and err.value.field == "on"
    assert ReceptionSession.objects.count() == 0 and audits() == 0


def test_an_unscheduled_session_that_took_place_yesterday_can_be_recorded(commune, people):
    s = session(commune, people.leader, on=TODAY - dt.timedelta(days=1), kind="unscheduled")
    assert s.kind == "unscheduled"


def test_end_before_start_and_missing_place_are_refused(commune, people):
    with pytest.raises(ServiceError, match="Giờ kết thúc phải sau giờ bắt đầu"):
        session(commune, people.coordinator, start_time=dt.time(11), end_time=dt.time(8))
    with pytest.raises(ServiceError, match="Vui lòng nhập địa điểm"):
        session(commune, people.coordinator, place="  ")
    assert ReceptionSession.objects.count() == 0


def test_read_only_roles_cannot_schedule(commune, people):
    for user in (people.officer, people.supervisor, people.province_viewer, people.outsider):
        with pytest.raises(ServiceError) as err:
            session(commune, user)
        assert err.value.code == "forbidden"
    assert ReceptionSession.objects.count() == 0


def test_weeks_without_the_chairman_are_found(commune, people):
    session(commune, people.coordinator, on=TODAY)  # this week
    session(commune, people.coordinator, on=NEXT_MONDAY, host_role="vice_chairman")  # not the Chairman
    session(commune, people.coordinator, on=NEXT_MONDAY + dt.timedelta(days=7))
    gaps = selectors.chairman_gaps(commune=commune, today=TODAY, weeks=3)
    assert [(g.start, g.per, g.held, g.required) for g in gaps] == [(NEXT_MONDAY, "week", 0, 1)]


def test_from_july_2026_the_schedule_is_checked_per_month(commune, people):
    # Today Wednesday 24/6/2026; the coming 3 weeks reach into July. The weeks of 22/6 and 29/6 are
    # still judged by the weekly rule; July needs two Chairman days in the month.
    today = dt.date(2026, 6, 24)
    with time_machine.travel(dt.datetime(2026, 6, 24, 8, 0), tick=False):
        session(commune, people.coordinator, on=today)
        session(commune, people.coordinator, on=dt.date(2026, 7, 2))  # week of 29/6 and July
        gaps = selectors.chairman_gaps(commune=commune, today=today, weeks=3)
        assert [(g.label, g.held, g.required) for g in gaps] == [("tháng 07/2026", 1, 2)]
        assert "02 ngày trong 01 tháng" in gaps[0].rule_text and "136/2025/QH15" in gaps[0].rule_text
        session(commune, people.coordinator, on=dt.date(2026, 7, 23))
        assert selectors.chairman_gaps(commune=commune, today=today, weeks=3) == []


def test_cancel_a_coming_session_but_not_one_with_entries(commune, people):
    s = session(commune, people.coordinator, on=NEXT_MONDAY)
    services.reception_session_cancel(by=people.coordinator, session=s, reason="Chủ tịch đi công tác tỉnh")
    assert not ReceptionSession.objects.exists()
    today = session(commune, people.coordinator, on=TODAY)
    services.reception_entry_record(
        by=people.coordinator, commune=commune, session=today, **entry_args(handling="guide")
    )
    with pytest.raises(ServiceError, match="không thể hủy"):
        services.reception_session_cancel(by=people.coordinator, session=today, reason="Nhầm")
    assert ReceptionSession.objects.filter(pk=today.pk).exists()


# --- register ----------------------------------------------------------------


def test_an_accepted_entry_creates_the_linked_petition_dated_on_the_reception_day(commune, people):
    day = TODAY - dt.timedelta(days=2)
    entry = services.reception_entry_record(
        by=people.coordinator, commune=commune, received_on=day, **entry_args()
    )
    petition = entry.petition
    assert petition is not None
    assert petition.channel == Petition.Channel.RECEPTION
    assert petition.received_on == day
    assert petition.content == entry.content
    assert petition.kind_hint == "recommendation"
    identity = PetitionIdentity.objects.get(petition=petition)
    assert identity.full_name == "Trần Văn Dân" and identity.id_number == "068123456789"
    # The audit record of the register line carries no personal data.
    event = AuditEvent.objects.get(action="engagement.register_entry")
    assert "Trần Văn Dân" not in str(event.after) and "068123456789" not in str(event.after)
    assert "Trần Văn Dân" not in event.object_repr


def test_guided_and_forwarded_entries_create_no_petition(commune, people):
    services.reception_entry_record(
        by=people.coordinator, commune=commune, received_on=TODAY, **entry_args(handling="guide")
    )
    services.reception_entry_record(
        by=people.coordinator,
        commune=commune,
        received_on=TODAY,
        **entry_args(handling="forward", forwarded_to="Văn phòng đăng ký đất đai chi nhánh"),
    )
    assert ReceptionEntry.objects.count() == 2
    assert Petition.objects.count() == 0


def test_an_entry_without_content_is_refused_and_nothing_is_saved(commune, people):
    with pytest.raises(ServiceError) as err:
        services.reception_entry_record(
            by=people.coordinator, commune=commune, received_on=TODAY, **entry_args(content="  ")
        )
    assert err.value.message == "Vui lòng nhập nội dung vụ việc." and err.value.field == "content"
    assert ReceptionEntry.objects.count() == 0 and Petition.objects.count() == 0 and audits() == 0


def test_forward_needs_the_agency_and_future_dates_are_refused(commune, people):
    with pytest.raises(ServiceError, match="cơ quan được chuyển đơn"):
        services.reception_entry_record(
            by=people.coordinator, commune=commune, received_on=TODAY, **entry_args(handling="forward")
        )
    with pytest.raises(ServiceError, match="không được sau ngày hôm nay"):
        services.reception_entry_record(
            by=people.coordinator, commune=commune, received_on=TODAY + dt.timedelta(days=1), **entry_args()
        )
    assert ReceptionEntry.objects.count() == 0 and Petition.objects.count() == 0


def test_a_refused_petition_leaves_no_register_line(commune, people):
    # The petitions module refuses a denunciation without an address or phone: the line rolls back too.
    with pytest.raises(ServiceError):
        services.reception_entry_record(
            by=people.coordinator,
            commune=commune,
            received_on=TODAY,
            **entry_args(case_type="denunciation", visitor_address=""),
        )
    assert ReceptionEntry.objects.count() == 0 and Petition.objects.count() == 0


def test_a_group_visit_alerts_the_leaders_without_names(commune, people):
    entry = services.reception_entry_record(
        by=people.coordinator,
        commune=commune,
        received_on=TODAY,
        **entry_args(people_count=12, handling="guide"),
    )
    assert entry.is_group
    note = Notification.objects.get(user=people.leader)
    assert "12 người" in note.text and "Trần Văn Dân" not in note.text
    assert not Notification.objects.filter(user=people.officer).exists()


def test_a_small_visit_alerts_nobody(commune, people):
    services.reception_entry_record(
        by=people.coordinator, commune=commune, received_on=TODAY, **entry_args(people_count=2)
    )
    assert not Notification.objects.filter(user=people.leader).exists()


def test_entry_session_must_match_date_and_commune(commune, other_commune, people):
    s = session(commune, people.coordinator, on=TODAY)
    with pytest.raises(ServiceError, match="trùng ngày"):
        services.reception_entry_record(
            by=people.coordinator,
            commune=commune,
            session=s,
            received_on=TODAY - dt.timedelta(days=1),
            **entry_args(),
        )
    entry = services.reception_entry_record(by=people.coordinator, commune=commune, session=s, **entry_args())
    assert entry.received_on == TODAY and entry.session == s


# --- dialogues ----------------------------------------------------------------


def test_dialogue_in_the_past_is_refused(commune, people):
    with pytest.raises(ServiceError, match="ngày đã qua"):
        dialogue(commune, people.coordinator, on=TODAY - dt.timedelta(days=1))
    assert not Dialogue.objects.exists()


def test_resident_question_waits_for_moderation_and_is_idempotent(commune, people):
    d = dialogue(commune, people.coordinator)
    q1 = services.dialogue_question_submit(
        dialogue=d, content="Khi nào làm đường thôn 3?", client_token="abc"
    )
    q2 = services.dialogue_question_submit(
        dialogue=d, content="Khi nào làm đường thôn 3?", client_token="abc"
    )
    assert q1.pk == q2.pk and q1.status == DialogueQuestion.Status.PENDING
    assert DialogueQuestion.objects.count() == 1
    event = AuditEvent.objects.get(action="engagement.question_submit")
    assert event.actor is None and event.actor_name == "người dân"


def test_question_to_a_closed_dialogue_is_refused(commune, people):
    d = dialogue(commune, people.coordinator, on=TODAY)
    services.dialogue_record_minutes(
        by=people.coordinator, dialogue=d, summary="Hội nghị đã thống nhất các nội dung."
    )
    with pytest.raises(ServiceError) as err:
        services.dialogue_question_submit(dialogue=d, content="Còn nhận câu hỏi không?")
    assert err.value.code == "dialogue_closed" and "đã kết thúc" in err.value.message
    assert DialogueQuestion.objects.count() == 0


def test_question_after_the_dialogue_day_is_refused(commune, people):
    d = dialogue(commune, people.coordinator, on=TODAY)
    Dialogue.objects.filter(pk=d.pk).update(on=TODAY - dt.timedelta(days=1))
    d.refresh_from_db()
    with pytest.raises(ServiceError, match="đã kết thúc"):
        services.dialogue_question_submit(dialogue=d, content="Hỏi muộn")


def test_empty_question_is_refused(commune, people):
    d = dialogue(commune, people.coordinator)
    with pytest.raises(ServiceError, match="Vui lòng nhập câu hỏi"):
        services.dialogue_question_submit(dialogue=d, content=" ")


def test_minutes_with_questions_answers_and_a_commitment(commune, people, unit):
    d = dialogue(commune, people.coordinator, on=TODAY)
    asked = services.dialogue_question_submit(dialogue=d, content="Khi nào làm đường thôn 3?")
    services.dialogue_question_moderate(by=people.coordinator, question=asked, approve=True)
    services.dialogue_question_answer(
        by=people.leader, question=asked, answer="Quý III/2026 khởi công.", answered_by="Chủ tịch UBND xã"
    )
    on_day = services.dialogue_question_add(
        by=people.coordinator, dialogue=d, content="Đèn đường thôn 2 hỏng"
    )
    c = services.commitment_create(
        by=people.coordinator,
        question=on_day,
        content="Sửa đèn đường thôn 2",
        unit=unit,
        due_on=TODAY + dt.timedelta(days=30),
    )
    held = services.dialogue_record_minutes(
        by=people.coordinator, dialogue=d, summary="Thống nhất 2 nội dung."
    )
    assert held.status == Dialogue.Status.HELD and held.held_on == TODAY
    assert c.source == Commitment.Source.DIALOGUE and c.dialogue == d and c.status == "open"
    # The unit's officer is told about the commitment given to their unit.
    assert Notification.objects.filter(user=people.officer, key=f"engagement:commitment:{c.pk}").exists()


def test_minutes_cannot_be_written_before_the_day(commune, people):
    d = dialogue(commune, people.coordinator, on=TODAY + dt.timedelta(days=3))
    with pytest.raises(ServiceError, match="Chưa đến ngày đối thoại"):
        services.dialogue_record_minutes(by=people.coordinator, dialogue=d, summary="Kết luận")
    d.refresh_from_db()
    assert d.status == Dialogue.Status.OPEN


# --- commitments ----------------------------------------------------------------


def test_commitment_without_unit_is_refused_in_vietnamese(commune, people):
    d = dialogue(commune, people.coordinator)
    with pytest.raises(ServiceError) as err:
        services.commitment_create(
            by=people.coordinator, dialogue=d, content="Sửa cầu", unit=None, due_on=dt.date(2026, 5, 1)
        )
    assert err.value.code == "unit_required" and "đơn vị chịu trách nhiệm" in err.value.message
    assert not Commitment.objects.exists() and audits("engagement.commitment") == 0


def test_commitment_unit_of_another_commune_is_refused(commune, other_commune, people):
    from danvan.org.models import Unit

    d = dialogue(commune, people.coordinator)
    foreign = Unit.objects.filter(commune=other_commune).first()
    with pytest.raises(ServiceError, match="không thuộc xã này"):
        services.commitment_create(
            by=people.coordinator, dialogue=d, content="Sửa cầu", unit=foreign, due_on=dt.date(2026, 5, 1)
        )


def test_officer_updates_own_unit_commitment_with_evidence_then_done(commune, people, unit, other_unit):
    d = dialogue(commune, people.coordinator)
    own = services.commitment_create(
        by=people.coordinator, dialogue=d, content="Nạo vét mương", unit=unit, due_on=dt.date(2026, 4, 30)
    )
    other = services.commitment_create(
        by=people.coordinator,
        dialogue=d,
        content="Tuần tra đêm",
        unit=other_unit,
        due_on=dt.date(2026, 4, 30),
    )
    services.commitment_progress_add(
        by=people.officer, commitment=own, note="Đã khảo sát tuyến mương.", evidence=png()
    )
    own.refresh_from_db()
    assert own.evidence_sha256 and own.evidence_name == "minh-chung.png"
    done = services.commitment_set_status(
        by=people.officer, commitment=own, status="done", result="Đã nạo vét 1,2 km."
    )
    assert done.status == "done" and done.done_on == TODAY
    with pytest.raises(ServiceError, match="đơn vị của mình"):
        services.commitment_progress_add(by=people.officer, commitment=other, note="Không phải việc của tôi")
    assert CommitmentProgress.objects.filter(commitment=other).count() == 0
    assert AuditEvent.objects.filter(action="engagement.commitment_done").count() == 1


def test_bad_evidence_file_is_refused_and_nothing_saved(commune, people, unit):
    d = dialogue(commune, people.coordinator)
    c = services.commitment_create(
        by=people.coordinator, dialogue=d, content="Nạo vét mương", unit=unit, due_on=dt.date(2026, 4, 30)
    )
    bad = SimpleUploadedFile("virus.exe", b"MZ" + b"\0" * 100)
    with pytest.raises(ServiceError, match="không phải loại được nhận"):
        services.commitment_progress_add(by=people.officer, commitment=c, note="Ảnh", evidence=bad)
    assert not CommitmentProgress.objects.exists()


def test_done_needs_a_result_and_moves_follow_the_table(commune, people, unit):
    d = dialogue(commune, people.coordinator)
    c = services.commitment_create(
        by=people.coordinator, dialogue=d, content="Nạo vét mương", unit=unit, due_on=dt.date(2026, 4, 30)
    )
    with pytest.raises(ServiceError, match="Vui lòng nhập kết quả"):
        services.commitment_set_status(by=people.leader, commitment=c, status="done")
    services.commitment_set_status(by=people.leader, commitment=c, status="done", result="Xong")
    with pytest.raises(ServiceError, match="không thể chuyển"):
        services.commitment_set_status(by=people.leader, commitment=c, status="cancelled", result="Hủy")


def test_late_commitments_lists_only_open_ones_past_due(commune, other_commune, people, unit):
    d = dialogue(commune, people.coordinator, on=TODAY)
    late = services.commitment_create(by=people.coordinator, dialogue=d, content="A", unit=unit, due_on=TODAY)
    services.commitment_create(
        by=people.coordinator, dialogue=d, content="B", unit=unit, due_on=TODAY + dt.timedelta(days=5)
    )
    assert selectors.late_commitments(commune, today=TODAY) == []
    assert selectors.late_commitments(commune, today=TODAY + dt.timedelta(days=1)) == [late]
    assert selectors.late_commitments(other_commune, today=TODAY + dt.timedelta(days=1)) == []


def test_commitment_from_reception_and_from_a_voter_petition(commune, people, unit):
    entry = services.reception_entry_record(
        by=people.coordinator, commune=commune, received_on=TODAY, **entry_args(handling="guide")
    )
    c1 = services.commitment_create(
        by=people.leader, reception_entry=entry, content="Trả lời bằng văn bản", unit=unit, due_on=TODAY
    )
    meeting = services.voter_meeting_record(
        by=people.coordinator, commune=commune, on=TODAY, place="Hội trường UBND xã"
    )
    vp = services.voter_petition_add(
        by=people.coordinator, meeting=meeting, topic="Giao thông", content="Đề nghị làm đường"
    )
    assert vp.status == VoterPetition.Status.RECEIVED
    vp = services.voter_petition_assign(by=people.coordinator, petition=vp, unit=unit)
    vp = services.voter_petition_answer(
        by=people.leader, petition=vp, answer="Xã sẽ làm trong năm 2026.", publish=True
    )
    c2 = services.commitment_create(
        by=people.leader,
        voter_petition=vp,
        content="Làm đường thôn 3",
        unit=unit,
        due_on=dt.date(2026, 12, 31),
    )
    assert (c1.source, c2.source) == ("reception", "voter_petition")
    assert selectors.published_voter_answers(commune=commune) == [vp]


def test_a_promise_in_an_answer_to_an_hdnd_question_is_a_tracked_commitment(commune, people, unit):
    # Chất vấn at the commune's HĐND session: the question, the unit that answers, the answer's promise.
    session = services.voter_meeting_record(
        by=people.coordinator,
        commune=commune,
        on=TODAY,
        place="Hội trường UBND xã",
        kind="questioning",
        delegates="Đại biểu Nguyễn Văn Chất",
    )
    question = services.voter_petition_add(
        by=people.coordinator, meeting=session, topic="Nước sạch", content="Khi nào sửa đường ống thôn 2?"
    )
    question = services.voter_petition_assign(by=people.coordinator, petition=question, unit=unit)
    question = services.voter_petition_answer(
        by=people.leader, petition=question, answer="Xã sửa trong quý I/2027.", publish=True
    )
    promise = services.commitment_create(
        by=people.leader,
        voter_petition=question,
        content="Sửa đường ống nước thôn 2",
        unit=unit,
        due_on=dt.date(2027, 3, 31),
    )
    assert promise.source == "council_question" and promise.get_source_display() == "Chất vấn tại kỳ họp HĐND"
    assert str(session).startswith("Chất vấn tại kỳ họp HĐND xã")
    with pytest.raises(ServiceError, match="Loại hội nghị"):
        services.voter_meeting_record(
            by=people.coordinator, commune=commune, on=TODAY, place="x", kind="khac"
        )


def test_voter_petition_answer_cannot_be_empty(commune, people):
    meeting = services.voter_meeting_record(
        by=people.coordinator, commune=commune, on=TODAY, place="Hội trường"
    )
    vp = services.voter_petition_add(
        by=people.coordinator, meeting=meeting, topic="Điện", content="Thiếu điện"
    )
    with pytest.raises(ServiceError, match="Vui lòng nhập nội dung trả lời"):
        services.voter_petition_answer(by=people.leader, petition=vp, answer="")
    vp.refresh_from_db()
    assert vp.status == VoterPetition.Status.RECEIVED and not vp.answer_published
