"""Legal time limits for petitions and the status workflow, as data; every deadline is computed here.

Each constant cites its source as in /work/shared/LEGAL.md. Where the source is *unconfirmed* the
choice is a Django setting (read with getattr, so a deployment can change it without code).
All deadline functions take a `WorkingCalendar` so tests and callers choose the calendar; a period
counted in days does not count its first day (BLDS 2015, Điều 147), and a period of calendar days
ending on a day off ends on the next working day (BLDS 2015, Điều 148(5)) — both done by
`legaltime.calendar`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from danvan.legaltime.calendar import WorkingCalendar
from danvan.petitions.models import MASS_PETITION_MIN_SIGNERS as _MASS_PETITION_MIN_SIGNERS
from danvan.petitions.models import Petition

Kind = Petition.Kind
Status = Petition.Status
Complexity = Petition.Complexity

# --- time limits -----------------------------------------------------------------------------------

# Processing an incoming đơn (classify, then forward, guide, return or accept).
PETITION_PROCESS_DAYS = 10  # "Xử lý đơn thư tại cấp xã" (published commune procedure); TT 05/2021/TT-TTCP

# Luật Khiếu nại 2011
COMPLAINT_FILING_LIMIT_DAYS = 90  # Luật Khiếu nại 2011, Điều 9
COMPLAINT_ACCEPT_DAYS = 10  # Luật Khiếu nại 2011, Điều 27
# (round, complex, remote) -> days from acceptance
COMPLAINT_RESOLVE_DAYS: dict[tuple[int, bool, bool], int] = {
    (1, False, False): 30,  # Luật Khiếu nại 2011, Điều 28
    (1, True, False): 45,  # Luật Khiếu nại 2011, Điều 28
    (1, False, True): 45,  # Luật Khiếu nại 2011, Điều 28
    (1, True, True): 60,  # Luật Khiếu nại 2011, Điều 28
    (2, False, False): 45,  # Luật Khiếu nại 2011, Điều 37
    (2, True, False): 60,  # Luật Khiếu nại 2011, Điều 37
    (2, False, True): 60,  # Luật Khiếu nại 2011, Điều 37
    (2, True, True): 70,  # Luật Khiếu nại 2011, Điều 37
}
COMPLAINT_SECOND_FILING_DAYS = 30  # Luật Khiếu nại 2011, Điều 33
COMPLAINT_SECOND_FILING_DAYS_REMOTE = 45  # Luật Khiếu nại 2011, Điều 33

# Luật Tố cáo 2018 (its periods say "ngày làm việc" where they mean working days)
DENUNCIATION_CLASSIFY_WORKING_DAYS = 7  # Luật Tố cáo 2018, Điều 24(1)
DENUNCIATION_CLASSIFY_WORKING_DAYS_SEVERAL_PLACES = 10  # Luật Tố cáo 2018, Điều 24(1)
DENUNCIATION_FORWARD_WORKING_DAYS = 5  # Luật Tố cáo 2018, Điều 24(2)
DENUNCIATION_NOTIFY_WORKING_DAYS = 5  # Luật Tố cáo 2018, Điều 29
DENUNCIATION_RESOLVE_DAYS = 30  # Luật Tố cáo 2018, Điều 30
DENUNCIATION_EXTENSION_DAYS = 30  # Luật Tố cáo 2018, Điều 30 (each extension ≤ 30 days)
# How many extensions a denunciation may get, by complexity.
EXTENSIONS_ALLOWED: dict[str, int] = {
    Complexity.NORMAL: 0,  # Luật Tố cáo 2018, Điều 30
    Complexity.COMPLEX: 1,  # Luật Tố cáo 2018, Điều 30
    Complexity.ESPECIALLY_COMPLEX: 2,  # Luật Tố cáo 2018, Điều 30
}

# Feedback and recommendations: no law sets a resolution time for the commune. This is COMMUNE
# POLICY, not law: 15 working days by default, setting DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS.
FEEDBACK_RESOLVE_WORKING_DAYS_DEFAULT = 15


def process_in_working_days() -> bool:
    """*Unconfirmed* whether the 10 days to process a đơn are working days; default: working days."""
    return bool(getattr(settings, "DANVAN_PETITION_PROCESS_WORKING_DAYS", True))


def complaint_days_are_working() -> bool:
    """ "Days" in Luật Khiếu nại 2011 are read as calendar days unless this setting says otherwise
    (*unconfirmed*)."""
    return bool(getattr(settings, "DANVAN_COMPLAINT_DAYS_ARE_WORKING", False))


def feedback_resolve_working_days() -> int:
    return int(
        getattr(settings, "DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS", FEEDBACK_RESOLVE_WORKING_DAYS_DEFAULT)
    )


def _complaint_days(start: date, n: int, cal: WorkingCalendar) -> date:
    if complaint_days_are_working():
        return cal.add_working_days(start, n)
    return cal.add_calendar_days(start, n)


# --- deadline functions ------------------------------------------------------------------------------


def process_due(
    received_on: date, cal: WorkingCalendar, *, kind: str = Kind.UNCLASSIFIED, several_places: bool = False
) -> date:
    """When the đơn must be classified and forwarded, guided, returned or accepted.

    A denunciation has its own, shorter rule (7 working days, 10 when checks are needed in several
    places); every other đơn the 10-day processing rule."""
    if kind == Kind.DENUNCIATION:
        n = (
            DENUNCIATION_CLASSIFY_WORKING_DAYS_SEVERAL_PLACES
            if several_places
            else DENUNCIATION_CLASSIFY_WORKING_DAYS
        )
        return cal.add_working_days(received_on, n)
    if process_in_working_days():
        return cal.add_working_days(received_on, PETITION_PROCESS_DAYS)
    return cal.add_calendar_days(received_on, PETITION_PROCESS_DAYS)


def accept_due(
    received_on: date, cal: WorkingCalendar, *, kind: str = Kind.COMPLAINT, several_places: bool = False
) -> date:
    """By when the case must be accepted (thụ lý) or refused with reasons."""
    if kind == Kind.COMPLAINT:
        return _complaint_days(received_on, COMPLAINT_ACCEPT_DAYS, cal)
    return process_due(received_on, cal, kind=kind, several_places=several_places)


def forward_due(received_on: date, cal: WorkingCalendar) -> date:
    """A denunciation outside the commune's competence: forward it and tell the denouncer."""
    return cal.add_working_days(received_on, DENUNCIATION_FORWARD_WORKING_DAYS)


def notify_due(accepted_on: date, cal: WorkingCalendar) -> date:
    """Notify denouncer and denounced that a denunciation was accepted."""
    return cal.add_working_days(accepted_on, DENUNCIATION_NOTIFY_WORKING_DAYS)


def resolve_due(
    kind: str,
    accepted_on: date,
    *,
    round: int | None = None,  # the law's own word: "lần đầu", "lần hai"
    complex_level: str = Complexity.NORMAL,
    remote: bool = False,
    cal: WorkingCalendar,
) -> date:
    """The deadline to resolve, counted from acceptance."""
    if kind == Kind.COMPLAINT:
        key = (round or 1, complex_level != Complexity.NORMAL, bool(remote))
        if key not in COMPLAINT_RESOLVE_DAYS:
            raise ValueError(f"no complaint round {round}")
        return _complaint_days(accepted_on, COMPLAINT_RESOLVE_DAYS[key], cal)
    if kind == Kind.DENUNCIATION:
        return cal.add_calendar_days(accepted_on, DENUNCIATION_RESOLVE_DAYS)
    if kind in (Kind.FEEDBACK, Kind.RECOMMENDATION):
        return cal.add_working_days(accepted_on, feedback_resolve_working_days())
    raise ValueError("an unclassified petition has no resolution deadline")


def extensions_allowed(kind: str, complex_level: str) -> int:
    """Complaints get no extension: their complex variants are in the resolve table."""
    if kind != Kind.DENUNCIATION:
        return 0
    return EXTENSIONS_ALLOWED[complex_level]


def extension_due(current_due: date, cal: WorkingCalendar) -> date:
    """A denunciation's new deadline after one extension of at most 30 days."""
    return cal.add_calendar_days(current_due, DENUNCIATION_EXTENSION_DAYS)


def complaint_filing_due(decision_known_on: date, cal: WorkingCalendar) -> date:
    """The last day a citizen may complain about a decision or act they learned of that day."""
    return _complaint_days(decision_known_on, COMPLAINT_FILING_LIMIT_DAYS, cal)


def second_complaint_filing_due(first_decision_on: date, *, remote: bool, cal: WorkingCalendar) -> date:
    """The last day to complain a second time, after the first decision (or its missed deadline)."""
    n = COMPLAINT_SECOND_FILING_DAYS_REMOTE if remote else COMPLAINT_SECOND_FILING_DAYS
    return _complaint_days(first_decision_on, n, cal)


# --- workflow ------------------------------------------------------------------------------------------

# Allowed moves, as data; `services._move` is the one function that performs them.
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.CLASSIFIED, Status.SPLIT},
    Status.CLASSIFIED: {Status.FORWARDED, Status.GUIDED, Status.RETURNED, Status.ACCEPTED, Status.SPLIT},
    Status.SPLIT: set(),
    Status.FORWARDED: set(),
    Status.GUIDED: set(),
    Status.RETURNED: set(),
    Status.ACCEPTED: {Status.VERIFYING},
    Status.VERIFYING: {Status.RESOLVED},
    Status.RESOLVED: {Status.CLOSED, Status.REOPENED},
    Status.CLOSED: {Status.REOPENED},
    Status.REOPENED: {Status.VERIFYING},
}

# Waiting to be processed: the processing/acceptance deadlines run. Being handled: the resolution one.
PENDING_PROCESSING = frozenset({Status.RECEIVED, Status.CLASSIFIED})
BEING_RESOLVED = frozenset({Status.ACCEPTED, Status.VERIFYING, Status.REOPENED})

_VERB = {
    Status.CLASSIFIED: "phân loại",
    Status.SPLIT: "tách đơn",
    Status.FORWARDED: "chuyển đơn",
    Status.GUIDED: "hướng dẫn người gửi",
    Status.RETURNED: "trả lại đơn",
    Status.ACCEPTED: "thụ lý",
    Status.VERIFYING: "xác minh",
    Status.RESOLVED: "giải quyết",
    Status.CLOSED: "kết thúc",
    Status.REOPENED: "xem xét lại",
}


def refusal_message(current: str, to: str) -> str:
    """Why a move is not allowed, in words an officer understands."""
    verb = _VERB.get(to, "chuyển trạng thái")
    if current in PENDING_PROCESSING and to in {Status.VERIFYING, Status.RESOLVED, Status.CLOSED}:
        return f"Không thể {verb} khi chưa thụ lý."
    if current == Status.RECEIVED and to in {
        Status.FORWARDED,
        Status.GUIDED,
        Status.RETURNED,
        Status.ACCEPTED,
    }:
        return f"Không thể {verb} khi chưa phân loại đơn."
    if current == Status.ACCEPTED and to == Status.RESOLVED:
        return "Không thể giải quyết khi chưa xác minh nội dung đơn."
    return f"Không thể {verb} đơn đang ở trạng thái “{Status(current).label}”."


def current_due(petition: Petition) -> date | None:
    """The deadline that runs now: processing/acceptance before thụ lý, resolution after."""
    if petition.status in PENDING_PROCESSING:
        dues = [d for d in (petition.process_due, petition.accept_due) if d]
        return min(dues) if dues else None
    if petition.status in BEING_RESOLVED:
        return petition.resolve_due
    return None


# Open: still being handled by the commune (what duplicates and hotspots look at).
OPEN_STATUSES = PENDING_PROCESSING | BEING_RESOLVED

# --- hotspots (điểm nóng) ---------------------------------------------------------------------------------
# No law gives a number for a hotspot: the plans only ask the commune "không để phát sinh điểm nóng".
# These are COMMUNE SETTINGS with defaults (Django settings DANVAN_HOTSPOT_MIN_PETITIONS,
# DANVAN_HOTSPOT_WINDOW_DAYS), not law.
HOTSPOT_MIN_PETITIONS_DEFAULT = 3  # petitions on the same field in one village...
HOTSPOT_WINDOW_DAYS_DEFAULT = 30  # ...received within this many calendar days
# "Đông người": 5 or more signers (Luật Tiếp công dân 2013, Điều 30 — *unconfirmed*; see models.py).
MASS_PETITION_MIN_SIGNERS = _MASS_PETITION_MIN_SIGNERS


def hotspot_min_petitions() -> int:
    return int(getattr(settings, "DANVAN_HOTSPOT_MIN_PETITIONS", HOTSPOT_MIN_PETITIONS_DEFAULT))


def hotspot_window_days() -> int:
    return int(getattr(settings, "DANVAN_HOTSPOT_WINDOW_DAYS", HOTSPOT_WINDOW_DAYS_DEFAULT))


# --- duplicates and suggestions (our own choices, not law) ------------------------------------------------
# Two texts are "similar" when this share of their distinct words (accents folded, short words
# dropped) is common to both (Jaccard index); a same-sender match needs less.
DUPLICATE_MIN_SIMILARITY = 0.35
DUPLICATE_MIN_SIMILARITY_SAME_SENDER = 0.2
# A commune's own model suggests fields and units once it has this many classified cases.
SUGGESTION_MODEL_MIN_CASES = 50
SUGGESTION_TEST_SHARE = 0.2  # held back from training to measure accuracy
