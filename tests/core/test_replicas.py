"""Read replicas for the public portal (core/replicas.py): anonymous GETs of portal pages read from the
`replica` alias; writes, staff pages, a signed-in person, tracking by code and anything inside a
transaction read the primary; a replica that lags too far is not used.

The router's rules are checked everywhere; the pages against a real second connection need PostgreSQL
with DANVAN_REPLICA_URL set (the replica alias then mirrors the test database, `TEST: MIRROR`):
`DATABASE_URL=postgres://…/danvan DANVAN_REPLICA_URL=postgres://…/danvan ./dvs test
tests/core/test_replicas.py` (`.ci/run` does it)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connections, transaction
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import resolve

from danvan.core import replicas
from danvan.core.replicas import ReplicaRouter, is_public_read

HAS_REPLICA = "replica" in settings.DATABASES


def _request(method: str, path: str, *, user=None):
    request = getattr(RequestFactory(), method)(path)
    request.user = user or AnonymousUser()
    request.resolver_match = resolve(path.split("?")[0])
    return request


class _SignedIn:
    is_authenticated = True


@pytest.mark.parametrize(
    ("method", "path", "user", "replica"),
    [
        ("get", "/", None, True),
        ("get", "/xa/ta-dung/", None, True),
        ("head", "/xa/ta-dung/thong-ke/", None, True),
        ("get", "/xa/ta-dung/ket-qua/", None, True),
        # A resident looking up their own case sees its status as it is now.
        ("get", "/xa/ta-dung/tra-cuu/", None, False),
        ("get", "/xa/ta-dung/don-cua-toi/", None, False),
        ("post", "/xa/ta-dung/phan-anh/", None, False),
        ("get", "/xa/ta-dung/", _SignedIn(), False),
        ("get", "/lam-viec/24637/", None, False),
        ("get", "/api/v1/tracking/K7M-Q9P-2XT4/", None, False),
        ("get", "/dang-nhap/", None, False),
    ],
)
def test_which_requests_may_read_the_replica(method, path, user, replica):
    assert is_public_read(_request(method, path, user=user)) is replica


def test_the_router_reads_the_replica_only_for_a_public_page_outside_a_transaction(monkeypatch):
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"
    token = replicas._public_read.set(True)
    try:
        monkeypatch.setattr(connections["default"], "in_atomic_block", False)
        assert router.db_for_read(None) == "replica"
        # A service reading what it is about to change, inside its transaction: the primary.
        monkeypatch.setattr(connections["default"], "in_atomic_block", True)
        assert router.db_for_read(None) == "default"
    finally:
        replicas._public_read.reset(token)
    assert router.db_for_write(None) == "default"
    assert router.allow_migrate("replica", "petitions") is False
    assert router.allow_migrate("default", "petitions") is True


def test_a_replica_too_far_behind_or_silent_is_not_used(monkeypatch, settings):
    settings.DANVAN_REPLICA_MAX_LAG_SECONDS = 2
    for lag, fresh in ((0.0, True), (1.5, True), (30.0, False), (None, False)):
        replicas._lag_seen.clear()
        monkeypatch.setattr(replicas, "replica_lag_seconds", lambda lag=lag: lag)
        assert replicas.replica_fresh() is fresh


# --- pages against a real replica connection (PostgreSQL) ---------------------------------------------

needs_replica = pytest.mark.skipif(
    not HAS_REPLICA,
    reason="không có bản sao 'replica': chạy với DANVAN_REPLICA_URL (trỏ vào chính cơ sở dữ liệu thử, "
    "PostgreSQL)",
)
pages = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


@pytest.fixture
def queries():
    """Run a request and count the SQL it sent to each database."""
    replicas._lag_seen.clear()
    cache.clear()

    def run(call):
        with (
            CaptureQueriesContext(connections["default"]) as primary,
            CaptureQueriesContext(connections["replica"]) as replica,
        ):
            response = call()
        return response, len(primary), len(replica)

    return run


@needs_replica
@pages
def test_the_replica_lag_of_the_test_database_is_nothing():
    assert replicas.replica_lag_seconds() == 0.0


@needs_replica
@pages
@pytest.mark.parametrize("page", ["", "thong-ke/", "ket-qua/"])
def test_anonymous_portal_pages_read_only_the_replica(client, commune, people, queries, page):
    response, primary, replica = queries(lambda: client.get(f"/xa/{commune.slug}/{page}"))
    assert response.status_code == 200
    assert replica > 0 and primary == 0


@needs_replica
@pages
def test_tracking_writes_staff_and_signed_in_people_use_the_primary(client, commune, people, queries):
    from tests.petitions.conftest import submit

    petition = submit(commune, "feedback")
    # Tracking by code: the status as it is now
    response, primary, replica = queries(
        lambda: client.get(f"/xa/{commune.slug}/tra-cuu/?ma={petition.tracking_code}")
    )
    assert response.status_code == 200 and primary > 0 and replica == 0
    # A submission
    form = {"content": "Cầu treo thôn 2 gãy một tấm ván.", "kind_hint": "feedback", "client_token": "tok-r1"}
    response, primary, replica = queries(lambda: client.post(f"/xa/{commune.slug}/phan-anh/", form))
    assert response.status_code == 200 and primary > 0 and replica == 0
    # A signed-in coordinator, on the portal and on a staff page
    client.force_login(people.coordinator)
    for url in (f"/xa/{commune.slug}/", f"/lam-viec/{commune.code}/"):
        response, primary, replica = queries(lambda url=url: client.get(url))
        assert response.status_code == 200 and primary > 0 and replica == 0, url


@needs_replica
@pages
def test_a_lagging_replica_sends_the_portal_back_to_the_primary(
    client, commune, people, queries, monkeypatch
):
    monkeypatch.setattr(replicas, "replica_lag_seconds", lambda: 45.0)
    response, primary, replica = queries(lambda: client.get(f"/xa/{commune.slug}/"))
    assert response.status_code == 200 and primary > 0 and replica == 0


@needs_replica
@pages
def test_inside_a_transaction_reads_go_to_the_primary(commune):
    from danvan.geo.models import Commune

    token = replicas._public_read.set(True)
    try:
        with CaptureQueriesContext(connections["replica"]) as replica:
            assert Commune.objects.filter(pk=commune.pk).exists()
        assert len(replica) == 1
        with transaction.atomic(), CaptureQueriesContext(connections["replica"]) as replica:
            assert Commune.objects.filter(pk=commune.pk).exists()
        assert len(replica) == 0
    finally:
        replicas._public_read.reset(token)
