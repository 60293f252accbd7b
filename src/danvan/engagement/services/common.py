"""The checks every engagement service shares: who acts, clean text and dates, a unit or villages
inside the commune, the commune's leaders, today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.geo.models import Commune, Village
from danvan.org.access import can
from danvan.org.models import Membership, Role, Unit
from danvan.text.normalize import nfc

CITIZEN = "người dân"  # the audit log's actor for a resident's own action: never their name
MAX_TEXT = 5_000


# --- helpers -----------------------------------------------------------------------------------------


def require(by, commune: Commune, permission: str, what: str) -> None:
    if by is None or not getattr(by, "is_authenticated", False) or not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def clean_text(value, *, field: str, label: str, required: bool = True, max_chars: int = MAX_TEXT) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label[:1].upper()}{label[1:]} dài quá {max_chars} ký tự.", field=field)
    return text


def clean_line(value, **kwargs) -> str:
    return " ".join(clean_text(value, **kwargs).split())


def clean_date(value, *, field: str, label: str) -> dt.date:
    if not isinstance(value, dt.date):
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    return value


def unit_in(
    commune: Commune, unit: Unit | None, *, field: str = "unit", required: bool = False
) -> Unit | None:
    if unit is None:
        if required:
            raise ServiceError(
                "Vui lòng chọn đơn vị chịu trách nhiệm thực hiện.", code="unit_required", field=field
            )
        return None
    if unit.commune_id != commune.pk:
        raise ServiceError("Đơn vị không thuộc xã này.", field=field)
    return unit


def villages_in(commune: Commune, villages: Iterable[Village]) -> list[Village]:
    chosen = list(villages or [])
    if any(v.commune_id != commune.pk for v in chosen):
        raise ServiceError("Có thôn không thuộc xã này.", field="villages")
    return chosen


def leaders_of(commune: Commune) -> list:
    return [
        m.user
        for m in Membership.objects.filter(
            commune=commune, role=Role.COMMUNE_LEADER, is_active=True
        ).select_related("user")
    ]


def today() -> dt.date:
    return timezone.localdate()
