"""Fixtures for scoring: a frozen day late in 2026, the commune's units, the default framework, and a
year of data in the apps scoring reads (written as rows: this is the data those apps would hold)."""

from __future__ import annotations

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import pytest
import time_machine

from danvan.core.models import AuditEvent
from danvan.engagement.models import Commitment, Dialogue
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition
from danvan.plans.models import Plan, ReportingPeriod, Task, TaskProgress, UnitReport
from danvan.scoring import services

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 11, 20)
NOW = dt.datetime(2026, 11, 20, 9, 0, tzinfo=TZ)
_codes = itertools.count(1)


@pytest.fixture(autouse=True)
def _frozen_today():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def economy(commune, people) -> Unit:
    """Phòng Kinh tế, where `people.officer` works."""
    return Unit.objects.get(commune=commune, name="Phòng Kinh tế")


@pytest.fixture
def police(commune) -> Unit:
    return Unit.objects.get(commune=commune, name="Công an xã")


@pytest.fixture
def framework(commune, people):
    return services.framework_create_default(by=people.coordinator, commune=commune, year=2026)


def at(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=TZ)


def add_tasks(commune, unit, *, on_time=1, late_done=1, undone=1, year=2026) -> Plan:
    """An issued plan whose tasks `unit` leads: done by the date, done after it, not done; a units'
    reporting period due 15/6 that `unit` reported on 10/6."""
    plan = Plan.objects.create(
        commune=commune,
        title="Kế hoạch dân vận chính quyền",
        issued_on=dt.date(year, 1, 20),
        year=year,
        status=Plan.Status.ISSUED,
    )
    due = dt.date(year, 5, 31)
    n = itertools.count(1)
    for kind, count in (("on_time", on_time), ("late", late_done), ("undone", undone)):
        for _ in range(count):
            task = Task.objects.create(
                plan=plan,
                ref=f"{next(n)}.",
                content=f"Nhiệm vụ {kind}",
                timeframe="by_date",
                due_date=due,
                status=Task.Status.IN_PROGRESS if kind == "undone" else Task.Status.DONE,
            )
            task.lead_units.add(unit)
            if kind != "undone":
                progress = TaskProgress.objects.create(
                    task=task, unit=unit, text="Đã xong", percent=100, status="done"
                )
                TaskProgress.objects.filter(pk=progress.pk).update(
                    at=at(due - dt.timedelta(days=3) if kind == "on_time" else due + dt.timedelta(days=10))
                )
    period = ReportingPeriod.objects.create(
        plan=plan, name="6 tháng", kind="six_months", direction="units", due_date=dt.date(year, 6, 15)
    )
    UnitReport.objects.create(
        period=period, unit=unit, status=UnitReport.Status.SUBMITTED, submitted_at=at(dt.date(year, 6, 10))
    )
    return plan


def add_petitions(commune, unit, *, on_time=2, late=1, year=2026) -> None:
    field = Field.objects.filter(commune=None).first()
    rows = []
    for answered in [dt.date(year, 3, 15)] * on_time + [dt.date(year, 3, 25)] * late:
        rows.append(
            Petition(
                commune=commune,
                tracking_code=f"SC{next(_codes):010d}",
                received_on=dt.date(year, 3, 2),
                kind=Petition.Kind.FEEDBACK,
                content="Đường vào thôn sạt lở.",
                field=field,
                unit=unit,
                status="resolved",
                resolve_due=dt.date(year, 3, 20),
                answered_on=answered,
            )
        )
    Petition.objects.bulk_create(rows)


def add_dialogue(commune, *, on=dt.date(2026, 4, 10), held=True) -> Dialogue:
    return Dialogue.objects.create(
        commune=commune,
        on=on,
        start_time=dt.time(8, 0),
        place="Hội trường xã",
        chair_name="Chủ tịch UBND xã",
        topic="Giải phóng mặt bằng đường liên thôn",
        status="held" if held else "open",
        held_on=on if held else None,
    )


def add_commitments(commune, unit, *, kept=1, missed=1, year=2026) -> None:
    dialogue = add_dialogue(commune)
    for i in range(kept + missed):
        done = i < kept
        Commitment.objects.create(
            commune=commune,
            source="dialogue",
            dialogue=dialogue,
            content="Sửa cống thoát nước",
            unit=unit,
            due_on=dt.date(year, 8, 31),
            status="done" if done else "open",
            done_on=dt.date(year, 8, 20) if done else None,
            result="Đã sửa" if done else "",
        )


def audits(prefix: str = "scoring.") -> int:
    return AuditEvent.objects.filter(action__startswith=prefix).count()
