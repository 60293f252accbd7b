"""Scoring and inspections in a real browser: the coordinator sets up the year's criteria, a unit officer
self-assesses on a phone with an evidence photo and sends the sheet, the coordinator reviews it with an
adjustment, the leader sees the ranking and downloads the .xlsx; an inspection finding becomes a
remedial task that the unit's officer marks done on the phone."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from danvan.inspections.models import RemedialTask
from danvan.scoring.models import Assessment, Criterion
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    b"\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def login(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)  # the password, then the second factor where the role needs it


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_self_assessment_review_ranking_and_a_remedied_finding(phone, desktop, live_server, people, commune):
    base = f"{live_server.url}/lam-viec/{commune.code}"

    # The coordinator sets up this year's criteria from the default.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.goto(f"{base}/cham-diem/")
    office.get_by_role("button", name="Lập theo bộ tiêu chí mặc định").click()
    expect(office.get_by_role("status")).to_contain_text("Đã lập bộ tiêu chí")
    criteria = list(Criterion.objects.filter(measure="").order_by("group__order", "order"))

    # The economy officer self-assesses on a phone, with a photo as evidence, and sends the sheet.
    page = phone
    login(page, live_server, "kinhte")
    page.goto(f"{base}/cham-diem/")
    assert fits(page)
    page.get_by_role("link", name="Phiếu tự chấm của đơn vị tôi").click()
    page.get_by_role("button", name="Bắt đầu tự chấm").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Phòng Kinh tế")
    for criterion, points in zip(criteria, ("9", "13.5", "8"), strict=True):
        item = page.locator(f"#tc-{criterion.pk}")
        item.get_by_label("Điểm tự chấm").fill(points)
        item.get_by_label("Giải trình, kết quả đạt được").fill("Có danh sách, ảnh hội nghị kèm theo.")
        if criterion == criteria[0]:
            item.get_by_label("Tệp minh chứng").set_input_files(
                {"name": "hoi-nghi.png", "mimeType": "image/png", "buffer": PNG}
            )
        item.get_by_role("button", name="Lưu điểm tiêu chí này").click()
        expect(page.get_by_role("status")).to_contain_text("Đã lưu điểm tự chấm")
    expect(page.get_by_role("link", name="Minh chứng: hoi-nghi.png")).to_be_visible()
    assert fits(page)
    page.get_by_role("button", name="Gửi phiếu để thẩm định").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi phiếu tự chấm")
    sheet = Assessment.objects.get()
    assert sheet.status == "submitted"

    # The coordinator reviews: one criterion adjusted, with the reason.
    office.goto(f"{base}/cham-diem/")
    office.get_by_role("link", name="Đã gửi, chờ thẩm định").click()
    office.get_by_label(f"Điểm thẩm định: {criteria[0].title}").fill("8")
    office.locator(f"[name=reason_{criteria[0].pk}]").fill("Minh chứng có 6 hội nghị.")
    office.get_by_role("button", name="Kết luận thẩm định").click()
    expect(office.get_by_role("status")).to_contain_text("Đã thẩm định")
    expect(office.locator(f"#tc-{criteria[0].pk}")).to_contain_text("Minh chứng có 6 hội nghị.")

    # The Chairman sees the ranking and downloads the spreadsheet.
    login(office, live_server, "chutich")
    office.goto(f"{base}/cham-diem/")
    expect(office.locator(".scoring-table")).to_contain_text("Phòng Kinh tế")
    with office.expect_download() as info:
        office.get_by_role("link", name="Tải bảng xếp loại (.xlsx)").click()
    wb = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))  # the saved file has no extension
    rows = {r[1]: r for r in wb["Xếp loại"].iter_rows(values_only=True)}
    assert rows["Phòng Kinh tế"][-1] == "Đã thẩm định"
    assert rows["Phòng Kinh tế"][-2] in {"Xuất sắc", "Tốt", "Đạt", "Không đạt"}

    # An inspection finding becomes the unit's remedial task; the officer marks it done on the phone.
    login(office, live_server, "dieuphoi")
    office.goto(f"{base}/kiem-tra/")
    today = timezone.localdate()
    office.get_by_label("Tên cuộc kiểm tra").fill("Kiểm tra công tác tiếp dân tại Phòng Kinh tế")
    office.get_by_label("Đơn vị được kiểm tra").select_option(label="Phòng Kinh tế")
    office.get_by_label("Nội dung kiểm tra").fill("Sổ tiếp công dân, trả lời phản ánh.")
    office.get_by_label("Thành phần đoàn kiểm tra").fill("Phó Chủ tịch UBND xã, công chức Văn phòng")
    office.get_by_label("Từ ngày").fill(today.isoformat())
    office.get_by_label("Đến ngày").fill((today + dt.timedelta(days=1)).isoformat())
    office.get_by_role("button", name="Lập kế hoạch").click()
    expect(office.get_by_role("status")).to_contain_text("Đã lập kế hoạch")
    office.get_by_role("textbox", name="Tồn tại, hạn chế", exact=True).fill(
        "Sổ tiếp công dân ghi thiếu hướng xử lý."
    )
    office.get_by_label("Giao đơn vị khắc phục").select_option(label="Phòng Kinh tế")
    office.get_by_label("Nội dung khắc phục").fill("Bổ sung hướng xử lý vào sổ")
    office.get_by_label("Thời hạn (ngày làm việc)").fill("5")
    office.get_by_role("button", name="Ghi tồn tại").click()
    expect(office.get_by_role("status")).to_contain_text("Đã ghi tồn tại")

    page.goto(f"{base}/kiem-tra/")
    page.get_by_role("link", name="Bổ sung hướng xử lý vào sổ").click()
    page.get_by_label("Kết quả khắc phục").fill("Đã bổ sung đủ 12 lượt tiếp.")
    page.get_by_role("button", name="Báo cáo đã khắc phục").click()
    expect(page.get_by_role("status")).to_contain_text("Đã báo cáo khắc phục xong")
    assert fits(page)
    assert RemedialTask.objects.get().status == "done"
