"""Legal and workflow rules for meeting citizens: the Chairman's weekly reception day, group visits,
when a dialogue takes questions, how a commitment's status may move, and who updates a commitment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from danvan.org.models import Role
from danvan.petitions.models import MASS_PETITION_MIN_SIGNERS

# The commune Chairman receives citizens at least one day every week, plus unscheduled reception
# when needed (Luật Tiếp công dân 2013, Điều 15(2)(d) and Điều 18(3)).
CHAIRMAN_RECEPTION_DAYS_PER_WEEK = 1

# How many coming weeks the staff schedule page checks for a missing Chairman day.
SCHEDULE_CHECK_WEEKS = 6

# A group visit ("đoàn đông người") is received through representatives; the threshold is the one the
# petitions module uses for a petition signed by many (Luật Tiếp công dân 2013, Điều 30 — unconfirmed).
GROUP_VISIT_MIN_PEOPLE = MASS_PETITION_MIN_SIGNERS

# Who keeps the schedule, the register and dialogues, and who may update any commitment.
MANAGERS = frozenset({Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SYSTEM_ADMIN})


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def weeks_without_chairman(
    chairman_days: Iterable[dt.date], *, first_week: dt.date, weeks: int
) -> list[dt.date]:
    """Mondays of the weeks from `first_week` (any day of it) on, `weeks` of them, where the Chairman has
    fewer reception days than the law asks (Luật Tiếp công dân 2013, Điều 18(3))."""
    counts: dict[dt.date, set[dt.date]] = {}
    for day in chairman_days:
        counts.setdefault(week_start(day), set()).add(day)
    start = week_start(first_week)
    mondays = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    return [m for m in mondays if len(counts.get(m, ())) < CHAIRMAN_RECEPTION_DAYS_PER_WEEK]


def is_group_visit(people_count: int) -> bool:
    return people_count >= GROUP_VISIT_MIN_PEOPLE


def accepts_questions(dialogue, today: dt.date) -> bool:
    """A dialogue takes residents' questions from the portal while it is open and its day has not passed."""
    return dialogue.status == "open" and dialogue.on >= today


CLOSED_DIALOGUE_MESSAGE = (
    "Hội nghị đối thoại này đã kết thúc hoặc đã ngừng nhận câu hỏi. "
    "Bạn có thể gửi phản ánh, kiến nghị qua mục “Gửi phản ánh, kiến nghị” của xã."
)

# Commitment workflow as data: which status may follow which.
COMMITMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    "open": frozenset({"done", "cancelled"}),
    "done": frozenset({"open"}),
    "cancelled": frozenset({"open"}),
}


def commitment_is_late(commitment, today: dt.date) -> bool:
    return commitment.status == "open" and commitment.due_on < today


def may_update_commitment(roles_and_units: list[tuple[str, int | None]], commitment) -> bool:
    """A manager updates any commitment; a unit officer only those given to their own unit.
    `roles_and_units`: the user's (role, unit id) pairs in the commitment's commune."""
    for role, unit_id in roles_and_units:
        if role in MANAGERS:
            return True
        if role == Role.UNIT_OFFICER and unit_id == commitment.unit_id:
            return True
    return False
