"""Legal and workflow rules for meeting citizens: the Chairman's reception days (per week until
30/6/2026, per month since), group visits, the answer to a đơn received at reception, when a dialogue
takes questions, how a commitment's status may move, and who updates a commitment.

The legal numbers come from the registry (`danvan.law`, docs/LEGAL.md), asked for the day checked."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from danvan.law.registry import history, rule
from danvan.org.models import Role
from danvan.petitions.models import MASS_PETITION_MIN_SIGNERS

CHAIRMAN_RULE = "reception.chairman_days"
# The weekly rule as it stood until 30/6/2026 (Luật Tiếp công dân 2013, Điều 15(2)(d)); kept for
# readers, the checks below ask the registry for the rule of each period.
CHAIRMAN_RECEPTION_DAYS_PER_WEEK = history(CHAIRMAN_RULE)[0].value["days"]

# How many coming weeks the staff schedule page checks for a missing Chairman day.
SCHEDULE_CHECK_WEEKS = 6

# When many people come about one matter they send representatives: 5 to 10 people send 1 or 2,
# more than 10 up to 5 (Luật Tiếp công dân 2013, Điều 29). No article defines "đông người"; the
# register counts a visit of 5 or more as a group visit, the smallest group Điều 29 speaks of.
GROUP_VISIT_MIN_PEOPLE = MASS_PETITION_MIN_SIGNERS


def answer_due(received_on: dt.date, cal) -> dt.date:
    """By when the person who brought a complaint, denunciation or recommendation to a reception day
    must be told it was accepted, needs more time, is refused or was forwarded: 10 WORKING days
    (Luật Tiếp công dân 2013, Điều 28(1))."""
    r = rule("reception.answer_days", on=received_on).value
    return (
        cal.add_working_days(received_on, r["days"])
        if r["working"]
        else cal.add_calendar_days(received_on, r["days"])
    )


@dataclass(frozen=True)
class ReceptionPeriod:
    """A week or a month checked for the Chairman's reception days, under the rule in force when it began."""

    start: dt.date
    end: dt.date
    per: str  # "week" | "month"
    required: int
    held: int
    citation: str

    @property
    def short(self) -> bool:
        return self.held < self.required

    @property
    def label(self) -> str:
        if self.per == "month":
            return f"tháng {self.start:%m/%Y}"
        return f"tuần {self.start:%d/%m}–{self.end:%d/%m/%Y}"

    @property
    def rule_text(self) -> str:
        unit = "tháng" if self.per == "month" else "tuần"
        return f"ít nhất {self.required:02d} ngày trong 01 {unit} ({self.citation})"


def _period_of(day: dt.date) -> tuple[dt.date, dt.date, dict, str]:
    r = rule(CHAIRMAN_RULE, on=day)
    if r.value["per"] == "month":
        start = day.replace(day=1)
        end = day.replace(day=calendar.monthrange(day.year, day.month)[1])
    else:
        start = week_start(day)
        end = start + dt.timedelta(days=6)
    return start, end, dict(r.value), r.citation


def reception_periods(
    chairman_days: Iterable[dt.date], *, first: dt.date, last: dt.date
) -> list[ReceptionPeriod]:
    """The weeks (until 30/6/2026) and months (from 1/7/2026) touching `first`..`last`, each with the
        Chairman's distinct reception days in it and the number the law asked for. A period is judged by
        the rule in force on its first day, so the week of 29/6–5/7/2026 is still a week, and July 2026 is
    checked as a whole month too (its first days belong to both)."""
    days = set(chairman_days)
    out: list[ReceptionPeriod] = []
    day = first
    while day <= last:
        start, end, value, citation = _period_of(day)
        held = sum(1 for d in days if start <= d <= end)
        out.append(ReceptionPeriod(start, end, value["per"], value["days"], held, citation))
        day = end + dt.timedelta(days=1)
    return out


# Who keeps the schedule, the register and dialogues, and who may update any commitment.
MANAGERS = frozenset({Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SYSTEM_ADMIN})


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week holding `day`."""
    return day - dt.timedelta(days=day.weekday())


def weeks_without_chairman(
    chairman_days: Iterable[dt.date], *, first_week: dt.date, weeks: int
) -> list[dt.date]:
    """Mondays of the weeks from `first_week` (any day of it) on, `weeks` of them, where the Chairman has
    fewer reception days than the WEEKLY rule asked (Luật Tiếp công dân 2013, Điều 15(2)(d), in force
    until 30/6/2026). Weeks from 1/7/2026 are checked by month: see `reception_periods`."""
    start = week_start(first_week)
    last = start + dt.timedelta(weeks=weeks) - dt.timedelta(days=1)
    return [
        p.start
        for p in reception_periods(chairman_days, first=start, last=last)
        if p.per == "week" and p.short
    ]


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
