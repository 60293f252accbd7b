"""The staff page "Căn cứ pháp lý": the legal rules registry (`danvan.law`) as in force on a day, each rule
linked to where the product uses it. It lives in `web`, above the apps it links to; the registry lives
below them."""

from __future__ import annotations

import json
from datetime import date

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from danvan.law.registry import rules_in_force
from danvan.org.access import commune_for
from danvan.org.pages import workspace_context


@login_required
def rules_page(request, code: str):
    commune = commune_for(request.user, code)
    day, bad_date = timezone.localdate(), False
    if request.GET.get("ngay"):
        try:
            day = date.fromisoformat(request.GET["ngay"])
        except ValueError:
            bad_date = True
    rows = [
        {
            "rule": r,
            "value": json.dumps(dict(r.value), ensure_ascii=False),
            "uses": [(u.label, reverse(u.url_name, args=[commune.code])) for u in r.uses],
        }
        for r in rules_in_force(day)
    ]
    return render(
        request,
        "web/ws/rules.html",
        workspace_context(request, commune, rows=rows, day=day, bad_date=bad_date),
    )
