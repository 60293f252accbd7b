"""Shared helpers of the survey tests: a SIPAS survey, answers by hand, rated petitions."""

from __future__ import annotations

from django.utils import timezone

from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition
from danvan.petitions.services.workflow import petition_rate
from danvan.petitions.tracking import new_tracking_code
from danvan.surveys import rules, services
from danvan.surveys.models import Question


def sipas(commune, by, **kw):
    survey = services.survey_create_sipas(by=by, commune=commune, **kw)
    services.survey_open(by=by, survey=survey)
    survey.refresh_from_db()
    return survey


def aspect_questions(survey) -> dict[str, Question]:
    return {q.dimension: q for q in Question.objects.filter(section__survey=survey, dimension__gt="")}


def answer(survey, scales: dict[str, int], *, village=None, token="", code="", by=None, extra=None):
    """One response: the given 1–5 value per aspect, the first choice on every other required question."""
    dims = aspect_questions(survey)
    answers: dict = {}
    for q in Question.objects.filter(section__survey=survey, required=True).exclude(dimension__gt=""):
        answers[q.pk] = "0" if q.kind in ("single", "multiple") else "Ý kiến"
    for key, value in scales.items():
        answers[dims[key].pk] = str(value)
    answers.update(extra or {})
    return services.response_submit(
        survey=survey, answers=answers, village=village, client_token=token, code=code, by=by
    )


ALL = list(rules.ASPECTS)


def rated_petition(commune, rating: int | None, *, field_name="Đất đai", unit_name="Phòng Kinh tế"):
    field = Field.objects.filter(commune=None, name__icontains=field_name).first() or Field.objects.create(
        name=field_name
    )
    petition = Petition.objects.create(
        commune=commune,
        tracking_code=new_tracking_code(),
        received_on=timezone.localdate(),
        content="Đề nghị sửa đường",
        kind="feedback",
        status="resolved",
        field=field,
        unit=Unit.objects.get(commune=commune, name=unit_name),
    )
    if rating is None:  # resolved, not rated yet
        return petition
    return petition_rate(petition=petition, rating=rating, tracking_code=petition.tracking_code)
