"""Plans made without a file: a blank plan, or last year's plan copied with every date a year on."""

from __future__ import annotations

import re
from datetime import date

from django.db import transaction

from danvan.core.audit import audit_record
from danvan.core.errors import ServiceError
from danvan.plans.models import Plan, PlanCitation, ReportingPeriod, Task

YEAR_MIN, YEAR_MAX = 2000, 2100


def _title(title: str) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Vui lòng nhập tên kế hoạch.", field="title")
    if len(title) > 500:
        raise ServiceError("Tên kế hoạch dài quá 500 ký tự.", field="title")
    return title


def _year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ServiceError("Năm của kế hoạch không hợp lệ.", field="year") from None
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ServiceError(f"Năm của kế hoạch phải từ {YEAR_MIN} đến {YEAR_MAX}.", field="year")
    return year


def next_year_date(day: date | None, years: int = 1) -> date | None:
    """The same day `years` later; 29/2 becomes 28/2 when the new year has no 29 February."""
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def plan_create_blank(*, commune, title: str, year, by) -> Plan:
    """A draft plan with no task yet; the coordinator adds tasks, then issues it."""
    title, year = _title(title), _year(year)
    with transaction.atomic():
        plan = Plan.objects.create(
            commune=commune,
            title=title,
            year=year,
            # An agency issues in its own name; a commune through its People's Committee.
            issuer=(commune.name if commune.is_agency else f"UBND {commune.name}")[:200],
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        audit_record(
            actor=by, action="plans.plan_create_blank", obj=plan, after={"title": title, "year": year}
        )
    return plan


def _next_title(title: str, old: int | None, new: int) -> str:
    """ "… năm 2026" → "… năm 2027"; a title without its year gets it at the end."""
    if old and re.search(rf"\b{old}\b", title):
        return re.sub(rf"\b{old}\b", str(new), title)[:500]
    return f"{title} năm {new}"[:500]


def plan_copy_next_year(*, source: Plan, by) -> Plan:
    """A draft for next year from a commune plan: its tasks (not those cancelled), units, citations and
    reporting periods, every date moved one year on, progress left behind. Issue it once edited."""
    if source.unit_id or source.village_id:
        raise ServiceError(
            "Chỉ sao chép được kế hoạch của UBND xã; đơn vị, thôn lập kế hoạch từ kế hoạch của xã.",
            code="not_commune_plan",
        )
    old_year = source.year or (source.issued_on.year if source.issued_on else None)
    if old_year is None:
        raise ServiceError("Kế hoạch gốc chưa có năm; hãy ghi năm trước khi sao chép.", code="no_year")
    year = _year(old_year + 1)
    title = _next_title(source.title, old_year, year)
    with transaction.atomic():
        # Locked, so a double click on "Sao chép" makes one draft.
        source = Plan.objects.select_for_update().get(pk=source.pk)
        existing = Plan.objects.filter(
            commune_id=source.commune_id, title=title, year=year, status=Plan.Status.DRAFT
        ).first()
        if existing:
            raise ServiceError(
                f"Đã có dự thảo “{existing.title}” (#{existing.pk}); hãy sửa dự thảo đó.", code="exists"
            )
        plan = Plan.objects.create(
            commune_id=source.commune_id,
            # Next year's plan implements next year's province plan: linked again once it is known.
            parent_document=None,
            title=title,
            year=year,
            issuer=source.issuer,
            signer_name=source.signer_name,
            signer_title=source.signer_title,
            recipients=list(source.recipients or []),
            created_by=by if getattr(by, "is_authenticated", False) else None,
        )
        PlanCitation.objects.bulk_create(
            PlanCitation(plan=plan, document_id=c.document_id, is_basis=c.is_basis, order=c.order)
            for c in source.plan_citations.all()
        )
        tasks = list(
            source.tasks.exclude(status=Task.Status.CANCELLED)
            .prefetch_related("lead_units", "coordinating_units")
            .order_by("order")
        )
        for order, src in enumerate(tasks, start=1):
            task = Task.objects.create(
                plan=plan,
                ref=src.ref,
                order=order,
                content=src.content,
                lead_text=src.lead_text,
                coordinating_text=src.coordinating_text,
                timeframe=src.timeframe,
                due_date=next_year_date(src.due_date),
                # The old wording names last year's date; the new date speaks for itself.
                timeframe_text="",
            )
            task.lead_units.set(src.lead_units.all())
            task.coordinating_units.set(src.coordinating_units.all())
        periods = list(source.periods.all())
        ReportingPeriod.objects.bulk_create(
            ReportingPeriod(
                plan=plan,
                name=p.name,
                kind=p.kind,
                direction=p.direction,
                due_date=next_year_date(p.due_date),
                recipient=p.recipient,
            )
            for p in periods
        )
        audit_record(
            actor=by,
            action="plans.plan_copy_next_year",
            obj=plan,
            after={"source": source.pk, "year": year, "tasks": len(tasks), "periods": len(periods)},
        )
    return plan
