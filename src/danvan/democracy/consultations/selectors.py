"""Reads of consultations for the workspace."""

from __future__ import annotations

from danvan.democracy.consultations.models import ConsultationComment
from danvan.democracy.consultations.rules import CommentStatus


def pending_comments_count(commune) -> int:
    """Residents' comments on consultations waiting for moderation, for the workspace home."""
    return ConsultationComment.objects.filter(commune=commune, status=CommentStatus.PENDING).count()
