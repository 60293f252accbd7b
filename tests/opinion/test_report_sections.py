"""The opinion section of the periodic report: counts by level, a restricted entry counted but never
quoted, and the province's figures for many communes in a constant number of queries."""

from __future__ import annotations

import pytest

from danvan.core.sections import provider
from tests.opinion.conftest import field, record, today, village_1

pytestmark = pytest.mark.django_db


def test_the_section_counts_and_never_quotes_a_restricted_entry(commune, people):
    record(
        people.village_head,
        commune,
        village=village_1(commune),
        fld=field(),
        level="frustrated",
        summary="Bụi cát",
    )
    record(people.officer, commune, source="security", level="hotspot_risk", summary="Tin mật")
    section = provider("opinion").build(commune, today().replace(day=1), today())
    text = " ".join(section.paragraphs) + str(section.tables)
    assert "Bụi cát" in text and "Tin mật" not in text
    figures = {f.key: f.value for f in section.figures}
    assert figures == {"entries": 2, "frustrated": 1, "hotspot_risk": 1, "alerts": 2}
    assert section.charts


def test_the_province_sees_levels_across_communes_in_constant_queries(
    commune, neighbour, people, django_assert_num_queries
):
    record(people.coordinator, commune, level="frustrated")
    start, end = today().replace(day=1), today()
    with django_assert_num_queries(2):
        figures = provider("opinion").key_figures([commune, neighbour], start, end)
    assert {f.key: f.value for f in figures[commune.code]}["frustrated"] == 1
    assert {f.key: f.value for f in figures[neighbour.code]}["entries"] == 0
