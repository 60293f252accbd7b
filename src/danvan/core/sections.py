"""The contract between the periodic report (`reports`) and the modules that own the data.

It lives in `core`, below every app, so that an app providing a section never imports `reports`
(which sits above the apps it reads). `Table` and `Chart` are the document blocks of `documents`.

A periodic report (báo cáo 6 tháng, năm) is made of sections. Each app that has something to say
puts a `report_sections.py` module beside its models and registers a `SectionProvider` there; the
reports app discovers those modules at start-up (like Django's admin does), so a new module adds its
section without touching the others.

A provider answers two questions, both read-only:
- `build(commune, start, end)`: the section of one commune's report for the dates
  `start`..`end` (both included): prose paragraphs, tables, charts and key figures. It must say
  plainly when there is no data rather than fail. Nothing personal (no denouncer, no household
  member's ID) may appear: reports are sent to the province and published.
- `key_figures(communes, start, end)`: a few numbers per commune for the province's
  side-by-side view and roll-up, for many communes at once in a number of SQL queries that does
  not depend on how many communes or rows there are (aggregate with GROUP BY commune_id).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from danvan.documents.blocks import Chart, Table

__all__ = [
    "Chart",
    "Figure",
    "SectionContent",
    "SectionProvider",
    "Table",
    "provider",
    "providers",
    "register",
]


@dataclass(frozen=True)
class Figure:
    """A key figure: machine key, Vietnamese label, value (an int, or a percentage as a float)."""

    key: str
    label: str
    value: int | float | None


@dataclass
class SectionContent:
    """What one module writes for one commune and one period."""

    title: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.paragraphs or self.tables or self.charts or self.figures)


class SectionProvider(Protocol):
    key: str  # stable, e.g. "plans", "petitions"; stored with the edited draft
    title: str  # Vietnamese heading, e.g. "Thực hiện kế hoạch dân vận chính quyền"
    order: int  # position in the report, small first

    def build(self, commune, start: dt.date, end: dt.date) -> SectionContent: ...

    def key_figures(self, communes: Iterable, start: dt.date, end: dt.date) -> dict[str, list[Figure]]:
        """Figures per commune code; constant number of queries."""
        ...


_REGISTRY: dict[str, SectionProvider] = {}


def register(provider: SectionProvider) -> SectionProvider:
    """Add a provider (call from an app's report_sections.py). Registering a key twice is a bug."""
    if provider.key in _REGISTRY and _REGISTRY[provider.key] is not provider:
        raise ValueError(f"report section {provider.key!r} registered twice")
    _REGISTRY[provider.key] = provider
    return provider


def providers() -> list[SectionProvider]:
    """Every registered provider, in report order."""
    return sorted(_REGISTRY.values(), key=lambda p: (p.order, p.key))


def provider(key: str) -> SectionProvider | None:
    return _REGISTRY.get(key)
