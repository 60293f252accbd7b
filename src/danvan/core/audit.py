"""Write an audit record in the caller's transaction; every service that changes state calls this."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.forms.models import model_to_dict

from danvan.core import pagecache
from danvan.core.models import AuditEvent


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The JSON-safe state of a row, for an audit event's before/after."""
    data = model_to_dict(obj, fields=fields)
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, default=str))


def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    commune: Any = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """Record one state change. Call inside the service's transaction.atomic() block, so the change
    and its record are committed together or not at all."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit_record() must run inside the service's transaction.atomic() block")
    user = actor if getattr(actor, "is_authenticated", False) else None
    if commune is None and obj is not None:
        commune = getattr(obj, "commune", None)
    # Every state change passes here, so the public pages it affects are invalidated here (core/pagecache).
    pagecache.content_changed(commune=commune, obj=obj, action=action)
    return AuditEvent.objects.create(
        actor=user,
        actor_name=(user.get_username() if user else str(actor or "hệ thống"))[:150],
        commune=commune,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:255] if obj is not None else "",
        before=before,
        after=after,
        note=note,
    )
