"""Surveys: building and publishing, one answer per person (codes, client token), bad answers refused,
the index computed from stored answers, and the low-rating follow-up of a petition."""

from __future__ import annotations

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.org.models import Role
from danvan.org.services import membership_grant
from danvan.petitions.services.workflow import petition_rate
from danvan.surveys import ratings, selectors, services
from danvan.surveys.models import AnswerCode, Question, RatingReview, Response, Survey
from tests.surveys.conftest import ALL, answer, aspect_questions, rated_petition, sipas

pytestmark = pytest.mark.django_db


def test_the_sipas_template_makes_a_draft_with_five_aspects(commune, people):
    survey = services.survey_create_sipas(by=people.coordinator, commune=commune)
    assert survey.status == "draft" and survey.is_sipas and survey.sections.count() == 6
    assert set(aspect_questions(survey)) == set(ALL)
    assert AuditEvent.objects.filter(action="surveys.create_sipas").exists()


def test_only_managers_build_surveys(commune, people):
    for user in (people.village_head, people.officer, people.outsider):
        with pytest.raises(ServiceError) as exc:
            services.survey_create_sipas(by=user, commune=commune)
        assert exc.value.code == "forbidden"


def test_questions_are_checked_and_frozen_once_open(commune, people):
    survey = services.survey_create(by=people.coordinator, commune=commune, title="Khảo sát chợ")
    section = services.section_add(by=people.coordinator, survey=survey, title="Chợ xã")
    with pytest.raises(ServiceError, match="hai lựa chọn"):
        services.question_add(
            by=people.coordinator, section=section, text="Chợ sạch?", kind="single", choices=["Có"]
        )
    with pytest.raises(ServiceError, match="thang điểm"):
        services.question_add(
            by=people.coordinator, section=section, text="Ý kiến", kind="text", dimension="access"
        )
    q = services.question_add(
        by=people.coordinator, section=section, text="Chợ sạch?", kind="single", choices=["Có", "Không", " "]
    )
    assert q.choices == ["Có", "Không"]
    services.survey_open(by=people.coordinator, survey=survey)
    survey.refresh_from_db()
    with pytest.raises(ServiceError, match="đã phát hành"):
        services.question_add(by=people.coordinator, section=section, text="Thêm", kind="text")


def test_an_empty_survey_cannot_open(commune, people):
    survey = services.survey_create(by=people.coordinator, commune=commune, title="Trống")
    with pytest.raises(ServiceError, match="chưa có câu hỏi"):
        services.survey_open(by=people.coordinator, survey=survey)


def test_a_draft_or_closed_survey_takes_no_public_answer(commune, people):
    survey = services.survey_create_sipas(by=people.coordinator, commune=commune)
    with pytest.raises(ServiceError, match="không nhận trả lời"):
        answer(survey, dict.fromkeys(ALL, 5))
    services.survey_open(by=people.coordinator, survey=survey)
    services.survey_close(by=people.coordinator, survey=survey)
    survey.refresh_from_db()
    with pytest.raises(ServiceError, match="không nhận trả lời"):
        answer(survey, dict.fromkeys(ALL, 5))
    # Paper forms collected before closing can still be typed in.
    answer(survey, dict.fromkeys(ALL, 5), by=people.officer)
    assert Response.objects.get().channel == "paper"


def test_required_and_bad_answers_are_refused_with_nothing_saved(commune, people):
    survey = sipas(commune, people.coordinator)
    dims = aspect_questions(survey)
    with pytest.raises(ServiceError, match="Vui lòng trả lời câu"):
        services.response_submit(survey=survey, answers={dims["access"].pk: "5"})
    with pytest.raises(ServiceError, match="từ 1 đến 5"):
        answer(survey, {**dict.fromkeys(ALL, 5), "access": 6})
    single = Question.objects.filter(section__survey=survey, kind="single").first()
    with pytest.raises(ServiceError, match="không hợp lệ"):
        answer(survey, dict.fromkeys(ALL, 5), extra={single.pk: "9"})
    assert not Response.objects.exists()


def test_a_retry_with_the_same_token_is_one_answer(commune, people):
    survey = sipas(commune, people.coordinator)
    a = answer(survey, dict.fromkeys(ALL, 4), token="tok-1")
    b = answer(survey, dict.fromkeys(ALL, 1), token="tok-1")
    assert a.pk == b.pk and Response.objects.count() == 1


def test_a_code_answers_once_and_a_second_use_is_refused(commune, people):
    survey = sipas(commune, people.coordinator, one_answer="code")
    codes = services.codes_issue(by=people.coordinator, survey=survey, count=3)
    assert len(set(codes)) == 3 and AnswerCode.objects.count() == 3
    assert not AnswerCode.objects.filter(code_hash__in=codes).exists()  # only hashes stored
    with pytest.raises(ServiceError, match="Mã phiếu không đúng"):
        answer(survey, dict.fromkeys(ALL, 5), code="ZZZZZZZZ")
    first = codes[0]
    answer(survey, dict.fromkeys(ALL, 5), code=f"{first[:4].lower()}-{first[4:]}")
    with pytest.raises(ServiceError, match="đã được dùng"):
        answer(survey, dict.fromkeys(ALL, 1), code=first)
    assert Response.objects.count() == 1


def test_codes_only_for_surveys_that_use_them(commune, people):
    survey = sipas(commune, people.coordinator)
    with pytest.raises(ServiceError, match="không dùng mã"):
        services.codes_issue(by=people.coordinator, survey=survey, count=5)


def test_the_index_from_stored_answers(commune, people):
    """Four respondents; by hand:
    access 5,4,2,4 → 3/4 = 75 %; procedure 4,4,4,1 → 75 %; staff 5,5,5,5 → 100 %;
    result 3,4,2,1 → 25 %; feedback 4,–,3,2 → 1/3 = 33.3 % (not required: one left it empty).
    Respondent shares: A 4/5 (result 3 is not satisfied), B 4/4, C 2/5, D 2/5
    → overall (0.8 + 1 + 0.4 + 0.4) / 4 = 65 %; Thôn 1 (A, B) 90 %, Thôn 2 (C) 40 %."""
    survey = sipas(commune, people.coordinator)
    v1 = Village.objects.get(commune=commune, name="Thôn 1")
    v2 = Village.objects.create(commune=commune, name="Thôn 2")
    answer(survey, {"access": 5, "procedure": 4, "staff": 5, "result": 3, "feedback": 4}, village=v1)
    answer(survey, {"access": 4, "procedure": 4, "staff": 5, "result": 4}, village=v1)
    answer(survey, {"access": 2, "procedure": 4, "staff": 5, "result": 2, "feedback": 3}, village=v2)
    answer(survey, {"access": 4, "procedure": 1, "staff": 5, "result": 1, "feedback": 2})
    aspects, overall = selectors.index_of([survey.pk])
    got = {a.key: (a.index.value, a.index.answers) for a in aspects}
    assert got == {
        "access": (75.0, 4),
        "procedure": (75.0, 4),
        "staff": (100.0, 4),
        "result": (25.0, 4),
        "feedback": (33.3, 3),
    }
    assert overall.value == 65.0 and overall.answers == 4
    res = selectors.results(survey)
    assert res.responses == 4
    assert dict((name, (n, pct)) for name, n, pct in res.by_village) == {
        "Thôn 1": (2, 90.0),
        "Thôn 2": (1, 40.0),
        "Không ghi thôn": (1, 40.0),
    }
    only_v2 = selectors.results(survey, village_id=v2.pk)
    assert only_v2.responses == 1 and only_v2.overall.value == 40.0


def test_the_rating_is_locked_once_given(commune, people):
    petition = rated_petition(commune, 2)
    with pytest.raises(ServiceError, match="một lần"):
        petition_rate(petition=petition, rating=5, tracking_code=petition.tracking_code)
    petition.refresh_from_db()
    assert petition.rating == 2


def test_the_commune_answers_a_sender_not_satisfied_once(commune, people):
    from danvan.petitions.services.resident import petition_rate_with_reason

    petition = rated_petition(commune, None)
    petition = petition_rate_with_reason(
        petition=petition,
        tracking_code=petition.tracking_code,
        rating=1,
        reason="Đường vẫn chưa sửa",
        review=True,
    )
    assert services.awaiting_answer(petition)
    review = services.rating_review_answer(
        by=people.officer, petition=petition, answer="Đã cho khảo sát lại, sửa trong tuần."
    )
    assert review.status == "answered" and review.review_requested and review.reason == "Đường vẫn chưa sửa"
    with pytest.raises(ServiceError, match="đã được trả lời"):
        services.rating_review_answer(by=people.leader, petition=petition, answer="x")


def test_a_good_rating_has_nothing_to_answer(commune, people):
    good = rated_petition(commune, 4)
    with pytest.raises(ServiceError, match="không có ý kiến chưa hài lòng"):
        services.rating_review_answer(by=people.leader, petition=good, answer="x")
    assert not RatingReview.objects.exists()


def test_ratings_add_up_by_field_unit_and_month(commune, people):
    from django.utils import timezone

    for r in (5, 4, 2):
        rated_petition(commune, r)
    rated_petition(commune, 1, field_name="Môi trường", unit_name="Công an xã")
    today = timezone.localdate()
    s = ratings.rating_summary(commune, today.replace(month=1, day=1), today)
    assert (s.total.count, s.total.average, s.total.satisfied, s.total.low) == (4, 3.0, 2, 2)
    by_unit = {r.label: (r.count, r.average, r.satisfied_pct) for r in s.by_unit}
    assert by_unit == {"Phòng Kinh tế": (3, 3.67, 66.7), "Công an xã": (1, 1.0, 0.0)}
    assert [r.count for r in s.by_month] == [4]


def test_paper_entry_needs_the_permission(commune, people):
    survey = sipas(commune, people.coordinator)
    with pytest.raises(ServiceError) as exc:
        answer(survey, dict.fromkeys(ALL, 5), by=people.village_head)
    assert exc.value.code == "forbidden"
    membership_grant(user=people.village_head, role=Role.COORDINATOR, commune=commune, by=None)
    assert Survey.objects.count() == 1


def test_codes_sent_by_sms_invite_each_number_once_and_answer_once(commune, people):
    from danvan.comms.models import OutboundMessage
    from danvan.surveys.models import Invitation

    survey = sipas(commune, people.coordinator, one_answer="code")
    link = "https://xa.example/k/abc/"
    with pytest.raises(ServiceError, match="không hợp lệ: 12345"):
        services.codes_send(by=people.coordinator, survey=survey, phones=["0912345678", "12345"], link=link)
    assert not OutboundMessage.objects.exists()
    sent = services.codes_send(
        by=people.coordinator, survey=survey, phones=["0912 345 678", "+84912345678", "0987654321"], link=link
    )
    assert sent == 2 and OutboundMessage.objects.filter(purpose="survey_invitation", secret=True).count() == 2
    again = services.codes_send(
        by=people.coordinator, survey=survey, phones=["0912345678", "0901234567"], link=link
    )
    assert again == 1 and Invitation.objects.count() == 3 and AnswerCode.objects.count() == 3
    assert not Invitation.objects.filter(phone_hash__contains="0912345678").exists()
    message = OutboundMessage.objects.filter(recipient="0987654321").get()
    code = message.text.split("?ma=")[1]
    answer(survey, dict.fromkeys(ALL, 5), code=code)
    with pytest.raises(ServiceError, match="đã được dùng"):
        answer(survey, dict.fromkeys(ALL, 5), code=code)
