"""Activation pages: who may open them, form errors in Vietnamese with nothing changed, the
one-time passwords shown once and never cached."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from danvan.geo.models import Commune
from tests.conftest import make_commune

pytestmark = pytest.mark.django_db


@pytest.fixture
def dormant(lam_dong) -> Commune:
    return make_commune("24650", "Xã Đinh Văn", lam_dong, "dinh-van", active=False)


def form(**extra) -> dict:
    return {
        "villages": "Thôn Đinh Văn 1; 120\nThôn Đinh Văn 2",
        "village_kind": "thon",
        "extra_units": "",
        "coordinator_username": "dv.dieuphoi",
        "coordinator_name": "Trần Thị Bình",
        "coordinator_email": "",
        "leader_username": "dv.chutich",
        "leader_name": "Lê Văn Cường",
        "leader_email": "",
        **extra,
    }


def test_province_viewer_activates_and_sees_passwords_once(client, people, dormant):
    client.force_login(people.province_viewer)
    listing = client.get(f"/tinh/{dormant.province_id}/kich-hoat/?q=dinh van")
    assert listing.status_code == 200 and "Xã Đinh Văn" in listing.content.decode()
    url = f"/tinh/{dormant.province_id}/kich-hoat/{dormant.code}/"
    response = client.post(url, form())
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu dùng một lần" in page and "dv.dieuphoi" in page
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    dormant.refresh_from_db()
    assert dormant.is_active
    # A second visit shows no password: the commune is active and the form is refused.
    again = client.post(url, form(coordinator_username="khac", leader_username=""))
    assert again.status_code == 400 and "đã được kích hoạt" in again.content.decode()
    assert "Mật khẩu dùng một lần" not in again.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"coordinator_username": ""}, "Vui lòng nhập tên đăng nhập."),
        ({"villages": "Thôn 1; mười"}, "Dòng 1: số hộ “mười” phải là số."),
        ({"leader_name": ""}, "Vui lòng nhập họ và tên lãnh đạo."),
        ({"leader_username": "chutich"}, "đã có người dùng"),
        ({"coordinator_email": "khong-phai-thu"}, "Thư điện tử không hợp lệ."),
    ],
)
def test_bad_input_is_a_vietnamese_400_and_nothing_changes(client, people, dormant, data, message):
    client.force_login(people.admin)
    response = client.post(f"/tinh/{dormant.province_id}/kich-hoat/{dormant.code}/", form(**data))
    assert response.status_code == 400
    assert message in response.content.decode()
    dormant.refresh_from_db()
    assert not dormant.is_active
    assert not get_user_model().objects.filter(username="dv.dieuphoi").exists()


def test_other_province_is_404(client, people, ha_noi):
    far = make_commune("00010", "Phường Hoàn Kiếm", ha_noi, "hoan-kiem", active=False)
    client.force_login(people.province_viewer)
    assert client.get(f"/tinh/{ha_noi.code}/kich-hoat/").status_code == 404
    assert client.get(f"/tinh/{ha_noi.code}/kich-hoat/{far.code}/").status_code == 404
    # a commune of another province under this province's address is not found either
    assert client.get(f"/tinh/68/kich-hoat/{far.code}/").status_code == 404


@pytest.mark.parametrize("who", ["coordinator", "leader", "officer", "nobody"])
def test_commune_staff_get_404(client, people, dormant, who):
    client.force_login(getattr(people, who))
    assert client.get(f"/tinh/{dormant.province_id}/kich-hoat/").status_code == 404
    assert client.post(f"/tinh/{dormant.province_id}/kich-hoat/{dormant.code}/", form()).status_code == 404
    dormant.refresh_from_db()
    assert not dormant.is_active


def test_anonymous_is_sent_to_log_in(client, dormant):
    response = client.get(f"/tinh/{dormant.province_id}/kich-hoat/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
