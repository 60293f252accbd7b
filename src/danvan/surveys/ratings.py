"""Petition ratings added up: by field, by unit and by month (count, average, share satisfied, share
not satisfied), for the staff page, the commune report and the province. Reads `petitions` only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from danvan.petitions.models import Petition
from danvan.surveys import rules
from danvan.surveys.selectors import day_start

LOW = Q(rating__lte=rules.LOW_RATING)
HIGH = Q(rating__gte=rules.SATISFIED_FROM)


@dataclass(frozen=True)
class RatingRow:
    label: str
    count: int
    average: float | None
    satisfied: int
    low: int

    @property
    def satisfied_pct(self) -> float | None:
        return round(100 * self.satisfied / self.count, 1) if self.count else None


def _rated(codes, start: dt.date, end: dt.date):
    return Petition.objects.filter(
        commune__in=codes,
        rating__isnull=False,
        rated_at__gte=day_start(start),
        rated_at__lt=day_start(end + dt.timedelta(days=1)),
    )


def _rows(qs, key: str, empty: str) -> list[RatingRow]:
    return [
        RatingRow(
            label=(r[key].strftime("%m/%Y") if hasattr(r[key], "strftime") else r[key]) or empty,
            count=r["n"],
            average=round(r["avg"], 2) if r["avg"] is not None else None,
            satisfied=r["hi"],
            low=r["lo"],
        )
        for r in qs.values(key)
        .annotate(n=Count("id"), avg=Avg("rating"), hi=Count("id", filter=HIGH), lo=Count("id", filter=LOW))
        .order_by(key)
    ]


@dataclass(frozen=True)
class RatingSummary:
    total: RatingRow
    by_field: list[RatingRow]
    by_unit: list[RatingRow]
    by_month: list[RatingRow]


def rating_summary(commune, start: dt.date, end: dt.date) -> RatingSummary:
    """Four queries whatever the number of petitions."""
    qs = _rated([commune.code], start, end)
    total = qs.aggregate(
        n=Count("id"), avg=Avg("rating"), hi=Count("id", filter=HIGH), lo=Count("id", filter=LOW)
    )
    return RatingSummary(
        total=RatingRow(
            "Cả xã",
            total["n"],
            round(total["avg"], 2) if total["avg"] is not None else None,
            total["hi"],
            total["lo"],
        ),
        by_field=_rows(qs, "field__name", "Chưa phân lĩnh vực"),
        by_unit=_rows(qs, "unit__name", "Chưa giao đơn vị"),
        by_month=_rows(qs.annotate(month=TruncMonth("rated_at")), "month", ""),
    )


def rating_figures(
    codes: list[str], start: dt.date, end: dt.date
) -> dict[str, dict[str, float | int | None]]:
    """Per commune: ratings given, average, share satisfied (%), low ratings. One query, from the partial
    index `petition_rated_at` alone (rated petitions by commune and moment rated, with the rating: hence
    counts of `rating`, never of `id`), so a period reads its own ratings whatever the history."""
    out: dict[str, dict] = {c: {"count": 0, "average": None, "satisfied_pct": None, "low": 0} for c in codes}
    for r in (
        _rated(codes, start, end)
        .values("commune_id")
        .annotate(
            n=Count("rating"),
            avg=Avg("rating"),
            hi=Count("rating", filter=HIGH),
            lo=Count("rating", filter=LOW),
        )
        .order_by()
    ):
        out[r["commune_id"]] = {
            "count": r["n"],
            "average": round(r["avg"], 2),
            "satisfied_pct": round(100 * r["hi"] / r["n"], 1),
            "low": r["lo"],
        }
    return out


@dataclass
class UnhappyCase:
    """A case whose sender was not satisfied: what they said (on the tracking page) and the answer."""

    petition: object
    reason: str
    review_requested: bool
    status: str
    answer: str = ""
    answered_at: object = None

    @property
    def pk(self) -> int:
        return self.petition.pk


def unhappy_cases(commune, limit: int = 100) -> list[UnhappyCase]:
    """Rated LOW_RATING or less with a reason or a request to look again, unanswered first (1 query)."""
    from django.db.models import Q

    from danvan.petitions.models import Petition
    from danvan.surveys import rules as survey_rules

    rows = (
        Petition.objects.filter(commune=commune, rating__lte=survey_rules.LOW_RATING)
        .filter(~Q(rating_reason="") | Q(review_requested_at__isnull=False))
        .select_related("field", "unit", "rating_review")
        .order_by("-id")[:limit]
    )
    out = []
    for p in rows:
        review = getattr(p, "rating_review", None)
        answered = review is not None and review.status == "answered"
        out.append(
            UnhappyCase(
                petition=p,
                reason=p.rating_reason,
                review_requested=p.review_requested_at is not None,
                status="answered" if answered else "open",
                answer=review.answer if answered else "",
                answered_at=review.answered_at if answered else None,
            )
        )
    return sorted(out, key=lambda c: c.status == "answered")
