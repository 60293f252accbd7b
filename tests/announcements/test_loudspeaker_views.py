"""The loudspeaker pages: a bulletin composed from a post, scheduled, marked aired with a recording."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from danvan.announcements.models import Broadcast, Bulletin
from tests.announcements.conftest import write
from tests.announcements.test_loudspeaker import wav_bytes

pytestmark = pytest.mark.django_db


def test_compose_schedule_and_record_a_broadcast(client, commune, people, villages):
    post = write(people, commune)
    client.force_login(people.coordinator)
    base = f"/lam-viec/{commune.code}/loa/"
    response = client.post(base, {"title": "Bản tin sáng", "air_date": "07/12/2026"})
    bulletin = Bulletin.objects.get()
    assert response.status_code == 302
    client.post(f"{base}{bulletin.pk}/muc/", {"post": post.pk})
    empty = client.post(f"{base}{bulletin.pk}/muc/", {"title": "", "text": ""})
    assert empty.status_code == 400 and "cần có tiêu đề và nội dung" in empty.content.decode()
    at = (timezone.localtime() + timedelta(hours=1)).strftime("%d/%m/%Y %H:%M")
    form = {
        "cluster": "Cụm loa Thôn 1 – Thôn 2",
        "villages": [villages[0].pk, villages[1].pk],
        "at": at,
        "reader": "Chị Hoa",
    }
    assert client.post(f"{base}{bulletin.pk}/lich-phat/", {**form, "duration_minutes": 0}).status_code == 400
    client.post(f"{base}{bulletin.pk}/lich-phat/", {**form, "duration_minutes": 5})
    broadcast = Broadcast.objects.get()
    client.post(
        f"{base}{bulletin.pk}/lich-phat/{broadcast.pk}/da-phat/",
        {"recording": SimpleUploadedFile("doc.wav", wav_bytes())},
    )
    broadcast.refresh_from_db()
    assert broadcast.aired_at and broadcast.recording
    page = client.get(f"{base}{bulletin.pk}/").content.decode()
    assert "Lịch tiêm phòng cho gia súc" in page and "Cụm loa Thôn 1 – Thôn 2" in page and "ghi âm" in page


def test_supervisor_reads_the_log_but_cannot_schedule(client, commune, people):
    client.force_login(people.supervisor)
    assert client.get(f"/lam-viec/{commune.code}/loa/").status_code == 200
    assert (
        client.post(f"/lam-viec/{commune.code}/loa/", {"title": "x", "air_date": "07/12/2026"}).status_code
        == 403
    )
