"""Activating a commune, keeping its units, and granting roles."""

import pytest
from django.db import IntegrityError, transaction

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.org.models import Membership, Role, Unit
from danvan.org.services import (
    STANDARD_UNITS,
    commune_activate,
    membership_grant,
    membership_revoke,
    staff_user_create,
    unit_create,
    unit_update,
)

pytestmark = pytest.mark.django_db


def test_activation_creates_the_standard_units_once(commune):
    names = list(Unit.objects.filter(commune=commune).values_list("name", flat=True))
    assert names == [name for name, _ in STANDARD_UNITS]
    assert "Ủy ban MTTQ Việt Nam xã" in names and "Trung tâm Phục vụ hành chính công" in names
    assert commune.is_active and commune.activated_at
    audits = AuditEvent.objects.count()
    assert commune_activate(commune=commune, by=None) == []
    assert AuditEvent.objects.count() == audits


def test_a_renamed_standard_unit_is_not_recreated(commune, people):
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    unit_update(unit=unit, name="Phòng Kinh tế – Hạ tầng", short_name="KT-HT", by=people.leader)
    created = commune_activate(commune=commune, by=None)
    # "Phòng Kinh tế" no longer exists by that name, so activation restores it; the renamed one stays.
    assert [u.name for u in created] == ["Phòng Kinh tế"]


@pytest.mark.parametrize(
    "name", ["Phòng Văn hoá - Xã hội", "PHÒNG VĂN HÓA – XÃ HỘI", "phong van hoa - xa hoi"]
)
def test_unit_names_differing_only_in_accents_case_or_dashes_are_duplicates(commune, people, name):
    count = Unit.objects.count()
    with pytest.raises(ServiceError) as err:
        unit_create(commune=commune, name=name, by=people.coordinator)
    assert "Xã đã có đơn vị" in err.value.message
    assert Unit.objects.count() == count


def test_unit_create_and_update_are_audited(commune, people):
    unit = unit_create(commune=commune, name="Trạm Y tế xã", short_name="TYT", by=people.coordinator)
    unit_update(unit=unit, name="Trạm Y tế", short_name="TYT", is_active=False, by=people.coordinator)
    events = AuditEvent.objects.filter(object_type="org.unit", object_id=str(unit.pk)).order_by("id")
    assert [e.action for e in events] == ["org.unit_create", "org.unit_update"]
    assert events[1].before["is_active"] is True and events[1].after["is_active"] is False


def test_membership_rules(commune, other_commune, people):
    user = people.nobody
    with pytest.raises(ServiceError, match="cần chọn đơn vị"):
        membership_grant(user=user, role=Role.UNIT_OFFICER, commune=commune, by=None)
    with pytest.raises(ServiceError, match="cần chọn tỉnh"):
        membership_grant(user=user, role=Role.PROVINCE_VIEWER, by=None)
    foreign_unit = Unit.objects.filter(commune=other_commune).first()
    with pytest.raises(ServiceError, match="không thuộc xã"):
        membership_grant(user=user, role=Role.UNIT_OFFICER, commune=commune, unit=foreign_unit, by=None)
    assert not Membership.objects.filter(user=user).exists()
    m = membership_grant(user=user, role=Role.SUPERVISOR, commune=commune, by=people.leader)
    assert membership_grant(user=user, role=Role.SUPERVISOR, commune=commune, by=people.leader) == m
    membership_revoke(membership=m, by=people.leader)
    m.refresh_from_db()
    assert not m.is_active
    assert AuditEvent.objects.filter(object_type="org.membership", object_id=str(m.pk)).count() == 2


def test_the_database_refuses_a_role_without_its_place(commune, people):
    # A village head with no village: even a write that bypasses the service cannot store it.
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=people.nobody, role=Role.VILLAGE_HEAD, commune=commune)


def test_staff_user_create_checks_the_password_and_splits_the_name():
    with pytest.raises(ServiceError) as err:
        staff_user_create(username="cb1", full_name="Nguyễn Văn An", password="123456", by=None)
    assert err.value.field == "password"
    user = staff_user_create(
        username="cb1", full_name="Nguyễn Văn An", password="Mat-khau-rat-dai-2026", by=None
    )
    assert (user.last_name, user.first_name) == ("Nguyễn Văn", "An")
    assert user.password.startswith("md5$") or user.password.startswith("argon2")
    with pytest.raises(ServiceError, match="đã có người dùng"):
        staff_user_create(username="CB1", full_name="Ai Đó", password="Mat-khau-rat-dai-2026", by=None)
