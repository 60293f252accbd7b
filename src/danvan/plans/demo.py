"""Demo content for plans beyond the commune's own plan: the province publishes the plan the demo
commune's plan implements, and a provincial agency of our own invention plans beside the communes."""

from __future__ import annotations

from danvan.geo.agencies import agencies_of
from danvan.org.activation import FirstAccount, agency_onboard
from danvan.org.models import Role
from danvan.plans.implementing import province_plan_publish, province_plans
from danvan.plans.models import Plan, ProvincePlan

DEMO_AGENCY = "Văn phòng UBND tỉnh (minh họa)"
DEMO_AGENCY_UNITS = ["Phòng Tổng hợp", "Phòng Nội chính", "Phòng Hành chính – Tổ chức", "Trung tâm Thông tin"]
DEMO_AGENCY_LOGIN = "vanphongtinh"


def demo_agency(commune, *, by, password: str) -> None:
    """Idempotent: publish the province plan the commune's demo plan cites, and add the demo agency with
    its units and a coordinator who signs in with the demo password."""
    province = commune.province
    plan = Plan.objects.filter(commune=commune, parent_document__isnull=False).first()
    if plan is not None and not ProvincePlan.objects.filter(province=province, document=plan.parent_document):
        document = plan.parent_document
        if document.number and document.issued_on:
            province_plan_publish(
                province=province,
                number=document.number,
                title=document.title or "Công tác dân vận chính quyền",
                issued_on=document.issued_on,
                by=by,
            )
    if agencies_of(province).filter(name=DEMO_AGENCY).exists() or not province_plans(province).exists():
        return
    result = agency_onboard(
        province=province,
        name=DEMO_AGENCY,
        units=DEMO_AGENCY_UNITS,
        accounts=[FirstAccount(Role.COORDINATOR, DEMO_AGENCY_LOGIN, "Nguyễn Thị Thu")],
        by=by,
    )
    # The demo's accounts share one known password instead of the one-time password shown on the page.
    user = result.accounts[0][0]
    user.set_password(password)
    user.save(update_fields=["password"])
