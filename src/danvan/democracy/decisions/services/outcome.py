"""Counting, the resolution/minutes, the report to the commune, publication."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from danvan.comms.services import notify
from danvan.core.audit import audit_record, snapshot
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import BallotChoice, Household, VillageDecision, Vote, VoteReceipt
from danvan.democracy.decisions.rules import Choice, Matter, Method
from danvan.democracy.decisions.services.checks import (
    DECISION_FIELDS,
    Status,
    lock_decision,
    move,
    require_manager,
    stamped_move,
)
from danvan.democracy.guards import Refused, audited_refusals, by_actor
from danvan.org.models import Membership, Role

NO_QUORUM_OUTCOME = (
    "Hội nghị không đủ số hộ tham dự để đạt tỷ lệ tán thành: nội dung phải được phát phiếu lấy ý kiến "
    "hộ gia đình (Điều 19 khoản 1 điểm b Luật Thực hiện dân chủ ở cơ sở 2022) trước khi lập biên bản."
)


# --- counting and the outcome ------------------------------------------------------------------------


@dataclass
class Tally:
    approve: int
    reject: int
    abstain: int
    voted: int
    total_households: int
    passes: bool
    source: str  # "meeting" or "ballot"
    by_channel: dict[str, int] = field(default_factory=dict)
    threshold: rules.Threshold | None = None  # the one the decision was put to the vote under

    @property
    def needed(self) -> int:
        return self.threshold.needed(self.total_households) if self.threshold else 0

    @property
    def approve_percent(self) -> float:
        return round(100 * self.approve / self.total_households, 1) if self.total_households else 0.0


def decision_tally(decision: VillageDecision) -> Tally:
    """The count, and whether it reaches the decision's threshold over ALL the village's households:
    at least two thirds for contributions, more than half otherwise (Điều 21(1))."""
    # Read afresh: callers hold instances from before the latest vote or meeting result.
    decision = VillageDecision.objects.get(pk=decision.pk)
    total = (
        decision.total_households
        or Household.objects.filter(village_id=decision.village_id, is_active=True).count()
    )
    if decision.method == Method.MEETING and not decision.fell_back_to_ballot:
        approve, reject, abstain = (
            decision.meeting_approve or 0,
            decision.meeting_reject or 0,
            decision.meeting_abstain or 0,
        )
        voted = approve + reject + abstain
        threshold = rules.decision_threshold(decision)
        passes = threshold.reached(approve, total)
        return Tally(approve, reject, abstain, voted, total, passes, "meeting", {}, threshold)
    counts = {c: 0 for c in Choice.values}
    by_channel: dict[str, int] = {}
    for row in (
        BallotChoice.objects.filter(decision=decision).values("choice", "channel").annotate(n=Sum("count"))
    ):
        counts[row["choice"]] += row["n"]
        by_channel[row["channel"]] = by_channel.get(row["channel"], 0) + row["n"]
    for vote in Vote.objects.filter(decision=decision).values("choice", "channel"):
        counts[vote["choice"]] += 1
        by_channel[vote["channel"]] = by_channel.get(vote["channel"], 0) + 1
    voted = VoteReceipt.objects.filter(decision=decision).count()
    approve = counts[Choice.APPROVE]
    threshold = rules.decision_threshold(decision)
    return Tally(
        approve,
        counts[Choice.REJECT],
        counts[Choice.ABSTAIN],
        voted,
        total,
        threshold.reached(approve, total),
        "ballot",
        by_channel,
        threshold,
    )


def _outcome_text(decision: VillageDecision, tally: Tally, minutes: str) -> str:
    lines = [
        f"BIÊN BẢN KẾT QUẢ BÀN VÀ QUYẾT ĐỊNH – {decision.village.name}, {decision.commune.in_sentence}",
        f"Nội dung: {decision.title}",
        f"Loại nội dung: {Matter(decision.matter).label} (Điều 15 {rules.LAW}).",
        "Hình thức: "
        + (
            "Hội nghị không đủ số hộ để đạt tỷ lệ tán thành, chuyển sang phát phiếu lấy ý kiến hộ gia đình "
            f"({rules.BALLOT_FALLBACK_CITATION})."
            if decision.fell_back_to_ballot
            else Method(decision.method).label
            + ("" if decision.method == Method.MEETING else (", bỏ phiếu kín" if decision.is_secret else ""))
            + "."
        ),
        f"Tổng số hộ gia đình của thôn: {tally.total_households}.",
    ]
    if tally.source == "meeting":
        lines.append(f"Số hộ tham dự hội nghị: {decision.present_count}.")
    else:
        lines.append(f"Số hộ đã biểu quyết: {tally.voted}.")
    lines += [
        f"Tán thành: {tally.approve} hộ ({tally.approve_percent}% tổng số hộ của thôn); "
        f"không tán thành: {tally.reject}; không có ý kiến: {tally.abstain}.",
        "Kết quả: "
        + ("ĐƯỢC THÔNG QUA" if tally.passes else "KHÔNG ĐƯỢC THÔNG QUA")
        + f" ({tally.threshold.statement}).",
    ]
    if decision.counting_committee:
        lines.append("Ban kiểm phiếu: " + ", ".join(decision.counting_committee) + ".")
    if minutes.strip():
        lines += ["", minutes.strip()]
    return "\n".join(lines)


def _commune_staff(commune):
    from django.contrib.auth import get_user_model

    ids = Membership.objects.filter(
        commune=commune, is_active=True, role__in=[Role.COMMUNE_LEADER, Role.COORDINATOR]
    ).values("user_id")
    return get_user_model().objects.filter(pk__in=ids, is_active=True)


@audited_refusals("decision_record_outcome", by_actor)
def decision_record_outcome(*, decision: VillageDecision, by, minutes: str = "") -> VillageDecision:
    """Write the resolution/minutes from the count and report it to the commune (Điều 17–21)."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        if decision.status != Status.CLOSED:
            if decision.status == Status.NEEDS_MEETING or (
                decision.method == Method.MEETING
                and decision.quorum_met is False
                and not decision.fell_back_to_ballot
            ):
                raise Refused(
                    NO_QUORUM_OUTCOME,
                    code="no_quorum",
                    obj=decision,
                )
            raise Refused("Chỉ lập biên bản sau khi đã kết thúc biểu quyết.", code="bad_status", obj=decision)
        if decision.method == Method.MEETING and not decision.fell_back_to_ballot:
            if decision.quorum_met is None:
                raise Refused(
                    "Chưa điểm danh hội nghị, không thể lập biên bản kết quả.", code="no_quorum", obj=decision
                )
            if not decision.quorum_met:
                raise Refused(
                    NO_QUORUM_OUTCOME,
                    code="no_quorum",
                    obj=decision,
                )
            if decision.meeting_approve is None:
                raise Refused("Chưa ghi kết quả biểu quyết của hội nghị.", code="no_result", obj=decision)
        if decision.method != Method.ONLINE and not decision.counting_committee:
            raise Refused(
                "Vui lòng ghi tên ban kiểm phiếu "
                f"({rules.COUNTING_COMMITTEE_MIN}–{rules.COUNTING_COMMITTEE_MAX} người) "
                "trước khi lập biên bản.",
                code="no_committee",
                obj=decision,
            )
        before = snapshot(decision, DECISION_FIELDS)
        tally = decision_tally(decision)
        move(decision, Status.RECORDED)
        decision.outcome = _outcome_text(decision, tally, minutes or "")
        decision.passed = tally.passes
        decision.recorded_at = timezone.now()
        decision.save(update_fields=["status", "outcome", "passed", "recorded_at"])
        audit_record(
            actor=by,
            action="democracy.outcome_recorded",
            obj=decision,
            before=before,
            after={**snapshot(decision, DECISION_FIELDS), "approve": tally.approve, "voted": tally.voted},
        )
        # Reported to the commune: its leaders and coordinator see it in the workspace and by e-mail.
        verdict = "được thông qua" if tally.passes else "không được thông qua"
        notify(
            users=_commune_staff(decision.commune),
            text=f"{decision.village.name} báo cáo kết quả: “{decision.title[:120]}” {verdict} "
            f"({tally.approve}/{tally.total_households} hộ tán thành).",
            key=f"democracy.outcome.{decision.pk}",
            commune=decision.commune,
        )
    return decision


@audited_refusals("decision_publish", by_actor)
def decision_publish(*, decision: VillageDecision, by) -> VillageDecision:
    """Make the recorded result public to residents (the counts and the outcome, nothing per household)."""
    return stamped_move(
        decision, Status.PUBLISHED, stamp="published_at", action="democracy.decision_published", by=by
    )
