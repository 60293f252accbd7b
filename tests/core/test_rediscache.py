"""The project's Redis cache backend (core/rediscache.py), which keeps one Redis client per pool: on the
real local Redis (skipped with the reason when it is not running), what a web process's threads write
and read through one backend stays each thread's own, as with Django's backend."""

from __future__ import annotations

import threading
import uuid

from django.core.cache import caches
from django.test import RequestFactory

from danvan.core.ratelimit import take_slot
from danvan.core.rediscache import RedisCache
from tests.core.nodes import REDIS_URL, redis_or_skip, redis_settings


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


def test_one_client_serves_every_call_of_a_thread():
    with redis_settings():
        cache = caches["default"]
        first = cache._cache.get_client(write=True)
        cache.set("a", {"x": 1}, 30)
        cache.add("a", "not this", 30)
        assert cache.get("a") == {"x": 1}
        assert cache.get_many(["a", "missing"]) == {"a": {"x": 1}}
        cache.set("n", 1, 30)
        assert cache.incr("n") == 2
        cache.delete("a")
        assert cache.get("a") is None
        assert cache._cache.get_client() is first is cache._cache.get_client(write=True)


def test_each_thread_has_its_own_client_and_sees_the_same_data():
    with redis_settings():
        caches["default"].set("shared", "giá trị", 30)
        seen = {}

        def other_thread():
            cache = caches["default"]
            seen["value"] = cache.get("shared")
            seen["client"] = cache._cache.get_client()
            cache.close()

        thread = threading.Thread(target=other_thread)
        thread.start()
        thread.join()
        assert seen["value"] == "giá trị"
        assert seen["client"] is not caches["default"]._cache.get_client()


def test_the_rate_limit_still_counts_atomically_on_it():
    with redis_settings():
        request = RequestFactory().post("/", REMOTE_ADDR="10.9.9.9")
        answers = [take_slot(request, scope="test", limit=3, window_seconds=60) for _ in range(5)]
        assert answers == [True, True, True, False, False]
