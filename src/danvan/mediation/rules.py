"""The mediation rules: what a team must have (Điều 12), when mediation must start (Điều 20), how a case
may move, and who may do what. Legal values come from the `law` registry."""

from __future__ import annotations

import datetime as dt

from danvan.law.registry import rule
from danvan.mediation.models import Case, Mediator, Team

S = Case.Status
# received -> mediating -> succeeded | failed | stopped; received -> out_of_scope (Điều 3: not for the
# village team, e.g. a crime or an administrative violation). A failed case may be mediated again when
# the parties ask (Điều 27).
TRANSITIONS: dict[str, set[str]] = {
    S.RECEIVED: {S.MEDIATING, S.OUT_OF_SCOPE, S.STOPPED},
    S.MEDIATING: {S.SUCCEEDED, S.FAILED, S.STOPPED},
    S.FAILED: {S.MEDIATING},
    S.SUCCEEDED: set(),
    S.STOPPED: set(),
    S.OUT_OF_SCOPE: set(),
}
ENDED = {S.SUCCEEDED, S.FAILED, S.STOPPED, S.OUT_OF_SCOPE}


def team_problems(team: Team, mediators: list[Mediator], on: dt.date) -> list[str]:
    """What the team lacks under the law in force on `on` (empty when it is complete)."""
    law = rule("mediation.team", on=on)
    active = [m for m in mediators if m.left_on is None or m.left_on > on]
    problems = []
    need = law.value["min_mediators"]
    if len(active) < need:
        problems.append(f"mới có {len(active)} hòa giải viên, cần từ {need:02d} người trở lên")
    if law.value["woman_required"] and not any(m.gender == Mediator.Gender.FEMALE for m in active):
        problems.append("chưa có hòa giải viên nữ")
    if (
        law.value["minority_in_minority_area"]
        and team.minority_area
        and not any(m.ethnic_minority for m in active)
    ):
        problems.append(
            "vùng đồng bào dân tộc thiểu số nhưng chưa có hòa giải viên là người dân tộc thiểu số"
        )
    if active and not any(m.is_leader for m in active):
        problems.append("chưa có tổ trưởng")
    return problems


def start_due(case: Case) -> dt.date | None:
    """The last day to start mediating: 3 days from the assignment (calendar days, Điều 20 khoản 2)."""
    if case.assigned_on is None:
        return None
    days = rule("mediation.start_days", on=case.assigned_on).value["days"]
    return case.assigned_on + dt.timedelta(days=days)


def start_late(case: Case, today: dt.date) -> bool:
    due = start_due(case)
    return case.status == S.RECEIVED and due is not None and today > due
