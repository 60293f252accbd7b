"""Every change to a report: assemble a draft, edit (one save for all sections) and refresh sections,
submit for signature ("trình ký"), return or issue. Background jobs live in jobs.py."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.core.sections import SectionContent, provider, providers
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.org.models import Membership, Role
from danvan.reports import selectors, wording
from danvan.reports.models import Report, ReportSection

log = logging.getLogger(__name__)

# Free sections the coordinator writes; the modules' sections come between them.
OPENING = ("intro", "Đặc điểm tình hình", 0)
CLOSING = [("outlook", "Phương hướng, nhiệm vụ thời gian tới", 900), ("proposals", "Đề xuất, kiến nghị", 950)]
# A report may go out without proposals; every other section must say something.
OPTIONAL_KEYS = {"proposals"}
NO_DATA = (
    "Trong kỳ báo cáo, hệ thống chưa ghi nhận số liệu nào của xã về công tác dân vận chính quyền và "
    "thực hiện dân chủ ở cơ sở."
)
MAX_RECIPIENTS = 30


def _require_manager(by, commune: Commune) -> None:
    if not can(by, "reports.manage", commune):
        raise ServiceError("Bạn không có quyền soạn, ban hành báo cáo của xã này.", code="forbidden")


def _require_signer(by, commune: Commune) -> None:
    if not can(by, "reports.sign", commune):
        raise ServiceError(
            "Chỉ lãnh đạo UBND xã ký báo cáo mới ban hành hoặc trả lại báo cáo trình ký.", code="forbidden"
        )


def _prose(content: SectionContent, start: dt.date, end: dt.date) -> str:
    """A module's paragraphs as an official writes them (see wording.py), cut off at the period's end
    or today, whichever is earlier."""
    as_of = wording.cutoff(end, None, timezone.localdate())
    return "\n\n".join(wording.official(p, as_of=as_of) for p in content.paragraphs)


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
                    text=_prose(content, start, end),
                    generated=selectors.content_to_json(content),
                    refreshed_at=now,
                )
            )
        sections += [
            ReportSection(report=report, key=k, title=t, order=o, required=k not in OPTIONAL_KEYS)
            for k, t, o in CLOSING
        ]
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
    if locked.status == Report.Status.SUBMITTED:
        raise ServiceError(
            "Báo cáo đang trình ký, không sửa được; khi lãnh đạo trả lại mới sửa tiếp.", code="submitted"
        )
    if locked.status != Report.Status.DRAFT:
        raise ServiceError("Báo cáo đã ban hành, không sửa được nữa.", code="issued")
    return locked


def _clean_text(text: str, field: str = "text") -> str:
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > 50_000:
        raise ServiceError("Nội dung mục dài quá 50.000 ký tự.", code="invalid", field=field)
    return text


def report_save(*, report: Report, texts: dict[int, str], by) -> list[ReportSection]:
    """Save the prose of every section sent from the one editor form, in one transaction: sections
    whose text did not change are left as they are, so an autosave never overwrites another
    section's text with an older copy it did not touch. Returns the sections changed."""
    _require_manager(by, report.commune)
    cleaned = {int(pk): _clean_text(t, field=f"s{pk}-text") for pk, t in texts.items()}
    with transaction.atomic():
        _lock_draft(report)
        sections = {s.pk: s for s in ReportSection.objects.select_for_update().filter(report=report)}
        unknown = set(cleaned) - set(sections)
        if unknown:
            raise ServiceError("Mục báo cáo không thuộc báo cáo này.", code="invalid")
        changed = []
        for pk, text in cleaned.items():
            section = sections[pk]
            if section.text == text:
                continue
            changed.append((section, section.text, text))
            section.text, section.text_edited = text, True
        if changed:
            ReportSection.objects.bulk_update([c[0] for c in changed], ["text", "text_edited"])
            audit_record(
                actor=by,
                action="reports.save",
                obj=report,
                before={c[0].key: c[1] for c in changed},
                after={c[0].key: c[2] for c in changed},
            )
    return [c[0] for c in changed]


def empty_required(report: Report) -> list[ReportSection]:
    """Required sections still without text (issuing and submitting are refused while any is)."""
    return [s for s in report.sections.all() if s.required and not s.text.strip()]


def _check_complete(report: Report) -> None:
    empty = empty_required(report)
    if empty:
        names = "; ".join(f"“{s.title}”" for s in empty)
        raise ServiceError(
            f"Báo cáo còn mục bắt buộc chưa có nội dung: {names}. Vui lòng viết các mục này trước.",
            code="sections_empty",
        )


def report_submit(*, report: Report, by) -> Report:
    """Trình ký: the coordinator sends the finished draft to the leader who signs; it is no longer
    editable until the leader returns it."""
    _require_manager(by, report.commune)
    with transaction.atomic():
        locked = _lock_draft(report)
        _check_complete(locked)
        locked.status = Report.Status.SUBMITTED
        locked.submitted_by, locked.submitted_at = by, timezone.now()
        locked.return_comment = ""
        locked.save(update_fields=["status", "submitted_by", "submitted_at", "return_comment"])
        audit_record(
            actor=by,
            action="reports.submit",
            obj=locked,
            before={"status": Report.Status.DRAFT},
            after={"status": locked.status},
        )
        _notify_signers(locked, by)
    return locked


def _notify_signers(report: Report, by) -> None:
    leaders = Membership.objects.filter(
        commune=report.commune, role=Role.COMMUNE_LEADER, is_active=True
    ).select_related("user")
    notify(
        users=[m.user for m in leaders if m.user_id != getattr(by, "pk", None)],
        commune=report.commune,
        key=f"reports.submit.{report.pk}.{report.submitted_at:%Y%m%d%H%M%S}",
        text=f"Báo cáo trình ký: {report.title}",
        url=f"/lam-viec/{report.commune.code}/bao-cao/{report.pk}/",
    )


def report_return(*, report: Report, comment: str, by) -> Report:
    """The leader returns a submitted report to the coordinator with a comment; it is a draft again."""
    _require_signer(by, report.commune)
    comment = " ".join((comment or "").split())
    if not comment:
        raise ServiceError(
            "Vui lòng ghi ý kiến khi trả lại báo cáo (cần sửa gì).", code="comment_missing", field="comment"
        )
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != Report.Status.SUBMITTED:
            raise ServiceError("Báo cáo không ở trạng thái trình ký.", code="not_submitted")
        locked.status = Report.Status.DRAFT
        locked.return_comment = comment[:2000]
        locked.save(update_fields=["status", "return_comment"])
        audit_record(
            actor=by,
            action="reports.return",
            obj=locked,
            before={"status": Report.Status.SUBMITTED},
            after={"status": locked.status, "comment": locked.return_comment},
        )
    return locked


def section_update(*, section: ReportSection, text: str, by) -> ReportSection:
    """Save the coordinator's prose for one section; a later refresh keeps it."""
    _require_manager(by, section.report.commune)
    text = _clean_text(text)
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
            locked.text = _prose(content, report.start, report.end)
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
    recipients. Only the leader who signs issues (a draft of their own, or one the coordinator
    submitted); nothing is issued while anything is missing or a required section is empty. Every
    "tính đến" later than the cut-off (the end or the issue date, whichever is earlier) is put on it."""
    _require_signer(by, report.commune)
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
            locked = Report.objects.select_for_update().select_related("commune").get(pk=report.pk)
            if locked.status == Report.Status.ISSUED:
                raise ServiceError("Báo cáo đã ban hành, không sửa được nữa.", code="issued")
            _check_complete(locked)
            as_of = wording.cutoff(locked.end, issued_on, timezone.localdate())
            reworded = {}
            for section in locked.sections.all():
                text = wording.official(section.text, as_of=as_of) if section.text else section.text
                if text != section.text:
                    ReportSection.objects.filter(pk=section.pk).update(text=text)
                    reworded[section.key] = text
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
                before={"status": report.status},
                after={
                    "status": locked.status,
                    "number": locked.number_label,
                    "issued_on": str(issued_on),
                    "signer": signer_name,
                    "cut_off": str(as_of),
                    "reworded": reworded,
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
