"""Read replicas for the public portal: which database a query goes to (`DANVAN_REPLICA_URL`).

Only an anonymous GET or HEAD of a portal page (`/`, `/xa/<slug>/…`, `/k/<code>/`) reads from the
`replica` alias, and only while the replica is less than `DANVAN_REPLICA_MAX_LAG_SECONDS` behind.
Everything else uses the primary (`default`): every write, staff and API pages, a signed-in person on
the portal (they may just have changed what they look at), the pages where a resident looks up their
own case by its code (tracking, "đơn của tôi": a status must never be older than a few seconds), and
any read inside a transaction (a service reads what it is about to change). The decision is a context
variable the middleware sets for the view and resets after it; gunicorn's threads each have their own.
"""

from __future__ import annotations

import contextvars
import logging
import time

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
PORTAL_PREFIXES = ("/xa/", "/k/")
# Portal pages a resident opens about their own case, or that write: always the primary.
PRIMARY_VIEWS = frozenset(
    {
        "petitions_public:track",
        "petitions_public:rate",
        "petitions_public:review",
        "petitions_public:photo",
        "petitions_public:mine",
        "petitions_public:submitted",
    }
)

_public_read: contextvars.ContextVar[bool] = contextvars.ContextVar("danvan_public_read", default=False)


def reading_replica() -> bool:
    """True while a public page's view runs and may read from the replica."""
    return _public_read.get()


class ReplicaRouter:
    """Django database router: the replica for public reads outside a transaction, else the primary."""

    def db_for_read(self, model, **hints):
        if _public_read.get() and not connections["default"].in_atomic_block:
            return REPLICA
        return "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both: an object read from the replica may be saved to the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"  # the replica gets its schema by replication


# The lag is asked at most once a second per process: a public page costs one query more, not two.
_lag_seen: dict[str, float] = {}


def replica_lag_seconds() -> float | None:
    """How far the replica is behind the primary, in seconds; None when it cannot answer. A server that
    is not in recovery (a promoted replica, or the test database standing in for one) is not behind.
    Everything it received is replayed: 0; otherwise the age of the last transaction it replayed."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(
                "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
                " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
                " ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()) END"
            )
            (lag,) = cursor.fetchone()
    except DatabaseError:
        logger.warning("Không hỏi được độ trễ của bản sao cơ sở dữ liệu; đọc từ máy chính.", exc_info=True)
        return None
    return None if lag is None else float(lag)


def replica_fresh() -> bool:
    """Whether the replica is close enough behind to serve public pages (checked once a second)."""
    now = time.monotonic()
    if now - _lag_seen.get("at", -10.0) >= 1.0:
        lag = replica_lag_seconds()
        _lag_seen.update(at=now, lag=float("inf") if lag is None else lag)
    return _lag_seen["lag"] <= settings.DANVAN_REPLICA_MAX_LAG_SECONDS


def is_public_read(request) -> bool:
    """An anonymous GET or HEAD of a portal page that may be a few seconds old."""
    if request.method not in ("GET", "HEAD"):
        return False
    if not (request.path == "/" or request.path.startswith(PORTAL_PREFIXES)):
        return False
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name in PRIMARY_VIEWS:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


class ReplicaReadMiddleware:
    """Marks a public page's view as allowed to read from the replica (after authentication: who is
    signed in is read from the primary, before the mark is set)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._replica_token = None
        try:
            return self.get_response(request)
        finally:
            if request._replica_token is not None:
                _public_read.reset(request._replica_token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if is_public_read(request) and replica_fresh():
            request._replica_token = _public_read.set(True)
        return None
