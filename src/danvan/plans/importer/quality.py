"""How complete an import is: the figures the import benchmark reports and the sample tests check."""

from __future__ import annotations

from danvan.plans.importer.assign import is_group
from danvan.plans.importer.timeframe import UNSPECIFIED, states_time
from danvan.text.normalize import fold


def figures(parsed: dict) -> dict:
    """Counts for one parsed plan.

    - `tasks`, `with_lead`, `lead_guessed`: tasks, those with at least one lead unit, and those whose lead
      is only the plan's standing unit (nothing in the text named one for that task);
    - `units`, `units_owning`: the named (not "Các …") units of the organisation section, and those that
      lead or join at least one task;
    - `stated`, `stated_read`: tasks whose own text says when (any form `states_time` recognises), and
      those of them that got a time frame;
    - `names_units`: whether the document names any unit (in the organisation section or a task's lines).
    """
    tasks = parsed.get("tasks", [])
    owners = {fold(u) for t in tasks for u in [*t.get("lead", []), *t.get("coordinating", [])]}
    units = sorted({a["unit"] for a in parsed.get("assignments", []) if not is_group(a["unit"])})
    stated = [t for t in tasks if states_time(" ".join([t["content"], *t.get("details", [])]))]
    named_in_tasks = any(
        s.get("source") == "task" and not is_group(s.get("unit", ""))
        for t in tasks
        for s in t.get("suggestions", [])
    )
    return {
        "tasks": len(tasks),
        "with_lead": sum(1 for t in tasks if t.get("lead")),
        "lead_guessed": sum(
            1
            for t in tasks
            if t.get("lead")
            and all(s.get("source") == "plan_owner" for s in t.get("suggestions", []) if s["role"] == "lead")
        ),
        "units": len(units),
        "units_owning": sum(1 for u in units if fold(u) in owners),
        "units_missing": [u for u in units if fold(u) not in owners],
        "stated": len(stated),
        "stated_read": sum(
            1 for t in stated if (t.get("timeframe") or {}).get("kind", UNSPECIFIED) != UNSPECIFIED
        ),
        "names_units": bool(units) or named_in_tasks,
    }


def percent(part: int, whole: int) -> float | None:
    return 100.0 * part / whole if whole else None
