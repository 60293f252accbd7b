"""Survey answers as .xlsx, without personal data (the survey asks none: no name, no phone, no address
beyond the village the person chose to give), and the one-time codes to print on tickets."""

from __future__ import annotations

from django.db.models import Prefetch

from danvan.documents import xlsx
from danvan.surveys import rules
from danvan.surveys.models import Answer, Question, Response, Survey
from danvan.surveys.services.builder import format_code


def _cell(q: Question, a: Answer | None) -> str | int:
    if a is None:
        return ""
    if q.kind == Question.Kind.SCALE:
        return a.scale or ""
    if q.kind == Question.Kind.TEXT:
        return a.text
    return "; ".join(q.choices[i] for i in a.picks if 0 <= i < len(q.choices))


def answers_xlsx(survey: Survey) -> bytes:
    """One row per answer, one column per question; four queries whatever the number of answers."""
    questions = list(
        Question.objects.filter(section__survey=survey).order_by(
            "section__order", "section_id", "order", "id"
        )
    )
    header = ["STT", "Ngày", "Hình thức", "Thôn"] + [
        (f"[{rules.ASPECTS[q.dimension]}] " if q.dimension else "") + q.text for q in questions
    ]
    wb, ws = xlsx.workbook("Trả lời khảo sát", header, [6, 12, 12, 18] + [30] * len(questions))
    responses = (
        Response.objects.filter(survey=survey)
        .select_related("village")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=Answer.objects.only("response_id", "question_id", "scale", "picks", "text"),
            )
        )
        .order_by("submitted_at", "id")
    )
    for n, r in enumerate(responses.iterator(chunk_size=500), start=1):
        by_q = {a.question_id: a for a in r.answers.all()}
        ws.append(
            [
                n,
                xlsx.day_cell(r.submitted_at.date()),
                r.get_channel_display(),
                r.village.name if r.village else "",
            ]
            + [_cell(q, by_q.get(q.pk)) for q in questions]
        )
    return xlsx.to_bytes(wb)


def codes_xlsx(survey: Survey, codes: list[str], link: str) -> bytes:
    wb, ws = xlsx.workbook("Mã phiếu", ["STT", "Mã phiếu", "Địa chỉ trả lời"], [6, 16, 50])
    for i, code in enumerate(codes, start=1):
        ws.append([i, format_code(code), link])
    return xlsx.to_bytes(wb)
