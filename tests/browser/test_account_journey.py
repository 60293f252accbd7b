"""A coordinator's first log-in on a phone: the password, then enrolment of an authenticator app (the
key read off the page, as the app would scan it), the recovery codes once, the workspace; later log-ins
ask for the code, and the account page lists the sessions."""

import re
import time

import pytest
from django_otp.oath import hotp
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _app_code(secret_base32: str) -> str:
    """What an authenticator app shows for the key it was given (RFC 6238, 30-second steps)."""
    from base64 import b32decode

    key = b32decode(secret_base32 + "=" * (-len(secret_base32) % 8))
    return f"{hotp(key, int(time.time()) // 30, digits=6):06d}"


def test_first_log_in_enrols_the_app_then_the_code_is_asked_every_time(
    phone, desktop, live_server, people, commune
):
    page = phone
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dieuphoi")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()

    # A coordinator must have a second factor: enrolment, and nothing else, until it is done.
    expect(page).to_have_url(re.compile(r"/tai-khoan/xac-thuc-hai-buoc/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Bật xác thực hai bước")
    expect(page.get_by_role("img", name=re.compile("Mã QR"))).to_be_visible()
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/xac-thuc-hai-buoc/"))

    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill("123")
    page.get_by_role("button", name="Bật xác thực hai bước").click()
    expect(page.get_by_text("Vui lòng nhập mã 6 chữ số")).to_be_visible()

    secret = page.locator(".otp-secret").get_attribute("data-secret").replace(" ", "")
    page.get_by_label("Mã 6 chữ số trong ứng dụng").fill(_app_code(secret))
    page.get_by_role("button", name="Bật xác thực hai bước").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Mã dự phòng")
    codes = page.get_by_role("list", name="Mã dự phòng").get_by_role("listitem")
    expect(codes).to_have_count(10)
    assert page.evaluate(OVERFLOW) <= 0
    page.get_by_role("link", name="Tôi đã cất mã, tiếp tục").click()
    expect(page).to_have_url(re.compile(rf"/lam-viec/{commune.code}/$"))

    # At the office the same person signs in again: the password, then the code.
    sign_in(desktop, live_server, "dieuphoi")
    expect(desktop).to_have_url(re.compile(rf"/lam-viec/{commune.code}/$"))

    # The phone's account page lists both sessions and ends the office one.
    page.goto(f"{live_server.url}/tai-khoan/")
    expect(page.get_by_text("Đang bật.")).to_be_visible()
    expect(page.get_by_role("row")).to_have_count(3)  # header + two sessions
    expect(page.get_by_role("cell", name=re.compile("phiên này"))).to_have_count(1)
    assert page.evaluate(OVERFLOW) <= 0
    page.get_by_role("button", name="Đăng xuất các phiên khác").click()
    expect(page.get_by_role("status")).to_contain_text("Đã đăng xuất 1 phiên khác.")
    desktop.reload()
    expect(desktop).to_have_url(re.compile(r"/dang-nhap/"))


def test_a_wrong_code_is_refused_in_vietnamese_on_a_phone(phone, live_server, people):
    phone.goto(f"{live_server.url}/dang-nhap/")
    from tests.conftest import second_factor_device

    second_factor_device(people.leader)
    phone.get_by_label("Tên đăng nhập").fill("chutich")
    phone.get_by_label("Mật khẩu").fill(PASSWORD)
    phone.get_by_role("button", name="Đăng nhập").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Nhập mã xác thực")
    assert phone.evaluate(OVERFLOW) <= 0
    phone.get_by_label("Mã xác thực").fill("abcdefgh")
    phone.get_by_role("button", name="Xác nhận").click()
    expect(phone.get_by_text("Mã xác thực không đúng hoặc đã dùng.")).to_be_visible()
    expect(phone).to_have_url(re.compile(r"/dang-nhap/ma-xac-thuc/"))
