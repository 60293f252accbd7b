"""Provincial agencies run as bodies of their own (cơ quan, đơn vị cấp tỉnh: Văn phòng UBND tỉnh, a
sở…): a `Commune` row of division type "cơ quan" with a code outside the official range, so that every
rule that scopes by commune (access, plans, units' reports, audit) applies to it unchanged."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Province
from danvan.text.normalize import fold, nfc, slugify_vi

# "C" + the province's 2-digit code + a 2-digit number: official commune codes are 5 digits, so an
# agency code can never meet one, and it fits the same 5-character key.
AGENCY_PREFIX = "C"
MAX_AGENCIES_PER_PROVINCE = 99


def agencies_of(province: Province):
    return Commune.objects.filter(province=province, division_type=Commune.DivisionType.AGENCY).order_by(
        "name"
    )


def _clean_name(name: str) -> str:
    name = " ".join(nfc(name or "").split())
    if not name:
        raise ServiceError("Vui lòng nhập tên cơ quan, đơn vị.", field="name")
    if len(name) > 100:
        raise ServiceError("Tên cơ quan, đơn vị dài quá 100 ký tự.", field="name")
    return name


def _next_code(province: Province) -> str:
    prefix = f"{AGENCY_PREFIX}{province.code}"
    used = {
        c[len(prefix) :]
        for c in Commune.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    }
    for number in range(1, MAX_AGENCIES_PER_PROVINCE + 1):
        if f"{number:02d}" not in used:
            return f"{prefix}{number:02d}"
    raise ServiceError(
        f"Mỗi tỉnh có tối đa {MAX_AGENCIES_PER_PROVINCE} cơ quan, đơn vị trên hệ thống.", code="too_many"
    )


def _slug(province: Province, name: str) -> str:
    base = f"{province.slug}-{slugify_vi(name)}"[:110].strip("-")
    slug, n = base, 2
    while Commune.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def agency_create(*, province: Province, name: str, by) -> Commune:
    """Thêm một cơ quan, đơn vị cấp tỉnh (chưa kích hoạt). Who may do it is decided by the caller
    (org.activation, which knows the roles)."""
    name = _clean_name(name)
    with transaction.atomic():
        Province.objects.select_for_update().filter(pk=province.pk).first()
        if any(fold(a.name) == fold(name) for a in agencies_of(province)):
            raise ServiceError(
                f"{province.full_name} đã có “{name}” trên hệ thống.", code="duplicate", field="name"
            )
        try:
            with transaction.atomic():
                agency = Commune.objects.create(
                    code=_next_code(province),
                    province=province,
                    name=name,
                    division_type=Commune.DivisionType.AGENCY,
                    slug=_slug(province, name),
                )
        except IntegrityError as exc:  # two agencies created at the same moment
            raise ServiceError("Vui lòng thử lại: mã cơ quan vừa được dùng.", code="conflict") from exc
        audit_record(
            actor=by,
            action="geo.agency_create",
            obj=agency,
            commune=agency,
            after={"code": agency.code, "name": name, "province": province.code},
        )
    return agency
