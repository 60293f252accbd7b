"""Fixtures for the plans tests: the demo plan (our own text) read by the importer and saved as a draft."""

from __future__ import annotations

import copy
import hashlib
from datetime import date
from pathlib import Path

import pytest

import danvan.demo
from danvan.plans.importer import import_plan
from danvan.plans.models import Plan
from danvan.plans.services import plan_import, plan_issue, unit_map_default, unit_names_in

DEMO_PLAN = Path(danvan.demo.__file__).parent / "ke-hoach-dan-van-2026.txt"
REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PLANS = REPO_ROOT.parent / "shared" / "samples" / "plans"

_parsed: dict | None = None


def demo_data() -> dict:
    """What the importer reads from the demo plan; a fresh copy each time, so a test may edit it."""
    global _parsed  # parsed once per run: the file does not change
    if _parsed is None:
        _parsed = import_plan(DEMO_PLAN)
    return copy.deepcopy(_parsed)


def import_demo(commune, by, data: dict | None = None, unit_map: dict | None = None) -> Plan:
    """Save the demo plan as the preview would with its proposed unit mapping."""
    data = demo_data() if data is None else data
    if unit_map is None:
        unit_map = unit_map_default(commune=commune, names=unit_names_in(data))
    return plan_import(
        commune=commune,
        data=data,
        unit_map=unit_map,
        by=by,
        source_name=DEMO_PLAN.name,
        source_sha256=hashlib.sha256(DEMO_PLAN.read_bytes()).hexdigest(),
    )


@pytest.fixture
def draft_plan(commune, people) -> Plan:
    """The demo plan saved as a draft by the commune's coordinator."""
    return import_demo(commune, people.coordinator)


@pytest.fixture
def issued_plan(draft_plan, people) -> Plan:
    """The demo plan issued as 18/KH-UBND on 20/01/2026."""
    return plan_issue(
        plan=draft_plan, number="18/KH-UBND", issued_on=date(2026, 1, 20), by=people.coordinator
    )
