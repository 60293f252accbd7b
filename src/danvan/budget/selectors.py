"""Reads of the plan's budget: a plan's lines with what was spent, each plan's totals, totals by source,
and the period's figures for the report (a fixed number of queries)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, Sum

from danvan.budget.models import Allocation, Expense, Source


def plan_lines(plan) -> list[Allocation]:
    """The plan's allocation lines, each with `spent` and `left`, the task's lines in the plan's order."""
    lines = list(
        Allocation.objects.filter(plan=plan)
        .select_related("task")
        .annotate(spent_sum=Sum("expenses__amount"))
    )
    for line in lines:
        line.spent = line.spent_sum or 0
        line.left = line.amount - line.spent
    return lines


def totals(lines: Iterable[Allocation]) -> dict:
    """Planned and spent in all and by source, from a plan's lines."""
    by_source: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for line in lines:
        by_source[line.source][0] += line.amount
        by_source[line.source][1] += line.spent
    labels = dict(Source.choices)
    rows = [(labels[s], p, sp) for s, (p, sp) in sorted(by_source.items(), key=lambda kv: -kv[1][0])]
    planned = sum(p for _, p, _ in rows)
    spent = sum(s for _, _, s in rows)
    return {
        "by_source": rows,
        "planned": planned,
        "spent": spent,
        "percent": round(100 * spent / planned) if planned else None,
    }


def plans_overview(commune, plans) -> list[tuple]:
    """(plan, planned, spent) for the given plans, in two queries."""
    ids = [p.pk for p in plans]
    planned = dict(
        Allocation.objects.filter(plan_id__in=ids)
        .values("plan_id")
        .annotate(s=Sum("amount"))
        .values_list("plan_id", "s")
    )
    spent = dict(
        Expense.objects.filter(allocation__plan_id__in=ids)
        .values("allocation__plan_id")
        .annotate(s=Sum("amount"))
        .values_list("allocation__plan_id", "s")
    )
    return [(p, planned.get(p.pk, 0), spent.get(p.pk, 0)) for p in plans]


def _plan_years(start: dt.date, end: dt.date) -> Q:
    return Q(plan__year__gte=start.year, plan__year__lte=end.year)


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """Per commune: planned for the plans of the period's years, of which xã hội hóa, and spent in the
    period; three queries."""
    codes = [c.code for c in communes]
    out = {c: {"planned": 0, "socialised": 0, "spent": 0} for c in codes}
    for row in (
        Allocation.objects.filter(_plan_years(start, end), commune_id__in=codes)
        .values("commune_id")
        .annotate(s=Sum("amount"), soc=Sum("amount", filter=Q(source=Source.SOCIALISED)))
    ):
        out[row["commune_id"]]["planned"] = row["s"] or 0
        out[row["commune_id"]]["socialised"] = row["soc"] or 0
    for row in (
        Expense.objects.filter(allocation__commune_id__in=codes, on__gte=start, on__lte=end)
        .values("allocation__commune_id")
        .annotate(s=Sum("amount"))
    ):
        out[row["allocation__commune_id"]]["spent"] = row["s"] or 0
    return out


def period_by_source(commune, start: dt.date, end: dt.date) -> list[tuple[str, int, int]]:
    labels = dict(Source.choices)
    planned = dict(
        Allocation.objects.filter(_plan_years(start, end), commune=commune)
        .values("source")
        .annotate(s=Sum("amount"))
        .values_list("source", "s")
    )
    spent = dict(
        Expense.objects.filter(allocation__commune=commune, on__gte=start, on__lte=end)
        .values("allocation__source")
        .annotate(s=Sum("amount"))
        .values_list("allocation__source", "s")
    )
    keys = sorted(set(planned) | set(spent), key=lambda k: -(planned.get(k) or 0))
    return [(labels.get(k, k), planned.get(k) or 0, spent.get(k) or 0) for k in keys]
