"""Data for report tests: an issued plan with tasks and a units' reporting period, petitions in a period."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from danvan.geo.models import Village
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition
from danvan.plans.models import Plan, ReportingPeriod, Task, UnitReport

H1 = (date(2026, 1, 1), date(2026, 6, 30))  # "6 tháng đầu năm 2026"
_codes = itertools.count(1)


def add_plan(commune, *, late=2, done=3, ongoing=1, year=2026) -> Plan:
    """An issued plan: `done` tasks done, `late` dated tasks past their date, `ongoing` ongoing tasks, and a
    units' reporting period due 15/6 where one of two units submitted on time."""
    economy = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    police = Unit.objects.get(commune=commune, name="Công an xã")
    plan = Plan.objects.create(
        commune=commune,
        title="Kế hoạch dân vận chính quyền năm 2026",
        number="18/KH-UBND",
        issued_on=date(year, 1, 20),
        year=year,
        status=Plan.Status.ISSUED,
    )
    order = itertools.count()
    tasks = []
    for i in range(done):
        tasks.append(
            Task(
                plan=plan,
                order=next(order),
                ref=f"{i + 1}.",
                content=f"Nhiệm vụ đã xong {i}",
                timeframe="by_date",
                due_date=date(year, 3, 31),
                status=Task.Status.DONE,
                percent=100,
            )
        )
    for i in range(late):
        tasks.append(
            Task(
                plan=plan,
                order=next(order),
                ref=f"L{i + 1}.",
                content=f"Nhiệm vụ trễ {i}",
                lead_text="Phòng Kinh tế",
                timeframe="by_date",
                due_date=date(year, 4, 30),
                status=Task.Status.IN_PROGRESS,
                percent=40,
            )
        )
    for i in range(ongoing):
        tasks.append(
            Task(
                plan=plan,
                order=next(order),
                ref=f"O{i + 1}.",
                content=f"Thường xuyên {i}",
                timeframe="ongoing",
                status=Task.Status.IN_PROGRESS,
            )
        )
    Task.objects.bulk_create(tasks)
    first = Task.objects.filter(plan=plan).first()
    first.lead_units.add(economy)
    first.coordinating_units.add(police)
    period = ReportingPeriod.objects.create(
        plan=plan,
        name="Báo cáo 6 tháng đầu năm",
        kind="six_months",
        direction="units",
        due_date=date(year, 6, 15),
    )
    UnitReport.objects.create(
        period=period,
        unit=economy,
        status=UnitReport.Status.SUBMITTED,
        figures="Đã tuyên truyền 12 buổi.",
        submitted_at=datetime(year, 6, 10, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
    )
    ReportingPeriod.objects.create(
        plan=plan,
        name="Báo cáo UBND tỉnh 6 tháng",
        kind="six_months",
        direction="province",
        due_date=date(year, 7, 10),
    )
    return plan


def add_petitions(commune, n_on_time=3, n_late=1, n_open_overdue=1, *, year=2026, denunciation=True) -> None:
    field = Field.objects.filter(commune=None).first() or Field.objects.create(name="Đất đai")
    village = Village.objects.filter(commune=commune).first() or Village.objects.create(
        commune=commune, name="Thôn 1"
    )
    rows = []

    def p(**kw):
        n = next(_codes)
        base = dict(
            commune=commune,
            tracking_code=f"TST{n:09d}",
            received_on=date(year, 3, 2),
            kind=Petition.Kind.FEEDBACK,
            content="Đường vào thôn bị sạt lở.",
            field=field,
            village=village,
        )
        rows.append(Petition(**{**base, **kw}))

    for _ in range(n_on_time):
        p(status="resolved", resolve_due=date(year, 3, 20), answered_on=date(year, 3, 15))
    for _ in range(n_late):
        p(status="closed", resolve_due=date(year, 3, 20), answered_on=date(year, 3, 25), kind="complaint")
    for _ in range(n_open_overdue):
        p(
            status="accepted",
            resolve_due=date(year, 4, 10),
            received_on=date(year, 4, 1),
            kind="recommendation",
        )
    if denunciation:
        p(
            status="received",
            kind="denunciation",
            content="Tố cáo ông X nhận hối lộ",
            received_on=date(year, 5, 5),
        )
    Petition.objects.bulk_create(rows)


@pytest.fixture
def data(commune, people):
    add_plan(commune)
    add_petitions(commune)
    return commune
