"""Every write of grassroots democracy, for callers outside it (`from danvan.democracy import services`).
The services live in their domains: `decisions.services` (household register, decisions, meetings,
ballots, online votes, outcome), `disclosures.services`, `consultations.services`,
`supervision.services`.

Refusals. A refused vote or recording is evidence too (a second vote, a vote after the close), so
each refusal is audited. The check runs inside the service's transaction (under the row lock); the
refusal leaves that transaction as `guards.Refused`, which rolls it back, and only then is the audit
written in a transaction of its own: the attempt is on record and nothing else changed. A caller that
wraps a service in its own atomic block and then lets the ServiceError roll that block back loses
the audit row with it; views catch ServiceError and render it, so they keep it.
"""

from __future__ import annotations

from danvan.democracy.consultations.services import (
    comment_assign,
    comment_group_save,
    comment_moderate,
    comment_record,
    comment_submit,
    consultation_conclude,
    consultation_create,
    consultation_publish,
)
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
from danvan.democracy.decisions.services.voting import ballot_cast, online_code_send, online_vote_cast
from danvan.democracy.disclosures.services import (
    disclosure_compliance,
    disclosure_correct,
    disclosure_publish,
    disclosure_withdraw,
)
from danvan.democracy.supervision.services import (
    board_create,
    board_member_add,
    board_member_remove,
    project_create,
    recommendation_answer,
    recommendation_send,
)

__all__ = [
    "AttendanceResult",
    "CommuneTally",
    "ImportResult",
    "Tally",
    "ballot_cast",
    "board_create",
    "board_member_add",
    "board_member_remove",
    "comment_assign",
    "comment_group_save",
    "comment_moderate",
    "comment_record",
    "comment_submit",
    "commune_decision_conclude",
    "commune_decision_create",
    "commune_decision_tally",
    "consultation_conclude",
    "consultation_create",
    "consultation_publish",
    "decision_agree_online",
    "decision_close",
    "decision_create",
    "decision_open",
    "decision_publish",
    "decision_record_notice",
    "decision_record_outcome",
    "decision_set_counting_committee",
    "decision_tally",
    "disclosure_compliance",
    "disclosure_correct",
    "disclosure_publish",
    "disclosure_withdraw",
    "household_create",
    "household_import",
    "household_update",
    "meeting_record_attendance",
    "meeting_record_result",
    "online_code_send",
    "online_vote_cast",
    "project_create",
    "recommendation_answer",
    "recommendation_send",
]
