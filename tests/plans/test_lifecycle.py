"""A plan's life: issue, close; progress on its tasks; units' own plans implementing it."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans.models import Plan, Task, TaskProgress
from danvan.plans.services import (
    plan_close,
    plan_issue,
    subplan_create,
    task_progress_add,
)

pytestmark = pytest.mark.django_db

ISSUED_ON = date(2026, 1, 20)


def unit(commune, name: str) -> Unit:
    return Unit.objects.get(commune=commune, name=name)


# --- issue and close --------------------------------------------------------------------------------


@pytest.mark.parametrize("number", ["18/KH-UBND", "05/KH-UBND", "123a/KH-UBND", " 18/KH-UBND "])
def test_issue_accepts_a_plan_number(draft_plan, people, number):
    plan = plan_issue(plan=draft_plan, number=number, issued_on=ISSUED_ON, by=people.coordinator)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ISSUED
    assert plan.number == number.strip()
    assert plan.issued_on == ISSUED_ON


@pytest.mark.parametrize("number", ["abc", "", "18", "KH-UBND", "18/KH UBND", "18 / KH-UBND"])
def test_issue_refuses_a_malformed_number(draft_plan, people, number):
    with pytest.raises(ServiceError) as err:
        plan_issue(plan=draft_plan, number=number, issued_on=ISSUED_ON, by=people.coordinator)
    assert err.value.message == "Số kế hoạch chưa đúng dạng, ví dụ 18/KH-UBND."
    assert err.value.field == "number"
    draft_plan.refresh_from_db()
    assert draft_plan.status == Plan.Status.DRAFT
    assert not AuditEvent.objects.filter(action="plans.plan_issued").exists()


def test_issue_refuses_a_missing_date(draft_plan, people):
    with pytest.raises(ServiceError) as err:
        plan_issue(plan=draft_plan, number="18/KH-UBND", issued_on=None, by=people.coordinator)
    assert err.value.message == "Vui lòng nhập ngày ban hành."
    draft_plan.refresh_from_db()
    assert draft_plan.status == Plan.Status.DRAFT


def test_issue_sets_the_year_when_the_plan_had_none(draft_plan, people):
    Plan.objects.filter(pk=draft_plan.pk).update(year=None, number="", issued_on=None)
    draft_plan.refresh_from_db()
    plan = plan_issue(plan=draft_plan, number="7/KH-UBND", issued_on=date(2026, 2, 3), by=people.leader)
    plan.refresh_from_db()
    assert (plan.number, plan.issued_on, plan.year) == ("7/KH-UBND", date(2026, 2, 3), 2026)


def test_issue_is_audited_with_before_and_after(draft_plan, people):
    Plan.objects.filter(pk=draft_plan.pk).update(number="", issued_on=None)
    draft_plan.refresh_from_db()
    plan_issue(plan=draft_plan, number="18/KH-UBND", issued_on=ISSUED_ON, by=people.coordinator)
    event = AuditEvent.objects.get(action="plans.plan_issued")
    assert event.actor == people.coordinator
    assert event.commune == draft_plan.commune
    assert event.object_id == str(draft_plan.pk)
    assert event.before == {"status": "draft", "number": "", "issued_on": None, "year": 2026}
    assert event.after == {
        "status": "issued",
        "number": "18/KH-UBND",
        "issued_on": "2026-01-20",
        "year": 2026,
    }


def test_issuing_twice_is_refused(issued_plan, people):
    with pytest.raises(ServiceError) as err:
        plan_issue(plan=issued_plan, number="19/KH-UBND", issued_on=date(2026, 2, 1), by=people.coordinator)
    assert err.value.message == "Không thể chuyển kế hoạch từ “Đã ban hành” sang “Đã ban hành”."
    issued_plan.refresh_from_db()
    assert (issued_plan.number, issued_plan.issued_on) == ("18/KH-UBND", ISSUED_ON)
    assert AuditEvent.objects.filter(action="plans.plan_issued").count() == 1


def test_draft_to_issued_to_closed(draft_plan, people):
    plan_issue(plan=draft_plan, number="18/KH-UBND", issued_on=ISSUED_ON, by=people.coordinator)
    plan = plan_close(plan=draft_plan, by=people.leader)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.CLOSED
    event = AuditEvent.objects.get(action="plans.plan_closed")
    assert event.actor == people.leader
    assert (event.before["status"], event.after["status"]) == ("issued", "closed")


def test_a_draft_cannot_be_closed(draft_plan, people):
    with pytest.raises(ServiceError) as err:
        plan_close(plan=draft_plan, by=people.coordinator)
    assert err.value.message == "Không thể chuyển kế hoạch từ “Dự thảo” sang “Đã kết thúc”."
    draft_plan.refresh_from_db()
    assert draft_plan.status == Plan.Status.DRAFT


def test_a_closed_plan_cannot_be_issued_or_closed_again(issued_plan, people):
    plan_close(plan=issued_plan, by=people.coordinator)
    with pytest.raises(ServiceError, match="từ “Đã kết thúc”"):
        plan_close(plan=issued_plan, by=people.coordinator)
    with pytest.raises(ServiceError, match="từ “Đã kết thúc”"):
        plan_issue(plan=issued_plan, number="18/KH-UBND", issued_on=ISSUED_ON, by=people.coordinator)
    assert AuditEvent.objects.filter(action="plans.plan_closed").count() == 1


# --- progress -----------------------------------------------------------------------------------


def test_progress_updates_the_task_and_keeps_history(issued_plan, people, commune):
    task = issued_plan.tasks.get(ref="II.9")
    kinh_te = unit(commune, "Phòng Kinh tế")
    progress = task_progress_add(
        task=task,
        text="Đã họp dân 3 thôn về phương án đền bù đường liên thôn.",
        status=Task.Status.IN_PROGRESS,
        percent=40,
        unit=kinh_te,
        by=people.officer,
    )
    task.refresh_from_db()
    assert (task.status, task.percent) == (Task.Status.IN_PROGRESS, 40)
    row = TaskProgress.objects.get(task=task)
    assert row == progress
    assert (row.status, row.percent, row.unit, row.by) == (
        Task.Status.IN_PROGRESS,
        40,
        kinh_te,
        people.officer,
    )
    assert row.text == "Đã họp dân 3 thôn về phương án đền bù đường liên thôn."
    event = AuditEvent.objects.get(action="plans.task_progress_add")
    assert event.actor == people.officer
    assert event.commune == commune
    assert event.before == {"status": "not_started", "percent": None}
    assert event.after["status"] == "in_progress" and event.after["percent"] == 40


def test_each_update_is_a_new_history_row(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.2")
    task_progress_add(
        task=task, text="Đã dự thảo quy chế.", status="in_progress", percent=50, by=people.coordinator
    )
    task_progress_add(
        task=task, text="Đã ban hành quy chế.", status="done", percent=100, by=people.coordinator
    )
    assert list(task.progress.values_list("text", flat=True)) == [
        "Đã ban hành quy chế.",
        "Đã dự thảo quy chế.",
    ]
    task.refresh_from_db()
    assert (task.status, task.percent) == ("done", 100)


def test_done_without_percent_is_100(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.7.1")
    progress = task_progress_add(
        task=task, text="Các đơn vị đã đăng ký mô hình.", status="done", by=people.coordinator
    )
    task.refresh_from_db()
    assert (task.status, task.percent, progress.percent) == ("done", 100, 100)


def test_an_update_without_percent_keeps_the_last_one(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.2")
    task_progress_add(
        task=task, text="Bắt đầu rà soát.", status="in_progress", percent=30, by=people.coordinator
    )
    task_progress_add(task=task, text="Đang lấy ý kiến.", status="in_progress", by=people.coordinator)
    task.refresh_from_db()
    assert task.percent == 30


def _progress_refused(task, message: str, **kwargs):
    before = (task.status, task.percent, TaskProgress.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ServiceError) as err:
        task_progress_add(task=task, **kwargs)
    assert err.value.message == message
    task.refresh_from_db()
    assert (task.status, task.percent, TaskProgress.objects.count(), AuditEvent.objects.count()) == before


def test_an_ongoing_task_cannot_be_done(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.1")
    assert task.timeframe == "ongoing"
    _progress_refused(
        task,
        "Nhiệm vụ thường xuyên không có trạng thái “Hoàn thành”; hãy ghi kết quả của kỳ này.",
        text="Đã tuyên truyền quý I.",
        status="done",
        by=people.coordinator,
    )


@pytest.mark.parametrize("percent", [120, 101, -5])
def test_percent_out_of_range_is_refused(issued_plan, people, percent):
    _progress_refused(
        issued_plan.tasks.get(ref="II.2"),
        "Tiến độ phải từ 0 đến 100%.",
        text="Đã làm.",
        status="in_progress",
        percent=percent,
        by=people.coordinator,
    )


def test_empty_text_or_unknown_status_is_refused(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.2")
    _progress_refused(
        task, "Vui lòng ghi kết quả thực hiện.", text="   ", status="in_progress", by=people.coordinator
    )
    _progress_refused(
        task, "Trạng thái không hợp lệ.", text="Đã làm.", status="finished", by=people.coordinator
    )


def test_a_closed_plan_refuses_progress(issued_plan, people):
    plan_close(plan=issued_plan, by=people.coordinator)
    _progress_refused(
        issued_plan.tasks.get(ref="II.2"),
        "Kế hoạch đã kết thúc, không cập nhật tiến độ được nữa.",
        text="Cập nhật muộn.",
        status="done",
        by=people.coordinator,
    )


# --- units' own plans ---------------------------------------------------------------------------


def test_subplan_copies_the_units_tasks(issued_plan, people, commune):
    kinh_te = unit(commune, "Phòng Kinh tế")
    child = subplan_create(parent=issued_plan, unit=kinh_te, by=people.officer)
    assert child.status == Plan.Status.DRAFT
    assert (child.parent, child.unit, child.commune, child.year) == (issued_plan, kinh_te, commune, 2026)
    assert child.created_by == people.officer
    # Phòng Kinh tế leads II.9 and joins II.4 in the demo plan.
    sources = issued_plan.tasks.filter(ref__in=["II.4", "II.9"]).order_by("order")
    copies = list(child.tasks.order_by("order"))
    assert [c.source_task for c in copies] == list(sources)
    for copy, source in zip(copies, sources, strict=True):
        assert (copy.ref, copy.content, copy.timeframe, copy.due_date) == (
            source.ref,
            source.content,
            source.timeframe,
            source.due_date,
        )
        assert list(copy.lead_units.all()) == [kinh_te]
        assert copy.status == Task.Status.NOT_STARTED
    # The commune's plan itself is unchanged.
    assert issued_plan.tasks.count() == 22
    event = AuditEvent.objects.get(action="plans.subplan_create")
    assert event.after == {"parent": issued_plan.pk, "unit": "Phòng Kinh tế", "tasks": 2}


def test_a_unit_with_no_tasks_cannot_make_a_subplan(issued_plan, people, commune):
    idle = Unit.objects.create(commune=commune, name="Hội Người cao tuổi")
    before = Plan.objects.count()
    with pytest.raises(ServiceError) as err:
        subplan_create(parent=issued_plan, unit=idle, by=people.coordinator)
    assert err.value.message == "Hội Người cao tuổi không được giao nhiệm vụ nào trong kế hoạch này."
    assert Plan.objects.count() == before
    assert not AuditEvent.objects.filter(action="plans.subplan_create").exists()


def test_another_communes_unit_cannot_make_a_subplan(issued_plan, people, other_commune):
    foreign = Unit.objects.get(commune=other_commune, name="Phòng Kinh tế")
    before = Plan.objects.count()
    with pytest.raises(ServiceError) as err:
        subplan_create(parent=issued_plan, unit=foreign, by=people.coordinator)
    assert err.value.message == "Đơn vị không thuộc xã của kế hoạch."
    assert Plan.objects.count() == before


def test_a_closed_plan_gets_no_subplan(issued_plan, people, commune):
    closed = plan_close(plan=issued_plan, by=people.coordinator)
    with pytest.raises(ServiceError, match="Kế hoạch đã kết thúc"):
        subplan_create(parent=closed, unit=unit(commune, "Phòng Kinh tế"), by=people.coordinator)
    assert not Plan.objects.filter(parent=issued_plan).exists()
