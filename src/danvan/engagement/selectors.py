"""Reads for the engagement pages, the portal, the leader's home and the report, in a few queries each."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from danvan.engagement import rules
from danvan.engagement.models import (
    Commitment,
    Dialogue,
    DialogueQuestion,
    ReceptionEntry,
    ReceptionSession,
    VoterMeeting,
    VoterPetition,
)
from danvan.geo.models import Commune
from danvan.law.registry import rule


def schedule(*, commune: Commune, start: dt.date, end: dt.date) -> list[ReceptionSession]:
    """Reception sessions from `start` to `end` (both included), by date and hour."""
    return list(
        ReceptionSession.objects.filter(commune=commune, on__gte=start, on__lte=end)
        .select_related("unit")
        .order_by("on", "start_time")
    )


def chairman_gaps(
    *, commune: Commune, today: dt.date | None = None, weeks: int = rules.SCHEDULE_CHECK_WEEKS
) -> list[rules.ReceptionPeriod]:
    """The coming weeks or months (the current one included, `weeks` weeks ahead) whose schedule holds
    fewer Chairman reception days than the rule in force for that period asks: one a week until
    30/6/2026, two a month since (Luật Tiếp công dân 2013, Điều 15(2)(d), as amended)."""
    today = today or timezone.localdate()
    # From today: the week or month holding it is the first one checked (a month ending last Monday
    # is the past, not the schedule to fix).
    first = today
    last = rules.week_start(today) + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    extent = rules.reception_periods((), first=first, last=last)
    days = ReceptionSession.objects.filter(
        commune=commune,
        on__gte=extent[0].start,
        on__lte=extent[-1].end,
        host_role=ReceptionSession.HostRole.CHAIRMAN,
    ).values_list("on", flat=True)
    return [p for p in rules.reception_periods(days, first=first, last=last) if p.short]


def calendar_weeks(*, commune: Commune, start: dt.date, weeks: int) -> list[dict]:
    """The schedule as weeks for a calendar: each week's Monday, its sessions, and whether the Chairman
    has a day in it."""
    first = rules.week_start(start)
    last = first + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    sessions = schedule(commune=commune, start=first, end=last)
    out = []
    for i in range(weeks):
        monday = first + dt.timedelta(weeks=i)
        own = [s for s in sessions if rules.week_start(s.on) == monday]
        out.append(
            {
                "monday": monday,
                "sunday": monday + dt.timedelta(days=6),
                "sessions": own,
                "has_chairman": any(s.host_role == ReceptionSession.HostRole.CHAIRMAN for s in own),
                # Since 1/7/2026 the law counts the Chairman's days per month, not per week.
                "weekly_rule": rule(rules.CHAIRMAN_RULE, on=monday).value["per"] == "week",
            }
        )
    return out


# Shown instead of a denouncer's name, address and ID number to those not entitled to them.
DENOUNCER_HIDDEN = "Người tố cáo (thông tin được giữ bí mật)"


def visitor_hidden(entry: ReceptionEntry, viewer) -> bool:
    """Whether the visitor's name, address and ID number must be hidden from `viewer`: a denouncer
    (Luật Tố cáo 2018, Điều 9(1)(b)) is known to the officer who took them down and, once the
    denunciation is a case, to those `petitions.services.may_read_identity` allows; the register's
    link to the case would otherwise name the denouncer to everyone who keeps the register."""
    from danvan.petitions.models import Petition
    from danvan.petitions.services import may_read_identity

    petition = entry.petition
    denunciation = entry.case_type == ReceptionEntry.CaseType.DENUNCIATION or (
        petition is not None and Petition.Kind.DENUNCIATION in (petition.kind, petition.kind_hint)
    )
    if not denunciation:
        return False
    if viewer is not None and entry.recorded_by_id is not None and entry.recorded_by_id == viewer.pk:
        return False
    return not (petition is not None and may_read_identity(viewer, petition))


def register(*, commune: Commune, start: dt.date, end: dt.date, viewer=None) -> list[ReceptionEntry]:
    """The reception register for a period (personal data: staff pages and exports only). Each entry
    carries `identity_hidden` for `viewer` (see `visitor_hidden`; with no viewer, every denouncer is
    hidden)."""
    entries = list(
        ReceptionEntry.objects.filter(commune=commune, received_on__gte=start, received_on__lte=end)
        .select_related("petition__commune", "session")
        .order_by("received_on", "id")
    )
    for e in entries:
        e.identity_hidden = visitor_hidden(e, viewer)
    return entries


def late_commitments(commune: Commune, today: dt.date | None = None) -> list[Commitment]:
    """Commitments still open after their due date, most overdue first (for the leader's home)."""
    today = today or timezone.localdate()
    return list(
        Commitment.objects.filter(commune=commune, status=Commitment.Status.OPEN, due_on__lt=today)
        .select_related("unit")
        .order_by("due_on", "id")
    )


def late_commitments_queryset(commune: Commune, today: dt.date) -> QuerySet[Commitment]:
    """The commitments `late_commitments` lists, unordered, for the leader's home to count."""
    return Commitment.objects.filter(commune=commune, status=Commitment.Status.OPEN, due_on__lt=today)


def commitments(
    *, commune: Commune, status: str = "", unit_id: int | None = None, late: bool = False
) -> QuerySet:
    qs = Commitment.objects.filter(commune=commune).select_related("unit", "dialogue", "voter_petition")
    if status:
        qs = qs.filter(status=status)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if late:
        qs = qs.filter(status=Commitment.Status.OPEN, due_on__lt=timezone.localdate())
    return qs.order_by("status", "due_on", "id")


def public_commitments(*, commune: Commune) -> list[Commitment]:
    """What the portal shows of each commitment: content, unit, due date, status (nothing personal)."""
    return list(
        Commitment.objects.filter(commune=commune)
        .select_related("unit")
        .only("id", "commune_id", "source", "content", "unit__name", "due_on", "status", "done_on", "result")
        .order_by("status", "due_on", "id")
    )


def dialogue_with_questions(dialogue: Dialogue, *, public: bool) -> list[DialogueQuestion]:
    qs = dialogue.questions.select_related("village")
    if public:
        qs = qs.filter(status=DialogueQuestion.Status.APPROVED)
    return list(qs.order_by("created_at", "id"))


def public_dialogues(*, commune: Commune) -> list[Dialogue]:
    approved = Count("questions", filter=Q(questions__status=DialogueQuestion.Status.APPROVED))
    return list(
        Dialogue.objects.filter(commune=commune)
        .exclude(status=Dialogue.Status.CANCELLED)
        .annotate(n_questions=approved)
        .prefetch_related("villages")
        .order_by("-on", "-id")[:50]
    )


def voter_meetings(*, commune: Commune) -> list[VoterMeeting]:
    answered = Count("petitions", filter=Q(petitions__status=VoterPetition.Status.ANSWERED))
    return list(
        VoterMeeting.objects.filter(commune=commune)
        .annotate(n_petitions=Count("petitions"), n_answered=answered)
        .order_by("-on", "-id")[:200]
    )


def published_voter_answers(*, commune: Commune) -> list[VoterPetition]:
    return list(
        VoterPetition.objects.filter(
            commune=commune, answer_published=True, status=VoterPetition.Status.ANSWERED
        )
        .select_related("meeting", "unit")
        .order_by("-answered_on", "topic", "id")[:200]
    )
