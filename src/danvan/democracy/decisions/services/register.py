"""The household register: kept by the village head, imported from a spreadsheet."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.democracy.decisions import rules
from danvan.democracy.decisions.household_file import read_rows
from danvan.democracy.decisions.models import Household

# --- household register --------------------------------------------------------------------------

PHONE_RE = re.compile(r"^\+?\d{9,15}$")
HOUSEHOLD_FIELDS = ["code", "head_name", "representative_name", "phone", "email", "address", "is_active"]


def _clean_household(data: dict) -> tuple[dict, list[str]]:
    """Normalised fields and the Vietnamese problems found, for one household (form or file row)."""
    clean = {k: " ".join(str(data.get(k) or "").split()) for k in HOUSEHOLD_FIELDS if k != "is_active"}
    errors = []
    if not clean["code"]:
        errors.append("thiếu mã hộ")
    elif len(clean["code"]) > 30:
        errors.append("mã hộ dài quá 30 ký tự")
    if not clean["head_name"]:
        errors.append("thiếu tên chủ hộ")
    phone = re.sub(r"[\s.\-()]", "", clean["phone"])
    # Excel turns 0912345678 into the number 912345678: put the leading zero back.
    if phone.isdigit() and len(phone) == 9 and not phone.startswith("0"):
        phone = "0" + phone
    if phone and not PHONE_RE.match(phone):
        errors.append(f"số điện thoại “{clean['phone']}” không hợp lệ")
    clean["phone"] = phone
    clean["email"] = clean["email"].lower()
    if clean["email"]:
        try:
            validate_email(clean["email"])
        except ValidationError:
            errors.append(f"email “{clean['email']}” không hợp lệ")
    for name, limit, label in (
        ("head_name", 120, "tên chủ hộ"),
        ("representative_name", 120, "tên người đại diện"),
        ("address", 255, "địa chỉ"),
    ):
        if len(clean[name]) > limit:
            errors.append(f"{label} dài quá {limit} ký tự")
    return clean, errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def household_import(*, village, file, by, commune=None) -> ImportResult:
    """Add or update households from a spreadsheet, matched by "Mã hộ" (so a second import of the same
    file changes nothing). Households absent from the file are left as they are. If any row is wrong,
    nothing is saved and the message lists each bad row by its spreadsheet row number."""
    if commune is not None and village.commune_id != commune.pk:
        raise ServiceError("Không tìm thấy thôn này trong xã/phường của bạn.", code="not_found")
    if not rules.can_manage_village(by, village):
        raise ServiceError("Bạn không có quyền quản lý sổ hộ của thôn này.", code="forbidden")
    rows = read_rows(file)
    problems: list[str] = []
    seen: dict[str, int] = {}
    cleaned = []
    for number, row in rows:
        data, errors = _clean_household(row)
        key = data["code"].casefold()
        if key and key in seen:
            errors.append(f"mã hộ “{data['code']}” trùng với dòng {seen[key]}")
        elif key:
            seen[key] = number
        if errors:
            problems.append(f"Dòng {number}: " + "; ".join(errors) + ".")
        cleaned.append(data)
    if problems:
        raise ServiceError(
            "Chưa nhập được sổ hộ, không có hộ nào được lưu. Vui lòng sửa các dòng sau rồi nhập lại:\n"
            + "\n".join(problems),
            field="file",
        )
    if not cleaned:
        raise ServiceError("Tệp không có hộ gia đình nào.", field="file")

    result = ImportResult()
    with transaction.atomic():
        existing = {
            h.code.casefold(): h for h in Household.objects.select_for_update().filter(village=village)
        }
        for data in cleaned:
            household = existing.get(data["code"].casefold())
            if household is None:
                Household.objects.create(village=village, **data)
                result.created += 1
                continue
            changes = {k: v for k, v in data.items() if k != "code" and getattr(household, k) != v}
            if not household.is_active:
                changes["is_active"] = True
            if changes:
                for k, v in changes.items():
                    setattr(household, k, v)
                household.save(update_fields=[*changes, "updated_at"])
                result.updated += 1
            else:
                result.unchanged += 1
        audit_record(
            actor=by,
            action="democracy.households_imported",
            obj=village,
            commune=village.commune,
            after={"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
            note=str(getattr(file, "name", ""))[:200],
        )
    return result


def household_create(
    *,
    village,
    code: str,
    head_name: str,
    representative_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    by,
    commune=None,
) -> Household:
    if commune is not None and village.commune_id != commune.pk:
        raise ServiceError("Không tìm thấy thôn này trong xã/phường của bạn.", code="not_found")
    if not rules.can_manage_village(by, village):
        raise ServiceError("Bạn không có quyền quản lý sổ hộ của thôn này.", code="forbidden")
    data, errors = _clean_household(
        {
            "code": code,
            "head_name": head_name,
            "representative_name": representative_name,
            "phone": phone,
            "email": email,
            "address": address,
        }
    )
    if errors:
        raise ServiceError("Thông tin hộ chưa đúng: " + "; ".join(errors) + ".")
    with transaction.atomic():
        if Household.objects.filter(village=village, code__iexact=data["code"]).exists():
            raise ServiceError(f"Mã hộ “{data['code']}” đã có trong sổ hộ của thôn.", field="code")
        household = Household.objects.create(village=village, **data)
        audit_record(
            actor=by,
            action="democracy.household_created",
            obj=household,
            commune=village.commune,
            after=snapshot(household, HOUSEHOLD_FIELDS),
        )
    return household


def household_update(
    *,
    household: Household,
    head_name: str,
    representative_name: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    is_active: bool = True,
    by,
) -> Household:
    """Change a household's details; the code stays (votes and imports refer to it)."""
    village = household.village
    if not rules.can_manage_village(by, village):
        raise ServiceError("Bạn không có quyền quản lý sổ hộ của thôn này.", code="forbidden")
    data, errors = _clean_household(
        {
            "code": household.code,
            "head_name": head_name,
            "representative_name": representative_name,
            "phone": phone,
            "email": email,
            "address": address,
        }
    )
    if errors:
        raise ServiceError("Thông tin hộ chưa đúng: " + "; ".join(errors) + ".")
    with transaction.atomic():
        household = Household.objects.select_for_update().get(pk=household.pk)
        before = snapshot(household, HOUSEHOLD_FIELDS)
        for k, v in {**data, "is_active": bool(is_active)}.items():
            setattr(household, k, v)
        household.save()
        audit_record(
            actor=by,
            action="democracy.household_updated",
            obj=household,
            commune=village.commune,
            before=before,
            after=snapshot(household, HOUSEHOLD_FIELDS),
        )
    return household
