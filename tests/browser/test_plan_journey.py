"""The coordinator's plan journey in a real browser: upload a .docx, correct the preview, save, issue."""

import re
from pathlib import Path

import docx
import pytest
import time_machine
from playwright.sync_api import expect

import danvan.demo
from danvan.plans.models import Plan, Task
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
DEMO_PLAN = Path(danvan.demo.__file__).with_name("ke-hoach-dan-van-2026.txt")


@pytest.fixture
def plan_docx(tmp_path) -> Path:
    """Our demo plan as the Word file a commune office would upload."""
    document = docx.Document()
    for line in DEMO_PLAN.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "ke-hoach-dan-van-2026.docx"
    document.save(path)
    return path


def login(page, live_server, username):
    sign_in(page, live_server, username)


@time_machine.travel("2026-11-23 09:00 +0700", tick=True)
def test_coordinator_imports_corrects_and_issues_a_plan(desktop, live_server, people, commune, plan_docx):
    page = desktop
    login(page, live_server, "dieuphoi")
    page.get_by_role("navigation", name="Chức năng").get_by_role("link", name="Kế hoạch").click()
    page.get_by_role("link", name="Nhập kế hoạch từ tệp").click()
    page.get_by_label("Tệp kế hoạch").set_input_files(str(plan_docx))
    page.get_by_role("button", name="Đọc tệp").click()

    # The preview shows what was read; the coordinator corrects the title and drops one task.
    expect(page).to_have_url(re.compile(r"/ke-hoach/nhap/\d+/$"))
    expect(page.get_by_label("Số, ký hiệu")).to_have_value("18/KH-UBND")
    page.get_by_label("Tên kế hoạch").fill("Kế hoạch dân vận chính quyền năm 2026 (bản sửa)")
    # Task cards are collapsed; the coordinator opens the first to drop it.
    page.locator("details.task-card > summary").first.click()
    page.locator("input[name='tasks-0-DELETE']").check()
    page.get_by_role("button", name="Lưu kế hoạch", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text("Đã lưu dự thảo kế hoạch với 21 nhiệm vụ.")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Kế hoạch dân vận chính quyền năm 2026 (bản sửa)")
    # Tasks whose dates have passed are shown late, at the top of the units × tasks table.
    expect(page.locator("tr.late").first).to_be_visible()

    page.get_by_label("Ngày ban hành").fill("2026-01-20")
    page.get_by_role("button", name="Ban hành").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ban hành kế hoạch số 18/KH-UBND.")
    plan = Plan.objects.get()
    assert (plan.status, plan.tasks.count()) == ("issued", 21)

    # A late task: record progress with a percentage.
    page.locator("tr.late a").first.click()
    page.get_by_label("Kết quả thực hiện").fill("Đã tổ chức 2 buổi tập huấn cho 45 cán bộ.")
    page.get_by_label("Trạng thái").select_option("in_progress")
    page.get_by_label("Tiến độ (%)").fill("60")
    page.get_by_role("button", name="Lưu tiến độ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cập nhật tiến độ.")
    expect(page.get_by_text("Đã tổ chức 2 buổi tập huấn cho 45 cán bộ.")).to_be_visible()
    assert Task.objects.filter(percent=60, status="in_progress").count() == 1


def test_a_scanned_pdf_is_refused_with_a_clear_message(desktop, live_server, people, commune, tmp_path):
    from reportlab.pdfgen import canvas

    scan = tmp_path / "ban-scan.pdf"
    pdf = canvas.Canvas(str(scan))
    pdf.rect(50, 50, 400, 600, fill=1)  # an image-like page with no text layer
    pdf.save()
    page = desktop
    login(page, live_server, "dieuphoi")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/ke-hoach/nhap/")
    page.get_by_label("Tệp kế hoạch").set_input_files(str(scan))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.get_by_text(re.compile("tệp PDF không có lớp văn bản", re.IGNORECASE))).to_be_visible()
    assert not Plan.objects.exists()
