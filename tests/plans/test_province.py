"""Up to the province: the commune's own deadlines remind its coordinator and leader, show on the
home page, and the province sees which communes are late; a report is marked sent once."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.plans.models import ProvinceSubmission, ReportingPeriod
from danvan.plans.province import (
    commune_deadlines,
    province_deadlines,
    province_reminders_send,
    province_report_mark_sent,
)
from danvan.plans.services import plan_issue
from tests.plans.conftest import import_demo

pytestmark = pytest.mark.django_db

# The demo plan's reports to the province: "Báo cáo 6 tháng" by 15/06/2026, "Báo cáo năm" by 20/11/2026.
BEFORE_JUNE = date(2026, 6, 13)
AFTER_JUNE = date(2026, 6, 20)


@pytest.fixture
def six_months(issued_plan) -> ReportingPeriod:
    return issued_plan.periods.get(direction=ReportingPeriod.Direction.COMMUNE_TO_PROVINCE, kind="six_months")


def keys_for(user) -> set[str]:
    return set(Notification.objects.filter(user=user).values_list("key", flat=True))


def test_coming_deadline_reminds_coordinator_and_leader_once(six_months, people):
    sent = province_reminders_send(today=BEFORE_JUNE)
    key = f"period:{six_months.pk}:province:soon"
    assert key in keys_for(people.coordinator) and key in keys_for(people.leader)
    assert key not in keys_for(people.officer)  # units do not send the commune's report
    assert sent == 2
    assert province_reminders_send(today=BEFORE_JUNE) == 0
    text = Notification.objects.get(user=people.leader, key=key).text
    assert "15/06/2026" in text and "Sở Nội vụ" in text


def test_missed_deadline_reminds_late_unless_sent(six_months, people):
    province_reminders_send(today=AFTER_JUNE)
    assert f"period:{six_months.pk}:province:late" in keys_for(people.leader)
    Notification.objects.all().delete()
    province_report_mark_sent(
        period=six_months,
        sent_on=date(2026, 6, 18),
        reference="95/BC-UBND",
        by=people.coordinator,
        today=AFTER_JUNE,
    )
    assert province_reminders_send(today=AFTER_JUNE) == 0


def test_mark_sent_once_and_audited(six_months, people):
    submission = province_report_mark_sent(
        period=six_months,
        sent_on=date(2026, 6, 14),
        reference="90/BC-UBND",
        by=people.coordinator,
        today=AFTER_JUNE,
    )
    assert submission.reference == "90/BC-UBND"
    assert AuditEvent.objects.filter(action="plans.province_report_sent").count() == 1
    with pytest.raises(ServiceError, match="đã ghi nhận"):
        province_report_mark_sent(
            period=six_months, sent_on=date(2026, 6, 14), by=people.coordinator, today=AFTER_JUNE
        )


@pytest.mark.parametrize(("sent_on", "field"), [(None, "sent_on"), (date(2026, 7, 1), "sent_on")])
def test_mark_sent_bad_dates(six_months, people, sent_on, field):
    with pytest.raises(ServiceError) as err:
        province_report_mark_sent(period=six_months, sent_on=sent_on, by=people.coordinator, today=AFTER_JUNE)
    assert err.value.field == field
    assert not ProvinceSubmission.objects.exists()


def test_units_period_is_not_sent_to_province(issued_plan, people):
    units = issued_plan.periods.filter(direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE).first()
    with pytest.raises(ServiceError, match="không gửi tỉnh"):
        province_report_mark_sent(
            period=units, sent_on=date(2026, 6, 1), by=people.coordinator, today=AFTER_JUNE
        )


def test_home_lists_coming_and_missed_unsent(six_months, people, commune):
    rows = commune_deadlines(commune=commune, today=AFTER_JUNE)
    assert [(r.period, r.late) for r in rows] == [(six_months, True)]
    province_report_mark_sent(period=six_months, sent_on=AFTER_JUNE, by=people.coordinator, today=AFTER_JUNE)
    assert commune_deadlines(commune=commune, today=AFTER_JUNE) == []


def test_province_sees_which_communes_are_late(
    six_months, people, commune, neighbour, other_commune, lam_dong
):
    # Given the neighbour has the same plan, issued, and sent its 6-month report on time
    other_plan = plan_issue(
        plan=import_demo(neighbour, people.coordinator),
        number="20/KH-UBND",
        issued_on=date(2026, 1, 22),
        by=people.coordinator,
    )
    theirs = other_plan.periods.get(direction="province", kind="six_months")
    province_report_mark_sent(
        period=theirs, sent_on=date(2026, 6, 15), by=people.coordinator, today=AFTER_JUNE
    )
    # When the province looks after the deadline
    rows = province_deadlines(province=lam_dong, year=2026, today=AFTER_JUNE)
    # Then Tà Đùng's missing report comes first, late; Quảng Hòa's is on time; other provinces are absent
    assert rows[0].period == six_months and rows[0].late and rows[0].label == "Chưa gửi, quá hạn"
    on_time = next(r for r in rows if r.period == theirs)
    assert not on_time.late and on_time.label == "Gửi ngày 15/06/2026"
    assert {r.period.plan.commune_id for r in rows} == {commune.code, neighbour.code}


def test_sent_after_the_date_is_late(six_months, people, lam_dong):
    province_report_mark_sent(
        period=six_months, sent_on=date(2026, 6, 17), by=people.coordinator, today=AFTER_JUNE
    )
    row = next(
        r
        for r in province_deadlines(province=lam_dong, year=2026, today=AFTER_JUNE)
        if r.period == six_months
    )
    assert row.late and row.label.endswith("(chậm)")
