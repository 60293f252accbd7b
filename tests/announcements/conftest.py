from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from danvan.announcements import services
from danvan.geo.models import Village


@pytest.fixture
def villages(commune, people):
    first = Village.objects.get(commune=commune, name="Thôn 1")
    return [
        first,
        Village.objects.create(commune=commune, name="Thôn 2"),
        Village.objects.create(commune=commune, name="Thôn 3"),
    ]


def write(people, commune, **kw) -> services.Post:
    args = {
        "by": people.coordinator,
        "commune": commune,
        "title": "Lịch tiêm phòng cho gia súc",
        "body": (
            "Ngày 10/12 tiêm phòng lở mồm long móng tại nhà văn hóa thôn.\n"
            "Đề nghị bà con đưa gia súc đến đúng giờ."
        ),
        "category": "thong-bao",
        "publish_at": timezone.now() - timedelta(minutes=1),
    }
    return services.post_save(**{**args, **kw})


def subscribe(commune, address, village_ids, channel="sms") -> None:
    """Ask and confirm, reading the code from the queued message as the resident reads their phone."""
    from danvan.comms.models import OutboundMessage

    sub = services.subscription_request(
        commune=commune, channel=channel, address=address, village_ids=village_ids, consent=True
    )
    text = OutboundMessage.objects.filter(key__startswith=f"sub-code:{sub.pk}:").latest("id").text
    code = text.split(": ")[1][:6]
    services.subscription_confirm(commune=commune, channel=channel, address=address, code=code)
