"""Plans once issued: units' progress on their tasks, units' periodic reports (save, submit, return)
and the daily reminders of both."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.org.models import Membership, Role, Unit
from danvan.plans.models import (
    Plan,
    ReportingPeriod,
    Task,
    TaskProgress,
    Timeframe,
    UnitReport,
    UnitReportEntry,
)
from danvan.plans.rules import (
    CLOSED_TASK_STATUSES,
    DATED,
    REMIND_BEFORE_DAYS,
    REPORT_TRANSITIONS,
)

# --- progress ------------------------------------------------------------------------------------


def task_progress_add(
    *,
    task: Task,
    text: str,
    status: str,
    percent: int | None = None,
    attachment=None,
    unit: Unit | None = None,
    by,
) -> TaskProgress:
    """Cập nhật tiến độ: what was done, the new status and percentage, optional evidence."""
    text = (text or "").strip()
    if not text:
        raise ServiceError("Vui lòng ghi kết quả thực hiện.", field="text")
    if status not in Task.Status.values:
        raise ServiceError("Trạng thái không hợp lệ.", field="status")
    if percent is not None and not 0 <= percent <= 100:
        raise ServiceError("Tiến độ phải từ 0 đến 100%.", field="percent")
    if attachment:
        check_upload(attachment)
    with transaction.atomic():
        task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
        if task.plan.status == Plan.Status.CLOSED:
            raise ServiceError("Kế hoạch đã kết thúc, không cập nhật tiến độ được nữa.", code="closed")
        if task.plan.status == Plan.Status.DRAFT:
            raise ServiceError("Kế hoạch chưa ban hành, chưa cập nhật tiến độ được.", code="draft")
        if Task.Status.CANCELLED in (task.status, status):
            raise ServiceError(
                "Nhiệm vụ đã hủy khi điều chỉnh kế hoạch, không cập nhật tiến độ.", code="cancelled"
            )
        if status == Task.Status.DONE and task.timeframe == Timeframe.ONGOING:
            raise ServiceError(
                "Nhiệm vụ thường xuyên không có trạng thái “Hoàn thành”; hãy ghi kết quả của kỳ này.",
                field="status",
            )
        if status == Task.Status.DONE and percent is None:
            percent = 100
        before = snapshot(task, ["status", "percent"])
        task.status, task.percent = status, percent if percent is not None else task.percent
        task.save(update_fields=["status", "percent", "updated_at"])
        progress = TaskProgress.objects.create(
            task=task,
            unit=unit,
            text=text,
            percent=percent,
            status=status,
            attachment=attachment or "",
            by=by,
        )
        audit_record(
            actor=by,
            action="plans.task_progress_add",
            obj=task,
            commune=task.plan.commune,
            before=before,
            after={**snapshot(task, ["status", "percent"]), "text": text[:500]},
        )
    return progress


# --- units' periodic reports ------------------------------------------------------------------------


def unit_report_save(
    *, period: ReportingPeriod, unit: Unit, entries: dict[int, str], figures: str = "", attachment=None, by
) -> UnitReport:
    """Save a unit's report for a period as a draft (new, or returned for revision)."""
    if unit.commune_id != period.plan.commune_id:
        raise ServiceError("Đơn vị không thuộc xã của kế hoạch.", field="unit")
    if attachment:
        check_upload(attachment)
    if period.plan.status != Plan.Status.ISSUED:
        raise ServiceError(
            "Chỉ báo cáo theo kế hoạch đang thực hiện (đã ban hành, chưa kết thúc).", code="not_issued"
        )
    with transaction.atomic():
        report, _ = UnitReport.objects.select_for_update().get_or_create(period=period, unit=unit)
        if report.status == UnitReport.Status.SUBMITTED:
            raise ServiceError("Báo cáo đã nộp; chỉ sửa được khi bị trả lại để bổ sung.", code="submitted")
        task_ids = set(period.plan.tasks.values_list("pk", flat=True))
        before = {"figures": report.figures}
        report.figures = (figures or "").strip()
        if attachment:
            report.attachment = attachment
        report.save()
        for task_id, text in entries.items():
            if int(task_id) not in task_ids:
                raise ServiceError("Nhiệm vụ không thuộc kế hoạch của kỳ báo cáo này.", field="entries")
            UnitReportEntry.objects.update_or_create(
                report=report, task_id=task_id, defaults={"text": (text or "").strip()}
            )
        audit_record(
            actor=by,
            action="plans.unit_report_save",
            obj=report,
            commune=period.plan.commune,
            before=before,
            after={"figures": report.figures, "entries": len(entries)},
        )
    return report


def _move_report(report: UnitReport, to: str) -> None:
    if to not in REPORT_TRANSITIONS[report.status]:
        raise ServiceError(
            f"Không thể chuyển báo cáo từ “{report.get_status_display()}” "
            f"sang “{UnitReport.Status(to).label}”.",
            code="bad_transition",
        )


def unit_report_submit(*, report: UnitReport, by) -> UnitReport:
    with transaction.atomic():
        report = (
            UnitReport.objects.select_for_update()
            .select_related("period__plan__commune", "unit")
            .get(pk=report.pk)
        )
        _move_report(report, UnitReport.Status.SUBMITTED)
        if not report.figures and not report.entries.exclude(text="").exists():
            raise ServiceError(
                "Báo cáo chưa có nội dung. Hãy ghi kết quả ít nhất một nhiệm vụ.", code="empty"
            )
        before = {"status": report.status}
        report.status = UnitReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = by
        report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
        commune = report.period.plan.commune
        audit_record(
            actor=by,
            action="plans.unit_report_submit",
            obj=report,
            commune=commune,
            before=before,
            after={"status": report.status},
        )
        coordinators = [
            m.user
            for m in Membership.objects.filter(
                commune=commune, role=Role.COORDINATOR, is_active=True
            ).select_related("user")
        ]
        notify(
            users=coordinators,
            text=f"{report.unit.name} đã nộp {report.period.name}.",
            key=f"report:{report.pk}:submitted:{report.submitted_at:%Y%m%d%H%M%S}",
            url=f"/lam-viec/{commune.code}/ke-hoach/{report.period.plan_id}/bao-cao/{report.period_id}/",
            commune=commune,
        )
    return report


def unit_report_return(*, report: UnitReport, comment: str, by) -> UnitReport:
    comment = (comment or "").strip()
    if not comment:
        raise ServiceError("Vui lòng ghi lý do trả lại để đơn vị biết cần bổ sung gì.", field="comment")
    with transaction.atomic():
        report = (
            UnitReport.objects.select_for_update()
            .select_related("period__plan__commune", "unit")
            .get(pk=report.pk)
        )
        _move_report(report, UnitReport.Status.RETURNED)
        report.status = UnitReport.Status.RETURNED
        report.return_comment = comment
        report.save(update_fields=["status", "return_comment", "updated_at"])
        commune = report.period.plan.commune
        audit_record(
            actor=by,
            action="plans.unit_report_return",
            obj=report,
            commune=commune,
            before={"status": UnitReport.Status.SUBMITTED},
            after={"status": report.status, "comment": comment},
        )
        notify(
            users=_unit_members(report.unit),
            text=f"{report.period.name} của {report.unit.name} bị trả lại: {comment}",
            key=f"report:{report.pk}:returned:{timezone.now():%Y%m%d%H%M%S%f}",
            url=f"/lam-viec/{commune.code}/ke-hoach/{report.period.plan_id}/bao-cao/{report.period_id}/{report.unit_id}/",
            commune=commune,
        )
    return report


def _unit_members(unit: Unit) -> list:
    return [m.user for m in Membership.objects.filter(unit=unit, is_active=True).select_related("user")]


# --- reminders -----------------------------------------------------------------------------------


def reminders_send(*, today: date) -> int:
    """Remind units of tasks due within a few days and of tasks missed; each reminder goes once."""
    from datetime import timedelta

    sent = 0
    soon = today + timedelta(days=REMIND_BEFORE_DAYS)
    tasks = (
        Task.objects.filter(
            plan__status=Plan.Status.ISSUED, timeframe__in=DATED, due_date__isnull=False, due_date__lte=soon
        )
        .exclude(status__in=CLOSED_TASK_STATUSES)
        .select_related("plan__commune")
        .prefetch_related("lead_units__memberships__user")
    )
    for task in tasks:
        commune = task.plan.commune
        users = [m.user for u in task.lead_units.all() for m in u.memberships.all() if m.is_active]
        url = f"/lam-viec/{commune.code}/ke-hoach/{task.plan_id}/nhiem-vu/{task.pk}/"
        if task.due_date < today:
            text = f"Nhiệm vụ {task.ref} đã quá hạn ({task.due_date:%d/%m/%Y}): {task.content[:120]}"
            key = f"task:{task.pk}:missed:{task.due_date:%Y%m%d}"
        else:
            text = f"Nhiệm vụ {task.ref} đến hạn ngày {task.due_date:%d/%m/%Y}: {task.content[:120]}"
            key = f"task:{task.pk}:soon:{task.due_date:%Y%m%d}"
        sent += len(notify(users=users, text=text, key=key, url=url, commune=commune))

    periods = ReportingPeriod.objects.filter(
        plan__status=Plan.Status.ISSUED,
        direction=ReportingPeriod.Direction.UNITS_TO_COMMUNE,
        due_date__lte=soon,
        due_date__gte=today - timedelta(days=30),
    ).select_related("plan__commune")
    for period in periods:
        submitted = set(
            period.unit_reports.filter(status=UnitReport.Status.SUBMITTED).values_list("unit_id", flat=True)
        )
        # Every unit that leads or joins a task owes the report, as the period page lists them.
        units = (
            Unit.objects.filter(
                Q(pk__in=period.plan.tasks.values("lead_units"))
                | Q(pk__in=period.plan.tasks.values("coordinating_units"))
            )
            .exclude(pk__in=submitted)
            .prefetch_related("memberships__user")
        )
        commune = period.plan.commune
        for unit in units:
            late = period.due_date < today
            text = (
                f"{unit.name} chưa nộp {period.name} (hạn {period.due_date:%d/%m/%Y})."
                if late
                else f"Sắp đến hạn nộp {period.name}: {period.due_date:%d/%m/%Y}."
            )
            key = f"period:{period.pk}:unit:{unit.pk}:{'late' if late else 'soon'}"
            users = [m.user for m in unit.memberships.all() if m.is_active]
            url = f"/lam-viec/{commune.code}/ke-hoach/{period.plan_id}/bao-cao/{period.pk}/{unit.pk}/"
            sent += len(notify(users=users, text=text, key=key, url=url, commune=commune))
    return sent
