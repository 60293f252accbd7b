"""Fixtures for the API: keys for staff and an Open311 client, a fresh rate-limit cache, helpers."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from danvan.api.models import ApiKey
from danvan.api.services import api_key_create
from danvan.org.models import Unit


@pytest.fixture(autouse=True)
def _fresh_throttles():
    # Throttle counters live in the cache, shared by the whole test session.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def unit(commune, people) -> Unit:
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


def staff_key(user, commune=None) -> str:
    return api_key_create(
        by=None, name=f"Khóa của {user.username}", kind="staff", user=user, commune=commune
    ).key


def key_client(key: str | None) -> APIClient:
    client = APIClient()
    if key:
        client.credentials(HTTP_AUTHORIZATION=f"Api-Key {key}")
    return client


@pytest.fixture
def as_user(people):
    """`as_user("leader")`: an API client holding a key of that person."""

    def make(role: str) -> APIClient:
        return key_client(staff_key(getattr(people, role)))

    return make


@pytest.fixture
def open311_key(db) -> str:
    return api_key_create(by=None, name="Ứng dụng phản ánh tỉnh", kind=ApiKey.Kind.OPEN311).key
