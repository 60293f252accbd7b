"""The satisfaction section of the periodic report: the index per aspect with its interval and petition
ratings by field and unit; the province's figures for many communes in a constant number of queries."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.core.sections import provider
from tests.surveys.conftest import ALL, answer, rated_petition, sipas

pytestmark = pytest.mark.django_db


def test_the_section_gives_the_index_and_the_ratings(commune, people):
    survey = sipas(commune, people.coordinator)
    for v in (5, 4, 3, 2):
        answer(survey, dict.fromkeys(ALL, v))
    rated_petition(commune, 5)
    rated_petition(commune, 1)
    today = timezone.localdate()
    section = provider("satisfaction").build(commune, today.replace(day=1), today)
    figures = {f.key: f.value for f in section.figures}
    assert figures == {
        "sipas_answers": 4,
        "sipas_index": 50.0,
        "ratings": 2,
        "ratings_satisfied": 50.0,
        "ratings_low": 1,
    }
    assert "50,0%" in section.paragraphs[0] and "1001/QĐ-BNV" in section.paragraphs[0]
    assert section.tables[0].caption == "Chỉ số hài lòng theo khía cạnh"
    assert section.charts


def test_key_figures_for_many_communes_in_two_queries(commune, neighbour, people, django_assert_num_queries):
    today = timezone.localdate()
    with django_assert_num_queries(2):
        figures = provider("satisfaction").key_figures([commune, neighbour], today.replace(day=1), today)
    assert {f.key: f.value for f in figures[neighbour.code]}["sipas_index"] is None
