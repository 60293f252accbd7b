"""The public forms' per-client limit: counted per form, per address, across requests."""

import pytest
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from danvan.core.ratelimit import client_ip, take_slot


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


def _request(ip="10.0.0.7", forwarded=None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/", **extra)


def test_the_limit_allows_exactly_limit_uses_then_refuses():
    request = _request()
    assert [take_slot(request, scope="a", limit=3, window_seconds=60) for _ in range(4)] == [
        True,
        True,
        True,
        False,
    ]


def test_each_form_and_each_address_has_its_own_budget():
    one, other = _request("10.0.0.1"), _request("10.0.0.2")
    assert take_slot(one, scope="petitions", limit=1, window_seconds=60)
    assert not take_slot(one, scope="petitions", limit=1, window_seconds=60)
    # A resident who sent a petition can still ask a question at a dialogue.
    assert take_slot(one, scope="questions", limit=1, window_seconds=60)
    assert take_slot(other, scope="petitions", limit=1, window_seconds=60)


def test_forwarded_address_is_used_only_behind_a_trusted_proxy():
    request = _request("127.0.0.1", forwarded="1.2.3.4, 203.0.113.9")
    assert client_ip(request) == "127.0.0.1"
    with override_settings(DANVAN_TRUST_X_FORWARDED_FOR=True):
        # The last address is the one the proxy appended; earlier ones are the client's own word.
        assert client_ip(request) == "203.0.113.9"


def _concurrent_slots(n: int, limit: int) -> list[bool]:
    """`n` threads ask for a slot at the same moment (a barrier releases them together)."""
    import threading

    barrier = threading.Barrier(n)
    results: list[bool] = []
    lock = threading.Lock()

    def one():
        request = _request("10.9.9.9")
        barrier.wait()
        got = take_slot(request, scope="race", limit=limit, window_seconds=60)
        with lock:
            results.append(got)

    threads = [threading.Thread(target=one) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_twenty_posts_at_once_let_exactly_five_through_on_the_deployed_file_cache(tmp_path):
    """The deployed cache (settings: a file cache) counts atomically: a burst cannot squeeze extra
    submissions through between reading and writing the count."""
    from django.core.cache import caches

    file_cache = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(tmp_path)}
    with override_settings(CACHES={"default": file_cache}):
        for _ in range(3):  # a race shows up in one burst or another
            caches["default"].clear()
            assert sorted(_concurrent_slots(20, limit=5)).count(True) == 5


def test_twenty_posts_at_once_let_exactly_five_through_on_the_memory_cache():
    assert _concurrent_slots(20, limit=5).count(True) == 5


def test_the_forwarded_address_counts_only_when_nginx_sends_it():
    # Several nodes behind nginx: a client that reaches a gunicorn node directly cannot choose the address
    # it is counted under by writing its own X-Forwarded-For.
    from_nginx = _request("10.0.0.5", forwarded="203.0.113.9")
    direct = _request("198.51.100.20", forwarded="203.0.113.9")
    with override_settings(
        DANVAN_TRUST_X_FORWARDED_FOR=True, DANVAN_TRUSTED_PROXIES=["10.0.0.5", "10.0.1.0/24"]
    ):
        assert client_ip(from_nginx) == "203.0.113.9"
        assert client_ip(_request("10.0.1.17", forwarded="203.0.113.10")) == "203.0.113.10"
        assert client_ip(direct) == "198.51.100.20"
        assert client_ip(_request("", forwarded="203.0.113.9")) == "unknown"


def test_log_in_attempts_are_recorded_under_the_address_nginx_saw():
    from danvan.core.ratelimit import login_ip

    with override_settings(DANVAN_TRUST_X_FORWARDED_FOR=True, DANVAN_TRUSTED_PROXIES=["127.0.0.1"]):
        assert login_ip(_request("127.0.0.1", forwarded="203.0.113.9")) == "203.0.113.9"
        assert login_ip(_request("127.0.0.1", forwarded="not-an-address")) is None
