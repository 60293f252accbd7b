"""Django's Redis cache, with one `redis.Redis` client per connection pool instead of one per operation.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` for every cache call; building one fills
its table of ~170 response callbacks, about as much CPU as the GET itself (0.12 against 0.15 ms measured,
docs/BENCHMARKS.md "issue 21, submit"). A request of the portal makes two to six cache calls (the page
cache's versions and page, the rate limit, the working calendar's version), so that was paid on every page
hit and every submission. A `redis.Redis` over a connection pool is safe to share: it takes a connection
from the pool for each command. Django keeps one backend object per thread, so each thread still has its
own pool and client. Everything else (serialization, keys, timeouts, `isinstance(…, RedisCache)`) is
Django's.
"""

from __future__ import annotations

from django.core.cache.backends import redis as django_redis


class _ReusedClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
