"""Supervision boards: members hold the supervisor role, a community-investment board has at most five,
recommendations come from members only and are answered by the commune, overdue when past due."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import BoardMember, Recommendation
from danvan.democracy.rules import BoardKind, RecommendationStatus
from danvan.democracy.supervision.services import boards_of, recommendations_of
from danvan.org.models import Role
from danvan.org.services import membership_grant
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 5, 4)


@pytest.fixture
def board(people, commune):
    b = services.board_create(
        by=people.coordinator, commune=commune, kind=BoardKind.PEOPLES_INSPECTION, name="Ban TTND xã"
    )
    services.board_member_add(by=people.coordinator, board=b, user=people.supervisor, position="Trưởng ban")
    return b


def test_member_must_be_a_supervisor_of_the_commune(people, board):
    with pytest.raises(ServiceError) as exc:
        services.board_member_add(by=people.coordinator, board=board, user=people.officer)
    assert "vai trò giám sát" in exc.value.message
    with pytest.raises(ServiceError) as exc:
        services.board_member_add(by=people.coordinator, board=board, user=people.supervisor)
    assert "đã là thành viên" in exc.value.message
    assert BoardMember.objects.count() == 1
    assert AuditEvent.objects.filter(action="democracy.board_member_add_refused").count() == 2
    assert list(boards_of(people.supervisor, board.commune)) == [board]


def test_only_managers_set_up_boards(people, commune):
    with pytest.raises(ServiceError) as exc:
        services.board_create(
            by=people.supervisor, commune=commune, kind=BoardKind.PEOPLES_INSPECTION, name="X"
        )
    assert exc.value.code == "forbidden"


def test_community_investment_board_has_at_most_five_members(people, commune):
    b = services.board_create(
        by=people.coordinator,
        commune=commune,
        kind=BoardKind.COMMUNITY_INVESTMENT,
        name="Ban GSĐTCĐ đường thôn 1",
    )
    for n in range(6):
        user = make_user(f"gs{n}")
        membership_grant(user=user, role=Role.SUPERVISOR, by=None, commune=commune)
        if n < 5:
            services.board_member_add(by=people.coordinator, board=b, user=user)
        else:
            with pytest.raises(ServiceError) as exc:
                services.board_member_add(by=people.coordinator, board=b, user=user)
            assert "tối đa 5 thành viên" in exc.value.message


def test_project_goes_to_a_community_investment_board(people, commune, board):
    with pytest.raises(ServiceError):
        services.project_create(by=people.coordinator, commune=commune, name="Đường bê tông", board=board)
    gs = services.board_create(
        by=people.coordinator, commune=commune, kind=BoardKind.COMMUNITY_INVESTMENT, name="GS"
    )
    project = services.project_create(by=people.coordinator, commune=commune, name="Đường bê tông", board=gs)
    assert project.board == gs


def test_recommendation_from_member_answered_by_commune(people, board):
    rec = services.recommendation_send(
        by=people.supervisor,
        board=board,
        subject="Công khai quỹ",
        content="Đề nghị niêm yết thu chi quỹ.",
        today=TODAY,
    )
    assert rec.due_on == TODAY + dt.timedelta(days=15)
    assert not rec.is_overdue(TODAY) and rec.is_overdue(rec.due_on + dt.timedelta(days=1))
    with pytest.raises(ServiceError) as exc:
        services.recommendation_answer(by=people.supervisor, recommendation=rec, answer="x")
    assert exc.value.code == "forbidden"
    with pytest.raises(ServiceError):
        services.recommendation_answer(by=people.leader, recommendation=rec, answer=" ")
    services.recommendation_answer(by=people.leader, recommendation=rec, answer="Đã niêm yết ngày 10/5.")
    rec.refresh_from_db()
    assert rec.status == RecommendationStatus.ANSWERED and rec.answered_by == people.leader
    with pytest.raises(ServiceError) as exc:
        services.recommendation_answer(by=people.coordinator, recommendation=rec, answer="lần hai")
    assert "đã được trả lời" in exc.value.message
    assert AuditEvent.objects.filter(action="democracy.recommendation_answered").count() == 1


def test_non_member_cannot_recommend_and_due_date_checked(people, commune, board):
    other = make_user("mattran2")
    membership_grant(user=other, role=Role.SUPERVISOR, by=None, commune=commune)
    with pytest.raises(ServiceError) as exc:
        services.recommendation_send(by=other, board=board, subject="X", content="Y", today=TODAY)
    assert "Chỉ thành viên" in exc.value.message
    with pytest.raises(ServiceError) as exc:
        services.recommendation_send(
            by=people.supervisor,
            board=board,
            subject="X",
            content="Y",
            due_on=TODAY - dt.timedelta(days=1),
            today=TODAY,
        )
    assert "Hạn trả lời" in exc.value.message
    # 15 days is the law (Luật THDCCS 2022, Điều 40(1)(c), 45(2)(c)): no later answer date, no setting.
    with pytest.raises(ServiceError) as exc:
        services.recommendation_send(
            by=people.supervisor,
            board=board,
            subject="X",
            content="Y",
            due_on=TODAY + dt.timedelta(days=16),
            today=TODAY,
        )
    assert "trong 15 ngày" in exc.value.message and "Điều 40" in exc.value.message
    assert not Recommendation.objects.exists()
    assert list(recommendations_of(commune)) == []
