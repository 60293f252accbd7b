"""The Redis cache as deployed (core/rediscache.py): one client per connection pool, reused by every call
of a thread, and still every behaviour the rate limits, the page cache and the calendar rely on. Against
the local Redis (skipped with the reason when it is not running)."""

from __future__ import annotations

import threading

from django.core.cache import caches
from django.test import RequestFactory

from danvan.core.ratelimit import take_slot
from tests.core.nodes import redis_settings


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
