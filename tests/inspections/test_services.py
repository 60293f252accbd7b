"""Inspection services: planning, findings that become remedial tasks due in working days, reporting
them done (own unit only), concluding, the daily reminders, and the ND 30 report."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.inspections import services
from danvan.inspections.document import inspection_report_docx
from danvan.inspections.models import Finding, Inspection, RemedialTask
from danvan.inspections.selectors import findings_of, late_tasks
from tests.inspections.conftest import TODAY, finding

pytestmark = pytest.mark.django_db


def test_plan_checks_the_subject_dates_and_role(commune, other_commune, people, economy):
    base = dict(
        commune=commune,
        title="Kiểm tra",
        kind="inspection",
        scope="Nội dung",
        inspectors="Đoàn",
        starts_on=dt.date(2026, 12, 1),
        ends_on=dt.date(2026, 12, 2),
    )
    with pytest.raises(ServiceError, match="một đơn vị hoặc một thôn"):
        services.inspection_plan(by=people.coordinator, **base)
    with pytest.raises(ServiceError, match="không được trước"):
        services.inspection_plan(
            by=people.coordinator, unit=economy, **{**base, "ends_on": dt.date(2026, 11, 30)}
        )
    with pytest.raises(ServiceError) as exc:
        services.inspection_plan(by=people.officer, unit=economy, **base)
    assert exc.value.code == "forbidden"
    foreign = other_commune.units.first()
    with pytest.raises(ServiceError, match="không thuộc xã"):
        services.inspection_plan(by=people.coordinator, unit=foreign, **base)
    assert not Inspection.objects.exists()
    services.inspection_plan(by=people.supervisor, unit=economy, **base)  # the Front inspects too
    assert AuditEvent.objects.filter(action="inspections.plan").count() == 1


def test_a_finding_becomes_a_remedial_task_due_in_working_days(inspection, people, economy):
    f = finding(inspection, people.coordinator, economy, days=5)
    task = f.task
    # Friday 20/11/2026 + 5 working days: the weekend and Tuesday 24/11 (Ngày Văn hóa Việt Nam, a day
    # off) do not count, so 23, 25, 26, 27 and Monday 30/11.
    assert task.set_on == TODAY and task.due_on == dt.date(2026, 11, 30) and task.unit == economy
    assert Notification.objects.filter(user=people.officer, key=f"remedial:{task.pk}:set").exists()
    plain = services.finding_add(
        by=people.coordinator, inspection=inspection, text="Chưa niêm yết lịch tiếp dân."
    )
    assert not RemedialTask.objects.filter(finding=plain).exists()
    with pytest.raises(ServiceError, match="nội dung khắc phục"):
        services.finding_add(
            by=people.coordinator, inspection=inspection, text="X", unit=economy, working_days=5
        )
    with pytest.raises(ServiceError, match="ngày làm việc"):
        services.finding_add(
            by=people.coordinator, inspection=inspection, text="X", unit=economy, task="Y", working_days=0
        )
    assert Finding.objects.count() == 2


def test_only_the_units_officer_or_managers_report_it_done(inspection, people, economy, police):
    task = finding(inspection, people.coordinator, police).task
    with pytest.raises(ServiceError) as exc:
        services.remedial_done(by=people.officer, task=task, result="Đã bổ sung")
    assert exc.value.code == "forbidden"
    mine = finding(inspection, people.coordinator, economy).task
    with pytest.raises(ServiceError, match="kết quả khắc phục"):
        services.remedial_done(by=people.officer, task=mine, result=" ")
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
        b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    done = services.remedial_done(
        by=people.officer, task=mine, result="Đã bổ sung sổ", evidence=SimpleUploadedFile("so.png", png)
    )
    assert done.status == "done" and done.done_on == TODAY and done.evidence_kind == "png"
    with pytest.raises(ServiceError, match="đã báo cáo"):
        services.remedial_done(by=people.officer, task=mine, result="Lần hai")
    services.remedial_done(by=people.coordinator, task=task, result="Công an xã đã bổ sung")


def test_conclude_closes_the_inspection_to_new_findings(inspection, people, economy):
    finding(inspection, people.coordinator, economy)
    services.inspection_conclude(
        by=people.leader, inspection=inspection, conclusion="Đơn vị thực hiện tốt; khắc phục 1 tồn tại."
    )
    inspection.refresh_from_db()
    assert inspection.status == "concluded" and inspection.concluded_on == TODAY
    with pytest.raises(ServiceError, match="đã kết luận"):
        finding(inspection, people.coordinator, economy)
    with pytest.raises(ServiceError, match="đã kết luận"):
        services.inspection_conclude(by=people.leader, inspection=inspection, conclusion="Lần hai")


def test_reminders_go_once_to_the_unit_and_when_late_to_the_managers(inspection, people, economy):
    soon = finding(inspection, people.coordinator, economy, days=2).task
    late = finding(inspection, people.coordinator, economy, days=3, on=dt.date(2026, 11, 2)).task
    assert late.due_on < TODAY and [t.pk for t in late_tasks(commune=inspection.commune, today=TODAY)] == [
        late.pk
    ]
    sent = services.reminders_send(today=TODAY)
    assert Notification.objects.filter(user=people.officer, key=f"remedial:{soon.pk}:soon").exists()
    assert Notification.objects.filter(user=people.coordinator, key=f"remedial:{late.pk}:late").exists()
    assert Notification.objects.filter(user=people.leader, key=f"remedial:{late.pk}:late").exists()
    assert sent == 4
    assert services.reminders_send(today=TODAY) == 0


def test_the_inspection_report_is_an_nd30_document(inspection, people, economy):
    finding(inspection, people.coordinator, economy)
    inspection = services.inspection_conclude(
        by=people.leader, inspection=inspection, conclusion="Cơ bản thực hiện tốt."
    )
    doc = Document(io.BytesIO(inspection_report_docx(inspection, findings_of(inspection))))
    text = "\n".join(
        [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Kết quả kiểm tra công tác dân vận tại Phòng Kinh tế" in text
    assert "Bổ sung sổ tiếp công dân" in text and "30/11/2026" in text and "Cơ bản thực hiện tốt." in text
