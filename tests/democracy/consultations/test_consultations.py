"""Consultations: a draft with its period and questions, residents' comments held for moderation,
comments collected by staff, nothing after the close, and the summary with a response per group."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.consultations.services import public_consultation, public_consultations
from danvan.democracy.models import ConsultationComment
from danvan.democracy.rules import CommentSource, CommentStatus, ConsultationMatter, ConsultationStatus

pytestmark = pytest.mark.django_db

OPENS = dt.date(2026, 3, 1)
CLOSES = dt.date(2026, 3, 31)
DURING = dt.date(2026, 3, 10)


@pytest.fixture
def consultation(people, commune):
    c = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter=ConsultationMatter.SOCIOECONOMIC_PLAN,
        title="Dự thảo kế hoạch phát triển kinh tế – xã hội năm 2027",
        opens_on=OPENS,
        closes_on=CLOSES,
        questions=["Ưu tiên đầu tư công trình nào?", "Ý kiến về chỉ tiêu giảm nghèo?"],
    )
    return services.consultation_publish(by=people.coordinator, consultation=c)


def test_create_and_publish(consultation):
    assert consultation.status == ConsultationStatus.PUBLISHED
    assert [q.text for q in consultation.questions.all()] == [
        "Ưu tiên đầu tư công trình nào?",
        "Ý kiến về chỉ tiêu giảm nghèo?",
    ]
    assert AuditEvent.objects.filter(action="democracy.consultation_published").count() == 1


def test_close_before_open_refused(people, commune):
    with pytest.raises(ServiceError) as exc:
        services.consultation_create(
            by=people.coordinator,
            commune=commune,
            matter="other",
            title="X",
            opens_on=CLOSES,
            closes_on=OPENS,
        )
    assert "không được trước ngày bắt đầu" in exc.value.message
    assert AuditEvent.objects.filter(action="democracy.consultation_create_refused").exists()


def test_officer_may_not_manage(people, commune):
    with pytest.raises(ServiceError) as exc:
        services.consultation_create(
            by=people.officer, commune=commune, matter="other", title="X", opens_on=OPENS, closes_on=CLOSES
        )
    assert exc.value.code == "forbidden"


def test_resident_comment_waits_for_moderation_and_is_idempotent(consultation):
    q = consultation.questions.first()
    c1 = services.comment_submit(
        consultation=consultation,
        body="Nên làm đường liên thôn trước.",
        question=q,
        client_token="tok-1",
        today=DURING,
    )
    again = services.comment_submit(
        consultation=consultation,
        body="Nên làm đường liên thôn trước.",
        question=q,
        client_token="tok-1",
        today=DURING,
    )
    assert again.pk == c1.pk and ConsultationComment.objects.count() == 1
    assert c1.status == CommentStatus.PENDING and c1.source == CommentSource.PORTAL
    shown = public_consultation(consultation.commune, consultation.pk)
    assert shown.public_comments == []


def test_moderation_publishes_only_approved(people, consultation):
    good = services.comment_submit(consultation=consultation, body="Ý kiến tốt", today=DURING)
    bad = services.comment_submit(consultation=consultation, body="Quảng cáo", today=DURING)
    services.comment_moderate(by=people.coordinator, comment=good, approve=True)
    services.comment_moderate(by=people.coordinator, comment=bad, approve=False)
    shown = public_consultation(consultation.commune, consultation.pk)
    assert [c.body for c in shown.public_comments] == ["Ý kiến tốt"]
    listed = public_consultations(consultation.commune).get()
    assert listed.approved == 1
    with pytest.raises(ServiceError):
        services.comment_moderate(by=people.officer, comment=bad, approve=True)


def test_no_comment_after_close_or_before_open(consultation):
    with pytest.raises(ServiceError) as exc:
        services.comment_submit(consultation=consultation, body="Muộn", today=CLOSES + dt.timedelta(days=1))
    assert "Đã hết thời gian nhận ý kiến" in exc.value.message
    with pytest.raises(ServiceError) as exc:
        services.comment_submit(consultation=consultation, body="Sớm", today=OPENS - dt.timedelta(days=1))
    assert "Chưa đến thời gian" in exc.value.message
    assert not ConsultationComment.objects.exists()
    assert AuditEvent.objects.filter(action="democracy.comment_submit_refused").count() == 2


def test_empty_comment_and_foreign_question_refused(people, commune, consultation):
    with pytest.raises(ServiceError) as exc:
        services.comment_submit(consultation=consultation, body="   ", today=DURING)
    assert "Nhập nội dung ý kiến" in exc.value.message
    other = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="other",
        title="Khác",
        opens_on=OPENS,
        closes_on=CLOSES,
        questions=["Câu khác?"],
    )
    with pytest.raises(ServiceError):
        services.comment_submit(
            consultation=consultation, body="x", question=other.questions.get(), today=DURING
        )
    assert not ConsultationComment.objects.exists()


def test_staff_record_meeting_comments_within_period(people, consultation):
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, tzinfo=dt.UTC), tick=False):
        comment = services.comment_record(
            by=people.coordinator,
            consultation=consultation,
            body="Đề nghị tăng chi cho giáo dục.",
            source=CommentSource.MEETING,
            people_count=35,
            collected_on=dt.date(2026, 3, 15),
        )
        assert comment.status == CommentStatus.APPROVED and comment.people_count == 35
        with pytest.raises(ServiceError) as exc:
            services.comment_record(
                by=people.coordinator, consultation=consultation, body="x", source="meeting", people_count=0
            )
        assert "từ 1 trở lên" in exc.value.message
    with time_machine.travel(dt.datetime(2026, 4, 5, 9, tzinfo=dt.UTC), tick=False):
        with pytest.raises(ServiceError) as exc:
            services.comment_record(
                by=people.coordinator,
                consultation=consultation,
                body="Muộn",
                source="ballot",
                collected_on=dt.date(2026, 4, 2),
            )
        assert "sau khi kết thúc không nhận thêm ý kiến" in exc.value.message
    assert ConsultationComment.objects.count() == 1


def test_conclude_needs_close_summary_moderation_and_responses(people, consultation):
    pending = services.comment_submit(consultation=consultation, body="Làm đường", today=DURING)
    after = CLOSES + dt.timedelta(days=1)
    with pytest.raises(ServiceError) as exc:
        services.consultation_conclude(
            by=people.coordinator, consultation=consultation, summary="x", today=CLOSES
        )
    assert "Chưa hết thời gian" in exc.value.message
    with pytest.raises(ServiceError) as exc:
        services.consultation_conclude(
            by=people.coordinator, consultation=consultation, summary="x", today=after
        )
    assert "chờ duyệt" in exc.value.message
    services.comment_moderate(by=people.coordinator, comment=pending, approve=True)
    group = services.comment_group_save(by=people.coordinator, consultation=consultation, title="Giao thông")
    services.comment_assign(by=people.coordinator, comment=pending, group=group)
    with pytest.raises(ServiceError) as exc:
        services.consultation_conclude(
            by=people.coordinator, consultation=consultation, summary="x", today=after
        )
    assert "Giao thông" in exc.value.message
    services.comment_group_save(
        by=people.coordinator,
        consultation=consultation,
        group=group,
        title="Giao thông",
        response="Tiếp thu: đưa đường liên thôn vào kế hoạch 2027.",
    )
    with pytest.raises(ServiceError):
        services.consultation_conclude(
            by=people.coordinator, consultation=consultation, summary=" ", today=after
        )
    done = services.consultation_conclude(
        by=people.coordinator, consultation=consultation, summary="Nhận 1 ý kiến.", today=after
    )
    assert done.status == ConsultationStatus.CONCLUDED and done.concluded_at
    shown = public_consultation(consultation.commune, consultation.pk)
    assert shown.summary == "Nhận 1 ý kiến."
    assert [g.response for g in shown.groups.all()] == ["Tiếp thu: đưa đường liên thôn vào kế hoạch 2027."]
    with pytest.raises(ServiceError):
        services.comment_submit(consultation=consultation, body="Sau khi công bố", today=DURING)


def test_draft_not_on_portal(people, commune):
    c = services.consultation_create(
        by=people.coordinator, commune=commune, matter="other", title="Nháp", opens_on=OPENS, closes_on=CLOSES
    )
    assert public_consultation(commune, c.pk) is None
    assert not public_consultations(commune).exists()
    with pytest.raises(ServiceError) as exc:
        services.comment_submit(consultation=c, body="x", today=DURING)
    assert "chưa được đăng" in exc.value.message
