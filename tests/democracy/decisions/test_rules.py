"""The legal thresholds and the methods each matter allows."""

from __future__ import annotations

import pytest

from danvan.democracy import rules
from danvan.democracy.rules import Matter, Method


@pytest.mark.parametrize(
    ("approve", "total", "expected"),
    [(66, 100, False), (67, 100, True), (2, 3, True), (1, 3, False), (133, 200, False), (134, 200, True)],
)
@pytest.mark.parametrize("matter", [Matter.CONTRIBUTION_POLICY, Matter.CONTRIBUTION_SPENDING])
def test_contributions_need_at_least_two_thirds_of_all_households(matter, approve, total, expected):
    # Luật THDCCS 2022, Điều 21(1): "từ hai phần ba tổng số đại diện hộ gia đình trở lên".
    assert rules.passes(approve, total, matter) is expected


@pytest.mark.parametrize(
    ("approve", "total", "expected"), [(51, 100, True), (50, 100, False), (100, 201, False), (101, 201, True)]
)
@pytest.mark.parametrize(
    "matter",
    [Matter.CONVENTION, Matter.VILLAGE_HEAD_ELECTION, Matter.BOARD_ELECTION, Matter.OTHER_SELF_MANAGED],
)
def test_other_matters_need_more_than_half_of_all_households(matter, approve, total, expected):
    assert rules.passes(approve, total, matter) is expected


@pytest.mark.parametrize(
    ("matter", "present", "expected"),
    [
        (Matter.CONTRIBUTION_POLICY, 66, False),
        (Matter.CONTRIBUTION_POLICY, 67, True),
        (Matter.CONVENTION, 50, False),
        (Matter.CONVENTION, 51, True),
    ],
)
def test_no_fixed_quorum_a_meeting_decides_when_those_present_can_reach_the_threshold(
    matter, present, expected
):
    assert rules.has_quorum(present, 100, matter) is expected


def test_all_sixty_present_approving_is_not_enough_when_the_village_has_more_than_120_households():
    # The rule counts over the whole village: 60 of 60 present is 60 of 121 households.
    assert not rules.has_quorum(60, 121)
    assert not rules.passes(60, 121)


def test_the_threshold_states_its_article():
    t = rules.threshold_for(Matter.CONTRIBUTION_POLICY)
    assert t.statement == (
        "cần từ hai phần ba (2/3) trở lên tổng số hộ gia đình của thôn tán thành "
        "(Luật Thực hiện dân chủ ở cơ sở 2022, Điều 21 khoản 1 (nội dung khoản 1, 2 Điều 15))"
    )
    assert rules.threshold_for(Matter.OTHER_SELF_MANAGED).needed(100) == 51


@pytest.mark.parametrize("matter", [Matter.CONVENTION, Matter.VILLAGE_HEAD_ELECTION, Matter.BOARD_ELECTION])
def test_conventions_and_elections_are_decided_only_at_a_meeting(matter):
    # Chosen up front: a meeting only; a ballot comes only after a meeting short of the threshold.
    assert rules.METHODS_ALLOWED[matter] == {Method.MEETING}


@pytest.mark.parametrize("matter", [Matter.CONTRIBUTION_POLICY, Matter.CONTRIBUTION_SPENDING])
def test_contributions_by_meeting_or_ballot_never_online(matter):
    assert rules.METHODS_ALLOWED[matter] == {Method.MEETING, Method.BALLOT}


def test_online_only_for_other_self_managed_matters():
    assert [m for m in Matter.values if rules.method_allowed(m, Method.ONLINE)] == [Matter.OTHER_SELF_MANAGED]


def test_every_matter_has_its_methods():
    assert set(rules.METHODS_ALLOWED) == set(Matter.values)


def test_online_votes_are_always_secret():
    assert rules.is_secret(Method.ONLINE, False)
    assert rules.is_secret(Method.BALLOT, None)
    assert not rules.is_secret(Method.BALLOT, False)


def test_every_status_has_its_moves():
    assert set(rules.DECISION_TRANSITIONS) == set(rules.DecisionStatus.values)
