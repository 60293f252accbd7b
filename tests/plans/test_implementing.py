"""A commune's plan implementing the province's plan: linked and cited, and the province sees which
communes have issued theirs."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.plans.drafting import plan_copy_next_year, plan_create_blank
from danvan.plans.implementing import implementations, plan_parent_set, province_plans
from danvan.plans.models import LegalDocument
from danvan.plans.services import plan_issue, subplan_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(issued_plan) -> LegalDocument:
    """The province plan the demo plan cites as its basis (read by the importer)."""
    assert issued_plan.parent_document is not None
    return issued_plan.parent_document


def test_province_sees_who_issued_an_implementing_plan(
    province_plan, issued_plan, commune, neighbour, people, lam_dong
):
    rows = implementations(province=lam_dong, document=province_plan)
    # The neighbour has none yet: it comes first, unissued; Tà Đùng's is the demo plan
    assert [(r.commune, r.issued) for r in rows] == [(neighbour, False), (commune, True)]
    assert rows[1].plan == issued_plan
    # When the neighbour writes a blank plan, links it and issues it
    theirs = plan_create_blank(
        commune=neighbour, title="Kế hoạch dân vận 2026", year=2026, by=people.coordinator
    )
    plan_parent_set(plan=theirs, document=province_plan, by=people.coordinator)
    assert (
        implementations(province=lam_dong, document=province_plan)[0].issued is False
    )  # a draft does not count
    plan_issue(plan=theirs, number="7/KH-UBND", issued_on=date(2026, 2, 2), by=people.coordinator)
    assert all(r.issued for r in implementations(province=lam_dong, document=province_plan))
    # And the link is cited among the plan's bases and audited
    assert theirs.plan_citations.filter(document=province_plan, is_basis=True).exists()
    assert AuditEvent.objects.filter(action="plans.plan_parent_set").exists()
    assert list(province_plans(lam_dong)) == [province_plan]


def test_only_commune_plans_link_to_the_province(issued_plan, province_plan, people, commune):
    from danvan.org.models import Unit

    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    child = subplan_create(parent=issued_plan, unit=unit, by=people.officer)
    with pytest.raises(ServiceError, match="đơn vị, thôn"):
        plan_parent_set(plan=child, document=province_plan, by=people.coordinator)


def test_a_non_plan_document_is_refused(issued_plan, people):
    decree = LegalDocument.objects.exclude(doc_type="Kế hoạch").first()
    with pytest.raises(ServiceError, match="không phải là kế hoạch"):
        plan_parent_set(plan=issued_plan, document=decree, by=people.coordinator)


def test_next_years_copy_is_not_linked_to_this_years_province_plan(issued_plan, people):
    assert plan_copy_next_year(source=issued_plan, by=people.coordinator).parent_document is None
