"""Units' periodic reports: draft, submit to the commune, returned for more, resubmitted."""

from __future__ import annotations

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant
from danvan.plans.models import ReportingPeriod, UnitReport, UnitReportEntry
from danvan.plans.services import unit_report_return, unit_report_save, unit_report_submit
from tests.conftest import make_user
from tests.plans.conftest import import_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinh_te(commune) -> Unit:
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def period(issued_plan) -> ReportingPeriod:
    """The six-month report the units owe the commune by 10/6/2026."""
    return issued_plan.periods.get(direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE, kind="six_months")


@pytest.fixture
def tasks(issued_plan):
    """Phòng Kinh tế's two tasks in the demo plan: it joins II.4 and leads II.9."""
    return issued_plan.tasks.get(ref="II.4"), issued_plan.tasks.get(ref="II.9")


def save(period, unit, by, entries=None, figures=""):
    return unit_report_save(period=period, unit=unit, entries=entries or {}, figures=figures, by=by)


def test_save_keeps_a_draft_with_one_entry_per_task(period, kinh_te, tasks, people):
    four, nine = tasks
    report = save(
        period, kinh_te, people.officer, {four.pk: " Đã công khai 4 lần. ", nine.pk: "Họp dân 3 thôn."}
    )
    assert report.status == UnitReport.Status.DRAFT
    assert dict(report.entries.values_list("task_id", "text")) == {
        four.pk: "Đã công khai 4 lần.",
        nine.pk: "Họp dân 3 thôn.",
    }
    event = AuditEvent.objects.get(action="plans.unit_report_save")
    assert (event.actor, event.commune, event.object_id) == (
        people.officer,
        period.plan.commune,
        str(report.pk),
    )
    assert event.after == {"figures": "", "entries": 2}


def test_saving_again_updates_the_same_report(period, kinh_te, tasks, people):
    four, nine = tasks
    save(period, kinh_te, people.officer, {four.pk: "Bản đầu."})
    report = save(
        period, kinh_te, people.officer, {four.pk: "Bản sửa.", nine.pk: "Thêm."}, figures="12 cuộc họp"
    )
    assert UnitReport.objects.count() == 1
    assert UnitReportEntry.objects.count() == 2
    assert report.entries.get(task=four).text == "Bản sửa."
    assert report.figures == "12 cuộc họp"


def test_an_entry_for_another_plans_task_is_refused(period, kinh_te, people, commune):
    other = import_demo(commune, people.coordinator).tasks.first()
    with pytest.raises(ServiceError) as err:
        save(period, kinh_te, people.officer, {other.pk: "Nhầm kế hoạch."})
    assert err.value.message == "Nhiệm vụ không thuộc kế hoạch của kỳ báo cáo này."
    assert not UnitReport.objects.exists()
    assert not AuditEvent.objects.filter(action="plans.unit_report_save").exists()


def test_another_communes_unit_cannot_report(period, people, other_commune):
    foreign = Unit.objects.get(commune=other_commune, name="Phòng Kinh tế")
    with pytest.raises(ServiceError) as err:
        save(period, foreign, people.outsider, figures="Không liên quan.")
    assert err.value.message == "Đơn vị không thuộc xã của kế hoạch."
    assert not UnitReport.objects.exists()


def test_an_empty_report_cannot_be_submitted(period, kinh_te, tasks, people):
    report = save(period, kinh_te, people.officer, {tasks[0].pk: "   "})
    with pytest.raises(ServiceError) as err:
        unit_report_submit(report=report, by=people.officer)
    assert err.value.message == "Báo cáo chưa có nội dung. Hãy ghi kết quả ít nhất một nhiệm vụ."
    report.refresh_from_db()
    assert report.status == UnitReport.Status.DRAFT
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="plans.unit_report_submit").exists()


def test_submit_notifies_the_communes_coordinators(period, kinh_te, tasks, people, commune):
    second = make_user("dieuphoi2")
    membership_grant(user=second, role=Role.COORDINATOR, commune=commune, by=None)
    report = save(period, kinh_te, people.officer, {tasks[1].pk: "Họp dân 3 thôn."})
    report = unit_report_submit(report=report, by=people.officer)
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED
    assert report.submitted_by == people.officer
    assert report.submitted_at is not None
    notes = Notification.objects.all()
    assert {n.user for n in notes} == {people.coordinator, second}
    note = notes.first()
    assert note.text == "Phòng Kinh tế đã nộp Báo cáo 6 tháng."
    assert note.commune == commune
    assert note.url == f"/lam-viec/{commune.code}/ke-hoach/{period.plan_id}/bao-cao/{period.pk}/"
    # Neither the unit, the leader nor another commune's coordinator is told.
    assert not Notification.objects.filter(user__in=[people.officer, people.leader, people.outsider]).exists()
    event = AuditEvent.objects.get(action="plans.unit_report_submit")
    assert (event.before, event.after) == ({"status": "draft"}, {"status": "submitted"})


def test_figures_alone_are_enough_to_submit(period, kinh_te, people):
    report = save(period, kinh_te, people.officer, figures="Tổ chức 12 cuộc họp dân.")
    assert unit_report_submit(report=report, by=people.officer).status == UnitReport.Status.SUBMITTED


def test_a_submitted_report_cannot_be_edited(period, kinh_te, tasks, people):
    report = save(period, kinh_te, people.officer, {tasks[1].pk: "Họp dân 3 thôn."})
    unit_report_submit(report=report, by=people.officer)
    with pytest.raises(ServiceError) as err:
        save(period, kinh_te, people.officer, {tasks[1].pk: "Sửa sau khi nộp."}, figures="Thêm")
    assert err.value.message == "Báo cáo đã nộp; chỉ sửa được khi bị trả lại để bổ sung."
    report.refresh_from_db()
    assert report.entries.get().text == "Họp dân 3 thôn."
    assert report.figures == ""


def test_return_requires_a_comment(period, kinh_te, tasks, people):
    report = unit_report_submit(
        report=save(period, kinh_te, people.officer, figures="Số liệu."), by=people.officer
    )
    for comment in ["", "   "]:
        with pytest.raises(ServiceError) as err:
            unit_report_return(report=report, comment=comment, by=people.coordinator)
        assert err.value.message == "Vui lòng ghi lý do trả lại để đơn vị biết cần bổ sung gì."
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED
    assert not AuditEvent.objects.filter(action="plans.unit_report_return").exists()


def test_returned_report_is_edited_and_resubmitted(period, kinh_te, tasks, people, commune):
    four, nine = tasks
    report = save(period, kinh_te, people.officer, {nine.pk: "Họp dân 3 thôn."})
    unit_report_submit(report=report, by=people.officer)
    Notification.objects.all().delete()

    unit_report_return(report=report, comment="Bổ sung kết quả nhiệm vụ II.4.", by=people.coordinator)
    report.refresh_from_db()
    assert report.status == UnitReport.Status.RETURNED
    assert report.return_comment == "Bổ sung kết quả nhiệm vụ II.4."
    # The unit's members hear of it, with the reason.
    note = Notification.objects.get()
    assert note.user == people.officer
    assert note.text == "Báo cáo 6 tháng của Phòng Kinh tế bị trả lại: Bổ sung kết quả nhiệm vụ II.4."
    assert note.url.endswith(f"/bao-cao/{period.pk}/{kinh_te.pk}/")
    event = AuditEvent.objects.get(action="plans.unit_report_return")
    assert event.actor == people.coordinator
    assert event.after == {"status": "returned", "comment": "Bổ sung kết quả nhiệm vụ II.4."}

    # The unit may now edit and submit again.
    save(period, kinh_te, people.officer, {four.pk: "Công khai dự toán 4 lần.", nine.pk: "Họp dân 3 thôn."})
    unit_report_submit(report=report, by=people.officer)
    report.refresh_from_db()
    assert report.status == UnitReport.Status.SUBMITTED
    assert report.entries.count() == 2
    assert AuditEvent.objects.filter(action="plans.unit_report_submit").count() == 2
    assert Notification.objects.filter(user=people.coordinator).count() >= 1


def test_transitions_outside_the_table_are_refused(period, kinh_te, people):
    draft = save(period, kinh_te, people.officer, figures="Số liệu.")
    with pytest.raises(ServiceError) as err:
        unit_report_return(report=draft, comment="Chưa nộp mà trả lại.", by=people.coordinator)
    assert err.value.message == "Không thể chuyển báo cáo từ “Đang soạn” sang “Trả lại để bổ sung”."
    draft.refresh_from_db()
    assert draft.status == UnitReport.Status.DRAFT

    unit_report_submit(report=draft, by=people.officer)
    with pytest.raises(ServiceError) as err:
        unit_report_submit(report=draft, by=people.officer)
    assert err.value.message == "Không thể chuyển báo cáo từ “Đã nộp” sang “Đã nộp”."

    unit_report_return(report=draft, comment="Bổ sung.", by=people.coordinator)
    with pytest.raises(ServiceError, match="từ “Trả lại để bổ sung” sang “Trả lại để bổ sung”"):
        unit_report_return(report=draft, comment="Lần nữa.", by=people.coordinator)
    assert AuditEvent.objects.filter(action="plans.unit_report_submit").count() == 1
    assert AuditEvent.objects.filter(action="plans.unit_report_return").count() == 1
