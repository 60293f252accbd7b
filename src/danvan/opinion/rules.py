"""Rules of the public-opinion log as this product applies them: the order of tension levels, when an
entry raises an alert, and who reads which entries.

None of this is law. The samples ask the commune to “nắm chắc tình hình, tâm trạng Nhân dân” and to
“phân công đầu mối theo dõi, tổng hợp”; the thresholds below are our own defaults, named constants so a
commune's guidance changes them in one place.
"""

from __future__ import annotations

import datetime as dt

from danvan.opinion.models import Level, Source
from danvan.org.models import Role

RANK: dict[str, int] = {
    Level.STABLE: 0,
    Level.DIVIDED: 1,
    Level.FRUSTRATED: 2,
    Level.HOTSPOT_RISK: 3,
}

# From this level on, one entry alone alerts the leaders.
ALERT_LEVEL = Level.FRUSTRATED
# An entry rising above the previous one on the same place within this many days alerts them.
RISING_WINDOW_DAYS = 60
# This many entries on the same field in the same village within REPEAT_WINDOW_DAYS alert them.
REPEAT_COUNT = 3
REPEAT_WINDOW_DAYS = 30

# The police's reports on security and order are read only by the leaders and their author.
ALWAYS_RESTRICTED_SOURCES = frozenset({Source.SECURITY})

# Roles who record for any village; a village head records for their own village only.
ANY_VILLAGE = frozenset(
    {Role.COMMUNE_LEADER, Role.COORDINATOR, Role.UNIT_OFFICER, Role.SUPERVISOR, Role.SYSTEM_ADMIN}
)

MAX_SUMMARY_CHARS = 2000
MAX_HANDLING_CHARS = 1000
MAX_PEOPLE = 100_000


def rank(level: str) -> int:
    return RANK[Level(level)]


def place_key(village_id: int | None, field_id: int | None) -> str:
    return f"place:{village_id or 0}:{field_id or 0}"


def alert_reason(*, level: str, previous_level: str | None, recent_same_place: int) -> str | None:
    """Why a new entry alerts the leaders, or None. `previous_level`: the last earlier entry on the same
    place within RISING_WINDOW_DAYS; `recent_same_place`: entries on the same place within
    REPEAT_WINDOW_DAYS, this one included. The most serious reason wins."""
    if rank(level) >= rank(ALERT_LEVEL):
        return "tension"
    if previous_level is not None and rank(level) > rank(previous_level):
        return "rising"
    if recent_same_place >= REPEAT_COUNT:
        return "repeated"
    return None


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return start, nxt - dt.timedelta(days=1)


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    return start, month_bounds(year, 3 * quarter)[1]
