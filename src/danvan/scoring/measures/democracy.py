"""Measures read from `democracy`: the disclosures the catalogue requires a number of times a year
(Luật Thực hiện dân chủ ở cơ sở 2022, Điều 11) that were published in the year."""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.db.models import Count

from danvan.scoring.measures.base import Measure, year_bounds

DISCLOSURES = "democracy.disclosures"


def for_units(keys, *, commune, year, as_of, targets) -> dict:
    return {}


def for_communes(keys, *, codes, year, as_of, targets) -> dict:
    if DISCLOSURES not in keys:
        return {}
    # Looked up by label: the democracy app's modules are being split into sub-packages.
    kind_model = apps.get_model("democracy", "DisclosureKind")
    disclosure_model = apps.get_model("democracy", "Disclosure")
    required = dict(kind_model.objects.filter(is_active=True, per_year__gt=0).values_list("pk", "per_year"))
    if not required:
        return {}
    start, end = year_bounds(year, as_of)
    published: dict[str, dict[int, int]] = defaultdict(dict)
    for code, kind_id, n in (
        disclosure_model.objects.filter(
            commune__in=codes, kind__in=list(required), starts_on__gte=start, starts_on__lte=end
        )
        .values_list("commune_id", "kind_id")
        .annotate(n=Count("id"))
        .order_by()
    ):
        published[code][kind_id] = n
    total = sum(required.values())
    out = {}
    for code in codes:
        done = sum(min(published[code].get(k, 0), need) for k, need in required.items())
        missing = sum(1 for k, need in required.items() if published[code].get(k, 0) < need)
        out[code] = Measure(
            done, total, f"{done}/{total} lần công khai bắt buộc trong năm; còn thiếu {missing} nội dung"
        )
    return {DISCLOSURES: out}
