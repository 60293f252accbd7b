"""The public portal's page cache: an anonymous visitor's GET of a public page is answered from a shared
cache, invalidated by every audited write of the commune, and right by design rather than by a short life.

Why not a short lifetime: at national scale (3,321 communes, 10,000s of tracking codes, ~500 req/s) each
commune's page is asked for far less than once per few seconds, so a 5-second entry is almost always a miss
(docs/BENCHMARKS.md, issue 21). Entries therefore live minutes, and each way a public page can change is
handled where it happens:

- **Who**: only a request with no session cookie (and no flash-message cookie, no htmx header) is read
  from or written to the cache. Staff always carry a session cookie, so a signed-in person never gets a
  page cached for an anonymous visitor, and never writes one.
- **What**: only views marked with `public_page(...)`, answering 200 with no cookie of their own and
  without touching a session. A page holding a form is stored with a placeholder where the CSRF token
  goes; each hit puts the visitor's own token there (so the CSRF cookie is set only on pages with a form).
- **Writes**: each stored page carries the version numbers it was rendered under: the site's, its
  commune's, and the commune's version for each app the page reads (`petitions`, `announcements`…), and
  is served only while they are all still current (read with the page itself, in one round trip).
  `audit_record`, which every state-changing service calls in its transaction, bumps the versions its
  change touches, at once and again on commit (a page re-rendered between the two would otherwise keep
  the old rows). What writes without a service bumps the whole site explicitly (`invalidate_all`):
  migrations (`post_migrate`, so every deploy and data migration), the Django admin (each change it logs,
  and its "delete selected" action, whose log Django writes with `bulk_create` and no signal: core/apps.py
  wraps the action), `tallies_rebuild` (`rebuild_aggregates`), `restore`. A version missing from the
  cache (evicted, culled, a new Redis) is created afresh, never read as "0", so an entry stored before
  the eviction can never match it again.
- **The day**: the key carries today's date (Asia/Ho_Chi_Minh): what a page says relative to today
  (past a deadline, this year's figures) is rendered again the first time it is asked for each day.
- **Scheduled content**: a view whose page shows something that appears or goes at a set time (a post's
  publish or expiry time) calls `expires_at(request, when)`; its entry lives no longer than that instant.
- **Last safety net**: every entry expires after `DANVAN_PUBLIC_CACHE_SECONDS` (default 300; 0 turns the
  cache off), less up to a tenth at random so that pages stored together do not all expire together
  (the cheap part of avoiding a dogpile; a lock would cost every miss a round-trip, and no single public
  page is popular enough at national scale to need one).
- **One render per miss (dogpile)**: after `invalidate_all` (every deploy, admin change, restore) the
  site's home page is missing while many visitors ask for it. On a miss, one `cache.add` of a short-lived
  lock for that page under the versions now current: its winner renders and stores; the others poll for
  an entry rendered under those versions a few times (about 1.5 s at most) and render it themselves if it
  does not come, so a renderer that crashed or hangs never blocks a page. A renderer whose page cannot be
  stored (an error, a 404, a cookie) removes the lock at once so nobody waits for it; one that stores
  leaves it to expire. Cost: one round trip per stored miss (two for a page that cannot be stored),
  nothing per hit. Exact on Redis and the in-process cache; on Django's file cache, whose `add` looks and
  then writes, two visitors can both win, so there it only makes concurrent renders rarer.

The cache is the `pages` alias of CACHES (its own, so page entries never push the public form's rate-limit
counters out of the default cache); Redis in production, a file cache by default.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import math
import random
import re
import time
import uuid
from datetime import datetime

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connection, transaction
from django.dispatch import receiver
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone

CACHE_ALIAS = "pages"
HIT_HEADER = "X-Danvan-Cache"
# Where a stored page's CSRF token was. Autoescaping turns "<" in any user text into "&lt;", so only our
# own code can put this string into a page.
CSRF_PLACEHOLDER = b"<!--danvan:csrf-->"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
# Headers the outer middleware (security, session, CSRF) sets again on each response: not stored.
_NOT_STORED = {"set-cookie", "vary", "content-length", HIT_HEADER.lower()}
SITE = "site"
# The dogpile guard: how long a renderer holds a missing page's lock (past it, a renderer that hangs
# lets the next visitor take over), and the waits of the visitors who did not win it (~1.5 s in all).
LOCK_SECONDS = 5
WAITS = (0.05, 0.1, 0.2, 0.4, 0.75)


def public_page(*apps: str):
    """Mark a public view as cacheable for anonymous visitors. `apps`: the apps whose rows the page shows
    (besides the commune itself); a write audited in one of them, in the page's commune, invalidates it.
    Put it outermost, above `never_cache` and the like (the middleware reads it from the resolved view)."""

    def mark(view):
        view.public_cache_apps = tuple(apps)
        return view

    return mark


def ttl() -> int:
    return int(getattr(settings, "DANVAN_PUBLIC_CACHE_SECONDS", 300))


def expires_at(request, when: datetime | None) -> None:
    """Called by a public view whose page changes by itself at `when` (a scheduled post appears, a post
    expires): the stored page lives no longer than that. None: nothing scheduled."""
    if when is None:
        return
    earlier = getattr(request, "_public_cache_until", None)
    request._public_cache_until = when if earlier is None else min(earlier, when)


def _lifetime(request) -> int:
    seconds = ttl()
    seconds -= random.randint(0, seconds // 10)  # noqa: S311 - spreading expiries, not a secret
    until = getattr(request, "_public_cache_until", None)
    if until is not None:
        seconds = min(seconds, math.ceil((until - timezone.now()).total_seconds()))
    return seconds


def _cache():
    # Settings that define only the default cache (the load bench's, the tests') share it.
    return caches[CACHE_ALIAS if CACHE_ALIAS in settings.CACHES else "default"]


def version_keys(slug: str | None, apps: tuple[str, ...]) -> list[str]:
    keys = [f"pcv:{SITE}"]
    if slug:
        keys.append(f"pcv:c:{slug}")
        keys += [f"pcv:c:{slug}:{app}" for app in ("geo", *apps)]
    return keys


# --- invalidation -----------------------------------------------------------------------------------


# Audited actions that only add a row no stored page shows yet (a new đơn: its code had no page, a 404 is
# never stored), mapped to a narrower channel that only the pages listing or counting such rows read
# (`public_page("petitions", "petitions.new")`). Apps register theirs in their AppConfig.ready().
_ADDITIONS: dict[str, str] = {}


def register_additions(*actions: str, channel: str) -> None:
    for action in actions:
        _ADDITIONS[action] = channel


def keys_touched(*, commune, obj, action: str = "") -> list[str]:
    """The version keys a write changes. Without a commune (a national change such as a holiday, an
    account) or on a commune's own row (the home page lists communes): the whole site."""
    slug = getattr(commune, "slug", None) if commune is not None else None
    app = obj._meta.app_label if obj is not None else None
    if not slug or app == "geo":
        return [f"pcv:{SITE}"]
    if app is None:
        return [f"pcv:c:{slug}"]
    if action in _ADDITIONS:
        return [f"pcv:c:{slug}:{_ADDITIONS[action]}"]
    return [f"pcv:c:{slug}:{app}"]


def invalidate_all() -> None:
    """Every public page of the site, at once: for writes that do not pass through `audit_record` (a
    migration, the Django admin, a rebuild of the tallies, a restore, a bulk load). A cache outage is not
    an error here: the entries expire anyway."""
    if ttl() > 0:
        with contextlib.suppress(Exception):
            bump([f"pcv:{SITE}"])


def bump(keys: list[str]) -> None:
    """New, never-repeated versions: a page stored under an old one is never read again."""
    if keys:
        fresh = uuid.uuid4().hex[:16]
        _cache().set_many(dict.fromkeys(keys, fresh), timeout=None)


class _BumpOnCommit:
    """One per transaction: the keys its writes touched, bumped once when it commits."""

    def __init__(self) -> None:
        self.keys: set[str] = set()

    def __call__(self) -> None:
        bump(sorted(self.keys))


def content_changed(*, commune, obj, action: str = "") -> None:
    """Called by `audit_record` inside the writing transaction."""
    if ttl() <= 0:
        return
    keys = keys_touched(commune=commune, obj=obj, action=action)
    pending = next(
        (f for _sids, f, _robust in connection.run_on_commit if isinstance(f, _BumpOnCommit)), None
    )
    if pending is None:
        pending = _BumpOnCommit()
        transaction.on_commit(pending, robust=True)  # a cache outage never undoes a committed write
    pending.keys.update(keys)
    # At once too, on every write: what this transaction itself reads next (a test, a service that renders
    # a page) must not be a page from before the write. A cache outage must not fail the write: the
    # commit-time bump tries again and the entries expire anyway.
    with contextlib.suppress(Exception):
        bump(keys)


def _wait_for(cache, key: str, lock: str, versions: tuple[str, ...]):
    """Another request is rendering this page: its entry once stored under `versions`, or None when the
    lock is gone without one (the page could not be stored) or the waits are over (the renderer died or
    hangs). An entry of older versions, still in the cache, is never the answer."""
    for pause in WAITS:
        time.sleep(pause)
        found = cache.get_many([key, lock])
        stored = found.get(key)
        if stored is not None and stored[0] == versions:
            return stored
        if lock not in found:
            return None
    return None


# --- serving ------------------------------------------------------------------------------------------


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_HX_REQUEST" not in request.META
    )


def _versions(cache, vkeys: list[str], found: dict) -> tuple[str, ...]:
    """The current versions, from `found` (what was read with the page); one missing (never set, or
    evicted) is created afresh and never read as a default, so a page stored under a version that was
    later evicted never matches again."""
    missing = [k for k in vkeys if k not in found]
    if missing:
        for k in missing:
            cache.add(k, uuid.uuid4().hex[:16], timeout=None)  # the first thread to add wins
        found = found | cache.get_many(missing)
    return tuple(str(found.get(k, "")) for k in vkeys)


def _page_key(request) -> str:
    # The language cookie is part of the key so that translated portal pages never mix; the day, so that
    # what a page says relative to today is rendered again each day. Not the versions: they are kept in
    # the entry, so the page is read in the same round trip as they are.
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    raw = "|".join(
        [
            timezone.localdate().isoformat(),
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            lang,
        ]
    )
    # "pce:" (not the former "pcp:", whose entries had no versions inside) so that an entry of the former
    # layout is never read as one of this.
    return "pce:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def _from_cache(request, stored) -> HttpResponse:
    _versions_then, status, headers, body = stored
    if CSRF_PLACEHOLDER in body:
        body = body.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(body, status=status)
    for name, value in headers:
        response[name] = value
    response[HIT_HEADER] = "hit"
    return response


def _storable(request, response) -> tuple | None:
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return None
    body = response.content
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        body, forms = _CSRF_INPUT.subn(rb"\1" + CSRF_PLACEHOLDER + rb"\2", body)
        if not forms:
            return None  # the token went somewhere we would not know to replace
    headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
    return (response.status_code, headers, body)


# Every public page of every commune (3,321 communes × 5 cached pages); a longer path is resolved each
# time, so made-up paths cost at most this many short strings per worker and only push out others.
_ROUTES_KEPT = 16_384
_ROUTE_PATH_KEPT = 200


def _public_route(path_info: str, urlconf: str | None) -> tuple[tuple[str, ...], str | None] | None:
    if len(path_info) > _ROUTE_PATH_KEPT:
        return _resolve_public_route(path_info, urlconf)
    return _kept_public_route(path_info, urlconf)


def _resolve_public_route(path_info: str, urlconf: str | None) -> tuple[tuple[str, ...], str | None] | None:
    """(apps, commune slug) of a path served by a `public_page` view, or None. Kept per path (below):
    resolving walks the whole URL map (50 to 130 µs for a commune's pages, as much as the rest of a hit),
    and for one URL map the answer never changes."""
    try:
        match = resolve(path_info, urlconf)
    except Resolver404:
        return None
    apps = getattr(match.func, "public_cache_apps", None)
    return None if apps is None else (apps, match.kwargs.get("slug"))


_kept_public_route = functools.lru_cache(maxsize=_ROUTES_KEPT)(_resolve_public_route)


@receiver(setting_changed)
def _url_map_changed(*, setting, **kwargs):
    # A test that swaps the URL map (Django clears its own resolver caches on the same signal).
    if setting == "ROOT_URLCONF":
        _kept_public_route.cache_clear()


class PublicPageCacheMiddleware:
    """Serves marked public pages to anonymous visitors from the `pages` cache. Sits right after the CSRF
    middleware: a hit skips authentication, the second factor, messages and the rest, while the security
    headers still come from the middleware above it and the stored page keeps the inner ones (CSP…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        route = None
        if request.method == "GET" and ttl() > 0 and _anonymous(request):
            # The URL map resolve() would use: the request's own, else the one the handler set.
            urlconf = getattr(request, "urlconf", None) or get_urlconf()
            route = _public_route(request.path_info, urlconf)
        if route is None:
            return self.get_response(request)
        apps, slug = route
        cache = _cache()
        vkeys = version_keys(slug, apps)
        key = _page_key(request)
        # One round trip for the versions and the page; the page is served only if it was rendered under
        # the versions current now (a write since, or a lost version, makes it a miss).
        found = cache.get_many([*vkeys, key])
        stored = found.pop(key, None)
        versions = _versions(cache, vkeys, found)
        # A version that could not be read even after being created (a cache failing under pressure) is
        # "": neither served nor stored, so two such moments can never match each other.
        known = "" not in versions
        if known and stored is not None and stored[0] == versions:
            return _from_cache(request, stored)
        if not known:
            return self._render(request, cache, key, versions, known)[0]
        # The lock belongs to this page under these versions: a render of older ones never holds it up.
        lock = f"{key}:r:" + hashlib.blake2b("|".join(versions).encode(), digest_size=8).hexdigest()
        rendering = cache.add(lock, 1, timeout=LOCK_SECONDS)
        if not rendering:
            stored = _wait_for(cache, key, lock, versions)
            if stored is not None:
                return _from_cache(request, stored)
        stored = False
        try:
            response, stored = self._render(request, cache, key, versions, known)
        finally:
            if rendering and not stored:
                # Whoever waits for this page would wait for nothing (an error, a 404, a cookie).
                with contextlib.suppress(Exception):
                    cache.delete(lock)
        return response

    def _render(self, request, cache, key, versions, known) -> tuple[HttpResponse, bool]:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.modified and not session.session_key:
            # With no session cookie the session is empty and cannot shape the page: the base
            # template's "who is signed in" read must not add `Vary: Cookie` to a public page.
            session.accessed = False
        entry = _storable(request, response)
        lifetime = _lifetime(request)
        if entry is not None and lifetime > 0 and known:
            # The versions read before rendering: a write during the render has bumped them since, so
            # this entry is never served.
            cache.set(key, (versions, *entry), timeout=lifetime)
            response[HIT_HEADER] = "miss"
            return response, True
        return response, False
