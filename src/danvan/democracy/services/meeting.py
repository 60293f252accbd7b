"""The meeting of household representatives: attendance, quorum, the counted vote."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.democracy import rules
from danvan.democracy.models import (
    Household,
    MeetingAttendance,
    VillageDecision,
)
from danvan.democracy.rules import Matter, Method
from danvan.democracy.services.guards import (
    DECISION_FIELDS,
    Refused,
    Status,
    audited_refusals,
    by_actor,
    eligible_households,
    lock_decision,
    move,
    require_manager,
)

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
    """Record who came (all clusters together for a cluster meeting) and check the quorum.

    Without quorum the matter goes to a household ballot, closing at `ballot_closes_at`; a matter
    that must be decided at a meeting must instead meet again (record attendance once more)."""
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
        quorum = rules.has_quorum(present, total)
        decision.present_count = present
        decision.quorum_met = quorum
        if quorum:
            if decision.status == Status.NEEDS_MEETING:
                move(decision, Status.OPEN)
            message = f"Hội nghị có {present}/{total} hộ tham dự, đủ điều kiện biểu quyết (trên 50% số hộ)."
        elif decision.matter in rules.MEETING_ONLY:
            if decision.status == Status.OPEN:
                move(decision, Status.NEEDS_MEETING)
            message = (
                f"Hội nghị chỉ có {present}/{total} hộ tham dự, chưa đủ trên 50% số hộ của thôn. "
                f"Nội dung “{Matter(decision.matter).label}” phải quyết định tại hội nghị "
                f"({rules.MEETING_ONLY_CITATION}), vì vậy cần tổ chức lại hội nghị."
            )
        else:
            move(decision, Status.NEEDS_BALLOT)
            decision.fell_back_to_ballot = True
            decision.closes_at = ballot_closes_at
            message = (
                f"Hội nghị chỉ có {present}/{total} hộ tham dự, chưa đủ trên 50% số hộ của thôn. "
                "Nội dung này chuyển sang phát phiếu lấy ý kiến tới từng hộ gia đình."
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
                f"Hội nghị chưa đủ số hộ tham dự ({decision.present_count}/{decision.total_households} "
                "hộ, cần trên 50% số hộ của thôn), không thể ghi nhận kết quả biểu quyết.",
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
