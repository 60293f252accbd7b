"""Background report jobs: the province's roll-up and exports too large to build while the page waits
(queued, run by the worker, with progress and a file to download)."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.background import enqueue_on_commit
from danvan.core.errors import ServiceError
from danvan.documents.nd30 import render_docx
from danvan.geo.models import Commune, Province
from danvan.org.access import can, watched_provinces
from danvan.petitions import exports
from danvan.reports import selectors
from danvan.reports.models import ReportJob
from danvan.reports.services import check_period

# Named by its path so that this module and the tasks module do not import each other.
RUN_REPORT_JOB = "danvan.reports.tasks.run_report_job"

log = logging.getLogger(__name__)


def is_province_viewer(user, province: Province) -> bool:
    """Whether the user follows this province (the rule lives in org.access)."""
    return watched_provinces(user).filter(pk=province.pk).exists()


def rollup_request(*, province: Province, start: dt.date | None, end: dt.date | None, by) -> ReportJob:
    """Queue the province's roll-up report for the period; the job shows its progress and the file."""
    check_period(start, end)
    if not is_province_viewer(by, province):
        raise ServiceError("Bạn không theo dõi tỉnh này.", code="forbidden")
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=ReportJob.Kind.PROVINCE_ROLLUP,
            province=province,
            params={"start": start.isoformat(), "end": end.isoformat()},
            requested_by=by,
            message="Đang chờ tổng hợp.",
        )
        audit_record(actor=by, action="reports.rollup_request", obj=job, after=job.params)
        enqueue_on_commit(RUN_REPORT_JOB, job.pk)
    return job


def petition_export_request(*, commune: Commune, filters: dict, by) -> ReportJob:
    """Queue an export of the commune's petitions too large to build while the page waits."""
    if not can(by, "workspace.view", commune):
        raise ServiceError("Bạn không có quyền xem đơn thư của xã này.", code="forbidden")
    with transaction.atomic():
        job = ReportJob.objects.create(
            kind=ReportJob.Kind.PETITION_EXPORT,
            commune=commune,
            params={k: v for k, v in filters.items() if v not in (None, "")},
            requested_by=by,
            message="Đang chờ xuất tệp.",
        )
        audit_record(actor=by, action="reports.export_request", obj=job, commune=commune, after=job.params)
        enqueue_on_commit(RUN_REPORT_JOB, job.pk)
    return job


def job_progress(job: ReportJob, progress: int, message: str) -> None:
    """Progress is a counter read by the job page, not a state change worth an audit row."""
    ReportJob.objects.filter(pk=job.pk).update(progress=max(0, min(100, progress)), message=message[:300])


def job_run(job_id: int) -> ReportJob:
    """Run one queued job (called by the background worker)."""
    job = ReportJob.objects.select_related("province", "commune", "requested_by").get(pk=job_id)
    if job.status != ReportJob.Status.QUEUED:
        return job
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RUNNING, progress=5, message="Đang thực hiện."
    )
    try:
        if job.kind == ReportJob.Kind.PROVINCE_ROLLUP:
            start, end = (dt.date.fromisoformat(job.params[k]) for k in ("start", "end"))
            today = timezone.localdate()
            job_progress(job, 10, "Đang tổng hợp số liệu của các xã.")
            overview = selectors.province_overview(province=job.province, start=start, end=end, today=today)
            job_progress(job, 60, "Đang viết báo cáo.")
            data = render_docx(selectors.rollup_document(overview, issued_on=today))
            name = f"bao-cao-tong-hop-{job.province_id}-{start:%Y%m%d}-{end:%Y%m%d}.docx"
        else:
            job_progress(job, 10, "Đang xuất danh sách đơn thư.")
            data = exports.petitions_xlsx(
                commune=job.commune,
                user=job.requested_by,
                filters=job.params,
                progress=lambda pct: job_progress(job, 10 + int(pct * 0.85), "Đang xuất danh sách đơn thư."),
            )
            name = f"don-thu-{job.commune_id}-{timezone.localdate():%Y%m%d}.xlsx"
    except Exception as exc:
        log.exception("report job %s failed", job.pk)
        with transaction.atomic():
            ReportJob.objects.filter(pk=job.pk).update(
                status=ReportJob.Status.FAILED,
                message="Có lỗi khi thực hiện; vui lòng thử lại.",
                finished_at=timezone.now(),
            )
            audit_record(
                actor=None, action="reports.job_failed", obj=job, commune=job.commune, note=repr(exc)[:500]
            )
        job.refresh_from_db()
        return job
    with transaction.atomic():
        job.refresh_from_db()
        job.file.save(name, ContentFile(data), save=False)
        job.filename = name
        job.status = ReportJob.Status.DONE
        job.progress = 100
        job.message = "Đã xong; tệp sẵn sàng để tải về."
        job.finished_at = timezone.now()
        job.save()
        audit_record(
            actor=None, action="reports.job_done", obj=job, commune=job.commune, after={"file": name}
        )
    return job
