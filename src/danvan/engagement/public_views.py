"""Engagement pages on the commune portal (/xa/<slug>/...): the reception calendar, dialogue invitations
with residents' questions, voters' petitions answered, and commitments with their status.

Nothing personal appears here: the register is never shown, a question shows without its asker, and
a question is public only once staff have taken it into the dialogue.
"""

from __future__ import annotations

import uuid

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from danvan.core.errors import ServiceError
from danvan.core.ratelimit import take_slot
from danvan.engagement import rules, selectors, services
from danvan.engagement.forms import PublicQuestionForm
from danvan.engagement.models import Commitment, Dialogue, DialogueQuestion
from danvan.geo.selectors import commune_by_slug

# Questions per client address in a window: enough for a family sharing a phone, too few for a script.
QUESTION_LIMIT = 5
QUESTION_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_MESSAGE = (
    "Bạn đã gửi quá {limit} câu hỏi trong {minutes} phút từ cùng một thiết bị, mạng. "
    "Vui lòng đợi ít phút rồi gửi lại."
)
CALENDAR_WEEKS = 6


def _take_question_slot(request) -> bool:
    return take_slot(
        request, scope="engagement:question", limit=QUESTION_LIMIT, window_seconds=QUESTION_WINDOW_SECONDS
    )


def schedule(request, slug: str):
    """The reception calendar: who receives citizens, when and where, for the coming weeks."""
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    weeks = selectors.calendar_weeks(commune=commune, start=today, weeks=CALENDAR_WEEKS)
    return render(
        request,
        "engagement/public/schedule.html",
        {"commune": commune, "weeks": weeks, "today": today},
    )


def dialogues(request, slug: str):
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    rows = selectors.public_dialogues(commune=commune)
    return render(
        request,
        "engagement/public/dialogues.html",
        {
            "commune": commune,
            "rows": [(d, rules.accepts_questions(d, today)) for d in rows],
        },
    )


@never_cache  # the question form carries a one-time client token
def dialogue(request, slug: str, pk: int):
    commune = commune_by_slug(slug)
    d = get_object_or_404(
        Dialogue.objects.exclude(status=Dialogue.Status.CANCELLED).prefetch_related("villages"),
        pk=pk,
        commune=commune,
    )
    today = timezone.localdate()
    status = 200
    sent = None
    if request.method == "POST":
        form = PublicQuestionForm(request.POST, commune=commune)
        token = (request.POST.get("client_token") or "").strip()[:64]
        existing = token and DialogueQuestion.objects.filter(dialogue=d, client_token=token).first()
        if existing:
            sent = existing
        elif form.is_valid():
            if not _take_question_slot(request):
                form.add_error(
                    None,
                    RATE_LIMIT_MESSAGE.format(limit=QUESTION_LIMIT, minutes=QUESTION_WINDOW_SECONDS // 60),
                )
                status = 429
            else:
                c = form.cleaned_data
                try:
                    sent = services.dialogue_question_submit(
                        dialogue=d,
                        content=c["content"],
                        asker_name=c["asker_name"],
                        village=c["village"],
                        client_token=c["client_token"] or None,
                    )
                except ServiceError as exc:
                    form.add_error("content" if exc.field == "content" else None, exc.message)
                    status = 409 if exc.code == "dialogue_closed" else 400
        else:
            status = 400
        if sent is not None:
            form = PublicQuestionForm(commune=commune, initial={"client_token": uuid.uuid4().hex})
    else:
        form = PublicQuestionForm(commune=commune, initial={"client_token": uuid.uuid4().hex})
    return render(
        request,
        "engagement/public/dialogue.html",
        {
            "commune": commune,
            "d": d,
            "open": rules.accepts_questions(d, today),
            "questions": selectors.dialogue_with_questions(d, public=True),
            "commitments": list(
                d.commitments.select_related("unit").only(
                    "id", "dialogue_id", "content", "unit__name", "due_on", "status", "done_on"
                )
            ),
            "form": form,
            "sent": sent,
            "today": today,
        },
        status=status,
    )


def commitments(request, slug: str):
    commune = commune_by_slug(slug)
    today = timezone.localdate()
    rows = selectors.public_commitments(commune=commune)
    counts = {s: sum(1 for c in rows if c.status == s) for s in Commitment.Status.values}
    return render(
        request,
        "engagement/public/commitments.html",
        {
            "commune": commune,
            "rows": [(c, rules.commitment_is_late(c, today)) for c in rows],
            "counts": [(Commitment.Status(s).label, n) for s, n in counts.items()],
            "late": sum(1 for c in rows if rules.commitment_is_late(c, today)),
        },
    )


def voter_answers(request, slug: str):
    commune = commune_by_slug(slug)
    return render(
        request,
        "engagement/public/voter_answers.html",
        {"commune": commune, "rows": selectors.published_voter_answers(commune=commune)},
    )
