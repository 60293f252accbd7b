"""Plans that implement a province's plan: the province publishes its plan, a commune or a provincial
agency starts its own plan from it or links an imported plan to it (kế hoạch cấp trên, cited as a
basis), and the province sees which bodies have issued theirs and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.geo.models import Commune
from danvan.org.access import is_system_admin, watched_provinces
from danvan.plans.drafting import plan_create_blank
from danvan.plans.models import LegalDocument, Plan, PlanCitation, ProvincePlan
from danvan.text.normalize import fold, nfc

PLAN_TYPE = "Kế hoạch"


def province_plans(province) -> QuerySet[LegalDocument]:
    """The province's plans known on the platform: those it published, and those a commune plan of
    the province implements."""
    return (
        LegalDocument.objects.filter(doc_type=PLAN_TYPE)
        .filter(Q(publications__province=province) | Q(plans__commune__province=province))
        .distinct()
        .order_by("-issued_on", "number")
    )


def _clean(value: str, limit: int, field: str, label: str) -> str:
    value = " ".join(nfc(value or "").split())
    if len(value) > limit:
        raise ServiceError(f"{label} dài quá {limit} ký tự.", field=field)
    return value


def province_plan_publish(
    *, province, number: str, title: str, issued_on: date | None, due_on: date | None = None, by
) -> ProvincePlan:
    """Công bố kế hoạch của UBND tỉnh: the communes and agencies of the province then start their
    implementing plan from it, and the province follows who has issued theirs, and when."""
    if not (is_system_admin(by) or watched_provinces(by).filter(pk=province.pk).exists()):
        raise ServiceError("Bạn không có quyền công bố kế hoạch của tỉnh này.", code="forbidden")
    number = _clean(number, 60, "number", "Số, ký hiệu")
    title = _clean(title, 300, "title", "Trích yếu")
    if not number:
        raise ServiceError("Vui lòng nhập số, ký hiệu kế hoạch (ví dụ 123/KH-UBND).", field="number")
    if not title:
        raise ServiceError("Vui lòng nhập trích yếu của kế hoạch.", field="title")
    if issued_on is None:
        raise ServiceError("Vui lòng nhập ngày ban hành.", field="issued_on")
    if due_on is not None and due_on < issued_on:
        raise ServiceError("Hạn ban hành kế hoạch thực hiện không được trước ngày ban hành.", field="due_on")
    # The same key as a plan's citation of it, so a commune's imported plan that cites this number
    # links to the same document.
    key = f"{fold(PLAN_TYPE)}|{fold(number)}"[:400]
    with transaction.atomic():
        document, _ = LegalDocument.objects.get_or_create(
            key=key,
            defaults={
                "doc_type": PLAN_TYPE,
                "number": number,
                "title": title,
                "issued_on": issued_on,
                "issuer": f"UBND {province.in_sentence}"[:200],
            },
        )
        if ProvincePlan.objects.filter(province=province, document=document).exists():
            raise ServiceError(f"{document} đã được công bố.", code="duplicate", field="number")
        publication = ProvincePlan.objects.create(
            province=province,
            document=document,
            due_on=due_on,
            published_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by,
            action="plans.province_plan_publish",
            obj=publication,
            after={
                "province": province.code,
                "document": str(document),
                "title": document.title,
                "due_on": due_on.isoformat() if due_on else None,
            },
        )
    return publication


def plan_start_from(*, commune, document: LegalDocument, year, by) -> Plan:
    """A commune's or agency's own draft plan implementing the province's plan: titled after it, its
    parent set and the province's plan cited as its first basis."""
    if not province_plans(commune.province).filter(pk=document.pk).exists():
        raise ServiceError("Kế hoạch cấp tỉnh đã chọn không có trong danh sách.", field="document")
    subject = document.title or str(document)
    title = f"Kế hoạch thực hiện {document} của UBND tỉnh" + (f" về {subject}" if document.title else "")
    with transaction.atomic():
        plan = plan_create_blank(commune=commune, title=title[:500], year=year, by=by)
        return plan_parent_set(plan=plan, document=document, by=by)


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
    commune: Commune  # a commune or a provincial agency
    plan: Plan | None  # the body's issued plan implementing it, if any
    due_on: date | None = None  # the province's deadline for it, if published with one

    @property
    def issued(self) -> bool:
        return self.plan is not None

    def late(self, today: date) -> bool:
        if self.due_on is None:
            return False
        if self.plan is None:
            return today > self.due_on
        return bool(self.plan.issued_on and self.plan.issued_on > self.due_on)


def implementations(*, province, document: LegalDocument) -> list[Implementation]:
    """Every active commune and agency of the province and its issued plan implementing `document`
    (3 queries); those without one first."""
    communes = list(Commune.objects.filter(province=province, is_active=True).order_by("name"))
    due_on = (
        ProvincePlan.objects.filter(province=province, document=document)
        .values_list("due_on", flat=True)
        .first()
    )
    plans: dict[str, Plan] = {}
    for plan in Plan.objects.filter(
        commune__in=communes,
        parent_document=document,
        unit__isnull=True,
        village__isnull=True,
        status__in=[Plan.Status.ISSUED, Plan.Status.CLOSED],
    ).order_by("issued_on", "pk"):
        plans.setdefault(plan.commune_id, plan)
    rows = [Implementation(c, plans.get(c.code), due_on) for c in communes]
    rows.sort(key=lambda r: (r.issued, r.commune.name))
    return rows
