"""The reception schedule (lịch tiếp công dân) and register (sổ tiếp công dân).

The register holds personal data (name, address, ID number): it never enters an audit record, a
notification or a public page. Accepting an entry records the petition in the same transaction."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.engagement import rules
from danvan.engagement.models import (
    ReceptionEntry,
    ReceptionSession,
)
from danvan.engagement.services.common import (
    clean_date,
    clean_line,
    clean_text,
    leaders_of,
    require,
    today,
    unit_in,
)
from danvan.geo.models import Commune
from danvan.org.models import Unit
from danvan.petitions.models import Petition
from danvan.petitions.services import petition_record

_SESSION_AUDIT = ["on", "start_time", "end_time", "place", "host_role", "unit", "kind"]
_ENTRY_AUDIT = ["session", "received_on", "case_type", "people_count", "handling", "petition"]


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
    require(by, commune, "engagement.manage", "xếp lịch tiếp công dân")
    on = clean_date(on, field="on", label="ngày tiếp")
    if kind not in ReceptionSession.Kind.values:
        raise ServiceError("Loại buổi tiếp không hợp lệ.", field="kind")
    if kind == ReceptionSession.Kind.SCHEDULED and on < today():
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
    place = clean_line(place, field="place", label="địa điểm tiếp", max_chars=200)
    host_name = clean_line(
        host_name, field="host_name", label="họ tên người tiếp", required=False, max_chars=150
    )
    note = clean_line(note, field="note", label="ghi chú", required=False, max_chars=300)
    unit = unit_in(commune, unit)
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
    require(by, commune, "engagement.manage", "sửa lịch tiếp công dân")
    reason = clean_line(reason, field="reason", label="lý do hủy", max_chars=300)
    with transaction.atomic():
        locked = ReceptionSession.objects.select_for_update().get(pk=session.pk)
        if locked.entries.exists():
            raise ServiceError(
                "Buổi tiếp đã có người dân đến (đã ghi sổ): không thể hủy.", code="has_entries"
            )
        if locked.on < today():
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
    require(by, commune, "engagement.manage", "ghi sổ tiếp công dân")
    if session is not None:
        if session.commune_id != commune.pk:
            raise ServiceError("Buổi tiếp không thuộc xã này.", field="session")
        received_on = received_on or session.on
        if received_on != session.on:
            raise ServiceError("Ngày tiếp phải trùng ngày của buổi tiếp đã chọn.", field="received_on")
    received_on = clean_date(received_on, field="received_on", label="ngày tiếp")
    if received_on > today():
        raise ServiceError("Ngày tiếp không được sau ngày hôm nay.", field="received_on")
    visitor_name = clean_line(visitor_name, field="visitor_name", label="họ tên người đến", max_chars=150)
    visitor_address = clean_line(
        visitor_address, field="visitor_address", label="địa chỉ", required=False, max_chars=300
    )
    id_number = clean_line(id_number, field="id_number", label="số CCCD", required=False, max_chars=20)
    if id_number and not id_number.replace(" ", "").isalnum():
        raise ServiceError("Số CCCD/CMND chỉ gồm chữ số.", field="id_number")
    content = clean_text(content, field="content", label="nội dung vụ việc")
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
    forwarded_to = clean_line(
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
        "handled_before_by": clean_line(
            handled_before_by,
            field="handled_before_by",
            label="cơ quan đã giải quyết",
            required=False,
            max_chars=300,
        ),
        "handling": handling,
        "forwarded_to": forwarded_to,
        "follow_up": clean_text(follow_up, field="follow_up", label="theo dõi kết quả", required=False),
        "note": clean_line(note, field="note", label="ghi chú", required=False, max_chars=300),
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
                users=leaders_of(commune),
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
    require(by, commune, "engagement.manage", "cập nhật sổ tiếp công dân")
    follow_up = clean_text(follow_up, field="follow_up", label="kết quả theo dõi")
    note = clean_line(note, field="note", label="ghi chú", required=False, max_chars=300)
    with transaction.atomic():
        locked = ReceptionEntry.objects.select_for_update().get(pk=entry.pk)
        locked.follow_up = follow_up
        locked.note = note
        locked.save(update_fields=["follow_up", "note"])
        audit_record(actor=by, action="engagement.register_follow_up", obj=locked, commune=commune)
    return locked
