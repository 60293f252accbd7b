"""The demo's inspections: one concluded with a remedied finding and a late one, one planned; a second run
adds nothing."""

from __future__ import annotations

import pytest

from danvan.core.models import AuditEvent
from danvan.inspections.demo import demo_inspections
from danvan.inspections.models import Inspection, RemedialTask
from tests.inspections.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_demo_inspections_is_complete_and_idempotent(client, commune, people):
    demo_inspections(commune)
    counts = (Inspection.objects.count(), RemedialTask.objects.count(), AuditEvent.objects.count())
    demo_inspections(commune)
    assert counts == (Inspection.objects.count(), RemedialTask.objects.count(), AuditEvent.objects.count())
    assert set(Inspection.objects.values_list("status", flat=True)) == {"concluded", "planned"}
    late = RemedialTask.objects.filter(status="open", due_on__lt=TODAY)
    assert late.count() == 1 and RemedialTask.objects.filter(status="done").count() == 1
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/kiem-tra/").content.decode()
    assert "Nhiệm vụ khắc phục quá hạn (1)" in page
