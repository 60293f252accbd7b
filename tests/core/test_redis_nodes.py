"""Several gunicorn nodes sharing one Redis: a rate limit used up on one node holds on the other, a
session opened on one node is read by the other, and the count stays exact under concurrency.

"The other node" is a separate Python process with the deployment's settings from the environment
(tests/core/nodes.py); against the real local Redis (skipped with the reason when it is not running).
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.test import RequestFactory

from danvan.core.ratelimit import take_slot
from danvan.petitions.models import Petition
from danvan.petitions.views.common import SUBMIT_LIMIT, SUBMIT_WINDOW_SECONDS
from tests.core.nodes import REDIS_URL, other_node, redis_or_skip, redis_settings

pytestmark = pytest.mark.django_db


def _node_env(prefix: str) -> dict[str, str]:
    return {"DANVAN_REDIS_CACHE_URL": REDIS_URL, "DANVAN_CACHE_KEY_PREFIX": prefix}


def _form(token: str) -> dict:
    return {
        "content": "Đèn đường thôn 1 hỏng hai tuần nay, tối đi lại nguy hiểm.",
        "kind_hint": "feedback",
        "village": "",
        "address": "Đầu cầu thôn 1",
        "client_token": f"tok-{token}",
    }


def test_a_rate_limit_used_up_on_one_node_holds_on_the_other(client, commune, people):
    with redis_settings() as prefix:
        # Given a resident at 203.0.113.7 who sent SUBMIT_LIMIT petitions through node B
        used = other_node(
            "from django.test import RequestFactory\n"
            "from danvan.core.ratelimit import take_slot\n"
            "r = RequestFactory().post('/', REMOTE_ADDR='203.0.113.7')\n"
            f"print(json.dumps([take_slot(r, scope='petitions:submit', limit={SUBMIT_LIMIT}, "
            f"window_seconds={SUBMIT_WINDOW_SECONDS}) for _ in range({SUBMIT_LIMIT})]))",
            env=_node_env(prefix),
        )
        assert used == [True] * SUBMIT_LIMIT
        # When they send one more through node A (this process)
        refused = client.post(f"/xa/{commune.slug}/phan-anh/", _form("a"), REMOTE_ADDR="203.0.113.7")
        # Then it is refused, and a neighbour's address still has its whole budget
        assert refused.status_code == 429
        assert f"{SUBMIT_LIMIT}" in refused.content.decode()
        sent = client.post(f"/xa/{commune.slug}/phan-anh/", _form("b"), REMOTE_ADDR="203.0.113.8")
        assert sent.status_code == 200
        assert Petition.objects.filter(client_token="tok-b").exists()
        assert not Petition.objects.filter(client_token="tok-a").exists()


def test_a_session_opened_on_one_node_is_read_by_the_other(client, commune, people):
    with redis_settings() as prefix:
        # Given the coordinator signed in (password and second factor) through node A
        client.force_login(people.coordinator)
        assert client.get(f"/lam-viec/{commune.code}/").status_code == 200
        key = client.cookies["sessionid"].value
        # When node B, which shares only Redis with node A, reads the session from its cookie
        seen = other_node(
            "from importlib import import_module\n"
            "from django.conf import settings\n"
            f"s = import_module(settings.SESSION_ENGINE).SessionStore(session_key={key!r})\n"
            "print(json.dumps({'engine': settings.SESSION_ENGINE, 'user': s.get('_auth_user_id'),"
            " 'second_factor': s.get('otp_device_id')}))",
            env=_node_env(prefix),
        )
    # Then it finds the same person, with the second factor given
    assert seen["engine"] == "django.contrib.sessions.backends.cached_db"
    assert seen["user"] == str(people.coordinator.pk)
    assert seen["second_factor"]


def test_of_many_requests_at_once_on_separate_connections_exactly_the_limit_pass():
    redis_or_skip()
    with redis_settings():
        # Each thread has its own cache object and Redis connection, like separate workers and nodes.
        request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.4")
        results: list[bool] = []
        gate = threading.Barrier(20)

        def one():
            gate.wait()
            results.append(take_slot(request, scope="race", limit=5, window_seconds=60))

        threads = [threading.Thread(target=one) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(results).count(True) == 5 and len(results) == 20


def test_the_counter_always_carries_its_expiry():
    client = redis_or_skip()
    with redis_settings() as prefix:
        request = RequestFactory().post("/", REMOTE_ADDR="198.51.100.9")
        assert take_slot(request, scope="ttl", limit=2, window_seconds=90)
        keys = list(client.scan_iter(f"{prefix}:*ratelimit:ttl:198.51.100.9"))
        assert len(keys) == 1
        # Created with its expiry in the same step as the first count: never a counter that outlives
        # its window (which would lock an address out for good).
        assert 0 < client.ttl(keys[0]) <= 90
        assert int(client.get(keys[0])) == 1


def test_two_deployments_on_one_redis_never_serve_each_others_pages():
    client = redis_or_skip()
    ours, theirs = (f"danvan-test-{uuid.uuid4().hex[:12]}" for _ in range(2))
    page = "from django.core.cache import caches\npages = caches['pages']\n"
    try:
        # Given one deployment that keeps a commune's home page in its page cache
        stored = other_node(
            page + "pages.set('trang:/xa/ta-dung/', 'Trang của xã Tà Dung', 60)\nprint(json.dumps(True))",
            env=_node_env(ours),
        )
        assert stored is True
        # When another deployment sharing the Redis, with its own DANVAN_CACHE_KEY_PREFIX, looks it up
        read = page + "print(json.dumps(pages.get('trang:/xa/ta-dung/')))"
        # Then it finds nothing, while every node of the first deployment finds the page
        assert other_node(read, env=_node_env(theirs)) is None
        assert other_node(read, env=_node_env(ours)) == "Trang của xã Tà Dung"
        # And the entry sits under the deployment's prefix, apart from its rate limits and sessions
        assert [key.decode() for key in client.scan_iter(f"{ours}:*")] == [
            f"{ours}:pages:1:trang:/xa/ta-dung/"
        ]
    finally:
        for prefix in (ours, theirs):
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)
