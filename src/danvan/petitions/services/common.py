"""What every petition service shares: constants, input cleaning, permission checks, and `move_status`,
the one door through which a status changes (with its public step and audit record)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.legaltime.calendar import current_calendar
from danvan.org.access import memberships_in
from danvan.org.models import Membership, Role, Unit
from danvan.petitions import rules
from danvan.petitions.entitlement import HANDLERS as HANDLERS  # who handles petitions, named here too
from danvan.petitions.entitlement import RECORDERS as RECORDERS
from danvan.petitions.kind_steps import skipped_steps
from danvan.petitions.models import (
    Petition,
    PetitionStep,
)
from danvan.petitions.tracking import new_tracking_code
from danvan.text.normalize import nfc

Kind = Petition.Kind
Status = Petition.Status

MAX_CONTENT_CHARS = 10_000
MAX_ATTACHMENTS = 5
# Platform limits, not law: more signers than any commune has people, or a day older than this, is a
# typing error (and would overflow the column or the deadline calendar), refused in Vietnamese.
MAX_SIGNERS = 100_000
OLDEST_DAY_YEARS = 10
IDENTITY_FIELDS = ("full_name", "id_number", "phone", "email", "address")
CITIZEN = "người dân"  # the audit log's actor for a citizen's own action: never their name
STAFF_CHANNELS = {
    Petition.Channel.IN_PERSON,
    Petition.Channel.PHONE,
    Petition.Channel.POST,
    Petition.Channel.RECEPTION,
    Petition.Channel.EMAIL,
    Petition.Channel.ZALO,
    Petition.Channel.FRONT,
    Petition.Channel.VILLAGE_HEAD,
    Petition.Channel.COUNCIL,
}
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
    Status.IN_REVIEW: "Dự thảo trả lời đang chờ lãnh đạo duyệt.",
}

# The fields an audit record shows before and after a change: never content or identity.
AUDIT_FIELDS = [
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


def require_role(user, commune: Commune, allowed: set[str], what: str) -> None:
    if not _roles(user, commune) & allowed:
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def clean_text(value: str | None, *, field: str, label: str, required: bool = True, max_chars: int) -> str:
    text = nfc(value or "").strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(
            f"{label.capitalize()} dài quá {max_chars:,} ký tự.".replace(",", "."), field=field
        )
    return text


def clean_identity(identity: dict | None) -> dict[str, str]:
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


def identifies_sender(identity: dict[str, str]) -> bool:
    return bool(identity.get("full_name")) and bool(identity.get("address") or identity.get("phone"))


IDENTITY_REQUIRED = (
    "Đơn khiếu nại, tố cáo phải ghi rõ họ tên và địa chỉ (hoặc số điện thoại) của người gửi: "
    "Luật Khiếu nại 2011 và Luật Tố cáo 2018 yêu cầu như vậy để cơ quan có thẩm quyền thụ lý và "
    "trả lời kết quả cho chính người gửi. Thông tin người tố cáo được giữ bí mật. "
    "Nếu không muốn ghi tên, bạn vẫn có thể gửi phản ánh hoặc kiến nghị."
)


def clean_coordinate(value, *, limit: int, field: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        number = Decimal(str(value))
        if not number.is_finite():  # NaN compares by raising, Infinity is no place
            raise InvalidOperation
        number = number.quantize(Decimal("0.000001"))
    except (InvalidOperation, ValueError):
        raise ServiceError("Tọa độ không hợp lệ.", field=field) from None
    if not -limit <= number <= limit:
        raise ServiceError("Tọa độ không hợp lệ.", field=field)
    return number


def clean_day(value: date | None, *, field: str, label: str, not_after: date | None = None) -> date | None:
    """A calendar day a person typed: never after today (or `not_after`), never before the oldest
    day the platform takes (so year 1, 1900 or 9999 is a clear refusal, not a wrong deadline)."""
    if value is None:
        return None
    today = timezone.localdate()
    latest = min(today, not_after) if not_after else today
    oldest = today.replace(year=today.year - OLDEST_DAY_YEARS, day=min(today.day, 28))
    if value > latest:
        raise ServiceError(f"{label.capitalize()} không được sau ngày {latest:%d/%m/%Y}.", field=field)
    if value < oldest:
        raise ServiceError(
            f"{label.capitalize()} không được trước ngày {oldest:%d/%m/%Y} (quá {OLDEST_DAY_YEARS} năm).",
            field=field,
        )
    return value


def unit_officers(unit: Unit) -> list:
    return [
        m.user
        for m in Membership.objects.filter(unit=unit, role=Role.UNIT_OFFICER, is_active=True).select_related(
            "user"
        )
    ]


def create_with_code(**fields) -> Petition:
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


def record_event(
    petition: Petition,
    *,
    by,
    action: str,
    before: dict | None,
    note: str,
    extra: dict | None = None,
    new_case: dict | None = None,
) -> None:
    """The public step and the audit record of one change. Call inside the service's transaction.
    `new_case`: the sender's identity (cleaned, possibly empty) when this step creates the petition, so
    its notice needs not read back what was just written."""
    step = PetitionStep.objects.create(
        petition=petition, status=petition.status, public_note=note[:500], by=user_or_none(by)
    )
    # The sender hears of the steps that matter to them, queued with this change (delivered after commit).
    from danvan.petitions.notices import status_notice_queue

    status_notice_queue(step, action=action, new_case=new_case)
    audit_record(
        actor=by if by is not None else CITIZEN,
        action=f"petitions.{action}",
        obj=petition,
        commune=petition.commune,
        before=before,
        after={**snapshot(petition, AUDIT_FIELDS), **(extra or {})},
    )


def user_or_none(by):
    return by if getattr(by, "is_authenticated", False) else None


def lock_petition(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("commune").get(pk=petition.pk)


def _skipped_acceptance_due(locked: Petition, to: str):
    """A phản ánh or kiến nghị handled without thụ lý: its resolution time runs from today."""
    if locked.resolve_due or to not in rules.BEING_RESOLVED:
        return locked.resolve_due
    return rules.resolve_due(locked.kind, timezone.localdate(), cal=current_calendar())


def move_status(
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
        locked = lock_petition(petition)
        if to not in rules.allowed_moves(locked.status, skipped_steps(locked.commune, locked.kind)):
            raise ServiceError(rules.refusal_message(locked.status, to), code="bad_transition")
        if prepare is not None:
            changes = {**changes, **(prepare(locked) or {})}
        if locked.status in rules.PENDING_PROCESSING and to not in rules.PENDING_PROCESSING:
            changes.setdefault("resolve_due", _skipped_acceptance_due(locked, to))
        before = snapshot(locked, AUDIT_FIELDS)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.status = to
        locked.save()
        record_event(
            locked, by=by, action=action or to, before=before, note=note or _PUBLIC_NOTES[to], extra=extra
        )
    return locked
