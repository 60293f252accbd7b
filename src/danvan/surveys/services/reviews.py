"""A low petition rating leads somewhere: the commune answers the resident who said why they are not
satisfied or asked to look again, and the answer is recorded.

The resident's side (the rating, once, by the tracking code; the reason, required at 1–2; the request
to look again, which notifies the unit and the leaders) is `petitions.services.resident`, on the
tracking page; this module only reads it and keeps the commune's answer (`RatingReview`)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.org.access import can
from danvan.petitions.models import Petition
from danvan.surveys import rules
from danvan.surveys.models import RatingReview


def awaiting_answer(petition: Petition) -> bool:
    """A case whose sender was not satisfied (rated LOW_RATING or less) and said why or asked again."""
    low = petition.rating is not None and petition.rating <= rules.LOW_RATING
    return low and bool(petition.rating_reason or petition.review_requested_at)


def rating_review_answer(*, by, petition: Petition, answer: str) -> RatingReview:
    """The commune's answer to a sender not satisfied with the result: recorded once, audited."""
    if not can(by, "surveys.handle_reviews", petition.commune):
        raise ServiceError("Vai trò của bạn không được trả lời ý kiến này.", code="forbidden")
    if not awaiting_answer(petition):
        raise ServiceError("Đơn này không có ý kiến chưa hài lòng cần trả lời.", code="not_low")
    answer = (answer or "").strip()
    if not answer:
        raise ServiceError("Vui lòng ghi nội dung trả lời.", field="answer")
    if len(answer) > 2000:
        raise ServiceError("Nội dung trả lời dài quá 2.000 ký tự.", field="answer")
    with transaction.atomic():
        review, _ = RatingReview.objects.select_for_update().get_or_create(
            petition=petition,
            defaults={
                "commune": petition.commune,
                "reason": petition.rating_reason,
                "review_requested": petition.review_requested_at is not None,
            },
        )
        if review.status != RatingReview.Status.OPEN:
            raise ServiceError("Ý kiến này đã được trả lời.", code="answered")
        before = snapshot(review, ["status", "answer"])
        review.status, review.answer = RatingReview.Status.ANSWERED, answer
        review.answered_by, review.answered_at = by, timezone.now()
        review.save(update_fields=["status", "answer", "answered_by", "answered_at"])
        audit_record(
            actor=by,
            action="surveys.rating_review_answer",
            obj=review,
            commune=petition.commune,
            before=before,
            after=snapshot(review, ["status", "answer"]),
        )
    return review
