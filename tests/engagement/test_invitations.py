"""A dialogue's invitation reaches the village heads and the Mặt trận, as text ready for the loudspeaker."""

from __future__ import annotations

import datetime as dt

import pytest

from danvan.comms.models import Notification
from danvan.core.errors import ServiceError
from danvan.core.models import AuditEvent
from danvan.engagement.invitations import dialogue_invitation_send, invitation_text
from danvan.geo.models import Village
from tests.engagement.conftest import dialogue

pytestmark = pytest.mark.django_db


def test_the_announcement_reads_aloud_with_time_place_and_where_to_ask(commune, people):
    d = dialogue(commune, people.coordinator, villages=Village.objects.filter(commune=commune))
    text = invitation_text(d, portal_url="https://xa.example/doi-thoai/1/")
    assert text.startswith("THÔNG BÁO\n")
    assert f"Ủy ban nhân dân {commune.name[0].lower()}{commune.name[1:]} tổ chức" in text
    assert "8 giờ 00, ngày 20/03/2026" in text
    assert "Địa điểm: Nhà văn hóa thôn 1." in text
    village = Village.objects.get(commune=commune)
    assert f"Thành phần mời: {village.name}." in text
    assert "gửi câu hỏi trước tại: https://xa.example/doi-thoai/1/" in text


def test_sending_reaches_village_heads_and_the_front_and_is_audited(commune, people):
    d = dialogue(commune, people.coordinator)
    assert dialogue_invitation_send(by=people.coordinator, dialogue=d) == 2
    reached = set(
        Notification.objects.filter(key__startswith="engagement:dialogue_invitation").values_list(
            "user__username", flat=True
        )
    )
    assert reached == {people.village_head.username, people.supervisor.username}
    d.refresh_from_db()
    assert d.invitation_sent_to == 2 and d.invitation_sent_at is not None
    assert AuditEvent.objects.filter(action="engagement.dialogue_invitation_sent").count() == 1
    # Sending again after a change reaches them again.
    dialogue_invitation_send(by=people.coordinator, dialogue=d)
    assert (
        Notification.objects.filter(user=people.village_head, key__contains="dialogue_invitation").count()
        == 2
    )


def test_only_the_invited_villages_heads_are_reached(commune, people):
    other = Village.objects.create(commune=commune, name="Thôn 9")
    d = dialogue(commune, people.coordinator, villages=[other])
    assert dialogue_invitation_send(by=people.coordinator, dialogue=d) == 1  # the Mặt trận only
    assert not Notification.objects.filter(user=people.village_head).exists()


def test_refusals_change_nothing(commune, people):
    d = dialogue(commune, people.coordinator)
    with pytest.raises(ServiceError, match="quyền"):
        dialogue_invitation_send(by=people.village_head, dialogue=d)
    d.on = dt.date(2026, 3, 1)
    d.save(update_fields=["on"])
    with pytest.raises(ServiceError, match="đã qua"):
        dialogue_invitation_send(by=people.coordinator, dialogue=d)
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(action="engagement.dialogue_invitation_sent").exists()


def test_the_dialogue_page_offers_the_text_and_sends(client, commune, people):
    d = dialogue(commune, people.coordinator)
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/doi-thoai/{d.pk}/").content.decode()
    assert "Thông báo cho loa truyền thanh, nhóm Zalo của thôn" in page and "THÔNG BÁO" in page
    response = client.post(f"/lam-viec/{commune.code}/doi-thoai/{d.pk}/gui-moi/", follow=True)
    assert "Đã gửi giấy mời tới 2 người" in response.content.decode()
    client.force_login(people.village_head)
    assert client.post(f"/lam-viec/{commune.code}/doi-thoai/{d.pk}/gui-moi/").status_code == 403
