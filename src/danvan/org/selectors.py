"""Reads of units and memberships for pages."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.org.models import Unit


def units_of(commune) -> QuerySet[Unit]:
    return Unit.objects.filter(commune=commune).order_by("sort_order", "name")
