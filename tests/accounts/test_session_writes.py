"""A signed-in page does not write the session on every request (issue 21): it is written when it changes,
at most once a minute while its person works, and that still moves the two-hour idle expiry on."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone


def _session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return sum(1 for q in ctx.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"])


def test_pages_in_the_same_minute_leave_the_session_row_alone(client, commune, people):
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/"
    client.get(url)
    assert _session_writes(client, url) == 0
    assert _session_writes(client, url) == 0


def test_a_minute_later_the_session_is_written_and_its_idle_expiry_moves_on(client, commune, people):
    client.force_login(people.coordinator)
    url = f"/lam-viec/{commune.code}/"
    client.get(url)
    key = client.session.session_key
    before = Session.objects.get(session_key=key).expire_date
    with time_machine.travel(timezone.now() + timedelta(minutes=10)):
        assert _session_writes(client, url) == 1
        after = Session.objects.get(session_key=key).expire_date
    assert after - before >= timedelta(minutes=9)
