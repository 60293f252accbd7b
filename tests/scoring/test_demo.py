"""The demo's scoring year: a framework, one sheet reviewed with an adjustment, one waiting for review, the
province's framework; a second run adds nothing."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.org.models import Role
from danvan.org.services import membership_grant
from danvan.scoring.demo import demo_scoring
from danvan.scoring.models import Assessment, Framework, Score
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_demo_scoring_is_complete_and_idempotent(client, commune, people):
    membership_grant(user=make_user("tinh"), role=Role.PROVINCE_VIEWER, province=commune.province, by=None)
    membership_grant(
        user=people.coordinator,
        role=Role.UNIT_OFFICER,
        commune=commune,
        unit=commune.units.get(name="Phòng Văn hóa – Xã hội"),
        by=None,
    )
    demo_scoring(commune)
    counts = (
        Framework.objects.count(),
        Assessment.objects.count(),
        Score.objects.count(),
        AuditEvent.objects.count(),
    )
    demo_scoring(commune)
    assert counts == (
        Framework.objects.count(),
        Assessment.objects.count(),
        Score.objects.count(),
        AuditEvent.objects.count(),
    )
    assert set(Assessment.objects.values_list("status", flat=True)) == {"reviewed", "submitted"}
    assert Score.objects.exclude(review_reason="").count() == 1
    client.force_login(people.leader)
    page = client.get(f"/lam-viec/{commune.code}/cham-diem/").content.decode()
    assert "Phòng Kinh tế" in page and "Đã thẩm định" in page and "Đã gửi, chờ thẩm định" in page
