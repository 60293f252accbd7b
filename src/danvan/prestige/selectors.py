"""Reads of the prestige register: the people with their latest contact, the organisations with their
places, the contacts, and the period's figures for the report (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Max, Q

from danvan.prestige.models import Contact, Organisation, Person


def people(commune, *, kind: str = ""):
    qs = (
        Person.objects.filter(commune=commune, is_active=True)
        .select_related("village", "organisation")
        .annotate(last_contact=Max("contacts__on"), n_contacts=Count("contacts"))
    )
    return qs.filter(kind=kind) if kind else qs


def organisations(commune):
    return (
        Organisation.objects.filter(commune=commune)
        .prefetch_related("places")
        .annotate(n_people=Count("people", filter=Q(people__is_active=True), distinct=True))
    )


def contacts(commune, *, year: int | None = None):
    qs = Contact.objects.filter(commune=commune).select_related("person", "organisation", "petition")
    return qs.filter(on__year=year) if year else qs


def not_visited(commune, since: dt.date) -> list[Person]:
    """People of prestige the commune has not met since `since` (e.g. a year ago)."""
    return list(
        people(commune).filter(Q(last_contact__isnull=True) | Q(last_contact__lt=since)).order_by("full_name")
    )


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    codes = [c.code for c in communes]
    out = {c: {"people": 0, "contacts": 0, "raised": 0, "petitions": 0} for c in codes}
    for row in (
        Person.objects.filter(commune_id__in=codes, is_active=True)
        .values("commune_id")
        .annotate(n=Count("id"))
    ):
        out[row["commune_id"]]["people"] = row["n"]
    for row in (
        Contact.objects.filter(commune_id__in=codes, on__gte=start, on__lte=end)
        .values("commune_id")
        .annotate(
            n=Count("id"),
            raised=Count("id", filter=~Q(raised="")),
            petitions=Count("id", filter=Q(petition__isnull=False)),
        )
    ):
        f = out[row["commune_id"]]
        f["contacts"], f["raised"], f["petitions"] = row["n"], row["raised"], row["petitions"]
    return out


def by_kind(commune, start: dt.date, end: dt.date) -> list[tuple[str, int]]:
    labels = dict(Contact.Kind.choices)
    rows = (
        Contact.objects.filter(commune=commune, on__gte=start, on__lte=end)
        .values("kind")
        .annotate(n=Count("id"))
        .order_by("-n", "kind")
    )
    return [(labels.get(r["kind"], r["kind"]), r["n"]) for r in rows]
