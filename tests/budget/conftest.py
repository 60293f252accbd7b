from __future__ import annotations

import pytest

from tests.plans.conftest import import_demo


@pytest.fixture
def plan(commune, people):
    """The demo plan (our own text) with its tasks, saved by the coordinator."""
    return import_demo(commune, people.coordinator)


@pytest.fixture
def task(plan):
    return plan.tasks.order_by("order").first()
