"""Demo satisfaction content, written through the services: the SIPAS-style survey open at the one-stop
counter with answers from the villages (some typed in from paper), and a resident's follow-up of a low
rating on the demo's resolved petition. Our own invented answers; idempotent."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from danvan.geo.models import Commune, Village
from danvan.petitions.models import Petition
from danvan.petitions.services.resident import petition_rate_with_reason
from danvan.surveys import rules, services
from danvan.surveys.models import Question, Survey

# (village or None, the 1–5 value per aspect in rules.ASPECTS order, typed from paper?)
ANSWERS = [
    ("Thôn 1", (5, 4, 5, 4, 4), False),
    ("Thôn 1", (4, 4, 5, 5, 3), False),
    ("Thôn 1", (4, 3, 4, 4, 4), True),
    ("Thôn 2", (3, 2, 4, 3, 2), False),
    ("Thôn 2", (4, 4, 4, 4, 4), True),
    ("Thôn 2", (5, 5, 5, 5, 5), False),
    ("Thôn 3", (4, 4, 5, 4, 3), False),
    ("Thôn 3", (2, 3, 4, 2, 2), True),
    ("Thôn 3", (4, 4, 4, 5, 4), False),
    ("Bon Đắk Mai", (3, 3, 4, 3, 3), True),
    ("Bon Đắk Mai", (4, 3, 5, 4, 4), True),
    (None, (5, 4, 5, 4, 5), False),
    (None, (4, 4, 4, 4, 3), False),
    (None, (1, 2, 3, 2, 1), False),
]
COMMENTS = {
    0: "Cán bộ Một cửa hướng dẫn rất tận tình.",
    3: "Phải đi lại hai lần vì thiếu giấy tờ không được báo trước.",
}


def demo_surveys(commune: Commune) -> None:
    """A second call adds nothing: the survey is written only when the commune has none."""
    if Survey.objects.filter(commune=commune).exists():
        return
    users = get_user_model().objects.in_bulk(["dieuphoi", "vanphong"], field_name="username")
    coordinator, clerk = users["dieuphoi"], users["vanphong"]
    survey = services.survey_create_sipas(by=coordinator, commune=commune)
    services.survey_open(by=coordinator, survey=survey)
    survey.refresh_from_db()
    questions = list(Question.objects.filter(section__survey=survey))
    dims = {q.dimension: q for q in questions if q.dimension}
    text_q = next(q for q in questions if q.kind == Question.Kind.TEXT)
    villages = {v.name: v for v in Village.objects.filter(commune=commune)}
    for i, (village, values, paper) in enumerate(ANSWERS):
        answers: dict = {
            q.pk: str(i % len(q.choices)) for q in questions if q.kind == "single" and q.required
        }
        answers.update({dims[key].pk: str(v) for key, v in zip(rules.ASPECTS, values, strict=True)})
        if i in COMMENTS:
            answers[text_q.pk] = COMMENTS[i]
        services.response_submit(
            survey=survey,
            answers=answers,
            village=villages.get(village) if village else None,
            client_token=f"demo-survey-{i}",
            by=clerk if paper else None,
        )
    resolved = Petition.objects.filter(commune=commune, status="resolved", rating__isnull=True).first()
    if resolved is not None:
        petition_rate_with_reason(
            petition=resolved,
            tracking_code=resolved.tracking_code,
            rating=2,
            reason="Đường đã vá nhưng chỉ một đoạn, đoạn gần trường học vẫn còn ổ gà.",
            review=True,
        )
