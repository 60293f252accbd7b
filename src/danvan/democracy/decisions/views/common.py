"""What the village-decision pages share: looking up villages and decisions inside the commune, the
village head's own villages, page addresses."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse

from danvan.democracy.decisions import rules
from danvan.democracy.decisions.models import VillageDecision
from danvan.democracy.decisions.rules import DecisionStatus
from danvan.geo.models import Village
from danvan.geo.selectors import villages_of
from danvan.org.access import commune_for

Status = DecisionStatus
PAGE_SIZE = 50


# --- helpers --------------------------------------------------------------------------------------


def village_or_404(commune, village_id: int) -> Village:
    return get_object_or_404(Village, commune=commune, pk=village_id)


def managed_village(request, code: str, village_id: int):
    commune = commune_for(request.user, code, permission="decisions.manage")
    village = village_or_404(commune, village_id)
    if not rules.can_manage_village(request.user, village):
        raise PermissionDenied("Bạn chỉ quản lý sổ hộ và biểu quyết của thôn mình.")
    return commune, village


def managed_villages(user, commune) -> list[Village]:
    return [v for v in villages_of(commune) if rules.can_manage_village(user, v)]


def decision_or_404(commune, pk: int) -> VillageDecision:
    return get_object_or_404(
        VillageDecision.objects.select_related("village", "commune"), commune=commune, pk=pk
    )


def managed_decision(request, code: str, pk: int):
    commune = commune_for(request.user, code, permission="decisions.manage")
    decision = decision_or_404(commune, pk)
    if not rules.can_manage_village(request.user, decision.village):
        raise PermissionDenied("Bạn chỉ quản lý biểu quyết của thôn mình.")
    return commune, decision


def detail_url(decision) -> str:
    return reverse("decisions:detail", kwargs={"code": decision.commune_id, "pk": decision.pk})


def vote_url(request, decision, household_code: str = "") -> str:
    url = reverse("decisions_public:vote", kwargs={"slug": decision.commune.slug, "pk": decision.pk})
    if household_code:
        url += f"?ho={household_code}"
    return request.build_absolute_uri(url)
