"""The tenant scope: who sees which commune."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from danvan.geo.models import Commune
from danvan.org.access import commune_for, get_scoped_or_404, scope, visible_communes
from danvan.org.models import Unit
from danvan.org.services import membership_revoke

pytestmark = pytest.mark.django_db


def codes(user):
    return set(visible_communes(user).values_list("code", flat=True))


def test_each_role_sees_its_own_communes(people, commune, neighbour, other_commune):
    for user in (people.leader, people.coordinator, people.officer, people.village_head, people.supervisor):
        assert codes(user) == {"24637"}
    assert codes(people.province_viewer) == {"24637", "24640"}  # all of Lâm Đồng, not Hà Nội
    assert codes(people.admin) == {"24637", "24640", "00004"}
    assert codes(people.outsider) == {"00004"}
    assert codes(people.nobody) == set()


def test_another_communes_object_is_not_found(people, commune, other_commune):
    foreign = Unit.objects.filter(commune=other_commune).first()
    assert scope(Unit.objects.all(), people.coordinator).filter(pk=foreign.pk).count() == 0
    with pytest.raises(Http404):
        get_scoped_or_404(Unit.objects.all(), people.coordinator, pk=foreign.pk)
    with pytest.raises(Http404):
        commune_for(people.coordinator, other_commune.code)


def test_role_without_permission_is_forbidden_not_hidden(people, commune):
    assert commune_for(people.leader, commune.code, permission="audit.view") == commune
    with pytest.raises(PermissionDenied):
        commune_for(people.supervisor, commune.code, permission="org.manage_units")


def test_a_revoked_or_deactivated_account_sees_nothing(people):
    people.coordinator.is_active = False
    assert codes(people.coordinator) == set()


def test_a_member_reaches_their_commune_with_one_query(people, commune, django_assert_num_queries):
    # Every staff page starts here: the memberships are read (afresh each request) with their commune.
    people.coordinator._danvan_memberships = None
    with django_assert_num_queries(1):
        found = commune_for(people.coordinator, commune.code)
    assert found == commune and found.province.name == commune.province.name


def test_a_revoked_membership_stops_access_on_the_next_request(people, commune):
    assert commune_for(people.coordinator, commune.code) == commune
    membership = people.coordinator.memberships.filter(commune=commune).first()
    membership_revoke(membership=membership, by=people.admin)
    people.coordinator._danvan_memberships = None  # the next request's user
    with pytest.raises(Http404):
        commune_for(people.coordinator, commune.code)


def test_an_inactive_commune_is_not_found_even_for_its_members(people, commune):
    Commune.objects.filter(pk=commune.pk).update(is_active=False)
    people.coordinator._danvan_memberships = None
    with pytest.raises(Http404):
        commune_for(people.coordinator, commune.code)
