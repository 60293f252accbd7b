"""Voters' petitions (kiến nghị cử tri): the meeting with voters, each petition, its unit and answer."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.engagement.models import (
    VoterMeeting,
    VoterPetition,
)
from danvan.engagement.services.common import (
    clean_date,
    clean_line,
    clean_text,
    require,
    today,
    unit_in,
    villages_in,
)
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit

_VOTER_AUDIT = ["meeting", "topic", "unit", "status", "answered_on", "answer_published"]


# --- voters' petitions --------------------------------------------------------------------------------------


def voter_meeting_record(
    *,
    by,
    commune: Commune,
    on: dt.date,
    place: str,
    delegates: str = "",
    villages: Iterable[Village] = (),
    voters_count: int | None = None,
    kind: str = VoterMeeting.Kind.VOTERS,
) -> VoterMeeting:
    """Record a voter meeting (hội nghị tiếp xúc cử tri) where petitions were collected, or a questioning
    session of the HĐND (phiên chất vấn) whose questions are recorded the same way."""
    if kind not in VoterMeeting.Kind.values:
        raise ServiceError("Loại hội nghị không hợp lệ.", field="kind")
    require(by, commune, "engagement.manage", "ghi hội nghị tiếp xúc cử tri")
    on = clean_date(on, field="on", label="ngày tiếp xúc")
    if voters_count is not None and voters_count < 0:
        raise ServiceError("Số cử tri không hợp lệ.", field="voters_count")
    chosen = villages_in(commune, villages)
    with transaction.atomic():
        meeting = VoterMeeting.objects.create(
            commune=commune,
            kind=kind,
            on=on,
            place=clean_line(place, field="place", label="địa điểm", max_chars=200),
            delegates=clean_line(
                delegates, field="delegates", label="đại biểu", required=False, max_chars=300
            ),
            voters_count=voters_count,
            created_by=by,
        )
        meeting.villages.set(chosen)
        audit_record(
            actor=by, action="engagement.voter_meeting", obj=meeting, after={"on": str(on), "kind": kind}
        )
    return meeting


def voter_petition_add(
    *, by, meeting: VoterMeeting, topic: str, content: str, voters_raising: int = 1, unit: Unit | None = None
) -> VoterPetition:
    """Add one voters' petition, under a content group (nhóm nội dung)."""
    commune = meeting.commune
    require(by, commune, "engagement.manage", "tổng hợp kiến nghị cử tri")
    if voters_raising is None or voters_raising < 1:
        raise ServiceError("Số cử tri nêu phải từ 1 trở lên.", field="voters_raising")
    unit = unit_in(commune, unit)
    with transaction.atomic():
        petition = VoterPetition.objects.create(
            commune=commune,
            meeting=meeting,
            topic=clean_line(topic, field="topic", label="nhóm nội dung", max_chars=120),
            content=clean_text(content, field="content", label="nội dung kiến nghị"),
            voters_raising=voters_raising,
            unit=unit,
            status=VoterPetition.Status.ASSIGNED if unit else VoterPetition.Status.RECEIVED,
        )
        audit_record(
            actor=by,
            action="engagement.voter_petition_add",
            obj=petition,
            after=snapshot(petition, _VOTER_AUDIT),
        )
    return petition


def voter_petition_assign(*, by, petition: VoterPetition, unit: Unit) -> VoterPetition:
    commune = petition.commune
    require(by, commune, "engagement.manage", "giao kiến nghị cử tri")
    unit = unit_in(commune, unit, required=True)
    with transaction.atomic():
        locked = VoterPetition.objects.select_for_update().get(pk=petition.pk)
        before = snapshot(locked, _VOTER_AUDIT)
        locked.unit = unit
        if locked.status == VoterPetition.Status.RECEIVED:
            locked.status = VoterPetition.Status.ASSIGNED
        locked.save(update_fields=["unit", "status"])
        audit_record(
            actor=by,
            action="engagement.voter_petition_assign",
            obj=locked,
            before=before,
            after=snapshot(locked, _VOTER_AUDIT),
        )
    return locked


def voter_petition_answer(
    *, by, petition: VoterPetition, answer: str, on: dt.date | None = None, publish: bool = True
) -> VoterPetition:
    """Answer a voters' petition; a published answer shows on the portal."""
    commune = petition.commune
    require(by, commune, "engagement.manage", "trả lời kiến nghị cử tri")
    answer = clean_text(answer, field="answer", label="nội dung trả lời", max_chars=10_000)
    on = on or today()
    if on > today():
        raise ServiceError("Ngày trả lời không được sau ngày hôm nay.", field="on")
    with transaction.atomic():
        locked = VoterPetition.objects.select_for_update().get(pk=petition.pk)
        before = snapshot(locked, _VOTER_AUDIT)
        locked.answer = answer
        locked.answered_on = on
        locked.answer_published = bool(publish)
        locked.status = VoterPetition.Status.ANSWERED
        locked.save(update_fields=["answer", "answered_on", "answer_published", "status"])
        audit_record(
            actor=by,
            action="engagement.voter_petition_answer",
            obj=locked,
            before=before,
            after=snapshot(locked, _VOTER_AUDIT),
        )
    return locked
