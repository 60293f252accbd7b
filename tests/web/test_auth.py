"""Staff log-in: Vietnamese errors, lock-out after repeated failures, sessions that expire."""

import pytest
from django.conf import settings
from django.urls import reverse

from tests.conftest import PASSWORD, second_factor_device, totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/dang-nhap/"


def test_login_leads_to_the_commune_workspace(client, people, commune):
    # An officer (no role that needs a second factor, none enrolled): the password is enough.
    response = client.post(LOGIN, {"username": "kinhte", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:ws_home", args=[commune.code])
    assert "Xã Tà Đùng" in response.content.decode()


def test_a_coordinator_gives_the_code_after_the_password_then_reaches_the_workspace(client, people, commune):
    device = second_factor_device(people.coordinator)
    first = client.post(LOGIN, {"username": "dieuphoi", "password": PASSWORD})
    assert first["Location"].startswith("/dang-nhap/ma-xac-thuc/")
    response = client.post(first["Location"], {"token": totp_code(device)}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("web:ws_home", args=[commune.code])


def test_wrong_password_gets_a_vietnamese_message_and_no_session(client, people):
    response = client.post(LOGIN, {"username": "dieuphoi", "password": "sai-mat-khau"})
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_form_says_what_is_missing(client, db):
    page = client.post(LOGIN, {"username": "", "password": ""}).content.decode()
    assert "Vui lòng nhập tên đăng nhập." in page and "Vui lòng nhập mật khẩu." in page


def test_account_is_locked_after_repeated_failures(client, people):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "dieuphoi", "password": "sai-mat-khau"})
    # Even the right password is refused now, with a page that says why.
    response = client.post(LOGIN, {"username": "dieuphoi", "password": PASSWORD})
    assert response.status_code == 429
    assert "Tài khoản tạm khóa" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another official in the same office (same address) can still log in.
    ok = client.post(LOGIN, {"username": "chutich", "password": PASSWORD})
    assert ok.status_code == 302


def test_session_ends_at_browser_close_and_after_idle_time(client, people):
    client.post(LOGIN, {"username": "dieuphoi", "password": PASSWORD})
    assert client.session.get_expire_at_browser_close() is True
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 3600
    # The cookie carries no Max-Age: the browser drops it when closed.
    assert not client.cookies[settings.SESSION_COOKIE_NAME]["max-age"]


def test_passwords_are_stored_as_argon2_hashes(settings, db):
    from danvan.org.services import staff_user_create

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = staff_user_create(
        username="canbo", full_name="Lê Văn Bình", password="Mat-khau-rat-dai-2026", by=None
    )
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password("Mat-khau-rat-dai-2026")


def test_logout_needs_post_and_ends_the_session(client, people):
    client.force_login(people.coordinator)
    assert client.get("/dang-xuat/").status_code == 405
    client.post("/dang-xuat/")
    assert "_auth_user_id" not in client.session


def test_workspace_requires_login(client, commune):
    response = client.get(f"/lam-viec/{commune.code}/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
