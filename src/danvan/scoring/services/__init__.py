"""Every write about scoring, one use case per module; each checks who acts, validates (a
ServiceError in Vietnamese, nothing saved), writes in one transaction and audits there."""

from danvan.scoring.services.assessment import (
    assessment_for,
    assessment_reopen,
    assessment_return,
    assessment_review,
    assessment_submit,
    score_save,
)
from danvan.scoring.services.frameworks import (
    bands_set,
    criterion_delete,
    criterion_save,
    framework_adopt,
    framework_create_default,
)

__all__ = [
    "assessment_for",
    "assessment_reopen",
    "assessment_return",
    "assessment_review",
    "assessment_submit",
    "bands_set",
    "criterion_delete",
    "criterion_save",
    "framework_adopt",
    "framework_create_default",
    "score_save",
]
