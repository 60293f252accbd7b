"""A grassroots mediation in a real browser: the village head assigns mediators, starts the mediation,
records that it failed, and turns it into a petition of the commune, which the case page then shows."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.geo.models import Village
from danvan.mediation import services
from danvan.mediation.models import Case
from danvan.petitions.models import Petition
from tests.browser.test_petition_journey import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_failed_mediation_becomes_a_petition(desktop, live_server, people, commune):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    team = services.team_save(
        by=people.coordinator, commune=commune, village=village, name="Tổ hòa giải Thôn 1"
    )
    for name, gender, leader in [
        ("Lê Văn Một", "male", True),
        ("Trần Thị Hai", "female", False),
        ("Phạm Ba", "male", False),
    ]:
        services.mediator_add(
            by=people.coordinator, team=team, full_name=name, gender=gender, is_leader=leader
        )
    today = timezone.localdate()
    case = services.case_open(
        by=people.village_head,
        team=team,
        received_on=today - dt.timedelta(days=2),
        basis=Case.Basis.REQUESTED,
        matter=Case.Matter.LAND,
        parties="Hộ ông A\nHộ bà B",
        summary="Tranh chấp lối đi chung giữa hai hộ.",
    )
    page = desktop
    login(page, live_server, "truongthon")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/hoa-giai/vu-viec/{case.pk}/")

    assign = page.locator("details", has_text="Phân công hòa giải viên")
    assign.locator("summary").click()
    assign.get_by_label("Lê Văn Một", exact=True).check()
    assign.get_by_label("Trần Thị Hai", exact=True).check()
    assign.get_by_label("Ngày phân công").fill(today.isoformat())
    assign.get_by_role("button", name="Lưu").click()
    expect(page.locator("dl.facts")).to_contain_text("Lê Văn Một")

    start = page.locator("details", has_text="Bắt đầu hòa giải")
    start.locator("summary").click()
    start.get_by_label("Ngày bắt đầu hòa giải").fill(today.isoformat())
    start.get_by_role("button", name="Lưu").click()
    expect(page.locator("dl.facts")).to_contain_text("Bắt đầu hòa giải")

    end = page.locator("details", has_text="Ghi kết quả hòa giải")
    end.locator("summary").click()
    end.get_by_label("Hòa giải không thành").check()
    end.get_by_label("Ngày kết thúc").fill(today.isoformat())
    end.get_by_label("Thỏa thuận đạt được (hoặc lý do, ý kiến các bên)").fill(
        "Hai bên không thống nhất lối đi."
    )
    end.get_by_role("button", name="Lưu").click()
    expect(page.locator("dl.facts")).to_contain_text("không thành")

    page.get_by_role("button", name="Chuyển thành đơn").click()
    expect(page.get_by_role("status")).to_contain_text("Đã ghi nhận thành đơn mã")
    petition = Petition.objects.get(commune=commune)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đơn {petition.tracking_code}")
    case.refresh_from_db()
    assert case.status == Case.Status.FAILED and case.follow_up_petition_id == petition.pk
