"""Điều chỉnh kế hoạch: each change needs a reason, leaves a history entry and an audit record, tells
the units it touches, and a cancelled task stops counting as late."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Unit
from danvan.plans import adjustments, selectors
from danvan.plans.models import Plan, Task, TaskChange, Timeframe
from danvan.plans.report_sections import PlansSection
from danvan.plans.services import plan_close, reminders_send, task_progress_add

pytestmark = pytest.mark.django_db

AFTER_MARCH = date(2026, 4, 10)  # II.2 (before 31/03/2026) is late by then


def unit(commune, name: str) -> Unit:
    return Unit.objects.get(commune=commune, name=name)


def notes_for(user) -> list[str]:
    return list(Notification.objects.filter(user=user).values_list("text", flat=True))


def test_edit_records_who_what_and_why(issued_plan, people):
    # Given an issued plan, when the coordinator rewrites a task with a reason
    task = issued_plan.tasks.get(ref="II.9")
    old = task.content
    adjustments.task_edit(
        task=task,
        content="Bảo đảm dân chủ trong bồi thường, tái định cư.",
        reason="Theo chỉ đạo",
        by=people.coordinator,
    )
    # Then the task changed and its history says from → to and why
    task.refresh_from_db()
    assert task.content == "Bảo đảm dân chủ trong bồi thường, tái định cư."
    change = task.changes.get()
    assert change.kind == TaskChange.Kind.EDIT
    assert change.by == people.coordinator
    assert change.reason == "Theo chỉ đạo"
    assert change.changes == [{"field": "Nội dung", "before": old, "after": task.content}]
    event = AuditEvent.objects.get(action="plans.task_edit")
    assert event.commune_id == issued_plan.commune_id
    assert event.after["lý do"] == "Theo chỉ đạo"
    # And the lead unit's officer (Phòng Kinh tế) got a notice
    assert any("Theo chỉ đạo" in t for t in notes_for(people.officer))


@pytest.mark.parametrize("reason", ["", "   "])
def test_every_change_needs_a_reason(issued_plan, people, reason):
    task = issued_plan.tasks.get(ref="II.9")
    with pytest.raises(ServiceError) as err:
        adjustments.task_cancel(task=task, reason=reason, by=people.coordinator)
    assert err.value.field == "reason"
    task.refresh_from_db()
    assert task.status == Task.Status.NOT_STARTED
    assert not TaskChange.objects.exists()


def test_unchanged_edit_is_refused(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.9")
    with pytest.raises(ServiceError, match="không thay đổi"):
        adjustments.task_edit(task=task, content=task.content, reason="x", by=people.coordinator)
    assert not TaskChange.objects.exists()


def test_reassign_tells_old_and_new_units(issued_plan, people, commune):
    # Given II.9 is led by Phòng Kinh tế (the officer's unit)
    task = issued_plan.tasks.get(ref="II.9")
    vhxh = unit(commune, "Phòng Văn hóa – Xã hội")
    # When it is given to Phòng Văn hóa – Xã hội alone
    adjustments.task_reassign(
        task=task, lead_units=[vhxh], coordinating_units=[vhxh], reason="Phân công lại", by=people.coordinator
    )
    # Then the lead changed, a unit is never both lead and partner, and the old unit heard of it
    assert list(task.lead_units.all()) == [vhxh]
    assert list(task.coordinating_units.all()) == []
    change = task.changes.get()
    assert {
        "field": "Chủ trì",
        "before": "Phòng Kinh tế",
        "after": "Phòng Văn hóa – Xã hội",
    } in change.changes
    assert notes_for(people.officer)
    # And the task is no longer in the old unit's "my tasks"
    rows = selectors.tasks_of_units(units=[unit(commune, "Phòng Kinh tế")], today=AFTER_MARCH)
    assert task.pk not in {r.task.pk for r in rows}


def test_reassign_refuses_another_communes_unit(issued_plan, people, other_commune):
    task = issued_plan.tasks.get(ref="II.9")
    foreign = Unit.objects.filter(commune=other_commune).first()
    with pytest.raises(ServiceError, match="không thuộc xã"):
        adjustments.task_reassign(
            task=task, lead_units=[foreign], coordinating_units=[], reason="x", by=people.coordinator
        )
    assert task.lead_units.filter(name="Phòng Kinh tế").exists()


def test_redate_moves_a_late_task_out_of_late(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.2")
    assert selectors.is_late(task, AFTER_MARCH)
    adjustments.task_redate(
        task=task,
        timeframe=Timeframe.BY_DATE,
        due_date=date(2026, 5, 31),
        reason="Chờ hướng dẫn của tỉnh",
        by=people.coordinator,
    )
    task.refresh_from_db()
    assert not selectors.is_late(task, AFTER_MARCH)
    assert task.changes.get().changes == [
        {"field": "Thời gian", "before": "Trước ngày 31/03/2026", "after": "Trước ngày 31/05/2026"}
    ]


def test_redate_dated_needs_a_date_and_ongoing_drops_it(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.2")
    with pytest.raises(ServiceError) as err:
        adjustments.task_redate(
            task=task, timeframe=Timeframe.BY_DATE, due_date=None, reason="x", by=people.coordinator
        )
    assert err.value.field == "due_date"
    adjustments.task_redate(
        task=task, timeframe=Timeframe.ONGOING, due_date=date(2026, 5, 1), reason="x", by=people.coordinator
    )
    task.refresh_from_db()
    assert (task.timeframe, task.due_date) == (Timeframe.ONGOING, None)


def test_cancelled_task_is_not_late_not_reminded_and_shown_cancelled(issued_plan, people, commune):
    # Given II.2, late after 31/03/2026
    task = issued_plan.tasks.get(ref="II.2")
    assert task.pk in {r.task.pk for r in selectors.late_tasks(commune=commune, today=AFTER_MARCH)}
    # When it is cancelled
    adjustments.task_cancel(task=task, reason="Đã thực hiện theo kế hoạch khác", by=people.coordinator)
    task.refresh_from_db()
    # Then it is cancelled, not late, not in the late list, not reminded, last in the overview
    assert task.status == Task.Status.CANCELLED
    assert not selectors.is_late(task, AFTER_MARCH)
    assert task.pk not in {r.task.pk for r in selectors.late_tasks(commune=commune, today=AFTER_MARCH)}
    Notification.objects.all().delete()
    reminders_send(today=AFTER_MARCH)
    assert not Notification.objects.filter(key__startswith=f"task:{task.pk}:").exists()
    overview = selectors.plan_overview(plan=issued_plan, today=AFTER_MARCH)
    assert overview.rows[-1].task == task and overview.rows[-1].cancelled
    assert overview.cancelled_count == 1
    assert overview.active_count == issued_plan.tasks.count() - 1
    # And the report section counts it apart, not as late nor in the total
    section = PlansSection().build(commune, date(2026, 1, 1), date(2026, 6, 30))
    text = " ".join(section.paragraphs)
    assert "1 nhiệm vụ đã hủy" in text
    assert f"có {issued_plan.tasks.count() - 1} nhiệm vụ" in text
    figures = {
        f.key: f.value
        for f in PlansSection().key_figures([commune], date(2026, 1, 1), date(2026, 6, 30))[commune.code]
    }
    assert figures["tasks_total"] == issued_plan.tasks.count() - 1


def test_cancelled_task_takes_no_progress_nor_more_changes(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.9")
    adjustments.task_cancel(task=task, reason="Không còn phù hợp", by=people.coordinator)
    with pytest.raises(ServiceError, match="đã hủy"):
        task_progress_add(task=task, text="Đã làm", status=Task.Status.IN_PROGRESS, by=people.officer)
    with pytest.raises(ServiceError, match="đã hủy"):
        adjustments.task_edit(task=task, content="Khác", reason="x", by=people.coordinator)


def test_add_puts_a_task_at_the_end_and_tells_its_units(issued_plan, people, commune):
    kt = unit(commune, "Phòng Kinh tế")
    task = adjustments.task_add(
        plan=issued_plan,
        ref="II.13",
        content="Tổ chức hội nghị đối thoại về chuyển đổi số.",
        lead_units=[kt],
        timeframe=Timeframe.BY_DATE,
        due_date=date(2026, 10, 15),
        reason="Bổ sung theo Kế hoạch của tỉnh",
        by=people.coordinator,
    )
    assert task.order == issued_plan.tasks.count()
    assert task.changes.get().kind == TaskChange.Kind.ADD
    rows = selectors.tasks_of_units(units=[kt], today=date(2026, 10, 1))
    row = next(r for r in rows if r.task == task)
    assert row.change.kind == TaskChange.Kind.ADD  # "Việc của tôi" shows the change
    assert any("II.13" in t for t in notes_for(people.officer))


def test_split_keeps_units_and_dates_and_places_parts_after(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.3.3")
    after = issued_plan.tasks.get(ref="II.4")
    parts = adjustments.task_split(
        task=task,
        parts=["Rà soát đơn thư tồn đọng.", "Giải quyết dứt điểm đơn thư tồn đọng."],
        reason="Hai việc, hai thời điểm",
        by=people.coordinator,
    )
    first, second = parts
    assert first.pk == task.pk and first.content == "Rà soát đơn thư tồn đọng."
    assert second.ref == "II.3.3.2" and second.due_date == task.due_date
    assert set(second.lead_units.all()) == set(task.lead_units.all())
    after.refresh_from_db()
    assert first.order < second.order < after.order
    assert second.changes.get().kind == TaskChange.Kind.SPLIT


def test_split_needs_two_parts(issued_plan, people):
    task = issued_plan.tasks.get(ref="II.9")
    before = issued_plan.tasks.count()
    with pytest.raises(ServiceError) as err:
        adjustments.task_split(task=task, parts=["Một phần"], reason="x", by=people.coordinator)
    assert err.value.field == "parts"
    assert issued_plan.tasks.count() == before


def test_closed_plan_cannot_change(issued_plan, people):
    plan_close(plan=issued_plan, by=people.coordinator)
    task = issued_plan.tasks.get(ref="II.9")
    with pytest.raises(ServiceError, match="đã kết thúc"):
        adjustments.task_cancel(task=task, reason="x", by=people.coordinator)
    with pytest.raises(ServiceError, match="đã kết thúc"):
        adjustments.task_add(plan=issued_plan, content="Mới", reason="x", by=people.coordinator)


def test_draft_changes_are_recorded_but_nobody_is_notified(draft_plan, people):
    assert draft_plan.status == Plan.Status.DRAFT
    task = draft_plan.tasks.get(ref="II.9")
    adjustments.task_cancel(task=task, reason="Soạn dự thảo kế hoạch", by=people.coordinator)
    assert task.changes.count() == 1
    assert not Notification.objects.exists()
