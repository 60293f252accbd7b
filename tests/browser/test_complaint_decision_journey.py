"""A complaint in a real browser, from the dialogue to a carried-out decision: the leader holds the
dialogue and records its minutes, issues the decision (numbered in the register of outgoing documents),
records the resolution and gives an execution item; the unit's officer marks it carried out."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.followup.models import ExecutionItem
from danvan.org.models import Unit
from danvan.petitions import services
from tests.browser.test_petition_journey import login
from tests.petitions.conftest import accepted

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_complaint_goes_through_dialogue_to_a_decision_carried_out(desktop, live_server, people, commune):
    unit = Unit.objects.get(commune=commune, name="Phòng Kinh tế")
    complaint = accepted(commune, people, unit, "complaint")
    complaint = services.petition_start_verification(petition=complaint, by=people.leader)
    at = timezone.localtime() + timedelta(minutes=2)
    today = at.date()
    case = f"{live_server.url}/lam-viec/{commune.code}/don-thu/{complaint.pk}/"
    page = desktop
    login(page, live_server, "chutich")

    # The dialogue: scheduled, then its minutes.
    page.goto(case)
    page.get_by_role("link", name="Lên lịch đối thoại").click()
    page.get_by_label("Thời gian đối thoại").fill(at.strftime("%d/%m/%Y %H:%M"))
    page.get_by_label("Nội dung đối thoại").fill("Diện tích bị ảnh hưởng còn khác nhau giữa đơn và đo đạc.")
    page.get_by_label("Thành phần mời").fill("Người khiếu nại\nCông chức địa chính xã")
    page.get_by_role("button", name="Lưu lịch đối thoại").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lên lịch đối thoại")
    page.get_by_role("link", name="Ghi biên bản đối thoại").click()
    page.get_by_label("Ngày đã đối thoại").fill(today.isoformat())
    page.get_by_label("Ý kiến của những người tham gia").fill("Người khiếu nại giữ yêu cầu 150 m².")
    page.get_by_label("Kết quả đối thoại").fill("Thống nhất đo lại có mặt hai bên: 120 m².")
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi biên bản đối thoại")

    # The decision, numbered in the register.
    page.get_by_role("link", name="Lập văn bản (phiếu chuyển, thông báo, quyết định…)").click()
    page.get_by_role("link", name="Quyết định giải quyết khiếu nại (lần đầu)").click()
    page.get_by_label("Ngày văn bản (ngày ký)").fill(today.isoformat())
    page.get_by_label("Họ tên người ký").fill("Nguyễn Văn Chutich")
    page.get_by_label("Người bị khiếu nại").fill("Công chức địa chính xã")
    page.get_by_label("Kết quả xác minh").fill("Diện tích đo lại là 120 m².")
    page.get_by_label("Căn cứ pháp luật để giải quyết (mỗi văn bản một dòng)").fill("Luật Đất đai năm 2024")
    page.get_by_label("Kết luận").fill("Khiếu nại đúng một phần.")
    page.get_by_label("Giữ nguyên, sửa đổi, bổ sung hoặc hủy bỏ quyết định, hành vi bị khiếu nại").fill(
        "Sửa đổi diện tích bị ảnh hưởng thành 120 m²."
    )
    page.get_by_role("button", name="Cấp số và ban hành").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cấp số 01/QĐ-UBND")
    with page.expect_download() as download:
        page.get_by_role("link", name=".docx").first.click()
    assert download.value.suggested_filename.endswith(".docx")

    # The resolution, then the execution item.
    page.goto(case)
    panel = page.locator("details", has_text="Ghi kết quả giải quyết")
    panel.locator("summary").click()
    panel.get_by_label("Kết quả giải quyết").fill("Quyết định số 01/QĐ-UBND: khiếu nại đúng một phần.")
    panel.get_by_label("Ngày trả lời").fill(today.isoformat())
    panel.get_by_role("button", name="Ghi kết quả giải quyết").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi kết quả giải quyết")
    page.get_by_role("link", name="Giao việc thi hành").click()
    page.get_by_label("Việc phải thi hành").fill("Điều chỉnh hồ sơ thu hồi theo diện tích 120 m².")
    page.get_by_label("Người, cơ quan phải thi hành").fill("Công chức địa chính xã")
    page.get_by_label("Đơn vị của xã chịu trách nhiệm theo dõi").select_option(label="Phòng Kinh tế")
    page.get_by_label("Hạn thi hành").fill((today + timedelta(days=15)).isoformat())
    page.get_by_role("button", name="Giao việc").click()
    expect(page.locator("#thi-hanh")).to_contain_text("Đang thi hành")

    # The unit's officer carries it out.
    page.get_by_role("button", name="Đăng xuất").click()
    login(page, live_server, "kinhte")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/thi-hanh/")
    page.get_by_role("link", name="Điều chỉnh hồ sơ thu hồi theo diện tích 120 m².").click()
    page.get_by_label("Kết quả thi hành").fill("Đã điều chỉnh hồ sơ, gửi người khiếu nại.")
    page.get_by_label("Ngày thi hành xong").fill(today.isoformat())
    page.get_by_role("button", name="Đã thi hành xong").click()
    expect(page.locator("dl.facts")).to_contain_text("Đã thi hành xong")
    assert ExecutionItem.objects.get().status == "done"
