"""The legal rules in force on each date: one registry, each rule a value with its citation and dates.

A change of law is a new entry, never an edit: code asks `rule(key, on=day)` for the rule in force on
the day that matters (the day a đơn was received, the week or month checked, the day a vote was held),
so a record made under an old rule keeps its meaning. An entry the legal texts could not confirm is
marked `confirmed=False`; its value is the best-supported reading and each field may be replaced by the
Django setting named in `settings`, so a deployment corrects it without a code change.
The entries themselves are in `entries.py` (each a `rule.Rule`); docs/LEGAL.md explains each one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.utils import timezone

from danvan.law.entries import ENTRIES
from danvan.law.rule import Rule, Use

# The registry's public names (Rule and Use are defined in rule.py, so entries.py needs no registry).
__all__ = [
    "NoRuleInForce",
    "Rule",
    "Use",
    "count_needed",
    "history",
    "keys",
    "rule",
    "rules_in_force",
    "share_reached",
    "value",
]


class NoRuleInForce(LookupError):
    pass


def _entries() -> tuple[Rule, ...]:
    return ENTRIES


def _with_settings(entry: Rule) -> Rule:
    """An unconfirmed rule's fields replaced by the deployment's settings, where it has set them."""
    if not entry.settings:
        return entry
    value = dict(entry.value)
    for name, setting in entry.settings.items():
        if hasattr(settings, setting):
            kind = type(value[name])
            value[name] = kind(getattr(settings, setting))
    return replace(entry, value=value)


def history(key: str) -> list[Rule]:
    """Every entry for a key, oldest first (settings applied)."""
    found = [_with_settings(e) for e in _entries() if e.key == key]
    if not found:
        raise KeyError(f"no legal rule {key!r}")
    return sorted(found, key=lambda e: e.in_force_from)


def rule(key: str, *, on: dt.date | None = None) -> Rule:
    """The rule `key` as in force on `on` (today by default)."""
    day = on or timezone.localdate()
    for entry in history(key):
        if entry.in_force_on(day):
            return entry
    raise NoRuleInForce(f"no rule {key!r} in force on {day:%d/%m/%Y}")


def value(key: str, *, on: dt.date | None = None) -> Mapping[str, Any]:
    return rule(key, on=on).value


def rules_in_force(on: dt.date | None = None) -> list[Rule]:
    """Every rule in force on a day, by key."""
    day = on or timezone.localdate()
    return sorted((_with_settings(e) for e in _entries() if e.in_force_on(day)), key=lambda e: e.key)


def keys() -> list[str]:
    return sorted({e.key for e in _entries()})


def share_reached(count: int, total: int, *, share: str, inclusive: bool) -> bool:
    """Whether `count` of `total` reaches a share written as "2/3": at least it when `inclusive`,
    more than it otherwise (whole numbers, so 67 of 100 reaches 2/3 and 66 does not)."""
    num, den = (int(x) for x in share.split("/"))
    if total <= 0:
        return False
    return count * den >= num * total if inclusive else count * den > num * total


def count_needed(total: int, *, share: str, inclusive: bool) -> int:
    """The smallest count that reaches the share of `total`."""
    num, den = (int(x) for x in share.split("/"))
    if total <= 0:
        return 1
    exact, rest = divmod(num * total, den)
    if inclusive:
        return exact + (1 if rest else 0)
    return exact + 1
