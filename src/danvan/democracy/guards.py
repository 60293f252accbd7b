"""What every democracy service shares: a refusal leaves the service's transaction as `Refused`, is rolled
back, and is then audited in a transaction of its own (`audited_refusals`)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.db import transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError

# --- refusals ------------------------------------------------------------------------------------


class Refused(Exception):
    """A refusal on its way out of the service's transaction, to be audited after the rollback."""

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        field: str | None = None,
        obj=None,
        commune=None,
        after_rollback: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.obj = obj
        self.commune = commune
        self.after_rollback = after_rollback


def audited_refusals(action: str, actor_of: Callable[[dict], object]):
    """Turn `Refused` into ServiceError, writing `democracy.<action>_refused` in its own transaction."""

    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(**kwargs):
            try:
                return fn(**kwargs)
            except Refused as refusal:
                with transaction.atomic():
                    if refusal.after_rollback:
                        refusal.after_rollback()
                    audit_record(
                        actor=actor_of(kwargs),
                        action=f"democracy.{action}_refused",
                        obj=refusal.obj,
                        commune=refusal.commune,
                        after={"code": refusal.code},
                        note=refusal.message,
                    )
                raise ServiceError(refusal.message, code=refusal.code, field=refusal.field) from None

        return wrapper

    return decorate


def by_actor(kwargs: dict):
    return kwargs.get("by")
