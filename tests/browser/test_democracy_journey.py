"""Grassroots democracy in a real browser: the coordinator publishes a disclosure; a resident on a phone
finds it by searching without diacritics and comments on a consultation; the comment appears on the
portal only after the coordinator approves it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.democracy import services
from danvan.democracy.models import ConsultationComment
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    sign_in(page, live_server, username)


def test_disclosure_found_without_diacritics_and_comment_shown_after_approval(
    phone, desktop, live_server, people, commune
):
    from django.core.cache import cache

    cache.clear()
    today = timezone.localdate()
    consultation = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="land_use",
        title="Dự thảo kế hoạch sử dụng đất năm 2027",
        opens_on=today - dt.timedelta(days=1),
        closes_on=today + dt.timedelta(days=20),
        questions=["Khu vực nào nên chuyển sang đất ở?"],
    )
    services.consultation_publish(by=people.coordinator, consultation=consultation)

    # The coordinator publishes the land-use plan at the office.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/cong-khai/")
    office.get_by_role("link", name="Đăng nội dung công khai").click()
    office.get_by_label("Loại nội dung (Điều 11)").select_option(
        label="Dự án, công trình đầu tư và tiến độ; kế hoạch thu hồi đất, bồi thường, hỗ trợ, tái định cư; "
        "quỹ đất do xã quản lý; quy hoạch xây dựng"
    )
    office.get_by_label("Tiêu đề").fill("Kế hoạch sử dụng đất đai năm 2026 của xã")
    office.get_by_label("Nội dung", exact=True).fill("Danh mục công trình, dự án sử dụng đất năm 2026.")
    office.get_by_label("Hệ thống truyền thanh cấp xã").check()
    office.get_by_role("button", name="Đăng", exact=True).click()
    expect(office.get_by_role("status")).to_contain_text("Đã đăng nội dung công khai.")
    expect(office.get_by_role("heading", level=1)).to_have_text("Kế hoạch sử dụng đất đai năm 2026 của xã")

    # A resident on a phone searches without diacritics.
    page = phone
    page.goto(f"{live_server.url}/xa/{commune.slug}/cong-khai/")
    page.get_by_label("Tìm kiếm").fill("dat dai")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Kế hoạch sử dụng đất đai năm 2026 của xã").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch sử dụng đất đai năm 2026 của xã")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    # ... and comments on the consultation.
    page.goto(f"{live_server.url}/xa/{commune.slug}/lay-y-kien/")
    page.get_by_role("link", name="Dự thảo kế hoạch sử dụng đất năm 2027").click()
    page.get_by_label("Góp ý cho câu hỏi").select_option(label="Khu vực nào nên chuyển sang đất ở?")
    page.get_by_label("Ý kiến của bạn").fill("Nên giữ đất lúa ven suối, chuyển khu đồi thôn 2.")
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.get_by_role("status")).to_contain_text("Cảm ơn bạn đã góp ý")
    expect(page.locator("main")).not_to_contain_text("Nên giữ đất lúa ven suối")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert ConsultationComment.objects.get().status == "pending"

    # The coordinator approves it.
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/lay-y-kien/")
    office.get_by_role("link", name="Dự thảo kế hoạch sử dụng đất năm 2027").click()
    office.get_by_role("button", name="Duyệt, công khai").click()
    expect(office.get_by_role("status")).to_contain_text("Đã duyệt")

    page.reload()
    expect(page.locator("blockquote.dem-comment")).to_contain_text("Nên giữ đất lúa ven suối")
