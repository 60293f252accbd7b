"""Reads of village decisions for the workspace, the commune's reports and the public portal."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.democracy.models import Household, VillageDecision, VoteReceipt
from danvan.democracy.rules import DecisionStatus


def households_of(village) -> QuerySet[Household]:
    """The village's register as the village head keeps it, active households first."""
    return Household.objects.filter(village=village).order_by("-is_active", "code")


def decisions_of_commune(commune) -> QuerySet[VillageDecision]:
    return (
        VillageDecision.objects.filter(commune=commune)
        .select_related("village")
        .order_by("-created_at", "-id")
    )


def published_decisions(commune) -> QuerySet[VillageDecision]:
    """What residents may read: published results only (counts and the outcome, nothing per household)."""
    return (
        VillageDecision.objects.filter(commune=commune, status=DecisionStatus.PUBLISHED)
        .select_related("village")
        .only("id", "title", "matter", "method", "village__name", "outcome", "passed", "published_at")
        .order_by("-published_at", "-id")
    )


def households_not_yet_voted(decision: VillageDecision) -> QuerySet[Household]:
    """For the village head's reminders: who has not handed in a ballot or voted online yet."""
    voted = VoteReceipt.objects.filter(decision=decision).values("household_id")
    return Household.objects.filter(village_id=decision.village_id, is_active=True).exclude(pk__in=voted)
