"""Creating, opening and the meeting path: quorum, result, fallback to a household ballot, outcome."""

from __future__ import annotations

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.democracy import services
from danvan.democracy.models import MeetingAttendance, VillageDecision
from danvan.democracy.rules import Choice, DecisionStatus, Matter, Method
from danvan.geo.models import Village
from tests.democracy.conftest import add_households, make_decision, refusals, state

pytestmark = pytest.mark.django_db


# --- creating: the method must fit the matter ---------------------------------------------------------


@pytest.mark.parametrize(
    ("matter", "method"),
    [
        (Matter.CONVENTION, Method.BALLOT),
        (Matter.CONVENTION, Method.ONLINE),
        (Matter.VILLAGE_HEAD_ELECTION, Method.BALLOT),
        (Matter.BOARD_ELECTION, Method.ONLINE),
        (Matter.CONTRIBUTION_POLICY, Method.ONLINE),
        (Matter.CONTRIBUTION_SPENDING, Method.ONLINE),
    ],
)
def test_create_refuses_a_method_the_law_does_not_allow(village, people, matter, method):
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.village_head, matter=matter, method=method)
    assert err.value.code == "method_not_allowed"
    assert "Luật Thực hiện dân chủ ở cơ sở 2022" in err.value.message
    assert not VillageDecision.objects.exists()
    [event] = refusals("decision_create")
    assert event.actor == people.village_head
    assert event.commune == village.commune


def test_create_names_the_meeting_rule_for_a_convention(village, people):
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.village_head, matter=Matter.CONVENTION, method=Method.ONLINE)
    assert err.value.message.startswith("Nội dung “Hương ước, quy ước” phải được quyết định tại hội nghị")


@pytest.mark.parametrize(
    ("matter", "method"),
    [
        (Matter.CONVENTION, Method.MEETING),
        (Matter.VILLAGE_HEAD_ELECTION, Method.MEETING),
        (Matter.CONTRIBUTION_POLICY, Method.BALLOT),
        (Matter.OTHER_SELF_MANAGED, Method.ONLINE),
    ],
)
def test_create_accepts_an_allowed_method(village, people, matter, method):
    decision = make_decision(village, people.village_head, matter=matter, method=method)
    assert decision.status == DecisionStatus.DRAFT
    assert decision.commune == village.commune
    assert AuditEvent.objects.filter(action="democracy.decision_created", object_id=str(decision.pk)).exists()


def test_create_refuses_another_communes_village_and_people_outside_it(village, people, other_commune):
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.village_head, commune=other_commune)
    assert err.value.code == "not_found"
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.outsider)
    assert err.value.code == "forbidden"
    with pytest.raises(ServiceError):
        make_decision(village, people.supervisor)
    assert not VillageDecision.objects.exists()
    assert len(refusals("decision_create")) == 3


def test_commune_staff_may_run_a_village_vote(village, people):
    assert make_decision(village, people.coordinator).created_by == people.coordinator


def test_village_head_of_another_village_may_not(commune, people):
    other = Village.objects.create(commune=commune, name="Thôn 2")
    with pytest.raises(ServiceError):
        make_decision(other, people.village_head)


@pytest.mark.parametrize("names", [["A", "B"], ["A", "B", "C", "D", "E", "F"]])
def test_counting_committee_has_three_to_five_people(village, people, names):
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.village_head, counting_committee=names)
    assert "từ 3 đến 5 người" in err.value.message


def test_cluster_meetings_only_from_200_households(village, people):
    add_households(village, 199)
    with pytest.raises(ServiceError) as err:
        make_decision(village, people.village_head, by_cluster=True)
    assert "từ 200 hộ" in err.value.message
    add_households(village, 1, start=200)
    assert make_decision(village, people.village_head, by_cluster=True).by_cluster


def test_open_needs_a_register(village, people):
    decision = make_decision(village, people.village_head)
    with pytest.raises(ServiceError) as err:
        services.decision_open(decision=decision, by=people.village_head)
    assert err.value.code == "empty_register"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT


def test_open_fixes_the_number_of_households(village, people, households):
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)
    add_households(village, 5, start=101)
    decision.refresh_from_db()
    assert (decision.status, decision.total_households) == (DecisionStatus.OPEN, 100)
    assert services.decision_tally(decision).total_households == 100


# --- online agreement ----------------------------------------------------------------------------------


def online_draft(village, people):
    return make_decision(village, people.village_head, matter=Matter.OTHER_SELF_MANAGED, method=Method.ONLINE)


@pytest.mark.parametrize("agree", [[], ["village_head"], ["front"]])
def test_online_voting_opens_only_when_head_and_front_agree(village, people, households, agree):
    decision = online_draft(village, people)
    for role in agree:
        who = people.village_head if role == "village_head" else people.supervisor
        services.decision_agree_online(decision=decision, by=who, as_role=role)
    with pytest.raises(ServiceError) as err:
        services.decision_open(decision=decision, by=people.village_head)
    assert err.value.code == "online_not_agreed"
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    assert len(refusals("decision_open")) == 1


def test_online_opens_with_both_agreements_recorded_with_who_and_when(village, people, households):
    decision = online_draft(village, people)
    services.decision_agree_online(decision=decision, by=people.village_head, as_role="village_head")
    services.decision_agree_online(decision=decision, by=people.supervisor, as_role="front")
    services.decision_open(decision=decision, by=people.village_head)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.OPEN
    assert decision.online_head_agreed_by == people.village_head and decision.online_head_agreed_at
    assert decision.online_front_agreed_by == people.supervisor and decision.online_front_agreed_at


def test_only_the_right_person_may_agree(village, people):
    decision = online_draft(village, people)
    for who, role in [
        (people.supervisor, "village_head"),
        (people.village_head, "front"),
        (people.outsider, "front"),
    ]:
        with pytest.raises(ServiceError):
            services.decision_agree_online(decision=decision, by=who, as_role=role)
    decision.refresh_from_db()
    assert not decision.online_agreed_by_head and not decision.online_agreed_by_front


# --- the meeting ---------------------------------------------------------------------------------------


@pytest.fixture
def meeting(village, people, households) -> VillageDecision:
    decision = make_decision(village, people.village_head)
    return services.decision_open(decision=decision, by=people.village_head)


def test_sixty_six_of_a_hundred_cannot_reach_two_thirds_so_a_household_ballot_follows(
    meeting, people, households
):
    # A contribution needs 67 of 100 approving (Điều 21(1)); with 66 present it cannot pass at the meeting.
    result = services.meeting_record_attendance(
        decision=meeting, present_households=households[:66], by=people.village_head
    )
    assert not result.quorum
    assert "66/100 hộ tham dự" in result.message and "phát phiếu lấy ý kiến" in result.message
    assert "ít nhất 67 hộ" in result.message and "Điều 19 khoản 1 điểm b" in result.message
    meeting.refresh_from_db()
    assert meeting.status == DecisionStatus.NEEDS_BALLOT
    assert meeting.fell_back_to_ballot and meeting.quorum_met is False
    assert MeetingAttendance.objects.filter(decision=meeting, present=True).count() == 66
    assert MeetingAttendance.objects.filter(decision=meeting).count() == 100


def test_sixty_seven_of_a_hundred_can_decide_a_contribution(meeting, people, households):
    result = services.meeting_record_attendance(
        decision=meeting, present_households=households[:67], by=people.village_head
    )
    assert result.quorum
    meeting.refresh_from_db()
    assert meeting.status == DecisionStatus.OPEN and meeting.quorum_met


def test_the_whole_meeting_path(meeting, people, households):
    services.meeting_record_attendance(
        decision=meeting, present_households=households[:80], by=people.village_head
    )
    services.meeting_record_result(decision=meeting, approve=67, reject=9, abstain=4, by=people.village_head)
    services.decision_close(decision=meeting, by=people.village_head)
    tally = services.decision_tally(meeting)
    assert (tally.approve, tally.total_households, tally.passes, tally.source) == (67, 100, True, "meeting")
    services.decision_record_outcome(
        decision=meeting, by=people.village_head, minutes="Hội nghị kết thúc lúc 21 giờ."
    )
    meeting.refresh_from_db()
    assert meeting.status == DecisionStatus.RECORDED and meeting.passed is True
    assert "ĐƯỢC THÔNG QUA" in meeting.outcome and "67 hộ (67.0% tổng số hộ của thôn)" in meeting.outcome
    assert "từ hai phần ba (2/3) trở lên" in meeting.outcome and "Điều 21 khoản 1" in meeting.outcome
    assert "Ban kiểm phiếu: Nguyễn Văn A, Trần Thị B, Lê Văn C" in meeting.outcome
    assert meeting.outcome.endswith("Hội nghị kết thúc lúc 21 giờ.")
    # Reported to the commune: its leader and coordinator are notified.
    notified = set(
        Notification.objects.filter(key=f"democracy.outcome.{meeting.pk}").values_list("user", flat=True)
    )
    assert notified == {people.leader.pk, people.coordinator.pk}
    services.decision_publish(decision=meeting, by=people.village_head)
    meeting.refresh_from_db()
    assert meeting.status == DecisionStatus.PUBLISHED and meeting.published_at
    actions = list(
        AuditEvent.objects.filter(object_id=str(meeting.pk), object_type="democracy.villagedecision")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "democracy.decision_created",
        "democracy.decision_opened",
        "democracy.meeting_attendance_recorded",
        "democracy.meeting_result_recorded",
        "democracy.decision_closed",
        "democracy.outcome_recorded",
        "democracy.decision_published",
    ]


def test_a_contribution_with_66_of_100_approving_does_not_pass(meeting, people, households):
    services.meeting_record_attendance(
        decision=meeting, present_households=households[:80], by=people.village_head
    )
    services.meeting_record_result(decision=meeting, approve=66, reject=0, abstain=0, by=people.village_head)
    services.decision_close(decision=meeting, by=people.village_head)
    assert services.decision_tally(meeting).passes is False
    services.decision_record_outcome(decision=meeting, by=people.village_head)
    meeting.refresh_from_db()
    assert meeting.passed is False and "KHÔNG ĐƯỢC THÔNG QUA" in meeting.outcome


def test_result_cannot_exceed_present_households(meeting, people, households):
    services.meeting_record_attendance(
        decision=meeting, present_households=households[:70], by=people.village_head
    )
    before = state(meeting)
    with pytest.raises(ServiceError) as err:
        services.meeting_record_result(
            decision=meeting, approve=67, reject=4, abstain=0, by=people.village_head
        )
    assert "vượt quá số hộ có mặt (70)" in err.value.message
    assert state(meeting) == before
    assert len(refusals("meeting_result")) == 1


def test_a_convention_meeting_that_cannot_reach_the_threshold_goes_to_a_household_ballot(
    village, people, households
):
    # A convention is decided at a meeting (Điều 17(2)) unless the meeting cannot reach the threshold:
    # then a household ballot follows (Điều 19(1)(b)); there is no fixed quorum to meet again for.
    decision = make_decision(village, people.village_head, matter=Matter.CONVENTION)
    services.decision_open(decision=decision, by=people.village_head)
    result = services.meeting_record_attendance(
        decision=decision, present_households=households[:50], by=people.village_head
    )
    assert not result.quorum and "ít nhất 51 hộ" in result.message
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.NEEDS_BALLOT and decision.fell_back_to_ballot
    before = state(decision)
    with pytest.raises(ServiceError) as err:
        services.meeting_record_result(
            decision=decision, approve=40, reject=0, abstain=0, by=people.village_head
        )
    assert err.value.code == "not_meeting"
    with pytest.raises(ServiceError):
        services.decision_record_outcome(decision=decision, by=people.village_head)
    assert state(decision) == before
    assert len(refusals("meeting_result")) == len(refusals("decision_record_outcome")) == 1
    assert refusals("meeting_result")[0].actor == people.village_head
    for household in households[:51]:
        services.ballot_cast(
            decision=decision, household=household, choice=Choice.APPROVE, by=people.village_head
        )
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head)
    decision.refresh_from_db()
    assert decision.passed is True and "Điều 19 khoản 1 điểm b" in decision.outcome
    assert "trên 50% tổng số hộ gia đình của thôn tán thành" in decision.outcome


def test_recording_a_meeting_closed_without_attendance_is_refused(meeting, people):
    services.decision_close(decision=meeting, by=people.village_head)
    before = state(meeting)
    with pytest.raises(ServiceError) as err:
        services.decision_record_outcome(decision=meeting, by=people.village_head)
    assert err.value.message.startswith("Chưa điểm danh hội nghị")
    assert state(meeting) == before
    assert len(refusals("decision_record_outcome")) == 1


def test_no_quorum_then_ballots_then_tally_then_outcome(meeting, people, households):
    services.meeting_record_attendance(
        decision=meeting, present_households=households[:30], by=people.village_head
    )
    # A contribution: the ballot too needs two thirds of all households, 67 of 100.
    for household in households[:67]:
        services.ballot_cast(
            decision=meeting, household=household, choice=Choice.APPROVE, by=people.village_head
        )
    for household in households[67:75]:
        services.ballot_cast(
            decision=meeting, household=household, choice=Choice.REJECT, by=people.village_head
        )
    services.decision_close(decision=meeting, by=people.village_head)
    tally = services.decision_tally(meeting)
    assert (tally.approve, tally.reject, tally.voted, tally.passes, tally.source) == (
        67,
        8,
        75,
        True,
        "ballot",
    )
    services.decision_record_outcome(decision=meeting, by=people.village_head)
    meeting.refresh_from_db()
    assert meeting.status == DecisionStatus.RECORDED and meeting.passed
    assert "chuyển sang phát phiếu" in meeting.outcome


def test_outcome_needs_a_counting_committee_for_paper_votes(village, people, households):
    decision = make_decision(village, people.village_head, method=Method.BALLOT, counting_committee=[])
    services.decision_open(decision=decision, by=people.village_head)
    services.decision_close(decision=decision, by=people.village_head)
    with pytest.raises(ServiceError) as err:
        services.decision_record_outcome(decision=decision, by=people.village_head)
    assert err.value.code == "no_committee"
    services.decision_set_counting_committee(
        decision=decision, names=["A", "B", "C", "D"], by=people.village_head
    )
    services.decision_record_outcome(decision=decision, by=people.village_head)


def test_status_moves_follow_the_table(meeting, people):
    services.decision_close(decision=meeting, by=people.village_head)
    with pytest.raises(ServiceError) as err:
        services.decision_open(decision=meeting, by=people.village_head)
    assert err.value.message == "Không thể chuyển từ “Đã kết thúc biểu quyết” sang “Đang lấy biểu quyết”."
    with pytest.raises(ServiceError):
        services.decision_publish(decision=meeting, by=people.village_head)
