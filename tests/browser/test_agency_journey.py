"""On a phone, the province adds a provincial agency with its units and first account and publishes
its plan; the agency's coordinator signs in with the one-time password, starts the agency's
implementing plan from the province's, and the province sees it on its list."""

import re

import pytest
from playwright.sync_api import expect

from danvan.geo.models import Commune
from danvan.plans.models import Plan
from tests.browser.conftest import sign_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WIDE = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_province_adds_an_agency_that_implements_its_plan(phone, browser, live_server, people, lam_dong):
    page = phone
    sign_in(page, live_server, people.province_viewer.username, PASSWORD)
    page.goto(f"{live_server.url}/tinh/{lam_dong.code}/kich-hoat/")
    page.get_by_role("link", name="Thêm cơ quan, đơn vị").click()
    assert page.evaluate(WIDE) <= 0
    page.get_by_label(re.compile("Tên cơ quan, đơn vị")).fill("Văn phòng UBND tỉnh Lâm Đồng")
    page.get_by_label(re.compile("Đơn vị trực thuộc")).fill("Phòng Tổng hợp\nPhòng Nội chính")
    page.get_by_label("Tên đăng nhập của công chức đầu mối").fill("vp.dieuphoi")
    page.get_by_label("Họ và tên công chức đầu mối").fill("Đỗ Thị Hạnh")
    page.get_by_role("button", name="Thêm và kích hoạt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã kích hoạt Văn phòng UBND tỉnh Lâm Đồng")
    password = page.locator(".one-time-password").first.inner_text()
    assert page.evaluate(WIDE) <= 0

    page.goto(f"{live_server.url}/tinh/{lam_dong.code}/ke-hoach-thuc-hien/")
    page.get_by_label("Số, ký hiệu").fill("45/KH-UBND")
    page.get_by_label("Trích yếu").fill("Công tác dân vận chính quyền năm 2026")
    page.get_by_label("Ngày ban hành").fill("2026-01-10")
    page.get_by_role("button", name="Công bố").click()
    expect(page.get_by_role("status")).to_contain_text("Đã công bố Kế hoạch số 45/KH-UBND")
    assert page.evaluate(WIDE) <= 0

    # The agency's coordinator, in another browser, starts the agency's plan from the province's.
    context = browser.new_context(viewport={"width": 375, "height": 800})
    agency_page = context.new_page()
    agency = Commune.objects.get(division_type=Commune.DivisionType.AGENCY)
    sign_in(agency_page, live_server, "vp.dieuphoi", password)
    agency_page.goto(f"{live_server.url}/lam-viec/{agency.code}/ke-hoach/moi/")
    agency_page.get_by_role("button", name="Lập kế hoạch thực hiện").click()
    expect(agency_page.get_by_role("status")).to_contain_text(
        "Đã tạo dự thảo thực hiện Kế hoạch số 45/KH-UBND"
    )
    plan = Plan.objects.get(commune=agency)
    assert plan.parent_document.number == "45/KH-UBND"
    context.close()

    page.goto(f"{live_server.url}/tinh/{lam_dong.code}/ke-hoach-thuc-hien/")
    expect(page.get_by_role("row", name=re.compile("Văn phòng UBND tỉnh Lâm Đồng"))).to_contain_text(
        "Chưa ban hành"
    )
