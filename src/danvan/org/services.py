"""Writes to organisation: activating a commune with its standard units, units, memberships."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Province, Village
from danvan.org.models import Membership, Role, Unit
from danvan.text.normalize import fold, nfc

# The units every commune People's Committee has since the 2025 two-level local government
# (Nghị định 150/2025/NĐ-CP on specialised agencies of the commune); editable after activation.
STANDARD_UNITS: list[tuple[str, str]] = [
    ("Văn phòng HĐND và UBND", "VP HĐND-UBND"),
    ("Phòng Văn hóa – Xã hội", "VHXH"),
    ("Phòng Kinh tế", "KT"),
    ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
    ("Trung tâm Dịch vụ công", "TTDVC"),
    ("Công an xã", "CA"),
    ("Ban Chỉ huy Quân sự", "BCHQS"),
    ("Ủy ban MTTQ Việt Nam xã", "MTTQ"),
]

_UNIT_FIELDS = ["name", "short_name", "sort_order", "is_active", "kind"]


def unit_kind_for(name: str) -> str:
    """A unit named as the Văn phòng HĐND và UBND is that office (however the commune writes it)."""
    folded = " ".join(fold(name).replace("-", " ").replace("&", " va ").split())
    office = folded.startswith("van phong hdnd") or folded.startswith("van phong hoi dong nhan dan")
    return Unit.Kind.OFFICE if office else Unit.Kind.OTHER


def commune_activate(*, commune: Commune, by) -> list[Unit]:
    """Turn a commune on: mark it active and give it the standard units it lacks. Idempotent."""
    with transaction.atomic():
        commune = Commune.objects.select_for_update().get(pk=commune.pk)
        existing = {fold(u.name) for u in Unit.objects.filter(commune=commune)}
        created = []
        for order, (name, short) in enumerate(STANDARD_UNITS, start=1):
            if fold(name) not in existing:
                created.append(
                    Unit.objects.create(
                        commune=commune,
                        name=name,
                        short_name=short,
                        sort_order=order * 10,
                        kind=unit_kind_for(name),
                    )
                )
        was_active = commune.is_active
        if not was_active:
            commune.is_active = True
            commune.activated_at = timezone.now()
            commune.save(update_fields=["is_active", "activated_at"])
        if created or not was_active:
            audit_record(
                actor=by,
                action="org.commune_activate",
                obj=commune,
                commune=commune,
                before={"is_active": was_active},
                after={"is_active": True, "units_created": [u.name for u in created]},
            )
    return created


def _clean_unit(name: str, short_name: str) -> tuple[str, str]:
    name = " ".join(nfc(name or "").split())
    short_name = " ".join(nfc(short_name or "").split())
    if not name:
        raise ServiceError("Vui lòng nhập tên đơn vị.", field="name")
    if len(name) > 150:
        raise ServiceError("Tên đơn vị dài quá 150 ký tự.", field="name")
    if len(short_name) > 40:
        raise ServiceError("Tên viết tắt dài quá 40 ký tự.", field="short_name")
    return name, short_name


def _unit_name_taken(commune: Commune, name: str, exclude_pk=None) -> bool:
    # "Phòng Văn hóa - Xã hội" and "Phòng Văn hoá – Xã Hội" are the same unit.
    others = Unit.objects.filter(commune=commune).exclude(pk=exclude_pk).values_list("name", flat=True)
    return fold(name) in {fold(n) for n in others}


def unit_create(*, commune: Commune, name: str, short_name: str = "", by) -> Unit:
    """Thêm một đơn vị vào xã."""
    name, short_name = _clean_unit(name, short_name)
    with transaction.atomic():
        if _unit_name_taken(commune, name):
            raise ServiceError(f"Xã đã có đơn vị “{name}”.", code="duplicate", field="name")
        try:
            with transaction.atomic():
                unit = Unit.objects.create(
                    commune=commune, name=name, short_name=short_name, kind=unit_kind_for(name)
                )
        except IntegrityError as exc:
            raise ServiceError(f"Xã đã có đơn vị “{name}”.", code="duplicate", field="name") from exc
        audit_record(actor=by, action="org.unit_create", obj=unit, after=snapshot(unit, _UNIT_FIELDS))
    return unit


def unit_update(*, unit: Unit, name: str, short_name: str = "", is_active: bool = True, by) -> Unit:
    """Đổi tên, tên viết tắt hoặc ngừng hoạt động một đơn vị."""
    name, short_name = _clean_unit(name, short_name)
    with transaction.atomic():
        unit = Unit.objects.select_for_update().get(pk=unit.pk)
        if unit.commune_id and _unit_name_taken(unit.commune, name, exclude_pk=unit.pk):
            raise ServiceError(f"Xã đã có đơn vị “{name}”.", code="duplicate", field="name")
        before = snapshot(unit, _UNIT_FIELDS)
        unit.name, unit.short_name, unit.is_active = name, short_name, is_active
        unit.kind = unit_kind_for(name)
        unit.save(update_fields=["name", "short_name", "is_active", "kind"])
        audit_record(
            actor=by, action="org.unit_update", obj=unit, before=before, after=snapshot(unit, _UNIT_FIELDS)
        )
    return unit


def membership_grant(
    *,
    user,
    role: str,
    commune: Commune | None = None,
    unit: Unit | None = None,
    village: Village | None = None,
    province: Province | None = None,
    title: str = "",
    by,
) -> Membership:
    """Give a person a role; idempotent for the same role and place."""
    if role not in Role.values:
        raise ServiceError("Vai trò không hợp lệ.", field="role")
    if unit is not None and commune is None:
        commune = unit.commune
    if village is not None and commune is None:
        commune = village.commune
    if role == Role.PROVINCE_VIEWER and province is None:
        raise ServiceError("Vai trò theo dõi cấp tỉnh cần chọn tỉnh.", field="province")
    if role == Role.UNIT_OFFICER and unit is None:
        raise ServiceError("Cán bộ đơn vị cần chọn đơn vị.", field="unit")
    if role == Role.VILLAGE_HEAD and village is None:
        raise ServiceError("Trưởng thôn cần chọn thôn/tổ dân phố.", field="village")
    if role in (Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SUPERVISOR) and commune is None:
        raise ServiceError("Vai trò này cần chọn xã/phường.", field="commune")
    if role in (Role.PROVINCE_VIEWER, Role.SYSTEM_ADMIN):
        commune = None
    if unit is not None and unit.commune_id != getattr(commune, "pk", None):
        raise ServiceError("Đơn vị không thuộc xã đã chọn.", field="unit")
    if village is not None and village.commune_id != getattr(commune, "pk", None):
        raise ServiceError("Thôn không thuộc xã đã chọn.", field="village")
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(
            user=user,
            role=role,
            commune=commune,
            unit=unit,
            village=village,
            province=province if role == Role.PROVINCE_VIEWER else None,
            defaults={"title": title},
        )
        if created or not membership.is_active:
            membership.is_active = True
            membership.save(update_fields=["is_active"])
            audit_record(
                actor=by,
                action="org.membership_grant",
                obj=membership,
                commune=commune,
                after={"user": user.get_username(), "role": role, "title": title},
            )
    return membership


def membership_revoke(*, membership: Membership, by) -> Membership:
    with transaction.atomic():
        membership = Membership.objects.select_for_update().get(pk=membership.pk)
        if membership.is_active:
            membership.is_active = False
            membership.save(update_fields=["is_active"])
            audit_record(
                actor=by,
                action="org.membership_revoke",
                obj=membership,
                commune=membership.commune,
                before={"is_active": True},
                after={"is_active": False},
            )
    return membership


def staff_user_create(*, username: str, full_name: str, password: str, email: str = "", by):
    """Create a staff account with a validated password; the name is split Vietnamese-style."""
    User = get_user_model()
    username = (username or "").strip()
    if not username:
        raise ServiceError("Vui lòng nhập tên đăng nhập.", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise ServiceError(
            f"Tên đăng nhập “{username}” đã có người dùng.", code="duplicate", field="username"
        )
    # Vietnamese names put the given name last: "Nguyễn Văn An" -> last "Nguyễn Văn", first "An".
    parts = nfc(full_name or "").split()
    first, last = (parts[-1], " ".join(parts[:-1])) if parts else ("", "")
    user = User(username=username, first_name=first[:150], last_name=last[:150], email=email)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), code="weak_password", field="password") from exc
    with transaction.atomic():
        user.set_password(password)
        user.save()
        audit_record(
            actor=by,
            action="org.staff_user_create",
            obj=user,
            after={"username": username, "full_name": " ".join(parts)},
        )
    return user
