"""Reads of petitions: the public tracking page and the deadline lists, in a fixed number of queries.

None of these touches `PetitionIdentity`: the sender's identity is read only through
`services.identity_for`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q, QuerySet

from danvan.legaltime.calendar import WorkingCalendar, current_calendar
from danvan.petitions import rules
from danvan.petitions.models import Petition, PetitionStep
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
    published = petition.answer_published and petition.status in (Status.RESOLVED, Status.CLOSED)
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
        "answer": petition.answer if published else None,
        "answered_on": petition.answered_on if petition.status in (Status.RESOLVED, Status.CLOSED) else None,
        "steps": [
            {"at": s.at, "status": s.status, "status_label": s.get_status_display(), "note": s.public_note}
            for s in petition.steps.all()
        ],
        "parts": [
            {"tracking_code": c.tracking_code, "status_label": c.get_status_display()}
            for c in petition.children.all()
        ],
    }


@dataclass
class DueRow:
    petition: Petition
    due: date
    days_late: int  # calendar days past the deadline; 0 or less when not yet late
    working_days_left: int | None = None


def _open_with_deadline_before(commune, limit: date, *, inclusive: bool) -> QuerySet[Petition]:
    op = "lte" if inclusive else "lt"
    pending = Q(status__in=rules.PENDING_PROCESSING) & (
        Q(**{f"process_due__{op}": limit}) | Q(**{f"accept_due__{op}": limit})
    )
    resolving = Q(status__in=rules.BEING_RESOLVED, **{f"resolve_due__{op}": limit})
    return (
        Petition.objects.filter(pending | resolving, commune=commune)
        .select_related("unit", "field", "village")
        .only(*_LIST_FIELDS)
    )


def overdue(*, commune, today: date, unit=None) -> list[DueRow]:
    """Open petitions whose running deadline has passed, most overdue first (1 query)."""
    qs = _open_with_deadline_before(commune, today, inclusive=False)
    if unit is not None:
        qs = qs.filter(unit=unit)
    rows = []
    for p in qs:
        due = rules.current_due(p)
        if due is not None and due < today:
            rows.append(DueRow(p, due, (today - due).days))
    rows.sort(key=lambda r: (r.due, r.petition.pk))
    return rows


def due_soon(
    *, commune, today: date, working_days: int = 3, cal: WorkingCalendar | None = None, unit=None
) -> list[DueRow]:
    """Open petitions whose running deadline falls from today to `working_days` working days ahead,
    soonest first (2 queries: the calendar's overrides and the petitions)."""
    cal = cal or current_calendar()
    limit = cal.add_working_days(today, working_days)
    qs = _open_with_deadline_before(commune, limit, inclusive=True)
    if unit is not None:
        qs = qs.filter(unit=unit)
    rows = []
    for p in qs:
        due = rules.current_due(p)
        if due is not None and today <= due <= limit:
            rows.append(DueRow(p, due, (today - due).days, cal.count_working_days(today, due)))
    rows.sort(key=lambda r: (r.due, r.petition.pk))
    return rows
