"""A citizen's feedback in a real browser: sent from a phone with a photo, classified and accepted at the
office, and the citizen sees the new status and the unit on the tracking page."""

import io
import re

import pytest
from playwright.sync_api import expect

from danvan.petitions.models import Petition
from danvan.petitions.tracking import PATTERN
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def photo(tmp_path):
    from PIL import Image

    path = tmp_path / "duong-sat-lo.png"
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), "brown").save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return path


def login(page, live_server, username):
    sign_in(page, live_server, username)


def test_citizen_feedback_is_classified_accepted_and_tracked(
    phone, desktop, live_server, people, commune, photo
):
    from django.core.cache import cache

    cache.clear()
    # The citizen, on a phone, from the commune portal.
    page = phone
    page.goto(f"{live_server.url}/xa/{commune.slug}/")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gửi phản ánh, kiến nghị")
    page.get_by_label("Nội dung sự việc").fill("Đường vào thôn 1 bị sạt lở sau mưa, xe máy không đi được.")
    page.get_by_label("Phản ánh").check()
    page.get_by_label("Thôn, tổ dân phố nơi xảy ra sự việc").select_option(label="Thôn 1")
    page.get_by_label("Địa điểm cụ thể").fill("Dốc cầu tràn")
    page.get_by_label(re.compile("Ảnh, tài liệu kèm theo")).set_input_files(str(photo))
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("button", name="Gửi", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Đã gửi thành công")
    code = page.locator(".tracking-code").inner_text().strip()
    assert PATTERN.match(code)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    petition = Petition.objects.get(tracking_code=code)
    assert petition.attachments.get().kind == "png"

    page.get_by_role("link", name="Xem trang tra cứu đơn này").click()
    expect(page.locator(".tag-status")).to_have_text("Đã nhận đơn")  # plain words for residents (issue 16)

    # The coordinator at the office finds it in the list and classifies it to a unit.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Đơn thư").click()
    office.get_by_role("link", name=code).click()
    expect(office.get_by_role("heading", level=1)).to_have_text(f"Đơn {code}")
    office.get_by_text("Phân loại đơn", exact=True).first.click()  # opens the panel
    office.get_by_label("Loại đơn (theo nội dung)").select_option("feedback")
    office.get_by_label("Đơn vị xử lý").select_option(label="Phòng Kinh tế")
    office.get_by_role("button", name="Phân loại đơn").click()
    expect(office.get_by_role("status")).to_contain_text("Đã phân loại đơn.")
    expect(office.locator("dl.facts").first).to_contain_text("Phòng Kinh tế")

    # The leader accepts it.
    office.get_by_role("button", name="Đăng xuất").click()
    login(office, live_server, "chutich")
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/don-thu/{petition.pk}/")
    office.get_by_text("Thụ lý đơn", exact=True).first.click()
    office.get_by_role("button", name="Thụ lý đơn").click()
    expect(office.get_by_role("status")).to_contain_text("Đã thụ lý đơn.")

    # The citizen reloads the tracking page.
    page.reload()
    expect(page.locator(".tag-status")).to_have_text("Đang giải quyết")
    expect(page.locator("dl.facts")).to_contain_text("Phòng Kinh tế")
    # What they sent is there for the holder of the code (issue 16), folded until they open it.
    expect(page.get_by_text("Đường vào thôn 1")).to_be_hidden()
    page.get_by_text("Nội dung bạn đã gửi").click()
    expect(page.get_by_text("Đường vào thôn 1")).to_be_visible()
