"""Đối thoại trong giải quyết khiếu nại (Luật Khiếu nại 2011, Điều 30; Điều 39 for the second round):
schedule it with a written notice to those invited, then record its minutes.

The first-round resolver holds a dialogue when the complainant's request and the verification's result
still differ (Điều 30(1)); only the resolver knows that, so the product does not force it, but the
resolve form says when none was recorded. Since 1/7/2026 a complainant who stays away without good
reason does not stop the resolution (Luật 136/2025/QH15; `complaint.suspension` → `dialogue_absence`):
the minutes record the absence and the case goes on. Before that day the absence is recorded the same
way, and the resolver decides.
"""

from __future__ import annotations

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.law.registry import rule
from danvan.petitions.models import ComplaintDialogue, Petition
from danvan.petitions.services.common import (
    HANDLERS,
    Kind,
    Status,
    clean_text,
    lock_petition,
    record_event,
    require_role,
)

# A dialogue is held while the complaint is being resolved, not before it is accepted or after the answer.
DIALOGUE_STATUSES = {Status.ACCEPTED, Status.VERIFYING, Status.REOPENED}
_MAX = 5000


def _check_complaint(petition: Petition) -> None:
    if petition.kind != Kind.COMPLAINT:
        raise ServiceError(
            "Chỉ đơn khiếu nại mới tổ chức đối thoại giải quyết khiếu nại.", code="not_complaint"
        )
    if petition.status not in DIALOGUE_STATUSES:
        raise ServiceError(
            "Chỉ tổ chức đối thoại khi khiếu nại đã được thụ lý và đang giải quyết "
            "(Luật Khiếu nại 2011, Điều 30).",
            code="bad_status",
        )


def complaint_dialogue_schedule(
    *, petition: Petition, by, at: datetime, place: str, agenda: str, participants: str
) -> ComplaintDialogue:
    """Schedule a dialogue: time, place and what it is about, announced to the complainant (the public
    step and their message) and in the written notice (`dialogue_documents.notice_docx`)."""
    require_role(by, petition.commune, HANDLERS, "tổ chức đối thoại giải quyết khiếu nại")
    place = clean_text(place, field="place", label="địa điểm", max_chars=300)
    agenda = clean_text(agenda, field="agenda", label="nội dung đối thoại", max_chars=_MAX)
    participants = clean_text(participants, field="participants", label="thành phần mời", max_chars=_MAX)
    if at is None:
        raise ServiceError("Vui lòng nhập thời gian đối thoại (dd/mm/yyyy hh:mm).", field="at")
    if at < timezone.now():
        raise ServiceError("Thời gian đối thoại phải sau thời điểm hiện tại.", field="at")
    with transaction.atomic():
        locked = lock_petition(petition)
        _check_complaint(locked)
        dialogue = ComplaintDialogue.objects.create(
            petition=locked,
            complaint_round=locked.complaint_round or 1,
            at=at,
            place=place,
            agenda=agenda,
            participants=participants,
            created_by=by,
        )
        when = timezone.localtime(at)
        record_event(
            locked,
            by=by,
            action="dialogue_scheduled",
            before=None,
            note=f"Mời người khiếu nại đối thoại lúc {when:%H:%M} ngày {when:%d/%m/%Y} tại {place}.",
            extra={"dialogue": dialogue.pk},
        )
    return dialogue


def complaint_dialogue_record(
    *,
    dialogue: ComplaintDialogue,
    by,
    held_on: date,
    complainant_present: bool,
    opinions: str,
    outcome: str,
    signed: bool,
    unsigned_reason: str = "",
) -> ComplaintDialogue:
    """Record the minutes (biên bản, Điều 30(4)): each side's opinion, the result, signatures or, when
    someone did not sign, why. Recorded once; the complaint's status does not change."""
    petition = dialogue.petition
    require_role(by, petition.commune, HANDLERS, "ghi biên bản đối thoại")
    opinions = clean_text(opinions, field="opinions", label="ý kiến của những người tham gia", max_chars=_MAX)
    outcome = clean_text(outcome, field="outcome", label="kết quả đối thoại", max_chars=_MAX)
    reason = clean_text(
        unsigned_reason, field="unsigned_reason", label="lý do không ký", required=False, max_chars=500
    )
    if held_on is None:
        raise ServiceError("Vui lòng nhập ngày đã đối thoại (dd/mm/yyyy).", field="held_on")
    if held_on > timezone.localdate():
        raise ServiceError("Ngày đối thoại không được sau hôm nay.", field="held_on")
    if held_on < timezone.localtime(dialogue.at).date():
        raise ServiceError(
            f"Ngày đối thoại không được trước ngày đã mời ({timezone.localtime(dialogue.at):%d/%m/%Y}).",
            field="held_on",
        )
    if not signed and not reason:
        raise ServiceError(
            "Người tham gia không ký, điểm chỉ thì biên bản phải ghi rõ lý do (Luật Khiếu nại 2011, Điều 30 "
            "khoản 4).",
            field="unsigned_reason",
        )
    with transaction.atomic():
        locked_petition = lock_petition(petition)
        locked = ComplaintDialogue.objects.select_for_update().get(pk=dialogue.pk)
        if locked.held_on is not None:
            raise ServiceError("Biên bản đối thoại này đã được ghi.", code="already_recorded")
        locked.held_on, locked.complainant_present = held_on, complainant_present
        locked.opinions, locked.outcome = opinions, outcome
        locked.signed, locked.unsigned_reason = signed, "" if signed else reason
        locked.save()
        if complainant_present:
            note = f"Đã đối thoại ngày {held_on:%d/%m/%Y}; kết quả đối thoại là một căn cứ để giải quyết."
        elif rule("complaint.suspension", on=held_on).value.get("dialogue_absence") == "continue":
            note = (
                f"Người khiếu nại vắng mặt buổi đối thoại ngày {held_on:%d/%m/%Y}; việc giải quyết khiếu nại "
                "vẫn tiếp tục (Luật Khiếu nại 2011, sửa đổi bởi Luật 136/2025/QH15)."
            )
        else:
            note = f"Người khiếu nại vắng mặt buổi đối thoại ngày {held_on:%d/%m/%Y}."
        record_event(
            locked_petition,
            by=by,
            action="dialogue_recorded",
            before=None,
            note=note,
            extra={"dialogue": locked.pk, "complainant_present": complainant_present, "signed": signed},
        )
        audit_record(
            actor=by,
            action="petitions.dialogue_minutes",
            obj=locked,
            commune=locked_petition.commune,
            after={"held_on": held_on.isoformat(), "present": complainant_present, "signed": signed},
        )
    return locked


def dialogue_needed_note(petition: Petition) -> str:
    """What the resolve form says about the dialogue of a complaint ("" when nothing needs saying)."""
    if petition.kind != Kind.COMPLAINT:
        return ""
    recorded = petition.complaint_dialogues.filter(held_on__isnull=False).exists()
    if recorded:
        return ""
    if (petition.complaint_round or 1) >= 2:
        return "Khiếu nại lần hai: người giải quyết phải tổ chức đối thoại trước khi ra quyết định (Điều 39)."
    return (
        "Chưa có biên bản đối thoại. Nếu yêu cầu của người khiếu nại và kết quả xác minh còn khác nhau, "
        "phải tổ chức đối thoại trước khi ra quyết định (Luật Khiếu nại 2011, Điều 30)."
    )
