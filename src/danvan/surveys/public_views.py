"""Public pages: answering a survey on a phone without an account (/xa/<slug>/khao-sat/<short>/, reached
from the poster's QR code through /k/<short>/; a client token and a per-address rate limit), and the
commune's satisfaction figures. A resident not satisfied with a petition's result says so on its
tracking page (`petitions.services.resident`)."""

from __future__ import annotations

import datetime as dt
import uuid

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from danvan.core.errors import ServiceError
from danvan.core.forms import form_error
from danvan.core.ratelimit import take_slot
from danvan.geo.selectors import commune_by_slug
from danvan.surveys import ratings, rules, selectors, services
from danvan.surveys.forms import AnswerForm
from danvan.surveys.models import Survey

RATE_LIMIT_MESSAGE = "Máy này đã gửi quá nhiều lần trong một giờ. Vui lòng thử lại sau."


def short_link(request, short: str):
    survey = get_object_or_404(Survey.objects.select_related("commune"), short_code=short.lower())
    if not survey.commune.is_active:
        raise Http404("Không tìm thấy phiếu khảo sát.")
    target = reverse("surveys_public:answer", args=[survey.commune.slug, survey.short_code])
    # An SMS invitation's link carries the person's code: keep it so they need not type it.
    code = "".join(ch for ch in request.GET.get("ma", "")[:20] if ch.isalnum())
    return redirect(f"{target}?ma={code}" if code else target)


def satisfaction(request, slug: str):
    """The public figures: the year's SIPAS-style index per aspect and petition ratings by field and
    month (no case, no person). Eight queries whatever the number of answers."""
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    raw = request.GET.get("nam", "")
    year = int(raw) if raw.isdigit() and 2020 <= int(raw) <= today.year else today.year
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    survey_ids = list(Survey.objects.filter(commune=commune, is_sipas=True).values_list("pk", flat=True))
    aspects, overall = selectors.index_of(survey_ids, start=start, end=end)
    return render(
        request,
        "surveys/public/satisfaction.html",
        {
            "commune": commune,
            "year": year,
            "years": range(max(2020, today.year - 4), today.year + 1),
            "aspects": aspects,
            "overall": overall,
            "ratings": ratings.rating_summary(commune, start, end),
        },
    )


@never_cache  # the form carries a one-time client token
def answer(request, slug: str, short: str):
    commune = commune_by_slug(slug)
    survey = get_object_or_404(Survey, commune=commune, short_code=short.lower())
    if survey.status != Survey.Status.OPEN:
        return render(
            request, "surveys/public/closed.html", {"commune": commune, "survey": survey}, status=410
        )
    sections = selectors.sections_with_questions(survey)
    ask_code = survey.one_answer == Survey.OneAnswer.CODE
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, survey=survey, sections=sections, ask_code=ask_code)
        token = (request.POST.get("client_token") or "").strip()[:64]
        if token and survey.responses.filter(client_token=token).exists():
            return render(request, "surveys/public/thanks.html", {"commune": commune, "survey": survey})
        status = 400
        if form.is_valid():
            limited = not ask_code and not take_slot(
                request,
                scope=f"surveys:{survey.pk}",
                limit=rules.PUBLIC_ANSWERS_PER_HOUR,
                window_seconds=3600,
            )
            if limited:
                form.add_error(None, RATE_LIMIT_MESSAGE)
                status = 429
            else:
                try:
                    services.response_submit(
                        survey=survey,
                        answers=form.answers(),
                        village=form.cleaned_data["village"],
                        client_token=form.cleaned_data["client_token"],
                        code=form.cleaned_data.get("code", ""),
                    )
                except ServiceError as exc:
                    form_error(form, exc)
                    status = 409 if exc.code == "used_code" else 400
                else:
                    return render(
                        request, "surveys/public/thanks.html", {"commune": commune, "survey": survey}
                    )
    else:
        initial = {"client_token": uuid.uuid4().hex}
        if ask_code and request.GET.get("ma"):
            initial["code"] = request.GET["ma"][:20]
        form = AnswerForm(initial=initial, survey=survey, sections=sections, ask_code=ask_code)
    return render(
        request,
        "surveys/public/answer.html",
        {"commune": commune, "survey": survey, "form": form},
        status=status,
    )
