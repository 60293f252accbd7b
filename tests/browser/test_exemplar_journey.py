"""“Dân vận khéo” in a real browser: a village head registers a model on a phone, the coordinator accepts
it, a council member scores it, the coordinator closes the evaluation, the Chairman records the
recognition decision, and the model appears on the commune portal."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.exemplars.models import Exemplar
from danvan.geo.models import Village
from danvan.org.models import Unit
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def login(page, live_server, username):
    page.context.clear_cookies()
    sign_in(page, live_server, username)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")


def test_a_model_goes_from_a_phone_registration_to_the_portal(phone, desktop, live_server, people, commune):
    today = timezone.localdate()
    base = f"{live_server.url}/lam-viec/{commune.code}/dan-van-kheo"
    assert Unit.objects.filter(commune=commune).exists()
    Village.objects.get(commune=commune, name="Thôn 1")

    # The village head registers the village's model on a phone.
    page = phone
    login(page, live_server, "truongthon")
    page.goto(f"{base}/")
    page.get_by_role("link", name="Đăng ký mô hình mới").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký mô hình “Dân vận khéo”")
    assert fits(page)
    page.get_by_label("Tên mô hình").fill("Tổ hòa giải “Nói để dân nghe”")
    page.get_by_label("Lĩnh vực").select_option(label="Xây dựng hệ thống chính trị")
    expect(page.get_by_label("Ai đăng ký")).to_have_value("village")
    expect(page.get_by_label("Thôn, tổ dân phố đăng ký")).to_have_value(
        str(Village.objects.get(commune=commune, name="Thôn 1").pk)
    )
    page.get_by_label("Chủ thể xây dựng").fill("Ban nhân dân Thôn 1 và tổ hòa giải")
    page.get_by_label("Nội dung, cách làm").fill(
        "Tổ hòa giải đến tận nhà nghe dân nói trước khi mâu thuẫn lớn."
    )
    page.get_by_label("Kết quả dự kiến 1").fill("Vụ việc được hòa giải thành")
    page.get_by_label("Đơn vị tính 1").fill("vụ")
    page.get_by_label("Mức phấn đấu 1").fill("10")
    page.get_by_label("Ngày sơ kết, đánh giá").fill((today + dt.timedelta(days=200)).isoformat())
    page.get_by_label("Đồng ý công khai").check()
    page.get_by_role("button", name="Đăng ký mô hình").click()
    expect(page.get_by_role("status")).to_contain_text("Đã đăng ký mô hình")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổ hòa giải “Nói để dân nghe”")
    assert fits(page)
    model = Exemplar.objects.get()
    assert model.status == "registered" and model.village.name == "Thôn 1"

    # The coordinator sees it in the overview and accepts it.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.goto(f"{base}/")
    expect(office.locator(".dvk-overview")).to_contain_text("1/1 thôn")
    office.get_by_role("link", name="Tổ hòa giải “Nói để dân nghe”").click()
    office.get_by_role("button", name="Tiếp nhận đăng ký").click()
    expect(office.get_by_role("status")).to_contain_text("mô hình đang xây dựng")

    # The village head reports progress against the target.
    page.reload()
    page.get_by_label("Tiến độ, kết quả đạt được").fill("Đã hòa giải thành 12 vụ.")
    page.get_by_label("Vụ việc được hòa giải thành").fill("12")
    page.get_by_role("button", name="Cập nhật tiến độ").click()
    expect(page.get_by_role("status")).to_contain_text("Đã cập nhật tiến độ")
    expect(page.locator("table").first).to_contain_text("120%")

    # The Front's member scores it as a council member.
    login(office, live_server, "mattran")
    office.goto(f"{base}/{model.pk}/")
    for label, points in (
        ("Hiệu quả", "28"),
        ("Sự tham gia", "23"),
        ("Cách làm", "13"),
        ("Sức lan tỏa", "13"),
    ):
        office.get_by_label(label).fill(points)
    office.get_by_label("Tính bền vững").fill("12")
    office.get_by_role("button", name="Ghi phiếu chấm điểm").click()
    expect(office.get_by_role("status")).to_contain_text("Đã ghi phiếu chấm điểm")

    # The coordinator closes the evaluation: 89 points propose it to the province.
    login(office, live_server, "dieuphoi")
    office.goto(f"{base}/{model.pk}/")
    office.get_by_label("Kết luận của hội đồng").fill("Mô hình vượt chỉ tiêu, đề nghị cấp tỉnh công nhận.")
    office.get_by_role("button", name="Kết luận đánh giá").click()
    expect(office.get_by_role("status")).to_contain_text("Đã kết luận đánh giá")
    expect(office.locator("main")).to_contain_text("Đề nghị cấp tỉnh công nhận")

    # The Chairman records the decision.
    login(office, live_server, "chutich")
    office.goto(f"{base}/{model.pk}/")
    office.locator("#id_kind").select_option("award")
    office.get_by_label("Số quyết định").fill("21/QĐ-UBND")
    office.get_by_label("Hình thức khen thưởng").fill("Giấy khen của Chủ tịch UBND xã")
    office.get_by_role("button", name="Ghi quyết định công nhận").click()
    expect(office.get_by_role("status")).to_contain_text("Đã ghi quyết định công nhận")
    model.refresh_from_db()
    assert model.status == "recognised" and model.commendation.level == "province"

    # Residents find it on the portal, on a phone.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/xa/{commune.slug}/")
    page.get_by_role("link", name="Mô hình, điển hình “Dân vận khéo” đã được công nhận").click()
    page.get_by_role("link", name="Tổ hòa giải “Nói để dân nghe”").click()
    expect(page.locator("main")).to_contain_text("21/QĐ-UBND")
    expect(page.locator("main")).to_contain_text("12 vụ (120%)")
    assert fits(page)
