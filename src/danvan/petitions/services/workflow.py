"""The handling workflow after classification: forward, guide, return, accept, verify, extend, resolve,
close, reopen, and the citizen's rating."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import snapshot
from danvan.core.errors import ServiceError
from danvan.legaltime.calendar import current_calendar
from danvan.org.models import Membership, Role
from danvan.petitions import rules
from danvan.petitions.models import Petition
from danvan.petitions.services.common import (
    AUDIT_FIELDS,
    HANDLERS,
    MAX_CONTENT_CHARS,
    Kind,
    Status,
    _roles,
    clean_day,
    clean_text,
    lock_petition,
    move_status,
    record_event,
    require_role,
)
from danvan.petitions.tracking import normalize_tracking_code
from danvan.text.normalize import fold

# --- outcomes without acceptance ------------------------------------------------------------------------


def _letter_move(petition: Petition, to: str, letter_text: str, by) -> Petition:
    require_role(by, petition.commune, HANDLERS, "xử lý đơn")
    letter = clean_text(
        letter_text, field="letter_text", label="nội dung văn bản", max_chars=MAX_CONTENT_CHARS
    )
    return move_status(petition, to, by, outcome_letter=letter)


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
    require_role(by, petition.commune, {Role.COMMUNE_LEADER}, "thụ lý đơn")
    clean_day(on, field="on", label="ngày thụ lý")
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

    return move_status(petition, Status.ACCEPTED, by, action="accept", prepare=prepare)


def petition_start_verification(*, petition: Petition, by) -> Petition:
    """Bắt đầu xác minh nội dung đơn (also after the case is reopened)."""
    require_role(by, petition.commune, HANDLERS, "xác minh đơn")
    return move_status(petition, Status.VERIFYING, by, action="start_verification")


def petition_extend(*, petition: Petition, reason: str, by) -> Petition:
    """Gia hạn giải quyết tố cáo by a written decision (Luật Tố cáo 2018, Điều 30): once for a complex
    case, twice for an especially complex one, never for an ordinary one or for a complaint."""
    require_role(by, petition.commune, HANDLERS, "gia hạn giải quyết")
    why = clean_text(reason, field="reason", label="lý do gia hạn", max_chars=2000)
    with transaction.atomic():
        locked = lock_petition(petition)
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
        before = snapshot(locked, AUDIT_FIELDS)
        locked.resolve_due = rules.extension_due(locked.resolve_due, current_calendar())
        locked.extensions += 1
        locked.save(update_fields=["resolve_due", "extensions", "updated_at"])
        record_event(
            locked,
            by=by,
            action="extend",
            before=before,
            note=f"Gia hạn giải quyết đến ngày {locked.resolve_due:%d/%m/%Y}.",
            extra={"reason": why},
        )
    return locked


def petition_resolve(*, petition: Petition, answer: str, on: date, publish: bool = False, by) -> Petition:
    """Giải quyết: record the answer (the decision or the reply) and whether it is published. An answer
    to be published by anyone but a leader is first "trình lãnh đạo duyệt": it waits in review until a
    leader approves it (`petition_answer_approve`) or returns it with a comment."""
    require_role(by, petition.commune, HANDLERS, "giải quyết đơn")
    clean_day(on, field="on", label="ngày trả lời")
    text = clean_text(answer, field="answer", label="kết quả giải quyết", max_chars=MAX_CONTENT_CHARS)

    def prepare(locked: Petition) -> dict[str, Any]:
        if locked.accepted_on and on < locked.accepted_on:
            raise ServiceError("Ngày trả lời không được trước ngày thụ lý.", field="on")
        if on < locked.received_on:
            raise ServiceError("Ngày trả lời không được trước ngày nhận đơn.", field="on")
        if publish and not locked.publish_consent:
            raise ServiceError(
                "Người gửi không đồng ý công khai nên không thể công khai kết quả trên cổng thông tin.",
                field="publish",
            )
        return {}

    if publish and Role.COMMUNE_LEADER not in _roles(by, petition.commune):
        with transaction.atomic():
            moved = move_status(
                petition,
                Status.IN_REVIEW,
                by,
                action="submit_answer",
                prepare=prepare,
                answer=text,
                answered_on=on,
                answer_published=False,
                answer_folded="",
                review_comment="",
            )
            _notify_members(
                moved,
                Membership.objects.filter(commune=moved.commune, role=Role.COMMUNE_LEADER, is_active=True),
                text=f"Dự thảo trả lời đơn {moved.tracking_code} chờ lãnh đạo duyệt trước khi công khai.",
                key="answer-in-review",
            )
        return moved
    return move_status(
        petition,
        Status.RESOLVED,
        by,
        action="resolve",
        prepare=prepare,
        answer=text,
        answer_folded=fold(text) if publish else "",
        answered_on=on,
        answer_published=bool(publish),
        review_comment="",
    )


def _notify_members(petition: Petition, memberships, *, text: str, key: str) -> None:
    """An in-app notice (and e-mail) about a review step to the people who act next; once per step."""
    notify(
        users=[m.user for m in memberships.select_related("user")],
        text=text,
        key=f"petition:{petition.pk}:{key}:{petition.updated_at:%Y%m%d%H%M%S%f}",
        url=reverse("petitions:detail", args=[petition.commune_id, petition.pk]),
        commune=petition.commune,
    )


def petition_answer_approve(*, petition: Petition, by) -> Petition:
    """Lãnh đạo duyệt: the draft answer becomes the case's result and is published on the portal."""
    require_role(by, petition.commune, {Role.COMMUNE_LEADER}, "duyệt trả lời")

    def prepare(locked: Petition) -> dict[str, Any]:
        return {"answer_folded": fold(locked.answer), "answer_published": True}

    return move_status(
        petition, Status.RESOLVED, by, action="resolve", prepare=prepare, extra={"approved": True}
    )


def petition_answer_return(*, petition: Petition, comment: str, by) -> Petition:
    """Lãnh đạo trả lại dự thảo trả lời, with a comment; the unit works on it again (xác minh)."""
    require_role(by, petition.commune, {Role.COMMUNE_LEADER}, "trả lại dự thảo trả lời")
    why = clean_text(comment, field="comment", label="ý kiến của lãnh đạo", max_chars=2000)
    with transaction.atomic():
        moved = move_status(
            petition,
            Status.VERIFYING,
            by,
            action="return_answer",
            note="Lãnh đạo đề nghị bổ sung, hoàn thiện dự thảo trả lời.",
            extra={"comment": why},
            review_comment=why,
        )
        _notify_members(
            moved,
            Membership.objects.filter(
                commune=moved.commune, unit_id=moved.unit_id, role=Role.UNIT_OFFICER, is_active=True
            ),
            text=f"Lãnh đạo trả lại dự thảo trả lời đơn {moved.tracking_code}: {why}",
            key="answer-returned",
        )
    return moved


def petition_close(*, petition: Petition, by) -> Petition:
    """Kết thúc: the case file is closed after the answer."""
    require_role(by, petition.commune, HANDLERS, "kết thúc đơn")
    return move_status(petition, Status.CLOSED, by, action="close")


def petition_reopen(*, petition: Petition, reason: str, by) -> Petition:
    """Xem xét lại a resolved or closed case (e.g. the answer missed part of the đơn)."""
    require_role(by, petition.commune, {Role.COMMUNE_LEADER, Role.COORDINATOR}, "mở lại đơn")
    why = clean_text(reason, field="reason", label="lý do xem xét lại", max_chars=2000)
    return move_status(
        petition, Status.REOPENED, by, action="reopen", extra={"reason": why}, answer_published=False
    )


# --- citizen's rating ---------------------------------------------------------------------------------------


def petition_rate(*, petition: Petition, rating: int, tracking_code: str) -> Petition:
    """The sender rates the answer (1–5), proving it is them with the tracking code. Once per case:
    the tracking code is the only thing an anonymous sender holds, and it is read aloud, printed on the
    receipt and shared with family, so it cannot tell the sender from anyone who saw it; letting a
    second holder overwrite the first rating (2 became 5) would let anyone rewrite the commune's
    satisfaction figures. The first rating stands, and a later try is refused with the reason."""
    code = normalize_tracking_code(tracking_code)
    try:
        value = int(rating)
    except (TypeError, ValueError):
        value = 0
    with transaction.atomic():
        locked = lock_petition(petition)
        if code is None or not secrets.compare_digest(code, locked.tracking_code):
            raise ServiceError("Mã tra cứu không đúng.", code="bad_code", field="tracking_code")
        if locked.status not in (Status.RESOLVED, Status.CLOSED):
            raise ServiceError("Chỉ đánh giá được khi đơn đã có kết quả giải quyết.", code="not_resolved")
        if not 1 <= value <= 5:
            raise ServiceError("Vui lòng chọn mức đánh giá từ 1 đến 5.", field="rating")
        if locked.rating is not None:
            raise ServiceError(
                "Đơn này đã được đánh giá; mỗi đơn chỉ được đánh giá một lần.", code="already_rated"
            )
        before = snapshot(locked, AUDIT_FIELDS)
        locked.rating, locked.rated_at = value, timezone.now()
        locked.save(update_fields=["rating", "rated_at", "updated_at"])
        record_event(
            locked, by=None, action="rate", before=before, note="Người gửi đã đánh giá kết quả giải quyết."
        )
    return locked
