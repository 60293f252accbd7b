"""Reading the Front's voice and the regulations: lists, what is late or soon due, the public answers."""

from __future__ import annotations

import datetime as dt

from danvan.front import rules
from danvan.front.models import FrontRecommendation, JointActivity, Regulation


def recommendations(commune) -> list[FrontRecommendation]:
    return list(FrontRecommendation.objects.filter(commune=commune).select_related("unit")[:500])


def unanswered_due(commune, today: dt.date) -> list[FrontRecommendation]:
    """Unanswered, late or due within `rules.SOON_DAYS` days, soonest first."""
    limit = today + dt.timedelta(days=rules.SOON_DAYS)
    return list(
        FrontRecommendation.objects.filter(commune=commune, answer="", answer_due__lte=limit).order_by(
            "answer_due"
        )
    )


def public_answers(commune) -> list[FrontRecommendation]:
    return list(
        FrontRecommendation.objects.filter(commune=commune, public=True)
        .exclude(answer="")
        .order_by("-answered_on", "-pk")[:200]
    )


def regulations(commune) -> list[Regulation]:
    return list(Regulation.objects.filter(commune=commune).order_by("status", "next_review_on", "pk"))


def reviews_due(commune, today: dt.date) -> list[Regulation]:
    """In-force regulations whose review falls within `rules.REVIEW_NOTICE_DAYS` days (or is past)."""
    limit = today + dt.timedelta(days=rules.REVIEW_NOTICE_DAYS)
    return list(
        Regulation.objects.filter(
            commune=commune, status=Regulation.Status.IN_FORCE, next_review_on__lte=limit
        ).order_by("next_review_on")
    )


def activities(commune, *, since: dt.date, public_only: bool = False) -> list[JointActivity]:
    """The joint calendar from `since` on (activities still running included), cancelled ones left out
    of the public view."""
    qs = JointActivity.objects.filter(commune=commune, ends_on__gte=since)
    if public_only:
        qs = qs.filter(public=True, cancelled=False)
    return list(qs.order_by("starts_on", "pk")[:200])
