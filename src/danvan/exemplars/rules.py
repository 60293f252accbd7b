"""Rules of the “Dân vận khéo” movement as this product applies them: the lifecycle of a model as a
transition table, the evaluation council's default criteria and the level a total proposes, who may
register or update a model for which registrant, and when a member's score is a conflict of interest.

None of this is law: the movement's scoring is set by each province's or commune's guidance. The
defaults below are our own, written from common practice, and every one is a named constant so a
commune's guidance changes it in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from danvan.org.models import Role

# Lifecycle as data: which status may follow which. A model the council did not pass goes back to
# building (it may be evaluated again at the next review); a recognised model becomes “replicated”
# when another unit or village adopts it.
TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"building"}),
    "building": frozenset({"evaluated"}),
    "evaluated": frozenset({"recognised", "building"}),
    "recognised": frozenset({"replicated"}),
    "replicated": frozenset(),
}

# Statuses a model can be replicated from, and those shown on the portal (with the registrant's consent).
RECOGNISED = frozenset({"recognised", "replicated"})


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    max_points: int


# The council's default criteria (our own wording of the movement's common practice); 100 points in all.
CRITERIA: tuple[Criterion, ...] = (
    Criterion("effect", "Hiệu quả thiết thực, đo được so với chỉ tiêu đăng ký", 30),
    Criterion("participation", "Sự tham gia, đồng thuận và hưởng lợi của Nhân dân", 25),
    Criterion("creativity", "Cách làm sáng tạo, phù hợp điều kiện địa phương", 15),
    Criterion("spread", "Sức lan tỏa, khả năng nhân rộng", 15),
    Criterion("sustainability", "Tính bền vững, duy trì lâu dài", 15),
)
MAX_TOTAL = sum(c.max_points for c in CRITERIA)

# The level the council's average total proposes (out of MAX_TOTAL).
PROVINCE_MIN_SCORE = Decimal(85)  # propose to the province for its recognition
COMMUNE_MIN_SCORE = Decimal(70)  # recognised at commune level

# The registrant kinds each role may register for (a unit officer: their own unit; a village head:
# their own village). Leaders and the coordinator register for anyone, e.g. on a person's behalf.
MANAGERS = frozenset({Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SYSTEM_ADMIN})


def may_move(current: str, new: str) -> bool:
    return new in TRANSITIONS.get(current, frozenset())


def level_for(score: Decimal) -> str:
    if score >= PROVINCE_MIN_SCORE:
        return "province"
    if score >= COMMUNE_MIN_SCORE:
        return "commune"
    return "not_passed"


def attainment(planned: Decimal, achieved: Decimal | None) -> int | None:
    """Percentage of a target achieved, rounded down (None when nothing is reported yet)."""
    if achieved is None or not planned:
        return None
    return int(achieved * 100 // planned)


def is_late(registered_on: dt.date, deadline: dt.date | None) -> bool:
    return deadline is not None and registered_on > deadline


# (role, unit id, village id) of each of the user's memberships in the commune.
Scope = tuple[str, int | None, int | None]


def may_act_for(scopes: list[Scope], *, kind: str, unit_id: int | None, village_id: int | None) -> bool:
    """Whether a user may register, or report progress, for this registrant."""
    for role, own_unit, own_village in scopes:
        if role in MANAGERS:
            return True
        if role == Role.UNIT_OFFICER and kind == "unit" and unit_id == own_unit:
            return True
        if role == Role.VILLAGE_HEAD and kind == "village" and village_id == own_village:
            return True
        # The Fatherland Front's member registers for a mass organisation or a person.
        if role == Role.SUPERVISOR and kind in ("organisation", "person"):
            return True
    return False


def is_conflict_of_interest(
    scopes: list[Scope], *, kind: str, unit_id: int | None, village_id: int | None, is_author: bool
) -> bool:
    """A council member may not score a model of their own unit or village, nor one they registered."""
    if is_author:
        return True
    for _role, own_unit, own_village in scopes:
        if kind == "unit" and own_unit is not None and own_unit == unit_id:
            return True
        if kind == "village" and own_village is not None and own_village == village_id:
            return True
    return False
