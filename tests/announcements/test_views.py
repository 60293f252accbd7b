"""Pages of announcements: staff write and send; the portal shows news, the feed, OG tags; residents
subscribe, confirm and stop."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.announcements.models import Post, Subscriber
from danvan.comms.models import OutboundMessage
from tests.announcements.conftest import subscribe, write

pytestmark = pytest.mark.django_db


def ws(commune):
    return f"/lam-viec/{commune.code}/tin-tuc/"


def test_coordinator_writes_a_post_for_two_villages_and_sends_it(client, commune, people, villages):
    subscribe(commune, "0912345678", [villages[1].pk])
    client.force_login(people.coordinator)
    assert client.get(ws(commune) + "moi/").status_code == 200
    response = client.post(
        ws(commune) + "moi/",
        {
            "title": "Họp dân bàn làm đường",
            "category": "thong-bao",
            "body": "Mời đại diện các hộ dự họp lúc 19 giờ tại nhà văn hóa.",
            "villages": [villages[0].pk, villages[1].pk],
            "publish_at": (timezone.localtime() - timedelta(minutes=5)).strftime("%d/%m/%Y %H:%M"),
            "to_portal": "on",
            "sms_text": "Mời họp dân bàn làm đường 19h tối nay tại nhà văn hóa.",
        },
    )
    post = Post.objects.get()
    assert response.status_code == 302 and {v.name for v in post.villages.all()} == {"Thôn 1", "Thôn 2"}
    page = client.get(ws(commune) + f"{post.pk}/").content.decode()
    assert "phần tin" in page and "Người đăng ký nhận tin của các thôn này:</strong> 1" in page
    assert "Bản đọc trên loa" in page and "phút đọc" in page
    client.post(ws(commune) + f"{post.pk}/gui/")
    assert OutboundMessage.objects.filter(purpose="announcement").count() == 1
    docx = client.get(ws(commune) + f"{post.pk}/ban-in.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    printed = client.get(ws(commune) + f"{post.pk}/ban-in.pdf")
    assert printed.status_code == 200 and printed.content[:5] == b"%PDF-"
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(BytesIO(printed.content)).pages)
    assert "Kính gửi: Nhân dân" in text and "Thôn 1" in text


def test_a_bad_post_is_a_400_with_the_reason(client, commune, people):
    client.force_login(people.coordinator)
    response = client.post(
        ws(commune) + "moi/",
        {"title": "Tin", "category": "thong-bao", "body": "x", "publish_at": "32/13/2026 10:00"},
    )
    assert response.status_code == 400 and "dd/mm/yyyy hh:mm" in response.content.decode()
    assert not Post.objects.exists()


def test_supervisor_reads_but_cannot_write_outsider_sees_nothing(client, commune, people):
    client.force_login(people.supervisor)
    assert client.get(ws(commune)).status_code == 200
    assert client.get(ws(commune) + "moi/").status_code == 403
    client.force_login(people.outsider)
    assert client.get(ws(commune)).status_code == 404


def test_portal_news_feed_and_open_graph(client, commune, people, settings):
    settings.DANVAN_SITE_URL = "https://danvan.example.vn"
    post = write(people, commune)
    write(people, commune, title="Tin chưa đăng", publish_at=timezone.now() + timedelta(days=2))
    home = client.get(f"/xa/{commune.slug}/").content.decode()
    assert "Lịch tiêm phòng cho gia súc" in home and "Tin chưa đăng" not in home
    news = client.get(f"/xa/{commune.slug}/tin-tuc/").content.decode()
    assert "Lịch tiêm phòng cho gia súc" in news
    detail = client.get(f"/xa/{commune.slug}/tin-tuc/{post.pk}/").content.decode()
    assert '<meta property="og:title" content="Lịch tiêm phòng cho gia súc">' in detail
    assert f'content="https://danvan.example.vn/xa/{commune.slug}/tin-tuc/{post.pk}/"' in detail
    feed = client.get(f"/xa/{commune.slug}/tin-tuc/atom.xml")
    assert feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    assert "<title>Lịch tiêm phòng cho gia súc</title>" in body and "Tin chưa đăng" not in body
    assert client.get(f"/xa/{commune.slug}/tin-tuc/999999/").status_code == 404


def test_resident_subscribes_confirms_and_stops(client, commune, villages):
    url = f"/xa/{commune.slug}/nhan-tin/"
    bad = client.post(
        url, {"channel": "sms", "address": "0123", "villages": [villages[0].pk], "consent": "on"}
    )
    assert bad.status_code == 400 and "Số điện thoại không hợp lệ" in bad.content.decode()
    page = client.post(
        url, {"channel": "sms", "address": "0912 345 678", "villages": [villages[0].pk], "consent": "on"}
    )
    assert "Nhập mã xác nhận" in page.content.decode()
    code = re.search(r": (\d{6})\.", OutboundMessage.objects.get(purpose="subscription_code").text).group(1)
    wrong = client.post(url + "xac-nhan/", {"channel": "sms", "address": "0912345678", "code": "12"})
    assert wrong.status_code == 400 and "Mã xác nhận không đúng" in wrong.content.decode()
    ok = client.post(url + "xac-nhan/", {"channel": "sms", "address": "0912345678", "code": code})
    assert "Đăng ký thành công" in ok.content.decode()
    sub = Subscriber.objects.get()
    assert sub.active
    stop_url = f"{url}huy/{sub.token}/"
    client.get(stop_url)  # a link preview must not unsubscribe
    sub.refresh_from_db()
    assert sub.active
    assert "Bạn đã hủy nhận tin" in client.post(stop_url).content.decode()
    sub.refresh_from_db()
    assert not sub.active
    assert client.post(f"{url}huy/khong-dung/").status_code == 404
