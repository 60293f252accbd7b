"""The one place that decides which communes a staff user sees; every staff view goes through it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from danvan.geo.models import Commune, Province
from danvan.org.models import Membership, Role
from danvan.org.rules import OFFICE_DUTY, role_allows


def _memberships(user) -> list[Membership]:
    # Cached on the user object for the request: a page asks several times.
    cached = getattr(user, "_danvan_memberships", None)
    if cached is None:
        # The commune with its province: `commune_for` takes a member's commune from here, not from a
        # second query (every staff page asks).
        cached = list(
            Membership.objects.filter(user=user, is_active=True).select_related("commune__province", "unit")
        )
        user._danvan_memberships = cached
    return cached


def is_system_admin(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or any(m.role == Role.SYSTEM_ADMIN for m in _memberships(user))


def visible_communes(user) -> QuerySet[Commune]:
    """Communes whose data the user may read: their own, their province's, or all for an admin."""
    if not user.is_authenticated or not user.is_active:
        return Commune.objects.none()
    if is_system_admin(user):
        return Commune.objects.filter(is_active=True)
    members = _memberships(user)
    commune_ids = {m.commune_id for m in members if m.commune_id}
    province_ids = {m.province_id for m in members if m.role == Role.PROVINCE_VIEWER}
    return Commune.objects.filter(Q(code__in=commune_ids) | Q(province__in=province_ids), is_active=True)


def watched_provinces(user) -> QuerySet[Province]:
    """Provinces whose cross-commune view (reports, lateness) the user may open: every one for an admin."""
    if not user.is_authenticated or not user.is_active:
        return Province.objects.none()
    if is_system_admin(user):
        return Province.objects.all()
    ids = {m.province_id for m in _memberships(user) if m.role == Role.PROVINCE_VIEWER and m.province_id}
    return Province.objects.filter(pk__in=ids)


def scope(queryset: QuerySet, user, *, field: str = "commune") -> QuerySet:
    """Filter any commune-owned queryset to what the user may see. `field` names the path to the
    commune (e.g. "task__plan__commune")."""
    return queryset.filter(**{f"{field}__in": visible_communes(user)})


def roles_in(user, commune: Commune) -> set[str]:
    """The roles a user holds that apply to this commune."""
    if not user.is_authenticated or not user.is_active:
        return set()
    roles = set()
    for m in _memberships(user):
        in_commune = m.commune_id == commune.code
        over_province = m.role == Role.PROVINCE_VIEWER and m.province_id == commune.province_id
        if in_commune or over_province or m.role == Role.SYSTEM_ADMIN:
            roles.add(m.role)
    if user.is_superuser:
        roles.add(Role.SYSTEM_ADMIN)
    return roles


def memberships_in(user, commune: Commune) -> list[Membership]:
    return [m for m in _memberships(user) if m.commune_id == commune.code]


def duties_in(user, commune: Commune) -> set[str]:
    """Duties that come with a unit rather than a role: an officer of the Văn phòng HĐND và UBND keeps
    the reception register and organises dialogues, as the commune plans assign that office."""
    return {
        OFFICE_DUTY
        for m in memberships_in(user, commune)
        if m.role == Role.UNIT_OFFICER and m.unit is not None and m.unit.kind == m.unit.Kind.OFFICE
    }


def commune_for(user, code: str, *, permission: str = "workspace.view") -> Commune:
    """The commune a workspace URL names, if the user may act there.

    A commune the user cannot see is a 404, not a 403: its existence on the platform is not
    revealed. A visible commune where the role lacks the permission is a 403.

    The memberships are read afresh on every request (a removed membership stops access at once); a
    member's own commune comes with them, so the usual page needs no query of its own for it."""
    commune = None
    if user.is_authenticated and user.is_active:
        commune = next(
            (m.commune for m in _memberships(user) if m.commune_id == code and m.commune.is_active),
            None,
        )
    if commune is None:  # a province viewer, the administrator, or nobody
        commune = (
            scope(Commune.objects.select_related("province"), user, field="code").filter(code=code).first()
        )
    if commune is None:
        raise Http404("Không tìm thấy xã/phường này trong phạm vi của bạn.")
    if not role_allows(roles_in(user, commune) | duties_in(user, commune), permission):
        raise PermissionDenied("Vai trò của bạn không được làm việc này.")
    return commune


def can(user, permission: str, commune: Commune) -> bool:
    return role_allows(roles_in(user, commune) | duties_in(user, commune), permission)


def get_scoped_or_404(queryset: QuerySet, user, *, field: str = "commune", **lookup):
    """Fetch one object through the tenant scope: another commune's object is simply not found."""
    obj = scope(queryset, user, field=field).filter(**lookup).first()
    if obj is None:
        raise Http404("Không tìm thấy dữ liệu này trong phạm vi của bạn.")
    return obj
