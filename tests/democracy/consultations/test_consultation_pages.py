"""Consultation pages: permissions, moderation (a comment is on the portal only once approved), the rate
limit, comments after the close."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.utils import timezone

from danvan.democracy import services
from danvan.democracy.models import ConsultationComment
from danvan.democracy.rules import CommentStatus
from tests.democracy.pages import login, ws

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_unapproved_comment_never_on_portal(client, people, commune, consultation):
    cache.clear()
    url = f"/xa/{commune.slug}/lay-y-kien/{consultation.pk}/"
    form = client.get(url).content.decode()
    token = re.search(r'name="client_token" value="([0-9a-f]+)"', form).group(1)
    body = "Đề nghị làm đường vào khu sản xuất thôn 3."
    data = {
        "client_token": token,
        "body": body,
        "author_name": "Nguyễn Thị Hoa",
        "author_contact": "0912000111",
    }
    sent = client.post(url, data)
    assert "Cảm ơn bạn đã góp ý" in sent.content.decode()
    again = client.post(url, data)  # a retry after a lost connection
    assert again.status_code == 200 and ConsultationComment.objects.count() == 1
    assert body not in client.get(url).content.decode()
    comment = ConsultationComment.objects.get()
    login(client, people.coordinator)
    staff = client.get(ws(commune) + f"/lay-y-kien/{consultation.pk}/").content.decode()
    assert body in staff
    client.post(
        ws(commune) + f"/lay-y-kien/{consultation.pk}/y-kien/{comment.pk}/duyet/", {"action": "approve"}
    )
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    client.logout()
    public = client.get(url).content.decode()
    assert body in public
    assert "Nguyễn Thị Hoa" not in public and "0912000111" not in public


def test_comment_rate_limited_like_the_petitions_form(client, commune, consultation):
    cache.clear()
    url = f"/xa/{commune.slug}/lay-y-kien/{consultation.pk}/"
    codes = [client.post(url, {"client_token": f"t{n}", "body": f"Ý kiến {n}"}).status_code for n in range(6)]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    assert ConsultationComment.objects.count() == 5


def test_comment_after_close_is_refused_on_portal(client, people, commune):
    today = timezone.localdate()
    c = services.consultation_create(
        by=people.coordinator,
        commune=commune,
        matter="other",
        title="Đã đóng",
        opens_on=today - dt.timedelta(days=20),
        closes_on=today - dt.timedelta(days=1),
    )
    services.consultation_publish(by=people.coordinator, consultation=c)
    page = client.get(f"/xa/{commune.slug}/lay-y-kien/{c.pk}/").content.decode()
    assert "Đã hết thời gian nhận ý kiến" in page and "Gửi ý kiến" not in page
    client.post(f"/xa/{commune.slug}/lay-y-kien/{c.pk}/", {"client_token": "x", "body": "Muộn"})
    assert not ConsultationComment.objects.exists()
