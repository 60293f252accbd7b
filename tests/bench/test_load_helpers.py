"""The load bench's own helpers: the staff users of the locust test sign in with codes their TOTP
gives, and the wrk mixes send each page in its share."""

import re
import sys
import time
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from petitions_load import wrk  # noqa: E402
from petitions_load.totp import totp  # noqa: E402


def test_totp_gives_the_code_django_otp_accepts():
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import default_key

    key = default_key()
    t = TOTP(bytes.fromhex(key))
    t.time = 1_764_000_000
    assert totp(key, int(t.t())) == f"{t.token():06d}"
    assert totp(key, int(t.t()) + 1) != totp(key, int(t.t()))


@pytest.mark.django_db
def test_totp_signs_a_staff_member_in(client):
    from django.contrib.auth import get_user_model

    from tests.conftest import PASSWORD, second_factor_device

    user = get_user_model().objects.create_user("dieu-phoi", password=PASSWORD, is_superuser=True)
    device = second_factor_device(user)  # superusers must give the second factor
    response = client.post("/dang-nhap/", {"username": user.username, "password": PASSWORD})
    assert response["Location"].startswith("/dang-nhap/ma-xac-thuc/")
    response = client.post(response["Location"], {"token": totp(device.key, int(time.time()) // 30)})
    assert response.status_code == 302 and "ma-xac-thuc" not in response["Location"]


def test_mix_sends_each_page_in_its_share():
    script = wrk.script_mix([(40, [("/a/", None)]), (30, [("/b/", "sessionid=x")])], None)
    cuts = [float(x) for x in re.findall(r"if r < ([0-9.]+) then", script)]
    assert cuts == [pytest.approx(40 / 70, abs=1e-5)]
    assert "return get(g1)" in script and "Cookie = e[2]" in script
    with_post = wrk.script_mix([(90, [("/a/", None)])], (10, ["/xa/a/phan-anh/"], "c", "t", ["nội dung"]))
    assert "if r < 0.900000 then return get(g0) end" in with_post
    assert "return post()" in with_post and "X-Forwarded-For" in with_post
