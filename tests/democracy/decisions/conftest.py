"""Fixtures of the village-decision tests (the commune, people and decision helpers are in
tests/democracy/conftest.py)."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from danvan.geo.models import Village


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def other_village(commune) -> Village:
    return Village.objects.create(commune=commune, name="Thôn 2", households=80)
