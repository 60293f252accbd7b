"""Rules of inspections as this product applies them (our own defaults, not law: each commune's
inspection plan sets its own): the usual time given to remedy a finding, and who reports it done."""

from __future__ import annotations

from danvan.org.models import Role

DEFAULT_REMEDY_WORKING_DAYS = 15  # the form's starting value; the inspection team sets each task's own
MAX_REMEDY_WORKING_DAYS = 120
REMIND_BEFORE_WORKING_DAYS = 2  # a reminder this many working days before the deadline, and once late
MANAGERS = frozenset({Role.COMMUNE_LEADER, Role.COORDINATOR, Role.SYSTEM_ADMIN})
