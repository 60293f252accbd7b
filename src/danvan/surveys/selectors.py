"""Reads of the surveys app in a fixed number of queries: a survey's questions, its results (each
question's distribution; the SIPAS index per aspect and overall, with its interval; by village and by
month), and the province's view of the index across communes."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from danvan.geo.models import Village
from danvan.surveys import rules
from danvan.surveys.models import Answer, Question, Response, Section, Survey

SATISFIED = Q(scale__gte=rules.SATISFIED_FROM)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of a local day as an aware datetime: a range on the stored column, where a lookup on
    its date would convert every row (slow on SQLite)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def sections_with_questions(survey: Survey) -> list[Section]:
    return list(
        survey.sections.order_by("order", "id").prefetch_related(
            Prefetch("questions", queryset=Question.objects.order_by("order", "id"))
        )
    )


def _answers(survey_ids, *, start=None, end=None, village_id=None, question_ids=None) -> QuerySet[Answer]:
    """Answers of the surveys. With `question_ids` the survey is implied by the questions, so no join to
    the responses is made unless a date or a village is asked (10,000 answers: 4× faster on SQLite)."""
    if question_ids is not None:
        qs = Answer.objects.filter(question_id__in=question_ids)
    else:
        qs = Answer.objects.filter(response__survey__in=survey_ids)
    if start:
        qs = qs.filter(response__submitted_at__gte=day_start(start))
    if end:
        qs = qs.filter(response__submitted_at__lt=day_start(end + dt.timedelta(days=1)))
    if village_id:
        qs = qs.filter(response__village_id=village_id)
    return qs


@dataclass
class AspectRow:
    key: str
    label: str
    index: rules.Index


@dataclass
class QuestionResult:
    question: Question
    counts: list[tuple[str, int]] = field(default_factory=list)  # label, count
    total: int = 0
    texts: list[str] = field(default_factory=list)


@dataclass
class Results:
    responses: int
    aspects: list[AspectRow]
    overall: rules.Index
    questions: list[tuple[Section, list[QuestionResult]]]
    by_village: list[tuple[str, int, float | None]]  # village, responses, overall %
    by_month: list[tuple[dt.date, int, float | None]]


def index_of(survey_ids, **filters) -> tuple[list[AspectRow], rules.Index]:
    """The SIPAS index per aspect and overall, from the scale questions that carry an aspect. Three
    queries (the questions, then two aggregated in SQL)."""
    dims = dict(
        Question.objects.filter(section__survey__in=survey_ids, dimension__gt="").values_list(
            "pk", "dimension"
        )
    )
    dim = _answers(survey_ids, question_ids=list(dims), **filters).filter(scale__isnull=False)
    per_aspect: dict[str, tuple[int, int]] = {}
    for r in dim.values("question_id").annotate(n=Count("id"), s=Count("id", filter=SATISFIED)):
        s0, n0 = per_aspect.get(dims[r["question_id"]], (0, 0))
        per_aspect[dims[r["question_id"]]] = (s0 + r["s"], n0 + r["n"])
    aspects = [
        AspectRow(key, label, rules.aspect_index(*per_aspect.get(key, (0, 0))))
        for key, label in rules.ASPECTS.items()
    ]
    shares = [
        r["s"] / r["n"]
        for r in dim.values("response_id").annotate(n=Count("id"), s=Count("id", filter=SATISFIED))
        if r["n"]
    ]
    return aspects, rules.overall_index(shares)


def results(
    survey: Survey, *, start: dt.date | None = None, end: dt.date | None = None, village_id: int | None = None
) -> Results:
    """Everything the results page shows; nine queries whatever the number of answers."""
    filters = {"start": start, "end": end, "village_id": village_id}
    responses = Response.objects.filter(survey=survey)
    if start:
        responses = responses.filter(submitted_at__gte=day_start(start))
    if end:
        responses = responses.filter(submitted_at__lt=day_start(end + dt.timedelta(days=1)))
    if village_id:
        responses = responses.filter(village_id=village_id)
    aspects, overall = index_of([survey.pk], **filters)
    sections = sections_with_questions(survey)
    questions = [q for section in sections for q in section.questions.all()]

    def of(*kinds):
        return _answers([survey.pk], question_ids=[q.pk for q in questions if q.kind in kinds], **filters)

    scale_counts: dict[int, Counter] = defaultdict(Counter)
    for r in of("scale").values("question_id", "scale").annotate(n=Count("id")):
        scale_counts[r["question_id"]][r["scale"]] = r["n"]
    # Grouped in SQL by the list of picks (few distinct lists), not read answer by answer.
    pick_counts: dict[int, Counter] = defaultdict(Counter)
    for r in of("single", "multiple").values("question_id", "picks").annotate(n=Count("id")):
        for i in r["picks"] or []:
            pick_counts[r["question_id"]][i] += r["n"]
    texts: dict[int, list[str]] = defaultdict(list)
    for qid, text in of("text").exclude(text="").order_by("-id").values_list("question_id", "text")[:2000]:
        if len(texts[qid]) < 50:
            texts[qid].append(text)
    out_q = []
    for section in sections:
        rows = []
        for q in section.questions.all():
            res = QuestionResult(q)
            if q.kind == Question.Kind.SCALE:
                res.counts = [
                    (f"{k} – {rules.SCALE_LABELS[k]}", scale_counts[q.pk][k]) for k in range(5, 0, -1)
                ]
            elif q.kind == Question.Kind.TEXT:
                res.texts = texts[q.pk]
            else:
                res.counts = [(c, pick_counts[q.pk][i]) for i, c in enumerate(q.choices)]
            res.total = sum(n for _, n in res.counts) if res.counts else len(res.texts)
            rows.append(res)
        out_q.append((section, rows))
    dim = _answers(
        [survey.pk], question_ids=[q.pk for q in questions if q.dimension and q.kind == "scale"], **filters
    ).filter(scale__isnull=False)
    # One row per respondent (their village, their day, their satisfied share): grouped in Python by
    # village and by local month, where a month function in SQL would run on every answer row.
    by_village_id: dict = defaultdict(list)
    by_month_key: dict = defaultdict(list)
    for r in dim.values("response_id", "response__village_id", "response__submitted_at").annotate(
        n=Count("id"), s=Count("id", filter=SATISFIED)
    ):
        share = r["s"] / r["n"]
        by_village_id[r["response__village_id"]].append(share)
        local = timezone.localtime(r["response__submitted_at"])
        by_month_key[dt.date(local.year, local.month, 1)].append(share)
    names = dict(Village.objects.filter(pk__in=[k for k in by_village_id if k]).values_list("pk", "name"))
    by_village = sorted(
        (
            (names.get(vid) or "Không ghi thôn", len(shares), round(100 * sum(shares) / len(shares), 1))
            for vid, shares in by_village_id.items()
        ),
        key=lambda row: row[0],
    )
    by_month = sorted(
        (month, len(shares), round(100 * sum(shares) / len(shares), 1))
        for month, shares in by_month_key.items()
    )
    return Results(
        responses=responses.count(),
        aspects=aspects,
        overall=overall,
        questions=out_q,
        by_village=by_village,
        by_month=by_month,
    )


def survey_list(commune) -> list[Survey]:
    return list(
        Survey.objects.filter(commune=commune)
        .annotate(answers=Count("responses"))
        .order_by("-created_at")[:200]
    )


def sipas_by_commune(codes: list[str], start: dt.date, end: dt.date) -> dict[str, tuple[int, float | None]]:
    """Per commune: answers to its SIPAS surveys in the period and the overall index. One query."""
    groups: dict[str, list[float]] = defaultdict(list)
    rows = (
        Answer.objects.filter(
            response__survey__commune__in=codes,
            response__survey__is_sipas=True,
            response__submitted_at__gte=day_start(start),
            response__submitted_at__lt=day_start(end + dt.timedelta(days=1)),
            question__dimension__gt="",
            scale__isnull=False,
        )
        .values("response_id", "response__survey__commune_id")
        .annotate(n=Count("id"), s=Count("id", filter=SATISFIED))
    )
    for r in rows:
        groups[r["response__survey__commune_id"]].append(r["s"] / r["n"])
    return {
        code: (
            len(groups[code]),
            round(100 * sum(groups[code]) / len(groups[code]), 1) if groups[code] else None,
        )
        for code in codes
    }
