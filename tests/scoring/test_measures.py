"""Measures read from each app's data: on-time tasks, reports, petitions, commitments, models per unit;
the Chairman's reception, disclosures and dialogues per commune; a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.engagement.models import ReceptionSession
from danvan.scoring import measures
from danvan.scoring.rules import MEASURES
from tests.conftest import make_commune
from tests.scoring.conftest import TODAY, add_commitments, add_dialogue, add_petitions, add_tasks

pytestmark = pytest.mark.django_db
UNIT_KEYS = {k for k, m in MEASURES.items() if "units" in m.subjects}
ALL_KEYS = set(MEASURES)


def test_units_measures_count_what_each_unit_did_on_time(commune, economy, police):
    add_tasks(commune, economy, on_time=2, late_done=1, undone=1)
    add_petitions(commune, economy, on_time=3, late=1)
    add_commitments(commune, police, kept=1, missed=1)
    out = measures.for_units(UNIT_KEYS, commune=commune, year=2026, as_of=TODAY, targets={})
    tasks = out["plans.tasks_on_time"][economy.pk]
    assert (tasks.done, tasks.total) == (2, 4)
    assert "2/4 nhiệm vụ hoàn thành đúng hạn" in tasks.evidence and "3." in tasks.evidence
    assert police.pk not in out["plans.tasks_on_time"]  # leads no task: nothing owed
    assert (
        out["plans.reports_on_time"][economy.pk].done,
        out["plans.reports_on_time"][economy.pk].total,
    ) == (1, 1)
    assert (out["petitions.on_time"][economy.pk].done, out["petitions.on_time"][economy.pk].total) == (3, 4)
    assert (
        out["engagement.commitments_kept"][police.pk].done,
        out["engagement.commitments_kept"][police.pk].total,
    ) == (1, 2)
    assert out["exemplars.registered"][economy.pk].done == 0


def test_a_task_due_after_the_day_scored_is_not_yet_owed(commune, economy):
    add_tasks(commune, economy, on_time=0, late_done=0, undone=1)
    out = measures.for_units(
        {"plans.tasks_on_time"}, commune=commune, year=2026, as_of=dt.date(2026, 5, 1), targets={}
    )
    assert out["plans.tasks_on_time"] == {}


def test_communes_measures_fill_every_commune_from_its_own_data(commune, neighbour, economy):
    add_tasks(commune, economy, on_time=1, late_done=0, undone=1)
    add_dialogue(commune)
    # The Chairman received citizens every week of January 2026 in the first commune only.
    for week in range(5):
        ReceptionSession.objects.create(
            commune=commune,
            on=dt.date(2026, 1, 5) + dt.timedelta(weeks=week),
            place="Trụ sở",
            host_role="chairman",
            start_time=dt.time(7, 30),
            end_time=dt.time(11, 0),
        )
    out = measures.for_communes(
        ALL_KEYS,
        codes=[commune.code, neighbour.code],
        year=2026,
        as_of=TODAY,
        targets={"engagement.dialogues_held": 2},
    )
    assert (
        out["plans.tasks_on_time"][commune.code].done,
        out["plans.tasks_on_time"][commune.code].total,
    ) == (1, 2)
    assert neighbour.code not in out["plans.tasks_on_time"]
    kept, other = (
        out["engagement.reception_kept"][commune.code],
        out["engagement.reception_kept"][neighbour.code],
    )
    assert kept.done == 5 and other.done == 0 and kept.total == other.total > 20
    assert (
        out["engagement.dialogues_held"][commune.code].done,
        out["engagement.dialogues_held"][commune.code].total,
    ) == (1, 2)
    assert out["engagement.dialogues_held"][neighbour.code].done == 0
    disclosures = out["democracy.disclosures"][neighbour.code]
    assert disclosures.done == 0 and disclosures.total > 0
    assert out["exemplars.registered"][commune.code].total > 0


def test_communes_measures_take_the_same_number_of_queries_for_many_communes(commune, lam_dong, economy):
    add_tasks(commune, economy)
    with CaptureQueriesContext(connection) as one:
        measures.for_communes(ALL_KEYS, codes=[commune.code], year=2026, as_of=TODAY, targets={})
    others = [make_commune(f"2470{i}", f"Xã Thử {i}", lam_dong, f"xa-thu-{i}") for i in range(4)]
    for other in others:
        add_tasks(other, other.units.first())
    with CaptureQueriesContext(connection) as five:
        measures.for_communes(
            ALL_KEYS, codes=[commune.code, *(o.code for o in others)], year=2026, as_of=TODAY, targets={}
        )
    assert len(five) == len(one)
