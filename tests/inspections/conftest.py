"""Fixtures for inspections: a frozen Friday, the commune's units, an inspection of Phòng Kinh tế."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.inspections import services
from danvan.org.models import Unit

TODAY = dt.date(2026, 11, 20)  # a Friday


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(
        dt.datetime(2026, 11, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False
    ):
        yield


@pytest.fixture
def economy(commune, people) -> Unit:
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def police(commune) -> Unit:
    return Unit.objects.get(commune=commune, name="Công an xã")


@pytest.fixture
def inspection(commune, people, economy):
    return services.inspection_plan(
        by=people.coordinator,
        commune=commune,
        title="Kiểm tra công tác dân vận chính quyền năm 2026",
        kind="inspection",
        unit=economy,
        scope="Việc tiếp dân, giải quyết đơn thư, quy chế dân chủ.",
        inspectors="Phó Chủ tịch UBND xã (trưởng đoàn), cán bộ Văn phòng",
        starts_on=dt.date(2026, 11, 16),
        ends_on=dt.date(2026, 11, 20),
    )


def finding(inspection, by, unit, *, days=5, on=None):
    return services.finding_add(
        by=by,
        inspection=inspection,
        text="Sổ tiếp công dân ghi thiếu hướng xử lý.",
        recommendation="Ghi đủ theo Mẫu 03.",
        unit=unit,
        task="Bổ sung sổ tiếp công dân",
        working_days=days,
        on=on,
    )
