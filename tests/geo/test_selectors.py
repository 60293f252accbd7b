"""Finding a commune by name, with or without accents."""

import pytest

from danvan.geo.selectors import communes_search

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["Tà Đùng", "ta dung", "TA DUNG", "tà đùng"])
def test_search_folds_accents_and_case(commune, query):
    assert [c.code for c in communes_search(query)] == ["24637"]


def test_empty_query_finds_nothing(commune):
    assert communes_search("   ") == []
