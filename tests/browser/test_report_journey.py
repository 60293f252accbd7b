"""The report journey in a real browser: the coordinator assembles a 6-month report, edits two sections,
saves once and submits it for signature; the Chairman issues it and downloads the .docx; a province
viewer opens the province's page and the commune's report."""

import io
import re

import docx
import pytest
import time_machine
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.reports.conftest import add_petitions, add_plan

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    sign_in(page, live_server, username)


@time_machine.travel("2026-07-06 09:00 +0700", tick=True)
def test_coordinator_assembles_edits_issues_and_downloads(desktop, phone, live_server, people, commune):
    add_plan(commune)
    add_petitions(commune)
    page = desktop
    login(page, live_server, "dieuphoi")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/bao-cao/")
    page.get_by_label("Kỳ báo cáo").select_option("h1")
    page.get_by_label("Năm").fill("2026")
    page.get_by_role("button", name="Tổng hợp dự thảo").click()

    expect(page.get_by_role("status")).to_contain_text("Đã tổng hợp dự thảo báo cáo")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dự thảo báo cáo")
    section = page.locator(
        "section.report-section", has=page.get_by_role("heading", name=re.compile("Tiếp nhận, giải quyết"))
    )
    outlook = page.locator(
        "section.report-section", has=page.get_by_role("heading", name=re.compile("Phương hướng, nhiệm vụ"))
    )
    # Two sections edited, one save: both kept. The autosave shows it has saved.
    section.get_by_label("Nội dung").fill(
        "Trong 6 tháng, xã tiếp nhận 6 đơn thư; đã giải quyết phần lớn đúng hạn.\nCòn 1 đơn quá hạn."
    )
    outlook.get_by_label("Nội dung").fill("Tiếp tục đối thoại với Nhân dân mỗi quý.")
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu", timeout=10_000)
    page.get_by_role("button", name="Lưu tất cả các mục").first.click()
    expect(page.get_by_role("status").first).to_contain_text("Không có thay đổi nào cần lưu")
    expect(section.get_by_label("Nội dung")).to_have_value(re.compile("Còn 1 đơn quá hạn"))
    expect(outlook.get_by_label("Nội dung")).to_have_value("Tiếp tục đối thoại với Nhân dân mỗi quý.")
    outlook.get_by_label("Nội dung").fill("Tiếp tục đối thoại với Nhân dân mỗi quý; rà soát cam kết.")
    # Leaving now would lose the edit: the page asks before unloading.
    asks = (
        "() => { const e = new Event('beforeunload', {cancelable: true});"
        " dispatchEvent(e); return e.defaultPrevented; }"
    )
    assert page.evaluate(asks) is True
    page.get_by_role("button", name="Lưu và trình ký").click()
    expect(page.get_by_role("status").first).to_contain_text("Đã trình ký báo cáo")
    expect(page.get_by_role("button", name="Ban hành")).to_have_count(0)

    # The Chairman signs and issues it.
    page.context.clear_cookies()
    login(page, live_server, "chutich")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/bao-cao/")
    page.get_by_role("link", name=re.compile("6 tháng đầu năm 2026")).first.click()
    expect(page.get_by_text("rà soát cam kết")).to_be_visible()
    page.get_by_label("Số báo cáo").fill("12")
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn Chủ Tịch")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo số 12/BC-UBND")

    with page.expect_download() as info:
        page.get_by_role("link", name="Tải về .docx").click()
    document = docx.Document(io.BytesIO(open(info.value.path(), "rb").read()))  # noqa: SIM115
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    assert "Số: 12/BC-UBND" in header
    texts = [p.text for p in document.paragraphs]
    # Enter in the editor is a new paragraph in the document.
    assert "Trong 6 tháng, xã tiếp nhận 6 đơn thư; đã giải quyết phần lớn đúng hạn." in texts
    assert "Còn 1 đơn quá hạn." in texts
    signature = [p.text for p in document.tables[-1].rows[0].cells[1].paragraphs if p.text]
    assert signature[-1] == "Nguyễn Văn Chủ Tịch"

    # The province viewer, on a phone, sees the commune's report and opens it.
    login(phone, live_server, "sonoivu")
    phone.goto(f"{live_server.url}/lam-viec/")
    phone.get_by_role("link", name=re.compile("Báo cáo các xã, phường — Tỉnh Lâm Đồng")).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text("Lâm Đồng")
    # The first indicators come first; the full table is on demand.
    expect(phone.get_by_text("Xã, phường chưa gửi báo cáo")).to_be_visible()
    phone.get_by_text(re.compile("Xem bảng đầy đủ")).click()
    row = phone.get_by_role("row", name=re.compile("Xã Tà Đùng"))
    row.get_by_role("link", name="Số 12/BC-UBND").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Báo cáo số 12/BC-UBND")
    expect(phone.get_by_role("button", name="Ban hành")).to_have_count(0)
