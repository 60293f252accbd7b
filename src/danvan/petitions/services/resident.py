"""The resident's side after sending: the rating with its reason, a request to look again (đề nghị xem
xét lại), and "đơn của tôi" opened with a one-time code sent to the phone or e-mail they left.

The tracking code proves nothing about who holds it (it is read aloud and shared in the family), so
the rating stays once per case (`petition_rate`); a one-time code to the contact the sender left does
prove it is them, and only then are all their cases listed together.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Replace
from django.utils import timezone

from danvan.comms.citizen import send_to_citizen
from danvan.comms.phones import normalize_phone
from danvan.comms.services import notify
from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.org.models import Membership, Role
from danvan.petitions.models import Petition, PetitionIdentity, ResidentCode
from danvan.petitions.services.common import CITIZEN, Status, lock_petition, record_event
from danvan.petitions.services.workflow import petition_rate
from danvan.petitions.tracking import normalize_tracking_code

# A rating at or below this is "chưa hài lòng": the page asks why and offers a request to look again.
UNHAPPY = 2
MAX_REASON_CHARS = 2000
CODE_DIGITS = 6
CODE_MINUTES = 10
CODE_TRIES = 5
CODES_PER_HOUR = 3
# How long "đơn của tôi" stays open in the browser after the code.
OPEN_MINUTES = 30

# --- rating and review ------------------------------------------------------------------------------------


def _reason(text: str | None) -> str:
    reason = " ".join(str(text or "").split())
    if len(reason) > MAX_REASON_CHARS:
        raise ServiceError(f"Lý do dài quá {MAX_REASON_CHARS} ký tự.", field="reason")
    return reason


def _check_code(petition: Petition, tracking_code: str) -> None:
    code = normalize_tracking_code(tracking_code)
    if code is None or not secrets.compare_digest(code, petition.tracking_code):
        raise ServiceError("Mã tra cứu không đúng.", code="bad_code", field="tracking_code")


def petition_rate_with_reason(
    *, petition: Petition, tracking_code: str, rating, reason: str = "", review: bool = False
) -> Petition:
    """The sender's rating (once per case, `petition_rate`), with why they are not satisfied (required
    at 1–2) and, if they ask, a request to look at the case again — all or nothing."""
    why = _reason(reason)
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    if 1 <= value <= UNHAPPY and not why:
        raise ServiceError("Vui lòng cho biết vì sao bạn chưa hài lòng.", field="reason")
    with transaction.atomic():
        rated = petition_rate(petition=petition, rating=value, tracking_code=tracking_code)
        if why:
            rated.rating_reason = why
            rated.save(update_fields=["rating_reason", "updated_at"])
            audit_record(
                actor=CITIZEN,
                action="petitions.rating_reason",
                obj=rated,
                commune=rated.commune,
                after={"rating": rated.rating, "reason_chars": len(why)},
            )
        if review:
            rated = review_request(petition=rated, tracking_code=tracking_code, reason=why)
    return rated


def _reviewers(petition: Petition) -> list:
    """Who hears of a request to look again: the unit that handled it, and the commune's leaders and
    coordinators (they decide whether to reopen)."""
    rows = Membership.objects.filter(commune_id=petition.commune_id, is_active=True).select_related("user")
    out = []
    for m in rows:
        if m.role in (Role.COMMUNE_LEADER, Role.COORDINATOR) or (
            m.role == Role.UNIT_OFFICER and petition.unit_id and m.unit_id == petition.unit_id
        ):
            out.append(m.user)
    return out


def review_request(*, petition: Petition, tracking_code: str, reason: str = "") -> Petition:
    """Đề nghị xem xét lại: a sender not satisfied with the answer asks the commune to look again. Once
    per case, after a rating of "chưa hài lòng"; it reopens nothing by itself (staff decide, with
    `petition_reopen`), but it is a public step and reaches the leaders, coordinators and the unit."""
    why = _reason(reason)
    with transaction.atomic():
        locked = lock_petition(petition)
        _check_code(locked, tracking_code)
        if locked.status not in (Status.RESOLVED, Status.CLOSED):
            raise ServiceError("Chỉ đề nghị xem xét lại khi đơn đã có kết quả.", code="not_resolved")
        if locked.rating is None or locked.rating > UNHAPPY:
            raise ServiceError(
                "Đề nghị xem xét lại dành cho người gửi chưa hài lòng với kết quả: hãy đánh giá trước.",
                code="not_unhappy",
            )
        if locked.review_requested_at is not None:
            raise ServiceError(
                "Bạn đã đề nghị xem xét lại đơn này; xã sẽ trả lời bạn.", code="already_requested"
            )
        if not why and not locked.rating_reason:
            raise ServiceError("Vui lòng cho biết vì sao bạn đề nghị xem xét lại.", field="reason")
        locked.review_requested_at = timezone.now()
        if why:
            locked.rating_reason = why
        locked.save(update_fields=["review_requested_at", "rating_reason", "updated_at"])
        record_event(
            locked,
            by=None,
            action="review_request",
            before=None,
            note="Người gửi chưa hài lòng và đề nghị xem xét lại kết quả giải quyết.",
            extra={"rating": locked.rating},
        )
        notify(
            users=_reviewers(locked),
            text=f"Người gửi đơn {locked.tracking_code} chưa hài lòng ({locked.rating}/5) "
            "và đề nghị xem xét lại.",
            key=f"petition:{locked.pk}:review_request",
            url=f"/lam-viec/{locked.commune.code}/don-thu/{locked.pk}/",
            commune=locked.commune,
        )
    return locked


# --- "đơn của tôi" -----------------------------------------------------------------------------------------


def contact_normalize(raw: str) -> str:
    """An e-mail in lower case, or a Vietnamese mobile number as 0XXXXXXXXX; ServiceError otherwise."""
    text = "".join(str(raw or "").split())
    if not text:
        raise ServiceError("Vui lòng nhập số điện thoại hoặc email bạn đã ghi trong đơn.", field="contact")
    if "@" in text:
        name, _, domain = text.partition("@")
        if not name or "." not in domain or len(text) > 254:
            raise ServiceError("Địa chỉ email không hợp lệ.", field="contact")
        return text.lower()
    try:
        return normalize_phone(text)
    except ServiceError as exc:
        raise ServiceError(exc.message, field="contact") from exc


def _keyed(*parts) -> str:
    message = ":".join(str(p) for p in parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def cases_of_contact(commune, contact: str):
    """The commune's petitions whose sender left this (normalized) phone or e-mail, newest first.
    Phones are kept as typed ("0912 345 678", "+84 912.345.678"): candidates are narrowed in SQL by
    their last 9 digits once separators are dropped, then compared normalized."""
    identities = PetitionIdentity.objects.filter(petition__commune=commune)
    if "@" in contact:
        ids = list(identities.filter(email__iexact=contact).values_list("petition_id", flat=True))
    else:
        ids = []
        digits = F("phone")
        for sep in (" ", ".", "-", "(", ")"):
            digits = Replace(digits, Value(sep), Value(""))
        candidates = identities.annotate(digits=digits).filter(digits__endswith=contact[-9:])
        for pid, phone in candidates.values_list("petition_id", "phone"):
            try:
                if normalize_phone(phone) == contact:
                    ids.append(pid)
            except ServiceError:
                continue
    return Petition.objects.filter(pk__in=ids).order_by("-received_on", "-id")


def my_cases_code_send(*, commune, contact: str) -> bool:
    """Send a one-time code to `contact` if a petition of this commune left it. Returns whether a code
    was queued; the page says the same thing either way, so nobody learns who wrote to the commune."""
    normalized = contact_normalize(contact)
    if not cases_of_contact(commune, normalized).exists():
        return False
    contact_hash = _keyed("resident", commune.pk, normalized)
    now = timezone.now()
    with transaction.atomic():
        recent = ResidentCode.objects.select_for_update().filter(
            commune=commune, contact_hash=contact_hash, created_at__gte=now - timedelta(hours=1)
        )
        if recent.count() >= CODES_PER_HOUR:
            raise ServiceError(
                f"Đã gửi {CODES_PER_HOUR} mã trong một giờ tới số điện thoại, email này. "
                "Vui lòng đợi rồi thử lại, hoặc dùng mã tra cứu của từng đơn.",
                code="too_many_codes",
                field="contact",
            )
        code = "".join(secrets.choice("0123456789") for _ in range(CODE_DIGITS))
        row = ResidentCode.objects.create(
            commune=commune,
            contact_hash=contact_hash,
            code_hash="",
            expires_at=now + timedelta(minutes=CODE_MINUTES),
        )
        row.code_hash = _keyed("code", row.pk, code)
        row.save(update_fields=["code_hash"])
        send_to_citizen(
            email=normalized if "@" in normalized else "",
            phone="" if "@" in normalized else normalized,
            subject="Mã xem đơn của bạn",
            text=f"Mã xem đơn của bạn tại UBND {commune.in_sentence}: {code}. Mã dùng một lần, "
            f"hết hạn sau {CODE_MINUTES} phút. Không đưa mã cho người khác.",
            key=f"resident-code:{row.pk}",
            purpose="resident_code",
            commune=commune,
            urgent=True,
            secret=True,
        )
        audit_record(actor=CITIZEN, action="petitions.resident_code_sent", obj=row, commune=commune, after={})
    return True


def my_cases_code_check(*, commune, contact: str, code: str) -> str:
    """The code the resident received: returns their normalized contact (the page then lists their
    cases for `OPEN_MINUTES`). A code works once, for `CODE_MINUTES`, with `CODE_TRIES` tries."""
    wrong = ServiceError(
        "Mã không đúng hoặc đã hết hạn. Hãy kiểm tra lại, hoặc yêu cầu mã mới.", field="code"
    )
    normalized = contact_normalize(contact)
    given = "".join(str(code or "").split())
    with transaction.atomic():
        row = (
            ResidentCode.objects.select_for_update()
            .filter(
                commune=commune,
                contact_hash=_keyed("resident", commune.pk, normalized),
                used_at=None,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if row is None:
            raise wrong
        if row.attempts >= CODE_TRIES:
            raise ServiceError(
                "Nhập sai quá số lần cho phép: hãy yêu cầu mã mới.", code="too_many_attempts", field="code"
            )
        matched = hmac.compare_digest(row.code_hash, _keyed("code", row.pk, given))
        if matched:
            row.used_at = timezone.now()
            row.save(update_fields=["used_at"])
            audit_record(
                actor=CITIZEN, action="petitions.resident_code_used", obj=row, commune=commune, after={}
            )
        else:
            # A wrong try counts (committed: the refusal is raised after the transaction).
            ResidentCode.objects.filter(pk=row.pk).update(attempts=F("attempts") + 1)
    if not matched:
        raise wrong
    return normalized
