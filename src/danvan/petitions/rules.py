"""Legal time limits for petitions and the status workflow, as data; every deadline is computed here.

The numbers come from the legal rules registry (`danvan.law`, see docs/LEGAL.md), asked for the rule in
force on the day the period starts (the day a đơn was received, a case accepted): a case received
before a change of law keeps the deadline of the old rule. Unconfirmed readings are settings there.
All deadline functions take a `WorkingCalendar` so tests and callers choose the calendar; a period
counted in days does not count its first day (BLDS 2015, Điều 147), and a period of calendar days
ending on a day off ends on the next working day (BLDS 2015, Điều 148(5)) — both done by
`legaltime.calendar`.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings

from danvan.law.registry import history, rule
from danvan.legaltime.calendar import WorkingCalendar
from danvan.petitions.models import MASS_PETITION_MIN_SIGNERS as _MASS_PETITION_MIN_SIGNERS
from danvan.petitions.models import Petition

Kind = Petition.Kind
Status = Petition.Status
Complexity = Petition.Complexity

# --- time limits -----------------------------------------------------------------------------------
# The constants below are the rules as the registry holds them now (the latest entry of each key),
# kept for readers and old callers; the deadline functions ask the registry for the day instead.


def _latest(key: str):
    return history(key)[-1].value


PETITION_PROCESS_DAYS = _latest("petition.process_days")["days"]  # TT 05/2021/TT-TTCP (unconfirmed)
COMPLAINT_FILING_LIMIT_DAYS = _latest("complaint.filing_days")["days"]  # Luật Khiếu nại 2011, Điều 9
COMPLAINT_ACCEPT_DAYS = _latest("complaint.accept_days")["days"]  # Luật Khiếu nại 2011, Điều 27
_FIRST, _SECOND = _latest("complaint.resolve_days.first"), _latest("complaint.resolve_days.second")
# (round, complex, remote) -> days from acceptance (Luật Khiếu nại 2011, Điều 28 and 37)
COMPLAINT_RESOLVE_DAYS: dict[tuple[int, bool, bool], int] = {
    (r, c, m): table["remote_complex" if c and m else "complex" if c else "remote" if m else "normal"]
    for r, table in ((1, _FIRST), (2, _SECOND))
    for c in (False, True)
    for m in (False, True)
}
COMPLAINT_SECOND_FILING_DAYS = _latest("complaint.second_filing_days")["days"]  # Luật Khiếu nại, Điều 33
COMPLAINT_SECOND_FILING_DAYS_REMOTE = _latest("complaint.second_filing_days")["remote_days"]
_DEN = _latest("denunciation.resolve_days")  # Luật Tố cáo 2018, Điều 30
DENUNCIATION_CLASSIFY_WORKING_DAYS = _latest("denunciation.classify_days")["days"]  # Điều 24(1)
DENUNCIATION_CLASSIFY_WORKING_DAYS_SEVERAL_PLACES = _latest("denunciation.classify_days")[
    "several_places_days"
]
DENUNCIATION_FORWARD_WORKING_DAYS = _latest("denunciation.forward_days")["days"]  # Điều 24(2)
DENUNCIATION_NOTIFY_WORKING_DAYS = _latest("denunciation.notify_days")["days"]  # Điều 29
DENUNCIATION_RESOLVE_DAYS = _DEN["days"]  # Điều 30
DENUNCIATION_EXTENSION_DAYS = _DEN["extension_days"]  # Điều 30 (each extension ≤ 30 days)
# How many extensions a denunciation may get, by complexity (Luật Tố cáo 2018, Điều 30).
EXTENSIONS_ALLOWED: dict[str, int] = {
    Complexity.NORMAL: 0,
    Complexity.COMPLEX: _DEN["extensions_complex"],
    Complexity.ESPECIALLY_COMPLEX: _DEN["extensions_especially_complex"],
}

# Feedback and recommendations: no law sets a resolution time for the commune. This is COMMUNE
# POLICY, not law (so not in the legal registry): 15 working days by default, setting
# DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS.
FEEDBACK_RESOLVE_WORKING_DAYS_DEFAULT = 15


def process_in_working_days(on: date | None = None) -> bool:
    """*Unconfirmed* whether the 10 days to process a đơn are working days; default: working days."""
    return bool(rule("petition.process_days", on=on).value["working"])


def complaint_days_are_working(on: date | None = None) -> bool:
    """ "Days" in Luật Khiếu nại 2011 are read as calendar days unless the setting says otherwise
    (*unconfirmed*)."""
    return bool(rule("complaint.days_are_working", on=on).value["working"])


def feedback_resolve_working_days() -> int:
    return int(
        getattr(settings, "DANVAN_FEEDBACK_RESOLVE_WORKING_DAYS", FEEDBACK_RESOLVE_WORKING_DAYS_DEFAULT)
    )


def _complaint_days(start: date, n: int, cal: WorkingCalendar) -> date:
    if complaint_days_are_working(start):
        return cal.add_working_days(start, n)
    return cal.add_calendar_days(start, n)


def _days(start: date, period, cal: WorkingCalendar) -> date:
    """`period` is a registry value with "days" and "working"."""
    if period["working"]:
        return cal.add_working_days(start, period["days"])
    return cal.add_calendar_days(start, period["days"])


# --- deadline functions ------------------------------------------------------------------------------


def process_due(
    received_on: date, cal: WorkingCalendar, *, kind: str = Kind.UNCLASSIFIED, several_places: bool = False
) -> date:
    """When the đơn must be classified and forwarded, guided, returned or accepted.

    A denunciation has its own, shorter rule (7 working days, 10 when checks are needed in several
    places); every other đơn the 10-day processing rule."""
    if kind == Kind.DENUNCIATION:
        r = rule("denunciation.classify_days", on=received_on).value
        n = r["several_places_days"] if several_places else r["days"]
        return cal.add_working_days(received_on, n)
    return _days(received_on, rule("petition.process_days", on=received_on).value, cal)


def accept_due(
    received_on: date, cal: WorkingCalendar, *, kind: str = Kind.COMPLAINT, several_places: bool = False
) -> date:
    """By when the case must be accepted (thụ lý) or refused with reasons: for a complaint 10 days,
    counted as working days by the implementing rules (a setting since 1/7/2026, see the registry)."""
    if kind == Kind.COMPLAINT:
        return _days(received_on, rule("complaint.accept_days", on=received_on).value, cal)
    return process_due(received_on, cal, kind=kind, several_places=several_places)


def forward_due(received_on: date, cal: WorkingCalendar) -> date:
    """A denunciation outside the commune's competence: forward it and tell the denouncer."""
    return cal.add_working_days(received_on, rule("denunciation.forward_days", on=received_on).value["days"])


def notify_due(accepted_on: date, cal: WorkingCalendar) -> date:
    """Notify denouncer and denounced that a denunciation was accepted."""
    return cal.add_working_days(accepted_on, rule("denunciation.notify_days", on=accepted_on).value["days"])


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
        if (round or 1) not in (1, 2):
            raise ValueError(f"no complaint round {round}")
        table = rule(
            "complaint.resolve_days.first" if (round or 1) == 1 else "complaint.resolve_days.second",
            on=accepted_on,
        ).value
        hard = complex_level != Complexity.NORMAL
        col = "remote_complex" if hard and remote else "complex" if hard else "remote" if remote else "normal"
        return _complaint_days(accepted_on, table[col], cal)
    if kind == Kind.DENUNCIATION:
        return cal.add_calendar_days(
            accepted_on, rule("denunciation.resolve_days", on=accepted_on).value["days"]
        )
    if kind in (Kind.FEEDBACK, Kind.RECOMMENDATION):
        return cal.add_working_days(accepted_on, feedback_resolve_working_days())
    raise ValueError("an unclassified petition has no resolution deadline")


def extensions_allowed(kind: str, complex_level: str, on: date | None = None) -> int:
    """Complaints get no extension: their complex variants are in the resolve table."""
    if kind != Kind.DENUNCIATION or complex_level == Complexity.NORMAL:
        return 0
    r = rule("denunciation.resolve_days", on=on).value
    return (
        r["extensions_complex"] if complex_level == Complexity.COMPLEX else r["extensions_especially_complex"]
    )


def extension_due(current_due: date, cal: WorkingCalendar) -> date:
    """A denunciation's new deadline after one extension of at most 30 days."""
    return cal.add_calendar_days(
        current_due, rule("denunciation.resolve_days", on=current_due).value["extension_days"]
    )


def complaint_filing_due(decision_known_on: date, cal: WorkingCalendar) -> date:
    """The last day a citizen may complain about a decision or act they learned of that day."""
    return _complaint_days(
        decision_known_on, rule("complaint.filing_days", on=decision_known_on).value["days"], cal
    )


def second_complaint_filing_due(first_decision_on: date, *, remote: bool, cal: WorkingCalendar) -> date:
    """The last day to complain a second time, counted from the day the complainant RECEIVED the first
    decision, or from the day the first-round deadline expired without one (Luật Khiếu nại 2011,
    Điều 33(1)); callers pass whichever of the two applies."""
    r = rule("complaint.second_filing_days", on=first_decision_on).value
    return _complaint_days(first_decision_on, r["remote_days"] if remote else r["days"], cal)


# --- workflow ------------------------------------------------------------------------------------------

# Allowed moves, as data; `services.move_status` is the one function that performs them.
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.CLASSIFIED, Status.SPLIT},
    Status.CLASSIFIED: {Status.FORWARDED, Status.GUIDED, Status.RETURNED, Status.ACCEPTED, Status.SPLIT},
    Status.SPLIT: set(),
    Status.FORWARDED: set(),
    Status.GUIDED: set(),
    Status.RETURNED: set(),
    Status.ACCEPTED: {Status.VERIFYING, Status.SUSPENDED},
    Status.VERIFYING: {Status.RESOLVED, Status.IN_REVIEW, Status.SUSPENDED},
    Status.RESOLVED: {Status.CLOSED, Status.REOPENED},
    Status.CLOSED: {Status.REOPENED},
    Status.REOPENED: {Status.VERIFYING, Status.SUSPENDED},
    # A draft answer to be published: the leader approves it (resolved) or returns it with a comment.
    Status.IN_REVIEW: {Status.RESOLVED, Status.VERIFYING},
    # Resumed to the status it was suspended from (services.complaint_resume checks which).
    Status.SUSPENDED: {Status.ACCEPTED, Status.VERIFYING, Status.REOPENED},
}

# Waiting to be processed: the processing/acceptance deadlines run. Being handled: the resolution one.
PENDING_PROCESSING = frozenset({Status.RECEIVED, Status.CLASSIFIED})
BEING_RESOLVED = frozenset({Status.ACCEPTED, Status.VERIFYING, Status.REOPENED, Status.IN_REVIEW})

# Steps a commune may leave out for the kinds the law gives no acceptance or verification procedure
# (phản ánh, kiến nghị; `law` rule `petition.required_steps`): each extra move and the steps it jumps.
ACCEPT, VERIFY = "accept", "verify"
SKIPS: dict[tuple[str, str], frozenset[str]] = {
    (Status.CLASSIFIED, Status.VERIFYING): frozenset({ACCEPT}),
    (Status.CLASSIFIED, Status.RESOLVED): frozenset({ACCEPT, VERIFY}),
    (Status.CLASSIFIED, Status.IN_REVIEW): frozenset({ACCEPT, VERIFY}),
    (Status.ACCEPTED, Status.RESOLVED): frozenset({VERIFY}),
    (Status.ACCEPTED, Status.IN_REVIEW): frozenset({VERIFY}),
    (Status.REOPENED, Status.RESOLVED): frozenset({VERIFY}),
    (Status.REOPENED, Status.IN_REVIEW): frozenset({VERIFY}),
}


def required_steps(kind: str, on: date | None = None) -> frozenset[str]:
    """The steps the law requires for a kind: a complaint or a denunciation keeps thụ lý and xác minh."""
    return frozenset(rule("petition.required_steps", on=on).value["required"].get(kind, ()))


def default_skipped(kind: str, on: date | None = None) -> frozenset[str]:
    """What a commune that chose nothing leaves out: the registry's default keeps every step."""
    if kind not in (Kind.FEEDBACK, Kind.RECOMMENDATION):
        return frozenset()
    kept = rule("petition.required_steps", on=on).value["default_kept"].get(kind, [ACCEPT, VERIFY])
    return frozenset({ACCEPT, VERIFY}) - frozenset(kept)


def allowed_moves(current: str, skipped: frozenset[str] = frozenset()) -> set[str]:
    """The statuses a case may move to: the table, plus the moves over the steps its kind skips."""
    extra = {to for (frm, to), steps in SKIPS.items() if frm == current and steps <= skipped}
    return set(TRANSITIONS[current]) | extra


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
    Status.SUSPENDED: "tạm đình chỉ giải quyết",
    Status.IN_REVIEW: "trình lãnh đạo duyệt trả lời",
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


# Open: still being handled by the commune (what duplicates and hotspots look at). A suspended complaint
# is open but no deadline runs for it.
OPEN_STATUSES = PENDING_PROCESSING | BEING_RESOLVED | {Status.SUSPENDED}


def suspension_rule(on: date):
    """What the law allows on a day: suspension, partial withdrawal, a resolution that goes on when the
    complainant skips the dialogue — all from 1/7/2026 (Luật 136/2025/QH15)."""
    return rule("complaint.suspension", on=on)


def resumed_due(resolve_due: date, suspended_on: date, resumed_on: date, cal: WorkingCalendar) -> date:
    """The resolution deadline after a suspension: the suspended time does not count, so the deadline
    moves by the days the clock stood still (working days when complaint days are read as working)."""
    if complaint_days_are_working(suspended_on):
        return cal.add_working_days(resolve_due, cal.count_working_days(suspended_on, resumed_on))
    return cal.add_calendar_days(resolve_due, (resumed_on - suspended_on).days)


# --- hotspots (điểm nóng) ---------------------------------------------------------------------------------
# No law gives a number for a hotspot: the plans only ask the commune "không để phát sinh điểm nóng".
# These are COMMUNE SETTINGS with defaults (Django settings DANVAN_HOTSPOT_MIN_PETITIONS,
# DANVAN_HOTSPOT_WINDOW_DAYS), not law.
HOTSPOT_MIN_PETITIONS_DEFAULT = 3  # petitions on the same field in one village...
HOTSPOT_WINDOW_DAYS_DEFAULT = 30  # ...received within this many calendar days
# Signed by many: 5 or more people, the smallest group Luật Tiếp công dân 2013, Điều 29 asks to send
# representatives; no article defines "đông người" (see models.py).
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
# Below this confidence (0..1) no field is pre-filled: the page lists the likely fields instead of guessing.
SUGGESTION_MIN_CONFIDENCE = 0.3
