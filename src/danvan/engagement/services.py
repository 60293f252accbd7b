"""Every write about meeting citizens: the reception schedule and register, dialogues and their
questions and minutes, voters' petitions, and commitments with their progress.

Each function checks who acts, validates (a ServiceError with a Vietnamese message, nothing saved),
writes in one transaction and records one audit event there. The register holds personal data
(name, address, ID number): it never enters an audit record, a notification or a public page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

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
    ReceptionSession,
    VoterMeeting,
    VoterPetition,
)
from danvan.geo.models import Commune, Village
from danvan.org.access import can, memberships_in
from danvan.org.models import Membership, Role, Unit
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_record
from danvan.text.normalize import nfc

CITIZEN = "người dân"  # the audit log's actor for a resident's own action: never their name
MAX_TEXT = 5_000

_SESSION_AUDIT = ["on", "start_time", "end_time", "place", "host_role", "unit", "kind"]
_ENTRY_AUDIT = ["session", "received_on", "case_type", "people_count", "handling", "petition"]
_DIALOGUE_AUDIT = ["on", "start_time", "place", "topic", "status", "held_on"]
_COMMITMENT_AUDIT = ["source", "unit", "due_on", "status", "done_on", "evidence_sha256"]
_VOTER_AUDIT = ["meeting", "topic", "unit", "status", "answered_on", "answer_published"]


# --- helpers -----------------------------------------------------------------------------------------


def _require(by, commune: Commune, permission: str, what: str) -> None:
    if by is None or not getattr(by, "is_authenticated", False) or not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def _text(value, *, field: str, label: str, required: bool = True, max_chars: int = MAX_TEXT) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label[:1].upper()}{label[1:]} dài quá {max_chars} ký tự.", field=field)
    return text


def _line(value, **kwargs) -> str:
    return " ".join(_text(value, **kwargs).split())


def _date(value, *, field: str, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    return value


def _unit_of(
    commune: Commune, unit: Unit | None, *, field: str = "unit", required: bool = False
) -> Unit | None:
    if unit is None:
        if required:
            raise ServiceError(
                "Vui lòng chọn đơn vị chịu trách nhiệm thực hiện.", code="unit_required", field=field
            )
        return None
    if unit.commune_id != commune.pk:
        raise ServiceError("Đơn vị không thuộc xã này.", field=field)
    return unit


def _villages_of(commune: Commune, villages: Iterable[Village]) -> list[Village]:
    chosen = list(villages or [])
    if any(v.commune_id != commune.pk for v in chosen):
        raise ServiceError("Có thôn không thuộc xã này.", field="villages")
    return chosen


def _leaders(commune: Commune) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            commune=commune, role=Role.COMMUNE_LEADER, is_active=True
        ).select_related("user")
    ]


def _today() -> dt.date:
    return timezone.localdate()


# --- reception schedule ----------------------------------------------------------------------------------


def reception_session_schedule(
    *,
    by,
    commune: Commune,
    on: dt.date,
    start_time: dt.time,
    end_time: dt.time,
    place: str,
    host_role: str,
    host_name: str = "",
    unit: Unit | None = None,
    kind: str = ReceptionSession.Kind.SCHEDULED,
    note: str = "",
) -> ReceptionSession:
    """Put a reception day on the commune's schedule (lịch tiếp công dân), or record an unscheduled one."""
    _require(by, commune, "engagement.manage", "xếp lịch tiếp công dân")
    on = _date(on, field="on", label="ngày tiếp")
    if kind not in ReceptionSession.Kind.values:
        raise ServiceError("Loại buổi tiếp không hợp lệ.", field="kind")
    if kind == ReceptionSession.Kind.SCHEDULED and on < _today():
        raise ServiceError(
            "Không thể xếp lịch tiếp công dân vào ngày đã qua. "
            "Buổi tiếp đột xuất đã diễn ra thì chọn loại “Đột xuất”.",
            code="past_date",
            field="on",
        )
    if start_time is None or end_time is None:
        raise ServiceError("Vui lòng nhập giờ bắt đầu và giờ kết thúc.", field="start_time")
    if end_time <= start_time:
        raise ServiceError("Giờ kết thúc phải sau giờ bắt đầu.", field="end_time")
    if host_role not in ReceptionSession.HostRole.values:
        raise ServiceError("Vui lòng chọn người chủ trì buổi tiếp.", field="host_role")
    place = _line(place, field="place", label="địa điểm tiếp", max_chars=200)
    host_name = _line(host_name, field="host_name", label="họ tên người tiếp", required=False, max_chars=150)
    note = _line(note, field="note", label="ghi chú", required=False, max_chars=300)
    unit = _unit_of(commune, unit)
    if host_role == ReceptionSession.HostRole.OTHER and not (host_name or unit):
        raise ServiceError("Vui lòng ghi người tiếp hoặc chọn đơn vị tiếp.", field="host_name")
    with transaction.atomic():
        session = ReceptionSession.objects.create(
            commune=commune,
            on=on,
            start_time=start_time,
            end_time=end_time,
            place=place,
            host_role=host_role,
            host_name=host_name,
            unit=unit,
            kind=kind,
            note=note,
            created_by=by,
        )
        audit_record(
            actor=by,
            action="engagement.session_schedule",
            obj=session,
            after=snapshot(session, _SESSION_AUDIT),
        )
    return session


def reception_session_cancel(*, by, session: ReceptionSession, reason: str) -> None:
    """Take a coming session off the schedule; a session with register entries stays (it was held)."""
    commune = session.commune
    _require(by, commune, "engagement.manage", "sửa lịch tiếp công dân")
    reason = _line(reason, field="reason", label="lý do hủy", max_chars=300)
    with transaction.atomic():
        locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
        if locked.entries.exists():
            raise ServiceError(
                "Buổi tiếp đã có người dân đến (đã ghi sổ): không thể hủy.", code="has_entries"
            )
        if locked.on < _today():
            raise ServiceError("Không thể hủy buổi tiếp đã qua.", code="past_date")
        before = snapshot(locked, _SESSION_AUDIT)
        audit_record(
            actor=by,
            action="engagement.session_cancel",
            obj=locked,
            commune=commune,
            before=before,
            note=reason,
        )
        locked.delete()


# --- reception register ----------------------------------------------------------------------------------


def reception_entry_record(
    *,
    by,
    commune: Commune,
    received_on: dt.date | None = None,
    session: ReceptionSession | None = None,
    visitor_name: str,
    visitor_address: str = "",
    id_number: str = "",
    content: str,
    case_type: str,
    people_count: int = 1,
    handled_before_by: str = "",
    handling: str,
    forwarded_to: str = "",
    follow_up: str = "",
    note: str = "",
) -> ReceptionEntry:
    """Write one line of the reception register (Sổ tiếp công dân, TT 04/2021/TT-TTCP Mẫu 03).

    Handled as "accept", the case becomes a petition (channel: reception; received date: the reception
    date) linked to the line. A group visit alerts the commune's leaders (no name in the alert)."""
    _require(by, commune, "engagement.manage", "ghi sổ tiếp công dân")
    if session is not None:
        if session.commune_id != commune.pk:
            raise ServiceError("Buổi tiếp không thuộc xã này.", field="session")
        received_on = received_on or session.on
        if received_on != session.on:
            raise ServiceError("Ngày tiếp phải trùng ngày của buổi tiếp đã chọn.", field="received_on")
    received_on = _date(received_on, field="received_on", label="ngày tiếp")
    if received_on > _today():
        raise ServiceError("Ngày tiếp không được sau ngày hôm nay.", field="received_on")
    visitor_name = _line(visitor_name, field="visitor_name", label="họ tên người đến", max_chars=150)
    visitor_address = _line(
        visitor_address, field="visitor_address", label="địa chỉ", required=False, max_chars=300
    )
    id_number = _line(id_number, field="id_number", label="số CCCD", required=False, max_chars=20)
    if id_number and not id_number.replace(" ", "").isalnum():
        raise ServiceError("Số CCCD/CMND chỉ gồm chữ số.", field="id_number")
    content = _text(content, field="content", label="nội dung vụ việc")
    if case_type not in ReceptionEntry.CaseType.values:
        raise ServiceError("Vui lòng chọn phân loại vụ việc.", field="case_type")
    if handling not in ReceptionEntry.Handling.values:
        raise ServiceError("Vui lòng chọn hướng xử lý.", field="handling")
    try:
        people = int(people_count)
    except (TypeError, ValueError):
        people = 0
    if people < 1:
        raise ServiceError("Số người phải từ 1 trở lên.", field="people_count")
    forwarded_to = _line(
        forwarded_to, field="forwarded_to", label="nơi chuyển đến", required=False, max_chars=300
    )
    if handling == ReceptionEntry.Handling.FORWARD and not forwarded_to:
        raise ServiceError("Vui lòng ghi cơ quan được chuyển đơn đến.", field="forwarded_to")
    fields = {
        "commune": commune,
        "session": session,
        "received_on": received_on,
        "visitor_name": visitor_name,
        "visitor_address": visitor_address,
        "id_number": id_number,
        "content": content,
        "case_type": case_type,
        "people_count": people,
        "handled_before_by": _line(
            handled_before_by,
            field="handled_before_by",
            label="cơ quan đã giải quyết",
            required=False,
            max_chars=300,
        ),
        "handling": handling,
        "forwarded_to": forwarded_to,
        "follow_up": _text(follow_up, field="follow_up", label="theo dõi kết quả", required=False),
        "note": _line(note, field="note", label="ghi chú", required=False, max_chars=300),
        "recorded_by": by,
    }
    with transaction.atomic():
        petition = None
        if handling == ReceptionEntry.Handling.ACCEPT:
            petition = petition_record(
                by=by,
                commune=commune,
                channel=Petition.Channel.RECEPTION,
                received_on=received_on,
                content=content,
                kind_hint=case_type,
                identity={"full_name": visitor_name, "address": visitor_address, "id_number": id_number},
                signers_count=people,
            )
        entry = ReceptionEntry.objects.create(petition=petition, **fields)
        audit_record(
            actor=by,
            action="engagement.register_entry",
            obj=entry,
            after=snapshot(entry, _ENTRY_AUDIT),
        )
        if rules.is_group_visit(people):
            url = reverse("engagement:register", kwargs={"code": commune.code})
            notify(
                users=_leaders(commune),
                text=(
                    f"Đoàn đông người ({people} người) đến tiếp công dân ngày {received_on:%d/%m/%Y}: "
                    f"{ReceptionEntry.CaseType(case_type).label.lower()}. "
                    "Đề nghị lãnh đạo chỉ đạo tiếp, xử lý."
                ),
                key=f"engagement:group_visit:{entry.pk}",
                url=url,
                commune=commune,
            )
    return entry


def reception_entry_follow_up(*, by, entry: ReceptionEntry, follow_up: str, note: str = "") -> ReceptionEntry:
    """Write the result follow-up and notes columns of a register line."""
    commune = entry.commune
    _require(by, commune, "engagement.manage", "cập nhật sổ tiếp công dân")
    follow_up = _text(follow_up, field="follow_up", label="kết quả theo dõi")
    note = _line(note, field="note", label="ghi chú", required=False, max_chars=300)
    with transaction.atomic():
        locked = ReceptionEntry.objects.select_for_update().get(pk=entry.pk)
        locked.follow_up = follow_up
        locked.note = note
        locked.save(update_fields=["follow_up", "note"])
        audit_record(actor=by, action="engagement.register_follow_up", obj=locked, commune=commune)
    return locked


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
    _require(by, commune, "engagement.manage", "tổ chức đối thoại")
    on = _date(on, field="on", label="ngày đối thoại")
    if not already_held and on < _today():
        raise ServiceError("Không thể mời đối thoại vào ngày đã qua.", code="past_date", field="on")
    if already_held and on > _today():
        raise ServiceError("Hội nghị đã tổ chức không thể có ngày trong tương lai.", field="on")
    if start_time is None:
        raise ServiceError("Vui lòng nhập giờ bắt đầu.", field="start_time")
    chosen = _villages_of(commune, villages)
    with transaction.atomic():
        dialogue = Dialogue.objects.create(
            commune=commune,
            on=on,
            start_time=start_time,
            place=_line(place, field="place", label="địa điểm", max_chars=200),
            chair_name=_line(chair_name, field="chair_name", label="lãnh đạo chủ trì", max_chars=150),
            topic=_line(topic, field="topic", label="chủ đề đối thoại", max_chars=300),
            description=_text(description, field="description", label="nội dung mời", required=False),
            invited_groups=_line(
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
    if not rules.accepts_questions(dialogue, _today()):
        raise ServiceError(rules.CLOSED_DIALOGUE_MESSAGE, code="dialogue_closed")
    content = _text(content, field="content", label="câu hỏi", max_chars=2_000)
    asker_name = _line(asker_name, field="asker_name", label="họ tên", required=False, max_chars=150)
    if village is not None and village.commune_id != dialogue.commune_id:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    try:
        with transaction.atomic():
            # Read the status again under a lock: minutes recorded meanwhile close the dialogue.
            if not rules.accepts_questions(
                Dialogue.objects.select_for_update().get(pk=dialogue.pk), _today()
            ):
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
    _require(by, commune, "engagement.manage", "ghi câu hỏi đối thoại")
    if dialogue.status == Dialogue.Status.CANCELLED:
        raise ServiceError("Hội nghị đối thoại đã hủy.", code="dialogue_cancelled")
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    with transaction.atomic():
        question = DialogueQuestion.objects.create(
            dialogue=dialogue,
            source=DialogueQuestion.Source.ON_THE_DAY,
            status=DialogueQuestion.Status.APPROVED,
            asker_name=_line(
                asker_name, field="asker_name", label="người hỏi", required=False, max_chars=150
            ),
            village=village,
            content=_text(content, field="content", label="nội dung câu hỏi", max_chars=2_000),
            answer=_text(answer, field="answer", label="nội dung trả lời", required=False),
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
    _require(by, commune, "engagement.manage", "duyệt câu hỏi")
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
    _require(by, commune, "engagement.manage", "ghi trả lời đối thoại")
    answer = _text(answer, field="answer", label="nội dung trả lời")
    answered_by = _line(
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
    _require(by, commune, "engagement.manage", "ghi biên bản đối thoại")
    summary = _text(summary, field="summary", label="kết luận của biên bản", max_chars=20_000)
    held_on = held_on or dialogue.on
    if held_on > _today():
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
) -> VoterMeeting:
    """Record a voter meeting (hội nghị tiếp xúc cử tri) where petitions were collected."""
    _require(by, commune, "engagement.manage", "ghi hội nghị tiếp xúc cử tri")
    on = _date(on, field="on", label="ngày tiếp xúc")
    if voters_count is not None and voters_count < 0:
        raise ServiceError("Số cử tri không hợp lệ.", field="voters_count")
    chosen = _villages_of(commune, villages)
    with transaction.atomic():
        meeting = VoterMeeting.objects.create(
            commune=commune,
            on=on,
            place=_line(place, field="place", label="địa điểm", max_chars=200),
            delegates=_line(delegates, field="delegates", label="đại biểu", required=False, max_chars=300),
            voters_count=voters_count,
            created_by=by,
        )
        meeting.villages.set(chosen)
        audit_record(actor=by, action="engagement.voter_meeting", obj=meeting, after={"on": str(on)})
    return meeting


def voter_petition_add(
    *, by, meeting: VoterMeeting, topic: str, content: str, voters_raising: int = 1, unit: Unit | None = None
) -> VoterPetition:
    """Add one voters' petition, under a content group (nhóm nội dung)."""
    commune = meeting.commune
    _require(by, commune, "engagement.manage", "tổng hợp kiến nghị cử tri")
    if voters_raising is None or voters_raising < 1:
        raise ServiceError("Số cử tri nêu phải từ 1 trở lên.", field="voters_raising")
    unit = _unit_of(commune, unit)
    with transaction.atomic():
        petition = VoterPetition.objects.create(
            commune=commune,
            meeting=meeting,
            topic=_line(topic, field="topic", label="nhóm nội dung", max_chars=120),
            content=_text(content, field="content", label="nội dung kiến nghị"),
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
    _require(by, commune, "engagement.manage", "giao kiến nghị cử tri")
    unit = _unit_of(commune, unit, required=True)
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
    _require(by, commune, "engagement.manage", "trả lời kiến nghị cử tri")
    answer = _text(answer, field="answer", label="nội dung trả lời", max_chars=10_000)
    on = on or _today()
    if on > _today():
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
    _require(by, commune, "engagement.manage", "ghi cam kết")
    if question is not None and question.dialogue_id != dialogue.pk:
        raise ServiceError("Câu hỏi không thuộc hội nghị đối thoại này.", field="question")
    content = _text(content, field="content", label="nội dung cam kết", max_chars=2_000)
    unit = _unit_of(commune, unit, required=True)
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
    note = _text(note, field="note", label="nội dung tiến độ", max_chars=2_000)
    on = on or _today()
    if on > _today():
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
    result = _text(
        result, field="result", label="kết quả thực hiện", required=status != "open", max_chars=5_000
    )
    on = on or _today()
    if on > _today():
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
