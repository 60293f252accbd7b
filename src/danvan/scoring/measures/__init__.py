"""What scoring measures from the product's own data: one read-only module per source app, each
answering for every unit of a commune (`for_units`) or every commune of a province (`for_communes`)
in a fixed number of queries, however many units, communes or rows there are.

A `Measure` is a count of what was done right (`done`) out of what was owed (`total`) with the
evidence in words; `rules.measured_points` turns it into points. Scoring sits above these apps
(`tests/test_layers.py`), so they never know they are scored.
"""

from __future__ import annotations

import datetime as dt

from danvan.scoring.measures import democracy, engagement, exemplars, petitions, plans
from danvan.scoring.measures.base import Measure, Results, year_bounds

__all__ = ["Measure", "Results", "for_communes", "for_units", "year_bounds"]


def for_units(
    keys: set[str], *, commune, year: int, as_of: dt.date, targets: dict[str, int | None]
) -> Results:
    """{measure key: {unit id: Measure}} for the keys asked."""
    out: Results = {}
    for module in (plans, petitions, engagement, exemplars):
        out.update(module.for_units(keys, commune=commune, year=year, as_of=as_of, targets=targets))
    return out


def for_communes(
    keys: set[str], *, codes: list[str], year: int, as_of: dt.date, targets: dict[str, int | None]
) -> Results:
    """{measure key: {commune code: Measure}} for the keys asked."""
    out: Results = {}
    for module in (plans, petitions, engagement, democracy, exemplars):
        out.update(module.for_communes(keys, codes=codes, year=year, as_of=as_of, targets=targets))
    return out
