"""Django's Redis cache, keeping one Redis client per connection pool instead of making one per command.

Django's `RedisCacheClient.get_client` builds a new `redis.Redis` on every cache call; with redis-py 8
that is about 110 µs of CPU each time (the client fills its table of ~170 response callbacks), as much as
the round trip itself, and a page-cache hit is mostly cache calls (docs/BENCHMARKS.md, issue 21). A
`redis.Redis` holds no connection of its own (each command takes one from the pool and gives it back) and
is safe to share between threads, so keeping it changes nothing else: same pools, same options, same
serializer, same keys.
"""

from __future__ import annotations

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _KeptClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # Two threads may both build one the first time: either is right, the last one is kept.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _KeptClient
