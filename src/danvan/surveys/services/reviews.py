"""A low petition rating leads somewhere: the resident says why they are not satisfied and may ask the
commune to look again; the unit and the leaders are told, and the answer is recorded.

The petition's own rating (1–5, once, by the tracking code) stays in `petitions.services.workflow`;
this module only reads it."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import can
from danvan.org.models import Membership, Role
from danvan.petitions.models import Petition
from danvan.petitions.tracking import normalize_tracking_code
from danvan.surveys import rules
from danvan.surveys.models import RatingReview


def rating_review_submit(
    *, commune: Commune, tracking_code: str, reason: str, review_requested: bool
) -> RatingReview:
    """Once per petition, by whoever holds the tracking code, after a rating of LOW_RATING or less."""
    code = normalize_tracking_code(tracking_code)
    petition = Petition.objects.filter(commune=commune, tracking_code=code or "").first() if code else None
    if petition is None or not secrets.compare_digest(code, petition.tracking_code):
        raise ServiceError("Mã tra cứu không đúng.", field="tracking_code", code="bad_code")
    if petition.rating is None or petition.rating > rules.LOW_RATING:
        raise ServiceError(
            "Chỉ gửi ý kiến này khi đã đánh giá kết quả ở mức chưa hài lòng.",
            code="not_low",
            field="tracking_code",
        )
    reason = " ".join((reason or "").split())
    if not reason:
        raise ServiceError("Vui lòng cho biết vì sao ông/bà chưa hài lòng.", field="reason")
    if len(reason) > rules.MAX_REASON:
        raise ServiceError(f"Ý kiến dài quá {rules.MAX_REASON} ký tự.", field="reason")
    try:
        with transaction.atomic():
            review = RatingReview.objects.create(
                petition=petition, commune=commune, reason=reason, review_requested=bool(review_requested)
            )
            audit_record(
                actor="người gửi đơn",
                action="surveys.rating_review",
                obj=petition,
                after={"rating": petition.rating, "review_requested": review.review_requested},
            )
            _notify(review, petition)
    except IntegrityError as exc:
        raise ServiceError(
            "Đơn này đã có ý kiến sau đánh giá; mỗi đơn gửi một lần.", code="already_sent"
        ) from exc
    return review


def _notify(review: RatingReview, petition: Petition) -> None:
    members = Membership.objects.filter(commune=petition.commune_id, is_active=True).select_related("user")
    wanted = members.filter(role=Role.COMMUNE_LEADER)
    if petition.unit_id:
        wanted = wanted | members.filter(role=Role.UNIT_OFFICER, unit=petition.unit_id)
    ask = "đề nghị xem xét lại" if review.review_requested else "cho biết chưa hài lòng"
    notify(
        users=[m.user for m in wanted],
        text=f"Người gửi đơn {petition.tracking_code} đánh giá {petition.rating}/5 và {ask}.",
        key=f"rating-review:{review.pk}",
        url=reverse("surveys:ratings", args=[petition.commune_id]),
        commune=petition.commune,
    )


def rating_review_answer(*, by, review: RatingReview, answer: str) -> RatingReview:
    if not can(by, "surveys.handle_reviews", review.commune):
        raise ServiceError("Vai trò của bạn không được trả lời ý kiến này.", code="forbidden")
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError("Vui lòng ghi nội dung trả lời.", field="answer")
    if len(answer) > 2000:
        raise ServiceError("Nội dung trả lời dài quá 2.000 ký tự.", field="answer")
    with transaction.atomic():
        locked = RatingReview.objects.select_for_update().get(pk=review.pk)
        if locked.status != RatingReview.Status.OPEN:
            raise ServiceError("Ý kiến này đã được trả lời.", code="answered")
        before = snapshot(locked, ["status", "answer"])
        locked.status, locked.answer = RatingReview.Status.ANSWERED, answer
        locked.answered_by, locked.answered_at = by, timezone.now()
        locked.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        audit_record(
            actor=by,
            action="surveys.rating_review_answer",
            obj=locked,
            before=before,
            after=snapshot(locked, ["status", "answer"]),
        )
    return locked
