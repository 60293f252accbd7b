"""Village decisions on the portal, /xa/<slug>/ban-quyet-dinh/ and bieu-quyet/: published results and
online voting with a household's code (limited per client address)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.democracy.decisions import rules, selectors, services
from danvan.democracy.decisions.forms import (
    CodeRequestForm,
    OnlineVoteForm,
)
from danvan.democracy.decisions.models import Household, VillageDecision
from danvan.democracy.decisions.rules import Method
from danvan.democracy.decisions.views.common import (
    PAGE_SIZE,
    Status,
    vote_url,
)
from danvan.geo.selectors import commune_by_slug

# --- the public portal ----------------------------------------------------------------------------

# Public voting posts per client address in a window: a family or a village head helping neighbours
# on one phone stays far below; someone trying household codes or 6-digit codes does not.
VOTE_LIMIT = 30
VOTE_WINDOW_SECONDS = 10 * 60


def public_list(request, slug: str):
    """Published results: what was decided in which village, with the counts; nothing per household."""
    commune = commune_by_slug(slug)
    page = Paginator(selectors.published_decisions(commune), PAGE_SIZE).get_page(request.GET.get("trang"))
    results = selectors.results_for(page.object_list)
    open_online = selectors.open_online_decisions(commune)
    return render(
        request,
        "democracy/decisions/public/list.html",
        {
            "commune": commune,
            "page": page,
            "rows": [{"d": d, "result": results[d.pk]} for d in page.object_list],
            "open_online": open_online,
        },
    )


def public_detail(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    decision = get_object_or_404(selectors.published_decisions(commune), pk=pk)
    result = selectors.results_for([decision])[decision.pk]
    return render(
        request,
        "democracy/decisions/public/detail.html",
        {"commune": commune, "d": decision, "result": result},
    )


def _take_vote_slot(request) -> bool:
    return take_slot(request, scope="decisions:vote", limit=VOTE_LIMIT, window_seconds=VOTE_WINDOW_SECONDS)


def _household_by_code(decision, raw: str) -> Household | None:
    code = " ".join((raw or "").split())
    if not code:
        return None
    return Household.objects.filter(village_id=decision.village_id, code__iexact=code, is_active=True).first()


NO_HOUSEHOLD = "Không tìm thấy mã hộ này trong sổ hộ của thôn. Vui lòng kiểm tra lại hoặc hỏi trưởng thôn."
RATE_LIMITED = "Bạn đã thử quá nhiều lần. Vui lòng đợi 10 phút rồi thử lại, hoặc liên hệ trưởng thôn."


@never_cache
def public_vote(request, slug: str, pk: int):
    """A household representative votes on a phone: ask for a code, then enter it with the choice."""
    commune = commune_by_slug(slug)
    decision = get_object_or_404(
        VillageDecision.objects.select_related("village", "commune"),
        commune=commune,
        pk=pk,
        method=Method.ONLINE,
    )
    if decision.status == Status.DRAFT:
        raise Http404("Nội dung này chưa mở biểu quyết.")
    ho = (request.GET.get("ho") or request.POST.get("household_code") or "").strip()[:30]
    request_form = CodeRequestForm(initial={"household_code": ho})
    vote_form = OnlineVoteForm(initial={"household_code": ho})
    sent_to = ""
    status = 200
    step = request.POST.get("step")
    if request.method == "POST" and step in ("ma", "phieu"):
        bound = CodeRequestForm(request.POST) if step == "ma" else OnlineVoteForm(request.POST)
        if step == "ma":
            request_form = bound
        else:
            vote_form = bound
        if not _take_vote_slot(request):
            bound.is_valid()
            bound.add_error(None, RATE_LIMITED)
            status = 429
        elif bound.is_valid():
            household = _household_by_code(decision, bound.cleaned_data["household_code"])
            if household is None:
                bound.add_error("household_code", NO_HOUSEHOLD)
            elif step == "ma":
                try:
                    sent_to = services.online_code_send(
                        decision=decision,
                        household=household,
                        vote_url=vote_url(request, decision, household.code),
                    )
                except ServiceError as exc:
                    form_error(bound, exc)
                else:
                    vote_form = OnlineVoteForm(initial={"household_code": household.code})
            else:
                try:
                    receipt = services.online_vote_cast(
                        decision=decision,
                        household=household,
                        code=bound.cleaned_data["code"],
                        choice=bound.cleaned_data["choice"],
                    )
                except ServiceError as exc:
                    form_error(bound, exc)
                else:
                    return render(
                        request,
                        "democracy/decisions/public/voted.html",
                        {"commune": commune, "d": decision, "household": household, "at": receipt.cast_at},
                    )
    now = timezone.now()
    is_open = decision.status == Status.OPEN and not (decision.closes_at and now >= decision.closes_at)
    return render(
        request,
        "democracy/decisions/public/vote.html",
        {
            "commune": commune,
            "d": decision,
            "is_open": is_open,
            "request_form": request_form,
            "vote_form": vote_form,
            "sent_to": sent_to,
            "minutes": rules.ONLINE_CODE_MINUTES,
        },
        status=status,
    )


def public_vote_list(request, slug: str):
    commune = commune_by_slug(slug)
    return render(
        request,
        "democracy/decisions/public/vote_list.html",
        {"commune": commune, "open_online": selectors.open_online_decisions(commune)},
    )
