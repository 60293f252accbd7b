"""Reading the follow-up: a case's items, the commune's list (late first) as a reader may see it, and the
period's counts for the report (no names, no content)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, Q, QuerySet

from danvan.followup.models import ExecutionItem
from danvan.followup.services import may_see_item

S = ExecutionItem.Status


def items_of(petition) -> list[ExecutionItem]:
    return list(petition.execution_items.select_related("unit", "decision").order_by("due_on", "pk"))


def visible_items(commune, user, *, late_only: bool = False, today: dt.date) -> list[ExecutionItem]:
    """The commune's items this user may see (a denunciation's only for those who may see its content),
    open and late first."""
    qs = ExecutionItem.objects.filter(commune=commune).select_related("petition__commune", "unit", "decision")
    if late_only:
        qs = qs.filter(status=S.OPEN, due_on__lt=today)
    rows = [i for i in qs.order_by("due_on", "pk")[:500] if may_see_item(user, i.petition)]
    return sorted(rows, key=lambda i: (not i.is_late(today), i.status != S.OPEN, i.due_on))


def late_items(commune, today: dt.date) -> QuerySet[ExecutionItem]:
    """Open items past their due date (the leader's home counts them: it names nothing)."""
    return ExecutionItem.objects.filter(commune=commune, status=S.OPEN, due_on__lt=today)


def period_counts(communes: Iterable, start: dt.date, end: dt.date) -> dict[str, dict[str, int]]:
    """Per commune: items given in the period, carried out in it, and open and late at its end. One query."""
    codes = [c.code for c in communes]
    rows = (
        ExecutionItem.objects.filter(commune__in=codes)
        .values("commune_id")
        .annotate(
            given=Count("id", filter=Q(created_at__date__gte=start, created_at__date__lte=end)),
            done=Count("id", filter=Q(status=S.DONE, done_on__gte=start, done_on__lte=end)),
            open=Count("id", filter=Q(created_at__date__lte=end) & (Q(status=S.OPEN) | Q(done_on__gt=end))),
            late=Count(
                "id",
                filter=Q(created_at__date__lte=end, due_on__lt=end) & (Q(status=S.OPEN) | Q(done_on__gt=end)),
            ),
        )
    )
    out = {code: {"given": 0, "done": 0, "open": 0, "late": 0} for code in codes}
    for r in rows:
        out[r["commune_id"]] = {k: r[k] for k in ("given", "done", "open", "late")}
    return out
