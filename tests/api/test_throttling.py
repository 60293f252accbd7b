"""The API's per-address throttle behind nginx: it counts the address the public forms' rate limits see
(`core.ratelimit.client_ip`), so a citizen is one address for every limit, nginx's own address never
stands for everyone, and a client reaching a node directly cannot pick its address with X-Forwarded-For.
"""

from __future__ import annotations

import pytest

from danvan.core.ratelimit import client_ip
from tests.api.test_open311 import ROOT
from tests.petitions.conftest import submit

pytestmark = pytest.mark.django_db

NGINX = "10.0.0.10"
DIRECT = "198.51.100.20"  # a client that reaches the gunicorn node without going through nginx


@pytest.fixture
def behind_nginx(settings):
    """A node behind nginx at 10.0.0.10, and two anonymous API requests a minute per address."""
    settings.DANVAN_TRUST_X_FORWARDED_FOR = True
    settings.DANVAN_TRUSTED_PROXIES = [NGINX]
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "2/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture
def tracking_url(commune) -> str:
    return f"/api/v1/tracking/{submit(commune, 'feedback').tracking_code}/"


def test_behind_nginx_each_citizen_has_a_budget_of_their_own(client, behind_nginx, tracking_url):
    def get(forwarded: str) -> int:
        return client.get(tracking_url, REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR=forwarded).status_code

    # Given a citizen who looks their case up through nginx until the throttle answers
    assert [get("203.0.113.7") for _ in range(3)] == [200, 200, 429]
    # Then a neighbour behind the same nginx is not throttled by nginx's address
    assert get("203.0.113.8") == 200
    # And the first citizen cannot start afresh by putting another address first: nginx appends the
    # address it saw last, and that is the one counted
    assert get("192.0.2.99, 203.0.113.7") == 429


def test_a_forged_header_from_a_peer_other_than_nginx_is_ignored(client, commune, behind_nginx, tracking_url):
    # Given a client that reaches the node directly and writes a new X-Forwarded-For on every request
    statuses = [
        client.get(tracking_url, REMOTE_ADDR=DIRECT, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
        for i in range(3)
    ]
    # Then it is counted under its own address and throttled like anyone else
    assert statuses == [200, 200, 429]
    # On the Open311 reading endpoints too, with the same budget: the address is the same
    services = client.get(
        f"{ROOT}/services.json",
        {"jurisdiction_id": commune.slug},
        REMOTE_ADDR=DIRECT,
        HTTP_X_FORWARDED_FOR="203.0.113.50",
    )
    assert services.status_code == 429
    assert "quá nhiều yêu cầu" in services.json()[0]["description"]


def test_the_throttle_and_the_forms_see_one_address(rf, client, behind_nginx, tracking_url, settings):
    # Given nginx forwarding a citizen's request, and the same request from an untrusted peer
    through_nginx = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    direct = {"REMOTE_ADDR": DIRECT, "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    # Then the forms' rate limit counts the citizen and the peer respectively...
    assert client_ip(rf.get("/", **through_nginx)) == "203.0.113.7"
    assert client_ip(rf.get("/", **direct)) == DIRECT
    # ...and the API's budget is shared between them only where the forms' address is the same
    assert [client.get(tracking_url, **through_nginx).status_code for _ in range(2)] == [200, 200]
    assert client.get(tracking_url, **direct).status_code == 200
    assert client.get(tracking_url, **through_nginx).status_code == 429
    # Without DANVAN_TRUST_X_FORWARDED_FOR the header is ignored altogether: nginx's address counts
    settings.DANVAN_TRUST_X_FORWARDED_FOR = False
    assert client_ip(rf.get("/", **through_nginx)) == NGINX
    assert client.get(tracking_url, **through_nginx).status_code == 200
