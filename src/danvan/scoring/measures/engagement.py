"""Measures read from `engagement`: the Chairman's reception kept to the legal rhythm, dialogues held,
commitments kept by their due date."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, F, Q

from danvan.engagement import rules as engagement_rules
from danvan.engagement.models import Commitment, Dialogue, ReceptionSession
from danvan.scoring.measures.base import Measure, year_bounds

RECEPTION = "engagement.reception_kept"
DIALOGUES = "engagement.dialogues_held"
COMMITMENTS = "engagement.commitments_kept"


def _commitments(codes, year, as_of, group: str) -> dict:
    start, end = year_bounds(year, as_of)
    rows = (
        Commitment.objects.filter(commune__in=codes, due_on__gte=start, due_on__lte=end)
        .exclude(status=Commitment.Status.CANCELLED)
        .values(group)
        .annotate(
            total=Count("id"),
            kept=Count("id", filter=Q(status=Commitment.Status.DONE, done_on__lte=F("due_on"))),
        )
        .order_by()
    )
    return {
        r[group]: Measure(
            r["kept"], r["total"], f"{r['kept']}/{r['total']} cam kết đến hạn đã thực hiện đúng hạn"
        )
        for r in rows
    }


def _reception(codes, year, as_of) -> dict:
    """Weeks (months from 1/7/2026) of the year ended by `as_of` in which the Chairman received
    citizens as often as the law asks (Luật Tiếp công dân 2013, Điều 15, as amended)."""
    start, end = year_bounds(year, as_of)
    days: dict[str, list[dt.date]] = defaultdict(list)
    for code, on in ReceptionSession.objects.filter(
        commune__in=codes,
        on__gte=start - dt.timedelta(days=6),
        on__lte=end,
        host_role=ReceptionSession.HostRole.CHAIRMAN,
    ).values_list("commune_id", "on"):
        days[code].append(on)
    out = {}
    for code in codes:
        periods = [
            p for p in engagement_rules.reception_periods(days[code], first=start, last=end) if p.end <= end
        ]
        if not periods:
            continue
        kept = sum(not p.short for p in periods)
        out[code] = Measure(
            kept, len(periods), f"{kept}/{len(periods)} kỳ (tuần, tháng) Chủ tịch tiếp công dân đủ lịch"
        )
    return out


def _dialogues(codes, year, as_of, target: int | None) -> dict:
    start, end = year_bounds(year, as_of)
    held = dict(
        Dialogue.objects.filter(commune__in=codes, status=Dialogue.Status.HELD, on__gte=start, on__lte=end)
        .values_list("commune_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    need = target or 1
    return {
        code: Measure(
            min(held.get(code, 0), need),
            need,
            f"{held.get(code, 0)} buổi đối thoại đã tổ chức (chỉ tiêu {need})",
        )
        for code in codes
    }


def for_units(keys, *, commune, year, as_of, targets) -> dict:
    return {COMMITMENTS: _commitments([commune.code], year, as_of, "unit_id")} if COMMITMENTS in keys else {}


def for_communes(keys, *, codes, year, as_of, targets) -> dict:
    out = {}
    if COMMITMENTS in keys:
        out[COMMITMENTS] = _commitments(codes, year, as_of, "commune_id")
    if RECEPTION in keys:
        out[RECEPTION] = _reception(codes, year, as_of)
    if DIALOGUES in keys:
        out[DIALOGUES] = _dialogues(codes, year, as_of, targets.get(DIALOGUES))
    return out
