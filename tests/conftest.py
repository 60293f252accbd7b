"""Shared fixtures: two communes in two provinces, and one user per role in the first."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
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
        # The public page cache outlives a test's rolled-back rows: off, except in the tests of the cache
        # (tests/core/test_pagecache.py and the pages' own, fixture `page_cache`) or with
        # DANVAN_TEST_PAGE_CACHE=1, which runs any public page test through it.
        DANVAN_PUBLIC_CACHE_SECONDS=5 if os.environ.get("DANVAN_TEST_PAGE_CACHE") else 0,
        # Tests run at any hour: no quiet night unless a test of quiet hours sets one (tests/comms).
        DANVAN_QUIET_HOURS=(0, 0),
    ):
        yield


@pytest.fixture
def page_cache(settings):
    """The public page cache on and empty (it is off for the rest of the suite)."""
    from django.core.cache import cache

    settings.DANVAN_PUBLIC_CACHE_SECONDS = 5
    cache.clear()
    yield cache
    cache.clear()


@pytest.fixture(autouse=True)
def _page_cache_per_test():
    if os.environ.get("DANVAN_TEST_PAGE_CACHE"):  # each test starts with no page cached by another
        from django.core.cache import cache

        cache.clear()


# --- The second factor in tests (django-otp, for real) ---
# Leaders, coordinators, province viewers and administrators must give a code after their password
# (danvan.accounts). Tests that sign such a person in with `client.force_login` get their session marked
# verified the way the code page does it, through django-otp's `login` (otp_login) with the person's
# own authenticator key; browser tests type a real TOTP computed from that key (`totp_code`). Nothing
# turns the second factor off.


def second_factor_device(user):
    """The person's authenticator key: the one they enrolled, or (a fixture, like a user made with
    create_user) a confirmed key added now for a role that must have one. None when none is needed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from danvan.accounts.rules import TOTP_DEVICE_NAME, must_use_two_factor

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None and must_use_two_factor(user):
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=True)
    return device


def totp_code(device) -> str:
    """The code an authenticator app holding this key shows now. django-otp refuses a code twice (it
    keeps the last time step used), so a second log-in in the same 30 seconds takes the next step the
    server still accepts (its tolerance is one step), or waits for the app's next code."""
    import time

    from django_otp.oath import hotp

    while True:
        device.refresh_from_db()
        real = int(time.time() - device.t0) // device.step
        window = range(real + device.drift - device.tolerance, real + device.drift + device.tolerance + 1)
        for step in (real, real + 1, real - 1):
            if step in window and step > device.last_t:
                return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"
        time.sleep(1)


def pass_second_factor(client, user) -> None:
    """Mark a test client's session as having given the second factor, as the code page does."""
    from django.http import HttpRequest
    from django_otp import login as otp_login

    device = second_factor_device(user)
    if device is None:
        return
    request = HttpRequest()
    request.session = client.session
    request.user = user
    otp_login(request, device)
    request.session.save()


def client_sign_in(client, username: str, password: str = PASSWORD):
    """Log a test client in through the pages: the password, then the code when one is asked.
    Returns the last response."""
    from django.contrib.auth import get_user_model

    response = client.post("/dang-nhap/", {"username": username, "password": password})
    if response.status_code == 302 and response["Location"].startswith("/dang-nhap/ma-xac-thuc/"):
        device = second_factor_device(get_user_model().objects.get(username=username))
        response = client.post(response["Location"], {"token": totp_code(device)})
    return response


@pytest.fixture(autouse=True)
def _force_login_passes_the_second_factor(monkeypatch):
    from django.test.client import ClientMixin

    original = ClientMixin.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(ClientMixin, "force_login", force_login)


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


# A test catalogue, not a translation: msgstr marked so no one mistakes it for K'Ho.
KPM_TEST_CATALOGUE = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: kpm\\n"

msgid "Tìm xã/phường của bạn"
msgstr "[kpm] Tìm xã/phường của bạn"

msgid "Gửi phản ánh, kiến nghị"
msgstr "[kpm] Gửi phản ánh, kiến nghị"
"""


@pytest.fixture
def kpm_catalogue(tmp_path, settings, monkeypatch):
    """The procedure in README: the .po a translator filled, compiled with `compilemessages`; the
    interface chooser then offers K'Ho (test web pages and browser pages alike)."""
    if not shutil.which("msgfmt"):
        pytest.skip("GNU gettext's msgfmt is not installed (Debian package gettext)")
    folder = tmp_path / "locale" / "kpm" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "django.po").write_text(KPM_TEST_CATALOGUE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    call_command("compilemessages", locale=["kpm"], verbosity=0)
    assert (folder / "django.mo").exists()
    settings.LOCALE_PATHS = [Path(tmp_path / "locale")]
    settings.LANGUAGES = [("vi", "Tiếng Việt"), ("kpm", "Tiếng K'Ho")]
    return folder
