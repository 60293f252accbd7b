"""The checks every village-decision service shares: who may manage a village, the commune, locking a
decision and moving its status, eligible households, methods allowed for a matter."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import Household, VillageDecision
from danvan.democracy.decisions.rules import DecisionStatus, Matter, Method
from danvan.democracy.guards import Refused

Status = DecisionStatus


def household_actor(kwargs: dict) -> str:
    household = kwargs.get("household")
    return f"Đại diện hộ {household.code}" if household is not None else "hệ thống"


def require_manager(by, village, *, obj=None) -> None:
    if not rules.can_manage_village(by, village):
        raise Refused(
            "Bạn không có quyền quản lý sổ hộ và biểu quyết của thôn này.",
            code="forbidden",
            obj=obj,
            commune=village.commune,
        )


def require_commune(village, commune, *, obj=None) -> None:
    # A caller that knows the commune (a workspace URL) passes it: another commune's village is refused
    # as if it did not exist, so its existence is not revealed.
    if commune is not None and village.commune_id != commune.pk:
        raise Refused(
            "Không tìm thấy thôn này trong xã/phường của bạn.", code="not_found", obj=obj, commune=commune
        )


def lock_decision(decision: VillageDecision) -> VillageDecision:
    return (
        VillageDecision.objects.select_for_update().select_related("village", "commune").get(pk=decision.pk)
    )


def move(decision: VillageDecision, to: str) -> None:
    if to not in rules.DECISION_TRANSITIONS[decision.status]:
        raise Refused(
            f"Không thể chuyển từ “{Status(decision.status).label}” sang “{Status(to).label}”.",
            code="bad_status",
            obj=decision,
        )
    decision.status = to


def eligible_households(decision: VillageDecision):
    """Households that may vote: active, in this village's register when voting opened."""
    qs = Household.objects.filter(village_id=decision.village_id, is_active=True)
    if decision.opened_at:
        qs = qs.filter(created_at__lte=decision.opened_at)
    return qs


def require_eligible(decision: VillageDecision, household: Household) -> None:
    if not eligible_households(decision).filter(pk=household.pk).exists():
        raise Refused(
            f"Hộ {household.code} không có trong sổ hộ của thôn khi mở biểu quyết.",
            code="not_eligible",
            obj=decision,
        )


DECISION_FIELDS = [
    "status",
    "method",
    "matter",
    "opens_at",
    "closes_at",
    "noticed_on",
    "total_households",
    "present_count",
    "quorum_met",
    "fell_back_to_ballot",
    "meeting_approve",
    "meeting_reject",
    "meeting_abstain",
    "passed",
    "pass_share",
    "pass_inclusive",
]


def method_refusal(matter: str, method: str) -> str:
    matter_label = Matter(matter).label
    if matter in rules.MEETING_ONLY:
        return (
            f"Nội dung “{matter_label}” phải được quyết định tại hội nghị đại diện hộ gia đình "
            f"({rules.MEETING_ONLY_CITATION}); không dùng hình thức “{Method(method).label.lower()}”."
        )
    if method == Method.ONLINE:
        return (
            "Biểu quyết trực tuyến chỉ áp dụng cho công việc tự quản khác của cộng đồng dân cư "
            f"({rules.METHOD_CITATION[Method.ONLINE]}); nội dung “{matter_label}” phải họp hoặc phát phiếu."
        )
    return f"Hình thức này không áp dụng cho nội dung “{matter_label}” ({rules.METHOD_CITATION[method]})."


def online_agreed(decision: VillageDecision) -> bool:
    return decision.online_agreed_by_head and decision.online_agreed_by_front


def stamped_move(decision: VillageDecision, to: str, *, stamp: str, action: str, by) -> VillageDecision:
    """The plain steps of a decision (close, publish): lock, check the manager, move, time-stamp, audit."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        before = snapshot(decision, DECISION_FIELDS)
        move(decision, to)
        setattr(decision, stamp, timezone.now())
        decision.save(update_fields=["status", stamp])
        audit_record(
            actor=by, action=action, obj=decision, before=before, after=snapshot(decision, DECISION_FIELDS)
        )
    return decision
