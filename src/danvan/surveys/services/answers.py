"""One answer to a survey, from the public page (no account) or typed in from a paper form by staff.
One answer per person: a one-time code when the survey hands them out, else the client token (a retry
never makes a second answer) and the public page's rate limit (core/ratelimit.py, in the view)."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.models import Village
from danvan.org.access import can
from danvan.surveys import rules
from danvan.surveys.models import Answer, AnswerCode, Question, Response, Survey
from danvan.surveys.services.builder import hash_code

Raw = str | list[str] | None


def _parse(question: Question, raw: Raw) -> Answer | None:
    """The answer to one question, or None when left empty; ServiceError on a bad value."""
    field = f"q{question.pk}"
    values = raw if isinstance(raw, list) else ([] if raw in (None, "") else [raw])
    values = [str(v).strip() for v in values if str(v).strip()]
    if not values:
        if question.required:
            raise ServiceError(f"Vui lòng trả lời câu: {question.text}", field=field)
        return None
    if question.kind == Question.Kind.TEXT:
        text = values[0]
        if len(text) > rules.MAX_TEXT_ANSWER:
            raise ServiceError(f"Câu trả lời dài quá {rules.MAX_TEXT_ANSWER} ký tự.", field=field)
        return Answer(question=question, text=text)
    if question.kind == Question.Kind.SCALE:
        if len(values) != 1 or values[0] not in {"1", "2", "3", "4", "5"}:
            raise ServiceError("Vui lòng chọn một mức từ 1 đến 5.", field=field)
        return Answer(question=question, scale=int(values[0]))
    valid = {str(i) for i in range(len(question.choices))}
    if any(v not in valid for v in values):
        raise ServiceError("Lựa chọn không hợp lệ.", field=field)
    if question.kind == Question.Kind.SINGLE and len(values) != 1:
        raise ServiceError("Vui lòng chọn một lựa chọn.", field=field)
    return Answer(question=question, picks=sorted({int(v) for v in values}))


def response_submit(
    *,
    survey: Survey,
    answers: dict[int, Raw],
    village: Village | None = None,
    client_token: str = "",
    code: str = "",
    by=None,
) -> Response:
    """Record one answer. `by` is the staff member typing in a paper form (then no code is asked).
    A retry with the same client token returns the first answer."""
    paper = by is not None
    if paper and not can(by, "surveys.enter_paper", survey.commune):
        raise ServiceError("Vai trò của bạn không được nhập phiếu giấy.", code="forbidden")
    if survey.status != Survey.Status.OPEN and not (paper and survey.status == Survey.Status.CLOSED):
        raise ServiceError("Phiếu khảo sát này hiện không nhận trả lời.", code="not_open")
    token = (client_token or "").strip()[:64] or None
    if token:
        existing = Response.objects.filter(survey=survey, client_token=token).first()
        if existing is not None:
            return existing
    if village is not None and village.commune_id != survey.commune_id:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    questions = list(
        Question.objects.filter(section__survey=survey).order_by("section__order", "order", "id")
    )
    parsed = [a for a in (_parse(q, answers.get(q.pk)) for q in questions) if a is not None]
    if not parsed:
        raise ServiceError("Phiếu chưa có câu trả lời nào.", code="empty")
    try:
        with transaction.atomic():
            ticket = None
            if survey.one_answer == Survey.OneAnswer.CODE and not paper:
                ticket = (
                    AnswerCode.objects.select_for_update()
                    .filter(survey=survey, code_hash=hash_code(code))
                    .first()
                )
                if ticket is None:
                    raise ServiceError("Mã phiếu không đúng.", field="code", code="bad_code")
                if ticket.used_at is not None:
                    raise ServiceError(
                        "Mã phiếu này đã được dùng để trả lời.", field="code", code="used_code"
                    )
                ticket.used_at = timezone.now()
                ticket.save(update_fields=["used_at"])
            response = Response.objects.create(
                survey=survey,
                village=village,
                channel=Response.Channel.PAPER if paper else Response.Channel.WEB,
                client_token=token,
                code=ticket,
                entered_by=by,
            )
            for a in parsed:
                a.response = response
            Answer.objects.bulk_create(parsed)
            # No answer content in the log: the answer itself is the record; who typed a paper form is.
            audit_record(
                actor=by or "người dân",
                action="surveys.answer",
                obj=survey,
                after={"response": response.pk, "channel": response.channel, "answers": len(parsed)},
            )
    except IntegrityError:
        existing = Response.objects.filter(survey=survey, client_token=token).first() if token else None
        if existing is None:
            raise
        return existing
    return response
