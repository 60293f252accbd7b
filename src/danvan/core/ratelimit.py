"""Per-client limits for the public forms (petitions, dialogue questions, comments, online votes).

Counts live in the shared cache (a file cache, or Redis in a large deployment), so every gunicorn
worker, and with Redis every node behind nginx, sees the same count. Each form has its own scope: a
resident who sent a petition can still ask a question at a dialogue.
"""

from __future__ import annotations

import fcntl
import ipaddress
import os
from contextlib import contextmanager
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _from_trusted_proxy(remote: str) -> bool:
    """Whether the peer may speak for the client: any peer when DANVAN_TRUSTED_PROXIES is empty, else
    only those addresses (nginx's), so a client reaching a gunicorn node directly cannot pick the
    address it is counted under."""
    proxies = tuple(getattr(settings, "DANVAN_TRUSTED_PROXIES", ()) or ())
    if not proxies:
        return True
    try:
        peer = ipaddress.ip_address(remote)
    except ValueError:
        return False
    return any(peer in network for network in _networks(proxies))


def client_ip(request) -> str:
    """The address a request came from. Behind a reverse proxy set DANVAN_TRUST_X_FORWARDED_FOR=True:
    the last address the proxy appended is then used (earlier ones are the client's own word), when the
    request comes from a proxy listed in DANVAN_TRUSTED_PROXIES (or from anywhere if none is listed)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    if getattr(settings, "DANVAN_TRUST_X_FORWARDED_FOR", False) and _from_trusted_proxy(remote):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()[:64]
    return (remote or "unknown")[:64]


def login_ip(request) -> str | None:
    """The address django-axes records with a log-in attempt (AXES_CLIENT_IP_CALLABLE): the same as the
    rate limits see behind nginx, None when it is not an address (axes stores it in an inet column)."""
    address = client_ip(request)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


@contextmanager
def _counting():
    """Hold the count still while it is read and written. Redis and the in-memory cache increment
    atomically; Django's file cache reads then rewrites the file, so 20 posts at once all read the
    same count and all pass: an exclusive lock on a file in the cache folder (across threads and
    gunicorn workers, which share the folder) makes the read-and-write one step."""
    folder = getattr(cache, "_dir", None)  # set by FileBasedCache only
    if folder is None:
        yield
        return
    os.makedirs(folder, exist_ok=True)
    fd = os.open(os.path.join(folder, "ratelimit.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _redis_count(key: str, window_seconds: int) -> int | None:
    """On Redis (several nodes share it): create the counter with its expiry and increment it in one
    MULTI/EXEC. Django's `add` then `incr` has a gap: a key expiring between the two would be recreated
    by INCR without an expiry, and that address would stay limited for ever. None on another cache."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache):
        return None
    full_key = backend.make_and_validate_key(key)
    pipe = backend._cache.get_client(full_key, write=True).pipeline(transaction=True)
    pipe.set(full_key, 0, ex=window_seconds, nx=True)
    pipe.incr(full_key)
    return int(pipe.execute()[1])


def take_slot(request, *, scope: str, limit: int, window_seconds: int) -> bool:
    """Count one use of `scope` by this client; False once the window's limit is passed.
    Atomic: of any number of requests at once, exactly `limit` get a slot."""
    key = f"ratelimit:{scope}:{client_ip(request)}"
    count = _redis_count(key, window_seconds)
    if count is not None:
        return count <= limit
    with _counting():
        cache.add(key, 0, window_seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window_seconds)
            count = 1
    return count <= limit
