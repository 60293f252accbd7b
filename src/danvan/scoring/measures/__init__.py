"""What scoring measures from the product's own data: one read-only module per source app, each
answering for every unit of a commune (`for_units`) or every commune of a province (`for_communes`)
in a fixed number of queries, however many units, communes or rows there are.

A `Measure` is a count of what was done right (`done`) out of what was owed (`total`) with the
evidence in words; `rules.measured_points` turns it into points. Scoring sits above these apps
(`tests/test_layers.py`), so they never know they are scored.
"""

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


def for_units(
    keys: set[str], *, commune, year: int, as_of: dt.date, targets: dict[str, int | None]
) -> Results:
    """{measure key: {unit id: Measure}} for the keys asked."""
    from danvan.scoring.measures import engagement, exemplars, petitions, plans

    out: Results = {}
    for module in (plans, petitions, engagement, exemplars):
        out.update(module.for_units(keys, commune=commune, year=year, as_of=as_of, targets=targets))
    return out


def for_communes(
    keys: set[str], *, codes: list[str], year: int, as_of: dt.date, targets: dict[str, int | None]
) -> Results:
    """{measure key: {commune code: Measure}} for the keys asked."""
    from danvan.scoring.measures import democracy, engagement, exemplars, petitions, plans

    out: Results = {}
    for module in (plans, petitions, engagement, democracy, exemplars):
        out.update(module.for_communes(keys, codes=codes, year=year, as_of=as_of, targets=targets))
    return out
