"""Every write of the api app: creating and revoking API keys (audited), noting a key's last use, and
receiving an Open311 request (through `petitions.services.petition_submit`, audited here too so the
log says which client posted it)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from danvan.api.keys import hash_key, new_key, split_key
from danvan.api.models import ApiKey
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.petitions import services as petition_services
from danvan.petitions.models import Petition
from danvan.text.normalize import nfc

# Never the hash: an audit row is read by many people.
_AUDIT_FIELDS = ["name", "kind", "user", "commune", "prefix", "is_active", "revoked_at"]
# A key used again within this time does not rewrite `last_used_at`: one write per minute at most.
LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class CreatedKey:
    api_key: ApiKey
    key: str  # shown once to the administrator, never stored


def api_key_create(*, by, name: str, kind: str, user=None, commune: Commune | None = None) -> CreatedKey:
    """Tạo khóa API. A staff key needs an active owner; an Open311 key has none."""
    label = " ".join(nfc(name or "").split())
    if not label:
        raise ServiceError("Vui lòng đặt tên gợi nhớ cho khóa.", field="name")
    if len(label) > 120:
        raise ServiceError("Tên gợi nhớ dài quá 120 ký tự.", field="name")
    if kind not in ApiKey.Kind.values:
        raise ServiceError("Loại khóa không hợp lệ.", field="kind")
    if kind == ApiKey.Kind.STAFF:
        if user is None or not user.is_active:
            raise ServiceError("Khóa cho cán bộ cần một tài khoản cán bộ đang hoạt động.", field="user")
    elif user is not None:
        raise ServiceError("Khóa cho ứng dụng Open311 không gắn với tài khoản cán bộ.", field="user")
    if commune is not None and not commune.is_active:
        raise ServiceError("Xã/phường này chưa sử dụng hệ thống.", field="commune")
    prefix, key = new_key()
    with transaction.atomic():
        api_key = ApiKey.objects.create(
            name=label,
            kind=kind,
            user=user,
            commune=commune,
            prefix=prefix,
            key_hash=hash_key(key),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action="api.key_create",
            obj=api_key,
            commune=commune,
            after=snapshot(api_key, _AUDIT_FIELDS),
        )
    return CreatedKey(api_key, key)


def api_key_revoke(*, api_key: ApiKey, by) -> ApiKey:
    """Thu hồi khóa: it stops working at once and cannot be turned back on (create a new one)."""
    with transaction.atomic():
        locked = ApiKey.objects.select_for_update().get(pk=api_key.pk)
        if not locked.is_active:
            raise ServiceError("Khóa này đã bị thu hồi.", code="already_revoked")
        before = snapshot(locked, _AUDIT_FIELDS)
        locked.is_active = False
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["is_active", "revoked_at"])
        audit_record(
            actor=by,
            action="api.key_revoke",
            obj=locked,
            commune=locked.commune,
            before=before,
            after=snapshot(locked, _AUDIT_FIELDS),
        )
    return locked


def api_key_find(raw: str) -> ApiKey | None:
    """The key row a presented key belongs to, active or not, or None when it matches no key."""
    prefix = split_key(raw or "")
    if prefix is None:
        return None
    api_key = ApiKey.objects.select_related("user", "commune").filter(prefix=prefix).first()
    if api_key is None or not secrets.compare_digest(api_key.key_hash, hash_key(raw.strip())):
        return None
    return api_key


def api_key_mark_used(api_key: ApiKey) -> None:
    """Note when a key was last used. Bookkeeping, not a state change anyone decides: no audit row,
    and at most one write a minute per key."""
    now = timezone.now()
    if api_key.last_used_at is not None and now - api_key.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiKey.objects.filter(pk=api_key.pk).update(last_used_at=now)
    api_key.last_used_at = now


def open311_request_create(
    *, api_key: ApiKey, commune: Commune, client_token: str | None = None, **submission
) -> tuple[Petition, bool]:
    """Receive a citizen's request posted by an Open311 client: (petition, created). A retry with the
    same client token returns the first petition and writes nothing. The token is namespaced by the
    key, so two clients cannot collide on each other's tokens."""
    token = None
    if client_token:
        token = client_token.strip()
        if len(token) > 40 or not token.isprintable():
            raise ServiceError(
                "Mã chống gửi trùng (client token) không hợp lệ: tối đa 40 ký tự.", field="client_token"
            )
        token = f"o311:{api_key.prefix}:{token}"
        existing = Petition.objects.filter(commune=commune, client_token=token).first()
        if existing is not None:
            return existing, False
    with transaction.atomic():
        petition = petition_services.petition_submit(
            commune=commune, client_token=token, channel=Petition.Channel.API, **submission
        )
        audit_record(
            actor=f"Open311: {api_key.name}",
            action="api.open311_request",
            obj=petition,
            commune=commune,
            after={"api_key": api_key.prefix, "tracking_code": petition.tracking_code},
        )
    return petition, True
