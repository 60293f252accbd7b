"""Petitions the commune records that reached it through others: the Front, a village head, a council
member, the commune's Zalo group (issue 20). Recorded by staff like any other channel."""

from __future__ import annotations

import pytest
from django.utils import timezone

from danvan.core.errors import ServiceError
from danvan.petitions import services
from danvan.petitions.models import Petition

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("channel", ["front", "village_head", "council", "zalo"])
def test_staff_record_a_petition_brought_by_others(commune, people, channel):
    p = services.petition_record(
        by=people.coordinator,
        commune=commune,
        channel=channel,
        received_on=timezone.localdate(),
        content="Bà con thôn 1 đề nghị sửa cầu tràn.",
        kind_hint="recommendation",
        client_token=f"kenh-{channel}",
    )
    assert p.channel == channel and p.get_channel_display() == Petition.Channel(channel).label


def test_the_portal_is_not_a_channel_staff_can_claim(commune, people):
    with pytest.raises(ServiceError, match="Kênh tiếp nhận không hợp lệ"):
        services.petition_record(
            by=people.coordinator,
            commune=commune,
            channel="portal",
            received_on=timezone.localdate(),
            content="Nội dung.",
            client_token="kenh-portal",
        )


def test_the_record_form_offers_the_new_channels(client, commune, people):
    client.force_login(people.coordinator)
    page = client.get(f"/lam-viec/{commune.code}/don-thu/ghi-nhan/").content.decode()
    assert "Mặt trận, đoàn thể chuyển đến" in page and "Trưởng thôn chuyển đến" in page
