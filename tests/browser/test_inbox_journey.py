"""Each person's home in a real browser: a phản ánh moves between the coordinator, the Chairman and a unit
officer, and the "chờ tôi" counts on each home change with it; the clicks one simple phản ánh takes are
counted with the full procedure and with the commune's choice to skip thụ lý and xác minh; a published
answer goes to the Chairman for approval; the workspace menu and the petition list work at 360 px and at
1366 px."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.petitions import services
from danvan.petitions.models import Petition
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)
OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


class Clicks:
    """Every click or choice in a list a person makes (typing is not counted), by person."""

    def __init__(self):
        self.by: dict[str, int] = {}
        self.moves = 0

    def click(self, who, locator):
        locator.click()
        self.by[who] = self.by.get(who, 0) + 1

    def choose(self, who, locator, **kw):
        locator.select_option(**kw)
        self.by[who] = self.by.get(who, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.by.values())


def login(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)  # the password, then the second factor where the role needs it
    page.wait_for_url("**/lam-viec/**")


def waiting(page, key: str) -> int:
    """The count the person's home shows for one kind of work (0 when it is not there)."""
    link = page.locator(f'[data-inbox="{key}"] strong')
    return int(link.inner_text()) if link.count() else 0


def submit(commune, *, consent=False) -> Petition:
    return services.petition_submit(
        commune=commune,
        content="Đèn đường đầu thôn 1 hỏng ba hôm nay, tối đi lại nguy hiểm.",
        kind_hint="feedback",
        received_on=timezone.localdate(),
        publish_consent=consent,
        identity={"full_name": "Hoàng Văn Dân", "phone": "0912345670"} if consent else None,
    )


def open_case(clicks, who, page, p):
    clicks.click(who, page.locator(".inbox-bucket[open]").get_by_role("link", name=p.tracking_code))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Đơn {p.tracking_code}")


def handle_simple_feedback(page, live_server, commune, clicks: Clicks, *, full: bool) -> Petition:
    """One phản ánh from the citizen's đơn to the unit's answer, as each person does it from their home."""
    home = f"{live_server.url}/lam-viec/{commune.code}/"
    p = submit(commune)

    login(page, live_server, "dieuphoi")
    assert waiting(page, "classify") == 1
    open_case(clicks, "coordinator", page, p)
    clicks.click("coordinator", page.get_by_text("Phân loại đơn", exact=True).first)
    # A phản ánh's form has no complaint-only fields.
    expect(page.get_by_label("Khiếu nại lần")).to_have_count(0)
    clicks.choose("coordinator", page.get_by_label("Đơn vị xử lý"), label="Phòng Kinh tế")
    clicks.click("coordinator", page.get_by_role("button", name="Phân loại đơn"))
    expect(page.get_by_role("status").first).to_contain_text("Đã phân loại đơn.")
    clicks.moves += 1
    page.goto(home)
    assert waiting(page, "classify") == 0

    if full:
        login(page, live_server, "chutich")
        assert waiting(page, "accept") == 1
        open_case(clicks, "leader", page, p)
        clicks.click("leader", page.get_by_text("Thụ lý đơn", exact=True).first)
        clicks.click("leader", page.get_by_role("button", name="Thụ lý đơn"))
        expect(page.get_by_role("status").first).to_contain_text("Đã thụ lý đơn.")
        clicks.moves += 1
        page.goto(home)
        assert waiting(page, "accept") == 0

    login(page, live_server, "kinhte")
    if full:
        assert waiting(page, "verify") == 1 and waiting(page, "answer") == 0
        open_case(clicks, "officer", page, p)
        clicks.click("officer", page.get_by_text("Bắt đầu xác minh", exact=True).first)
        clicks.click("officer", page.get_by_role("button", name="Bắt đầu xác minh"))
        expect(page.get_by_role("status").first).to_contain_text("Đã chuyển sang xác minh.")
        clicks.moves += 1
    else:
        assert waiting(page, "answer") == 1
        open_case(clicks, "officer", page, p)
    clicks.click("officer", page.get_by_text("Ghi kết quả giải quyết", exact=True).first)
    page.get_by_label("Kết quả giải quyết").fill("Ngày 3/12 xã đã thay bóng đèn đầu thôn 1.")
    clicks.click("officer", page.get_by_role("button", name="Ghi kết quả giải quyết"))
    expect(page.get_by_role("status").first).to_contain_text("Đã ghi kết quả giải quyết.")
    clicks.moves += 1
    page.goto(home)
    assert waiting(page, "answer") == 0 and waiting(page, "verify") == 0
    p.refresh_from_db()
    assert p.status == Petition.Status.RESOLVED
    return p


def test_inbox_counts_follow_a_feedback_and_the_short_path_saves_clicks(
    desktop, live_server, commune, people
):
    before = Clicks()
    handle_simple_feedback(desktop, live_server, commune, before, full=True)

    # The Chairman lets phản ánh skip thụ lý and xác minh on the commune's workflow page.
    login(desktop, live_server, "chutich")
    desktop.goto(f"{live_server.url}/lam-viec/{commune.code}/don-thu/quy-trinh/")
    desktop.locator("#id_feedback-skip_acceptance").check()
    desktop.locator("#id_feedback-skip_verification").check()
    desktop.get_by_role("button", name="Lưu quy trình phản ánh").click()
    expect(desktop.get_by_role("status").first).to_contain_text("Đã lưu quy trình xử lý.")

    after = Clicks()
    handle_simple_feedback(desktop, live_server, commune, after, full=False)

    print(
        f"\nphản ánh đơn giản: trước {before.moves} bước, {before.total} lần bấm, {len(before.by)} người "
        f"{before.by}; sau {after.moves} bước, {after.total} lần bấm, {len(after.by)} người {after.by}"
    )
    assert (before.moves, len(before.by)) == (4, 3)
    assert (after.moves, len(after.by)) == (2, 2)
    assert after.total < before.total


def test_a_published_answer_waits_on_the_chairmans_home_until_approved(desktop, live_server, commune, people):
    unit = commune.units.get(name="Phòng Kinh tế")
    p = submit(commune, consent=True)
    p = services.petition_classify(
        petition=p, kind="feedback", eligible=True, unit=unit, by=people.coordinator
    )
    p = services.petition_accept(petition=p, on=timezone.localdate(), by=people.leader)
    services.petition_start_verification(petition=p, by=people.officer)
    home = f"{live_server.url}/lam-viec/{commune.code}/"

    login(desktop, live_server, "kinhte")
    assert waiting(desktop, "answer") == 1
    open_case(Clicks(), "officer", desktop, p)
    desktop.get_by_text("Ghi kết quả giải quyết", exact=True).first.click()
    desktop.get_by_label("Kết quả giải quyết").fill("Xã đã thay bóng đèn.")
    desktop.get_by_label("Công khai kết quả trên cổng thông tin").check()
    desktop.get_by_role("button", name="Ghi kết quả giải quyết").click()
    expect(desktop.get_by_role("status").first).to_contain_text("Đã trình lãnh đạo duyệt")
    desktop.goto(home)
    assert waiting(desktop, "answer") == 0

    login(desktop, live_server, "chutich")
    assert waiting(desktop, "approve") == 1
    open_case(Clicks(), "leader", desktop, p)
    desktop.get_by_text("Trả lại dự thảo trả lời", exact=True).first.click()
    desktop.get_by_label("Ý kiến của lãnh đạo (cần bổ sung, sửa gì)").fill("Ghi rõ ngày thay đèn.")
    desktop.get_by_role("button", name="Trả lại dự thảo trả lời").click()
    desktop.goto(home)
    assert waiting(desktop, "approve") == 0

    login(desktop, live_server, "kinhte")
    assert waiting(desktop, "answer") == 1
    # The returned comment reaches the officer as an unread notification, marked read from the home.
    expect(desktop.locator(".notes li.unread", has_text="Ghi rõ ngày thay đèn.")).to_have_count(1)
    desktop.get_by_role("button", name="Đánh dấu đã đọc tất cả").click()
    expect(desktop.locator(".notes li.unread")).to_have_count(0)
    open_case(Clicks(), "officer", desktop, p)
    expect(desktop.locator("main")).to_contain_text("Lãnh đạo trả lại dự thảo: Ghi rõ ngày thay đèn.")
    desktop.get_by_text("Ghi kết quả giải quyết", exact=True).first.click()
    desktop.get_by_label("Kết quả giải quyết").fill("Ngày 3/12 xã đã thay bóng đèn.")
    desktop.get_by_label("Công khai kết quả trên cổng thông tin").check()
    desktop.get_by_role("button", name="Ghi kết quả giải quyết").click()

    login(desktop, live_server, "chutich")
    assert waiting(desktop, "approve") == 1
    open_case(Clicks(), "leader", desktop, p)
    desktop.get_by_text("Duyệt và công khai trả lời", exact=True).first.click()
    desktop.get_by_role("button", name="Duyệt và công khai trả lời").click()
    expect(desktop.get_by_role("status").first).to_contain_text("Đã duyệt")
    p.refresh_from_db()
    assert p.status == Petition.Status.RESOLVED and p.answer_published
    desktop.goto(home)
    assert waiting(desktop, "approve") == 0


def test_the_workspace_menu_and_lists_at_360_and_1366_px(browser, live_server, commune, people):
    unit = commune.units.get(name="Phòng Kinh tế")
    for _ in range(3):
        services.petition_classify(
            petition=submit(commune), kind="feedback", eligible=True, unit=unit, by=people.coordinator
        )
    case = Petition.objects.filter(commune=commune).first()
    workspace = f"{live_server.url}/lam-viec/{commune.code}/"
    pages = ["", "don-thu/", f"don-thu/{case.pk}/", "don-thu/han-xu-ly/", "don-thu/quy-trinh/", "tiep-dan/"]

    wide = browser.new_context(viewport={"width": 1366, "height": 800}, locale="vi-VN")
    page = wide.new_page()
    login(page, live_server, "chutich")
    menu = page.get_by_role("navigation", name="Chức năng")
    expect(menu.locator("summary")).to_be_hidden()
    links = menu.get_by_role("link")
    assert links.count() >= 12
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert links.nth(i).is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= 1366, i
    wide.close()

    narrow = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    page = narrow.new_page()
    login(page, live_server, "chutich")
    too_wide = []
    for path in pages:
        assert page.goto(workspace + path).status == 200, path
        if page.evaluate(OVERFLOW) > 0:
            too_wide.append(f"{path}: {page.evaluate(OVERFLOW)} px")
    assert too_wide == []
    # The menu is folded behind one button; every item is there once it opens.
    page.goto(workspace)
    menu = page.get_by_role("navigation", name="Chức năng")
    expect(menu.get_by_role("link", name="Đơn thư")).to_be_hidden()
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="Đơn thư")).to_be_visible()
    # The petition list is a pile of cards, not a 7-column table.
    page.goto(workspace + "don-thu/")
    row = page.locator("table.cards tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    expect(row.locator("td").first).to_be_visible()
    narrow.close()


def test_every_workspace_page_of_the_demo_fits_360_px(browser, live_server):
    from danvan.demo.services import DEMO_PASSWORD, demo_setup
    from danvan.plans.models import Plan
    from tests.browser.test_phone_layout import STAFF

    commune, _ = demo_setup()
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    page = context.new_page()
    sign_in(page, live_server, "dieuphoi", DEMO_PASSWORD)
    page.wait_for_url(f"**/lam-viec/{commune.code}/")
    workspace = f"{live_server.url}/lam-viec/{commune.code}/"
    plan = Plan.objects.filter(commune=commune).first()
    case = Petition.objects.filter(commune=commune).order_by("id").first()
    extra = [f"ke-hoach/{plan.pk}/", f"don-thu/{case.pk}/", "lich/", "can-cu-phap-ly/", "kien-nghi-cu-tri/"]
    too_wide = []
    for path in [*STAFF, *extra]:
        assert page.goto(workspace + path).status == 200, path
        if page.evaluate(OVERFLOW) > 0:
            too_wide.append(f"{path}: {page.evaluate(OVERFLOW)} px")
    context.close()
    assert too_wide == []
