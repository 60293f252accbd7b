"""Plans that implement a province's plan: a commune links its plan to the province's (kế hoạch cấp
trên, cited as a basis), and the province sees which communes have issued theirs and when."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.plans.models import LegalDocument, Plan, PlanCitation

PLAN_TYPE = "Kế hoạch"


def province_plans(province) -> QuerySet[LegalDocument]:
    """The province's plans known on the platform: those a commune plan of the province implements."""
    return (
        LegalDocument.objects.filter(doc_type=PLAN_TYPE, plans__commune__province=province)
        .distinct()
        .order_by("-issued_on", "number")
    )


def plan_parent_set(*, plan: Plan, document: LegalDocument | None, by) -> Plan:
    """Link a commune's plan to the province's plan it implements (or unlink it); the province's plan
    is also cited among the plan's bases, as the document itself does."""
    if plan.unit_id or plan.village_id:
        raise ServiceError(
            "Kế hoạch của đơn vị, thôn thực hiện kế hoạch của xã, không gắn với kế hoạch cấp tỉnh.",
            code="not_commune_plan",
        )
    if document is not None and document.doc_type != PLAN_TYPE:
        raise ServiceError("Văn bản đã chọn không phải là kế hoạch.", field="document")
    with transaction.atomic():
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if plan.status == Plan.Status.CLOSED:
            raise ServiceError("Kế hoạch đã kết thúc, không sửa được nữa.", code="closed")
        before = str(plan.parent_document) if plan.parent_document_id else ""
        plan.parent_document = document
        plan.save(update_fields=["parent_document"])
        if document is not None and not plan.plan_citations.filter(document=document).exists():
            last = plan.plan_citations.order_by("-order").values_list("order", flat=True).first() or 0
            PlanCitation.objects.create(plan=plan, document=document, is_basis=True, order=last + 1)
        audit_record(
            actor=by,
            action="plans.plan_parent_set",
            obj=plan,
            before={"parent_document": before},
            after={"parent_document": str(document) if document else ""},
        )
    return plan


@dataclass
class Implementation:
    commune: Commune
    plan: Plan | None  # the commune's issued plan implementing it, if any

    @property
    def issued(self) -> bool:
        return self.plan is not None


def implementations(*, province, document: LegalDocument) -> list[Implementation]:
    """Every active commune of the province and its issued plan implementing `document` (2 queries);
    those without one first."""
    communes = list(Commune.objects.filter(province=province, is_active=True).order_by("name"))
    plans: dict[str, Plan] = {}
    for plan in Plan.objects.filter(
        commune__in=communes,
        parent_document=document,
        unit__isnull=True,
        village__isnull=True,
        status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
    ).order_by("issued_on", "pk"):
        plans.setdefault(plan.commune_id, plan)
    rows = [Implementation(c, plans.get(c.code)) for c in communes]
    rows.sort(key=lambda r: (r.issued, r.commune.name))
    return rows
