"""Every write to village decisions: household register, decisions, meetings, ballots, online votes,
the outcome. Refusals are audited (`danvan.democracy.guards`)."""

from __future__ import annotations

from danvan.democracy.decisions.services.commune_wide import (
    CommuneTally,
    commune_decision_conclude,
    commune_decision_create,
    commune_decision_tally,
)
from danvan.democracy.decisions.services.decisions import (
    decision_agree_online,
    decision_close,
    decision_create,
    decision_open,
    decision_record_notice,
    decision_set_counting_committee,
)
from danvan.democracy.decisions.services.meeting import (
    AttendanceResult,
    meeting_record_attendance,
    meeting_record_result,
)
from danvan.democracy.decisions.services.outcome import (
    Tally,
    decision_publish,
    decision_record_outcome,
    decision_tally,
)
from danvan.democracy.decisions.services.register import (
    ImportResult,
    household_create,
    household_import,
    household_update,
)
from danvan.democracy.decisions.services.voting import (
    ballot_cast,
    online_code_send,
    online_vote_cast,
)

__all__ = [
    "AttendanceResult",
    "CommuneTally",
    "ImportResult",
    "Tally",
    "ballot_cast",
    "commune_decision_conclude",
    "commune_decision_create",
    "commune_decision_tally",
    "decision_agree_online",
    "decision_close",
    "decision_create",
    "decision_open",
    "decision_publish",
    "decision_record_notice",
    "decision_record_outcome",
    "decision_set_counting_committee",
    "decision_tally",
    "household_create",
    "household_import",
    "household_update",
    "meeting_record_attendance",
    "meeting_record_result",
    "online_code_send",
    "online_vote_cast",
]
