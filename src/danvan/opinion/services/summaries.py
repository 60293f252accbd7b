"""The monthly or quarterly “tình hình tư tưởng, dư luận Nhân dân” summary: a draft written from the
entries, edited by the coordinator, then issued with a number (the .docx is `summary_document.py`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.opinion import selectors
from danvan.opinion.models import Level, OpinionSummary
from danvan.org.access import can

MAX_TEXT = 20_000
FIELDS = ["start", "end", "title", "text", "number", "issued_on"]


def summary_draft_text(commune: Commune, start: dt.date, end: dt.date) -> str:
    """The draft prose: counts by level, topic and village, then the notable items."""
    f = selectors.period_figures(commune, start, end)
    period = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    if not f.total:
        return (
            f"Trong kỳ ({period}), các thôn, tổ dân phố, Công an xã, Mặt trận và các đoàn thể chưa ghi nhận "
            "ý kiến, dư luận nào đáng chú ý; tình hình tư tưởng Nhân dân ổn định."
        )
    lv = f.by_level
    paragraphs = [
        f"Trong kỳ ({period}), các thôn, tổ dân phố, Công an xã, Mặt trận và các đoàn thể đã ghi nhận "
        f"{f.total} ý kiến, dư luận của Nhân dân"
        + (f" (khoảng {f.people} lượt người)" if f.people else "")
        + f": {lv[Level.STABLE]} ở mức ổn định, {lv[Level.DIVIDED]} có ý kiến trái chiều, "
        f"{lv[Level.FRUSTRATED]} bức xúc và {lv[Level.HOTSPOT_RISK]} có nguy cơ thành điểm nóng; "
        f"đã có {f.alerts} cảnh báo gửi lãnh đạo xã.",
        "Các lĩnh vực được quan tâm nhiều nhất: "
        + "; ".join(f"{name.lower()} ({n} ý kiến)" for name, n, _ in f.by_field[:3])
        + ". Các thôn có nhiều ý kiến: "
        + "; ".join(f"{name} ({n})" for name, n, _ in f.by_village[:3])
        + ".",
    ]
    if f.notable:
        items = [
            f"- {e.observed_on:%d/%m}, {e.village.name if e.village else 'toàn xã'}"
            f"{', ' + e.field.name.lower() if e.field else ''}: {e.summary}"
            + (f" (đề xuất: {e.proposed_handling})" if e.proposed_handling else "")
            for e in f.notable
        ]
        paragraphs.append("Những vụ việc cần chú ý:\n" + "\n".join(items))
    paragraphs.append(
        "Đề xuất: tiếp tục phân công cán bộ bám địa bàn, đối thoại, giải thích kịp thời với Nhân dân ở "
        "những nơi có ý kiến bức xúc; giải quyết dứt điểm các kiến nghị chính đáng, "
        "không để phát sinh điểm nóng."
    )
    return "\n\n".join(paragraphs)


def summary_save(
    *, by, commune: Commune, start: dt.date, end: dt.date, title: str, text: str
) -> OpinionSummary:
    """Create or edit the period's summary (not once issued)."""
    if not can(by, "opinion.summarise", commune):
        raise ServiceError("Vai trò của bạn không được lập báo cáo tình hình dư luận.", code="forbidden")
    if not isinstance(start, dt.date) or not isinstance(end, dt.date) or end < start:
        raise ServiceError("Kỳ báo cáo không hợp lệ.", field="start")
    title = (title or "").strip()
    text = (text or "").strip()
    if not title:
        raise ServiceError("Vui lòng ghi tên báo cáo.", field="title")
    if not text:
        raise ServiceError("Vui lòng ghi nội dung báo cáo.", field="text")
    if len(text) > MAX_TEXT or len(title) > 200:
        raise ServiceError("Nội dung báo cáo quá dài.", field="text")
    with transaction.atomic():
        summary = (
            OpinionSummary.objects.select_for_update().filter(commune=commune, start=start, end=end).first()
        )
        before = snapshot(summary, FIELDS) if summary else None
        if summary is None:
            summary = OpinionSummary(commune=commune, start=start, end=end)
        elif summary.issued_on:
            raise ServiceError("Báo cáo đã ban hành, không sửa được nữa.", code="issued")
        summary.title, summary.text, summary.updated_by = title, text, by
        summary.save()
        audit_record(
            actor=by,
            action="opinion.summary_save",
            obj=summary,
            before=before,
            after=snapshot(summary, FIELDS),
        )
    return summary


def summary_issue(*, by, summary: OpinionSummary, number: int, issued_on: dt.date) -> OpinionSummary:
    """Give the summary its number and date; it can no longer be edited."""
    if not can(by, "opinion.summarise", summary.commune):
        raise ServiceError("Vai trò của bạn không được ban hành báo cáo.", code="forbidden")
    if not isinstance(issued_on, dt.date):
        raise ServiceError("Vui lòng chọn ngày ban hành.", field="issued_on")
    # A monthly report is often issued before the month ends (figures to the 20th): not before it starts.
    if issued_on < summary.start:
        raise ServiceError("Ngày ban hành không thể trước kỳ báo cáo.", field="issued_on")
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 99_999:
        raise ServiceError("Số văn bản không hợp lệ.", field="number")
    with transaction.atomic():
        locked = OpinionSummary.objects.select_for_update().get(pk=summary.pk)
        if locked.issued_on:
            raise ServiceError("Báo cáo đã ban hành.", code="issued")
        before = snapshot(locked, FIELDS)
        locked.number, locked.issued_on, locked.updated_by = number, issued_on, by
        locked.save()
        audit_record(
            actor=by,
            action="opinion.summary_issue",
            obj=locked,
            before=before,
            after=snapshot(locked, FIELDS),
        )
    return locked
