"""reminders_send: units hear of tasks coming due or missed, and of reports they still owe; each once."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from danvan.comms.models import Notification
from danvan.comms.outbox import deliver_due
from danvan.org.models import Role, Unit
from danvan.org.services import membership_grant, membership_revoke
from danvan.plans.models import ReportingPeriod
from danvan.plans.services import reminders_send, task_progress_add, unit_report_save, unit_report_submit
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

# In the demo plan, Văn phòng HĐND và UBND leads II.2 "trước ngày 31/3/2026"; II.7.1 (28/02) is led by
# Phòng Văn hóa – Xã hội, which has no members here; Phòng Kinh tế leads only an ongoing task (II.9).
DUE = date(2026, 3, 31)


def officer_of(commune, unit_name: str, username: str, email: str = ""):
    user = make_user(username, "Phạm Quốc Huy")
    if email:
        user.email = email
        user.save(update_fields=["email"])
    unit = Unit.objects.get(commune=commune, name=unit_name)
    membership_grant(user=user, role=Role.UNIT_OFFICER, commune=commune, unit=unit, by=None)
    return user


@pytest.fixture
def vanphong(commune):
    """An officer of the unit leading II.2."""
    return officer_of(commune, "Văn phòng HĐND và UBND", "vanphong")


def task_notes(user):
    return list(Notification.objects.filter(user=user, key__startswith="task:"))


def period_notes(user):
    return list(Notification.objects.filter(user=user, key__startswith="period:"))


def test_a_task_due_in_two_days_reminds_the_lead_unit_once(issued_plan, vanphong, people, commune):
    task = issued_plan.tasks.get(ref="II.2")
    assert reminders_send(today=date(2026, 3, 29)) == 1
    (note,) = task_notes(vanphong)
    assert note.text.startswith("Nhiệm vụ II.2 đến hạn ngày 31/03/2026: Rà soát, sửa đổi Quy chế")
    assert note.url == f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/"
    assert note.commune == commune
    # Partner units, the coordinator and the leader are not reminded of another unit's task.
    assert not Notification.objects.exclude(user=vanphong).exists()
    # The next run, the same day or the next, does not repeat it.
    assert reminders_send(today=date(2026, 3, 29)) == 0
    assert reminders_send(today=date(2026, 3, 30)) == 0
    assert len(task_notes(vanphong)) == 1


def test_no_reminder_before_the_window(issued_plan, vanphong):
    assert reminders_send(today=date(2026, 3, 27)) == 0
    assert not Notification.objects.exists()


def test_a_missed_task_is_reported_late_once(issued_plan, vanphong):
    reminders_send(today=date(2026, 3, 29))
    assert reminders_send(today=date(2026, 4, 1)) == 1
    assert reminders_send(today=date(2026, 4, 2)) == 0
    texts = [n.text for n in task_notes(vanphong)]
    assert len(texts) == 2
    late = [t for t in texts if "quá hạn" in t]
    assert late == [texts[0]] or late == [texts[1]]
    assert late[0].startswith("Nhiệm vụ II.2 đã quá hạn (31/03/2026): Rà soát")


def test_a_done_task_is_not_reminded(issued_plan, vanphong):
    task = issued_plan.tasks.get(ref="II.2")
    task_progress_add(task=task, text="Đã ban hành quy chế sửa đổi.", status="done", by=vanphong)
    assert reminders_send(today=date(2026, 3, 29)) == 0
    assert reminders_send(today=date(2026, 4, 5)) == 0
    assert not Notification.objects.exists()


def test_a_task_in_progress_is_still_reminded(issued_plan, vanphong):
    task = issued_plan.tasks.get(ref="II.2")
    task_progress_add(task=task, text="Đang lấy ý kiến.", status="in_progress", percent=60, by=vanphong)
    assert reminders_send(today=date(2026, 3, 29)) == 1


def test_ongoing_tasks_are_never_reminded(issued_plan, people):
    # The officer's unit leads only II.9 "Thường xuyên" and joins II.4 "Thường xuyên".
    for today in [
        date(2026, 1, 25),
        date(2026, 3, 29),
        date(2026, 7, 1),
        date(2026, 12, 30),
        date(2027, 1, 5),
    ]:
        reminders_send(today=today)
    assert task_notes(people.officer) == []


def test_a_draft_plan_sends_nothing(draft_plan, vanphong):
    assert reminders_send(today=date(2026, 3, 29)) == 0
    assert reminders_send(today=date(2026, 6, 9)) == 0
    assert not Notification.objects.exists()


def test_a_former_member_is_not_reminded(issued_plan, vanphong):
    membership_revoke(membership=vanphong.memberships.get(), by=None)
    assert reminders_send(today=date(2026, 3, 29)) == 0


# --- reports owed for a period -------------------------------------------------------------------


@pytest.fixture
def six_months(issued_plan) -> ReportingPeriod:
    return issued_plan.periods.get(direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE, kind="six_months")


def test_units_that_have_not_reported_are_reminded_before_the_period_is_due(
    issued_plan, six_months, vanphong, people, commune
):
    kinh_te = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    office = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    report = unit_report_save(
        period=six_months, unit=office, entries={}, figures="Đã tiếp 40 lượt.", by=vanphong
    )
    unit_report_submit(report=report, by=vanphong)

    reminders_send(today=date(2026, 6, 8))
    (note,) = period_notes(people.officer)
    assert note.text == "Sắp đến hạn nộp Báo cáo 6 tháng: 10/06/2026."
    assert (
        note.url
        == f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/bao-cao/{six_months.pk}/{kinh_te.pk}/"
    )
    # The unit that already submitted hears nothing about the period.
    assert period_notes(vanphong) == []
    # Once only.
    reminders_send(today=date(2026, 6, 9))
    assert len(period_notes(people.officer)) == 1


def test_a_unit_still_owing_after_the_due_date_is_told_it_is_late(issued_plan, six_months, people):
    reminders_send(today=date(2026, 6, 12))
    texts = [n.text for n in period_notes(people.officer)]
    assert texts == ["Phòng Kinh tế chưa nộp Báo cáo 6 tháng (hạn 10/06/2026)."]


def test_a_draft_report_still_counts_as_not_submitted(issued_plan, six_months, people, commune):
    kinh_te = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    unit_report_save(period=six_months, unit=kinh_te, entries={}, figures="Đang viết.", by=people.officer)
    reminders_send(today=date(2026, 6, 8))
    assert len(period_notes(people.officer)) == 1


def test_a_partner_unit_that_owes_a_report_is_reminded(issued_plan, six_months, commune):
    # Ban Chỉ huy Quân sự only joins tasks (II.10, II.11); the period page lists it as owing a report.
    militia = officer_of(commune, "Ban Chỉ huy Quân sự", "quansu")
    reminders_send(today=date(2026, 6, 8))
    assert [n.text for n in period_notes(militia)] == ["Sắp đến hạn nộp Báo cáo 6 tháng: 10/06/2026."]


def test_province_reports_do_not_remind_units(issued_plan, people):
    to_province = issued_plan.periods.filter(direction=ReportingPeriod.Direction.COMMUNE_TO_PROVINCE)
    reminders_send(today=date(2026, 11, 18))  # the province's year report is due 20/11
    keys = set(Notification.objects.values_list("key", flat=True))
    assert not any(key.startswith(f"period:{p.pk}:") for p in to_province for key in keys)


# --- e-mail ---------------------------------------------------------------------------------------


def test_a_member_with_an_email_gets_one_message_after_commit(
    issued_plan, commune, django_capture_on_commit_callbacks
):
    officer_of(commune, "Văn phòng HĐND và UBND", "vanphong", email="vanphong@tadung.example.vn")
    officer_of(commune, "Văn phòng HĐND và UBND", "vanphong2")  # no address: in-app only
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=date(2026, 3, 29)) == 2
    deliver_due()  # the worker sends the queued e-mail
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["vanphong@tadung.example.vn"]
    assert message.subject.startswith("[Dân Vận Số] Nhiệm vụ II.2 đến hạn ngày 31/03/2026")
    assert f"/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/nhiem-vu/" in message.body
    # Nothing new, nothing sent.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=date(2026, 3, 29)) == 0
    deliver_due()
    assert len(mail.outbox) == 1


def test_no_email_leaves_before_commit(issued_plan, commune, django_capture_on_commit_callbacks):
    officer_of(commune, "Văn phòng HĐND và UBND", "vanphong", email="vanphong@tadung.example.vn")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        reminders_send(today=date(2026, 3, 29))
    assert mail.outbox == []
    assert len(callbacks) == 1
