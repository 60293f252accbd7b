"""Fixtures for “Dân vận khéo”: a frozen day, the field list, and a helper registering a model through the
service; `built`/`evaluated` walk one through the lifecycle."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.core.models import AuditEvent
from danvan.exemplars import services
from danvan.exemplars.models import Exemplar, ExemplarField
from danvan.geo.models import Village
from danvan.org.models import Unit

TODAY = dt.date(2026, 3, 4)
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
T = services.TargetInput


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit(commune, people) -> Unit:
    """Phòng Kinh tế, where `people.officer` works."""
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def village(commune, people) -> Village:
    """Thôn 1, where `people.village_head` is the head."""
    return Village.objects.get(commune=commune, name="Thôn 1")


@pytest.fixture
def economy() -> ExemplarField:
    return ExemplarField.objects.get(commune__isnull=True, name="Kinh tế")


def register(commune, by, **kwargs) -> Exemplar:
    field = kwargs.pop("field", None) or ExemplarField.objects.get(commune__isnull=True, name="Kinh tế")
    args = {
        "name": "Tổ hợp tác nuôi bò sinh sản",
        "field": field,
        "registrant_kind": "unit",
        "unit": Unit.objects.get(commune=commune, name="Phòng Kinh tế"),
        "builders": "Phòng Kinh tế và 20 hộ chăn nuôi",
        "content": "Cán bộ hướng dẫn kỹ thuật, hộ góp vốn xoay vòng mua bò giống.",
        "start_on": dt.date(2026, 2, 1),
        "review_on": dt.date(2026, 11, 30),
        "targets": [T("Hộ tham gia", "hộ", 20), T("Bò giống", "con", 30)],
    }
    return services.exemplar_register(by=by, commune=commune, **{**args, **kwargs})


POINTS_90 = {"effect": 28, "participation": 23, "creativity": 13, "spread": 13, "sustainability": 13}
POINTS_75 = {"effect": 22, "participation": 20, "creativity": 11, "spread": 11, "sustainability": 11}
POINTS_50 = {"effect": 15, "participation": 12, "creativity": 8, "spread": 8, "sustainability": 7}


def built(commune, people, **kwargs) -> Exemplar:
    e = register(commune, people.officer, **kwargs)
    return services.exemplar_start(by=people.coordinator, exemplar=e)


def evaluated(commune, people, points=POINTS_90, **kwargs) -> Exemplar:
    e = built(commune, people, **kwargs)
    services.council_score_submit(by=people.leader, exemplar=e, points=points)
    return services.exemplar_evaluate(by=people.coordinator, exemplar=e, conclusion="Đạt yêu cầu.")


def audits(prefix: str = "exemplars.") -> int:
    return AuditEvent.objects.filter(action__startswith=prefix).count()
