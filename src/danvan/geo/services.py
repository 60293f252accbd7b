"""Writes to administrative units: loading the official list, entering villages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from vietnam_provinces import Province as VPProvince
from vietnam_provinces import Ward as VPWard

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Province, Village
from danvan.text.normalize import nfc, slugify_vi


@dataclass(frozen=True)
class LoadResult:
    provinces_created: int
    provinces_updated: int
    communes_created: int
    communes_updated: int

    @property
    def changed(self) -> bool:
        return any(
            (self.provinces_created, self.provinces_updated, self.communes_created, self.communes_updated)
        )


def _commune_slug_base(name: str) -> str:
    # "Xã Tà Đùng" -> "ta-dung": the portal lives under /xa/, repeating the type adds nothing.
    for prefix in ("Đặc khu ", "Phường ", "Xã "):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return slugify_vi(name)


def divisions_load(*, by=None) -> LoadResult:
    """Load or refresh the 34 provinces and 3,321 communes from vietnam-provinces; idempotent.

    Names and types follow the package; a commune's slug, once given, is never changed."""
    source_provinces = {f"{int(p.code):02d}": p for p in VPProvince.iter_all()}
    source_wards = {f"{int(w.code):05d}": w for w in VPWard.iter_all()}
    with transaction.atomic():
        existing_p = {p.code: p for p in Province.objects.all()}
        p_new, p_changed = [], []
        for code, src in source_provinces.items():
            name, dtype = nfc(src.name), str(src.division_type.value)
            row = existing_p.get(code)
            if row is None:
                p_new.append(
                    Province(code=code, name=name, division_type=dtype, slug=slugify_vi(src.codename))
                )
            elif (row.name, row.division_type) != (name, dtype):
                row.name, row.division_type = name, dtype
                p_changed.append(row)
        Province.objects.bulk_create(p_new)
        Province.objects.bulk_update(p_changed, ["name", "division_type"])

        existing_c = {c.code: c for c in Commune.objects.all()}
        taken = {c.slug for c in existing_c.values()}
        province_slugs = {p.code: p.slug for p in Province.objects.all()}
        bases = Counter(_commune_slug_base(nfc(src.name)) for src in source_wards.values())
        c_new, c_changed = [], []
        for code, src in sorted(source_wards.items()):
            name, dtype = nfc(src.name), str(src.division_type.value)
            pcode = f"{int(src.province_code):02d}"
            row = existing_c.get(code)
            if row is None:
                base = _commune_slug_base(name)
                # Many communes share a name across provinces ("Tân Phú"): those get the province too.
                slug = base if bases[base] == 1 and base not in taken else f"{base}-{province_slugs[pcode]}"
                if slug in taken:
                    slug = f"{slug}-{code}"
                taken.add(slug)
                c_new.append(Commune(code=code, province_id=pcode, name=name, division_type=dtype, slug=slug))
            elif (row.name, row.division_type, row.province_id) != (name, dtype, pcode):
                row.name, row.division_type, row.province_id = name, dtype, pcode
                c_changed.append(row)
        Commune.objects.bulk_create(c_new, batch_size=500)
        Commune.objects.bulk_update(c_changed, ["name", "division_type", "province"], batch_size=500)
        result = LoadResult(len(p_new), len(p_changed), len(c_new), len(c_changed))
        if result.changed:
            audit_record(
                actor=by,
                action="geo.divisions_load",
                after={
                    "provinces_created": result.provinces_created,
                    "provinces_updated": result.provinces_updated,
                    "communes_created": result.communes_created,
                    "communes_updated": result.communes_updated,
                },
                note="Danh mục đơn vị hành chính từ gói vietnam-provinces",
            )
    return result


_VILLAGE_FIELDS = ["name", "kind", "households", "is_active"]


def _clean_village_name(name: str) -> str:
    name = " ".join(nfc(name or "").split())
    if not name:
        raise ServiceError("Vui lòng nhập tên thôn/tổ dân phố.", field="name")
    if len(name) > 100:
        raise ServiceError("Tên thôn/tổ dân phố dài quá 100 ký tự.", field="name")
    return name


def _village_name_taken(commune_id: str, name: str, exclude_pk=None) -> bool:
    # Compared in Python: SQLite's case-insensitive match folds ASCII only ("Đ" != "đ" there).
    key = nfc(name).casefold()
    others = (
        Village.objects.filter(commune_id=commune_id).exclude(pk=exclude_pk).values_list("name", flat=True)
    )
    return any(nfc(other).casefold() == key for other in others)


def village_create(
    *, commune: Commune, name: str, kind: str = Village.Kind.THON, households=None, by
) -> Village:
    """Thêm một thôn/tổ dân phố vào xã."""
    name = _clean_village_name(name)
    if kind not in Village.Kind.values:
        raise ServiceError("Loại thôn/tổ dân phố không hợp lệ.", field="kind")
    with transaction.atomic():
        if _village_name_taken(commune.pk, name):
            raise ServiceError(f"Xã đã có “{name}”.", code="duplicate", field="name")
        try:
            with transaction.atomic():
                village = Village.objects.create(commune=commune, name=name, kind=kind, households=households)
        except IntegrityError as exc:  # a concurrent insert of the same name
            raise ServiceError(f"Xã đã có “{name}”.", code="duplicate", field="name") from exc
        audit_record(
            actor=by, action="geo.village_create", obj=village, after=snapshot(village, _VILLAGE_FIELDS)
        )
    return village


def village_update(
    *, village: Village, name: str, kind: str, households=None, is_active: bool = True, by
) -> Village:
    """Sửa tên, loại, số hộ hoặc ngừng hoạt động một thôn."""
    name = _clean_village_name(name)
    if kind not in Village.Kind.values:
        raise ServiceError("Loại thôn/tổ dân phố không hợp lệ.", field="kind")
    with transaction.atomic():
        village = Village.objects.select_for_update().get(pk=village.pk)
        if _village_name_taken(village.commune_id, name, exclude_pk=village.pk):
            raise ServiceError(f"Xã đã có “{name}”.", code="duplicate", field="name")
        before = snapshot(village, _VILLAGE_FIELDS)
        village.name, village.kind, village.households, village.is_active = name, kind, households, is_active
        village.save(update_fields=_VILLAGE_FIELDS)
        audit_record(
            actor=by,
            action="geo.village_update",
            obj=village,
            before=before,
            after=snapshot(village, _VILLAGE_FIELDS),
        )
    return village
