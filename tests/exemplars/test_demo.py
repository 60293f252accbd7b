"""The demo's “Dân vận khéo” models: one at every stage, a replica linked to its origin, the recognised
one on the portal; a second run adds nothing."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.exemplars.demo import demo_exemplars
from danvan.exemplars.models import Exemplar, Progress, RegistrationCall
from danvan.geo.models import Village
from danvan.org.models import Role
from danvan.org.services import membership_grant
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_has_every_stage_and_is_idempotent(client, commune, people):
    # `people` holds most demo user names; the demo's village head and villages are added here.
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
    demo_exemplars(commune)
    counts = (Exemplar.objects.count(), Progress.objects.count(), AuditEvent.objects.count())
    demo_exemplars(commune)
    assert counts == (Exemplar.objects.count(), Progress.objects.count(), AuditEvent.objects.count())
    statuses = set(Exemplar.objects.values_list("status", flat=True))
    assert statuses == {"registered", "building", "evaluated", "replicated"}
    replica = Exemplar.objects.get(origin__isnull=False)
    assert replica.origin.status == "replicated" and replica.origin.commendation.level == "province"
    assert RegistrationCall.objects.filter(commune=commune).count() == 1
    page = client.get(f"/xa/{commune.slug}/dan-van-kheo/").content.decode()
    assert replica.origin.name in page and "đã nhân rộng ở 1 nơi" in page
