"""Reads of administrative units used by the portal and the workspace."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from danvan.geo.models import Commune, Village
from danvan.text.normalize import fold


def commune_by_slug(slug: str) -> Commune:
    """The commune whose portal lives at /xa/<slug>/; 404 if none is active there."""
    try:
        # A provincial agency has no public portal: its disclosures are internal.
        return (
            Commune.objects.select_related("province")
            .exclude(division_type=Commune.DivisionType.AGENCY)
            .get(slug=slug, is_active=True)
        )
    except Commune.DoesNotExist as exc:
        raise Http404("Không tìm thấy xã/phường này trên Dân Vận Số.") from exc


def active_communes() -> QuerySet[Commune]:
    communes = Commune.objects.filter(is_active=True).exclude(division_type=Commune.DivisionType.AGENCY)
    return communes.select_related("province").order_by("name")


def communes_search(query: str, *, limit: int = 20) -> list[Commune]:
    """Communes whose name matches with or without accents ('ta dung' finds 'Xã Tà Đùng')."""
    key = fold(query)
    if not key:
        return []
    rows = (
        Commune.objects.select_related("province")
        .exclude(division_type=Commune.DivisionType.AGENCY)  # no portal to find
        .only("code", "name", "slug", "is_active", "province__name")
    )
    return [c for c in rows if key in fold(c.name)][:limit]


def villages_of(commune: Commune) -> QuerySet[Village]:
    return Village.objects.filter(commune=commune).order_by("name")
