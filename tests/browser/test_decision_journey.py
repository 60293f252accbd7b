"""Village decisions in a real browser: the village head ticks attendance and sees the quorum appear; a
household representative votes online on a phone with the code sent to the household's e-mail."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from danvan.democracy import services
from danvan.democracy.models import BallotChoice, Household, VillageDecision
from danvan.democracy.rules import Matter, Method
from danvan.geo.models import Village
from tests.browser.conftest import sign_in
from tests.democracy.conftest import add_households, make_decision

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    sign_in(page, live_server, username)


def test_village_head_records_attendance_and_sees_the_quorum(phone, live_server, people, commune):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    households = add_households(village, 10)
    Village.objects.filter(pk=village.pk).update(households=10)  # the register covers the village
    decision = make_decision(village, people.village_head)
    services.decision_open(decision=decision, by=people.village_head)

    page = phone  # the village head runs the meeting with a phone
    login(page, live_server, "truongthon")
    page.goto(f"{live_server.url}/lam-viec/{commune.code}/ban-quyet-dinh/")
    page.get_by_role("link", name="Làm đường bê tông liên xóm").click()
    page.get_by_role("link", name="Điểm danh hội nghị").click()
    quorum = page.locator("#quorum")
    expect(quorum).to_contain_text("Có mặt: 0/10 hộ.")
    # A contribution needs two thirds of all households (Điều 21(1)): 7 of 10 must be able to approve.
    for h in households[:6]:
        page.get_by_role("checkbox", name=f"{h.code} {h.head_name}").check()
    expect(page.locator("#quorum")).to_contain_text("Có mặt: 6/10 hộ.")
    expect(page.locator("#quorum")).to_contain_text("cần ít nhất 7 hộ")
    page.get_by_role("checkbox", name=f"{households[6].code} {households[6].head_name}").check()
    expect(page.locator("#quorum")).to_contain_text("Có mặt: 7/10 hộ.")
    expect(page.locator("#quorum")).to_contain_text("đủ để có thể đạt tỷ lệ tán thành")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    page.get_by_role("button", name="Ghi nhận điểm danh").click()
    expect(page.get_by_role("status").first).to_contain_text("7/10 hộ tham dự, đủ để có thể đạt tỷ lệ")
    decision.refresh_from_db()
    assert decision.quorum_met is True and decision.present_count == 7


def test_resident_votes_online_on_a_phone_with_a_code(phone, live_server, people, commune):
    village = Village.objects.get(commune=commune, name="Thôn 1")
    add_households(village, 4)
    Village.objects.filter(pk=village.pk).update(households=4)  # the register covers the village
    Household.objects.filter(village=village, code="H002").update(email="ho2@example.vn")
    decision = make_decision(
        village, people.village_head, matter=Matter.OTHER_SELF_MANAGED, method=Method.ONLINE
    )
    services.decision_agree_online(decision=decision, by=people.village_head, as_role="village_head")
    services.decision_agree_online(decision=decision, by=people.supervisor, as_role="front")
    services.decision_open(decision=decision, by=people.village_head)
    mail.outbox.clear()

    page = phone
    page.goto(f"{live_server.url}/xa/{commune.slug}/bieu-quyet/")
    page.get_by_role("link", name="Làm đường bê tông liên xóm").click()
    step1 = page.locator("section", has=page.get_by_role("heading", name="Bước 1. Nhận mã xác thực"))
    step1.get_by_label("Mã hộ gia đình").fill("H002")
    step1.get_by_role("button", name="Gửi mã xác thực").click()
    expect(page.get_by_text("Đã gửi mã xác thực tới h***@example.vn")).to_be_visible()
    code = re.search(r": (\d{6})\.", mail.outbox[-1].body).group(1)

    step2 = page.locator("section", has=page.get_by_role("heading", name="Bước 2. Biểu quyết"))
    expect(step2.get_by_label("Mã hộ gia đình")).to_have_value("H002")
    step2.get_by_label("Mã xác thực (6 chữ số)").fill(code)
    step2.get_by_label("Tán thành", exact=True).check()
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    step2.get_by_role("button", name="Gửi biểu quyết").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đã ghi nhận biểu quyết")
    decision = VillageDecision.objects.get(pk=decision.pk)
    assert sum(BallotChoice.objects.filter(decision=decision).values_list("count", flat=True)) == 1

    # The same code a second time: refused with its message, nothing counted.
    page.goto(f"{live_server.url}/xa/{commune.slug}/bieu-quyet/{decision.pk}/")
    step2 = page.locator("section", has=page.get_by_role("heading", name="Bước 2. Biểu quyết"))
    step2.get_by_label("Mã hộ gia đình").fill("H002")
    step2.get_by_label("Mã xác thực (6 chữ số)").fill(code)
    step2.get_by_label("Không tán thành").check()
    step2.get_by_role("button", name="Gửi biểu quyết").click()
    expect(page.get_by_role("alert")).to_contain_text("mỗi hộ chỉ được biểu quyết một lần")
    assert sum(BallotChoice.objects.filter(decision=decision).values_list("count", flat=True)) == 1
