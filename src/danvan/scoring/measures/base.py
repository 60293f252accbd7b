"""What every measure module shares: a `Measure` and the year counted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# Keyed by subject: a unit id, or a commune code.
Results = dict[str, dict]


@dataclass(frozen=True)
class Measure:
    done: int
    total: int
    evidence: str  # e.g. "8/10 nhiệm vụ hoàn thành đúng hạn; trễ: 2.1, 3.4"

    @property
    def percent(self) -> int | None:
        return round(100 * min(self.done, self.total) / self.total) if self.total else None


def year_bounds(year: int, as_of: dt.date) -> tuple[dt.date, dt.date]:
    """The year's first day and the last day counted: the year's end, or `as_of` while it runs."""
    return dt.date(year, 1, 1), min(dt.date(year, 12, 31), as_of)
