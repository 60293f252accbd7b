"""The message log page: search, masked numbers, a denouncer never shown, resend a failed message."""

from __future__ import annotations

import pytest

from danvan.comms.models import OutboundMessage
from danvan.comms.outbox import message_queue
from danvan.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def url(commune):
    return f"/lam-viec/{commune.code}/tin-nhan/"


def make(commune, key, **kw):
    args = {
        "channel": "sms",
        "recipient": "0912345678",
        "text": "Thông báo họp thôn",
        "purpose": "announcement",
    }
    return message_queue(commune=commune, key=key, **{**args, **kw})


def test_coordinator_searches_and_sees_masked_numbers(client, commune, people):
    make(commune, "a")
    make(commune, "b", recipient="0987654321", text="Lịch tiêm phòng")
    client.force_login(people.coordinator)
    page = client.get(url(commune), {"q": "tiêm"}).content.decode()
    assert "Lịch tiêm phòng" in page and "Thông báo họp thôn" not in page
    assert "098*****21" in page and "0987654321" not in page
    page = client.get(url(commune), {"recipient": "+84 912 345 678"}).content.decode()
    assert "Thông báo họp thôn" in page and "Lịch tiêm phòng" not in page


def test_a_denouncers_message_is_never_found_by_number_nor_shown(client, commune, people):
    make(commune, "d", protected=True, text="UBND xã: đơn mã ABC – Đã tiếp nhận.")
    client.force_login(people.leader)
    page = client.get(url(commune)).content.decode()
    assert "người tố cáo: được giữ bí mật" in page and "091*****78" not in page
    assert "đơn mã ABC" not in client.get(url(commune), {"recipient": "0912345678"}).content.decode()


def test_other_roles_and_communes_are_refused(client, commune, people):
    client.force_login(people.supervisor)
    assert client.get(url(commune)).status_code == 403
    client.force_login(people.outsider)
    assert client.get(url(commune)).status_code == 404


def test_resend_a_failed_message(client, commune, people):
    message = make(commune, "f")
    OutboundMessage.objects.filter(pk=message.pk).update(
        status="failed", attempts=5, last_error="Cổng SMS lỗi"
    )
    client.force_login(people.officer)
    assert client.post(f"{url(commune)}{message.pk}/gui-lai/").status_code == 403
    client.force_login(people.coordinator)
    assert "Cổng SMS lỗi" in client.get(url(commune), {"status": "failed"}).content.decode()
    assert client.post(f"{url(commune)}{message.pk}/gui-lai/").status_code == 302
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 0)
    assert AuditEvent.objects.filter(action="comms.message_retry").count() == 1
    # Sending it again once queued is refused with a message, nothing changes.
    response = client.post(f"{url(commune)}{message.pk}/gui-lai/", follow=True)
    assert "Chỉ gửi lại được tin đã gửi không được." in response.content.decode()
