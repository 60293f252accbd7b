"""The plans' section of the periodic report: tasks by status, late tasks, units' periodic reports."""

from __future__ import annotations

from datetime import date

from danvan.core.sections import provider
from danvan.plans.models import Plan, Task
from tests.reports.conftest import H1, add_plan


def test_tasks_by_status_late_tasks_and_units_reports(commune, people):
    add_plan(commune)
    section = provider("plans").build(commune, *H1)
    figures = {f.key: f.value for f in section.figures}
    assert (figures["tasks_total"], figures["tasks_done"], figures["tasks_late"]) == (6, 3, 2)
    # Two units must report (lead and coordinating); Phòng Kinh tế submitted on time, Công an xã did not.
    assert (
        figures["unit_reports_expected"],
        figures["unit_reports_submitted"],
        figures["unit_reports_late"],
    ) == (2, 1, 1)
    late = next(t for t in section.tables if t.caption.startswith("Nhiệm vụ trễ hạn"))
    assert [r[1] for r in late.rows] == ["L1. Nhiệm vụ trễ 0", "L2. Nhiệm vụ trễ 1"]
    assert late.rows[0][3] == "Trước ngày 30/04/2026"
    assert "Thường xuyên" not in str(late.rows)


def test_draft_plans_and_implementing_plans_are_not_counted(commune, people):
    plan = add_plan(commune)
    Plan.objects.create(commune=commune, title="Dự thảo", status=Plan.Status.DRAFT, year=2026)
    child = Plan.objects.create(
        commune=commune,
        title="Kế hoạch của đơn vị",
        status=Plan.Status.ISSUED,
        year=2026,
        parent=plan,
        unit=plan.tasks.first().lead_units.first(),
    )
    Task.objects.create(
        plan=child, content="Bản sao nhiệm vụ", timeframe="by_date", due_date=date(2026, 2, 1)
    )
    figures = {f.key: f.value for f in provider("plans").build(commune, *H1).figures}
    assert figures["tasks_total"] == 6 and figures["tasks_late"] == 2


def test_a_period_without_plans_says_so(commune, people):
    section = provider("plans").build(commune, *H1)
    assert "chưa có kế hoạch" in section.paragraphs[0]
    assert not section.tables


def test_a_task_is_late_only_as_of_the_end_of_the_period(commune, people):
    add_plan(commune)
    # Tasks due 30/4 are not yet late in a report for the first quarter.
    figures = {
        f.key: f.value for f in provider("plans").build(commune, date(2026, 1, 1), date(2026, 3, 31)).figures
    }
    assert figures["tasks_late"] == 0


def test_key_figures_query_count_does_not_depend_on_communes(
    commune, neighbour, people, django_assert_num_queries
):
    add_plan(commune)
    add_plan(neighbour, late=4)
    with django_assert_num_queries(5):
        one = provider("plans").key_figures([commune], *H1)
    with django_assert_num_queries(5):
        both = provider("plans").key_figures([commune, neighbour], *H1)
    assert one[commune.code] == both[commune.code]
    assert {f.key: f.value for f in both[neighbour.code]}["tasks_late"] == 4
