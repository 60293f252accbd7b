"""The plan's budget: lines per task and source, expenses with evidence never past the line, totals and
the report's figures; every write audited, refusals change nothing."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from danvan.budget import selectors, services
from danvan.budget.models import Allocation, Expense, Source
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.core.sections import provider

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def jpg() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (16, 16), "white").save(buf, "JPEG")
    return SimpleUploadedFile("hoa-don.jpg", buf.getvalue(), content_type="image/jpeg")


@pytest.mark.parametrize(
    "raw, value", [("12.500.000", 12_500_000), ("3 000 000 đồng", 3_000_000), ("500000", 500_000)]
)
def test_amounts_are_read_as_written(raw, value):
    assert services.parse_amount(raw) == value


@pytest.mark.parametrize("raw", ["", "abc", "0", "-5", "1,5 tỷ"])
def test_bad_amounts_are_refused(raw):
    with pytest.raises(ServiceError):
        services.parse_amount(raw)


def test_a_line_per_task_and_source(people, plan, task):
    line = services.allocation_save(
        by=people.coordinator, plan=plan, task=task, source=Source.COMMUNE, amount="10.000.000"
    )
    assert line.amount == 10_000_000 and line.commune_id == plan.commune_id
    with pytest.raises(ServiceError, match="Đã có dòng dự toán"):
        services.allocation_save(
            by=people.coordinator, plan=plan, task=task, source=Source.COMMUNE, amount="1"
        )
    services.allocation_save(by=people.coordinator, plan=plan, source=Source.SOCIALISED, amount="2.000.000")
    with pytest.raises(ServiceError, match="Đã có dòng dự toán"):
        services.allocation_save(by=people.coordinator, plan=plan, source=Source.SOCIALISED, amount="5")
    assert Allocation.objects.count() == 2
    assert AuditEvent.objects.filter(action="budget.allocation_saved").count() == 2
    for user in (people.officer, people.village_head, people.outsider):
        with pytest.raises(ServiceError) as err:
            services.allocation_save(by=user, plan=plan, source=Source.OTHER, amount="1")
        assert err.value.code == "forbidden"


def test_expenses_with_evidence_never_past_the_line(people, plan, task):
    line = services.allocation_save(
        by=people.coordinator, plan=plan, task=task, source=Source.COMMUNE, amount="5.000.000"
    )
    services.expense_record(
        by=people.coordinator,
        allocation=line,
        on=TODAY(),
        amount="3.000.000",
        description="In tờ rơi",
        evidence=jpg(),
    )
    with pytest.raises(ServiceError) as err:
        services.expense_record(
            by=people.coordinator, allocation=line, on=TODAY(), amount="2.500.000", description="Nước"
        )
    assert err.value.field == "amount" and "2.000.000" in err.value.message and Expense.objects.count() == 1
    with pytest.raises(ServiceError) as err:
        services.expense_record(
            by=people.coordinator,
            allocation=line,
            on=TODAY() + dt.timedelta(days=1),
            amount="1",
            description="x",
        )
    assert err.value.field == "on"
    fake = SimpleUploadedFile("hd.pdf", b"not a pdf at all", content_type="application/pdf")
    with pytest.raises(ServiceError) as err:
        services.expense_record(
            by=people.coordinator, allocation=line, on=TODAY(), amount="1", description="x", evidence=fake
        )
    assert err.value.code == "file_type"
    with pytest.raises(ServiceError, match="thấp hơn số đã chi"):
        services.allocation_save(
            by=people.coordinator,
            plan=plan,
            task=task,
            source=Source.COMMUNE,
            amount="2.000.000",
            allocation=line,
        )
    services.allocation_save(
        by=people.coordinator,
        plan=plan,
        task=task,
        source=Source.COMMUNE,
        amount="6.000.000",
        allocation=line,
    )
    services.expense_record(
        by=people.coordinator, allocation=line, on=TODAY(), amount="2.500.000", description="Nước"
    )
    with pytest.raises(ServiceError, match="đã có khoản chi"):
        services.allocation_remove(by=people.coordinator, allocation=line)
    [row] = selectors.plan_lines(plan)
    assert (row.spent, row.left) == (5_500_000, 500_000)
    assert Expense.objects.filter(evidence_kind="jpg").count() == 1


def test_totals_and_the_report(people, plan, task, other_commune):
    plan.year = TODAY().year
    plan.save(update_fields=["year"])
    a = services.allocation_save(
        by=people.coordinator, plan=plan, task=task, source=Source.COMMUNE, amount="8.000.000"
    )
    services.allocation_save(by=people.coordinator, plan=plan, source=Source.SOCIALISED, amount="2.000.000")
    services.expense_record(
        by=people.coordinator, allocation=a, on=TODAY(), amount="4.000.000", description="Hội nghị"
    )
    totals = selectors.totals(selectors.plan_lines(plan))
    assert (totals["planned"], totals["spent"], totals["percent"]) == (10_000_000, 4_000_000, 40)
    [(_plan, planned, spent)] = selectors.plans_overview(plan.commune, [plan])
    assert (planned, spent) == (10_000_000, 4_000_000)
    section = provider("budget")
    start, end = dt.date(TODAY().year, 1, 1), dt.date(TODAY().year, 12, 31)
    content = section.build(plan.commune, start, end)
    assert {f.key: f.value for f in content.figures} == {
        "planned": 10_000_000,
        "socialised": 2_000_000,
        "spent": 4_000_000,
    }
    assert "10.000.000 đồng" in content.paragraphs[0] and "40%" in content.paragraphs[0]
    assert content.tables[0].rows[0] == ["Ngân sách xã", "8.000.000", "4.000.000"]
    assert section.key_figures([plan.commune, other_commune], start, end)[other_commune.code][0].value == 0


def test_two_clicks_at_once_never_make_two_plan_wide_lines(people, plan):
    """The service checks first; the database is the last guard when two requests pass that check
    together. It must hold on SQLite too, which ignores NULLS NOT DISTINCT, so a whole-plan line has its
    own constraint."""
    from django.db import IntegrityError, transaction

    Allocation.objects.create(commune=plan.commune, plan=plan, source=Source.SOCIALISED, amount=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Allocation.objects.create(commune=plan.commune, plan=plan, source=Source.SOCIALISED, amount=2)
    assert Allocation.objects.filter(plan=plan, task=None).count() == 1
