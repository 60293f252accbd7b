"""Every write to petitions: intake, classification, the handling workflow, rating, identity reads.

Status changes go through `common.move_status`, the one function that checks `rules.TRANSITIONS`, locks
the row and writes the public step and the audit record. Identity data (name, ID number, phone,
e-mail, address) never enters an audit record or a step: the audit log is read by many staff and the
steps are public.

Modules: `common` (constants, checks, `move_status`), `intake`, `classify`, `workflow`, `identity`,
`duplicates` (link, unlink, dismiss), `hotspots` (điểm nóng), `attachments` (files added later).
"""

from __future__ import annotations

from danvan.petitions.services.attachments import petition_add_attachments
from danvan.petitions.services.classify import petition_classify, petition_split
from danvan.petitions.services.common import (
    CITIZEN,
    HANDLERS,
    IDENTITY_FIELDS,
    MAX_ATTACHMENTS,
    MAX_CONTENT_CHARS,
    REAL_KINDS,
    RECORDERS,
    STAFF_CHANNELS,
    Kind,
    Status,
    create_with_code,
    move_status,
)
from danvan.petitions.services.duplicates import (
    petition_dismiss_duplicate,
    petition_link_duplicate,
    petition_unlink_duplicate,
)
from danvan.petitions.services.hotspots import (
    MANAGERS as HOTSPOT_MANAGERS,
)
from danvan.petitions.services.hotspots import (
    hotspot_acknowledge,
    hotspot_check,
    hotspot_resolve,
    hotspots_scan,
)
from danvan.petitions.services.identity import identity_for, may_read_identity
from danvan.petitions.services.intake import complaint_second_round, petition_record, petition_submit
from danvan.petitions.services.kind_steps import kind_workflow_set
from danvan.petitions.services.suspension import complaint_resume, complaint_suspend, complaint_withdraw_part
from danvan.petitions.services.workflow import (
    petition_accept,
    petition_answer_approve,
    petition_answer_return,
    petition_close,
    petition_extend,
    petition_forward,
    petition_guide,
    petition_rate,
    petition_reopen,
    petition_resolve,
    petition_return,
    petition_start_verification,
)

__all__ = [
    "CITIZEN",
    "HANDLERS",
    "HOTSPOT_MANAGERS",
    "IDENTITY_FIELDS",
    "MAX_ATTACHMENTS",
    "MAX_CONTENT_CHARS",
    "REAL_KINDS",
    "RECORDERS",
    "STAFF_CHANNELS",
    "Kind",
    "Status",
    "complaint_resume",
    "complaint_second_round",
    "complaint_suspend",
    "complaint_withdraw_part",
    "create_with_code",
    "hotspot_acknowledge",
    "hotspot_check",
    "hotspot_resolve",
    "hotspots_scan",
    "identity_for",
    "kind_workflow_set",
    "may_read_identity",
    "move_status",
    "petition_accept",
    "petition_add_attachments",
    "petition_answer_approve",
    "petition_answer_return",
    "petition_classify",
    "petition_close",
    "petition_dismiss_duplicate",
    "petition_extend",
    "petition_forward",
    "petition_guide",
    "petition_link_duplicate",
    "petition_rate",
    "petition_record",
    "petition_reopen",
    "petition_resolve",
    "petition_return",
    "petition_split",
    "petition_start_verification",
    "petition_submit",
    "petition_unlink_duplicate",
]
