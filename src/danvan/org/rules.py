"""Permissions as named predicates: which roles may do what in a commune."""

from __future__ import annotations

from danvan.org.models import Role

STAFF_ROLES = frozenset(Role.values)
LEADERS = frozenset({Role.COMMUNE_LEADER, Role.SYSTEM_ADMIN})

# One table, so a reviewer reads every permission in one place.
PERMISSIONS: dict[str, frozenset[str]] = {
    # Everyone with a role in (or over) the commune may open its workspace.
    "workspace.view": STAFF_ROLES,
    # The audit log shows who did what to whom: leaders and administrators only.
    "audit.view": LEADERS,
    # Units and villages are kept by the coordinator and the leaders.
    "org.manage_units": LEADERS | {Role.COORDINATOR},
    "geo.manage_villages": LEADERS | {Role.COORDINATOR},
    "geo.view_villages": STAFF_ROLES,
    "org.view_units": STAFF_ROLES,
    # Plans: everyone reads; the coordinator and leaders import, issue and close them and review
    # units' reports; unit officers update their own unit's tasks and write its reports.
    "plans.view": STAFF_ROLES,
    "plans.manage": LEADERS | {Role.COORDINATOR},
    "plans.update_task": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "plans.report": LEADERS | {Role.COORDINATOR, Role.UNIT_OFFICER},
    "plans.review_reports": LEADERS | {Role.COORDINATOR},
}


def role_allows(roles: set[str], permission: str) -> bool:
    allowed = PERMISSIONS.get(permission)
    if allowed is None:
        raise KeyError(f"unknown permission {permission!r}")
    return bool(roles & allowed)
