"""Demo content for plans beyond the commune's own plan: the province publishes the plan the demo
commune's plan implements, so its page "Kế hoạch thực hiện" and the commune's "Lập kế hoạch mới" show it."""

from __future__ import annotations

from danvan.plans.implementing import province_plan_publish
from danvan.plans.models import Plan, ProvincePlan


def demo_province_plan(commune, *, by) -> ProvincePlan | None:
    """Idempotent: publish the province plan the commune's demo plan cites as its parent."""
    plan = Plan.objects.filter(commune=commune, parent_document__isnull=False).first()
    if plan is None:
        return None
    document = plan.parent_document
    existing = ProvincePlan.objects.filter(province=commune.province, document=document).first()
    if existing is not None or not (document.number and document.issued_on):
        return existing
    return province_plan_publish(
        province=commune.province,
        number=document.number,
        title=document.title or "Công tác dân vận chính quyền",
        issued_on=document.issued_on,
        by=by,
    )
