"""Plans without a file: a blank draft, and last year's plan copied with its dates a year on."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.plans import adjustments
from danvan.plans.drafting import next_year_date, plan_copy_next_year, plan_create_blank
from danvan.plans.models import Plan, ReportingPeriod, Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 12, 31), date(2027, 12, 31)),
        (date(2028, 2, 29), date(2029, 2, 28)),
        (date(2027, 2, 28), date(2028, 2, 28)),
        (date(2026, 3, 1), date(2027, 3, 1)),
        (None, None),
    ],
)
def test_dates_move_one_year(day, expected):
    assert next_year_date(day) == expected


def test_blank_plan_is_a_draft(commune, people):
    plan = plan_create_blank(
        commune=commune, title="  Kế hoạch dân vận  năm 2027 ", year=2027, by=people.coordinator
    )
    assert (plan.status, plan.title, plan.year) == (Plan.Status.DRAFT, "Kế hoạch dân vận năm 2027", 2027)
    assert plan.tasks.count() == 0
    assert AuditEvent.objects.filter(action="plans.plan_create_blank", object_id=str(plan.pk)).exists()


@pytest.mark.parametrize(
    ("title", "year", "field"), [("", 2027, "title"), ("KH", 1999, "year"), ("KH", "x", "year")]
)
def test_blank_plan_bad_input(commune, people, title, year, field):
    with pytest.raises(ServiceError) as err:
        plan_create_blank(commune=commune, title=title, year=year, by=people.coordinator)
    assert err.value.field == field
    assert not Plan.objects.exists()


def test_copy_moves_every_date_and_leaves_cancelled_tasks_and_progress(issued_plan, people):
    cancelled = issued_plan.tasks.get(ref="II.9")
    adjustments.task_cancel(task=cancelled, reason="Không còn phù hợp", by=people.coordinator)
    copy = plan_copy_next_year(source=issued_plan, by=people.coordinator)
    assert copy.status == Plan.Status.DRAFT and copy.year == 2027 and not copy.number
    assert "2027" in copy.title and "2026" not in copy.title
    tasks = list(copy.tasks.order_by("order"))
    assert len(tasks) == issued_plan.tasks.count() - 1
    assert all(t.status == Task.Status.NOT_STARTED for t in tasks)
    old = {t.ref: t for t in issued_plan.tasks.all()}
    for t in tasks:
        assert t.due_date == next_year_date(old[t.ref].due_date)
        assert set(t.lead_units.all()) == set(old[t.ref].lead_units.all())
    assert "II.9" not in {t.ref for t in tasks}
    assert sorted(p.due_date for p in copy.periods.all()) == sorted(
        next_year_date(p.due_date) for p in issued_plan.periods.all()
    )
    assert copy.periods.filter(direction=ReportingPeriod.Direction.COMMUNE_TO_PROVINCE).count() == 2
    assert copy.plan_citations.count() == issued_plan.plan_citations.count()


def test_copy_twice_makes_one_draft(issued_plan, people):
    plan_copy_next_year(source=issued_plan, by=people.coordinator)
    with pytest.raises(ServiceError, match="Đã có dự thảo"):
        plan_copy_next_year(source=issued_plan, by=people.coordinator)
    assert Plan.objects.filter(year=2027).count() == 1
