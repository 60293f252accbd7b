"""Petitions (đơn thư): intake, classification, handling, the public history and protected identities."""

from danvan.petitions.models.core import (
    MASS_PETITION_MIN_SIGNERS,
    Attachment,
    DuplicateDismissal,
    Field,
    HotspotAlert,
    IdentityAccessLog,
    Petition,
    PetitionIdentity,
    PetitionStep,
)
from danvan.petitions.models.procedure import ComplaintDialogue, KindWorkflow
from danvan.petitions.models.resident import HeldUpload, ResidentCode
from danvan.petitions.models.suggestions import FieldKeyword, PetitionSuggestion, SuggestionModel
from danvan.petitions.models.tallies import PetitionTally

__all__ = [
    "MASS_PETITION_MIN_SIGNERS",
    "Attachment",
    "ComplaintDialogue",
    "DuplicateDismissal",
    "Field",
    "FieldKeyword",
    "HeldUpload",
    "HotspotAlert",
    "IdentityAccessLog",
    "KindWorkflow",
    "Petition",
    "PetitionIdentity",
    "PetitionStep",
    "PetitionSuggestion",
    "PetitionTally",
    "ResidentCode",
    "SuggestionModel",
]
