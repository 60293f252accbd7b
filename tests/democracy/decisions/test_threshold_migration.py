"""The data migration that stores each decision's threshold keeps what was decided as it was decided."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from danvan.democracy import services
from danvan.democracy.models import VillageDecision
from danvan.democracy.rules import Choice, DecisionStatus, Matter, Method
from tests.democracy.conftest import make_decision

pytestmark = pytest.mark.django_db

backfill = importlib.import_module("danvan.democracy.migrations.0004_decision_threshold_backfill").backfill


def test_a_contribution_decided_by_more_than_half_before_the_correction_stays_passed(
    village, people, households
):
    # Recorded before the correction: 60 of 100 approved a contribution, then judged by more than half.
    decided = make_decision(village, people.village_head, method=Method.BALLOT)
    services.decision_open(decision=decided, by=people.village_head)
    for h in households[:60]:
        services.ballot_cast(decision=decided, household=h, choice=Choice.APPROVE, by=people.village_head)
    services.decision_close(decision=decided, by=people.village_head)
    still_open = make_decision(village, people.village_head, method=Method.BALLOT)
    convention = make_decision(village, people.village_head, matter=Matter.CONVENTION)
    VillageDecision.objects.update(pass_share="", pass_inclusive=False, pass_citation="")

    backfill(apps, None)

    decided.refresh_from_db()
    assert (decided.status, decided.pass_share, decided.pass_inclusive) == (
        DecisionStatus.CLOSED,
        "1/2",
        False,
    )
    assert services.decision_tally(decided).passes is True  # as it was decided
    still_open.refresh_from_db()
    assert (still_open.pass_share, still_open.pass_inclusive) == ("2/3", True)
    assert "Điều 21 khoản 1" in still_open.pass_citation
    convention.refresh_from_db()
    assert (convention.pass_share, convention.pass_inclusive) == ("1/2", False)
