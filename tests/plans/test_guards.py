"""What a plan's state forbids: work on a draft, a second unit plan, an empty report, a re-import."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans.models import Plan, TaskProgress, UnitReport
from danvan.plans.services import subplan_create, task_progress_add, unit_report_save

pytestmark = pytest.mark.django_db


def _unit_with_tasks(plan) -> Unit:
    return plan.tasks.filter(lead_units__isnull=False).first().lead_units.first()


def test_a_unit_makes_one_implementing_plan_per_plan(issued_plan, people):
    unit = _unit_with_tasks(issued_plan)
    first = subplan_create(parent=issued_plan, unit=unit, by=people.coordinator)
    with pytest.raises(ServiceError, match="đã có kế hoạch thực hiện"):
        subplan_create(parent=issued_plan, unit=unit, by=people.coordinator)
    assert list(Plan.objects.filter(parent=issued_plan)) == [first]


def test_a_draft_plan_takes_no_progress_reports_or_unit_plans(draft_plan, people):
    task = draft_plan.tasks.first()
    unit = _unit_with_tasks(draft_plan)
    audits = AuditEvent.objects.count()
    with pytest.raises(ServiceError, match="chưa ban hành"):
        task_progress_add(task=task, text="Đã làm", status="in_progress", by=people.coordinator)
    with pytest.raises(ServiceError, match="chưa ban hành"):
        subplan_create(parent=draft_plan, unit=unit, by=people.coordinator)
    period = draft_plan.periods.first()
    with pytest.raises(ServiceError, match="đã ban hành"):
        unit_report_save(period=period, unit=unit, entries={}, figures="Số liệu", by=people.coordinator)
    assert not TaskProgress.objects.exists() and not UnitReport.objects.exists()
    assert AuditEvent.objects.count() == audits


def test_progress_evidence_must_be_a_document_or_photo(issued_plan, people):
    task = issued_plan.tasks.first()
    fake = SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00" + b"\0" * 300)
    with pytest.raises(ServiceError, match="không phải loại được nhận"):
        task_progress_add(
            task=task, text="Đã làm", status="in_progress", attachment=fake, by=people.coordinator
        )
    assert not TaskProgress.objects.exists()


def test_submitting_an_empty_report_saves_no_draft(client, issued_plan, people, commune):
    period = issued_plan.periods.filter(direction="units").first()
    unit = _unit_with_tasks(issued_plan)
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/bao-cao/{period.pk}/{unit.pk}/"
    page = client.post(url, {"action": "submit", "figures": ""}).content.decode()
    assert "Báo cáo chưa có nội dung" in page
    assert not UnitReport.objects.exists()


def test_the_cli_refuses_to_import_the_same_file_twice(commune, tmp_path):
    from danvan.demo.services import DEMO_PLAN

    path = tmp_path / DEMO_PLAN.name
    path.write_bytes(DEMO_PLAN.read_bytes())
    call_command("import_plan", str(path), "--commune", commune.code, stderr=StringIO())
    with pytest.raises(CommandError, match="đã được nhập"):
        call_command("import_plan", str(path), "--commune", commune.code, stderr=StringIO())
    call_command("import_plan", str(path), "--commune", commune.code, "--again", stderr=StringIO())
    assert Plan.objects.filter(commune=commune).count() == 2
