"""Reads of who is in charge: the current assignments by line of work, the villages nobody is in charge
of, the current steering committee."""

from __future__ import annotations

from danvan.assignments.models import Assignment, CommitteeMember
from danvan.geo.models import Village


def current_assignments(commune) -> list[Assignment]:
    return list(
        Assignment.objects.filter(commune=commune, ended_on__isnull=True).select_related(
            "official", "village"
        )
    )


def villages_without(commune, assignments: list[Assignment]) -> list[Village]:
    covered = {a.village_id for a in assignments if a.village_id}
    return [v for v in Village.objects.filter(commune=commune, is_active=True) if v.pk not in covered]


def committee(commune) -> list[CommitteeMember]:
    order = {r: i for i, r in enumerate(CommitteeMember.Role.values)}
    members = list(CommitteeMember.objects.filter(commune=commune, ended_on__isnull=True))
    return sorted(members, key=lambda m: (order[m.role], m.full_name))
