"""Commitments (cam kết, lời hứa) from dialogues, voters' petitions and reception, with their progress."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.engagement import rules
from danvan.engagement.models import (
    Commitment,
    CommitmentProgress,
    Dialogue,
    DialogueQuestion,
    ReceptionEntry,
    VoterMeeting,
    VoterPetition,
)
from danvan.engagement.services.common import (
    clean_text,
    require,
    today,
    unit_in,
)
from danvan.org.access import can, memberships_in
from danvan.org.models import Membership, Role, Unit

_COMMITMENT_AUDIT = ["source", "unit", "due_on", "status", "done_on", "evidence_sha256"]


# --- commitments --------------------------------------------------------------------------------------------


def commitment_create(
    *,
    by,
    content: str,
    unit: Unit | None,
    due_on: dt.date | None,
    dialogue: Dialogue | None = None,
    question: DialogueQuestion | None = None,
    voter_petition: VoterPetition | None = None,
    reception_entry: ReceptionEntry | None = None,
) -> Commitment:
    """Turn a promise (lời hứa) made at a dialogue, in an answer to voters or at reception into a tracked
    commitment with a responsible unit and a due date. Its text is public on the portal."""
    sources = [s for s in (dialogue, voter_petition, reception_entry) if s is not None]
    if question is not None and dialogue is None:
        dialogue = question.dialogue
        sources = [dialogue, *sources]
    if len(sources) != 1:
        raise ServiceError(
            "Cam kết phải gắn với đúng một nguồn: đối thoại, kiến nghị cử tri hoặc tiếp công dân."
        )
    origin = sources[0]
    commune = origin.commune
    require(by, commune, "engagement.manage", "ghi cam kết")
    if question is not None and question.dialogue_id != dialogue.pk:
        raise ServiceError("Câu hỏi không thuộc hội nghị đối thoại này.", field="question")
    content = clean_text(content, field="content", label="nội dung cam kết", max_chars=2_000)
    unit = unit_in(commune, unit, required=True)
    if due_on is None:
        raise ServiceError("Vui lòng nhập hạn hoàn thành cam kết.", field="due_on")
    origin_day = (
        getattr(origin, "on", None)
        or getattr(origin, "received_on", None)
        or getattr(getattr(origin, "meeting", None), "on", None)
    )
    if origin_day and due_on < origin_day:
        raise ServiceError("Hạn hoàn thành không được trước ngày đưa ra cam kết.", field="due_on")
    source = (
        Commitment.Source.DIALOGUE
        if dialogue is not None
        else Commitment.Source.VOTER_PETITION
        if voter_petition is not None
        else Commitment.Source.RECEPTION
    )
    if voter_petition is not None and voter_petition.meeting.kind == VoterMeeting.Kind.QUESTIONING:
        source = Commitment.Source.COUNCIL_QUESTION  # a promise in the answer to an HĐND delegate
    with transaction.atomic():
        commitment = Commitment.objects.create(
            commune=commune,
            source=source,
            dialogue=dialogue,
            question=question,
            voter_petition=voter_petition,
            reception_entry=reception_entry,
            content=content,
            unit=unit,
            due_on=due_on,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="engagement.commitment_create",
            obj=commitment,
            after=snapshot(commitment, _COMMITMENT_AUDIT),
        )
        officers = Membership.objects.filter(
            unit=unit, role=Role.UNIT_OFFICER, is_active=True
        ).select_related("user")
        notify(
            users=[m.user for m in officers],
            text=f"Đơn vị được giao thực hiện cam kết, hạn {due_on:%d/%m/%Y}: {content[:200]}",
            key=f"engagement:commitment:{commitment.pk}",
            url=reverse("engagement:commitment", kwargs={"code": commune.code, "pk": commitment.pk}),
            commune=commune,
        )
    return commitment


def _may_update(by, commitment: Commitment) -> bool:
    commune = commitment.commune
    if not getattr(by, "is_authenticated", False) or not can(by, "engagement.update_commitment", commune):
        return False
    if can(by, "engagement.manage", commune):
        return True
    pairs = [(m.role, m.unit_id) for m in memberships_in(by, commune)]
    return rules.may_update_commitment(pairs, commitment)


def may_update_commitment(user, commitment: Commitment) -> bool:
    """For views: whether to show the update forms (the services check again)."""
    return _may_update(user, commitment)


def commitment_progress_add(
    *, by, commitment: Commitment, note: str, on: dt.date | None = None, evidence=None
) -> CommitmentProgress:
    """The responsible unit reports progress, optionally with an evidence file (photo, scan, document)."""
    if not _may_update(by, commitment):
        raise ServiceError("Bạn chỉ cập nhật được cam kết giao cho đơn vị của mình.", code="forbidden")
    note = clean_text(note, field="note", label="nội dung tiến độ", max_chars=2_000)
    on = on or today()
    if on > today():
        raise ServiceError("Ngày cập nhật không được sau ngày hôm nay.", field="on")
    checked = check_upload(evidence) if evidence is not None else None
    with transaction.atomic():
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        before = snapshot(locked, _COMMITMENT_AUDIT)
        progress = CommitmentProgress.objects.create(commitment=locked, on=on, note=note, by=by)
        if checked is not None:
            locked.evidence = evidence
            locked.evidence_name = (getattr(evidence, "name", "") or "minh-chung")[:255]
            locked.evidence_sha256 = checked.sha256
            locked.save(update_fields=["evidence", "evidence_name", "evidence_sha256"])
        audit_record(
            actor=by,
            action="engagement.commitment_progress",
            obj=locked,
            before=before,
            after=snapshot(locked, _COMMITMENT_AUDIT),
        )
    return progress


def commitment_set_status(
    *, by, commitment: Commitment, status: str, result: str = "", on: dt.date | None = None
) -> Commitment:
    """Mark a commitment done (or not doable, with the reason), or reopen it; moves follow
    `rules.COMMITMENT_TRANSITIONS`."""
    if not _may_update(by, commitment):
        raise ServiceError("Bạn chỉ cập nhật được cam kết giao cho đơn vị của mình.", code="forbidden")
    if status not in Commitment.Status.values:
        raise ServiceError("Trạng thái không hợp lệ.", field="status")
    result = clean_text(
        result, field="result", label="kết quả thực hiện", required=status != "open", max_chars=5_000
    )
    on = on or today()
    if on > today():
        raise ServiceError("Ngày hoàn thành không được sau ngày hôm nay.", field="on")
    with transaction.atomic():
        locked = Commitment.objects.select_for_update().get(pk=commitment.pk)
        if status not in rules.COMMITMENT_TRANSITIONS[locked.status]:
            raise ServiceError(
                f"Cam kết đang “{locked.get_status_display().lower()}”: không thể chuyển sang "
                f"“{Commitment.Status(status).label.lower()}”.",
                code="bad_transition",
            )
        before = snapshot(locked, _COMMITMENT_AUDIT)
        locked.status = status
        locked.done_on = on if status == Commitment.Status.DONE else None
        if result:
            locked.result = result
        locked.save(update_fields=["status", "done_on", "result"])
        audit_record(
            actor=by,
            action=f"engagement.commitment_{status}",
            obj=locked,
            before=before,
            after=snapshot(locked, _COMMITMENT_AUDIT),
        )
    return locked
