"""Grassroots democracy's models, one module per domain: `decisions.models` (household register, village
decisions, ballots), `disclosures.models`, `consultations.models`, `supervision.models`. Django finds an
app's models here; importing them gives them the app label `democracy`, so tables and migrations stay
those of the one app."""

from __future__ import annotations

from danvan.democracy.consultations.models import (
    CommentGroup,
    Consultation,
    ConsultationComment,
    ConsultationQuestion,
)
from danvan.democracy.decisions.models import (
    BallotChoice,
    CommuneDecision,
    Household,
    MeetingAttendance,
    OnlineVoteCode,
    VillageDecision,
    Vote,
    VoteReceipt,
)
from danvan.democracy.disclosures.models import Disclosure, DisclosureKind
from danvan.democracy.supervision.models import (
    BoardMember,
    InvestmentProject,
    Recommendation,
    SupervisionBoard,
)

__all__ = [
    "BallotChoice",
    "BoardMember",
    "CommentGroup",
    "CommuneDecision",
    "Consultation",
    "ConsultationComment",
    "ConsultationQuestion",
    "Disclosure",
    "DisclosureKind",
    "Household",
    "InvestmentProject",
    "MeetingAttendance",
    "OnlineVoteCode",
    "Recommendation",
    "SupervisionBoard",
    "VillageDecision",
    "Vote",
    "VoteReceipt",
]
