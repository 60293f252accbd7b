"""The scoring section of the periodic report: says when there is no framework, ranks the units, and
gives the province its figures in a constant number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.core.sections import provider
from danvan.scoring import services
from danvan.scoring.models import Criterion
from tests.conftest import make_commune

pytestmark = pytest.mark.django_db
START, END = dt.date(2026, 7, 1), dt.date(2026, 12, 31)


def test_without_a_framework_the_section_says_so(commune):
    content = provider("scoring").build(commune, START, END)
    assert "chưa lập bộ tiêu chí" in content.paragraphs[0]


def test_the_section_ranks_the_units_and_counts_the_sheets(commune, people, framework, economy):
    sheet = services.assessment_for(by=people.officer, framework=framework, commune=commune, unit=economy)
    for c in Criterion.objects.filter(framework=framework, measure=""):
        services.score_save(by=people.officer, assessment=sheet, criterion=c, points=c.max_points)
    services.assessment_submit(by=people.officer, assessment=sheet)
    content = provider("scoring").build(commune, START, END)
    figures = {f.key: f.value for f in content.figures}
    assert figures["sheets_submitted"] == 1 and figures["sheets_reviewed"] == 0
    assert content.tables[0].rows[0][1] in {u.name for u in commune.units.all()}
    assert "Phòng Kinh tế" in [r[1] for r in content.tables[0].rows]
    key = provider("scoring").key_figures([commune], START, END)
    assert {f.key: f.value for f in key[commune.code]}["sheets_submitted"] == 1


def test_key_figures_take_one_query_for_any_number_of_communes(commune, lam_dong):
    others = [make_commune(f"2480{i}", f"Xã Khác {i}", lam_dong, f"xa-khac-{i}") for i in range(3)]
    with CaptureQueriesContext(connection) as ctx:
        out = provider("scoring").key_figures([commune, *others], START, END)
    assert len(ctx) == 1 and len(out) == 4
