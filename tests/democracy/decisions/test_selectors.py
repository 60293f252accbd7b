"""Reads: what residents see once a result is published, and who has not voted yet."""

from __future__ import annotations

import pytest

from danvan.democracy import services
from danvan.democracy.decisions import selectors
from danvan.democracy.rules import Choice, Method
from tests.democracy.conftest import make_decision

pytestmark = pytest.mark.django_db


def test_only_published_results_are_public_and_unvoted_households_are_listed(
    commune, village, people, households
):
    decision = make_decision(village, people.village_head, method=Method.BALLOT)
    services.decision_open(decision=decision, by=people.village_head)
    for household in households[:67]:
        services.ballot_cast(
            decision=decision, household=household, choice=Choice.APPROVE, by=people.village_head
        )
    assert selectors.households_not_yet_voted(decision).count() == 33
    assert households[0] not in selectors.households_not_yet_voted(decision)
    services.decision_close(decision=decision, by=people.village_head)
    services.decision_record_outcome(decision=decision, by=people.village_head)
    assert not selectors.published_decisions(commune).exists()
    services.decision_publish(decision=decision, by=people.village_head)
    [public] = selectors.published_decisions(commune)
    assert public.passed is True and "ĐƯỢC THÔNG QUA" in public.outcome
    assert list(selectors.decisions_of_commune(commune)) == [decision]
    assert selectors.households_of(village).count() == 100
