"""Every write to petitions: intake, classification, the handling workflow, rating, identity reads.

Status changes go through `_move`, the one function that checks `rules.TRANSITIONS`, locks the row
and writes the public step and the audit record. Identity data (name, ID number, phone, e-mail,
address) never enters an audit record or a step: the audit log is read by many staff and the steps
are public.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.geo.models import Commune, Village
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import memberships_in
from danvan.org.models import Membership, Role, Unit
from danvan.petitions import rules
from danvan.petitions.models import (
    Attachment,
    Field,
    IdentityAccessLog,
    Petition,
    PetitionIdentity,
    PetitionStep,
)
from danvan.petitions.tracking import new_tracking_code, normalize_tracking_code
from danvan.text.normalize import nfc

Kind = Petition.Kind
Status = Petition.Status

MAX_CONTENT_CHARS = 10_000
MAX_ATTACHMENTS = 5
IDENTITY_FIELDS = ("full_name", "id_number", "phone", "email", "address")
CITIZEN = "người dân"  # the audit log's actor for a citizen's own action: never their name
STAFF_CHANNELS = {
    Petition.Channel.IN_PERSON,
    Petition.Channel.PHONE,
    Petition.Channel.POST,
    Petition.Channel.RECEPTION,
    Petition.Channel.EMAIL,
}
# Who handles petitions in a commune, and who may also record one brought to them.
HANDLERS = {Role.COMMUNE_LEADER, Role.COORDINATOR, Role.UNIT_OFFICER}
RECORDERS = HANDLERS | {Role.VILLAGE_HEAD}
REAL_KINDS = (Kind.FEEDBACK, Kind.RECOMMENDATION, Kind.COMPLAINT, Kind.DENUNCIATION)

# What a step tells the citizen when the service gives no note of its own.
_PUBLIC_NOTES = {
    Status.RECEIVED: "Đơn đã được tiếp nhận.",
    Status.CLASSIFIED: "Đơn đã được phân loại.",
    Status.SPLIT: "Đơn có nhiều nội dung nên được tách thành nhiều đơn để xử lý.",
    Status.FORWARDED: "Đơn đã được chuyển đến cơ quan có thẩm quyền giải quyết.",
    Status.GUIDED: "Người gửi đã được hướng dẫn gửi đơn đến cơ quan có thẩm quyền.",
    Status.RETURNED: "Đơn đã được trả lại cho người gửi, kèm lý do.",
    Status.ACCEPTED: "Đơn đã được thụ lý.",
    Status.VERIFYING: "Đang xác minh nội dung đơn.",
    Status.RESOLVED: "Đơn đã có kết quả giải quyết.",
    Status.CLOSED: "Đã kết thúc xử lý đơn.",
    Status.REOPENED: "Đơn được xem xét lại.",
}

# The fields an audit record shows before and after a change: never content or identity.
_AUDIT_FIELDS = [
    "status",
    "kind",
    "complaint_round",
    "unit",
    "field",
    "eligible",
    "complexity",
    "process_due",
    "accept_due",
    "notify_due",
    "resolve_due",
    "extensions",
    "accepted_on",
    "answered_on",
    "answer_published",
    "rating",
]


# --- helpers -----------------------------------------------------------------------------------------


def _roles(user, commune: Commune) -> set[str]:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    return {m.role for m in memberships_in(user, commune)}


def _require(user, commune: Commune, allowed: set[str], what: str) -> None:
    if not _roles(user, commune) & allowed:
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def _text(value: str | None, *, field: str, label: str, required: bool = True, max_chars: int) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(
            f"{label.capitalize()} dài quá {max_chars:,} ký tự.".replace(",", "."), field=field
        )
    return text


def _clean_identity(identity: dict | None) -> dict[str, str]:
    if not identity:
        return {}
    unknown = set(identity) - set(IDENTITY_FIELDS)
    if unknown:
        raise ServiceError("Thông tin người gửi có trường không hợp lệ.", field="identity")
    limits = {"full_name": 150, "id_number": 20, "phone": 20, "email": 254, "address": 300}
    out = {}
    for key in IDENTITY_FIELDS:
        value = " ".join(nfc(str(identity.get(key) or "")).split())
        if len(value) > limits[key]:
            raise ServiceError("Thông tin người gửi quá dài.", field=key)
        out[key] = value
    return out if any(out.values()) else {}


def _identifies_sender(identity: dict[str, str]) -> bool:
    return bool(identity.get("full_name")) and bool(identity.get("address") or identity.get("phone"))


_IDENTITY_REQUIRED = (
    "Đơn khiếu nại, tố cáo phải ghi rõ họ tên và địa chỉ (hoặc số điện thoại) của người gửi: "
    "Luật Khiếu nại 2011 và Luật Tố cáo 2018 yêu cầu như vậy để cơ quan có thẩm quyền thụ lý và "
    "trả lời kết quả cho chính người gửi. Thông tin người tố cáo được giữ bí mật. "
    "Nếu không muốn ghi tên, bạn vẫn có thể gửi phản ánh hoặc kiến nghị."
)


def _coordinate(value, *, limit: int, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value)).quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ServiceError("Tọa độ không hợp lệ.", field=field) from None
    if not -limit <= number <= limit:
        raise ServiceError("Tọa độ không hợp lệ.", field=field)
    return number


def _unit_officers(unit: Unit) -> list:
    return [
        m.user
        for m in Membership.objects.filter(unit=unit, role=Role.UNIT_OFFICER, is_active=True).select_related(
            "user"
        )
    ]


def _create_with_code(**fields) -> Petition:
    """Create a petition with a fresh tracking code, retrying on the (astronomically rare) clash."""
    for _ in range(5):
        try:
            with transaction.atomic():
                return Petition.objects.create(tracking_code=new_tracking_code(), **fields)
        except IntegrityError:
            token = fields.get("client_token")
            if token and Petition.objects.filter(commune=fields["commune"], client_token=token).exists():
                raise  # not a code clash: the same submission already exists
            continue
    raise ServiceError("Không tạo được mã tra cứu. Vui lòng thử lại.", code="tracking_code")


def _event(
    petition: Petition, *, by, action: str, before: dict | None, note: str, extra: dict | None = None
) -> None:
    """The public step and the audit record of one change. Call inside the service's transaction."""
    PetitionStep.objects.create(
        petition=petition, status=petition.status, public_note=note[:500], by=_user_or_none(by)
    )
    audit_record(
        actor=by if by is not None else CITIZEN,
        action=f"petitions.{action}",
        obj=petition,
        commune=petition.commune,
        before=before,
        after={**snapshot(petition, _AUDIT_FIELDS), **(extra or {})},
    )


def _user_or_none(by):
    return by if getattr(by, "is_authenticated", False) else None


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("commune").get(pk=petition.pk)


def _move(
    petition: Petition,
    to: str,
    by,
    *,
    note: str = "",
    action: str = "",
    prepare: Callable[[Petition], dict[str, Any]] | None = None,
    extra: dict | None = None,
    **changes,
) -> Petition:
    """Move a petition to status `to`: the only place a status changes.

    Locks the row (SELECT FOR UPDATE), refuses a move `rules.TRANSITIONS` does not allow, runs
    `prepare(locked)` — which may refuse with a ServiceError or return more changes computed from
    the locked row — then saves, writes the public step and the audit record. Nothing is written
    before every check has passed."""
    with transaction.atomic():
        locked = _lock(petition)
        if to not in rules.TRANSITIONS[locked.status]:
            raise ServiceError(rules.refusal_message(locked.status, to), code="bad_transition")
        if prepare is not None:
            changes = {**changes, **(prepare(locked) or {})}
        before = snapshot(locked, _AUDIT_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status = to
        locked.save()
        _event(locked, by=by, action=action or to, before=before, note=note or _PUBLIC_NOTES[to], extra=extra)
    return locked


# --- intake --------------------------------------------------------------------------------------------


def petition_submit(
    *,
    commune: Commune,
    content: str,
    kind_hint: str | None = None,
    village: Village | None = None,
    address: str = "",
    lat=None,
    lng=None,
    identity: dict | None = None,
    attachments: Iterable = (),
    client_token: str | None = None,
    publish_consent: bool = False,
    signers_count: int = 1,
    channel: str = Petition.Channel.PORTAL,
    received_on: date | None = None,
    decision_known_on: date | None = None,
    by=None,
) -> Petition:
    """Receive a petition (tiếp nhận đơn). Idempotent on (commune, client_token): a retry after a
    network failure returns the petition the first call created and writes nothing."""
    token = (client_token or "").strip() or None
    if token is not None:
        if len(token) > 64:
            raise ServiceError("Mã gửi đơn không hợp lệ.", field="client_token")
        existing = Petition.objects.filter(commune=commune, client_token=token).first()
        if existing is not None:
            return existing
    if not commune.is_active:
        raise ServiceError("Xã/phường này chưa sử dụng hệ thống.", code="commune_inactive")
    text = _text(content, field="content", label="nội dung đơn", max_chars=MAX_CONTENT_CHARS)
    hint = kind_hint or Kind.UNCLASSIFIED
    if hint not in Kind.values:
        raise ServiceError("Loại đơn không hợp lệ.", field="kind_hint")
    if channel not in Petition.Channel.values:
        raise ServiceError("Kênh tiếp nhận không hợp lệ.", field="channel")
    person = _clean_identity(identity)
    if hint in (Kind.COMPLAINT, Kind.DENUNCIATION) and not _identifies_sender(person):
        raise ServiceError(_IDENTITY_REQUIRED, code="identity_required", field="identity")
    if village is not None and village.commune_id != commune.pk:
        raise ServiceError("Thôn không thuộc xã này.", field="village")
    try:
        signers = int(signers_count)
    except (TypeError, ValueError):
        signers = 0
    if signers < 1:
        raise ServiceError("Số người đứng đơn phải từ 1 trở lên.", field="signers_count")
    today = timezone.localdate()
    received = received_on or today
    if received > today:
        raise ServiceError("Ngày nhận đơn không được sau ngày hôm nay.", field="received_on")
    place = _text(address, field="address", label="địa điểm", required=False, max_chars=300)
    latitude = _coordinate(lat, limit=90, field="lat")
    longitude = _coordinate(lng, limit=180, field="lng")
    files = list(attachments or [])
    if len(files) > MAX_ATTACHMENTS:
        raise ServiceError(f"Chỉ gửi kèm tối đa {MAX_ATTACHMENTS} tệp.", field="attachment")
    # Every file is checked before anything is stored: a bad file refuses the whole submission.
    checked = [(upload, check_upload(upload)) for upload in files]

    cal = current_calendar()
    fields = {
        "commune": commune,
        "client_token": token,
        "channel": channel,
        "received_on": received,
        "kind_hint": hint,
        "content": text,
        "village": village,
        "address": place,
        "latitude": latitude,
        "longitude": longitude,
        "signers_count": signers,
        "publish_consent": bool(publish_consent),
        "decision_known_on": decision_known_on,
        "process_due": rules.process_due(received, cal, kind=hint),
        "recorded_by": _user_or_none(by),
    }
    try:
        with transaction.atomic():
            petition = _create_with_code(**fields)
            if person:
                PetitionIdentity.objects.create(petition=petition, **person)
            for upload, info in checked:
                Attachment.objects.create(
                    petition=petition,
                    file=upload,
                    name=(getattr(upload, "name", "") or "")[:255],
                    kind=info.kind,
                    mime=info.mime,
                    size=info.size,
                    sha256=info.sha256,
                )
            _event(
                petition,
                by=by,
                action="submit",
                before=None,
                note=f"Đơn đã được tiếp nhận qua kênh: {Petition.Channel(channel).label.lower()}.",
                extra={
                    "channel": channel,
                    "kind_hint": hint,
                    "signers_count": signers,
                    "attachments": len(checked),
                    "has_identity": bool(person),
                },
            )
    except IntegrityError:
        # Two retries racing: the other one won; return what it created.
        if token is not None:
            existing = Petition.objects.filter(commune=commune, client_token=token).first()
            if existing is not None:
                return existing
        raise
    return petition


def petition_record(
    *, by, commune: Commune, channel: str, received_on: date, content: str, **kwargs
) -> Petition:
    """A staff member records a petition brought in person, by phone, by post, at a reception day or
    by e-mail (ghi nhận đơn)."""
    _require(by, commune, RECORDERS, "ghi nhận đơn")
    if channel not in STAFF_CHANNELS:
        raise ServiceError("Kênh tiếp nhận không hợp lệ cho đơn do cán bộ ghi nhận.", field="channel")
    return petition_submit(
        commune=commune, content=content, channel=channel, received_on=received_on, by=by, **kwargs
    )


# --- classification ----------------------------------------------------------------------------------


def petition_classify(
    *,
    petition: Petition,
    kind: str,
    complaint_round: int | None = None,
    eligible: bool,
    ineligible_reason: str = "",
    field: Field | None = None,
    unit: Unit | None = None,
    complexity: str = Petition.Complexity.NORMAL,
    several_places: bool = False,
    decision_known_on: date | None = None,
    by,
) -> Petition:
    """Phân loại đơn by its content (TT 05/2021/TT-TTCP, Điều 6), decide whether it can be handled,
    give it a field and a unit, and set the processing and acceptance deadlines."""
    commune = petition.commune
    _require(by, commune, HANDLERS, "phân loại đơn")
    if kind not in REAL_KINDS:
        raise ServiceError("Vui lòng chọn loại đơn.", field="kind")
    if kind != Kind.COMPLAINT and complaint_round is not None:
        raise ServiceError("Chỉ đơn khiếu nại mới có “lần khiếu nại”.", field="complaint_round")
    if complaint_round is not None and complaint_round not in (1, 2):
        raise ServiceError("Lần khiếu nại chỉ là lần đầu hoặc lần hai.", field="complaint_round")
    if complexity not in Petition.Complexity.values:
        raise ServiceError("Mức độ phức tạp không hợp lệ.", field="complexity")
    reason = _text(
        ineligible_reason, field="ineligible_reason", label="lý do", required=False, max_chars=2000
    )
    if eligible is False and not reason:
        raise ServiceError("Vui lòng ghi lý do đơn không đủ điều kiện xử lý.", field="ineligible_reason")
    if unit is not None and unit.commune_id != commune.pk:
        raise ServiceError("Đơn vị không thuộc xã này.", field="unit")
    if field is not None and (field.commune_id not in (None, commune.pk) or not field.is_active):
        raise ServiceError("Lĩnh vực không hợp lệ.", field="field")
    if kind == Kind.DENUNCIATION:
        person = PetitionIdentity.objects.filter(petition=petition).values(*IDENTITY_FIELDS).first() or {}
        if not _identifies_sender(person):
            raise ServiceError(
                "Đơn không ghi rõ họ tên, địa chỉ người tố cáo thì không xử lý như đơn tố cáo "
                "(Luật Tố cáo 2018, Điều 25). Nếu đơn nêu rõ người vi phạm và có chứng cứ cụ thể, "
                "hãy phân loại là phản ánh để cơ quan kiểm tra theo thẩm quyền.",
                code="anonymous_denunciation",
                field="kind",
            )
    cal = current_calendar()

    def prepare(locked: Petition) -> dict[str, Any]:
        round_ = (complaint_round or locked.complaint_round or 1) if kind == Kind.COMPLAINT else None
        return {
            "kind": kind,
            "complaint_round": round_,
            "process_due": rules.process_due(
                locked.received_on, cal, kind=kind, several_places=several_places
            ),
            "accept_due": rules.accept_due(locked.received_on, cal, kind=kind, several_places=several_places),
            "decision_known_on": decision_known_on or locked.decision_known_on,
        }

    with transaction.atomic():
        moved = _move(
            petition,
            Status.CLASSIFIED,
            by,
            action="classify",
            prepare=prepare,
            note=f"Đơn đã được phân loại: {Kind(kind).label.lower()}.",
            eligible=eligible,
            ineligible_reason=reason,
            field=field,
            unit=unit,
            complexity=complexity,
            checks_in_several_places=several_places,
        )
        if unit is not None:
            notify(
                users=_unit_officers(unit),
                text=f"Đơn {moved.tracking_code} ({Kind(kind).label.lower()}) được giao cho {unit.name}.",
                key=f"petition:{moved.pk}:unit:{unit.pk}",
                url=f"/lam-viec/{commune.code}/don-thu/{moved.pk}/",
                commune=commune,
            )
    return moved


def petition_split(*, petition: Petition, parts: list[dict], by) -> list[Petition]:
    """Tách đơn: a đơn with several contents becomes one petition per content, each with its own
    tracking code, the same receipt date (the deadlines still run from it) and the same sender."""
    _require(by, petition.commune, HANDLERS, "tách đơn")
    if len(parts) < 2:
        raise ServiceError("Tách đơn cần ít nhất hai nội dung.", field="parts")
    cleaned = []
    for part in parts:
        text = _text(part.get("content"), field="parts", label="nội dung", max_chars=MAX_CONTENT_CHARS)
        kind = part.get("kind") or Kind.UNCLASSIFIED
        if kind not in Kind.values:
            raise ServiceError("Loại đơn không hợp lệ.", field="parts")
        cleaned.append((text, kind))
    cal = current_calendar()
    children: list[Petition] = []

    def prepare(parent: Petition) -> dict[str, Any]:
        person = PetitionIdentity.objects.filter(petition=parent).values(*IDENTITY_FIELDS).first()
        files = list(Attachment.objects.filter(petition=parent))
        for text, kind in cleaned:
            child = _create_with_code(
                commune=parent.commune,
                channel=parent.channel,
                received_on=parent.received_on,
                kind_hint=kind,
                content=text,
                village=parent.village,
                address=parent.address,
                latitude=parent.latitude,
                longitude=parent.longitude,
                signers_count=parent.signers_count,
                publish_consent=parent.publish_consent,
                decision_known_on=parent.decision_known_on,
                process_due=rules.process_due(parent.received_on, cal, kind=kind),
                recorded_by=parent.recorded_by,
                parent=parent,
            )
            if person:
                PetitionIdentity.objects.create(petition=child, **person)
            for f in files:
                Attachment.objects.create(
                    petition=child,
                    file=f.file.name,
                    name=f.name,
                    kind=f.kind,
                    mime=f.mime,
                    size=f.size,
                    sha256=f.sha256,
                )
            _event(
                child,
                by=by,
                action="split_part",
                before=None,
                note="Đơn được tách từ một đơn có nhiều nội dung.",
            )
            children.append(child)
        return {}

    _move(petition, Status.SPLIT, by, action="split", prepare=prepare, extra={"parts": len(cleaned)})
    return children


# --- outcomes without acceptance ------------------------------------------------------------------------


def _letter_move(petition: Petition, to: str, letter_text: str, by) -> Petition:
    _require(by, petition.commune, HANDLERS, "xử lý đơn")
    letter = _text(letter_text, field="letter_text", label="nội dung văn bản", max_chars=MAX_CONTENT_CHARS)
    return _move(petition, to, by, outcome_letter=letter)


def petition_forward(*, petition: Petition, letter_text: str, by) -> Petition:
    """Chuyển đơn to the competent agency, with the letter that goes with it."""
    return _letter_move(petition, Status.FORWARDED, letter_text, by)


def petition_guide(*, petition: Petition, letter_text: str, by) -> Petition:
    """Hướng dẫn: tell the sender which agency to send the đơn to."""
    return _letter_move(petition, Status.GUIDED, letter_text, by)


def petition_return(*, petition: Petition, letter_text: str, by) -> Petition:
    """Trả lại đơn, with the reasons."""
    return _letter_move(petition, Status.RETURNED, letter_text, by)


# --- acceptance and resolution ---------------------------------------------------------------------------


def petition_accept(*, petition: Petition, on: date, by) -> Petition:
    """Thụ lý: the leader accepts the case; the resolution deadline starts to run."""
    _require(by, petition.commune, {Role.COMMUNE_LEADER}, "thụ lý đơn")
    cal = current_calendar()

    def prepare(locked: Petition) -> dict[str, Any]:
        if locked.eligible is False:
            raise ServiceError("Đơn không đủ điều kiện xử lý nên không thể thụ lý.", code="ineligible")
        if locked.unit_id is None:
            raise ServiceError("Hãy giao đơn vị xử lý trước khi thụ lý.", field="unit")
        if on < locked.received_on:
            raise ServiceError("Ngày thụ lý không được trước ngày nhận đơn.", field="on")
        if locked.kind == Kind.COMPLAINT and locked.decision_known_on:
            last_day = rules.complaint_filing_due(locked.decision_known_on, cal)
            if locked.received_on > last_day:
                raise ServiceError(
                    f"Đơn khiếu nại gửi sau thời hiệu {rules.COMPLAINT_FILING_LIMIT_DAYS} ngày "
                    f"(hết ngày {last_day:%d/%m/%Y}; Luật Khiếu nại 2011, Điều 9) nên không thể thụ lý. "
                    "Nếu người khiếu nại có lý do bất khả kháng (ốm đau, thiên tai, đi công tác xa...), "
                    "thời gian đó không tính vào thời hiệu: hãy sửa ngày biết quyết định cho đúng.",
                    code="complaint_time_barred",
                )
        changes: dict[str, Any] = {
            "accepted_on": on,
            "accepted_by": by,
            "resolve_due": rules.resolve_due(
                locked.kind,
                on,
                round=locked.complaint_round,
                complex_level=locked.complexity,
                remote=locked.commune.is_remote_area,
                cal=cal,
            ),
        }
        if locked.kind == Kind.DENUNCIATION:
            changes["notify_due"] = rules.notify_due(on, cal)
        return changes

    return _move(petition, Status.ACCEPTED, by, action="accept", prepare=prepare)


def petition_start_verification(*, petition: Petition, by) -> Petition:
    """Bắt đầu xác minh nội dung đơn (also after the case is reopened)."""
    _require(by, petition.commune, HANDLERS, "xác minh đơn")
    return _move(petition, Status.VERIFYING, by, action="start_verification")


def petition_extend(*, petition: Petition, reason: str, by) -> Petition:
    """Gia hạn giải quyết tố cáo by a written decision (Luật Tố cáo 2018, Điều 30): once for a complex
    case, twice for an especially complex one, never for an ordinary one or for a complaint."""
    _require(by, petition.commune, HANDLERS, "gia hạn giải quyết")
    why = _text(reason, field="reason", label="lý do gia hạn", max_chars=2000)
    with transaction.atomic():
        locked = _lock(petition)
        if locked.status not in rules.BEING_RESOLVED:
            raise ServiceError("Chỉ gia hạn được đơn đang giải quyết.", code="bad_transition")
        if locked.kind != Kind.DENUNCIATION:
            raise ServiceError(
                "Đơn này không được gia hạn: chỉ tố cáo phức tạp được gia hạn (Luật Tố cáo 2018, Điều 30); "
                "khiếu nại phức tạp đã có thời hạn dài hơn (Luật Khiếu nại 2011, Điều 28, 37).",
                code="no_extension",
            )
        allowed = rules.extensions_allowed(locked.kind, locked.complexity)
        if locked.extensions >= allowed:
            if allowed == 0:
                message = "Vụ việc tố cáo không phức tạp nên không được gia hạn (Luật Tố cáo 2018, Điều 30)."
            else:
                message = (
                    f"Vụ việc “{Petition.Complexity(locked.complexity).label.lower()}” không được gia hạn "
                    f"quá {allowed} lần (Luật Tố cáo 2018, Điều 30)."
                )
            raise ServiceError(message, code="no_extension")
        before = snapshot(locked, _AUDIT_FIELDS)
        locked.resolve_due = rules.extension_due(locked.resolve_due, current_calendar())
        locked.extensions += 1
        locked.save(update_fields=["resolve_due", "extensions", "updated_at"])
        _event(
            locked,
            by=by,
            action="extend",
            before=before,
            note=f"Gia hạn giải quyết đến ngày {locked.resolve_due:%d/%m/%Y}.",
            extra={"reason": why},
        )
    return locked


def petition_resolve(*, petition: Petition, answer: str, on: date, publish: bool = False, by) -> Petition:
    """Giải quyết: record the answer (the decision or the reply) and whether it is published."""
    _require(by, petition.commune, HANDLERS, "giải quyết đơn")
    text = _text(answer, field="answer", label="kết quả giải quyết", max_chars=MAX_CONTENT_CHARS)

    def prepare(locked: Petition) -> dict[str, Any]:
        if locked.accepted_on and on < locked.accepted_on:
            raise ServiceError("Ngày trả lời không được trước ngày thụ lý.", field="on")
        if publish and not locked.publish_consent:
            raise ServiceError(
                "Người gửi không đồng ý công khai nên không thể công khai kết quả trên cổng thông tin.",
                field="publish",
            )
        return {}

    return _move(
        petition,
        Status.RESOLVED,
        by,
        action="resolve",
        prepare=prepare,
        answer=text,
        answered_on=on,
        answer_published=bool(publish),
    )


def petition_close(*, petition: Petition, by) -> Petition:
    """Kết thúc: the case file is closed after the answer."""
    _require(by, petition.commune, HANDLERS, "kết thúc đơn")
    return _move(petition, Status.CLOSED, by, action="close")


def petition_reopen(*, petition: Petition, reason: str, by) -> Petition:
    """Xem xét lại a resolved or closed case (e.g. the answer missed part of the đơn)."""
    _require(by, petition.commune, {Role.COMMUNE_LEADER, Role.COORDINATOR}, "mở lại đơn")
    why = _text(reason, field="reason", label="lý do xem xét lại", max_chars=2000)
    return _move(
        petition, Status.REOPENED, by, action="reopen", extra={"reason": why}, answer_published=False
    )


# --- citizen's rating ---------------------------------------------------------------------------------------


def petition_rate(*, petition: Petition, rating: int, tracking_code: str) -> Petition:
    """The sender rates the answer (1–5), proving it is them with the tracking code."""
    code = normalize_tracking_code(tracking_code)
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    with transaction.atomic():
        locked = _lock(petition)
        if code is None or not secrets.compare_digest(code, locked.tracking_code):
            raise ServiceError("Mã tra cứu không đúng.", code="bad_code", field="tracking_code")
        if locked.status not in (Status.RESOLVED, Status.CLOSED):
            raise ServiceError("Chỉ đánh giá được khi đơn đã có kết quả giải quyết.", code="not_resolved")
        if not 1 <= value <= 5:
            raise ServiceError("Vui lòng chọn mức đánh giá từ 1 đến 5.", field="rating")
        before = snapshot(locked, _AUDIT_FIELDS)
        locked.rating, locked.rated_at = value, timezone.now()
        locked.save(update_fields=["rating", "rated_at", "updated_at"])
        _event(
            locked, by=None, action="rate", before=before, note="Người gửi đã đánh giá kết quả giải quyết."
        )
    return locked


# --- second complaint ---------------------------------------------------------------------------------------


def complaint_second_round(*, petition: Petition, by, on: date | None = None) -> Petition:
    """Khiếu nại lần hai: the complainant disagrees with the first decision. Allowed within 30 days
    of it (45 in remote areas; Luật Khiếu nại 2011, Điều 33); creates the round-2 case linked to
    the first by `parent`."""
    _require(by, petition.commune, RECORDERS, "ghi nhận khiếu nại lần hai")
    today = on or timezone.localdate()
    cal = current_calendar()
    with transaction.atomic():
        first = _lock(petition)
        if first.kind != Kind.COMPLAINT or first.complaint_round != 1:
            raise ServiceError(
                "Chỉ khiếu nại lần đầu mới có thể khiếu nại lần hai.", code="not_first_complaint"
            )
        if first.status not in (Status.RESOLVED, Status.CLOSED) or first.answered_on is None:
            raise ServiceError("Khiếu nại lần đầu chưa có quyết định giải quyết.", code="not_resolved")
        if Petition.objects.filter(parent=first, complaint_round=2).exists():
            raise ServiceError("Khiếu nại lần hai đối với đơn này đã được ghi nhận.", code="exists")
        last_day = rules.second_complaint_filing_due(
            first.answered_on, remote=first.commune.is_remote_area, cal=cal
        )
        if today > last_day:
            raise ServiceError(
                f"Đã quá thời hạn khiếu nại lần hai (hết ngày {last_day:%d/%m/%Y}; "
                "Luật Khiếu nại 2011, Điều 33).",
                code="second_round_late",
            )
        second = _create_with_code(
            commune=first.commune,
            channel=first.channel,
            received_on=today,
            kind_hint=Kind.COMPLAINT,
            kind=Kind.COMPLAINT,
            complaint_round=2,
            content=first.content,
            village=first.village,
            address=first.address,
            latitude=first.latitude,
            longitude=first.longitude,
            signers_count=first.signers_count,
            publish_consent=first.publish_consent,
            decision_known_on=first.answered_on,
            process_due=rules.process_due(today, cal, kind=Kind.COMPLAINT),
            accept_due=rules.accept_due(today, cal, kind=Kind.COMPLAINT),
            recorded_by=_user_or_none(by),
            parent=first,
        )
        person = PetitionIdentity.objects.filter(petition=first).values(*IDENTITY_FIELDS).first()
        if person:
            PetitionIdentity.objects.create(petition=second, **person)
        _event(second, by=by, action="second_round", before=None, note="Đã tiếp nhận khiếu nại lần hai.")
    return second


# --- the sender's identity -------------------------------------------------------------------------


def _may_read_identity(user, petition: Petition) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    denunciation = Kind.DENUNCIATION in (petition.kind, petition.kind_hint)
    if not denunciation:
        return bool(_roles(user, petition.commune) & RECORDERS)
    # A denouncer's identity is secret (Luật Tố cáo 2018, Điều 9(1)(b), Điều 56): only the officers of
    # the unit handling the case and the leader who accepted it.
    if petition.accepted_by_id is not None and petition.accepted_by_id == user.pk:
        return True
    return petition.unit_id is not None and any(
        m.role == Role.UNIT_OFFICER and m.unit_id == petition.unit_id
        for m in memberships_in(user, petition.commune)
    )


def identity_for(*, petition: Petition, user, purpose: str) -> PetitionIdentity | None:
    """The sender's identity, for those allowed to read it; every attempt is logged, refused ones too.
    Returns None for an anonymous feedback."""
    why = _text(purpose, field="purpose", label="mục đích xem thông tin", max_chars=300)
    petition = Petition.objects.select_related("commune").get(pk=petition.pk)
    granted = _may_read_identity(user, petition)
    IdentityAccessLog.objects.create(
        petition=petition, user=_user_or_none(user), purpose=why, granted=granted
    )
    if not granted:
        raise ServiceError(
            "Bạn không được xem thông tin người gửi đơn này. Thông tin người tố cáo chỉ cán bộ được giao "
            "xử lý và lãnh đạo đã thụ lý được xem (Luật Tố cáo 2018, Điều 9).",
            code="forbidden",
        )
    return PetitionIdentity.objects.filter(petition=petition).first()
