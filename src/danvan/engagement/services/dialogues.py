"""Dialogues (đối thoại) with citizens: the dialogue, its questions (moderated), answers and minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.engagement import rules
from danvan.engagement.models import (
    Dialogue,
    DialogueQuestion,
)
from danvan.engagement.services.common import (
    CITIZEN,
    clean_date,
    clean_line,
    clean_text,
    require,
    today,
    villages_in,
)
from danvan.geo.models import Commune, Village

_DIALOGUE_AUDIT = ["on", "start_time", "place", "topic", "status", "held_on"]


# --- dialogues ----------------------------------------------------------------------------------------------


def dialogue_create(
    *,
    by,
    commune: Commune,
    on: dt.date,
    start_time: dt.time,
    place: str,
    chair_name: str,
    topic: str,
    description: str = "",
    villages: Iterable[Village] = (),
    invited_groups: str = "",
    already_held: bool = False,
) -> Dialogue:
    """Call a dialogue (hội nghị đối thoại); its invitation is published on the portal at once.
    `already_held`: record one that took place before it was entered (its date may then be past, not
    future); its minutes are written next."""
    require(by, commune, "engagement.manage", "tổ chức đối thoại")
    on = clean_date(on, field="on", label="ngày đối thoại")
    if not already_held and on < today():
        raise ServiceError("Không thể mời đối thoại vào ngày đã qua.", code="past_date", field="on")
    if already_held and on > today():
        raise ServiceError("Hội nghị đã tổ chức không thể có ngày trong tương lai.", field="on")
    if start_time is None:
        raise ServiceError("Vui lòng nhập giờ bắt đầu.", field="start_time")
    chosen = villages_in(commune, villages)
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            commune=commune,
            on=on,
            start_time=start_time,
            place=clean_line(place, field="place", label="địa điểm", max_chars=200),
            chair_name=clean_line(chair_name, field="chair_name", label="lãnh đạo chủ trì", max_chars=150),
            topic=clean_line(topic, field="topic", label="chủ đề đối thoại", max_chars=300),
            description=clean_text(description, field="description", label="nội dung mời", required=False),
            invited_groups=clean_line(
                invited_groups,
                field="invited_groups",
                label="đối tượng được mời",
                required=False,
                max_chars=300,
            ),
            created_by=by,
        )
        dialogue.villages.set(chosen)
        audit_record(
            actor=by,
            action="engagement.dialogue_create",
            obj=dialogue,
            after={**snapshot(dialogue, _DIALOGUE_AUDIT), "villages": [v.pk for v in chosen]},
        )
    return dialogue


def dialogue_question_submit(
    *,
    dialogue: Dialogue,
    content: str,
    asker_name: str = "",
    village: Village | None = None,
    client_token: str | None = None,
) -> DialogueQuestion:
    """A resident sends a question ahead from the portal; it waits for moderation. Idempotent on the
    client token: a retry returns the question the first call stored."""
    token = (client_token or "").strip() or None
    if token is not None:
        if len(token) > 64:
            raise ServiceError("Mã gửi không hợp lệ.", field="client_token")
        existing = DialogueQuestion.objects.filter(dialogue=dialogue, client_token=token).first()
        if existing is not None:
            return existing
    if not rules.accepts_questions(dialogue, today()):
        raise ServiceError(rules.CLOSED_DIALOGUE_MESSAGE, code="dialogue_closed")
    content = clean_text(content, field="content", label="câu hỏi", max_chars=2_000)
    asker_name = clean_line(asker_name, field="asker_name", label="họ tên", required=False, max_chars=150)
    if village is not None and village.commune_id != dialogue.commune_id:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    try:
        with transaction.atomic():
            # Read the status again under a lock: minutes recorded meanwhile close the dialogue.
            if not rules.accepts_questions(Dialogue.objects.select_for_update().get(pk=dialogue.pk), today()):
                raise ServiceError(rules.CLOSED_DIALOGUE_MESSAGE, code="dialogue_closed")
            question = DialogueQuestion.objects.create(
                dialogue=dialogue,
                source=DialogueQuestion.Source.PORTAL,
                asker_name=asker_name,
                village=village,
                content=content,
                client_token=token,
            )
            audit_record(
                actor=CITIZEN,
                action="engagement.question_submit",
                obj=question,
                commune=dialogue.commune,
                after={"dialogue": dialogue.pk, "source": question.source},
            )
    except IntegrityError:
        existing = token and DialogueQuestion.objects.filter(dialogue=dialogue, client_token=token).first()
        if existing:
            return existing
        raise
    return question


def dialogue_question_add(
    *,
    by,
    dialogue: Dialogue,
    content: str,
    asker_name: str = "",
    village: Village | None = None,
    answer: str = "",
) -> DialogueQuestion:
    """Staff record a question raised on the day (and its answer, when given there)."""
    commune = dialogue.commune
    require(by, commune, "engagement.manage", "ghi câu hỏi đối thoại")
    if dialogue.status == Dialogue.Status.CANCELLED:
        raise ServiceError("Hội nghị đối thoại đã hủy.", code="dialogue_cancelled")
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    with transaction.atomic():
        question = DialogueQuestion.objects.create(
            dialogue=dialogue,
            source=DialogueQuestion.Source.ON_THE_DAY,
            status=DialogueQuestion.Status.APPROVED,
            asker_name=clean_line(
                asker_name, field="asker_name", label="người hỏi", required=False, max_chars=150
            ),
            village=village,
            content=clean_text(content, field="content", label="nội dung câu hỏi", max_chars=2_000),
            answer=clean_text(answer, field="answer", label="nội dung trả lời", required=False),
        )
        audit_record(
            actor=by,
            action="engagement.question_add",
            obj=question,
            commune=commune,
            after={"dialogue": dialogue.pk, "source": question.source, "answered": bool(question.answer)},
        )
    return question


def dialogue_question_moderate(*, by, question: DialogueQuestion, approve: bool) -> DialogueQuestion:
    """Take a resident's question into the dialogue, or leave it out (it then never shows on the portal)."""
    commune = question.dialogue.commune
    require(by, commune, "engagement.manage", "duyệt câu hỏi")
    with transaction.atomic():
        locked = DialogueQuestion.objects.select_for_update().get(pk=question.pk)
        before = locked.status
        locked.status = DialogueQuestion.Status.APPROVED if approve else DialogueQuestion.Status.REJECTED
        locked.save(update_fields=["status"])
        audit_record(
            actor=by,
            action="engagement.question_moderate",
            obj=locked,
            commune=commune,
            before={"status": before},
            after={"status": locked.status},
        )
    return locked


def dialogue_question_answer(
    *, by, question: DialogueQuestion, answer: str, answered_by: str = ""
) -> DialogueQuestion:
    """Record the answer given to a question (the minutes' question-and-answer list)."""
    commune = question.dialogue.commune
    require(by, commune, "engagement.manage", "ghi trả lời đối thoại")
    answer = clean_text(answer, field="answer", label="nội dung trả lời")
    answered_by = clean_line(
        answered_by, field="answered_by", label="người trả lời", required=False, max_chars=150
    )
    with transaction.atomic():
        locked = DialogueQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.status == DialogueQuestion.Status.REJECTED:
            raise ServiceError("Câu hỏi này không được đưa vào đối thoại.", code="rejected")
        locked.answer = answer
        locked.answered_by = answered_by
        locked.status = DialogueQuestion.Status.APPROVED
        locked.save(update_fields=["answer", "answered_by", "status"])
        audit_record(actor=by, action="engagement.question_answer", obj=locked, commune=commune)
    return locked


def dialogue_record_minutes(
    *, by, dialogue: Dialogue, summary: str, held_on: dt.date | None = None
) -> Dialogue:
    """Close the dialogue with its minutes (biên bản): the questions then stop coming from the portal."""
    commune = dialogue.commune
    require(by, commune, "engagement.manage", "ghi biên bản đối thoại")
    summary = clean_text(summary, field="summary", label="kết luận của biên bản", max_chars=20_000)
    held_on = held_on or dialogue.on
    if held_on > today():
        raise ServiceError("Chưa đến ngày đối thoại: chưa thể ghi biên bản.", code="not_yet", field="held_on")
    with transaction.atomic():
        locked = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
        if locked.status == Dialogue.Status.CANCELLED:
            raise ServiceError("Hội nghị đối thoại đã hủy.", code="dialogue_cancelled")
        before = snapshot(locked, _DIALOGUE_AUDIT)
        locked.status = Dialogue.Status.HELD
        locked.minutes_summary = summary
        locked.held_on = held_on
        locked.save(update_fields=["status", "minutes_summary", "held_on"])
        audit_record(
            actor=by,
            action="engagement.dialogue_minutes",
            obj=locked,
            before=before,
            after=snapshot(locked, _DIALOGUE_AUDIT),
        )
    return locked
