"""Staff pages for meeting citizens, under /lam-viec/<code>/, one module per domain: `reception` (the
schedule and register, `tiep-dan/`), `dialogues` (`doi-thoai/`), `voters` (voters' petitions,
`kien-nghi-cu-tri/`), `commitments` (`cam-ket/`); `common` holds what they share.

Every view resolves the commune through `org.access.commune_for` (another commune: 404; a role without
the permission: 403) and looks objects up inside it. Writes go through `engagement.services`. The
register holds personal data: only the roles that keep it (engagement.manage) open it.
"""

from __future__ import annotations

from danvan.engagement.views.commitments import (
    commitment_detail,
    commitment_evidence,
    commitment_progress,
    commitment_status,
    commitments,
)
from danvan.engagement.views.dialogues import (
    dialogue_add,
    dialogue_commitment,
    dialogue_detail,
    dialogues,
    invitation_send,
    minutes,
    question_add,
    question_answer,
    question_moderate,
)
from danvan.engagement.views.reception import (
    entry_add,
    entry_detail,
    register,
    register_docx,
    register_xlsx,
    schedule,
    session_add,
    session_cancel,
)
from danvan.engagement.views.voters import (
    voter_meeting,
    voter_petition_action,
    voters,
)

__all__ = [
    "commitment_detail",
    "commitment_evidence",
    "commitment_progress",
    "commitment_status",
    "commitments",
    "dialogue_add",
    "dialogue_commitment",
    "dialogue_detail",
    "dialogues",
    "entry_add",
    "entry_detail",
    "invitation_send",
    "minutes",
    "question_add",
    "question_answer",
    "question_moderate",
    "register",
    "register_docx",
    "register_xlsx",
    "schedule",
    "session_add",
    "session_cancel",
    "voter_meeting",
    "voter_petition_action",
    "voters",
]
