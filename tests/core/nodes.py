"""Helpers for the scale-out tests: the local Redis, and "another node" — a separate Python process
started with the deployment's own settings (danvan.settings from the environment), sharing only what
real nodes share."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

REDIS_URL = os.environ.get("DANVAN_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
SRC = Path(__file__).resolve().parents[2] / "src"


def redis_or_skip():
    """A client of the local Redis, or the test is skipped with the reason."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.exceptions.RedisError as exc:
        pytest.skip(
            f"Redis không chạy ở {REDIS_URL} ({exc}); khởi động: redis-server --daemonize yes "
            "--bind 127.0.0.1 --port 6379 (hoặc đặt DANVAN_TEST_REDIS_URL)"
        )
    return client


@contextmanager
def redis_settings(**extra):
    """This process as a node on Redis: cache (rate limits) and sessions there, under a key prefix of
    its own so runs never meet; the prefix's keys are removed afterwards."""
    client = redis_or_skip()
    prefix = f"danvan-test-{uuid.uuid4().hex[:12]}"
    caches = {
        "default": {
            "BACKEND": "danvan.core.rediscache.RedisCache",  # the deployment's (settings.py)
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    from django.core.cache import caches as handler

    try:
        with override_settings(
            CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.cached_db", **extra
        ):
            yield prefix
    finally:
        handler["default"].close()
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)


def other_node(script: str, *, env: dict[str, str] | None = None) -> dict:
    """Run `script` in a new Python process configured like a second gunicorn node (settings from the
    environment, Django set up); the script prints one JSON object, returned here."""
    node_env = {
        **os.environ,
        "PYTHONPATH": f"{SRC}{os.pathsep}{SRC.parent}",
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "DANVAN_SECRET_KEY": settings.SECRET_KEY,  # every node has the deployment's key
        **(env or {}),
    }
    prelude = "import django, json, sys\ndjango.setup()\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + script],
        env=node_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
