"""Schemathesis over the published OpenAPI schema (/api/v1/schema/): every operation of the REST API
and Open311 gets generated requests, valid and invalid (schemathesis' positive and negative modes),
sent through the real WSGI application with a leader's API key; not one may answer 5xx.

Bounded so CI's `./dvs test` stays quick: a few examples per operation and mode, and a wall-clock
budget (SCHEMATHESIS_SECONDS, 120 s by default) after which the remaining operations are skipped and
named in the output.
"""

from __future__ import annotations

import json
import os
import time
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode

from danvan.petitions.services import petition_submit
from tests.api.conftest import staff_key

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "6"))
BUDGET_SECONDS = float(os.environ.get("SCHEMATHESIS_SECONDS", "120"))
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,  # nothing written into the checkout
    phases=[Phase.explicit, Phase.generate],  # no shrinking: a 5xx is reported with its request
    suppress_health_check=list(HealthCheck),
)


def _runner(strategy, label, params, ids, app, key, server_errors, counter):
    @BOUNDED
    @given(case=strategy, real_id=st.sampled_from([None, *ids]))
    def run(case, real_id):
        if real_id is not None and "id" in params:
            case.path_parameters["id"] = real_id
        cache.clear()  # the throttles count in the cache: every generated request reaches the view
        response = case.call(app=app, headers={"Authorization": f"Api-Key {key}"})
        counter[0] += 1
        if response.status_code >= 500:
            server_errors.append(f"{response.status_code} {label}: {case.as_curl_command()}")

    return run


@contextmanager
def _keeping_the_test_connection():
    """Django's WSGI handler closes old database connections as each request starts and ends; the
    test's transaction lives on that connection (PostgreSQL). Django's own test client does the same."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_generated_request_gets_a_server_error(commune, people):
    cache.clear()
    raw = json.loads(Client().get("/api/v1/schema/", {"format": "json"}).content)
    schema = schemathesis.openapi.from_dict(raw)
    app = get_wsgi_application()
    key = staff_key(people.leader)
    # Real rows, so some requests reach past "not found" into the services.
    ids = [
        petition_submit(commune=commune, content=f"Đèn đường thôn {n} không sáng.", kind_hint="feedback").pk
        for n in (1, 2)
    ]
    server_errors: list[str] = []
    counter = [0]
    skipped: list[str] = []
    started = time.monotonic()

    with _keeping_the_test_connection():
        _run_all(schema, commune, ids, app, key, server_errors, counter, skipped, started)
    print(f"schemathesis: {counter[0]} requests, {len(server_errors)} server errors, skipped {skipped}")
    assert counter[0] > 0
    assert not server_errors, "\n".join(server_errors)


def _run_all(schema, commune, ids, app, key, server_errors, counter, skipped, started):
    for result in schema.get_all_operations():
        operation = result.ok()
        label = f"{operation.method.upper()} {operation.path}"
        if time.monotonic() - started > BUDGET_SECONDS:
            skipped.append(label)
            continue
        params = {name for name in ("code", "id") if "{" + name + "}" in operation.path}
        fixed = {"code": commune.code} if "code" in params else {}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=fixed or None)

            run = _runner(strategy, label, params, ids, app, key, server_errors, counter)

            try:
                run()
            except Exception as exc:  # a schema the generator cannot satisfy is not a server error
                if "Unsatisfiable" not in type(exc).__name__:
                    raise
                skipped.append(f"{label} ({mode.name.lower()}: nothing generated)")
