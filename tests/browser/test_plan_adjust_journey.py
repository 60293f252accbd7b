"""The coordinator adjusts an issued plan on a phone: re-dates one task with a reason and finds the
change in the task's history; the page does not scroll sideways."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from playwright.sync_api import expect

from danvan.plans.models import Plan, TaskChange
from danvan.plans.services import plan_issue
from tests.browser.test_plan_journey import login
from tests.conftest import make_commune
from tests.plans.conftest import import_demo

pytestmark = pytest.mark.django_db(transaction=True)
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.fixture
def issued_plan(commune, people) -> Plan:
    return plan_issue(
        plan=import_demo(commune, people.coordinator),
        number="18/KH-UBND",
        issued_on=date(2026, 1, 20),
        by=people.coordinator,
    )


@time_machine.travel("2026-11-23 09:00 +0700", tick=True)
def test_coordinator_redates_a_task_and_sees_it_in_history(phone, live_server, people, commune, issued_plan):
    page = phone
    task = issued_plan.tasks.get(ref="II.2")
    login(page, live_server, "dieuphoi")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/ke-hoach/{issued_plan.pk}/nhiem-vu/{task.pk}/")
    expect(page.locator("main").get_by_text("Trễ hạn").first).to_be_visible()
    page.get_by_role("link", name="Điều chỉnh nhiệm vụ").click()

    page.get_by_text("Đổi thời hạn").click()
    form = page.locator("form:has(input[name='action'][value='dates'])")
    # Without a reason nothing changes and the page says why.
    form.get_by_label("Hạn (ngày cuối)").fill("2026-12-20")
    form.get_by_role("button", name="Lưu thời hạn").click()
    expect(page.get_by_text("Vui lòng ghi lý do điều chỉnh.").first).to_be_visible()
    assert not TaskChange.objects.exists()

    form = page.locator("form:has(input[name='action'][value='dates'])")
    form.get_by_label("Hạn (ngày cuối)").fill("2026-12-20")
    form.get_by_label("Lý do điều chỉnh").fill("Chờ Quy chế mẫu của tỉnh")
    form.get_by_role("button", name="Lưu thời hạn").click()

    expect(page.get_by_role("status")).to_contain_text("Đã đổi thời hạn nhiệm vụ.")
    history = page.locator("ol.change-list")
    expect(history).to_contain_text("Đổi thời hạn")
    expect(history).to_contain_text("Trước ngày 31/03/2026")
    expect(history).to_contain_text("Trước ngày 20/12/2026")
    expect(history).to_contain_text("Chờ Quy chế mẫu của tỉnh")
    # No longer late once its date moved on.
    expect(page.locator(".facts .tag-late")).to_have_count(0)
    assert page.evaluate(OVERFLOW) <= 0


def test_activation_pages_fit_a_phone(phone, live_server, people, lam_dong):
    dormant = make_commune("24650", "Xã Đinh Văn", lam_dong, "dinh-van", active=False)
    login(phone, live_server, "sonoivu")
    for path in ["kich-hoat/", f"kich-hoat/{dormant.code}/"]:
        phone.goto(f"{live_server.url}/tinh/{lam_dong.code}/{path}")
        assert phone.evaluate(OVERFLOW) <= 0, path
    phone.get_by_label("Tên đăng nhập của công chức đầu mối").fill("dv.dieuphoi")
    phone.get_by_label("Họ và tên công chức đầu mối").fill("Trần Thị Bình")
    phone.get_by_role("button", name="Kích hoạt").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Đã kích hoạt Xã Đinh Văn")
    expect(phone.locator(".one-time-password")).to_have_count(1)
    assert phone.evaluate(OVERFLOW) <= 0
