"""The Văn phòng HĐND và UBND officer keeps the reception register and organises dialogues, as the
commune plans charge that office; another unit's officer does not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.org.access import can, duties_in
from danvan.org.models import Role, Unit
from danvan.org.rules import OFFICE_DUTY
from danvan.org.services import membership_grant, unit_create, unit_kind_for
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name,kind",
    [
        ("Văn phòng HĐND và UBND", "office"),
        ("Văn phòng HĐND - UBND xã", "office"),
        ("VĂN PHÒNG HỘI ĐỒNG NHÂN DÂN VÀ ỦY BAN NHÂN DÂN", "office"),
        ("Phòng Kinh tế", "other"),
        ("Văn phòng Đảng ủy", "other"),
    ],
)
def test_office_is_recognised_by_its_name(name, kind):
    assert unit_kind_for(name) == kind


def test_the_office_officer_keeps_reception_and_dialogues(client, commune, people):
    office = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    assert office.kind == Unit.Kind.OFFICE
    clerk = make_user("vanphong", "Phạm Quốc Huy")
    membership_grant(user=clerk, role=Role.UNIT_OFFICER, commune=commune, unit=office, by=None)
    assert duties_in(clerk, commune) == {OFFICE_DUTY}
    assert can(clerk, "engagement.manage", commune)
    assert not can(people.officer, "engagement.manage", commune)  # Phòng Kinh tế
    client.force_login(clerk)
    assert client.get(reverse("engagement:register", args=[commune.code])).status_code == 200
    client.force_login(people.officer)
    assert client.get(reverse("engagement:register", args=[commune.code])).status_code == 403


def test_a_new_unit_named_as_the_office_is_the_office(commune, people):
    unit = unit_create(commune=commune, name="Văn phòng HĐND-UBND (cơ sở 2)", by=people.leader)
    assert unit.kind == Unit.Kind.OFFICE


def test_the_office_officer_is_asked_to_fix_the_chairmans_reception_schedule(client, commune, people):
    office = Unit.objects.get(commune=commune, name="Văn phòng HĐND và UBND")
    clerk = make_user("vanphong", "Phạm Quốc Huy")
    membership_grant(user=clerk, role=Role.UNIT_OFFICER, commune=commune, unit=office, by=None)
    home = reverse("web:ws_home", args=[commune.code])
    client.force_login(people.leader)
    assert "Chưa đủ lịch Chủ tịch UBND xã tiếp công dân" in client.get(home).content.decode()
    client.force_login(clerk)
    assert "Chưa đủ lịch Chủ tịch UBND xã tiếp công dân" in client.get(home).content.decode()
    client.force_login(people.officer)
    assert "Chưa đủ lịch Chủ tịch UBND xã tiếp công dân" not in client.get(home).content.decode()
