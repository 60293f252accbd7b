"""Every write of the plan's budget: allocations per plan and task with their source, and expenses with
evidence. Each in one transaction with its audit record; a refusal is a Vietnamese `ServiceError` and
changes nothing. Spending never goes past an allocation: the allocation is raised first (an audited
change), as a budget adjustment would be."""

from __future__ import annotations

import datetime as dt
import re

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from danvan.budget.models import Allocation, Expense, Source
from danvan.core.audit import audit_record, snapshot
from danvan.core.errors import ServiceError
from danvan.core.files import check_upload
from danvan.org.access import can
from danvan.text.normalize import nfc

MANAGE = "budget.manage"
MAX_AMOUNT = 1_000_000_000_000  # a thousand billion đồng: far above any commune plan


def parse_amount(raw, *, field: str = "amount") -> int:
    """“12.500.000”, “12 500 000” or “12500000” → 12500000 đồng; a whole positive number."""
    text = re.sub(r"[\s.,]|đồng|đ$", "", str(raw or "").strip().lower())
    if not text.isdigit():
        raise ServiceError("Số tiền phải là số đồng, ví dụ 12.500.000.", field=field)
    amount = int(text)
    if not 0 < amount <= MAX_AMOUNT:
        raise ServiceError("Số tiền phải lớn hơn 0 và không quá 1.000 tỷ đồng.", field=field)
    return amount


def _vnd(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _require(by, commune, what: str) -> None:
    if not can(by, MANAGE, commune):
        raise ServiceError(f"Bạn không có quyền {what}.", code="forbidden")


def _spent(allocation: Allocation) -> int:
    return allocation.expenses.aggregate(s=Sum("amount"))["s"] or 0


def allocation_save(
    *, by, plan, source: str, amount, task=None, note: str = "", allocation=None
) -> Allocation:
    """Plan an amount for the plan or one of its tasks from a source (one line per task and source)."""
    commune = plan.commune
    _require(by, commune, "lập dự toán kinh phí")
    if source not in Source.values:
        raise ServiceError("Vui lòng chọn nguồn kinh phí.", field="source")
    amount = parse_amount(amount)
    if task is not None and task.plan_id != plan.pk:
        raise ServiceError("Nhiệm vụ không thuộc kế hoạch này.", field="task")
    note = nfc(str(note or "")).strip()
    if len(note) > 300:
        raise ServiceError("Ghi chú tối đa 300 ký tự.", field="note")
    with transaction.atomic():
        if allocation is not None:
            allocation = Allocation.objects.select_for_update().get(pk=allocation.pk)
            spent = _spent(allocation)
            if amount < spent:
                raise ServiceError(
                    f"Dự toán không được thấp hơn số đã chi ({spent:,} đồng).".replace(",", "."),
                    field="amount",
                )
        taken = Allocation.objects.filter(plan=plan, task=task, source=source)
        if taken.exclude(pk=getattr(allocation, "pk", None)).exists():
            raise ServiceError(
                "Đã có dòng dự toán cho nhiệm vụ này từ nguồn này: sửa số tiền của dòng đó.", field="source"
            )
        before = snapshot(allocation, ["amount", "source", "task"]) if allocation else None
        allocation = allocation or Allocation(commune=commune, plan=plan, created_by=by)
        allocation.task, allocation.source, allocation.amount, allocation.note = task, source, amount, note
        allocation.save()
        audit_record(
            actor=by,
            action="budget.allocation_saved",
            obj=allocation,
            commune=commune,
            before=before,
            after=snapshot(allocation, ["amount", "source", "task"]),
        )
    return allocation


def allocation_remove(*, by, allocation: Allocation) -> None:
    """Remove a line planned by mistake; never one with expenses."""
    _require(by, allocation.commune, "xóa dòng dự toán")
    with transaction.atomic():
        locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
        if locked.expenses.exists():
            raise ServiceError("Dòng dự toán đã có khoản chi nên không xóa được.", code="has_expenses")
        audit_record(
            actor=by,
            action="budget.allocation_removed",
            obj=locked,
            commune=locked.commune,
            before=snapshot(locked, ["amount", "source", "task"]),
        )
        locked.delete()


def expense_record(
    *, by, allocation: Allocation, on: dt.date | None, amount, description: str, evidence=None
) -> Expense:
    """Ghi khoản chi with its evidence (an invoice, a payment slip: PDF or photo, checked by content)."""
    commune = allocation.commune
    _require(by, commune, "ghi khoản chi")
    if on is None:
        raise ServiceError("Vui lòng nhập ngày chi (dd/mm/yyyy).", field="on")
    if on > timezone.localdate():
        raise ServiceError("Ngày chi không được sau hôm nay.", field="on")
    amount = parse_amount(amount)
    description = nfc(str(description or "")).strip()
    if not description:
        raise ServiceError("Vui lòng nhập nội dung chi.", field="description")
    if len(description) > 300:
        raise ServiceError("Nội dung chi tối đa 300 ký tự.", field="description")
    checked = check_upload(evidence) if evidence is not None else None
    with transaction.atomic():
        locked = Allocation.objects.select_for_update().get(pk=allocation.pk)
        left = locked.amount - _spent(locked)
        if amount > left:
            raise ServiceError(
                f"Khoản chi vượt dự toán: dòng này chỉ còn {_vnd(left)} đồng. "
                "Điều chỉnh dự toán trước khi ghi chi.",
                field="amount",
            )
        expense = Expense(allocation=locked, on=on, amount=amount, description=description, by=by)
        if checked is not None:
            expense.evidence = evidence
            expense.evidence_name = (getattr(evidence, "name", "") or "chung-tu")[:255]
            expense.evidence_kind, expense.evidence_sha256 = checked.kind, checked.sha256
        expense.save()
        audit_record(
            actor=by,
            action="budget.expense_recorded",
            obj=locked,
            commune=commune,
            after={
                "expense": expense.pk,
                "amount": amount,
                "on": on.isoformat(),
                "evidence": checked.sha256 if checked else None,
            },
        )
    return expense
