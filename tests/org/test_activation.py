"""Activation without a shell: the administrator (any commune) or a province (its own communes)
turns a commune on with its units, villages and first accounts, whose passwords show once."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.geo.models import Commune, Village
from danvan.org.activation import FirstAccount, commune_onboard, one_time_password
from danvan.org.models import Membership, Role, Unit
from danvan.org.services import STANDARD_UNITS
from tests.conftest import make_commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def dormant(lam_dong) -> Commune:
    """A commune of Lâm Đồng not yet on the platform."""
    return make_commune("24650", "Xã Đinh Văn", lam_dong, "dinh-van", active=False)


@pytest.fixture
def far_dormant(ha_noi) -> Commune:
    return make_commune("00010", "Phường Hoàn Kiếm", ha_noi, "hoan-kiem", active=False)


COORDINATOR = FirstAccount(Role.COORDINATOR, "dv.dieuphoi", "Trần Thị Bình", "binh@example.vn")
LEADER = FirstAccount(Role.COMMUNE_LEADER, "dv.chutich", "Lê Văn Cường")


def test_province_activates_its_commune_with_everything(dormant, people):
    result = commune_onboard(
        commune=dormant,
        villages=[("Thôn Đinh Văn 1", 120), ("Thôn Đinh Văn 2", None)],
        extra_units=["Đội Trật tự đô thị"],
        accounts=[COORDINATOR, LEADER],
        by=people.province_viewer,
    )
    dormant.refresh_from_db()
    assert dormant.is_active and dormant.activated_at
    assert Unit.objects.filter(commune=dormant).count() == len(STANDARD_UNITS) + 1
    assert list(
        Village.objects.filter(commune=dormant).order_by("name").values_list("households", flat=True)
    ) == [120, None]
    User = get_user_model()
    for account, (_, _, password) in zip([COORDINATOR, LEADER], result.accounts, strict=True):
        user = User.objects.get(username=account.username)
        assert user.check_password(password)
        assert Membership.objects.filter(
            user=user, commune=dormant, role=account.role, is_active=True
        ).exists()
    event = AuditEvent.objects.get(action="org.commune_onboard")
    assert all(p not in str(event.after) for _, _, p in result.accounts)  # never stored in clear


def test_province_viewer_cannot_activate_another_provinces_commune(far_dormant, people):
    with pytest.raises(ServiceError, match="không có quyền"):
        commune_onboard(commune=far_dormant, villages=[], accounts=[COORDINATOR], by=people.province_viewer)
    far_dormant.refresh_from_db()
    assert not far_dormant.is_active


def test_admin_activates_anywhere(far_dormant, people):
    commune_onboard(commune=far_dormant, villages=[], accounts=[COORDINATOR], by=people.admin)
    far_dormant.refresh_from_db()
    assert far_dormant.is_active


@pytest.mark.parametrize("who", ["coordinator", "leader", "officer", "outsider"])
def test_commune_staff_cannot_activate(dormant, people, who):
    with pytest.raises(ServiceError):
        commune_onboard(commune=dormant, villages=[], accounts=[COORDINATOR], by=getattr(people, who))


def test_any_refusal_leaves_the_commune_off(dormant, people):
    # The leader's user name is taken: nothing is created, not even the coordinator's account.
    taken = FirstAccount(Role.COMMUNE_LEADER, "chutich", "Người Khác")
    with pytest.raises(ServiceError, match="đã có người dùng"):
        commune_onboard(
            commune=dormant, villages=[("Thôn 1", 10)], accounts=[COORDINATOR, taken], by=people.admin
        )
    dormant.refresh_from_db()
    assert not dormant.is_active
    assert not Unit.objects.filter(commune=dormant).exists()
    assert not Village.objects.filter(commune=dormant).exists()
    assert not get_user_model().objects.filter(username="dv.dieuphoi").exists()


def test_needs_a_coordinator_and_distinct_names(dormant, people):
    with pytest.raises(ServiceError, match="công chức đầu mối"):
        commune_onboard(commune=dormant, villages=[], accounts=[LEADER], by=people.admin)
    twin = FirstAccount(Role.COMMUNE_LEADER, "DV.dieuphoi", "Lê Văn Cường")
    with pytest.raises(ServiceError, match="trùng"):
        commune_onboard(commune=dormant, villages=[], accounts=[COORDINATOR, twin], by=people.admin)


def test_already_active_is_refused(commune, people):
    with pytest.raises(ServiceError, match="đã được kích hoạt"):
        commune_onboard(commune=commune, villages=[], accounts=[COORDINATOR], by=people.admin)
    assert not get_user_model().objects.filter(username="dv.dieuphoi").exists()


def test_duplicate_village_names_are_refused(dormant, people):
    with pytest.raises(ServiceError, match="đã có"):
        commune_onboard(
            commune=dormant,
            villages=[("Thôn 1", None), ("thôn 1", None)],
            accounts=[COORDINATOR],
            by=people.admin,
        )
    dormant.refresh_from_db()
    assert not dormant.is_active


def test_one_time_passwords_differ_and_pass_the_validators():
    from django.contrib.auth.password_validation import validate_password

    passwords = {one_time_password() for _ in range(50)}
    assert len(passwords) == 50
    for p in list(passwords)[:5]:
        validate_password(p)
