"""The meeting of household representatives: attendance, whether it can reach the threshold, the vote.

There is no fixed quorum (Luật THDCCS 2022): a meeting decides when enough households are present to
reach the matter's threshold (Điều 21(1)); otherwise a household ballot follows (Điều 19(1)(b)), for
the matters otherwise decided at a meeting too (Điều 17(2))."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import Household, MeetingAttendance, VillageDecision
from danvan.democracy.decisions.rules import Method
from danvan.democracy.decisions.services.checks import (
    DECISION_FIELDS,
    Status,
    eligible_households,
    lock_decision,
    move,
    require_manager,
)
from danvan.democracy.guards import Refused, audited_refusals, by_actor

# --- the meeting ---------------------------------------------------------------------------------


@dataclass
class AttendanceResult:
    decision: VillageDecision
    present: int
    total: int
    quorum: bool
    message: str


@audited_refusals("meeting_attendance", by_actor)
def meeting_record_attendance(
    *,
    decision: VillageDecision,
    present_households: Iterable[Household],
    by,
    ballot_closes_at: datetime | None = None,
) -> AttendanceResult:
    """Record who came (all clusters together for a cluster meeting) and check whether those present can
    reach the threshold. If they cannot, the matter goes to a household ballot closing at
    `ballot_closes_at` (Điều 19(1)(b)), whatever the matter."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        if decision.method != Method.MEETING:
            raise Refused("Nội dung này không biểu quyết bằng hội nghị.", code="not_meeting", obj=decision)
        if decision.status not in (Status.OPEN, Status.NEEDS_MEETING):
            raise Refused("Hội nghị chưa mở hoặc đã kết thúc.", code="bad_status", obj=decision)
        if decision.meeting_approve is not None:
            raise Refused("Đã ghi kết quả biểu quyết của hội nghị, không thể điểm danh lại.", obj=decision)
        eligible = {h.pk: h for h in eligible_households(decision)}
        present_ids = {h.pk if isinstance(h, Household) else int(h) for h in present_households}
        strangers = present_ids - set(eligible)
        if strangers:
            raise Refused(
                f"Có {len(strangers)} hộ không thuộc sổ hộ của thôn khi mở hội nghị.",
                code="not_eligible",
                obj=decision,
            )
        before = snapshot(decision, DECISION_FIELDS)
        MeetingAttendance.objects.filter(decision=decision).delete()
        MeetingAttendance.objects.bulk_create(
            MeetingAttendance(decision=decision, household_id=pk, present=pk in present_ids)
            for pk in eligible
        )
        total = decision.total_households or len(eligible)
        present = len(present_ids)
        threshold = rules.decision_threshold(decision)
        quorum = rules.has_quorum(present, total, threshold=threshold)
        needed = threshold.needed(total)
        decision.present_count = present
        decision.quorum_met = quorum
        if quorum:
            if decision.status == Status.NEEDS_MEETING:
                move(decision, Status.OPEN)
            message = (
                f"Hội nghị có {present}/{total} hộ tham dự, đủ để có thể đạt tỷ lệ tán thành "
                f"({threshold.statement}): tiến hành biểu quyết."
            )
        else:
            move(decision, Status.NEEDS_BALLOT)
            decision.fell_back_to_ballot = True
            decision.closes_at = ballot_closes_at
            message = (
                f"Hội nghị chỉ có {present}/{total} hộ tham dự, không thể đạt tỷ lệ tán thành (cần ít nhất "
                f"{needed} hộ: {threshold.words}). Theo {rules.BALLOT_FALLBACK_CITATION}, nội dung chuyển "
                "sang phát phiếu lấy ý kiến tới từng hộ gia đình."
            )
        decision.save(
            update_fields=["present_count", "quorum_met", "status", "fell_back_to_ballot", "closes_at"]
        )
        audit_record(
            actor=by,
            action="democracy.meeting_attendance_recorded",
            obj=decision,
            before=before,
            after=snapshot(decision, DECISION_FIELDS),
            note=message,
        )
    return AttendanceResult(decision=decision, present=present, total=total, quorum=quorum, message=message)


@audited_refusals("meeting_result", by_actor)
def meeting_record_result(
    *, decision: VillageDecision, approve: int, reject: int, abstain: int, by
) -> VillageDecision:
    """The meeting's counted vote (show of hands or secret ballot: only totals are kept)."""
    with transaction.atomic():
        decision = lock_decision(decision)
        require_manager(by, decision.village, obj=decision)
        if decision.method != Method.MEETING or decision.fell_back_to_ballot:
            raise Refused("Nội dung này không biểu quyết tại hội nghị.", code="not_meeting", obj=decision)
        if decision.status not in (Status.OPEN, Status.CLOSED, Status.NEEDS_MEETING):
            raise Refused("Hội nghị chưa mở hoặc biên bản đã lập.", code="bad_status", obj=decision)
        if decision.quorum_met is None:
            raise Refused(
                "Chưa điểm danh hội nghị. Vui lòng ghi nhận các hộ tham dự trước khi ghi kết quả.",
                code="no_attendance",
                obj=decision,
            )
        if not decision.quorum_met:
            raise Refused(
                f"Hội nghị không đủ số hộ tham dự để đạt tỷ lệ tán thành ({decision.present_count}/"
                f"{decision.total_households} hộ; {rules.decision_threshold(decision).statement}); "
                "nội dung đã chuyển sang phát phiếu lấy ý kiến hộ gia đình.",
                code="no_quorum",
                obj=decision,
            )
        counts = [approve, reject, abstain]
        if any(not isinstance(n, int) or n < 0 for n in counts):
            raise Refused("Số phiếu phải là số nguyên không âm.", field="approve", obj=decision)
        if sum(counts) > (decision.present_count or 0):
            raise Refused(
                f"Tổng số ý kiến ({sum(counts)}) vượt quá số hộ có mặt ({decision.present_count}).",
                code="too_many_votes",
                obj=decision,
            )
        before = snapshot(decision, DECISION_FIELDS)
        decision.meeting_approve, decision.meeting_reject, decision.meeting_abstain = counts
        decision.save(update_fields=["meeting_approve", "meeting_reject", "meeting_abstain"])
        audit_record(
            actor=by,
            action="democracy.meeting_result_recorded",
            obj=decision,
            before=before,
            after=snapshot(decision, DECISION_FIELDS),
        )
    return decision
