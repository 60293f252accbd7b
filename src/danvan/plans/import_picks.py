"""The import preview's per-task unit pickers, applied when the plan is saved.

Each task row may carry, beside the unit names read from the document (mapped for the whole plan by
name), the coordinator's own choice for that task: `lead_choice` (a unit's id, "create a unit with the
name written", or "text only") and `partner_units` (unit ids added as partners). A row without a choice
follows the plan-wide mapping of its names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from danvan.core.errors import ServiceError
from danvan.text.normalize import fold

# The preview's sentinels for a unit name: create the unit, or keep the name only as written.
CREATE_UNIT = "__new__"  # a unit the commune does not have yet: create it
KEEP_AS_TEXT = "__text__"  # leave it only in the text as written (e.g. a body outside the commune)


def _sentinels() -> tuple[str, str]:
    return CREATE_UNIT, KEEP_AS_TEXT


def pick_creations(tasks: Iterable[dict]) -> Iterator[tuple[str, str]]:
    """(name, CREATE_UNIT) for each lead name of a row whose picker says "create a unit"."""
    create, _ = _sentinels()
    for item in tasks:
        if item.get("lead_choice") == create:
            for name in item.get("lead") or []:
                yield " ".join(str(name).split()), create


def _unit(choice, commune_units: list) -> object:
    unit = next((u for u in commune_units if str(u.pk) == str(choice) and u.is_active), None)
    if unit is None:
        raise ServiceError("Đơn vị đã chọn cho nhiệm vụ không thuộc đơn vị của mình.", field="tasks")
    return unit


def apply_picks(
    item: dict, leads: list, coords: list, commune_units: list, created: dict
) -> tuple[list, list]:
    """The task's lead and partner units once its row's pickers are applied."""
    create, text_only = _sentinels()
    choice = str(item.get("lead_choice") or "")
    if choice == text_only:
        leads = []
    elif choice == create:
        leads = [
            created[fold(n)]
            for n in (" ".join(str(x).split()) for x in item.get("lead") or [])
            if fold(n) in created
        ]
    elif choice:
        leads = [_unit(choice, commune_units)]
    coords = list(coords)
    for pk in item.get("partner_units") or []:
        unit = _unit(pk, commune_units)
        if unit not in coords:
            coords.append(unit)
    return leads, coords
