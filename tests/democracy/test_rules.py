"""The legal thresholds and the methods each matter allows."""

from __future__ import annotations

import pytest

from danvan.democracy import rules
from danvan.democracy.rules import Matter, Method


@pytest.mark.parametrize(
    ("present", "total", "expected"),
    [(50, 100, False), (51, 100, True), (0, 0, False), (2, 3, True), (1, 3, False), (101, 201, True)],
)
def test_quorum_needs_more_than_half_of_the_households(present, total, expected):
    assert rules.has_quorum(present, total) is expected


@pytest.mark.parametrize(
    ("approve", "total", "expected"), [(51, 100, True), (50, 100, False), (100, 201, False), (101, 201, True)]
)
def test_pass_needs_more_than_half_of_all_households(approve, total, expected):
    assert rules.passes(approve, total) is expected


def test_all_sixty_present_approving_is_not_enough_when_the_village_has_more_than_120_households():
    # The rule counts over the whole village: 60 of 60 present is 60 of 121 households.
    assert rules.has_quorum(61, 121)
    assert not rules.passes(60, 121)


@pytest.mark.parametrize("matter", [Matter.CONVENTION, Matter.VILLAGE_HEAD_ELECTION, Matter.BOARD_ELECTION])
def test_conventions_and_elections_are_decided_only_at_a_meeting(matter):
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
