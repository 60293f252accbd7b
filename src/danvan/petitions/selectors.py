"""Reads of petitions: the public tracking page and the deadline lists, in a fixed number of queries.

None of these touches `PetitionIdentity`: the sender's identity is read only through
`services.identity_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Case, DateField, F, Prefetch, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce, Least

from danvan.legaltime.calendar import WorkingCalendar, current_calendar
from danvan.petitions import rules
from danvan.petitions.models import HotspotAlert, Petition, PetitionStep
from danvan.petitions.tracking import normalize_tracking_code

Status = Petition.Status

# What a staff list needs of a petition; content is there for a short preview only.
_LIST_FIELDS = (
    "id",
    "commune_id",
    "tracking_code",
    "kind",
    "kind_hint",
    "complaint_round",
    "status",
    "received_on",
    "content",
    "signers_count",
    "process_due",
    "accept_due",
    "resolve_due",
    "extensions",
    "unit__id",
    "unit__name",
    "field__id",
    "field__name",
    "village__id",
    "village__name",
)


def public_status(code: str) -> dict | None:
    """What anyone holding a tracking code sees (3 queries): status, unit, field, the deadline that runs,
    the answer if it was published, the public notes of each step, and the parts of a split đơn.
    Nothing personal: no identity, no content, no letters, no staff names."""
    normalized = normalize_tracking_code(code)
    if normalized is None:
        return None
    petition = (
        Petition.objects.filter(tracking_code=normalized)
        .select_related("unit", "field")
        .only(
            "id",
            "tracking_code",
            "kind",
            "status",
            "received_on",
            "process_due",
            "accept_due",
            "resolve_due",
            "extensions",
            "answer",
            "answered_on",
            "answer_published",
            "duplicate_of_id",
            "unit__name",
            "field__name",
        )
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=PetitionStep.objects.only("id", "petition_id", "at", "status", "public_note"),
            ),
            Prefetch(
                "children",
                queryset=Petition.objects.only("id", "parent_id", "tracking_code", "status", "kind").order_by(
                    "id"
                ),
            ),
        )
        .first()
    )
    if petition is None:
        return None
    return public_view(petition, steps=petition.steps.all(), parts=petition.children.all())


def public_view(petition: Petition, *, steps, parts) -> dict:
    """The shape of what a tracking code shows, from rows already read (`public_status` and the
    tracking page read them their own way): nothing personal, the answer only once it is published."""
    finished = petition.status in (Status.RESOLVED, Status.CLOSED)
    return {
        "tracking_code": petition.tracking_code,
        "kind": petition.kind,
        "kind_label": petition.get_kind_display(),
        "status": petition.status,
        "status_label": petition.get_status_display(),
        "received_on": petition.received_on,
        "unit": petition.unit.name if petition.unit else None,
        "field": petition.field.name if petition.field else None,
        "deadline": rules.current_due(petition),
        "extensions": petition.extensions,
        # Handled together with another đơn: never which one (its code would let the holder rate it).
        "handled_together": petition.duplicate_of_id is not None,
        "answer": petition.answer if petition.answer_published and finished else None,
        "answered_on": petition.answered_on if finished else None,
        "steps": [
            {"at": s.at, "status": s.status, "status_label": s.get_status_display(), "note": s.public_note}
            for s in steps
        ],
        "parts": [{"tracking_code": c.tracking_code, "status_label": c.get_status_display()} for c in parts],
    }


@dataclass
class DueRow:
    petition: Petition
    due: date
    days_late: int  # calendar days past the deadline; 0 or less when not yet late
    working_days_left: int | None = None


def _current_due():
    """The running deadline as SQL, the same rule as `rules.current_due`: the earlier of the
    processing and acceptance deadlines before thụ lý, the resolution deadline after. (COALESCE on
    both sides because SQLite's MIN() of a NULL is NULL where PostgreSQL's LEAST skips it.)"""
    pending = Least(Coalesce("process_due", "accept_due"), Coalesce("accept_due", "process_due"))
    return Case(
        When(status__in=rules.PENDING_PROCESSING, then=pending),
        When(status__in=rules.BEING_RESOLVED, then=F("resolve_due")),
        default=Value(None),
        output_field=DateField(),
    )


def _open_due_between(commune, low: date | None, high: date, *, high_inclusive: bool) -> QuerySet[Petition]:
    """Open petitions whose running deadline lies in [low, high] (or [low, high)), with `current_due`
    annotated and the most urgent first. The plain column conditions come first so the indexes on
    the deadline columns narrow the rows before the CASE is computed."""
    op = "lte" if high_inclusive else "lt"
    pending = Q(status__in=rules.PENDING_PROCESSING) & (
        Q(**{f"process_due__{op}": high}) | Q(**{f"accept_due__{op}": high})
    )
    resolving = Q(status__in=rules.BEING_RESOLVED, **{f"resolve_due__{op}": high})
    qs = Petition.objects.filter(pending | resolving, commune=commune).annotate(current_due=_current_due())
    qs = qs.filter(**{f"current_due__{op}": high})
    if low is not None:
        qs = qs.filter(current_due__gte=low)
    return qs.select_related("unit", "field", "village").only(*_LIST_FIELDS).order_by("current_due", "pk")


def overdue_queryset(*, commune, today: date, unit=None) -> QuerySet[Petition]:
    """Open petitions whose running deadline has passed, most overdue first, for paging in SQL."""
    qs = _open_due_between(commune, None, today, high_inclusive=False)
    return qs.filter(unit=unit) if unit is not None else qs


def overdue_rows(petitions, today: date) -> list[DueRow]:
    return [DueRow(p, p.current_due, (today - p.current_due).days) for p in petitions]


def overdue(*, commune, today: date, unit=None, limit: int | None = None) -> list[DueRow]:
    """Open petitions whose running deadline has passed, most overdue first (1 query)."""
    qs = overdue_queryset(commune=commune, today=today, unit=unit)
    return overdue_rows(qs[:limit] if limit else qs, today)


def overdue_count(*, commune, today: date, unit=None) -> int:
    """How many petitions are overdue (1 COUNT query, for the home page and headings)."""
    return overdue_queryset(commune=commune, today=today, unit=unit).order_by().count()


def due_soon(
    *, commune, today: date, working_days: int = 3, cal: WorkingCalendar | None = None, unit=None
) -> list[DueRow]:
    """Open petitions whose running deadline falls from today to `working_days` working days ahead,
    soonest first (2 queries: the calendar's overrides and the petitions)."""
    cal = cal or current_calendar()
    limit = cal.add_working_days(today, working_days)
    qs = _open_due_between(commune, today, limit, high_inclusive=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    return [
        DueRow(p, p.current_due, (today - p.current_due).days, cal.count_working_days(today, p.current_due))
        for p in qs
    ]


def open_hotspots(*, commune) -> QuerySet[HotspotAlert]:
    """Hotspot alerts not yet resolved (the leader's home counts them)."""
    return HotspotAlert.objects.filter(commune=commune).exclude(status=HotspotAlert.Status.RESOLVED)
