"""Posts and subscriptions: write once, send to the right subscribers once, consent and stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.announcements import services
from danvan.announcements.models import Post, Subscriber
from danvan.announcements.selectors import latest_posts, published_posts
from danvan.comms.models import OutboundMessage
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from tests.announcements.conftest import subscribe, write

pytestmark = pytest.mark.django_db


def test_a_post_for_two_villages_reaches_only_their_subscribers_once(commune, people, villages):
    subscribe(commune, "0912345678", [villages[0].pk])
    subscribe(commune, "ba@example.vn", [villages[1].pk], channel="email")
    subscribe(commune, "0987654321", [villages[2].pk])
    post = write(people, commune, village_ids=[villages[0].pk, villages[1].pk])
    assert services.post_send(by=people.coordinator, post=post) == 2
    assert services.post_send(by=people.coordinator, post=post) == 0  # idempotent
    sent = OutboundMessage.objects.filter(purpose="announcement")
    assert sorted(sent.values_list("recipient", flat=True)) == ["0912345678", "ba@example.vn"]
    sms = sent.get(channel="sms")
    assert sms.text.startswith("UBND xã Tà Đùng thông báo: Lịch tiêm phòng cho gia súc Xem: ")
    assert "Hủy nhận tin: " in sms.text and "/nhan-tin/huy/" in sms.text
    assert "Ngày 10/12 tiêm phòng" in sent.get(channel="email").text
    assert AuditEvent.objects.filter(action="announcements.post_sent").count() == 2


def test_a_whole_commune_post_reaches_every_active_subscriber(commune, people, villages):
    subscribe(commune, "0912345678", [villages[0].pk])
    subscribe(commune, "0987654321", [villages[2].pk])
    Subscriber.objects.filter(address="0987654321").update(unsubscribed_at=timezone.now())
    services.subscription_request(
        commune=commune, channel="sms", address="0911111111", village_ids=[villages[1].pk], consent=True
    )
    post = write(people, commune)
    assert services.post_send(by=people.coordinator, post=post) == 1  # unconfirmed and stopped get nothing


def test_a_future_post_is_not_on_the_portal_and_its_messages_wait(commune, people, villages):
    subscribe(commune, "0912345678", [villages[0].pk])
    later = timezone.now() + timedelta(days=1)
    post = write(people, commune, publish_at=later)
    assert post not in published_posts(commune)
    services.post_send(by=people.coordinator, post=post)
    assert OutboundMessage.objects.get(purpose="announcement").not_before >= later


def test_expired_posts_leave_the_portal(commune, people):
    old = write(
        people,
        commune,
        publish_at=timezone.now() - timedelta(days=3),
        expires_at=timezone.now() - timedelta(days=1),
    )
    new = write(people, commune, title="Họp dân thôn 2")
    assert latest_posts(commune) == [new]
    with pytest.raises(ServiceError) as err:
        services.post_send(by=people.coordinator, post=old)
    assert err.value.code == "expired"


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"title": " "}, "title"),
        ({"body": ""}, "body"),
        ({"category": "quang-cao"}, "category"),
        ({"sms_text": "Đ" * 300}, "sms_text"),
        ({"village_ids": [999999]}, "villages"),
    ],
)
def test_bad_posts_are_refused_with_nothing_written(commune, people, kw, field):
    with pytest.raises(ServiceError) as err:
        write(people, commune, **kw)
    assert err.value.field == field
    assert not Post.objects.exists()


def test_an_sms_text_too_long_says_how_many_segments(commune, people):
    with pytest.raises(ServiceError) as err:
        write(people, commune, sms_text="Đ" * 300)
    assert "phần tin (tối đa 5)" in err.value.message


def test_a_village_head_or_supervisor_cannot_write(commune, people):
    with pytest.raises(ServiceError):
        write(people, commune, by=people.supervisor)


def test_subscription_needs_consent_a_valid_number_and_the_right_code(commune, villages):
    with pytest.raises(ServiceError) as err:
        services.subscription_request(
            commune=commune, channel="sms", address="0912345678", village_ids=[villages[0].pk], consent=False
        )
    assert err.value.field == "consent"
    with pytest.raises(ServiceError) as err:
        services.subscription_request(
            commune=commune, channel="sms", address="12345", village_ids=[villages[0].pk], consent=True
        )
    assert "Số điện thoại không hợp lệ" in err.value.message
    sub = services.subscription_request(
        commune=commune, channel="sms", address="+84 912 345 678", village_ids=[villages[0].pk], consent=True
    )
    code_message = OutboundMessage.objects.get(purpose="subscription_code")
    assert code_message.urgent and code_message.secret and code_message.recipient == "0912345678"
    with pytest.raises(ServiceError):
        services.subscription_confirm(commune=commune, channel="sms", address="0912345678", code="000000x")
    sub.refresh_from_db()
    assert not sub.active and sub.code_attempts == 1 and sub.consent_at and "đồng ý" in sub.consent_text


def test_stop_link_unsubscribes(commune, villages, people):
    subscribe(commune, "0912345678", [villages[0].pk])
    sub = Subscriber.objects.get()
    assert services.subscription_stop(commune=commune, token=sub.token).unsubscribed_at
    assert services.subscription_stop(commune=commune, token="khong-co") is None
    assert services.post_send(by=people.coordinator, post=write(people, commune)) == 0
