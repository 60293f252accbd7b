"""Every write about meeting citizens, one module per domain: `reception` (the schedule and register),
`dialogues` (dialogues, their questions and minutes), `voters` (voters' petitions), `commitments`
(commitments with their progress); `common` holds the checks they share.

Each function checks who acts, validates (a ServiceError with a Vietnamese message, nothing saved),
writes in one transaction and records one audit event there. The register holds personal data
(name, address, ID number): it never enters an audit record, a notification or a public page.
Callers import from this package: `from danvan.engagement import services`.
"""

from __future__ import annotations

from danvan.engagement.services.commitments import (
    commitment_create,
    commitment_progress_add,
    commitment_set_status,
    may_update_commitment,
)
from danvan.engagement.services.common import CITIZEN, MAX_TEXT
from danvan.engagement.services.dialogues import (
    dialogue_create,
    dialogue_question_add,
    dialogue_question_answer,
    dialogue_question_moderate,
    dialogue_question_submit,
    dialogue_record_minutes,
)
from danvan.engagement.services.reception import (
    reception_entry_follow_up,
    reception_entry_record,
    reception_session_cancel,
    reception_session_schedule,
)
from danvan.engagement.services.voters import (
    voter_meeting_record,
    voter_petition_add,
    voter_petition_answer,
    voter_petition_assign,
)

__all__ = [
    "CITIZEN",
    "MAX_TEXT",
    "commitment_create",
    "commitment_progress_add",
    "commitment_set_status",
    "dialogue_create",
    "dialogue_question_add",
    "dialogue_question_answer",
    "dialogue_question_moderate",
    "dialogue_question_submit",
    "dialogue_record_minutes",
    "may_update_commitment",
    "reception_entry_follow_up",
    "reception_entry_record",
    "reception_session_cancel",
    "reception_session_schedule",
    "voter_meeting_record",
    "voter_petition_add",
    "voter_petition_answer",
    "voter_petition_assign",
]
