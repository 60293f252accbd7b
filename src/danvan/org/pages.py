"""What every staff workspace page shows around its content: the commune, the user's roles there and
the menu entries the user may open. Each app's views build their context with `workspace_context`."""

from __future__ import annotations

from danvan.org.access import can, memberships_in, roles_in
from danvan.org.models import Role

# Roles that act (not only read); anyone else sees the workspace read-only.
_ACTING_ROLES = {
    Role.COMMUNE_LEADER,
    Role.COORDINATOR,
    Role.UNIT_OFFICER,
    Role.VILLAGE_HEAD,
    Role.SYSTEM_ADMIN,
}


def workspace_context(request, commune, **extra) -> dict:
    roles = roles_in(request.user, commune)
    return {
        "commune": commune,
        "roles": sorted(Role(r).label for r in roles),
        "memberships": memberships_in(request.user, commune),
        "perms_ws": {
            "audit": can(request.user, "audit.view", commune),
            "units": can(request.user, "org.manage_units", commune),
            "villages": can(request.user, "geo.manage_villages", commune),
            "reports": can(request.user, "reports.view", commune),
            "messages": can(request.user, "comms.view_log", commune),
            "news": can(request.user, "announcements.view", commune),
            "opinion": can(request.user, "opinion.view", commune),
        },
        "read_only": not roles & _ACTING_ROLES,
        **extra,
    }
