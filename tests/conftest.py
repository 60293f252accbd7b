"""Shared fixtures: two communes in two provinces, and one user per role in the first."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.test.utils import override_settings

from danvan.geo.models import Commune, Province, Village
from danvan.org.models import Role, Unit
from danvan.org.services import commune_activate, membership_grant

PASSWORD = "Mat-khau-thu-2026"


@pytest.fixture(scope="session", autouse=True)
def _plain_static_storage(tmp_path_factory):
    # The manifest storage needs `collectstatic` first; tests serve static files from the apps.
    # An empty STATIC_ROOT keeps whitenoise from warning about a folder a fresh clone lacks.
    with override_settings(
        STATIC_ROOT=tmp_path_factory.mktemp("static"),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        # Each test run counts rate limits afresh instead of in the checkout's file cache.
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}},
        # Tests run at any hour: no quiet night unless a test of quiet hours sets one (tests/comms).
        DANVAN_QUIET_HOURS=(0, 0),
    ):
        yield


def make_commune(code: str, name: str, province: Province, slug: str, *, active: bool = True) -> Commune:
    commune = Commune.objects.create(
        code=code, name=name, province=province, division_type="xã", slug=slug, is_active=False
    )
    if active:
        commune_activate(commune=commune, by=None)
        commune.refresh_from_db()
    return commune


@pytest.fixture
def lam_dong(db) -> Province:
    return Province.objects.create(code="68", name="Lâm Đồng", division_type="tỉnh", slug="lam-dong")


@pytest.fixture
def ha_noi(db) -> Province:
    return Province.objects.create(
        code="01", name="Thành phố Hà Nội", division_type="thành phố", slug="ha-noi"
    )


@pytest.fixture
def commune(lam_dong) -> Commune:
    return make_commune("24637", "Xã Tà Đùng", lam_dong, "ta-dung")


@pytest.fixture
def neighbour(lam_dong) -> Commune:
    """Another commune of the same province."""
    return make_commune("24640", "Xã Quảng Hòa", lam_dong, "quang-hoa")


@pytest.fixture
def other_commune(ha_noi) -> Commune:
    """A commune of another province."""
    return make_commune("00004", "Phường Ba Đình", ha_noi, "ba-dinh")


@dataclass
class People:
    leader: object
    coordinator: object
    officer: object
    village_head: object
    supervisor: object
    province_viewer: object
    admin: object
    outsider: object  # a coordinator of another commune
    nobody: object  # an account with no role


def make_user(username: str, full_name: str = "Người Dùng Thử"):
    parts = full_name.split()
    return get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=parts[-1], last_name=" ".join(parts[:-1])
    )


@pytest.fixture
def people(commune, other_commune) -> People:
    village = Village.objects.create(commune=commune, name="Thôn 1", households=120)
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")

    def grant(username, role, **where):
        user = make_user(username, "Nguyễn Văn " + username.capitalize())
        membership_grant(user=user, role=role, by=None, **where)
        return user

    return People(
        leader=grant("chutich", Role.COMMUNE_LEADER, commune=commune),
        coordinator=grant("dieuphoi", Role.COORDINATOR, commune=commune),
        officer=grant("kinhte", Role.UNIT_OFFICER, commune=commune, unit=unit),
        village_head=grant("truongthon", Role.VILLAGE_HEAD, commune=commune, village=village),
        supervisor=grant("mattran", Role.SUPERVISOR, commune=commune),
        province_viewer=grant("sonoivu", Role.PROVINCE_VIEWER, province=commune.province),
        admin=grant("quantri", Role.SYSTEM_ADMIN),
        outsider=grant("badinh", Role.COORDINATOR, commune=other_commune),
        nobody=make_user("khongvaitro"),
    )
