from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from danvan.geo.models import Village
from danvan.mediation import services
from danvan.mediation.models import Case, Mediator

TODAY = timezone.localdate


@pytest.fixture
def village(people, commune):
    return Village.objects.get(commune=commune, name="Thôn 1")


@pytest.fixture
def team(people, commune, village):
    team = services.team_save(
        by=people.coordinator, commune=commune, village=village, name="Tổ hòa giải Thôn 1"
    )
    for name, gender, leader in [
        ("Lê Văn Một", "male", True),
        ("Trần Thị Hai", "female", False),
        ("Phạm Ba", "male", False),
    ]:
        services.mediator_add(
            by=people.coordinator, team=team, full_name=name, gender=gender, is_leader=leader
        )
    return team


def open_case(team, people, days_ago: int = 5, **kw) -> Case:
    args = {
        "by": people.village_head,
        "team": team,
        "received_on": TODAY() - dt.timedelta(days=days_ago),
        "basis": Case.Basis.REQUESTED,
        "matter": Case.Matter.LAND,
        "parties": "Hộ ông A\nHộ bà B",
        "summary": "Tranh chấp ranh giới vườn.",
    }
    return services.case_open(**{**args, **kw})


def mediators_of(team) -> list[int]:
    return list(Mediator.objects.filter(team=team).values_list("pk", flat=True))
