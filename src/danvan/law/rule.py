"""What one legal rule is: its value, citation, in-force dates, confirmed flag and where the product uses
it. The registry (`registry.py`) answers which rule is in force; the entries (`entries.py`) list them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Use:
    """Where the product applies a rule: a staff page (URL name under /lam-viec/<code>/) and its title."""

    url_name: str
    label: str


@dataclass(frozen=True)
class Rule:
    """Một quy định pháp luật có hiệu lực trong một khoảng thời gian."""

    key: str
    value: Mapping[str, Any]
    citation: str  # law, article, khoản: "Luật Tiếp công dân 2013, Điều 15 khoản 2 điểm d"
    in_force_from: dt.date
    in_force_until: dt.date | None = None  # last day in force, inclusive; None: still in force
    confirmed: bool = True
    title: str = ""  # what the rule says, in Vietnamese, for the page and the command
    settings: Mapping[str, str] = field(default_factory=dict)  # value field -> Django setting
    uses: tuple[Use, ...] = ()

    def in_force_on(self, day: dt.date) -> bool:
        return self.in_force_from <= day and (self.in_force_until is None or day <= self.in_force_until)

    def as_dict(self) -> dict[str, Any]:
        """The shape `danvan rules --json` prints."""
        return {
            "key": self.key,
            "value": dict(self.value),
            "citation": self.citation,
            "in_force_from": self.in_force_from.isoformat(),
            "in_force_until": self.in_force_until.isoformat() if self.in_force_until else None,
            "confirmed": self.confirmed,
        }
