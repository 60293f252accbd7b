"""Several counts in one query give the numbers `.count()` gives one by one."""

import pytest

from danvan.core.counting import counts
from danvan.geo.models import Commune, Village
from danvan.org.models import Unit

pytestmark = pytest.mark.django_db


def test_counts_in_one_query_match_count(commune, django_assert_num_queries):
    querysets = {
        "units": Unit.objects.filter(commune=commune),
        "villages": Village.objects.filter(commune=commune).exclude(name__startswith="Thôn 1"),
        "active communes": Commune.objects.filter(is_active=True).order_by("name"),
        "none": Unit.objects.filter(commune=commune, name="không có đơn vị này"),
    }
    expected = {name: qs.count() for name, qs in querysets.items()}
    assert expected["units"] > 0 and expected["none"] == 0
    with django_assert_num_queries(1):
        assert counts(querysets) == expected


def test_no_counts_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert counts({}) == {}
