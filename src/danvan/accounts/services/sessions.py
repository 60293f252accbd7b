"""Phiên đăng nhập: which browsers are signed in to an account, and ending the others.

A row is written when a person signs in and touched at most once a minute while they work (not on
every request); rows whose session has ended are dropped when the list is read.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from importlib import import_module

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import UserSession
from danvan.accounts.rules import device_label
from danvan.core.audit import audit_record
from danvan.core.ratelimit import client_ip

TOUCH_EVERY = timedelta(minutes=1)
SEEN_KEY = "_danvan_seen"


def _store(session_key: str | None = None):
    return import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key)


@dataclass(frozen=True)
class OpenSession:
    pk: int
    device: str
    ip: str
    created_at: datetime
    last_seen: datetime
    current: bool


def session_record(request, user=None, *, at_login: bool = False) -> None:
    """Remember (or refresh) the request's session for its signed-in user. Called by the middleware and
    at log-in; writes at most once a minute per session."""
    user = user or getattr(request, "user", None)
    key = request.session.session_key
    if user is None or not user.is_authenticated or not key:
        return
    now = timezone.now()
    # The session itself remembers when it was last written here, so most requests cost no query.
    seen = request.session.get(SEEN_KEY)
    if seen and seen[0] == key and 0 <= now.timestamp() - seen[1] < TOUCH_EVERY.total_seconds():
        return
    ip = _valid_ip(client_ip(request))
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    if agent or not at_login:  # a log-in that did not name its browser: the next request fills it in
        request.session[SEEN_KEY] = [key, now.timestamp()]
    row = UserSession.objects.filter(session_key=key).only("pk", "user_id", "last_seen", "user_agent").first()
    if row is not None and row.user_id == user.pk:
        if not row.user_agent and agent:  # signed in by a request that did not say (e.g. a script)
            UserSession.objects.filter(pk=row.pk).update(last_seen=now, user_agent=agent, ip=ip)
        elif now - row.last_seen >= TOUCH_EVERY:
            UserSession.objects.filter(pk=row.pk).update(last_seen=now)
        return
    UserSession.objects.update_or_create(
        session_key=key, defaults={"user": user, "user_agent": agent, "ip": ip, "last_seen": now}
    )


def _valid_ip(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def session_forget(session_key: str | None) -> None:
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def sessions_of(user, *, current_key: str | None) -> list[OpenSession]:
    """This person's open sessions, the current one first, then the most recently used."""
    store = _store()
    rows = list(UserSession.objects.filter(user=user).order_by("-last_seen"))
    gone = [row.pk for row in rows if not store.exists(row.session_key)]
    if gone:
        UserSession.objects.filter(pk__in=gone).delete()
    out = [
        OpenSession(
            pk=row.pk,
            device=device_label(row.user_agent),
            ip=row.ip or "không rõ",
            created_at=row.created_at,
            last_seen=row.last_seen,
            current=row.session_key == current_key,
        )
        for row in rows
        if row.pk not in gone
    ]
    return sorted(out, key=lambda s: not s.current)


def _end_sessions(user, *, keep: str | None = None) -> int:
    """End every session of the user but `keep`: from Django's store and from the list."""
    rows = UserSession.objects.filter(user=user)
    if keep:
        rows = rows.exclude(session_key=keep)
    ended = 0
    for key in rows.values_list("session_key", flat=True):
        store = _store(key)
        if store.exists(key):
            store.delete(key)
            ended += 1
    rows.delete()
    return ended


def sessions_end_others(user, *, current_key: str | None, reason: str = "user") -> int:
    """Đăng xuất các phiên khác: every other browser signed in as this person is signed out at once.
    Returns how many were ended."""
    with transaction.atomic():
        ended = _end_sessions(user, keep=current_key)
        audit_record(
            actor=user,
            action="accounts.sessions_end_others",
            obj=user,
            after={"ended": ended, "reason": reason},
        )
    return ended
