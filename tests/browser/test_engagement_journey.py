"""Meeting citizens in a real browser: the coordinator puts the Chairman's reception day on the schedule
and records a visitor whose case is accepted (a petition is created); a resident on a phone sends a
question ahead of a dialogue from the commune portal."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.engagement import services
from danvan.engagement.models import DialogueQuestion, ReceptionEntry, ReceptionSession
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    sign_in(page, live_server, username)


def test_coordinator_schedules_and_records_and_a_resident_asks(phone, desktop, live_server, people, commune):
    from django.core.cache import cache

    cache.clear()
    today = timezone.localdate()
    next_monday = today + dt.timedelta(days=7 - today.weekday())

    # The coordinator puts the Chairman's reception day on the schedule.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/tiep-dan/")
    expect(office.get_by_role("heading", level=1)).to_have_text("Lịch tiếp công dân")
    expect(office.get_by_role("alert")).to_contain_text("Chưa đủ ngày Chủ tịch")
    office.get_by_label("Ngày tiếp").fill(next_monday.isoformat())
    office.get_by_label("Người chủ trì").select_option("chairman")
    office.get_by_label("Họ tên người tiếp").fill("Nguyễn Văn Chutich")
    office.get_by_role("button", name="Xếp lịch").click()
    expect(office.get_by_role("status")).to_contain_text("Đã xếp 1 buổi tiếp công dân.")
    expect(office.locator(".weeks")).to_contain_text("Nguyễn Văn Chutich")
    assert ReceptionSession.objects.filter(commune=commune, on=next_monday, host_role="chairman").exists()

    # A visitor comes today; the case is accepted and becomes a petition.
    office.get_by_role("link", name="Sổ tiếp công dân").click()
    office.get_by_role("link", name="Ghi lượt tiếp công dân").click()
    office.get_by_label("Họ tên người đến").fill("Lê Thị Tư")
    office.get_by_label("Địa chỉ").fill("Thôn 1")
    office.get_by_label("Nội dung vụ việc").fill("Đề nghị sửa cống thoát nước trước nhà, nước tràn vào sân.")
    office.get_by_label("Phân loại vụ việc").select_option("feedback")
    office.get_by_label("Tiếp nhận đơn để xử lý").check()
    office.get_by_role("button", name="Ghi vào sổ").click()
    expect(office.get_by_role("status")).to_contain_text(re.compile(r"Đã tạo đơn thư, mã tra cứu"))
    entry = ReceptionEntry.objects.get()
    assert entry.petition is not None and entry.petition.channel == "reception"
    office.get_by_role("link", name=f"đơn {entry.petition.tracking_code}").click()
    expect(office.get_by_role("heading", level=1)).to_have_text(f"Đơn {entry.petition.tracking_code}")

    # A resident, on a phone, sends a question for the coming dialogue.
    dialogue = services.dialogue_create(
        by=people.coordinator,
        commune=commune,
        on=today + dt.timedelta(days=10),
        start_time=dt.time(8, 0),
        place="Nhà văn hóa Thôn 1",
        chair_name="Chủ tịch UBND xã",
        topic="Đối thoại về nước sinh hoạt mùa khô",
    )
    page = phone
    page.goto(f"{live_server.url}/xa/{commune.slug}/doi-thoai/")
    page.get_by_role("link", name="Đối thoại về nước sinh hoạt mùa khô").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đối thoại về nước sinh hoạt mùa khô")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_label("Câu hỏi, ý kiến của bạn").fill(
        "Xóm tôi thiếu nước từ tháng 3, xã có hỗ trợ bồn chứa không?"
    )
    page.get_by_label(re.compile("Bạn ở thôn")).select_option(label="Thôn 1")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi câu hỏi")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    question = DialogueQuestion.objects.get(dialogue=dialogue)
    assert question.status == "pending" and question.village.name == "Thôn 1"

    # The coordinator relays the invitation to the villages' loudspeakers and Zalo groups.
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/doi-thoai/{dialogue.pk}/")
    announcement = office.get_by_label("Nội dung thông báo")
    expect(announcement).to_have_value(re.compile("^THÔNG BÁO\nỦy ban nhân dân xã"))
    expect(announcement).to_have_value(re.compile("Địa điểm: Nhà văn hóa Thôn 1."))
    copy = office.get_by_role("button", name="Sao chép nội dung")
    office.context.grant_permissions(["clipboard-read", "clipboard-write"])
    copy.click()
    expect(office.get_by_role("button", name="Đã sao chép")).to_be_visible()
    assert office.evaluate("navigator.clipboard.readText()") == announcement.input_value()
    office.get_by_role("button", name="Gửi giấy mời tới các thôn").click()
    expect(office.get_by_role("status")).to_contain_text("Đã gửi giấy mời tới 2 người")
    expect(office.locator("#giay-moi summary")).to_contain_text("đã gửi tới 2 người")
