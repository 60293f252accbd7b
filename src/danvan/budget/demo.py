"""Demo budget for the demo commune's plan: lines from the commune's budget and from socialised
contributions for its first tasks, with expenses (no evidence files in the demo). Our own invented
figures; written through the services; a second run adds nothing."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from danvan.budget import services
from danvan.budget.models import Allocation, Source
from danvan.geo.models import Commune
from danvan.plans.models import Plan, Task


def demo_budget(commune: Commune) -> None:
    if Allocation.objects.filter(commune=commune).exists():
        return
    plan = Plan.objects.filter(commune=commune, status=Plan.Status.ISSUED).order_by("-year").first()
    if plan is None:
        return
    by = get_user_model().objects.get(username="dieuphoi")
    today = timezone.localdate()
    tasks = list(Task.objects.filter(plan=plan).exclude(status=Task.Status.CANCELLED).order_by("order")[:3])
    amounts = [
        (Source.COMMUNE, 15_000_000, 9_500_000),
        (Source.COMMUNE, 8_000_000, 0),
        (Source.SOCIALISED, 20_000_000, 12_000_000),
    ]
    descriptions = [
        "Tổ chức hội nghị quán triệt, in tài liệu",
        "",
        "Vật liệu làm đường bê tông nông thôn (Nhân dân đóng góp)",
    ]
    for task, (source, planned, spent), what in zip(tasks, amounts, descriptions, strict=False):
        line = services.allocation_save(by=by, plan=plan, task=task, source=source, amount=planned)
        if spent:
            services.expense_record(
                by=by, allocation=line, on=today - dt.timedelta(days=20), amount=spent, description=what
            )
    services.allocation_save(
        by=by, plan=plan, source=Source.COMMUNE, amount=5_000_000, note="Sơ kết, tổng kết, khen thưởng"
    )
