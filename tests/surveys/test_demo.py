"""The demo's SIPAS survey with answers from the villages (some from paper) and the index it gives; a
second run adds nothing."""

from __future__ import annotations

import pytest

from danvan.geo.models import Village
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from danvan.surveys import selectors
from danvan.surveys.demo import ANSWERS, demo_surveys
from danvan.surveys.models import Response, Survey
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_survey_has_answers_and_an_index(client, commune, people):
    for name in ("Thôn 2", "Thôn 3", "Bon Đắk Mai"):
        Village.objects.create(commune=commune, name=name)
    clerk = make_user("vanphong")
    unit = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    membership_grant(user=clerk, role=Role.UNIT_OFFICER, commune=commune, unit=unit, by=None)
    demo_surveys(commune)
    demo_surveys(commune)
    survey = Survey.objects.get()
    assert survey.status == "open" and Response.objects.count() == len(ANSWERS)
    assert Response.objects.filter(channel="paper").count() == sum(1 for *_, paper in ANSWERS if paper)
    _, overall = selectors.index_of([survey.pk])
    assert 50 < overall.value < 90
    assert client.get(f"/k/{survey.short_code}/", follow=True).status_code == 200
