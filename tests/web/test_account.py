"""The account pages: log-in with the second factor, enrolment, recovery codes, the session list."""

import re

import pytest
from django.test import Client

from danvan.core.models import AuditEvent
from tests.conftest import PASSWORD, second_factor_device, totp_code

pytestmark = pytest.mark.django_db
LOGIN = "/dang-nhap/"
VERIFY = "/dang-nhap/ma-xac-thuc/"
ENROL = "/tai-khoan/xac-thuc-hai-buoc/"


def _secret_on(page: str) -> str:
    return re.search(r'data-secret="([A-Z2-7 ]+)"', page).group(1).replace(" ", "")


def _code_for(secret: str, user) -> str:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return totp_code(TOTPDevice.objects.get(user=user, confirmed=False))


def test_a_coordinator_without_a_second_factor_can_do_nothing_but_enrol(client, people, commune):
    first = client.post(LOGIN, {"username": "dieuphoi", "password": PASSWORD})
    assert first["Location"].startswith(ENROL)
    for url in (f"/lam-viec/{commune.code}/", "/tai-khoan/", "/quan-tri/", f"/tinh/{commune.province.code}/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(ENROL), url
    api = client.get(f"/api/v1/communes/{commune.code}/petitions/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "second_factor_required"
    page = client.get(first["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "Bật xác thực hai bước" in html
    assert "no-store" in page["Cache-Control"]


def test_enrolment_shows_the_recovery_codes_once_then_the_workspace_opens(client, people, commune):
    client.post(LOGIN, {"username": "dieuphoi", "password": PASSWORD})
    page = client.get(ENROL + "?next=/lam-viec/").content.decode()
    secret = _secret_on(page)
    wrong = client.post(ENROL, {"token": "12", "next": "/lam-viec/"})
    assert wrong.status_code == 400 and "6 chữ số" in wrong.content.decode()
    done = client.post(ENROL, {"token": _code_for(secret, people.coordinator), "next": "/lam-viec/"})
    html = done.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)
    assert len(codes) == 10 and "chỉ hiện một lần" in html
    assert "no-store" in done["Cache-Control"]
    assert client.get(f"/lam-viec/{commune.code}/").status_code == 200
    # The codes are never shown again: the account page only counts them.
    account = client.get("/tai-khoan/").content.decode()
    assert "10</strong>/10 mã dự phòng" in account and codes[0] not in account


def test_the_code_page_refuses_a_wrong_code_in_vietnamese_and_then_makes_you_wait(client, people):
    device = second_factor_device(people.leader)
    client.post(LOGIN, {"username": "chutich", "password": PASSWORD})
    wrong = "000001" if totp_code(device) != "000001" else "000002"
    first = client.post(VERIFY, {"token": wrong})
    assert first.status_code == 400 and "Mã xác thực không đúng" in first.content.decode()
    again = client.post(VERIFY, {"token": totp_code(device)})
    assert again.status_code == 429 and "Vui lòng đợi" in again.content.decode()
    assert client.get("/lam-viec/")["Location"].startswith(VERIFY)


def test_a_recovery_code_lets_you_in_once_and_says_how_many_are_left(client, people):
    from danvan.accounts.services.two_factor import enrolment_confirm, enrolment_start

    pending = enrolment_start(people.leader).device
    _, codes = enrolment_confirm(people.leader, token=totp_code(pending))
    client.post(LOGIN, {"username": "chutich", "password": PASSWORD})
    response = client.post(VERIFY, {"token": codes[3], "next": "/tai-khoan/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/tai-khoan/"
    assert "còn 9 mã" in response.content.decode()
    other = Client()
    other.post(LOGIN, {"username": "chutich", "password": PASSWORD})
    assert other.post(VERIFY, {"token": codes[3]}).status_code == 400


def test_an_officer_signs_in_with_the_password_and_may_enrol_by_choice(client, people):
    assert client.post(LOGIN, {"username": "kinhte", "password": PASSWORD})["Location"] == "/lam-viec/"
    page = client.get("/tai-khoan/").content.decode()
    assert "Chưa bật" in page
    html = client.get(ENROL).content.decode()
    client.post(ENROL, {"token": _code_for(_secret_on(html), people.officer)})
    client.post("/dang-xuat/")
    # From now on the officer gives the code too.
    assert client.post(LOGIN, {"username": "kinhte", "password": PASSWORD})["Location"].startswith(VERIFY)


def test_the_setting_requires_the_second_factor_of_every_staff_account(client, people, settings):
    settings.DANVAN_REQUIRE_2FA_ALL = True
    response = client.post(LOGIN, {"username": "truongthon", "password": PASSWORD})
    assert response["Location"].startswith(ENROL)


def test_new_recovery_codes_from_the_account_page(client, people):
    client.force_login(people.leader)
    from danvan.accounts.services.two_factor import recovery_codes_left

    response = client.post("/tai-khoan/ma-du-phong/")
    assert response.status_code == 200 and recovery_codes_left(people.leader) == 10
    assert AuditEvent.objects.filter(action="accounts.recovery_codes_renew").count() == 1


def test_the_account_page_lists_sessions_and_ends_the_others(people):
    phone = Client(
        HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"
    )
    office = Client(HTTP_USER_AGENT="Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Firefox/133.0")
    phone.force_login(people.coordinator)
    office.force_login(people.coordinator)
    phone.get("/lam-viec/")
    page = office.get("/tai-khoan/").content.decode()
    assert "Chrome trên Android" in page and "Firefox trên Windows (phiên này)" in re.sub(
        r"\s*<strong>", " ", page
    ).replace("</strong>", "")
    response = office.post("/tai-khoan/phien/dang-xuat-cac-phien-khac/", follow=True)
    assert "Đã đăng xuất 1 phiên khác." in response.content.decode()
    assert phone.get("/lam-viec/")["Location"].startswith(LOGIN)
    assert "Chrome trên Android" not in office.get("/tai-khoan/").content.decode()


def test_changing_the_password_ends_the_other_sessions(people):
    here, elsewhere = Client(), Client()
    here.force_login(people.officer)
    elsewhere.force_login(people.officer)
    elsewhere.get("/lam-viec/")
    new = "Cau-tran-thon-1-mua-lu"
    done = here.post(
        "/tai-khoan/mat-khau/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
        follow=True,
    )
    assert "Đã đổi mật khẩu. Đã đăng xuất 1 phiên khác." in done.content.decode()
    assert elsewhere.get("/lam-viec/")["Location"].startswith(LOGIN)
    assert here.get("/tai-khoan/").status_code == 200


def test_an_administrator_resets_a_second_factor_from_the_admin(client, people):
    from django.contrib.auth import get_user_model

    from danvan.accounts.services.two_factor import has_second_factor

    second_factor_device(people.coordinator)
    people.admin.is_staff = people.admin.is_superuser = True
    people.admin.save()
    client.force_login(people.admin)
    response = client.post(
        "/quan-tri/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [people.coordinator.pk]},
        follow=True,
    )
    assert "Đã đặt lại xác thực hai bước cho 1 tài khoản" in response.content.decode()
    assert not has_second_factor(get_user_model().objects.get(pk=people.coordinator.pk))
    assert AuditEvent.objects.get(action="accounts.otp_reset").actor == people.admin


def test_a_role_that_needs_the_second_factor_is_enforced_within_five_minutes_of_being_granted(
    client, people, commune
):
    import time

    import time_machine

    from danvan.org.models import Role
    from danvan.org.services import membership_grant

    with time_machine.travel(time.time(), tick=False) as clock:
        client.force_login(people.officer)
        assert client.get(f"/lam-viec/{commune.code}/").status_code == 200
        membership_grant(user=people.officer, role=Role.COMMUNE_LEADER, commune=commune, by=None)
        clock.shift(301)
        response = client.get(f"/lam-viec/{commune.code}/")
        assert response.status_code == 302 and response["Location"].startswith(ENROL)
