"""Up to the province: the commune's own reporting deadlines to the province (kỳ báo cáo chiều
xã → tỉnh), marking a report as sent, reminding the coordinator and leaders, and who is late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import QuerySet

from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.org.models import Membership, Role
from danvan.plans.models import Plan, ProvinceSubmission, ReportingPeriod
from danvan.plans.rules import REMIND_BEFORE_DAYS

# A missed deadline is reminded about for a month, then left to the province's list.
LATE_REMIND_DAYS = 30
# The leader's home shows the deadlines of the coming weeks, and every missed one not yet sent.
HOME_AHEAD_DAYS = 30


def province_periods() -> QuerySet[ReportingPeriod]:
    """Deadlines to the province set by a commune's own plan in force (not units' or villages' plans)."""
    return ReportingPeriod.objects.filter(
        direction=ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
        plan__status=Plan.Status.ISSUED,
        plan__unit__isnull=True,
        plan__village__isnull=True,
    )


def province_report_mark_sent(
    *, period: ReportingPeriod, sent_on: date | None, reference: str = "", by, today: date
) -> ProvinceSubmission:
    """Đã gửi báo cáo lên tỉnh: the day it left and its number; once per period."""
    reference = " ".join((reference or "").split())
    if period.direction != ReportingPeriod.Direction.COMMUNE_TO_PROVINCE:
        raise ServiceError("Kỳ báo cáo này do các đơn vị nộp UBND xã, không gửi tỉnh.", code="not_province")
    if sent_on is None:
        raise ServiceError("Vui lòng nhập ngày gửi báo cáo.", field="sent_on")
    if sent_on > today:
        raise ServiceError("Ngày gửi không được sau hôm nay.", field="sent_on")
    if len(reference) > 60:
        raise ServiceError("Số, ký hiệu dài quá 60 ký tự.", field="reference")
    with transaction.atomic():
        period = ReportingPeriod.objects.select_for_update().select_related("plan__commune").get(pk=period.pk)
        if period.plan.status != Plan.Status.ISSUED:
            raise ServiceError("Chỉ ghi nhận báo cáo theo kế hoạch đang thực hiện.", code="not_issued")
        if ProvinceSubmission.objects.filter(period=period).exists():
            raise ServiceError("Kỳ báo cáo này đã ghi nhận gửi tỉnh.", code="already_sent")
        submission = ProvinceSubmission.objects.create(
            period=period,
            sent_on=sent_on,
            reference=reference,
            by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action="plans.province_report_sent",
            obj=period,
            commune=period.plan.commune,
            after={
                "sent_on": sent_on.isoformat(),
                "reference": reference,
                "due": period.due_date.isoformat(),
            },
        )
    return submission


def province_reminders_send(*, today: date) -> int:
    """Remind each commune's coordinator and leaders of a report to the province coming due or
    missed and not yet sent; each reminder goes once."""
    soon = today + timedelta(days=REMIND_BEFORE_DAYS)
    periods = list(
        province_periods()
        .filter(
            submission__isnull=True,
            due_date__lte=soon,
            due_date__gte=today - timedelta(days=LATE_REMIND_DAYS),
        )
        .select_related("plan__commune")
    )
    communes = {p.plan.commune_id for p in periods}
    people: dict[str, list] = {}
    for m in Membership.objects.filter(
        commune__in=communes, role__in=[Role.COORDINATOR, Role.COMMUNE_LEADER], is_active=True
    ).select_related("user"):
        people.setdefault(m.commune_id, []).append(m.user)
    sent = 0
    for period in periods:
        commune = period.plan.commune
        late = period.due_date < today
        to = period.recipient or "cấp tỉnh"
        text = (
            f"UBND xã chưa gửi {period.name} cho {to}: đã quá hạn {period.due_date:%d/%m/%Y}."
            if late
            else f"Sắp đến hạn gửi {period.name} cho {to}: {period.due_date:%d/%m/%Y}."
        )
        sent += len(
            notify(
                users=people.get(commune.code, []),
                text=text,
                key=f"period:{period.pk}:province:{'late' if late else 'soon'}",
                url=f"/lam-viec/{commune.code}/ke-hoach/{period.plan_id}/bao-cao/{period.pk}/",
                commune=commune,
            )
        )
    return sent


@dataclass
class ProvinceDeadline:
    period: ReportingPeriod
    submission: ProvinceSubmission | None
    today: date

    @property
    def late(self) -> bool:
        """Not sent by its date, or sent after it."""
        if self.submission is None:
            return self.period.due_date < self.today
        return self.submission.sent_on > self.period.due_date

    @property
    def label(self) -> str:
        if self.submission is None:
            return "Chưa gửi, quá hạn" if self.late else "Chưa gửi"
        return f"Gửi ngày {self.submission.sent_on:%d/%m/%Y}" + (" (chậm)" if self.late else "")


def _deadlines(qs, today: date) -> list[ProvinceDeadline]:
    rows = []
    for period in qs.select_related("plan__commune", "submission"):
        # A missing reverse one-to-one raises an AttributeError subclass: getattr's default covers it.
        rows.append(ProvinceDeadline(period, getattr(period, "submission", None), today))
    return rows


def commune_deadlines(*, commune, today: date) -> list[ProvinceDeadline]:
    """The leader's home: deadlines to the province in the coming weeks, and missed ones unsent (1 query)."""
    qs = province_periods().filter(
        plan__commune=commune, submission__isnull=True, due_date__lte=today + timedelta(days=HOME_AHEAD_DAYS)
    )
    return _deadlines(qs.order_by("due_date", "pk"), today)


def province_deadlines(*, province, year: int, today: date) -> list[ProvinceDeadline]:
    """Every active commune's deadlines to the province in a year, late ones first (1 query)."""
    qs = province_periods().filter(
        plan__commune__province=province, plan__commune__is_active=True, due_date__year=year
    )
    rows = _deadlines(qs, today)
    rows.sort(key=lambda r: (not r.late, r.period.due_date, r.period.plan.commune.name))
    return rows
