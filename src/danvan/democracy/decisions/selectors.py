"""Reads of village decisions for the workspace, the commune's reports and the public portal."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import BallotChoice, Household, VillageDecision, Vote, VoteReceipt
from danvan.democracy.decisions.rules import Choice, DecisionStatus, Method


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
        .only(
            "id",
            "title",
            "matter",
            "method",
            "village__name",
            "outcome",
            "passed",
            "published_at",
            "recorded_at",
            "total_households",
            "present_count",
            "fell_back_to_ballot",
            "meeting_approve",
            "meeting_reject",
            "meeting_abstain",
            "pass_share",
            "pass_inclusive",
            "pass_citation",
            "created_at",
        )
        .order_by("-published_at", "-id")
    )


def household_counts(villages) -> dict[int, int]:
    """Active households per village, in one query."""
    rows = (
        Household.objects.filter(village__in=list(villages), is_active=True)
        .values("village_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {r["village_id"]: r["n"] for r in rows}


def open_online_decisions(commune) -> QuerySet[VillageDecision]:
    """Online votes residents can take part in now, for the portal."""
    return (
        VillageDecision.objects.filter(commune=commune, method=Method.ONLINE, status=DecisionStatus.OPEN)
        .select_related("village")
        .only("id", "title", "closes_at", "village__name")
        .order_by("closes_at", "-id")
    )


def households_not_yet_voted(decision: VillageDecision) -> QuerySet[Household]:
    """For the village head's reminders: who has not handed in a ballot or voted online yet."""
    voted = VoteReceipt.objects.filter(decision=decision).values("household_id")
    return Household.objects.filter(village_id=decision.village_id, is_active=True).exclude(pk__in=voted)


@dataclass(frozen=True)
class Result:
    """The counts a list shows for one decision (no household in it)."""

    total: int
    took_part: int  # present at the meeting, or households that handed in a ballot / voted online
    approve: int
    reject: int
    abstain: int
    threshold: rules.Threshold | None = None  # the decision's own (Điều 21(1)); None: more than half

    @property
    def approve_percent(self) -> float:
        return round(100 * self.approve / self.total, 1) if self.total else 0.0

    @property
    def passes(self) -> bool:
        return rules.passes(self.approve, self.total, threshold=self.threshold)


def results_for(decisions) -> dict[int, Result]:
    """Counts for many decisions in three queries whatever their number (lists, reports).

    A meeting's counts are on the decision; a ballot's or an online vote's are summed from the secret
    counters, the open votes and the receipts."""
    decisions = list(decisions)
    counted = [d.pk for d in decisions if d.method != Method.MEETING or d.fell_back_to_ballot]
    choices: dict[int, dict[str, int]] = {pk: dict.fromkeys(Choice.values, 0) for pk in counted}
    voted: dict[int, int] = dict.fromkeys(counted, 0)
    if counted:
        for row in (
            BallotChoice.objects.filter(decision_id__in=counted)
            .values("decision_id", "choice")
            .annotate(n=Sum("count"))
            .order_by()
        ):
            choices[row["decision_id"]][row["choice"]] += row["n"] or 0
        for row in (
            Vote.objects.filter(decision_id__in=counted)
            .values("decision_id", "choice")
            .annotate(n=Count("id"))
            .order_by()
        ):
            choices[row["decision_id"]][row["choice"]] += row["n"]
        for row in (
            VoteReceipt.objects.filter(decision_id__in=counted)
            .values("decision_id")
            .annotate(n=Count("id"))
            .order_by()
        ):
            voted[row["decision_id"]] = row["n"]
    out = {}
    for d in decisions:
        total = d.total_households or 0
        if d.pk in choices:
            c = choices[d.pk]
            out[d.pk] = Result(
                total, voted[d.pk], c[Choice.APPROVE], c[Choice.REJECT], c[Choice.ABSTAIN], d.threshold
            )
        else:
            out[d.pk] = Result(
                total,
                d.present_count or 0,
                d.meeting_approve or 0,
                d.meeting_reject or 0,
                d.meeting_abstain or 0,
                d.threshold,
            )
    return out
