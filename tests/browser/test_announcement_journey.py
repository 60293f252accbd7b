"""Reaching people in a real browser: a resident subscribes to Thôn 1 on a phone (the code arrives on a
local fake SMS gateway); the coordinator writes a post for Thôn 1 and Thôn 2, publishes it on the portal,
sends it to subscribers and puts it in the loudspeaker bulletin; each channel's output is checked: the
gateway got the SMS, the feed has the item, the bulletin has its broadcast log and its draft audio."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from danvan.announcements.loudspeaker import espeak_path
from danvan.comms.outbox import deliver_due
from danvan.geo.models import Village
from tests.browser.conftest import sign_in
from tests.comms.conftest import fake_server  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db(transaction=True)
TITLE = "Mời họp dân bàn sửa nhà văn hóa"


def login(page, live_server, username):
    sign_in(page, live_server, username)


def test_a_post_reaches_the_portal_the_feed_subscribers_and_the_loudspeaker(
    phone,
    desktop,
    live_server,
    people,
    commune,
    settings,
    fake_server,  # noqa: F811
):
    from django.core.cache import cache

    cache.clear()
    fake_server.answer("/sms", (200, {"message_id": "g-1"}))
    settings.DANVAN_SENDERS = {"sms": "danvan.comms.senders.http_sms.HttpSmsSender"}
    settings.DANVAN_SMS_GATEWAY = {"url": fake_server.url + "/sms"}
    Village.objects.create(commune=commune, name="Thôn 2")

    # A resident subscribes to Thôn 1 on a phone; the code comes by SMS (through the fake gateway).
    phone.goto(f"{live_server.url}/xa/{commune.slug}/nhan-tin/")
    phone.get_by_label("Tin nhắn điện thoại").check()
    phone.get_by_label("Số điện thoại di động hoặc địa chỉ thư điện tử").fill("0912 34 56")
    phone.get_by_label("Thôn 1", exact=True).check()
    phone.get_by_label(re.compile("Tôi đồng ý")).check()
    phone.get_by_role("button", name="Gửi mã xác nhận").click()
    expect(phone.get_by_text("Số điện thoại không hợp lệ")).to_be_visible()
    phone.get_by_label("Số điện thoại di động hoặc địa chỉ thư điện tử").fill("0912 345 678")
    phone.get_by_label("Thôn 1", exact=True).check()
    phone.get_by_label(re.compile("Tôi đồng ý")).check()
    phone.get_by_role("button", name="Gửi mã xác nhận").click()
    expect(phone.get_by_role("heading", name="Nhập mã xác nhận")).to_be_visible()
    [code_sms] = fake_server.on("/sms")
    assert code_sms.json()["phone"] == "84912345678"
    code = re.search(r": (\d{6})\.", code_sms.json()["message"]).group(1)
    phone.get_by_label("Mã xác nhận").fill(code)
    phone.get_by_role("button", name="Xác nhận").click()
    expect(phone.get_by_role("heading", name="Đăng ký thành công")).to_be_visible()

    # The coordinator writes the post once, for two villages, with its SMS text.
    office = desktop
    login(office, live_server, "dieuphoi")
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/tin-tuc/moi/")
    office.get_by_label("Tiêu đề").fill(TITLE)
    office.locator("#id_body").fill("Mời đại diện các hộ dự họp lúc 19 giờ tại nhà văn hóa Thôn 2.")
    office.get_by_label("Thôn 1", exact=True).check()
    office.get_by_label("Thôn 2", exact=True).check()
    published = timezone.localtime() - timedelta(minutes=2)
    office.get_by_label("Đăng lúc").fill(published.strftime("%Y-%m-%dT%H:%M"))
    office.get_by_label("Nội dung tin nhắn SMS/Zalo").fill("Mời họp dân 19h tối nay tại nhà văn hóa Thôn 2.")
    office.get_by_role("button", name="Lưu tin").click()
    expect(office.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(office.get_by_text(re.compile(r"\d phần tin"))).to_be_visible()
    office.get_by_role("button", name=re.compile("Gửi tới người đăng ký")).click()
    expect(office.get_by_text("Đã đưa 1 tin nhắn mới")).to_be_visible()
    office.get_by_role("button", name=re.compile("Gửi tới người đăng ký")).click()
    expect(office.get_by_text("Đã đưa 0 tin nhắn mới")).to_be_visible()  # a second send sends nothing
    deliver_due()  # what the worker does
    sms = fake_server.on("/sms")[-1].json()
    assert len(fake_server.on("/sms")) == 2 and sms["phone"] == "84912345678"
    assert sms["message"].startswith("Mời họp dân 19h tối nay") and "/nhan-tin/huy/" in sms["message"]

    # The portal, its home page and the feed have it.
    phone.goto(f"{live_server.url}/xa/{commune.slug}/")
    phone.get_by_role("link", name=TITLE).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(TITLE)
    feed = phone.request.get(f"{live_server.url}/xa/{commune.slug}/tin-tuc/atom.xml")
    assert feed.ok and f"<title>{TITLE}</title>" in feed.text()

    # The loudspeaker: a bulletin with the post, scheduled on a cluster, aired, and its draft audio.
    office.goto(f"{live_server.url}/lam-viec/{commune.code}/loa/")
    office.get_by_label("Tên bản tin").fill("Bản tin tối")
    office.get_by_label("Ngày phát").fill(timezone.localdate().isoformat())
    office.get_by_role("button", name="Tạo bản tin").click()
    office.get_by_label("Lấy từ tin bài").select_option(label=TITLE)
    office.get_by_role("button", name="Thêm vào bản tin").click()
    expect(office.locator("ol.card")).to_contain_text(TITLE)
    office.get_by_label("Cụm loa").fill("Cụm loa Thôn 1 – Thôn 2")
    office.get_by_label("Giờ phát").fill(timezone.localtime().strftime("%Y-%m-%dT%H:%M"))
    office.get_by_role("button", name="Lên lịch").click()
    office.get_by_role("button", name="Ghi nhận đã phát").click()
    expect(office.get_by_text("Đã ghi nhận lượt phát.")).to_be_visible()
    if espeak_path():
        office.get_by_role("button", name="Tạo bản đọc thử bằng giọng máy").click()
        expect(office.locator("audio")).to_have_count(1)
