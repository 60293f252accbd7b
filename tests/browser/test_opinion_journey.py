"""Knowing what people think, in a real browser: a village head records an opinion entry on a phone, the
leader sees the alert with the place's petitions and gives a direction, the coordinator issues the
monthly summary .docx; a resident follows the survey poster's link on a phone and answers without an
account, and the leader sees the satisfaction index."""

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from danvan.opinion.models import OpinionAlert, OpinionSummary
from danvan.surveys import services as survey_services
from danvan.surveys.models import Question, Response
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)  # the password, then the second factor where the role needs it


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_an_opinion_entry_reaches_the_leader_and_the_monthly_summary(
    phone, desktop, live_server, people, commune
):
    base = f"{live_server.url}/lam-viec/{commune.code}/du-luan"

    # The village head, on a phone, after the village meeting.
    login(phone, live_server, "truongthon")
    phone.goto(f"{base}/")
    phone.get_by_role("link", name="Ghi phiếu nắm tình hình").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Ghi phiếu nắm tình hình")
    assert fits(phone)
    expect(phone.get_by_label("Thôn, tổ dân phố")).to_have_value(
        str(people.village_head.memberships.get().village_id)
    )
    phone.get_by_label("Lĩnh vực").select_option(label="Môi trường")
    phone.get_by_label("Người dân nói gì").fill("Bà con bức xúc vì bãi rác tạm bốc mùi, đề nghị di dời.")
    phone.get_by_label("Bức xúc").check()
    phone.get_by_label("Khoảng bao nhiêu người").fill("25")
    phone.get_by_role("button", name="Ghi phiếu").click()
    expect(phone.get_by_role("status")).to_contain_text("Lãnh đạo xã đã được báo")
    assert fits(phone)

    # The Chairman sees the alert and gives a direction.
    alert = OpinionAlert.objects.get()
    login(desktop, live_server, "chutich")
    desktop.goto(f"{base}/")
    desktop.get_by_role("link", name="Thôn 1 – Môi trường").first.click()
    expect(desktop.get_by_role("heading", name=f"Cảnh báo dư luận #{alert.pk}")).to_be_visible()
    expect(desktop.get_by_text("bãi rác tạm bốc mùi")).to_be_visible()
    desktop.get_by_label("Chỉ đạo xử lý").fill(
        "Phòng Kinh tế kiểm tra, báo cáo trong 3 ngày; đối thoại tại thôn."
    )
    desktop.get_by_role("button", name="Đã nắm, ghi chỉ đạo").click()
    expect(desktop.get_by_role("status")).to_contain_text("Đã ghi nhận chỉ đạo")

    # The coordinator writes and issues the month's summary, then downloads it.
    login(desktop, live_server, "dieuphoi")
    today = timezone.localdate()
    desktop.goto(f"{base}/bao-cao/")
    desktop.get_by_label("Tháng hoặc quý").fill(str(today.month))
    desktop.get_by_label("Năm").fill(str(today.year))
    desktop.get_by_role("button", name="Lập báo cáo kỳ này").click()
    expect(desktop.get_by_label("Nội dung")).to_contain_text("bãi rác")
    desktop.get_by_role("button", name="Lưu báo cáo").click()
    expect(desktop.get_by_role("status")).to_contain_text("Đã lưu báo cáo")
    desktop.get_by_label("Số văn bản").fill("15")
    desktop.get_by_role("button", name="Ban hành báo cáo").click()
    expect(desktop.get_by_text("Đã ban hành: số 15/BC-UBND")).to_be_visible()
    with desktop.expect_download() as info:
        desktop.get_by_role("link", name="Tải báo cáo (.docx)").click()
    doc = Document(info.value.path())
    assert any("bãi rác" in p.text for p in doc.paragraphs)
    assert OpinionSummary.objects.get().number == 15


def test_a_resident_answers_from_the_poster_and_the_leader_sees_the_index(
    phone, desktop, live_server, people, commune
):
    survey = survey_services.survey_create_sipas(by=people.coordinator, commune=commune)
    survey_services.survey_open(by=people.coordinator, survey=survey)

    # The coordinator prints the poster; its link is what the QR code holds.
    login(desktop, live_server, "dieuphoi")
    desktop.goto(f"{live_server.url}/lam-viec/{commune.code}/khao-sat/{survey.pk}/ap-phich/")
    expect(desktop.locator(".survey-qr svg")).to_be_visible()
    link = desktop.locator("strong", has_text="/k/").inner_text()
    assert link.endswith(f"/k/{survey.short_code}/")

    # A resident opens it on a phone, without an account.
    phone.context.clear_cookies()
    phone.goto(link)
    expect(phone.get_by_role("heading", level=1)).to_have_text(survey.title)
    assert fits(phone)
    for q in Question.objects.filter(section__survey=survey, required=True):
        group = phone.get_by_role("group", name=q.text, exact=True)
        if q.kind == "scale":
            group.get_by_label("4 – Hài lòng").check()
        else:
            group.get_by_role("radio").first.check()
    phone.get_by_role("button", name="Gửi phiếu").click()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Xin cảm ơn ông/bà!")
    assert Response.objects.count() == 1

    # The Chairman sees the index.
    login(desktop, live_server, "chutich")
    desktop.goto(f"{live_server.url}/lam-viec/{commune.code}/khao-sat/{survey.pk}/ket-qua/")
    expect(desktop.get_by_text("Chung:")).to_contain_text("100,0%")
    expect(desktop.get_by_role("cell", name="Thủ tục hành chính")).to_be_visible()


def test_the_new_pages_have_no_accessibility_violations_and_fit_a_phone(
    desktop, phone, live_server, people, commune
):
    from axe_playwright_python.sync_playwright import Axe

    from danvan.opinion import services as opinion_services

    opinion_services.entry_record(
        by=people.village_head,
        commune=commune,
        data=opinion_services.EntryInput(
            observed_on=timezone.localdate(),
            village=people.village_head.memberships.get().village,
            field=None,
            summary="Bà con hỏi về giá đền bù làm đường.",
            level="hotspot_risk",
        ),
    )
    alert = OpinionAlert.objects.get()
    survey = survey_services.survey_create_sipas(by=people.coordinator, commune=commune)
    survey_services.survey_open(by=people.coordinator, survey=survey)
    axe = Axe()
    problems = []

    def check(url):
        response = desktop.goto(url)
        assert response.status == 200, url
        found = axe.run(desktop).response["violations"]
        problems.extend(f"{url}: {v['id']} at {v['nodes'][0]['target']}: {v['help']}" for v in found)
        # The same page on a 375-px phone, logged in as the same person, never scrolls sideways.
        phone.context.clear_cookies()
        phone.context.add_cookies(desktop.context.cookies())
        assert phone.goto(url).status == 200, url
        if not fits(phone):
            problems.append(f"{url}: scrolls sideways on a phone")

    desktop.context.clear_cookies()
    for path in (f"khao-sat/{survey.short_code}/", "muc-do-hai-long/"):
        check(f"{live_server.url}/xa/{commune.slug}/{path}")
    login(desktop, live_server, "chutich")
    start, end = timezone.localdate().replace(day=1), timezone.localdate()
    for path in (
        "du-luan/",
        "du-luan/ghi/",
        f"du-luan/canh-bao/{alert.pk}/",
        "du-luan/bao-cao/",
        f"du-luan/bao-cao/{start.isoformat()}/{end.isoformat()}/",
        "khao-sat/",
        f"khao-sat/{survey.pk}/",
        f"khao-sat/{survey.pk}/ket-qua/",
        f"khao-sat/{survey.pk}/ap-phich/",
        f"khao-sat/{survey.pk}/phieu-giay/",
        "khao-sat/danh-gia-don/",
    ):
        check(f"{live_server.url}/lam-viec/{commune.code}/{path}")
    assert problems == []
