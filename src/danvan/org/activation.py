"""Activating a commune from a page (no shell): its units, villages and first accounts in one step."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.agencies import agency_create
from danvan.geo.models import Commune, Province, Village
from danvan.geo.services import village_create
from danvan.org.access import is_system_admin, watched_provinces
from danvan.org.models import Role, Unit
from danvan.org.services import commune_activate, membership_grant, staff_user_create, unit_create
from danvan.text.normalize import fold

# The first accounts a commune needs to start: who imports the plan and who leads.
FIRST_ROLES = (Role.COORDINATOR, Role.COMMUNE_LEADER)
MAX_VILLAGES = 200
MAX_EXTRA_UNITS = 30
# No 0/O, 1/l/I: the password is read off a screen and typed by hand once.
_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def one_time_password() -> str:
    """Three groups of four characters (about 70 bits), e.g. "k7Qm-x3Tr-9bWe"."""
    return "-".join("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(3))


def may_activate(user, commune: Commune) -> bool:
    """The system administrator anywhere; a province viewer for the communes of their own province."""
    return may_manage_province(user, commune.province_id)


def may_manage_province(user, province_id: str) -> bool:
    """Who may add and activate the bodies (communes, agencies) of a province."""
    if is_system_admin(user):
        return True
    return watched_provinces(user).filter(pk=province_id).exists()


@dataclass
class FirstAccount:
    role: str
    username: str
    full_name: str
    email: str = ""


@dataclass
class ActivationResult:
    commune: Commune
    units: list[Unit] = field(default_factory=list)
    villages: list[Village] = field(default_factory=list)
    # (account, role label, one-time password): shown once on the page, never stored in clear.
    accounts: list[tuple[object, str, str]] = field(default_factory=list)


def _check_accounts(accounts: list[FirstAccount]) -> None:
    if not any(a.role == Role.COORDINATOR for a in accounts):
        raise ServiceError(
            "Cần ít nhất tài khoản công chức đầu mối để bắt đầu nhập kế hoạch.",
            field="coordinator_username",
        )
    if any(a.role not in FIRST_ROLES for a in accounts):
        raise ServiceError("Vai trò của tài khoản đầu tiên không hợp lệ.", field="accounts")
    names = [a.username.strip().casefold() for a in accounts]
    if len(set(names)) != len(names):
        raise ServiceError("Hai tài khoản trùng tên đăng nhập.", field="leader_username")


def _first_accounts(result: ActivationResult, accounts: list[FirstAccount], by) -> None:
    for account in accounts:
        password = one_time_password()
        user = staff_user_create(
            username=account.username,
            full_name=account.full_name,
            password=password,
            email=account.email,
            by=by,
        )
        membership_grant(user=user, role=account.role, commune=result.commune, by=by)
        result.accounts.append((user, Role(account.role).label, password))


def _audit_onboard(result: ActivationResult, action: str, by) -> None:
    audit_record(
        actor=by,
        action=action,
        obj=result.commune,
        commune=result.commune,
        after={
            "units": [u.name for u in result.units],
            "villages": [v.name for v in result.villages],
            "accounts": [{"username": u.get_username(), "role": r} for u, r, _ in result.accounts],
        },
    )


def commune_onboard(
    *,
    commune: Commune,
    villages: list[tuple[str, int | None]],
    village_kind: str = Village.Kind.THON,
    extra_units: list[str] = (),
    accounts: list[FirstAccount],
    by,
) -> ActivationResult:
    """Turn a commune on with its standard units plus `extra_units`, its villages and its first
    accounts (each with a one-time password). All or nothing: any refusal leaves the commune off."""
    if not may_activate(by, commune):
        raise ServiceError("Bạn không có quyền kích hoạt xã, phường này.", code="forbidden")
    if commune.is_agency:
        raise ServiceError("Đây là cơ quan cấp tỉnh: kích hoạt ở mục “Cơ quan, đơn vị”.", code="agency")
    if len(villages) > MAX_VILLAGES:
        raise ServiceError(f"Nhập tối đa {MAX_VILLAGES} thôn, tổ dân phố mỗi lần.", field="villages")
    if len(extra_units) > MAX_EXTRA_UNITS:
        raise ServiceError(f"Nhập tối đa {MAX_EXTRA_UNITS} đơn vị thêm.", field="extra_units")
    _check_accounts(accounts)
    with transaction.atomic():
        locked = Commune.objects.select_for_update().get(pk=commune.pk)
        if locked.is_active:
            raise ServiceError(
                f"{locked.name} đã được kích hoạt. Thêm đơn vị, thôn, tài khoản ở trang làm việc của xã.",
                code="already_active",
            )
        result = ActivationResult(commune=locked)
        result.units = commune_activate(commune=locked, by=by)
        for name in extra_units:
            result.units.append(unit_create(commune=locked, name=name, by=by))
        for name, households in villages:
            result.villages.append(
                village_create(commune=locked, name=name, kind=village_kind, households=households, by=by)
            )
        _first_accounts(result, accounts, by)
        _audit_onboard(result, "org.commune_onboard", by)
    locked.refresh_from_db()
    return result


def agency_onboard(
    *, province: Province, name: str, units: list[str], accounts: list[FirstAccount], by
) -> ActivationResult:
    """Add a provincial agency (cơ quan, đơn vị cấp tỉnh) as a body of its own and turn it on, with its
    internal units (phòng, trung tâm…) and first accounts; the same roles and scoping as a commune,
    and the province sees it like its communes. All or nothing."""
    if not may_manage_province(by, province.pk):
        raise ServiceError("Bạn không có quyền thêm cơ quan của tỉnh này.", code="forbidden")
    units = [" ".join(u.split()) for u in units if u and u.strip()]
    if not units:
        raise ServiceError(
            "Nhập ít nhất một đơn vị trực thuộc (phòng, trung tâm…) để giao nhiệm vụ.", field="extra_units"
        )
    if len(units) > MAX_EXTRA_UNITS:
        raise ServiceError(f"Nhập tối đa {MAX_EXTRA_UNITS} đơn vị trực thuộc.", field="extra_units")
    if len({fold(u) for u in units}) != len(units):
        raise ServiceError("Hai đơn vị trực thuộc trùng tên.", field="extra_units")
    _check_accounts(accounts)
    with transaction.atomic():
        agency = agency_create(province=province, name=name, by=by)
        result = ActivationResult(commune=agency)
        for unit_name in units:
            result.units.append(unit_create(commune=agency, name=unit_name, by=by))
        agency.is_active = True
        agency.activated_at = timezone.now()
        agency.save(update_fields=["is_active", "activated_at"])
        _first_accounts(result, accounts, by)
        _audit_onboard(result, "org.agency_onboard", by)
    return result
