"""The demo's opinion log: entries from three sources, one alert to the leaders, last month's draft
summary; a second run adds nothing."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.geo.models import Village
from danvan.opinion.demo import demo_opinion
from danvan.opinion.models import OpinionAlert, OpinionEntry, OpinionSummary
from danvan.org.models import Role
from danvan.org.services import membership_grant
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_entries_raise_an_alert_and_are_idempotent(client, commune, people):
    for name in ("Thôn 2", "Thôn 3", "Bon Đắk Mai"):
        Village.objects.create(commune=commune, name=name)
    head = make_user("truongthon1")
    membership_grant(
        user=head,
        role=Role.VILLAGE_HEAD,
        commune=commune,
        village=Village.objects.get(name="Thôn 1"),
        by=None,
    )
    demo_opinion(commune)
    counts = (OpinionEntry.objects.count(), OpinionAlert.objects.count(), AuditEvent.objects.count())
    demo_opinion(commune)
    assert counts == (OpinionEntry.objects.count(), OpinionAlert.objects.count(), AuditEvent.objects.count())
    assert counts[0] == 5 and OpinionAlert.objects.get().village.name == "Thôn 1"
    assert OpinionSummary.objects.filter(commune=commune).count() == 1
    client.force_login(people.leader)
    body = client.get(f"/lam-viec/{commune.code}/du-luan/").content.decode()
    assert "Xe chở cát" in body and "Cảnh báo đang mở" in body
