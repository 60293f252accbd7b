"""The portal's showcase of recognised “Dân vận khéo” models (tuyên truyền, nhân rộng điển hình): only
models whose registrant agreed to publish them, and only the photos marked for the portal."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import render

from danvan.exemplars import rules, selectors
from danvan.geo.selectors import commune_by_slug


def showcase(request, slug: str):
    commune = commune_by_slug(slug)
    rows = list(selectors.public_exemplars(commune=commune)[:300])
    return render(request, "exemplars/public/list.html", {"commune": commune, "rows": rows})


def exemplar(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    e = selectors.public_exemplar(commune=commune, pk=pk)
    if e is None:
        raise Http404("Không tìm thấy mô hình này.")
    return render(
        request,
        "exemplars/public/detail.html",
        {
            "commune": commune,
            "e": e,
            "targets": [(t, rules.attainment(t.planned, t.achieved)) for t in e.targets.all()],
        },
    )


def photo(request, slug: str, pk: int, pid: int):
    commune = commune_by_slug(slug)
    e = selectors.public_exemplar(commune=commune, pk=pk)
    item = next((p for p in (e.photos if e else []) if p.pk == pid and p.evidence), None)
    if item is None:
        raise Http404("Không tìm thấy ảnh này.")
    return FileResponse(
        item.evidence.open("rb"),
        content_type=f"image/{'jpeg' if item.evidence_kind == 'jpg' else item.evidence_kind}",
    )
