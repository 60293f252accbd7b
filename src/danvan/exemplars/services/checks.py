"""Checks every exemplar service shares: who acts, clean text, the registrant's scope, one status move."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.exemplars import rules
from danvan.exemplars.models import Exemplar
from danvan.geo.models import Commune
from danvan.org.access import can, memberships_in
from danvan.text.normalize import nfc

AUDIT_FIELDS = ["name", "field", "registrant_kind", "unit", "village", "status", "score", "proposed_level"]


def require(by, commune: Commune, permission: str, what: str) -> None:
    """Refuse (code "forbidden") a user whose role in the commune lacks the permission."""
    if by is None or not getattr(by, "is_authenticated", False) or not can(by, permission, commune):
        raise ServiceError(f"Bạn không có quyền {what} tại xã này.", code="forbidden")


def clean_text(value, *, field: str, label: str, required: bool = True, max_chars: int = 5_000) -> str:
    text = nfc(str(value or "")).strip()
    if required and not text:
        raise ServiceError(f"Vui lòng nhập {label}.", field=field)
    if len(text) > max_chars:
        raise ServiceError(f"{label[:1].upper()}{label[1:]} dài quá {max_chars} ký tự.", field=field)
    return text


def clean_line(value, **kwargs) -> str:
    return " ".join(clean_text(value, **kwargs).split())


def today() -> dt.date:
    return timezone.localdate()


def scopes_of(user, commune: Commune) -> list[rules.Scope]:
    """The user's (role, unit, village) in the commune; a system administrator counts as a manager."""
    scopes = [(m.role, m.unit_id, m.village_id) for m in memberships_in(user, commune)]
    if can(user, "exemplars.manage", commune):
        scopes.append(("coordinator", None, None))
    return scopes


def may_act_for(user, exemplar: Exemplar) -> bool:
    """Whether the user reports for this model's registrant (or manages every model of the commune)."""
    if not getattr(user, "is_authenticated", False) or not can(user, "exemplars.register", exemplar.commune):
        return False
    return rules.may_act_for(
        scopes_of(user, exemplar.commune),
        kind=exemplar.registrant_kind,
        unit_id=exemplar.unit_id,
        village_id=exemplar.village_id,
    )


def move(*, by, exemplar: Exemplar, to: str, action: str, changes: dict | None = None) -> Exemplar:
    """Move a locked model to `to` if the transition table allows it, with `changes` to other fields,
    and audit it. Call inside the service's transaction, on a row fetched with select_for_update()."""
    if not rules.may_move(exemplar.status, to):
        raise ServiceError(
            f"Mô hình đang ở trạng thái “{exemplar.get_status_display().lower()}”: không thể chuyển sang "
            f"“{Exemplar.Status(to).label.lower()}”.",
            code="bad_transition",
        )
    before = snapshot(exemplar, AUDIT_FIELDS)
    exemplar.status = to
    for name, value in (changes or {}).items():
        setattr(exemplar, name, value)
    exemplar.save(update_fields=["status", *(changes or {})])
    audit_record(actor=by, action=action, obj=exemplar, before=before, after=snapshot(exemplar, AUDIT_FIELDS))
    return exemplar
