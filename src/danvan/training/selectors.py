"""Reads of the training register: the year's courses with their counts, who is missing a required
training, and the period's figures for the report (one query per question, whatever the size)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from danvan.org.models import Membership
from danvan.training.models import Course, Participant, Requirement


def courses(commune, *, year: int | None = None):
    qs = Course.objects.filter(commune=commune).annotate(
        n_participants=Count("participants"),
        n_attended=Count("participants", filter=Q(participants__attended=True)),
    )
    if year:
        qs = qs.filter(starts_on__year=year)
    return qs


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29/2
        return day.replace(year=day.year - years, day=28)


@dataclass
class Missing:
    requirement: Requirement
    since: dt.date
    people: list  # users holding the role without the training
    holders: int


def missing(commune, today: dt.date) -> list[Missing]:
    """For each requirement, the staff holding its role who attended no course of its topic that ended in
    the last `within_years` years (up to today)."""
    requirements = list(Requirement.objects.filter(commune=commune))
    if not requirements:
        return []
    holders: dict[str, dict[int, object]] = defaultdict(dict)
    for m in Membership.objects.filter(commune=commune, user__is_active=True).select_related("user"):
        holders[m.role][m.user_id] = m.user
    attended = defaultdict(list)  # (user, topic) -> end dates
    for user_id, topic, ends_on in Participant.objects.filter(
        course__commune=commune, attended=True, user__isnull=False, course__ends_on__lte=today
    ).values_list("user_id", "course__topic", "course__ends_on"):
        attended[(user_id, topic)].append(ends_on)
    out = []
    for r in requirements:
        since = _years_before(today, r.within_years)
        people = [
            user
            for uid, user in holders.get(r.role, {}).items()
            if not any(end >= since for end in attended.get((uid, r.topic), []))
        ]
        people.sort(key=lambda u: u.get_full_name() or u.get_username())
        out.append(Missing(r, since, people, len(holders.get(r.role, {}))))
    return out


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int | float]]:
    """Courses that ended in the period, their participants, who attended, and person-hours; per commune,
    in two queries."""
    codes = [c.code for c in communes]
    out: dict[str, dict] = {
        c: {"courses": 0, "participants": 0, "attended": 0, "person_hours": 0.0} for c in codes
    }
    in_period = {"commune_id__in": codes, "ends_on__gte": start, "ends_on__lte": end}
    for row in Course.objects.filter(**in_period).values("commune_id").annotate(n=Count("id")):
        out[row["commune_id"]]["courses"] = row["n"]
    for row in (
        Participant.objects.filter(**{f"course__{k}": v for k, v in in_period.items()})
        .values("course__commune_id")
        .annotate(
            n=Count("id"),
            present=Count("id", filter=Q(attended=True)),
            hours=Sum("course__hours", filter=Q(attended=True)),
        )
    ):
        f = out[row["course__commune_id"]]
        f["participants"], f["attended"] = row["n"], row["present"]
        f["person_hours"] = float(row["hours"] or 0)
    return out


def by_topic(commune, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
    """(topic label, courses, attendees) for the period."""
    rows = (
        Course.objects.filter(commune=commune, ends_on__gte=start, ends_on__lte=end)
        .values("topic")
        .annotate(
            n=Count("id", distinct=True), present=Count("participants", filter=Q(participants__attended=True))
        )
        .order_by("-n", "topic")
    )
    from danvan.training.models import Topic

    labels = dict(Topic.choices)
    return [(labels.get(r["topic"], r["topic"]), r["n"], r["present"]) for r in rows]
