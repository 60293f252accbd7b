"""Import a .docx plan whose section II names no unit: the preview proposes them from section III, the
coordinator adds a partner with a task's picker, accepts every suggestion in one click, issues the
plan, then edits one task with a reason; the preview fits a phone."""

import re

import docx
import pytest
import time_machine
from playwright.sync_api import expect

from danvan.plans.models import Plan, ReportingPeriod
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

# Our own plan, written the way communes write them: who does what is only in section III.
PLAN = [
    "ỦY BAN NHÂN DÂN",
    "XÃ TÀ ĐÙNG",
    "Số: 45/KH-UBND",
    "Tà Đùng, ngày 10 tháng 3 năm 2026",
    "KẾ HOẠCH",
    "Nâng cao chất lượng phục vụ người dân năm 2026",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Người dân được phục vụ nhanh, đúng hẹn, không phải đi lại nhiều lần.",
    "II. NỘI DUNG THỰC HIỆN",
    "1. Tiếp công dân định kỳ và đối thoại với Nhân dân về bồi thường, giải phóng mặt bằng.",
    "Mỗi quý một buổi đối thoại tại thôn có dự án.",
    "2. Hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công, hoàn thành trước ngày 30/9/2026",
    "3. Tuyên truyền trên loa truyền thanh các thôn về thủ tục hành chính mới",
    "III. TỔ CHỨC THỰC HIỆN",
    "1. Văn phòng HĐND và UBND xã: tham mưu lịch tiếp công dân định kỳ, tổ chức đối thoại với Nhân dân "
    "về bồi thường, giải phóng mặt bằng.",
    "2. Trung tâm Phục vụ hành chính công: hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
    "3. Phòng Văn hóa - Xã hội: theo dõi, đôn đốc việc thực hiện Kế hoạch này; phối hợp tuyên truyền "
    "trên loa truyền thanh các thôn về thủ tục hành chính mới.",
    "4. Các đơn vị gửi báo cáo năm về UBND xã (qua Phòng Văn hóa - Xã hội) trước ngày 15/11/2026; "
    "Phòng Văn hóa - Xã hội tham mưu UBND xã báo cáo UBND tỉnh (qua Sở Nội vụ) trước ngày 30/11/2026.",
    "Trên đây là Kế hoạch của UBND xã Tà Đùng./.",
    "Nơi nhận:",
    "- UBND tỉnh;",
    "- Lưu: VT.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Văn An",
]


@pytest.fixture
def plan_docx(tmp_path):
    document = docx.Document()
    for line in PLAN:
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach-phuc-vu-nguoi-dan.docx"
    document.save(path)
    return path


def login(page, live_server):
    sign_in(page, live_server, "dieuphoi")


def upload(page, live_server, commune, path):
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/ke-hoach/nhap/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(path))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page).to_have_url(re.compile(r"/ke-hoach/nhap/\d+/$"))


@time_machine.travel("2026-03-12 09:00 +0700", tick=True)
def test_accept_all_suggestions_then_issue(desktop, live_server, people, commune, plan_docx):
    page = desktop
    login(page, live_server)
    upload(page, live_server, commune, plan_docx)

    # Each task card shows the lead found in section III, with the duty it came from.
    first = page.locator("details.task-card").first
    expect(first.locator(":scope > summary")).to_contain_text("Chủ trì: Văn phòng HĐND và UBND xã")
    first.locator(":scope > summary").click()
    expect(first.locator("q").first).to_contain_text("Tham mưu lịch tiếp công dân định kỳ")
    expect(page.get_by_role("heading", name="Phần Tổ chức thực hiện")).to_be_visible()

    # "Only tasks that need attention" hides the cards whose units and dates were all read.
    page.get_by_label(re.compile("Chỉ hiện nhiệm vụ cần xem lại")).check()
    expect(first).to_be_hidden()
    page.get_by_label(re.compile("Chỉ hiện nhiệm vụ cần xem lại")).uncheck()

    # The task's lead picker names the suggestion it follows; a partner is added with a checkbox.
    expect(first.get_by_label("Giao chủ trì cho")).to_contain_text("Theo gợi ý: Văn phòng HĐND và UBND")
    first.locator("details.partners-pick > summary").click()
    first.locator("details.partners-pick").get_by_label("Công an xã").check()

    page.get_by_role("button", name="Nhận tất cả gợi ý và lưu kế hoạch").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu dự thảo kế hoạch với")
    plan = Plan.objects.get()
    leads = {t.ref: sorted(u.name for u in t.lead_units.all()) for t in plan.tasks.all()}
    assert leads["II.1"] == ["Văn phòng HĐND và UBND"]
    assert leads["II.2"] == ["Trung tâm Phục vụ hành chính công"]
    assert "Công an xã" in {u.name for u in plan.tasks.get(ref="II.1").coordinating_units.all()}
    assert plan.tasks.get(ref="II.1").details == "Mỗi quý một buổi đối thoại tại thôn có dự án."
    assert plan.tasks.get(ref="II.2").due_label == "Trước ngày 30/09/2026"
    assert set(plan.periods.values_list("direction", flat=True)) == {
        ReportingPeriod.Direction.UNITS_TO_COMMUNE,
        ReportingPeriod.Direction.COMMUNE_TO_PROVINCE,
    }

    page.get_by_label("Ngày ban hành").fill("2026-03-10")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ban hành kế hoạch số 45/KH-UBND.")
    assert Plan.objects.get().status == "issued"

    # After issue, one task is edited with a reason; its history shows it.
    task = plan.tasks.get(ref="II.3")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/ke-hoach/{plan.pk}/nhiem-vu/{task.pk}/")
    page.get_by_role("link", name="Điều chỉnh nhiệm vụ").click()
    page.locator("details.adjust-card > summary", has_text="Sửa nội dung").click()
    edit = page.locator("details.adjust-card", has_text="Sửa nội dung")
    edit.get_by_label("Nội dung").fill(
        "Tuyên truyền trên loa truyền thanh và nhóm Zalo các thôn về thủ tục mới"
    )
    edit.get_by_label("Lý do điều chỉnh").fill("Theo kết luận giao ban ngày 11/3/2026")
    edit.get_by_role("button", name="Lưu nội dung").click()
    expect(page.get_by_role("status")).to_contain_text("Đã sửa nội dung nhiệm vụ.")
    task.refresh_from_db()
    assert "nhóm Zalo" in task.content


def test_the_preview_fits_a_phone(phone, live_server, people, commune, plan_docx):
    login(phone, live_server)
    upload(phone, live_server, commune, plan_docx)
    phone.locator("details.task-card > summary").first.click()
    assert phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
