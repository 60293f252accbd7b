"""Measures read from `exemplars`: “Dân vận khéo” models registered and recognised in the year."""

from __future__ import annotations

from django.db.models import Count, Q

from danvan.exemplars.models import Exemplar
from danvan.exemplars.rules import RECOGNISED
from danvan.org.models import Unit
from danvan.scoring.measures.base import Measure

REGISTERED = "exemplars.registered"
RECOGNISED_KEY = "exemplars.recognised"


def _counts(codes, year, group: str) -> dict:
    return {
        r[group]: r
        for r in Exemplar.objects.filter(commune__in=codes, year=year)
        .values(group)
        .annotate(registered=Count("id"), recognised=Count("id", filter=Q(status__in=list(RECOGNISED))))
        .order_by()
        if r[group] is not None
    }


def for_units(keys, *, commune, year, as_of, targets) -> dict:
    if not keys & {REGISTERED, RECOGNISED_KEY}:
        return {}
    rows = _counts([commune.code], year, "unit_id")
    units = list(Unit.objects.filter(commune=commune, is_active=True).values_list("pk", flat=True))
    out = {}
    for key, field, words in (
        (REGISTERED, "registered", "đăng ký"),
        (RECOGNISED_KEY, "recognised", "được công nhận"),
    ):
        if key in keys:
            need = targets.get(key) or 1
            out[key] = {
                u: Measure(
                    min(rows.get(u, {}).get(field, 0), need),
                    need,
                    f"{rows.get(u, {}).get(field, 0)} mô hình {words} (chỉ tiêu {need})",
                )
                for u in units
            }
    return out


def for_communes(keys, *, codes, year, as_of, targets) -> dict:
    out = {}
    rows = _counts(codes, year, "commune_id") if keys & {REGISTERED, RECOGNISED_KEY} else {}
    if REGISTERED in keys:
        # The share of the commune's units that registered at least one model.
        units = dict(
            Unit.objects.filter(commune__in=codes, is_active=True)
            .values_list("commune_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        registering = dict(
            Exemplar.objects.filter(commune__in=codes, year=year, unit__isnull=False)
            .values_list("commune_id")
            .annotate(n=Count("unit", distinct=True))
            .order_by()
        )
        out[REGISTERED] = {
            c: Measure(
                registering.get(c, 0),
                units.get(c, 0),
                f"{registering.get(c, 0)}/{units.get(c, 0)} đơn vị đã đăng ký mô hình",
            )
            for c in codes
            if units.get(c)
        }
    if RECOGNISED_KEY in keys:
        need = targets.get(RECOGNISED_KEY) or 1
        out[RECOGNISED_KEY] = {
            c: Measure(
                min(rows.get(c, {}).get("recognised", 0), need),
                need,
                f"{rows.get(c, {}).get('recognised', 0)} mô hình được công nhận (chỉ tiêu {need})",
            )
            for c in codes
        }
    return out
