"""The inspections section: inspections in the period, findings, remedial tasks done and late."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.sections import provider
from danvan.inspections import services
from tests.inspections.conftest import finding

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 7, 1), dt.date(2026, 12, 31)


def test_nothing_in_the_period_is_said_plainly(commune):
    assert "chưa có cuộc kiểm tra" in provider("inspections").build(commune, START, END).paragraphs[0]


def test_the_section_counts_findings_and_tasks(commune, neighbour, people, inspection, economy):
    done = finding(inspection, people.coordinator, economy).task
    finding(inspection, people.coordinator, economy, days=2, on=dt.date(2026, 11, 2))  # late by 20/11
    services.remedial_done(by=people.officer, task=done, result="Đã bổ sung")
    content = provider("inspections").build(commune, START, END)
    figures = {f.key: f.value for f in content.figures}
    assert figures == {"inspections": 1, "findings": 2, "remedies_done": 1, "remedies_late": 1}
    assert content.tables[0].rows[0][1] == "Phòng Kinh tế"
    with CaptureQueriesContext(connection) as ctx:
        out = provider("inspections").key_figures([commune, neighbour], START, END)
    assert len(ctx) == 2 and {f.key: f.value for f in out[neighbour.code]}["inspections"] == 0
