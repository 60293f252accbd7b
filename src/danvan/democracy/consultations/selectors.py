"""Reads of consultations for the workspace."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.democracy.consultations.models import ConsultationComment
from danvan.democracy.consultations.rules import CommentStatus


def pending_comments(commune) -> QuerySet[ConsultationComment]:
    """Residents' comments on consultations waiting for moderation (the workspace home counts them)."""
    return ConsultationComment.objects.filter(commune=commune, status=CommentStatus.PENDING)
