"""The project's Redis cache backend (core/rediscache.py), which keeps one Redis client per pool: on the
real local Redis (skipped with the reason when it is not running), what a web process's threads write
and read through one backend stays each thread's own, as with Django's backend."""

from __future__ import annotations

import threading
import uuid

from danvan.core.rediscache import RedisCache
from tests.core.nodes import REDIS_URL, redis_or_skip


def test_threads_sharing_one_backend_each_read_what_they_wrote():
    client = redis_or_skip()
    prefix = f"danvan-test-{uuid.uuid4().hex[:12]}"
    cache = RedisCache(REDIS_URL, {"KEY_PREFIX": prefix})
    wrong: list[str] = []

    def work(n: int) -> None:
        for i in range(200):
            cache.set(f"t{n}:{i}", (n, i, b"x" * (i % 7)), timeout=60)
            if cache.get(f"t{n}:{i}") != (n, i, b"x" * (i % 7)):
                wrong.append(f"get t{n}:{i}")
            if cache.add(f"t{n}:{i}", "other", timeout=60):
                wrong.append(f"add over t{n}:{i}")
        found = cache.get_many([f"t{n}:{i}" for i in range(200)] + [f"t{n}:absent"])
        if len(found) != 200 or f"t{n}:absent" in found:
            wrong.append(f"get_many t{n}")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert wrong == []
        cache.delete("t0:0")
        assert cache.get("t0:0") is None
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
