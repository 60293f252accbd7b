"""Fixtures for engagement: a frozen Wednesday, the unit, and helpers that build sessions, dialogues and
commitments through the services."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.core.models import AuditEvent
from danvan.engagement import services
from danvan.engagement.models import Dialogue, ReceptionSession
from danvan.org.models import Unit

TODAY = dt.date(2026, 3, 4)  # a Wednesday with no holiday near
NOW = dt.datetime(2026, 3, 4, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
NEXT_MONDAY = dt.date(2026, 3, 9)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def unit(commune, people) -> Unit:
    """Phòng Kinh tế, where `people.officer` works."""
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def other_unit(commune) -> Unit:
    return Unit.objects.get(commune=commune, name="Công an xã")


def session(
    commune, by, *, on=TODAY, host_role=ReceptionSession.HostRole.CHAIRMAN, **kwargs
) -> ReceptionSession:
    args = {
        "start_time": dt.time(7, 30),
        "end_time": dt.time(11, 0),
        "place": "Phòng tiếp công dân, trụ sở UBND xã",
        "host_name": "Nguyễn Văn Chutich",
    }
    return services.reception_session_schedule(
        by=by, commune=commune, on=on, host_role=host_role, **{**args, **kwargs}
    )


def dialogue(commune, by, *, on=dt.date(2026, 3, 20), **kwargs) -> Dialogue:
    args = {
        "start_time": dt.time(8, 0),
        "place": "Nhà văn hóa thôn 1",
        "chair_name": "Chủ tịch UBND xã",
        "topic": "Làm đường giao thông nông thôn năm 2026",
    }
    return services.dialogue_create(by=by, commune=commune, on=on, **{**args, **kwargs})


def entry_args(**extra) -> dict:
    args = {
        "visitor_name": "Trần Văn Dân",
        "visitor_address": "Thôn 1, xã Tà Đùng",
        "id_number": "068123456789",
        "content": "Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất cho thửa đất của gia đình.",
        "case_type": "recommendation",
        "handling": "accept",
    }
    return {**args, **extra}


def audits(prefix: str = "engagement.") -> int:
    return AuditEvent.objects.filter(action__startswith=prefix).count()
