"""Every write about “Dân vận khéo” models, one use case per module; each checks who acts, validates
(a ServiceError with a Vietnamese message, nothing saved), writes in one transaction and audits there."""

from danvan.exemplars.services.evaluation import (
    council_score_submit,
    exemplar_evaluate,
    exemplar_reopen,
    is_conflict_of_interest,
)
from danvan.exemplars.services.progress import exemplar_progress_add
from danvan.exemplars.services.recognition import exemplar_recognise
from danvan.exemplars.services.registration import (
    TargetInput,
    exemplar_register,
    exemplar_start,
    registration_call_set,
)

__all__ = [
    "TargetInput",
    "council_score_submit",
    "exemplar_evaluate",
    "exemplar_progress_add",
    "exemplar_recognise",
    "exemplar_register",
    "exemplar_reopen",
    "exemplar_start",
    "is_conflict_of_interest",
    "registration_call_set",
]
