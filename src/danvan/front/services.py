"""Every write about the Front's voice and the regulations: record a recommendation or social criticism
(its answer deadline from `rules.answer_due`), answer it (published or not), add a regulation, record its
review, mark it replaced. One transaction each, audited; a refusal changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.front import rules
from danvan.front.models import ORGANISATIONS, FrontRecommendation, JointActivity, Regulation
from danvan.org.access import can

RECORD, ANSWER, REGULATIONS = "front.record", "front.answer", "front.regulations"
_REC = ["organisation", "kind", "subject", "received_on", "answer_due", "answer", "answered_on", "public"]
_REG = ["kind", "title", "reference", "issued_on", "next_review_on", "last_reviewed_on", "status"]


def _require(by, commune, permission: str, what: str) -> None:
    if not getattr(by, "is_authenticated", False) or not can(by, permission, commune):
        raise ServiceError(f"Vai trò của bạn không được {what}.", code="forbidden")


def _text(value, *, field: str, label: str, max_chars: int, required: bool = True) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ServiceError(f"Chưa ghi {label}.", code="required", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label.capitalize()} dài quá {max_chars} ký tự.", code="too_long", field=field)
    return text


def _past_or_today(day: dt.date | None, *, field: str, label: str) -> dt.date:
    if day is None:
        raise ServiceError(f"Chưa chọn {label}.", code="required", field=field)
    if day > timezone.localdate():
        raise ServiceError(f"{label.capitalize()} không được sau hôm nay.", code="invalid", field=field)
    return day


def recommendation_record(
    *,
    commune,
    by,
    organisation: str,
    kind: str,
    subject: str,
    content: str,
    received_on: dt.date | None,
    their_reference: str = "",
    unit=None,
) -> FrontRecommendation:
    """Ghi nhận kiến nghị / phản biện xã hội: the Front's member, the leaders or the coordinator."""
    _require(by, commune, RECORD, "ghi nhận kiến nghị của Mặt trận")
    if organisation not in dict(ORGANISATIONS):
        raise ServiceError("Chọn tổ chức gửi.", code="required", field="organisation")
    if kind not in FrontRecommendation.Kind.values:
        raise ServiceError("Chọn loại: kiến nghị hay phản biện xã hội.", code="required", field="kind")
    subject = _text(subject, field="subject", label="nội dung về việc", max_chars=300)
    content = _text(content, field="content", label="nội dung kiến nghị", max_chars=10_000)
    their_reference = _text(
        their_reference, field="their_reference", label="số văn bản", max_chars=60, required=False
    )
    received_on = _past_or_today(received_on, field="received_on", label="ngày nhận")
    if unit is not None and unit.commune_id != commune.code:
        raise ServiceError("Đơn vị không thuộc xã.", code="invalid", field="unit")
    with transaction.atomic():
        item = FrontRecommendation.objects.create(
            commune=commune,
            organisation=organisation,
            kind=kind,
            subject=subject,
            content=content,
            their_reference=their_reference,
            received_on=received_on,
            answer_due=rules.answer_due(received_on),
            unit=unit,
            recorded_by=by,
        )
        audit_record(actor=by, action="front.record", obj=item, commune=commune, after=snapshot(item, _REC))
    return item


def recommendation_answer(
    *, item: FrontRecommendation, by, answer: str, answered_on: dt.date | None, public: bool = False
) -> FrontRecommendation:
    """Trả lời (tiếp thu, giải trình): once; `public` puts the question and the answer on the portal."""
    _require(by, item.commune, ANSWER, "trả lời kiến nghị của Mặt trận")
    answer = _text(answer, field="answer", label="nội dung trả lời", max_chars=10_000)
    answered_on = _past_or_today(answered_on, field="answered_on", label="ngày trả lời")
    if answered_on < item.received_on:
        raise ServiceError("Ngày trả lời không được trước ngày nhận.", code="invalid", field="answered_on")
    with transaction.atomic():
        locked = FrontRecommendation.objects.select_for_update().get(pk=item.pk)
        if locked.answer:
            raise ServiceError("Kiến nghị này đã được trả lời.", code="already_answered")
        before = snapshot(locked, _REC)
        locked.answer, locked.answered_on, locked.answered_by, locked.public = answer, answered_on, by, public
        locked.save()
        audit_record(
            actor=by,
            action="front.answer",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _REC),
        )
    return locked


def regulation_add(
    *,
    commune,
    by,
    kind: str,
    title: str,
    reference: str,
    issued_on: dt.date | None,
    partners: str = "",
    review_months: int | None = 12,
) -> Regulation:
    """Vào sổ một quy chế; its first review falls `review_months` after its issue."""
    _require(by, commune, REGULATIONS, "cập nhật sổ quy chế")
    if kind not in Regulation.Kind.values:
        raise ServiceError("Chọn loại quy chế.", code="required", field="kind")
    title = _text(title, field="title", label="tên quy chế", max_chars=300)
    reference = _text(reference, field="reference", label="số, ký hiệu văn bản ban hành", max_chars=60)
    partners = _text(partners, field="partners", label="cơ quan cùng ký", max_chars=300, required=False)
    issued_on = _past_or_today(issued_on, field="issued_on", label="ngày ban hành")
    if not review_months or not 1 <= review_months <= 60:
        raise ServiceError("Chu kỳ rà soát từ 1 đến 60 tháng.", code="invalid", field="review_months")
    with transaction.atomic():
        regulation = Regulation.objects.create(
            commune=commune,
            kind=kind,
            title=title,
            reference=reference,
            issued_on=issued_on,
            partners=partners,
            review_months=review_months,
            next_review_on=rules.add_months(issued_on, review_months),
            created_by=by,
        )
        audit_record(
            actor=by,
            action="front.regulation_add",
            obj=regulation,
            commune=commune,
            after=snapshot(regulation, _REG),
        )
    return regulation


def regulation_review(*, regulation: Regulation, by, reviewed_on: dt.date | None, note: str) -> Regulation:
    """Đã rà soát: the result (kept, to amend…) and the next review one cycle later."""
    _require(by, regulation.commune, REGULATIONS, "cập nhật sổ quy chế")
    reviewed_on = _past_or_today(reviewed_on, field="reviewed_on", label="ngày rà soát")
    note = _text(note, field="note", label="kết quả rà soát", max_chars=5000)
    with transaction.atomic():
        locked = Regulation.objects.select_for_update().get(pk=regulation.pk)
        if locked.status != Regulation.Status.IN_FORCE:
            raise ServiceError("Quy chế đã hết hiệu lực, không rà soát nữa.", code="bad_transition")
        if reviewed_on < locked.issued_on:
            raise ServiceError(
                "Ngày rà soát không được trước ngày ban hành.", code="invalid", field="reviewed_on"
            )
        before = snapshot(locked, _REG)
        locked.last_reviewed_on, locked.review_note = reviewed_on, note
        locked.next_review_on = rules.add_months(reviewed_on, locked.review_months)
        locked.save()
        audit_record(
            actor=by,
            action="front.regulation_review",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _REG),
        )
    return locked


def regulation_replace(*, regulation: Regulation, by, note: str) -> Regulation:
    """Hết hiệu lực / đã được thay thế (by which text, in the note)."""
    _require(by, regulation.commune, REGULATIONS, "cập nhật sổ quy chế")
    note = _text(note, field="note", label="văn bản thay thế hoặc lý do", max_chars=5000)
    with transaction.atomic():
        locked = Regulation.objects.select_for_update().get(pk=regulation.pk)
        if locked.status != Regulation.Status.IN_FORCE:
            raise ServiceError("Quy chế đã hết hiệu lực.", code="bad_transition")
        before = snapshot(locked, _REG)
        locked.status, locked.review_note = Regulation.Status.REPLACED, note
        locked.save()
        audit_record(
            actor=by,
            action="front.regulation_replace",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _REG),
        )
    return locked


def activity_add(
    *,
    commune,
    by,
    title: str,
    starts_on: dt.date | None,
    ends_on: dt.date | None = None,
    place: str = "",
    organisers: str,
    public: bool = True,
) -> JointActivity:
    """Đưa một hoạt động vào lịch phối hợp (the leaders, the coordinator, the Front's member)."""
    _require(by, commune, RECORD, "cập nhật lịch hoạt động phối hợp")
    title = _text(title, field="title", label="tên hoạt động", max_chars=300)
    organisers = _text(organisers, field="organisers", label="cơ quan, tổ chức phối hợp", max_chars=300)
    place = _text(place, field="place", label="địa điểm", max_chars=300, required=False)
    if starts_on is None:
        raise ServiceError("Chưa chọn ngày bắt đầu.", code="required", field="starts_on")
    ends_on = ends_on or starts_on
    if ends_on < starts_on:
        raise ServiceError("Ngày kết thúc không được trước ngày bắt đầu.", code="invalid", field="ends_on")
    with transaction.atomic():
        activity = JointActivity.objects.create(
            commune=commune,
            title=title,
            starts_on=starts_on,
            ends_on=ends_on,
            place=place,
            organisers=organisers,
            public=public,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="front.activity_add",
            obj=activity,
            commune=commune,
            after=snapshot(activity, ["title", "starts_on", "ends_on", "organisers", "public"]),
        )
    return activity


def activity_cancel(*, activity: JointActivity, by) -> JointActivity:
    _require(by, activity.commune, RECORD, "cập nhật lịch hoạt động phối hợp")
    with transaction.atomic():
        locked = JointActivity.objects.select_for_update().get(pk=activity.pk)
        if locked.cancelled:
            raise ServiceError("Hoạt động này đã hủy.", code="bad_transition")
        locked.cancelled = True
        locked.save(update_fields=["cancelled"])
        audit_record(
            actor=by,
            action="front.activity_cancel",
            obj=locked,
            commune=locked.commune,
            before={"cancelled": False},
            after={"cancelled": True},
        )
    return locked
