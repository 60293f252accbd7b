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


def test_a_preview_saves_its_plan_once_and_reading_is_audited(commune, people):
    from danvan.demo.services import DEMO_PLAN
    from danvan.plans.services import plan_import, plan_import_read, unit_map_default, unit_names_in

    draft = plan_import_read(
        commune=commune, raw=DEMO_PLAN.read_bytes(), filename=DEMO_PLAN.name, by=people.coordinator
    )
    assert AuditEvent.objects.filter(action="plans.import_read", object_id=str(draft.pk)).exists()
    unit_map = unit_map_default(commune=commune, names=unit_names_in(draft.parsed))
    plan = plan_import(
        commune=commune, data=draft.parsed, unit_map=unit_map, by=people.coordinator, draft=draft
    )
    with pytest.raises(ServiceError, match="đã được lưu"):
        plan_import(commune=commune, data=draft.parsed, unit_map=unit_map, by=people.coordinator, draft=draft)
    draft.refresh_from_db()
    assert draft.plan == plan and Plan.objects.count() == 1


def test_an_unreadable_upload_is_a_service_error_and_saves_nothing(commune, people):
    from danvan.plans.models import PlanImportDraft
    from danvan.plans.services import plan_import_read

    with pytest.raises(ServiceError) as err:
        plan_import_read(
            commune=commune, raw=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, filename="kh.doc", by=None
        )
    assert err.value.field == "file" and err.value.message
    assert (
        not PlanImportDraft.objects.exists()
        and not AuditEvent.objects.filter(action="plans.import_read").exists()
    )
