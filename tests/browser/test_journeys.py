"""Main journeys in a real browser: a coordinator at the office, a citizen on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_logs_in_sees_the_workspace_and_adds_a_village(desktop, live_server, people, commune):
    page = desktop
    sign_in(page, live_server, "dieuphoi")

    expect(page).to_have_url(re.compile(rf"/lam-viec/{commune.code}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã Tà Đùng")
    expect(page.get_by_text("Công chức đầu mối (Phòng Văn hóa – Xã hội)")).to_be_visible()

    page.get_by_role("link", name="Thôn, tổ dân phố").first.click()
    page.get_by_label("Tên thôn/tổ dân phố").fill("Thôn Đắk Rông")
    page.get_by_label("Số hộ").fill("75")
    page.get_by_role("button", name="Thêm").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm “Thôn Đắk Rông”.")
    expect(page.get_by_role("cell", name="Thôn Đắk Rông", exact=True)).to_be_visible()

    # A name already taken is refused with a message under the field; nothing else changes.
    page.get_by_label("Tên thôn/tổ dân phố").fill("thôn đắk rông")
    page.get_by_role("button", name="Thêm").click()
    expect(page.get_by_text("Xã đã có “thôn đắk rông”.")).to_be_visible()


def test_wrong_password_is_explained(desktop, live_server, people):
    page = desktop
    page.goto(f"{live_server.url}/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("dieuphoi")
    page.get_by_label("Mật khẩu").fill("khong-dung")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def test_citizen_finds_the_commune_portal_on_a_phone(phone, live_server, people, commune):
    page = phone
    page.goto(f"{live_server.url}/")
    page.get_by_label("Tìm xã/phường của bạn").fill("ta dung")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Xã Tà Đùng").first.click()

    expect(page).to_have_url(re.compile(r"/xa/ta-dung/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Xã Tà Đùng")
    expect(page.get_by_text("Phòng Văn hóa – Xã hội")).to_be_visible()
    # Nothing is wider than the phone's screen.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    # The stylesheet is served locally and applied (brand bar colour).
    bar = page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")
    assert bar == "rgb(163, 22, 26)"


def test_keyboard_users_can_skip_to_the_content(phone, live_server, commune):
    page = phone
    page.goto(f"{live_server.url}/xa/ta-dung/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Bỏ qua, tới nội dung chính"
