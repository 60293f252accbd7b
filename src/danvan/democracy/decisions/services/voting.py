"""Household ballots and online votes: one per household, secret where required."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.democracy.decisions import delivery, rules
from danvan.democracy.decisions.models import (
    BallotChoice,
    Household,
    OnlineVoteCode,
    VillageDecision,
    Vote,
    VoteReceipt,
)
from danvan.democracy.decisions.rules import Channel, Choice, Method
from danvan.democracy.decisions.services.checks import (
    Status,
    household_actor,
    lock_decision,
    method_refusal,
    online_agreed,
    require_eligible,
    require_manager,
)
from danvan.democracy.guards import Refused, audited_refusals, by_actor

# --- ballots and online votes ---------------------------------------------------------------------


def _check_voting_window(decision: VillageDecision) -> None:
    obj = decision
    now = timezone.now()
    if decision.status in (Status.CLOSED, Status.RECORDED, Status.PUBLISHED) or (
        decision.closes_at and now >= decision.closes_at
    ):
        raise Refused("Đã hết thời gian biểu quyết; phiếu không được ghi nhận.", code="closed", obj=obj)
    if decision.status == Status.DRAFT or (decision.opens_at and now < decision.opens_at):
        raise Refused("Chưa đến thời gian biểu quyết.", code="not_open", obj=obj)


def _check_not_voted(decision: VillageDecision, household: Household) -> None:
    if VoteReceipt.objects.filter(decision=decision, household=household).exists():
        raise Refused(
            f"Hộ {household.code} đã biểu quyết nội dung này; mỗi hộ chỉ được biểu quyết một lần.",
            code="already_voted",
            obj=decision,
        )


def _cast(decision: VillageDecision, household: Household, choice: str, channel: str) -> VoteReceipt:
    """Store one household's vote. Call holding the decision's row lock, after every check."""
    try:
        with transaction.atomic():
            receipt = VoteReceipt.objects.create(decision=decision, household=household, channel=channel)
    except IntegrityError:  # another request for the same household won the race
        raise Refused(
            f"Hộ {household.code} đã biểu quyết nội dung này; mỗi hộ chỉ được biểu quyết một lần.",
            code="already_voted",
            obj=decision,
        ) from None
    if decision.is_secret:
        counter, _ = BallotChoice.objects.get_or_create(decision=decision, channel=channel, choice=choice)
        BallotChoice.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    else:
        Vote.objects.create(
            decision=decision, household=household, choice=choice, channel=channel, cast_at=receipt.cast_at
        )
    return receipt


def _check_choice(decision, choice: str) -> None:
    if choice not in Choice.values:
        raise Refused(
            "Vui lòng chọn tán thành, không tán thành hoặc không có ý kiến.", field="choice", obj=decision
        )


@audited_refusals("ballot_cast", by_actor)
def ballot_cast(*, decision: VillageDecision, household: Household, choice: str, by) -> VoteReceipt:
    """A paper ballot handed in by a household, entered by the village head or the counting committee."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        on_ballot = decision.status == Status.NEEDS_BALLOT or (
            decision.method == Method.BALLOT and decision.status != Status.DRAFT
        )
        if not on_ballot:
            if decision.matter in rules.MEETING_ONLY:
                raise Refused(
                    method_refusal(decision.matter, Method.BALLOT), code="method_not_allowed", obj=decision
                )
            if decision.status not in (Status.CLOSED, Status.RECORDED, Status.PUBLISHED):
                raise Refused(
                    "Nội dung này không biểu quyết bằng phiếu lấy ý kiến hộ gia đình.",
                    code="not_ballot",
                    obj=decision,
                )
        _check_voting_window(decision)
        _check_choice(decision, choice)
        require_eligible(decision, household)
        _check_not_voted(decision, household)
        receipt = _cast(decision, household, choice, Channel.BALLOT)
        audit_record(
            actor=by,
            action="democracy.ballot_cast",
            obj=decision,
            # A secret ballot's audit says who handed one in, never what it said.
            after={"household": household.code, **({} if decision.is_secret else {"choice": choice})},
        )
    return receipt


def _check_online(decision: VillageDecision) -> None:
    if decision.method != Method.ONLINE:
        if decision.matter in rules.MEETING_ONLY:
            raise Refused(
                method_refusal(decision.matter, Method.ONLINE), code="method_not_allowed", obj=decision
            )
        raise Refused("Nội dung này không biểu quyết trực tuyến.", code="not_online", obj=decision)
    if not rules.method_allowed(decision.matter, Method.ONLINE):  # a row edited around the service
        raise Refused(method_refusal(decision.matter, Method.ONLINE), code="method_not_allowed", obj=decision)
    if not online_agreed(decision):
        raise Refused(
            "Biểu quyết trực tuyến cần cả trưởng thôn và Ban công tác Mặt trận ở thôn đồng ý.",
            code="online_not_agreed",
            obj=decision,
        )


def _code_hash(decision_id: int, household_id: int, code: str) -> str:
    # Keyed with the site secret: a leaked table of hashes cannot be reversed by trying 10^6 codes.
    message = f"{decision_id}:{household_id}:{code}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def _mask(contact: str) -> str:
    if "@" in contact:
        name, _, domain = contact.partition("@")
        return f"{name[:1]}***@{domain}"
    return contact[:3] + "*" * max(len(contact) - 5, 0) + contact[-2:]


@audited_refusals("online_code_send", household_actor)
def online_code_send(*, decision: VillageDecision, household: Household, vote_url: str = "") -> str:
    """Send a one-time code to the household representative's contact; returns where (masked).

    `vote_url`, when given, is the portal's voting page for this household, added to the message."""
    with transaction.atomic():
        decision = lock_decision(decision)
        _check_online(decision)
        _check_voting_window(decision)
        require_eligible(decision, household)
        _check_not_voted(decision, household)
        household = Household.objects.get(pk=household.pk)
        if not household.email and not household.phone:
            raise Refused(
                "Hộ chưa có số điện thoại hoặc email trong sổ hộ. Vui lòng liên hệ trưởng thôn.",
                code="no_contact",
                obj=decision,
            )
        sent = OnlineVoteCode.objects.filter(decision=decision, household=household)
        if sent.count() >= rules.ONLINE_CODE_MAX_SENDS:
            raise Refused(
                "Hộ đã yêu cầu mã quá số lần cho phép. Vui lòng liên hệ trưởng thôn.",
                code="too_many_codes",
                obj=decision,
            )
        now = timezone.now()
        # Only the newest code works: an older message that arrives late cannot be used.
        sent.filter(used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
        code = "".join(secrets.choice("0123456789") for _ in range(rules.ONLINE_CODE_DIGITS))
        channel = "email" if household.email else "phone"
        row = OnlineVoteCode.objects.create(
            decision=decision,
            household=household,
            code_hash=_code_hash(decision.pk, household.pk, code),
            sent_to=channel,
            created_at=now,
            expires_at=now + timedelta(minutes=rules.ONLINE_CODE_MINUTES),
        )
        text = (
            f"Mã biểu quyết trực tuyến của hộ {household.code} cho nội dung “{decision.title[:80]}”: {code}. "
            f"Mã có hiệu lực {rules.ONLINE_CODE_MINUTES} phút. Không chia sẻ mã này cho người khác."
        )
        if vote_url:
            text += f" Biểu quyết tại: {vote_url}"
        delivery.send_code(
            email=household.email,
            phone=household.phone,
            text=text,
            key=f"vote-code:{row.pk}",
            commune=decision.commune,
        )
        where = _mask(household.email or household.phone)
        audit_record(
            actor=household_actor({"household": household}),
            action="democracy.online_code_sent",
            obj=decision,
            after={"household": household.code, "sent_to": channel},
        )
    return where


def _check_code(decision: VillageDecision, household: Household, code: str) -> OnlineVoteCode:
    codes = list(
        OnlineVoteCode.objects.filter(decision=decision, household=household).order_by("-created_at", "-id")
    )
    given = " ".join(str(code or "").split())
    digest = _code_hash(decision.pk, household.pk, given)
    match = next((c for c in codes if hmac.compare_digest(c.code_hash, digest)), None)
    now = timezone.now()
    current = next((c for c in codes if c.used_at is None and c.expires_at > now), None)
    if match is not None and match.used_at is not None:
        raise Refused(
            "Mã xác thực đã được sử dụng; mỗi hộ chỉ được biểu quyết một lần.", code="code_used", obj=decision
        )
    if match is not None and match.expires_at <= now:
        raise Refused("Mã xác thực đã hết hạn. Vui lòng yêu cầu mã mới.", code="code_expired", obj=decision)
    if current is not None and current.attempts >= rules.ONLINE_CODE_MAX_ATTEMPTS:
        raise Refused(
            "Mã xác thực đã bị khóa vì nhập sai quá nhiều lần. Vui lòng yêu cầu mã mới.",
            code="code_locked",
            obj=decision,
        )
    if match is None or match is not current:
        pk = current.pk if current is not None else None

        def count_attempt() -> None:
            # Counted even though the vote is refused: the limit on wrong tries is what makes a 6-digit
            # code safe, so this one change survives the refusal.
            if pk is not None:
                OnlineVoteCode.objects.filter(pk=pk).update(attempts=F("attempts") + 1)

        raise Refused(
            "Mã xác thực không đúng.", code="code_wrong", obj=decision, after_rollback=count_attempt
        )
    return match


@audited_refusals("online_vote", household_actor)
def online_vote_cast(
    *, decision: VillageDecision, household: Household, code: str, choice: str
) -> VoteReceipt:
    """A household representative's online vote, verified by the code sent to their contact."""
    with transaction.atomic():
        decision = lock_decision(decision)
        _check_online(decision)
        _check_voting_window(decision)
        _check_choice(decision, choice)
        require_eligible(decision, household)
        vote_code = _check_code(decision, household, code)
        _check_not_voted(decision, household)
        receipt = _cast(decision, household, choice, Channel.ONLINE)
        OnlineVoteCode.objects.filter(pk=vote_code.pk).update(used_at=receipt.cast_at)
        audit_record(
            actor=household_actor({"household": household}),
            action="democracy.online_vote_cast",
            obj=decision,
            after={"household": household.code},  # never the choice: online votes are secret
        )
    return receipt
