"""Request rate limits: per API key, per logged-in user, per client address, and per Open311 poster.

Rates are read from REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] on each request (DRF's own classes read
them once at import), so a deployment or a test can change them with the settings.

The client address is the one the public forms' rate limits see (`core.ratelimit.client_ip`:
X-Forwarded-For only when DANVAN_TRUST_X_FORWARDED_FOR is on and the peer is one of
DANVAN_TRUSTED_PROXIES), never DRF's own `NUM_PROXIES` reading, which trusts the header from any peer:
behind nginx one client is one address for every limit, and a client reaching a node directly cannot
escape a throttle by writing its own X-Forwarded-For."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from danvan.api.models import ApiKey
from danvan.core.ratelimit import client_ip


class _SettingsRate(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        return client_ip(request)


class ApiKeyThrottle(_SettingsRate):
    scope = "api_key"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
        return None


class SessionUserThrottle(_SettingsRate):
    scope = "user"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated and not isinstance(request.auth, ApiKey):
            return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
        return None


class AnonymousThrottle(_SettingsRate):
    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class Open311PostThrottle(_SettingsRate):
    """Posting requests: per client key (a city app relays many citizens, so its own budget)."""

    scope = "open311_post"

    def get_cache_key(self, request, view):
        if request.method != "POST":
            return None
        key = getattr(request, "open311_key", None)
        ident = f"key-{key.pk}" if key is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}
