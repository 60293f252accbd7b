"""Every change to reports: assemble a draft, edit and refresh a section, issue, and background jobs."""

from __future__ import annotations

import datetime as dt
import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.background import enqueue_on_commit
from danvan.core.errors import ServiceError
from danvan.core.sections import SectionContent, provider, providers
from danvan.documents.nd30 import render_docx
from danvan.geo.models import Commune, Province
from danvan.org.access import can, watched_provinces
from danvan.petitions import exports
from danvan.reports import selectors
from danvan.reports.models import Report, ReportJob, ReportSection

log = logging.getLogger(__name__)

# Free sections the coordinator writes; the modules' sections come between them.
OPENING = ("intro", "Đặc điểm tình hình", 0)
CLOSING = [("outlook", "Phương hướng, nhiệm vụ thời gian tới", 900), ("proposals", "Đề xuất, kiến nghị", 950)]
NO_DATA = (
    "Trong kỳ báo cáo, hệ thống chưa ghi nhận số liệu nào của xã về công tác dân vận chính quyền và "
    "thực hiện dân chủ ở cơ sở."
)
MAX_RECIPIENTS = 30

# The job that runs a queued report (named, not imported: tasks.py imports this module).
RUN_REPORT_JOB = "danvan.reports.tasks.run_report_job"


def _require_manager(by, commune: Commune) -> None:
    if not can(by, "reports.manage", commune):
        raise ServiceError("Bạn không có quyền soạn, ban hành báo cáo của xã này.", code="forbidden")


def check_period(start: dt.date | None, end: dt.date | None) -> None:
    if start is None or end is None:
        raise ServiceError(
            "Vui lòng chọn ngày bắt đầu và ngày kết thúc của kỳ báo cáo.", code="period_empty", field="start"
        )
    if end < start:
        raise ServiceError(
            "Ngày kết thúc kỳ báo cáo phải bằng hoặc sau ngày bắt đầu.", code="period_reversed", field="end"
        )


def _generate(key: str, commune: Commune, start: dt.date, end: dt.date) -> SectionContent:
    p = provider(key)
    if p is None:
        raise ServiceError("Phân hệ tạo mục này không còn trong hệ thống.", code="no_provider")
    try:
        return p.build(commune, start, end)
    except Exception:  # a module's bug must not stop the whole report; the section says so
        log.exception("report section %s failed for %s", key, commune.code)
        return SectionContent(
            title=p.title,
            paragraphs=["Không lấy được số liệu của mục này do lỗi hệ thống; vui lòng thử lại sau."],
        )


def report_create(
    *,
    commune: Commune,
    start: dt.date | None,
    end: dt.date | None,
    by,
    kind: str = Report.Kind.OTHER,
    title: str = "",
) -> Report:
    """Assemble a draft: an opening, one section from every registered module, the closing sections."""
    check_period(start, end)
    _require_manager(by, commune)
    if kind not in Report.Kind.values:
        raise ServiceError("Loại báo cáo không hợp lệ.", code="invalid", field="kind")
    title = " ".join((title or "").split()) or (
        "Kết quả công tác dân vận chính quyền và thực hiện dân chủ ở cơ sở "
        + selectors.period_phrase(start, end)
    )
    if len(title) > 300:
        raise ServiceError("Tiêu đề báo cáo dài quá 300 ký tự.", code="invalid", field="title")
    now = timezone.now()
    generated = [(p, _generate(p.key, commune, start, end)) for p in providers()]
    # Figures are what the modules counted; tables may list empty categories.
    has_data = any(f.value for _, c in generated for f in c.figures)
    with transaction.atomic():
        report = Report.objects.create(
            commune=commune,
            kind=kind,
            start=start,
            end=end,
            title=title,
            place=commune.short_name,
            created_by=by,
            recipients=["Sở Nội vụ tỉnh (để báo cáo)", "Thường trực Đảng ủy xã", "Lưu: VT"],
        )
        intro = (
            f"Thực hiện chế độ báo cáo định kỳ, UBND {commune.in_sentence} báo cáo kết quả công tác "
            f"dân vận chính quyền và thực hiện dân chủ ở cơ sở {selectors.period_phrase(start, end)} như sau:"
        )
        sections = [
            ReportSection(
                report=report,
                key=OPENING[0],
                title=OPENING[1],
                order=OPENING[2],
                text=intro if has_data else f"{intro}\n\n{NO_DATA}",
            )
        ]
        for p, content in generated:
            sections.append(
                ReportSection(
                    report=report,
                    key=p.key,
                    title=content.title or p.title,
                    order=100 + p.order,
                    text="\n\n".join(content.paragraphs),
                    generated=selectors.content_to_json(content),
                    refreshed_at=now,
                )
            )
        sections += [ReportSection(report=report, key=k, title=t, order=o) for k, t, o in CLOSING]
        ReportSection.objects.bulk_create(sections)
        audit_record(
            actor=by,
            action="reports.create",
            obj=report,
            after={"start": str(start), "end": str(end), "sections": [s.key for s in sections]},
        )
    return report


def _lock_draft(report: Report) -> Report:
    locked = Report.objects.select_for_update().select_related("commune").get(pk=report.pk)
    if locked.status != Report.Status.DRAFT:
        raise ServiceError("Báo cáo đã ban hành, không sửa được nữa.", code="issued")
    return locked


def section_update(*, section: ReportSection, text: str, by) -> ReportSection:
    """Save the coordinator's prose for one section; a later refresh keeps it."""
    _require_manager(by, section.report.commune)
    text = (text or "").replace("\r\n", "\n").strip()
    if len(text) > 50_000:
        raise ServiceError("Nội dung mục dài quá 50.000 ký tự.", code="invalid", field="text")
    with transaction.atomic():
        _lock_draft(section.report)
        locked = ReportSection.objects.select_for_update().get(pk=section.pk)
        before = locked.text
        locked.text = text
        locked.text_edited = True
        locked.save(update_fields=["text", "text_edited"])
        audit_record(
            actor=by,
            action="reports.section_update",
            obj=locked.report,
            before={"section": locked.key, "text": before},
            after={"section": locked.key, "text": text},
        )
    return locked


def section_refresh(*, section: ReportSection, by) -> ReportSection:
    """Take the module's figures, tables and charts afresh; edited prose is kept as written."""
    _require_manager(by, section.report.commune)
    if provider(section.key) is None and section.key in {OPENING[0], *(k for k, _, _ in CLOSING)}:
        raise ServiceError(
            "Mục này do công chức viết, không có số liệu tự động để lấy lại.", code="no_provider"
        )
    with transaction.atomic():
        report = _lock_draft(section.report)
        locked = ReportSection.objects.select_for_update().get(pk=section.pk)
        content = _generate(locked.key, report.commune, report.start, report.end)
        before = locked.generated.get("figures", [])
        locked.generated = selectors.content_to_json(content)
        locked.refreshed_at = timezone.now()
        if not locked.text_edited:
            locked.text = "\n\n".join(content.paragraphs)
        locked.save(update_fields=["generated", "refreshed_at", "text"])
        audit_record(
            actor=by,
            action="reports.section_refresh",
            obj=report,
            before={"section": locked.key, "figures": before},
            after={"section": locked.key, "figures": locked.generated["figures"]},
        )
    return locked


def _clean_recipients(recipients) -> list[str]:
    if isinstance(recipients, str):
        recipients = recipients.splitlines()
    items = [" ".join(str(r).split()).lstrip("-–• ").rstrip(";.") for r in recipients or []]
    return [r[:200] for r in items if r][:MAX_RECIPIENTS]


def report_issue(
    *,
    report: Report,
    number: int | None,
    issued_on: dt.date | None,
    signer_name: str,
    signer_title: str,
    recipients,
    by,
    signer_authority: str = "TM. ỦY BAN NHÂN DÂN",
    signer_on_behalf: str = "",
) -> Report:
    """Give the report its number ("Số: 12/BC-UBND", never reused in the commune and year), signer and
    recipients. Nothing is issued when anything is missing."""
    _require_manager(by, report.commune)
    signer_name = " ".join((signer_name or "").split())
    if not signer_name:
        raise ServiceError(
            "Vui lòng ghi họ tên người ký báo cáo.", code="signer_missing", field="signer_name"
        )
    signer_title = " ".join((signer_title or "").split())
    if not signer_title:
        raise ServiceError(
            "Vui lòng ghi chức vụ người ký (ví dụ: PHÓ CHỦ TỊCH).",
            code="signer_missing",
            field="signer_title",
        )
    if number is None or number < 1:
        raise ServiceError(
            "Vui lòng ghi số báo cáo (số nguyên dương).", code="number_missing", field="number"
        )
    if issued_on is None:
        raise ServiceError("Vui lòng chọn ngày ban hành báo cáo.", code="date_missing", field="issued_on")
    items = _clean_recipients(recipients)
    if not items:
        raise ServiceError(
            "Vui lòng ghi nơi nhận báo cáo (mỗi nơi một dòng).", code="recipients_missing", field="recipients"
        )
    try:
        with transaction.atomic():
            locked = _lock_draft(report)
            taken = (
                Report.objects.filter(
                    commune=locked.commune, number_year=issued_on.year, symbol=locked.symbol, number=number
                )
                .exclude(pk=locked.pk)
                .exists()
            )
            if taken:
                raise ServiceError(
                    f"Số {number:02d}/{locked.symbol} năm {issued_on.year} đã dùng cho báo cáo khác của xã; "
                    "vui lòng chọn số khác.",
                    code="number_taken",
                    field="number",
                )
            locked.number, locked.number_year, locked.issued_on = number, issued_on.year, issued_on
            locked.signer_name, locked.signer_title = signer_name[:120], signer_title[:80]
            locked.signer_authority = " ".join((signer_authority or "").split())[:80]
            locked.signer_on_behalf = " ".join((signer_on_behalf or "").split())[:80]
            locked.recipients = items
            locked.status = Report.Status.ISSUED
            locked.issued_by = by
            locked.save()
            audit_record(
                actor=by,
                action="reports.issue",
                obj=locked,
                before={"status": Report.Status.DRAFT},
                after={
                    "status": locked.status,
                    "number": locked.number_label,
                    "issued_on": str(issued_on),
                    "signer": signer_name,
                },
            )
    except IntegrityError as exc:  # two issues racing for the same number
        raise ServiceError(
            f"Số {number:02d}/{report.symbol} năm {issued_on.year} đã dùng cho báo cáo khác của xã; "
            "vui lòng chọn số khác.",
            code="number_taken",
            field="number",
        ) from exc
    return locked


# --- background jobs ----------------------------------------------------------------------------------


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
