"""The public portal's page cache: an anonymous visitor's GET of a public page is answered from a shared
cache, invalidated by every audited write of the commune and never older than a few seconds.

How it stays right:
- **Who**: only a request with no session cookie (and no flash-message cookie, no htmx header) is read
  from or written to the cache. Staff always carry a session cookie, so a signed-in person never gets a
  page cached for an anonymous visitor, and never writes one.
- **What**: only views marked with `public_page(...)`, answering 200 with no cookie of their own and
  without touching a session. A page holding a form is stored with a placeholder where the CSRF token
  goes; each hit puts the visitor's own token there (so the CSRF cookie is set only on pages with a form).
- **Invalidation**: each page's key carries version numbers: the site's, its commune's, and the
  commune's version for each app the page reads (`petitions`, `announcements`…). `audit_record`, which
  every state-changing service calls in its transaction, bumps the versions its change touches, at once
  and again on commit (a page re-rendered between the two would otherwise keep the old rows).
- **Time bound**: every entry expires after `DANVAN_PUBLIC_CACHE_SECONDS` (a few seconds): what changes
  without a service (the date, a scheduled post's time, a bulk load) is never staler than that.

The cache is the `pages` alias of CACHES (its own, so page entries never push the public form's rate-limit
counters out of the default cache); Redis in production, a file cache by default.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve

CACHE_ALIAS = "pages"
HIT_HEADER = "X-Danvan-Cache"
# Where a stored page's CSRF token was. Autoescaping turns "<" in any user text into "&lt;", so only our
# own code can put this string into a page.
CSRF_PLACEHOLDER = b"<!--danvan:csrf-->"
_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
# Headers the outer middleware (security, session, CSRF) sets again on each response: not stored.
_NOT_STORED = {"set-cookie", "vary", "content-length", HIT_HEADER.lower()}
SITE = "site"


def public_page(*apps: str):
    """Mark a public view as cacheable for anonymous visitors. `apps`: the apps whose rows the page shows
    (besides the commune itself); a write audited in one of them, in the page's commune, invalidates it.
    Put it outermost, above `never_cache` and the like (the middleware reads it from the resolved view)."""

    def mark(view):
        view.public_cache_apps = tuple(apps)
        return view

    return mark


def ttl() -> int:
    return int(getattr(settings, "DANVAN_PUBLIC_CACHE_SECONDS", 5))


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


def keys_touched(*, commune, obj) -> list[str]:
    """The version keys a write changes. Without a commune (a national change such as a holiday, an
    account) or on a commune's own row (the home page lists communes): the whole site."""
    slug = getattr(commune, "slug", None) if commune is not None else None
    app = obj._meta.app_label if obj is not None else None
    if not slug or app == "geo":
        return [f"pcv:{SITE}"]
    if app is None:
        return [f"pcv:c:{slug}"]
    return [f"pcv:c:{slug}:{app}"]


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


def content_changed(*, commune, obj) -> None:
    """Called by `audit_record` inside the writing transaction."""
    if ttl() <= 0:
        return
    keys = keys_touched(commune=commune, obj=obj)
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


# --- serving ------------------------------------------------------------------------------------------


def _anonymous(request) -> bool:
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME not in cookies
        and getattr(settings, "MESSAGE_COOKIE_NAME", "messages") not in cookies
        and "HTTP_HX_REQUEST" not in request.META
    )


def _page_key(request, versions: list) -> str:
    # The language cookie is part of the key so that translated portal pages never mix.
    lang = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    raw = "|".join(
        [
            *(str(v) for v in versions),
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
            lang,
        ]
    )
    return "pcp:" + hashlib.blake2b(raw.encode(), digest_size=20).hexdigest()


def _from_cache(request, stored) -> HttpResponse:
    status, headers, body = stored
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


class PublicPageCacheMiddleware:
    """Serves marked public pages to anonymous visitors from the `pages` cache. Sits right after the CSRF
    middleware: a hit skips authentication, the second factor, messages and the rest, while the security
    headers still come from the middleware above it and the stored page keeps the inner ones (CSP…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        apps = None
        if request.method == "GET" and ttl() > 0 and _anonymous(request):
            try:
                match = resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                match = None
            apps = getattr(match.func, "public_cache_apps", None) if match else None
        if apps is None:
            return self.get_response(request)
        cache = _cache()
        vkeys = version_keys(match.kwargs.get("slug"), apps)
        found = cache.get_many(vkeys)
        key = _page_key(request, [found.get(k, 0) for k in vkeys])
        stored = cache.get(key)
        if stored is not None:
            return _from_cache(request, stored)
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and not session.modified and not session.session_key:
            # With no session cookie the session is empty and cannot shape the page: the base
            # template's "who is signed in" read must not add `Vary: Cookie` to a public page.
            session.accessed = False
        entry = _storable(request, response)
        if entry is not None:
            cache.set(key, entry, timeout=ttl())
            response[HIT_HEADER] = "miss"
        return response
